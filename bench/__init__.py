"""Benchmark scripts (print figures; never run as timed tests)."""
