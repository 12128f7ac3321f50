"""Speech: sentence splitting, text prepared for listening, and the synthesis worker."""
