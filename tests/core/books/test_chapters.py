"""Chapters in the article model: additive (a web page has none and its
records are unchanged), a lookup from a block to its chapter, round trips."""

from __future__ import annotations

from lismoi.core.article import Article, Block, Chapter


def _book() -> Article:
    blocks = [Block("heading", f"H{i}", 1) if i in (0, 3, 4) else Block("paragraph", f"P{i}")
              for i in range(7)]  # fmt: skip
    chapters = [Chapter("One", 1, 0), Chapter("Two", 1, 3), Chapter("Two, first part", 2, 3),
                Chapter("Three", 1, 4, lang="fr")]  # fmt: skip
    return Article(title="Book", blocks=blocks, chapters=chapters)


def test_an_article_has_no_chapters_and_its_record_is_unchanged():
    article = Article(title="Page", blocks=[Block("paragraph", "Text.")])
    assert article.chapters == [] and article.notices == []
    assert "chapters" not in article.to_json() and "notices" not in article.to_json()
    assert article.chapter_at(0) is None


def test_each_block_knows_its_chapter_the_deepest_one():
    book = _book()
    assert [book.chapter_at(i) for i in range(7)] == [0, 0, 0, 2, 3, 3, 3]


def test_a_chapter_runs_to_the_next_one_of_any_level():
    book = _book()
    assert book.chapter_range(0) == range(0, 3)
    assert book.chapter_range(1) == range(3, 4)  # "Two" and its first part start together
    assert book.chapter_range(2) == range(3, 4)
    assert book.chapter_range(3) == range(4, 7)


def test_chapters_are_in_the_json_record_and_survive_a_round_trip():
    book = _book()
    record = book.to_json()
    assert record["chapters"][3] == {"title": "Three", "level": 1, "first_block": 4, "lang": "fr"}
    again = Article.from_dict(book.to_dict())
    assert again == book
    # A cached article from before chapters existed still loads.
    old = book.to_dict()
    del old["chapters"], old["notices"]
    assert Article.from_dict(old).chapters == []
