"""The reading policy: block languages, sentence spans, navigation and voice choice.

No audio, no Qt, no speech engine: voices resolve against a fixed list of a
few voices as espeak-ng lists them, so the rules are tested on their own.
"""

from __future__ import annotations

import pytest

from lismoi.core.article import Article, Block
from lismoi.core.reading import (
    DEFAULT_LOCALE,
    Cursor,
    Position,
    Reading,
    VoiceChoices,
    article_languages,
    block_lang,
    sentence_spans,
)
from lismoi.core.voices import EngineVoices, InstalledVoice

# A few voices exactly as espeak-ng 1.51 reports them through the speech worker.
ESPEAK = EngineVoices(
    "espeak",
    voices=(
        InstalledVoice("roa/fr", "French (France)", ("fr-fr",), "male"),
        InstalledVoice("gmw/en", "English (Great Britain)", ("en-gb",), "male"),
        InstalledVoice("gmw/en-US", "English (America)", ("en-us",), "male"),
        InstalledVoice("roa/es", "Spanish (Spain)", ("es",), "male"),
    ),
    variants=("Annie", "f3", "f4", "f2"),
)


def article(*texts: str, lang: str | None = "fr-FR", locale: str | None = "fr-FR") -> Article:
    blocks = [Block("paragraph", t, lang=lang) for t in texts]
    return Article(title="Essai", locale=locale, blocks=blocks)


# ---------------------------------------------------------------- languages


def test_a_blocks_language_is_its_own_then_its_hint_then_the_articles_then_french():
    art = Article(
        locale="fr-CA",
        blocks=[
            Block("paragraph", "a", lang="en-GB", lang_hint="de"),
            Block("paragraph", "b", lang_hint="es"),
            Block("paragraph", "c"),
        ],
    )
    assert [block_lang(art, i) for i in range(3)] == ["en-GB", "es", "fr-CA"]
    art.locale = None
    assert block_lang(art, 2) == DEFAULT_LOCALE == "fr-FR"
    assert block_lang(art, 7) == block_lang(None, 0) == "fr-FR"  # no such block


def test_article_languages_are_the_main_one_the_others_and_their_locales():
    art = Article(
        locale="fr-CA",
        blocks=[
            Block("paragraph", "a", lang="fr-FR"),
            Block("paragraph", "b", lang="en-US"),
            Block("paragraph", "c", lang="en-GB"),
            Block("paragraph", "d", lang="en-GB"),
            Block("paragraph", "e", lang="es"),
            Block("paragraph", "f", lang_hint="de"),  # a hint alone is not offered a voice
        ],
    )
    main, others, locale_of = article_languages(art)
    assert (main, others) == ("fr", ["en", "es"])
    assert locale_of == {"fr": "fr-CA", "en": "en-GB", "es": "es"}  # main keeps the locale
    assert article_languages(None) == ("fr", [], {"fr": "fr-FR"})


# ---------------------------------------------------------------- sentences


def test_sentences_are_split_by_the_blocks_own_language():
    text = "Mr. Smith came home. He left."
    art = Article(
        locale="fr-FR",
        blocks=[Block("quote", text, lang="en"), Block("paragraph", text, lang="fr-FR")],
    )
    reading = Reading(art)
    # English knows "Mr." does not end a sentence; French rules do not.
    assert [text[s:e] for s, e in reading.spans(0)] == ["Mr. Smith came home.", "He left."]
    assert len(reading.spans(1)) == 3
    assert reading.spans(0) == sentence_spans(text, "en")


def test_empty_blocks_have_no_sentence_and_a_block_without_an_end_is_one():
    reading = Reading(article("", "  \n ", "Bonjour tout le monde"))
    assert reading.spans(0) == reading.spans(1) == []
    assert reading.spans(2) == [(0, len("Bonjour tout le monde"))]
    assert reading.spans(9) == []  # no such block
    assert Reading().spans(0) == [] and Reading().block_count == 0


# ---------------------------------------------------------------- navigation

NAV = ("Un. Deux. Trois.", "", "Quatre. Cinq.", "   ", "Six.")


def test_positions_step_over_empty_blocks_both_ways():
    reading = Reading(article(*NAV))
    assert list(reading.positions()) == [(0, 0), (0, 1), (0, 2), (2, 0), (2, 1), (4, 0)]
    assert reading.first(1) == (2, 0) and reading.first(5) is None
    assert reading.first(1, last=1) is None  # nothing to say in block 1 alone
    assert reading.next((0, 2)) == (2, 0)
    assert reading.next((0, 2), last=0) is None
    assert reading.next((4, 0)) is None
    assert reading.previous((2, 0)) == (0, 2)
    assert reading.previous((0, 0)) is None
    assert reading.previous_block(4) == (2, 0) and reading.previous_block(0) is None
    assert reading.text(Position(2, 1)) == "Cinq."
    assert reading.text((1, 0)) == "" and reading.span((1, 0)) is None


def test_sentence_at_a_text_offset():
    reading = Reading(article("Un. Deux phrases ici. Trois pour finir."))
    spans = reading.spans(0)
    assert reading.sentence_at(0, 0) == 0
    assert reading.sentence_at(0, spans[1][0] + 2) == 1
    assert reading.sentence_at(0, 10_000) == len(spans) - 1  # a stale offset: the last one
    assert reading.sentence_at(3, 5) == 0  # no such block


def test_a_one_block_session_stays_in_its_block_and_moves_with_the_block_jumps():
    cursor = Cursor(Reading(article(*NAV)))
    assert cursor.start(0, one_block=True) == (0, 0)
    assert cursor.one_block and cursor.last_block == 0
    assert cursor.after((0, 1)) == (0, 2)
    assert cursor.after((0, 2)) is None  # the session ends with its block
    cursor.position = Position(0, 2)
    assert cursor.next_sentence() is None
    assert cursor.previous_sentence() == (0, 1)
    # Next paragraph: the session becomes that paragraph.
    assert cursor.next_block() == (2, 0) and cursor.last_block == 2
    cursor.position = Position(2, 1)
    assert cursor.after((2, 1)) is None
    assert cursor.previous_sentence() == (2, 0)
    assert cursor.previous_block() == (0, 0) and cursor.last_block == 0


def test_a_session_to_the_end_and_no_session():
    reading = Reading(article(*NAV))
    cursor = Cursor(reading)
    assert cursor.start(1, one_block=False) == (2, 0)  # block 1 is empty: the next one
    assert cursor.position == (2, 0) and not cursor.one_block
    assert cursor.after((2, 1)) == (4, 0)
    assert cursor.next_block() == (4, 0) and not cursor.one_block
    cursor.start(0, one_block=True, at=Position(0, 1))
    assert cursor.position == (0, 1)
    cursor.end_session()  # stopped: moves range over the whole article
    assert cursor.after((0, 2)) == (2, 0)
    # A session over blocks with nothing to say has no first sentence.
    empty = Cursor(Reading(article("", "Un.")))
    assert empty.start(0, one_block=True) is None and empty.position == (0, 0)


# ---------------------------------------------------------------- voices


def voices(reading: Reading) -> list[str]:
    return [reading.voice(b).profile.id for b in range(reading.block_count)]


def mixed(locale: str = "fr-FR") -> Article:
    tags = ["fr-FR", "fr-CA", "en-US", "en", "es", "wo"]  # no voice speaks Wolof
    return Article(locale=locale, blocks=[Block("paragraph", t, lang=t) for t in tags])


def test_each_block_gets_its_languages_voice_and_a_language_without_one_the_articles():
    reading = Reading(mixed(), VoiceChoices(installed=ESPEAK))
    assert voices(reading) == [
        "fr-FR-female", "fr-CA-female", "en-US-female", "en-female", "es-female", "fr-FR-female",
    ]  # fmt: skip
    english = Reading(mixed("en-US"), VoiceChoices(installed=ESPEAK))
    assert voices(english)[-1] == "en-US-female"  # Wolof in an English article
    assert english.title_voice().profile.id == "en-US-female"


def test_a_choice_for_a_language_covers_its_regions_and_a_regions_own_wins():
    choices = VoiceChoices(installed=ESPEAK)
    reading = Reading(mixed(), choices)
    choices.choose("fr", "fr-FR-male")
    assert voices(reading)[:2] == ["fr-FR-male", "fr-FR-male"]
    choices.choose("fr-CA", "fr-CA-male")
    assert voices(reading)[:2] == ["fr-FR-male", "fr-CA-male"]
    choices.choose("EN", "en-GB-male")  # tags are case-insensitive
    assert voices(reading)[2:4] == ["en-GB-male", "en-GB-male"]
    # The choice for the article's language also reads what no voice can.
    assert voices(reading)[-1] == "fr-FR-male"


def test_an_unknown_choice_falls_back_and_the_gender_follows_the_listener():
    choices = VoiceChoices(installed=ESPEAK)
    choices.choose("es", "no-such-profile")
    assert Reading(mixed(), choices).voice(4).profile.id == "es-female"
    male = Reading(mixed(), VoiceChoices("male", installed=ESPEAK))
    assert voices(male) == [
        "fr-FR-male", "fr-CA-male", "en-US-male", "en-male", "es-male", "fr-FR-male",
    ]  # fmt: skip


def test_resolution_is_cached_per_key_and_keys_list_the_articles_voices():
    choices = VoiceChoices(installed=ESPEAK)
    reading = Reading(mixed(), choices)
    assert reading.voice(1) is reading.voice(1)
    assert choices.voice(choices.key("FR-ca")) is choices.voice(choices.key("fr-CA"))
    keys = reading.voice_keys()
    assert [k.lang for k in keys] == ["fr-FR", "fr-CA", "en-US", "en", "es", "wo"]
    assert {k.fallback_lang for k in keys} == {"fr-FR"}
    choices.choose("fr", "fr-FR-male")
    assert reading.voice_key(0) != keys[0]  # a new choice is a new key: resolved afresh


@pytest.mark.parametrize("tag", ["fr-FR", "fr-CA", "fr"])
def test_blocks_in_french_are_split_with_french_rules_whatever_the_region(tag):
    text = "Mme. Dupont arrive. Elle repart."
    reading = Reading(Article(locale="fr-FR", blocks=[Block("paragraph", text, lang=tag)]))
    assert [text[s:e] for s, e in reading.spans(0)] == ["Mme. Dupont arrive.", "Elle repart."]
