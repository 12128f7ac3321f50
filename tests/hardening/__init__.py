"""Hardening: bad input, failing servers, crashing engines and kills, counted."""
