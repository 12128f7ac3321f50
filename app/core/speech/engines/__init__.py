"""Speech engines behind one interface (see :mod:`.base`); each engine is one module."""
