"""Blocks in reading order, without the page's furniture."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lismoi.core.article import Article
from lismoi.core.extract import extract_html

LONG = "Une phrase de corps d’article, assez longue pour compter, avec des virgules, "


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html lang='fr'><head>{head}</head><body>{body}</body></html>"


def texts(article: Article) -> list[str]:
    return [b.text for b in article.blocks]


def test_reading_order_and_kinds():
    html = page(f"""<article>
      <p>{LONG}premier.</p>
      <h2>Un intertitre</h2>
      <p>{LONG}deuxième.</p>
      <h3>Un sous-intertitre</h3>
      <ul><li>un élément</li><li>un autre élément</li></ul>
      <blockquote><p>« Une citation », dit-elle.</p></blockquote>
      <p>{LONG}dernier.</p>
    </article>""")
    blocks = extract_html(page(html)).blocks
    assert [(b.kind, b.level) for b in blocks] == [
        ("paragraph", 0),
        ("heading", 2),
        ("paragraph", 0),
        ("heading", 3),
        ("list_item", 0),
        ("list_item", 0),
        ("quote", 0),
        ("paragraph", 0),
    ]
    assert blocks[0].text.endswith("premier.")
    assert blocks[-1].text.endswith("dernier.")
    assert blocks[6].text == "« Une citation », dit-elle."


def test_clutter_is_not_read():
    html = page(f"""
      <div class="cookie-banner"><p>Nous respectons votre vie privée.</p></div>
      <header><nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav></header>
      <article>
        <div class="tts-widget">Select a language for the TTS: French Female, French Male,
          French Canadian Female, French Canadian Male Language selected: (auto detect) - FR
          Play all audios:</div>
        <div class="share-bar"><a href="#">Partager sur Facebook</a></div>
        <figure><img src="a.jpg"><figcaption>Une légende. Crédit photo : AFP</figcaption></figure>
        <p>{LONG}un.</p>
        <div class="related"><p>À lire aussi</p>
          <ul><li><a href="/x">Autre histoire</a></li></ul></div>
        <p>{LONG}deux.</p>
        <div class="newsletter"><p>Inscrivez-vous à notre newsletter !</p></div>
        <section class="comments"><p>Super article, bravo à la rédaction, vraiment.</p></section>
      </article>
      <aside><h2>Les plus lus</h2><ol><li><a href="/y">Autre chose</a></li></ol></aside>
      <footer>© 2025 Le Journal. Tous droits réservés.</footer>""")
    article = extract_html(html)
    assert texts(article) == [f"{LONG}un.".strip(), f"{LONG}deux.".strip()]


def test_clutter_phrases_inside_the_body_are_dropped():
    html = page(f"""<article><p>{LONG}un.</p><p>Partager sur Facebook</p>
      <p>À lire aussi : une autre histoire</p><p>Publicité</p>
      <p>» LIRE AUSSI - <a href="/x">Un autre titre</a></p><p>Temps de lecture : 3 min</p>
      <p>{LONG}deux.</p></article>""")
    assert len(extract_html(html).blocks) == 2


def test_lang_attributes_become_hints():
    html = page(f"""<article><p>{LONG}intro.</p>
      <blockquote lang="en"><p>This quote is in English, as its markup says.</p></blockquote>
      <div xml:lang="en-GB"><p>So is this paragraph, which the page marked as British.</p></div>
      <p><span lang="en">A whole paragraph wrapped in an English span.</span></p>
      <p>Un mot <span lang="en">English</span> dans une phrase française assez longue.</p>
      <p>{LONG}fin.</p></article>""")
    blocks = extract_html(html).blocks
    assert [b.lang_hint for b in blocks] == [None, "en", "en-GB", "en", None, None]


def test_br_inside_a_paragraph_is_a_pause_and_double_br_a_new_paragraph():
    html = page(f"""<div class="article-body">{LONG}ligne un<br>ligne deux<br><br>
      {LONG}nouveau paragraphe.</div>""")
    assert texts(extract_html(html)) == [
        f"{LONG}ligne un\nligne deux",
        f"{LONG}nouveau paragraphe.",
    ]


def test_a_data_table_is_read_row_by_row():
    html = page(f"""<article><p>{LONG}avant.</p>
      <table><tr><th>Ville</th><th>Température</th></tr>
      <tr><td>Lyon</td><td>35 °C</td></tr><tr><td>Brest</td><td>22 °C</td></tr></table>
      <p>{LONG}après.</p></article>""")
    blocks = extract_html(html).blocks
    assert [(b.kind, b.text) for b in blocks[1:3]] == [
        ("table", "Ville: Lyon; Température: 35 °C"),
        ("table", "Ville: Brest; Température: 22 °C"),
    ]


def test_a_table_caption_is_heard_before_its_rows():
    html = page(f"""<article><p>{LONG}avant.</p>
      <figure><table><caption>Températures du jour</caption>
      <tr><th>Ville</th><th>Température</th></tr><tr><td>Lyon</td><td>35 °C</td></tr></table>
      </figure><p>{LONG}après.</p></article>""")
    blocks = extract_html(html).blocks
    assert [(b.kind, b.text) for b in blocks[1:3]] == [
        ("paragraph", "Températures du jour"),
        ("table", "Ville: Lyon; Température: 35 °C"),
    ]


def test_a_quotation_in_a_figure_is_read_and_a_picture_caption_is_not():
    # HTML5's and France's state design system's way to mark up a quotation.
    html = page(f"""<article><p>{LONG}avant.</p>
      <figure class="fr-quote"><blockquote><p>« La sobriété n’est plus une option. »</p>
      </blockquote><figcaption>La ministre</figcaption></figure>
      <figure><img src="a.jpg"><figcaption>Le bassin vide, mardi.</figcaption></figure>
      <p>{LONG}après.</p></article>""")
    got = texts(extract_html(html))
    assert "« La sobriété n’est plus une option. »" in got
    assert not any("bassin vide" in t for t in got)


def test_paragraphs_wrapped_by_a_read_aloud_widget_are_kept_and_the_widget_is_not():
    # A site with a play button on every paragraph wraps each one in the widget's markup.
    paragraphs = [f"{LONG}numéro {n}, qui doit être lu." for n in range(1, 5)]
    wrapped = "".join(
        f'<div class="tts-paragraph"><button><span class="visually-hidden">Écouter</span>'
        f'</button><p>{text}</p></div>' for text in paragraphs)
    html = page(f"""<article>
      <div class="tts-widget"><span>Sélectionnez une langue pour la synthèse vocale :</span>
      <button>Français femme</button><button>Écouter tous les audios</button></div>
      <div class="article__body">{wrapped}</div></article>""")
    got = texts(extract_html(html))
    assert got == paragraphs
    # ...while a share bar full of long text is still not the story.
    shared = page(f"""<article><p>{LONG}un.</p><p>{LONG}deux.</p><p>{LONG}trois.</p>
      <div class="share-bar"><p>{LONG}Partagez cet article avec vos amis, ils adoreront.</p>
      </div></article>""")
    assert not any("Partagez" in t for t in texts(extract_html(shared)))


def test_code_is_kept_as_a_code_block():
    html = page(f"""<article><p>{LONG}avant.</p><pre><code>for i in range(3):
    print(i)</code></pre><p>{LONG}après.</p></article>""")
    code = [b for b in extract_html(html).blocks if b.kind == "code"]
    assert [b.text for b in code] == ["for i in range(3):\n    print(i)"]


def test_scripts_styles_and_json_are_never_text():
    html = page(
        f"""<script>var x = "{LONG}";</script><style>p {{ color: red }}</style>
        <svg><text>logo</text></svg><!-- {LONG} --><article><p>{LONG}seul.</p></article>
        <script type="application/json">{{"body": "{LONG}"}}</script>""",
    )
    assert texts(extract_html(html)) == [f"{LONG}seul.".strip()]


def test_the_story_wins_over_a_longer_list_of_links():
    links = "".join(f"<li><a href='/{i}'>Un autre titre numéro {i}</a></li>" for i in range(40))
    html = page(f"<div class='menu'><ul>{links}</ul></div><div><p>{LONG}</p><p>{LONG}</p></div>")
    assert len(extract_html(html).blocks) == 2


def test_odd_html_never_raises():
    for html in [
        "",
        "<html>",
        "</div></p>",
        "<p>" * 5000 + "profond",
        "<div>" * 3000 + LONG,
        "\x00\x01<b>\ufffd</b>",
        "<!-- jamais fermé <p>texte",
        "<table><tr><td><table><tr><td>x",
        "texte brut sans balise",
    ]:
        article = extract_html(html)
        assert isinstance(article, Article)
    assert texts(extract_html("texte brut sans balise")) == ["texte brut sans balise"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abcdivph1lu&;#x\n!-")), max_size=300))
def test_random_markup_never_raises(html):
    assert isinstance(extract_html(html), Article)
