"""Lis-moi: an offline, multilingual text-to-speech article reader."""

__version__ = "0.1.0"
