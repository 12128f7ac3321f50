"""The reading policy: which voice reads each block, split into which sentences.

One answer, used by the Player (what is heard) and the export (what is
written), so both read an article alike:

* :mod:`.languages` -- the default locale, each block's language, and the
  article's languages as the voice bar shows them;
* :mod:`.choices` -- the listener's voice per language and how a language
  resolves to an installed voice, with the fallbacks;
* :mod:`.plan` -- :class:`Reading`, an article as read: the language, voice
  and sentence spans of each block, and how sentences follow each other;
* :mod:`.cursor` -- :class:`Cursor`, the listener's place and the bounds of
  a session (one block, or to the end).

Qt-free and audio-free: the navigation is tested without a sound device.
"""

from lismoi.core.reading.choices import VoiceChoices, VoiceKey
from lismoi.core.reading.cursor import Cursor
from lismoi.core.reading.languages import (
    DEFAULT_LOCALE,
    DEFAULT_PROFILE,
    ArticleLanguages,
    article_languages,
    block_lang,
    main_lang,
)
from lismoi.core.reading.plan import Position, Reading, Span, sentence_spans

__all__ = [
    "DEFAULT_LOCALE",
    "DEFAULT_PROFILE",
    "ArticleLanguages",
    "Cursor",
    "Position",
    "Reading",
    "Span",
    "VoiceChoices",
    "VoiceKey",
    "article_languages",
    "block_lang",
    "main_lang",
    "sentence_spans",
]
