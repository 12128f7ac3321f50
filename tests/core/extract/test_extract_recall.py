"""Recall: stories split over sibling sections are read whole, furniture beside them is not.

Small pages of our own, each built like a kind of site the shared sets
showed we missed: how-to steps in sibling boxes, release notes in lists,
documentation chapters whose ids are their headings' anchors, a story
wrapped in an element a share widget named, a story shown in a modal viewer.
And the counter-cases that widening must not swallow: teasers of other
stories (opening on a headline link) and other <article>s of a listing.
"""

from __future__ import annotations

from lismoi.core.extract import extract_html

FILLER = (
    "This sentence is here so the section reads like the prose of a real page, "
    "with a clause or two, and enough words to count."
)


def texts(html: str) -> list[str]:
    return [b.text for b in extract_html(html).blocks]


def _how_to() -> str:
    steps = [
        (
            "Pick a date",
            "Choose a weekend afternoon, when most guests are free, and "
            "send the invitations three weeks ahead so nobody has to rush.",
        ),
        (
            "Plan the food",
            "Buy in bulk at a warehouse store, cook the main dishes the day "
            "before, and ask two friends to bring desserts instead of gifts.",
        ),
        (
            "Decorate cheaply",
            "Borrow tables from neighbours, print the photos yourself "
            "and use paper lanterns, which cost little and look festive.",
        ),
        (
            "Keep it short",
            "Three hours is plenty: people leave happier from a party that "
            "ends while it is still lively.",
        ),
    ]
    boxes = "".join(
        f'<div class="mod step"><div class="stepContent mod"><h3>{title}</h3>'
        f'<div class="content"><p>{text}</p></div></div></div>'
        for title, text in steps
    )
    lead = (
        '<div class="mod step"><div class="stepContent mod"><div class="content lead">'
        f"<p>Graduation parties are a great way to celebrate, but they can cost a lot. {FILLER}</p>"
        f"<p>Here is how to keep the bill down without spoiling the fun. {FILLER}</p>"
        "</div></div></div>"
    )
    teasers = "".join(
        f'<li><a href="/s{i}">Another story about parties number {i}</a> A summary of that '
        f"other story, long enough to look like a sentence of prose, {i}.</li>"
        for i in range(5)
    )
    return (
        "<html><head><title>How to Throw a Party on a Budget | HowSite</title></head><body>"
        '<div class="col-main"><article>'
        f"<h1>How to Throw a Party on a Budget</h1>{lead}{boxes}</article>"
        f'<div class="more"><h2>More stories</h2><ul>{teasers}</ul></div></div>'
        "</body></html>"
    )


def test_how_to_steps_in_sibling_boxes_are_all_read():
    got = texts(_how_to())
    for step in ("Pick a date", "Plan the food", "Decorate cheaply", "Keep it short"):
        assert step in got
    assert any(t.startswith("Three hours is plenty") for t in got)
    assert not any("Another story about parties" in t for t in got)  # teasers stay out


def test_release_notes_in_lists_are_all_read():
    sections = []
    for n, area in enumerate(["Add-ons", "Developer Tools", "Printing", "Search"]):
        items = "".join(
            f"<li>The {area} team fixed problem {n}.{i}, which made the window slow to "
            f'open on older machines (<a href="/bug/{n}{i}">Bug {n}{i}00</a>).</li>'
            for i in range(4)
        )
        sections.append(f"<h3>{area}</h3><ul>{items}</ul>")
    # One item holds paragraphs: the only <p>s of the page, which the paragraph
    # scoring then takes for the story on its own.
    captioned = (
        f"<ul><li>Printing a range of pages now works.<p>{FILLER}</p><p>{FILLER}</p></li></ul>"
    )
    html = (
        "<html><body><header><nav><a href='/'>Home</a></nav></header>"
        '<main id="content"><article class="post"><h1>These Weeks in the Browser</h1>'
        '<div class="entry-content"><h2>Highlights</h2>'
        f"{captioned}{''.join(sections)}</div></article></main></body></html>"
    )
    got = texts(html)
    for area in ["Add-ons", "Developer Tools", "Printing", "Search"]:
        assert area in got
        assert sum(t.startswith(f"The {area} team fixed") for t in got) == 4


def test_documentation_chapters_named_by_their_headings_are_read():
    def chapter(title: str, ident: str) -> str:
        return (
            f'<div class="section" id="{ident}"><h2>{title}'
            f'<a class="headerlink" href="#{ident}">¶</a></h2>'
            f"<p>{title} explained: {FILLER}</p>"
            f"<p>And more on {title.lower()}. {FILLER}</p></div>"
        )

    html = (
        '<html><body><div class="content"><div class="section" id="shared-mutable-history">'
        "<h1>Shared mutable history</h1>"
        f"<p>Once you master history in one repository, you can share it. {FILLER}</p>"
        + chapter("Sharing with a single developer", "sharing-with-a-single-developer")
        + chapter("Sharing with several developers", "sharing-with-several-developers")
        + '</div></div><div class="share-bar"><a href="#">Share</a> <a href="#">Tweet</a></div>'
        "</body></html>"
    )
    got = texts(html)
    assert "Sharing with a single developer" in got  # its permalink "¶" is not read
    assert "Sharing with several developers" in got
    assert any(t.startswith("And more on sharing with several developers") for t in got)
    assert "Share Tweet" not in got and "Share" not in got


def test_a_story_wrapped_in_an_element_a_share_widget_named_is_read():
    story = "".join(f"<p>Paragraph {i} of the story. {FILLER}</p>" for i in range(6))
    html = (
        '<html><body><article><div class="text-wrapper"'
        ' id="gigya-share-btns-2_gig_containerParent">'
        f'<div id="gigya-share-btns-3"><a href="#">Share</a></div>{story}</div></article>'
        "</body></html>"
    )
    got = texts(html)
    assert [t for t in got if t.startswith("Paragraph")] == [
        f"Paragraph {i} of the story. {FILLER}" for i in range(6)
    ]
    assert "Share" not in got  # the real share bar is still furniture


def test_a_story_shown_in_a_modal_viewer_is_read_but_a_small_popup_is_not():
    story = "".join(f"<p>Part {i} of the news story. {FILLER}</p>" for i in range(5))
    html = (
        '<html><body><div class="teasers"><ul>'
        + "".join(
            f"<li><span>Science</span><p>Teaser {i}: the summary of another story, "
            "long enough to pass for a paragraph of prose.</p></li>"
            for i in range(8)
        )
        + f'</ul></div><div class="render-target-modal"><article>{story}</article></div>'
        '<div class="newsletter-modal"><p>Get our newsletter every morning.</p></div>'
        "</body></html>"
    )
    got = texts(html)
    assert sum(t.startswith("Part ") for t in got) == 5
    assert not any("newsletter" in t or t.startswith("Teaser") for t in got)


def test_teasers_that_open_on_a_headline_link_are_not_taken_for_the_story():
    story = "".join(f"<p>Sentence group {i} of the story itself. {FILLER}</p>" for i in range(5))
    teasers = "".join(
        f'<li><a href="/n{i}">A headline for another story, number {i}</a> NEW YORK: '
        f"the first lines of that other story, which a reader would open on its own page.</li>"
        for i in range(10)
    )
    html = (
        '<html><body><div class="main-content-left">'
        f'<div class="main-article-content">{story}</div>'
        f"<h2>Related Articles</h2><ul>{teasers}</ul></div></body></html>"
    )
    got = texts(html)
    assert sum(t.startswith("Sentence group") for t in got) == 5
    assert not any("another story" in t for t in got)


def test_other_articles_of_a_listing_are_not_added():
    main = "".join(f"<p>Line {i} of the main post. {FILLER}</p>" for i in range(6))
    other = "".join(f"<p>Line {i} of a suggested post. {FILLER}</p>" for i in range(3))
    html = (
        '<html><body><div class="columns">'
        f'<article class="post-1"><h1>The main post</h1><div class="entry">{main}</div>'
        f"<p>A closing remark on the main post, kept with it. {FILLER}</p></article>"
        f'<article class="post-2"><h2>You may also like</h2><div class="entry">{other}</div>'
        "</article></div></body></html>"
    )
    got = texts(html)
    assert sum(t.startswith("Line ") and "main post" in t for t in got) == 6
    assert any(t.startswith("A closing remark") for t in got)
    assert not any("suggested post" in t for t in got)


def test_a_one_paragraph_page_titled_with_its_paragraph_is_read():
    sentence = "Remember to water the plants on Sunday, the key is under the mat."
    html = f"<html><head><title>{sentence}</title></head><body><p>{sentence}</p></body></html>"
    article = extract_html(html)
    assert article.title == sentence
    assert [b.text for b in article.blocks] == [sentence]


def test_the_title_repeated_above_a_story_is_still_dropped():
    title = "Heatwave closes the city's pools early"
    body = "".join(f"<p>Paragraph {i}. {FILLER}</p>" for i in range(3))
    html = f"<html><head><title>{title}</title></head><body><p>{title}</p>{body}</body></html>"
    got = texts(html)
    assert title not in got
    assert len(got) == 3
