"""Class/id and phrase patterns that tell article text from page furniture.

Readability's classic lists, extended with the names news sites use for
share bars, newsletter boxes, related-article lists, captions, cookie banners
and text-to-speech widgets (English and French).

The class/id patterns are matched against *lower-cased* names
(:func:`.dom.class_and_id`) without ``re.I``: a case-insensitive search of a
long alternation is about fifteen times slower in Python's ``re``, and it runs
on every named element of every page.
"""

from __future__ import annotations

import re

# Elements whose class/id says "not the article" are dropped before scoring,
# unless the name also says "article" (MAYBE) — a sidebar layout wrapper can
# hold the story.
UNLIKELY = re.compile(
    r"-ad-|ai2html|banner|breadcrumb|combx|comment|communit|cover-wrap|disqus|extra|footer|gdpr|"
    r"header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|"
    r"sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|cookie|consent|"
    r"newsletter|signup|sign-up|subscribe|abonn|outbrain|taboola|recirc|"
    r"most-popular|trending|masthead|toolbar|navbar|tts|read-?speaker|"
    r"lire-aussi|a-lire|voir-aussi",
)
MAYBE = re.compile(
    r"and|article|body|column|content|main|shadow|story|entry|post-?text|tweet|media-embed"
)

POSITIVE = re.compile(
    r"article|body|content|entry|hentry|h-entry|main|post|text|blog|story|"
    r"chapo|chapeau|corps|texte",
)
NEGATIVE = re.compile(
    r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|footnote|gdpr|"
    r"masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|"
    r"sponsor|shopping|tags|tool|widget|byline|author|dateline|caption|credit|newsletter|"
    r"subscribe|recommend|taboola|social|cookie|consent|partage|abonn|tts",
)

# Inside the chosen content: furniture removed outright whatever its size.
CLUTTER = re.compile(
    r"social|newsletter|subscribe|signup|sign-up|abonn|related|"
    r"recommend|read-?more|lire-aussi|a-lire|voir-aussi|more-stories|outbrain|taboola|"
    r"comment|disqus|caption|legende|légende|credit|byline|author-|dateline|timestamp|"
    r"published|publication-date|cookie|consent|gdpr|advert|promo|sponsor|tags|breadcrumb|"
    r"print|toolbar|tts|read-?speaker|audio-player|listen|popup|"
    r"inline-(?:ad|promo|related)|embed-promo|jump-link|\bcta\b|-cta-|publicite|\bpub\b|"
    r"inscription|didomi|ob-widget|podcast-player|video-player|mots-?cles|reactions",
)
# Share bars and modal boxes: furniture only while small. A sharing widget
# often stamps its id on the story's own wrapper ("gigya-share-btns-2_
# containerParent"), and some sites show the story itself in a modal viewer;
# a bar or a popup holds a few words, a story thousands (Readability's
# 500-character bar).
SHARE = re.compile(r"share|sharing|partage|modal")
SHARE_MAX = 500
# Names of reading aids (text-to-speech players, "listen" buttons). Sites that read
# each paragraph aloud wrap every paragraph in one ("tts-paragraph"): such a
# wrapper that holds prose is the story, only a small one is the widget.
READING_AID = re.compile(r"tts|read-?speaker|audio-player|listen")
# A <p> this long inside a reading aid's wrapper is article prose, not a control's label.
WRAPPED_PROSE_MIN = 100

# ...but never an element whose name says it holds the story itself (or a quoted post:
# an embedded tweet is part of the story it illustrates).
ARTICLE_BODY = re.compile(
    r"twitter-tweet|social-media-embed|article-?body|article__body|articlebody|story-?body|post-?body|entry-?content|"
    r"post-?content|article-?content|article-?text|story-?content|body-?text|main-?content",
)

# Whole blocks that are furniture whatever their markup (anchored, short).
BOILERPLATE = re.compile(
    r"^[»>•–—\s-]*(?:advertisement|advert|publicité|pub|sponsored|annonce|anzeige|iklan|реклама|"
    r"(?:à|a) lire (?:aussi|également)\b.*|lire également\b.*|sur le même sujet\b.*|"
    r"this slideshow requires javascript\.?|continue reading below|"
    r"temps de lecture\b.*|\d+ min(?:utes?)? (?:de lecture|read)|article réservé aux abonnés|"
    r"offrir (?:cet |l’|l')?article|ajouter à vos (?:sélections|favoris)|lire plus tard|"
    r"écouter (?:cet |l’|l')?article.*|listen to (?:this|the) (?:article|story).*|"
    r"envoyer par (?:e-?mail|courriel)|imprimer|print|réagir|contribuer|voir les contributions|"
    r"\[\w+[^\]]*\].*\[/\w+\]|"  # a WordPress shortcode left in the text
    r"(?:image|photo|slide) \d+ (?:of|sur|de)(?: /)? \d+|"  # gallery counters
    r"(?:read|see) (?:more|also)\b.*|related\b.*|à lire aussi\b.*|lire aussi\b.*|voir aussi\b.*|"
    r"share (?:this|on)\b.*|partager sur\b.*|partager\b|"
    r"(?:sign up|subscribe|inscrivez-vous|abonnez-vous)\b.*(?:newsletter|infolettre)?.*|"
    r"select a language for the tts\b.*|language selected\b.*|play all audios\b.*|"
    r"(?:photo|crédit photo|credit|crédit|image|getty images|afp|reuters)\s*:.*|"
    r"©.*|copyright\b.*|all rights reserved.*|tous droits réservés.*|"
    r"nous respectons votre vie privée.*|we (?:care about|value|respect) your privacy.*|"
    r"(?:\d+ )?comments?|commentaires?|(?:\d+ )?réactions?)$",
    re.I,
)
# Long boilerplate blocks are kept; only short ones can be furniture.
BOILERPLATE_MAX = 200
# Short closing lines that sell something rather than tell the story.
TRAILER = re.compile(
    r"newsletter|infolettre|subscribe|sign up|inscrivez|abonnez|follow (?:us|him|her) on|"
    r"suivez-nous|(?:may|can) be reached at|contact (?:him|her|us) at|click here|cliquez ici|"
    r"have a tip\?|got a tip\?|\bfollow\b.*\b(?:twitter|facebook|instagram)\b|"
    r"^listen (?:to|back)\b|^\(?(?:reporting|writing|editing) by\b|contributed to this report|"
    r"^(?:avec|with) (?:afp|ap|reuters|post wires)\b",
    re.I,
)
# Whatever their length: a tag cloud, a "don't miss" box of headlines.
TAG_LIST = re.compile(
    r"^(?:(?:tags|mots-clés|mots clés|étiquettes|keywords)\s*[:\n]|"
    r"(?:don[’']?t miss|read more|more great \w+ stories|related (?:articles|stories))\b)",
    re.I,
)

# A line that is only a date (and time), in the languages of the benchmark and French.
MONTH_NAMES = re.compile(
    r"\b(?:jan|feb|fév|fev|mar|apr|avr|may|mai|jun|juin|jul|juil|aug|août|sep|oct|nov|dec|déc|"
    r"janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|"
    r"enero|febrero|marzo|mayo|junio|julio|septiembre|octubre|noviembre|diciembre|"
    r"gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|"
    r"januar|februar|märz|juni|juli|oktober|dezember)\w*\.?",
    re.I,
)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
CLOCK = re.compile(r"\b\d{1,2}\s*[:h]\s*\d{2}\b")

# The standfirst (chapô) under the headline: part of the story, even in a <header>.
STANDFIRST = re.compile(
    r"standfirst|chapo|chapeau|\blede\b|\bdek\b|\bdeck\b|article-?intro|article__intro|"
    r"summary|sub-?headline|subtitle|article-?description",
)
