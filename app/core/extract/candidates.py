"""Pick the element(s) that hold the article: Readability-style scoring.

Every paragraph-like element with enough text scores points (more for more
text and commas, fewer for link text) for its ancestors, decaying with
distance. An ancestor's class/id and tag nudge its score, and its own link
density discounts it. The best ancestor wins; siblings that score well or
look like prose join it (stories split over sibling containers).
"""

from __future__ import annotations

from bs4.element import Tag

from .dom import BLOCK_TAGS, HEADINGS, Stats
from .patterns import ARTICLE_BODY, NEGATIVE, POSITIVE, STANDFIRST

_TAG_SCORE = {
    "div": 5,
    "article": 8,
    "main": 3,
    "section": 2,
    "pre": 3,
    "td": 3,
    "blockquote": 3,
    "address": -3,
    "ol": -3,
    "ul": -3,
    "dl": -3,
    "dd": -3,
    "dt": -3,
    "li": -3,
    "form": -3,
    "th": -5,
    "header": -5,
    "footer": -5,
    "aside": -5,
    "nav": -10,
}
_NOT_PARAGRAPHS = HEADINGS | {"li", "dt", "th", "a", "ul", "ol", "tr", "table", "body", "html"}
MIN_PARAGRAPH = 25
_SHARED_ANCESTOR_DEPTH = 12  # how far up split pieces of a story may meet
_MIN_ALTERNATIVES = 3
_EARNED_FULL = 10.0
_LEDE_TAGS = ["p", "div", "h2"]
_PARAGRAPH_TAGS = frozenset(["p", "pre", "dd", "blockquote", "td"])


def _has_block_child(el: Tag) -> bool:
    return any(isinstance(c, Tag) and c.name in BLOCK_TAGS for c in el.contents)


def class_weight(el: Tag) -> int:
    """+25 for a content-like class/id, -25 for a furniture-like one (each)."""
    weight = 0
    attrs = el.attrs
    for key in ("class", "id"):
        value = attrs.get(key)
        if not value:
            continue
        if isinstance(value, list):
            value = " ".join(value)
        value = value.lower()
        if NEGATIVE.search(value):
            weight -= 25
        if POSITIVE.search(value):
            weight += 25
        if ARTICLE_BODY.search(value):
            weight += 25
    if attrs.get("itemprop") == "articleBody":
        weight += 50
    return weight


def score(stats: Stats) -> dict[int, tuple[Tag, float]]:
    """Candidate ancestors with their final scores."""
    scores: dict[int, list] = {}
    for para in stats.paragraphs:
        key = id(para)
        n = stats.text[key]
        if n < MIN_PARAGRAPH or para.name in _NOT_PARAGRAPHS:
            continue
        own_links = stats.links[key] / n
        points = (1 + stats.commas[key] + min(n / 100, 3)) * (1 - own_links)
        if points <= 0:
            continue
        # Text loose in a container that also holds blocks (<div>text<br>text<p>...</div>)
        # is that container's own paragraph: Readability wraps it in a <p> inside it.
        el = para if para.name not in _PARAGRAPH_TAGS and _has_block_child(para) else para.parent
        level = 0
        while el is not None and level < 5 and el.name not in ("[document]", "html"):
            entry = scores.get(id(el))
            if entry is None:
                entry = [el, _TAG_SCORE.get(el.name, 0) + class_weight(el), 0.0]
                scores[id(el)] = entry
            entry[2] += points / (1 if level == 0 else 2 if level == 1 else level * 3)
            el = el.parent
            level += 1
    # The tag/class prior counts in full only once the element has earned some points
    # of its own: a "content-title" div with one line must not beat the story.
    return {
        key: (el, (prior * min(1.0, earned / _EARNED_FULL) + earned) * (1 - stats.link_density(el)))
        for key, (el, prior, earned) in scores.items()
    }


def _better_parent(top: Tag, top_score: float, scored: dict[int, tuple[Tag, float]]) -> Tag:
    """Move up when several strong candidates share an ancestor (split stories)."""
    if top.name == "article":  # a self-contained story; its peers are other stories
        return top
    top_ancestors = {id(p) for p in top.parents}
    inside_top = {id(d) for d in top.descendants}
    strong = [
        el
        for el, s in scored.values()
        if s >= top_score * 0.75
        and el is not top
        and id(el) not in top_ancestors
        and id(el) not in inside_top
    ]
    if len(strong) < _MIN_ALTERNATIVES:
        return top
    # Each strong candidate's nearest ancestors, counted once: pieces of one
    # story sit a few levels apart, and a bounded walk keeps a page of
    # thousands of nested candidates linear.
    shared: dict[int, int] = {}
    for el in strong:
        for depth, p in enumerate(el.parents):
            if depth >= _SHARED_ANCESTOR_DEPTH:
                break
            shared[id(p)] = shared.get(id(p), 0) + 1
    parent = top.parent
    depth = 0
    while (
        parent is not None
        and parent.name not in ("body", "html", "[document]")
        and depth < _SHARED_ANCESTOR_DEPTH
    ):
        if shared.get(id(parent), 0) >= _MIN_ALTERNATIVES:
            return parent
        parent = parent.parent
        depth += 1
    return top


def _is_listing(el: Tag, stats: Stats) -> bool:
    """Does ``el`` hold several <article>s that make up most of its text (a teaser list)?"""
    nested = el.find_all("article")
    if len(nested) < 2:
        return False
    inner = sum(stats.total.get(id(a), 0) for a in nested if a.find_parent("article") is el)
    return inner >= 0.5 * stats.total.get(id(el), 0)


def choose(stats: Stats) -> list[Tag]:
    """The content roots in document order (the top candidate and its kin)."""
    scored = score(stats)
    if not scored:
        return []
    top, top_score = max(scored.values(), key=lambda pair: pair[1])
    for _ in range(3):
        if top.name != "article" or not _is_listing(top, stats):
            break
        stats.excluded.add(id(top))  # teasers of other stories, not this one
        stats.listings.append(top)
        rest = [
            pair
            for pair in scored.values()
            if pair[0] is not top and not any(p is top for p in pair[0].parents)
        ]
        if not rest:
            return []
        top, top_score = max(rest, key=lambda pair: pair[1])
    top = _better_parent(top, top_score, scored)
    # A lone child carries no more than its parent: widen to catch siblings' text.
    while (
        top.parent is not None
        and top.parent.name not in ("body", "html", "[document]")
        and stats.total.get(id(top.parent), 0) <= stats.total.get(id(top), 0)
    ):
        top = top.parent
    top_score = scored.get(id(top), (top, top_score))[1]
    parent = top.parent
    if parent is None:
        return [top]
    threshold = max(10.0, top_score * 0.2)
    top_class = top.attrs.get("class")
    roots: list[Tag] = []
    for sibling in parent.children:
        if not isinstance(sibling, Tag) or id(sibling) in stats.excluded:
            continue
        if sibling is top:
            roots.append(sibling)
            continue
        if sibling.name == "article" and top.name == "article":
            continue  # the next story in a listing
        bonus = top_score * 0.2 if top_class and sibling.attrs.get("class") == top_class else 0
        entry = scored.get(id(sibling))
        scored_well = entry is not None and entry[1] + bonus >= threshold
        if scored_well and stats.link_density(sibling) < 0.3:
            roots.append(sibling)
            continue
        if sibling.name == "p":
            n = stats.total.get(id(sibling), 0)
            density = stats.link_density(sibling)
            long_prose = n > 80 and density < 0.25
            short_sentence = 0 < n <= 80 and density == 0
            if long_prose or (short_sentence and sibling.get_text().rstrip().endswith(".")):
                roots.append(sibling)
    return roots


def standfirst(roots: list[Tag]) -> Tag | None:
    """The standfirst (chapô) above the story's text, when the page marks one by class.

    Looked for in the story's <article> (its <header> when the article is the
    content root itself), else near the content root, before the root.
    """
    if not roots:
        return None
    first = roots[0]
    if first.name == "article":
        headers = first.find_all("header", limit=2)
        candidates = [el for h in headers for el in h.find_all(_LEDE_TAGS, limit=30)]
    else:
        scope = first.find_parent("article")
        if scope is None and first.parent is not None:
            scope = first.parent.parent or first.parent
        if scope is None:
            return None
        candidates = scope.find_all(_LEDE_TAGS, limit=80)
    ancestors = {id(p) for p in first.parents}
    for el in candidates:
        if el is first or any(p is first for p in el.parents):
            return None  # reached the story's text: nothing above it
        if id(el) in ancestors:
            continue  # a wrapper of the story, not a standfirst
        names = el.attrs.get("class") or ""
        if isinstance(names, list):
            names = " ".join(names)
        if names and STANDFIRST.search(names.lower()) and len(el.get_text()) > 40:
            return el
    return None
