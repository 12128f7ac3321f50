"""Language detection bench: raw langdetect vs Lis-moi's detector, same data, same run.

Usage: .venv/bin/python bench/language.py [--repeat N] [--failures] [--candidates fr,en,...]

Data: bench/data/language/ (written for this project, see its README). Prints
accuracy per length bucket for blocks on their own and for blocks inside
documents (generated documents: one language plus a foreign quote; and the
hand-made mixed documents), and milliseconds of CPU time per block for both
detectors (best of --repeat runs, caches cleared each time; CPU time because
the machine is shared).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lismoi.core import language  # noqa: E402
from lismoi.core.article import Article, Block  # noqa: E402
from lismoi.core.language import model  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "language"
SECTIONS = ("paragraphs", "sentences", "fragments", "headings")
KIND = {
    "paragraphs": "paragraph",
    "sentences": "paragraph",
    "fragments": "paragraph",
    "headings": "heading",
}
BUCKETS = ("1 word", "2-4 words", "5-9 words", "sentence", "paragraph")


@dataclass
class Item:
    text: str
    lang: str  # langdetect code / primary subtag
    kind: str = "paragraph"


@dataclass
class Doc:
    lang: str
    title: str
    items: list[Item] = field(default_factory=list)


def bucket(text: str) -> str:
    words = len(text.split())
    if words <= 1:
        return "1 word"
    if words <= 4:
        return "2-4 words"
    if words <= 9:
        return "5-9 words"
    return "sentence" if words < 40 else "paragraph"


def read_language_files() -> dict[str, dict[str, list[str]]]:
    data: dict[str, dict[str, list[str]]] = {}
    for path in sorted(DATA.glob("*.txt")):
        if path.stem == "mixed":
            continue
        sections: dict[str, list[str]] = defaultdict(list)
        current = None
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("[") and line.endswith("]"):
                current = line[1:-1]
                continue
            sections[current].append(line)
        data[path.stem] = sections
    return data


def read_mixed() -> list[Doc]:
    docs: list[Doc] = []
    for line in (DATA / "mixed.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("=== "):
            _, lang, title = line.split(" ", 2)
            docs.append(Doc(lang, title))
            continue
        lang, kind, text = line.split(" ", 2)
        docs[-1].items.append(Item(text, lang, "heading" if kind == "heading" else "paragraph"))
    return docs


def generated_docs(data: dict[str, dict[str, list[str]]]) -> list[Doc]:
    """Six documents per language, each with a foreign sentence.

    Half of them also hold a foreign paragraph, the other half a foreign
    2-4-word block (which, by design, mostly takes the document's language).
    """
    langs = sorted(lang for lang, d in data.items() if all(d.get(k) for k in SECTIONS))
    docs = []
    for li, lang in enumerate(langs):
        d = data[lang]
        p, s, f, h = (d[k] for k in SECTIONS)
        for i in range(6):
            other = data[langs[(li + i + 1) % len(langs)]]
            items = [
                Item(h[i], lang, "heading"),
                Item(p[i], lang),
                Item(f[4 * i], lang),
                Item(s[4 * i], lang),
                Item(s[4 * i + 1], lang),
                Item(f[4 * i + 1], lang),
                Item(other["sentences"][i], langs[(li + i + 1) % len(langs)], "quote"),
                Item(h[i + 6], lang, "heading"),
                Item(s[4 * i + 2], lang),
                Item(f[4 * i + 2], lang),
                Item(s[4 * i + 3], lang),
                Item(f[4 * i + 3], lang),
            ]
            if i % 2:
                foreign = langs[(li + i + 5) % len(langs)]
                items.insert(4, Item(data[foreign]["paragraphs"][i], foreign, "quote"))
            else:  # a short foreign block: a caption, a reply, a name of a thing
                foreign = langs[(li + i + 3) % len(langs)]
                items.insert(9, Item(data[foreign]["fragments"][4 * i + 1], foreign))
            docs.append(Doc(lang, "", items))
    return docs


def primary(tag: str | None) -> str | None:
    return tag.split("-")[0].lower() if tag else None


def run_raw(texts: list[str]) -> tuple[list[str | None], float]:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    out = []
    start = time.process_time()
    for text in texts:
        try:
            out.append(language.to_bcp47(detect(text)))
        except LangDetectException:
            out.append(None)
    return out, time.process_time() - start


def run_ours_isolated(texts: list[str]) -> tuple[list[str | None], float]:
    model._scores_for.cache_clear()
    start = time.process_time()
    out = [language.detect(t)[0] for t in texts]
    return out, time.process_time() - start


def run_ours_docs(docs: list[Doc]) -> tuple[list[list[str | None]], float]:
    model._scores_for.cache_clear()
    articles = [
        Article(title=d.title, blocks=[Block(kind=it.kind, text=it.text) for it in d.items])
        for d in docs
    ]
    start = time.process_time()
    for article in articles:
        language.annotate(article)
    elapsed = time.process_time() - start
    return [[b.lang for b in a.blocks] for a in articles], elapsed


def table(title: str, rows: dict[str, list[tuple[bool, bool]]]) -> None:
    print(f"\n{title}")
    print(f"  {'bucket':<22}{'blocks':>7}{'langdetect':>12}{'Lis-moi':>10}")
    for name, results in rows.items():
        if not results:
            continue
        n = len(results)
        raw = 100 * sum(r for r, _ in results) / n
        ours = 100 * sum(o for _, o in results) / n
        print(f"  {name:<22}{n:>7}{raw:>11.1f}%{ours:>9.1f}%")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timing runs (best is kept)")
    parser.add_argument("--failures", action="store_true", help="list the blocks we get wrong")
    parser.add_argument("--candidates", help="comma-separated languages for Lis-moi's detector")
    args = parser.parse_args()
    if args.candidates:
        language.set_candidates(args.candidates.split(","))

    data = read_language_files()
    t0 = time.process_time()
    language.warm_up()
    load_s = time.process_time() - t0
    run_raw(["warm up"])  # loads langdetect's own factory

    isolated = [Item(t, lang) for lang, d in data.items() for sec in SECTIONS for t in d[sec]]
    texts = [it.text for it in isolated]
    raw_iso, raw_iso_t = run_raw(texts)
    ours_iso, ours_iso_t = run_ours_isolated(texts)
    for _ in range(args.repeat - 1):
        raw_iso_t = min(raw_iso_t, run_raw(texts)[1])
        ours_iso_t = min(ours_iso_t, run_ours_isolated(texts)[1])

    rows: dict[str, list[tuple[bool, bool]]] = {b: [] for b in BUCKETS}
    failures = []
    for it, r, o in zip(isolated, raw_iso, ours_iso, strict=True):
        rows[bucket(it.text)].append((primary(r) == it.lang, primary(o) == it.lang))
        if primary(o) != it.lang:
            failures.append(f"  alone  {it.lang} -> {o}: {it.text}")
    table(f"Blocks on their own ({len(isolated)} blocks, {len(data)} languages)", rows)
    rare = {"ca", "sk", "no", "uk"} & set(data)
    rows = {b: [] for b in BUCKETS}
    for it, r, o in zip(isolated, raw_iso, ours_iso, strict=True):
        if it.lang in rare:
            rows[bucket(it.text)].append((primary(r) == it.lang, primary(o) == it.lang))
    table(f"  of which rarer look-alikes ({', '.join(sorted(rare))})", rows)

    for label, docs in (
        ("Generated documents", generated_docs(data)),
        ("Hand-made mixed documents", read_mixed()),
    ):
        flat = [it for d in docs for it in d.items]
        raw_doc, raw_t = run_raw([it.text for it in flat])
        ours_doc, ours_t = run_ours_docs(docs)
        for _ in range(args.repeat - 1):
            raw_t = min(raw_t, run_raw([it.text for it in flat])[1])
            ours_t = min(ours_t, run_ours_docs(docs)[1])
        rows = {b: [] for b in BUCKETS}
        rows["foreign, 5+ words"] = []
        rows["foreign, 1-4 words"] = []
        k = 0
        for d, langs in zip(docs, ours_doc, strict=True):
            for it, o in zip(d.items, langs, strict=True):
                r = raw_doc[k]
                k += 1
                name = bucket(it.text)
                if it.lang != d.lang:
                    short = len(it.text.split()) <= 4
                    name = "foreign, 1-4 words" if short else "foreign, 5+ words"
                rows[name].append((primary(r) == it.lang, primary(o) == it.lang))
                if primary(o) != it.lang:
                    failures.append(f"  {d.lang}-doc {it.lang} -> {o}: {it.text}")
        n = len(flat)
        total = [x for v in rows.values() for x in v]
        rows["all blocks"] = total
        table(f"{label} ({len(docs)} documents, {n} blocks)", rows)
        raw_ms, ours_ms = 1000 * raw_t / n, 1000 * ours_t / n
        print(f"  CPU ms per block: langdetect {raw_ms:.2f}, Lis-moi {ours_ms:.2f}")

    n = len(isolated)
    print(
        f"\nBlocks on their own, CPU ms per block: langdetect {1000 * raw_iso_t / n:.2f}, "
        f"Lis-moi {1000 * ours_iso_t / n:.2f}"
    )
    print(f"Lis-moi profile load: {load_s:.2f} s CPU ({len(language.candidates())} languages)")
    if args.failures:
        print("\nLis-moi's mistakes:")
        print("\n".join(failures) or "  none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
