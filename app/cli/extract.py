"""``lismoi extract SOURCE... [--format text|json]``: print cleaned articles.

With ``json`` each source gives one JSON Lines record, ``{"source", "error"}``
for a source that failed. The exit status is 0 when every source was read,
1 otherwise. Sources are read one after another in this process, so a few
hundred of them pay for Python and the language profiles once.
"""

from __future__ import annotations

import argparse
import json
import sys

from lismoi.core.errors import LismoiError
from lismoi.core.i18n import _
from lismoi.core.pipeline import read_article


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help=_("files or http(s) URLs"))
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help=_("output format (default: text)"),
    )
    parser.add_argument("--lang", help=_("read as this locale, e.g. fr-CA (overrides detection)"))
    parser.add_argument(
        "--timeout", type=float, default=10.0, help=_("network timeout in seconds (default: 10)")
    )


def run(args: argparse.Namespace) -> int:
    if args.lang is not None:
        from lismoi.core.language.locales import normalize_tag

        lang = normalize_tag(args.lang)
        if lang is None:
            print(
                _("lismoi: “{lang}” is not a language tag (try fr-FR, fr-CA, en).").format(
                    lang=args.lang
                ),
                file=sys.stderr,
            )
            return 2
        args.lang = lang
    failed = 0
    out = sys.stdout
    for i, source in enumerate(args.sources):
        try:
            article = read_article(source, lang=args.lang, timeout=args.timeout)
        except LismoiError as exc:
            failed += 1
            if args.format == "json":
                out.write(
                    json.dumps({"source": source, "error": str(exc)}, ensure_ascii=False) + "\n"
                )
            print(_("lismoi: {source}: {error}").format(source=source, error=exc), file=sys.stderr)
            continue
        if args.format == "json":
            out.write(json.dumps(article.to_json(), ensure_ascii=False) + "\n")
        else:
            if i:
                out.write("\n" + "-" * 72 + "\n\n")
            out.write(_format_text(article))
    out.flush()
    return 1 if failed else 0


def _format_text(article) -> str:
    lines = []
    if article.title:
        lines += [article.title, "=" * min(len(article.title), 72)]
    meta = " · ".join(x for x in (article.byline, article.date, article.locale) if x)
    if meta:
        lines.append(meta)
    if article.chapters:  # a book: its table of contents first
        lines += ["", _("Chapters:")]
        lines += [f"{'  ' * c.level}{c.title}" for c in article.chapters]
    lines += [f"({notice})" for notice in article.notices]
    lines.append("")
    previous = None
    for block in article.blocks:
        if previous == "list_item" and block.kind != "list_item":
            lines.append("")
        previous = block.kind
        if block.kind == "heading":
            lines += ["", block.text.upper() if block.level <= 2 else block.text, ""]
        elif block.kind == "list_item":
            lines.append(f"  • {block.text}")
        elif block.kind == "quote":
            lines += [f"  > {block.text}", ""]
        else:
            lines += [block.text, ""]
    return "\n".join(lines).rstrip() + "\n"
