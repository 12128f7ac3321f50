"""Typed errors whose message a user can read.

Every failure the core reports to a user is a :class:`LismoiError`; its
``str()`` is one plain sentence ("Could not reach example.org: no answer after
10 s"), so the CLI prints it as is and the window shows it in a banner.
"""

from __future__ import annotations


class LismoiError(Exception):
    """Base class: ``str(err)`` is a one-line message for humans."""


class LoadError(LismoiError):
    """A source (file, URL, clipboard) could not be turned into a document."""


class NotFoundError(LoadError):
    """The file or page does not exist."""


class NetworkError(LoadError):
    """The server could not be reached or did not answer in time."""


class HttpStatusError(LoadError):
    """The server answered with an error status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class UnsupportedContentError(LoadError):
    """The source is of a kind we cannot read (PDF, image, binary...)."""


class TooLargeError(LoadError):
    """The source is bigger than the size cap."""


class ExtractionError(LismoiError):
    """The document was read but held no article text."""


class SpeechError(LismoiError):
    """The speech engine is missing, crashed or could not speak a text."""


class ExportError(LismoiError):
    """The audio or subtitle file could not be written."""


class ExportCancelled(ExportError):
    """The listener cancelled the export; the partial file was removed."""
