"""Recall: widen the chosen content to the container of the whole story.

The scoring of :mod:`.candidates` finds the densest container of prose. A
story split over sibling sections (release notes in lists, how-to steps,
documentation chapters, a long read cut into blocks) makes that container one
section among several, and the rest is never read.

So once the roots are chosen, their ancestors are measured step by step,
each against the content taken so far: an ancestor is taken when what it
adds is mostly prose (:attr:`.dom.Stats.prose`: long, link-poor paragraphs
that do not open on a headline link) and not link-heavy, and when the prose
gained is worth it (a quarter more than the roots hold: a byline or a
"Follow us" line is not). The bar is lower when the roots hold a small share
of the page's prose, the sign that the story is split. A wrapper that adds a
few characters only (a "Read more" link) is passed through, and what was
chosen stays read inside the wider root whatever its wrappers are named.
The walk stops at the first ancestor that adds furniture, at an
``<article>`` (a story is self-contained), before ``<body>``, and before a
container that also holds other stories (another ``<article>``, a listing).
"""

from __future__ import annotations

from bs4.element import Tag

from .dom import Stats

# What an ancestor adds must be at least this share prose...
_PROSE_SHARE = 0.65
# ...or this share when the roots hold under _SMALL_SHARE of the page's prose.
_PROSE_SHARE_SPLIT = 0.5
_SMALL_SHARE = 0.5
# ...and at most this share link text.
_MAX_LINKS = 0.25
_MAX_LEVELS = 8
# A wrapper that adds only a "Read more" link or a caption is passed through,
# not judged: this little (characters, or a share of what is taken).
_SMALL_ADD = 50
_SMALL_SHARE_ADD = 0.05
# An ancestor is worth its furniture only if it brings this much more prose
# than the roots hold (a share of theirs): a byline or a closing line is not.
_GAIN = 0.25
_STOP = frozenset(["body", "html", "[document]"])


def widen(roots: list[Tag], stats: Stats, page: Tag) -> list[Tag]:
    """``roots``, or the one ancestor of theirs that holds the whole story."""
    if not roots or any(r.name == "article" or r is page for r in roots):
        return roots
    parent = roots[0].parent
    if parent is None or any(r.parent is not parent for r in roots):
        return roots
    total, links, prose = stats.total, stats.total_links, stats.prose
    cur_t = sum(total.get(id(r), 0) for r in roots)
    cur_l = sum(links.get(id(r), 0) for r in roots)
    cur_p = sum(prose.get(id(r), 0) for r in roots)
    page_prose = prose.get(id(page), 0)
    if cur_p >= page_prose:
        return roots
    split = cur_p < _SMALL_SHARE * page_prose
    need = _PROSE_SHARE_SPLIT if split else _PROSE_SHARE
    inside = roots[0]
    others = [a for a in stats.listings + stats.articles if not _related(a, inside)]
    blocked = {id(p) for a in others for p in a.parents}
    best = roots
    wanted = cur_p * (1 + _GAIN)
    el: Tag | None = parent
    for _ in range(_MAX_LEVELS):
        if el is None or el is page or el.name in _STOP or id(el) in blocked:
            break
        key = id(el)
        added_t = total.get(key, 0) - cur_t
        if added_t > 0:
            added_p = prose.get(key, 0) - cur_p
            added_l = links.get(key, 0) - cur_l
            small = added_t <= max(_SMALL_ADD, _SMALL_SHARE_ADD * cur_t)
            if not small and (added_p < need * added_t or added_l > _MAX_LINKS * added_t):
                break
            cur_t, cur_l, cur_p = total[key], links.get(key, 0), prose.get(key, 0)
        if cur_p >= wanted:
            best = [el]
            # What was chosen stays read inside the wider root, even under a
            # wrapper named like furniture ("read-more" around the story's end).
            stats.kept.update(id(r) for r in roots)
            stats.kept.update(id(p) for p in _between(roots[0], el))
        if el.name == "article":
            break
        el = el.parent
    return best


def _related(a: Tag, el: Tag) -> bool:
    """Is ``a`` an ancestor of ``el``, or inside it?"""
    return any(p is a for p in el.parents) or any(p is el for p in a.parents)


def _between(el: Tag, top: Tag) -> list[Tag]:
    """The ancestors of ``el`` below ``top``."""
    out = []
    for p in el.parents:
        if p is top:
            break
        out.append(p)
    return out
