"""Where a first sentence is cut so a slow voice starts sooner: at a clause, only if it helps."""

from __future__ import annotations

from lismoi.core.reading.clauses import BUDGET_MS, MIN_CHARS, clause_cuts, first_cut

LONG = ("The committee met on Tuesday morning, and after a long debate it approved "
        "the new budget for the city.")  # 97 characters: ~290 ms with Piper's joe


def test_clauses_end_at_punctuation_and_a_space_not_inside_numbers_or_words() -> None:
    text = "Il fait 3,5 degrés; demain, pluie — puis soleil: enfin l'été."
    cuts = clause_cuts(text)
    assert [text[c:c + 6] for c in cuts] == ["demain", "pluie ", "puis s", "enfin "]
    assert clause_cuts("No clause here.") == []


def test_a_slow_engine_cuts_the_sentence_at_its_clause() -> None:
    cut = first_cut(LONG, 3.0)  # Piper: ~3 ms per character
    assert LONG[:cut] == "The committee met on Tuesday morning, "
    assert first_cut(LONG, 2.5) == cut  # within the budget at 2.5 ms per character
    assert 2.5 * len(LONG[:cut].strip()) <= BUDGET_MS
    assert LONG[:cut] + LONG[cut:] == LONG  # nothing lost, nothing repeated


def test_no_cut_for_a_fast_engine_a_short_sentence_or_no_clause() -> None:
    assert first_cut(LONG, 0.1) is None  # espeak-ng: the whole sentence in ~10 ms
    assert first_cut(LONG, None) is None  # not measured yet
    assert first_cut("Yes, it is.", 3.0) is None  # short: fast enough whole
    assert first_cut("word " * 30, 3.0) is None  # no clause: never cut between words


def test_pieces_are_never_a_word_or_two() -> None:
    text = "So, " + "the rest of the sentence goes on for a long while after that word."
    assert first_cut(text, 3.0) is None  # "So, " is under MIN_CHARS
    tail = "A long sentence that goes on and on before its only clause ends, here."
    assert len(tail[tail.index(",") + 2:]) < MIN_CHARS
    assert first_cut(tail, 3.0) is None


def test_the_longest_first_clause_within_the_budget_else_the_shortest() -> None:
    text = "First clause is here, second clause is here too, and the end comes at last now."
    cuts = clause_cuts(text)
    assert first_cut(text, 2.0) == cuts[1]  # 2 ms/char: 47 characters fit in 100 ms
    assert first_cut(text, 4.0) == cuts[0]  # 4 ms/char: only the first fits
    assert first_cut(text, 9.0) == cuts[0]  # none fits: the shortest still saves time
