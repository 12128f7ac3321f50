"""The listener's voice per language, and which installed voice reads a language.

A choice is kept per language tag: one for "fr" covers "fr-FR" and
"fr-CA", one for "fr-CA" wins over it there. A language with no choice gets
the profile made for it (``best_profile_for``: in the listener's gender,
unless only the other gender has a natural voice, which then wins); one
with no voice at all is read by the voice of the article's main language,
and last by :data:`DEFAULT_PROFILE`, rather than not at all.

Resolving asks the speech engine for its voices the first time, so callers
that must not block (the Player) resolve in a thread: the cache is locked.
"""

from __future__ import annotations

import contextlib
import threading
from typing import NamedTuple

from lismoi.core.errors import LismoiError
from lismoi.core.i18n import _
from lismoi.core.reading.languages import DEFAULT_LOCALE, DEFAULT_PROFILE
from lismoi.core.voices import Installed, ResolvedVoice, best_profile_for, resolve


class VoiceKey(NamedTuple):
    """Everything the voice of a block depends on (hashable: a cache key)."""

    lang: str  # the block's tag
    choice: str | None  # the profile the listener chose for it, None = automatic
    fallback_lang: str  # the article's main locale, read when ``lang`` has no voice
    fallback_choice: str | None
    gender: str


class VoiceChoices:
    """The listener's voice choices, and their resolution to installed voices (cached)."""

    def __init__(self, gender: str = "female", *, installed: Installed | None = None) -> None:
        self.gender = gender
        self._installed = installed  # None = this machine's (a test passes its own list)
        self._chosen: dict[str, str] = {}  # case-folded tag -> profile id
        self._lock = threading.Lock()
        self._resolved: dict[VoiceKey, ResolvedVoice] = {}

    def choose(self, lang_tag: str, profile_id: str) -> None:
        """Read ``lang_tag`` ("fr-CA", or "fr" for all French) with ``profile_id``."""
        self._chosen[lang_tag.casefold()] = profile_id

    def choice_for(self, lang_tag: str) -> str | None:
        """The profile chosen for ``lang_tag``: its own choice, else its language's."""
        for key in (lang_tag.casefold(), lang_tag.split("-")[0].casefold()):
            if key in self._chosen:
                return self._chosen[key]
        return None

    def key(self, lang_tag: str, fallback_lang: str = DEFAULT_LOCALE) -> VoiceKey:
        """What decides the voice of text in ``lang_tag`` in an article in ``fallback_lang``."""
        return VoiceKey(
            lang_tag,
            self.choice_for(lang_tag),
            fallback_lang,
            self.choice_for(fallback_lang),
            self.gender,
        )

    def voice(self, key: VoiceKey) -> ResolvedVoice:
        """The installed voice for ``key``, resolved once (LismoiError if none fits)."""
        # Tags are case-insensitive ("fr-ca" is "fr-CA"): one resolution for both.
        cache_key = key._replace(
            lang=key.lang.casefold(), fallback_lang=key.fallback_lang.casefold()
        )
        with self._lock:
            voice = self._resolved.get(cache_key)
            if voice is None:
                voice = self._resolved[cache_key] = self._resolve(key)
            return voice

    def forget_resolved(self) -> None:
        """Resolve again from now on (a voice was installed or removed)."""
        with self._lock:
            self._resolved.clear()

    def peek(self, key: VoiceKey) -> ResolvedVoice | None:
        """The voice for ``key`` if it was resolved already, else None (never blocks)."""
        cache_key = key._replace(
            lang=key.lang.casefold(), fallback_lang=key.fallback_lang.casefold()
        )
        # No lock: it is held while a voice is resolved (an engine asked, a process
        # started: half a second), and the UI thread peeks. A dict read is atomic.
        return self._resolved.get(cache_key)

    def _profile_for(self, lang: str, gender: str) -> str | None:
        with contextlib.suppress(KeyError, ValueError):  # a tag no profile knows
            return best_profile_for(lang, gender, installed=self._installed)
        return None

    def _resolve(self, key: VoiceKey) -> ResolvedVoice:
        candidates = (
            lambda: key.choice,
            lambda: self._profile_for(key.lang, key.gender),
            lambda: key.fallback_choice,
            lambda: self._profile_for(key.fallback_lang, key.gender),
            lambda: DEFAULT_PROFILE,
        )
        error: Exception | None = None
        tried: set[str] = set()
        for candidate in candidates:  # lazily: the first that resolves ends the search
            profile_id = candidate()
            if not profile_id or profile_id in tried:
                continue
            tried.add(profile_id)
            try:
                return resolve(profile_id, installed=self._installed)
            except KeyError as exc:  # an unknown profile id: try the next candidate
                error = exc
        message = _("No voice can read this language ({lang}).").format(lang=key.lang)
        raise LismoiError(message) from error
