"""Charset bench: Lis-moi's decoding against chardetng and charset-normalizer alone.

Usage: .venv/bin/python bench/charset.py [--failures] [--sizes short,medium,long]

Data: the charset set (``tests/support/charset_set.py``): the texts of
``tests/fixtures/charset/texts/`` in their languages' legacy encodings, in
three sizes, undeclared (no BOM, no meta, no header). A page is right when
its text comes back exactly. Each page is decoded twice: as a file (no
top-level domain to hint at) and as a link from its country's domain (the
hint Firefox gives chardetng); charset-normalizer takes no hint. A third
run gives Lis-moi the files with ``<html lang="..">`` added, the hint it
takes when there is no domain (the others ignore it). The three decoders see
the same bytes in the same run; CPU milliseconds per page beside each.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lismoi.core.load import charset  # noqa: E402
from lismoi.core.load.detect import normalise_label  # noqa: E402
from tests.support.charset_set import SIZES, Page, pages  # noqa: E402 - the tests' set


def _decode(data: bytes, label: str | None) -> str | None:
    enc = normalise_label(label)
    if enc is None:
        return None
    try:
        return data.decode(enc)
    except UnicodeDecodeError:
        return data.decode(enc, "replace")


def ours(page: Page, tld: str | None) -> tuple[str | None, str]:
    got = charset.decode(page.data, tld=tld)
    return got.text, got.encoding


def with_lang(page: Page) -> Page:
    """The page with its language on ``<html>``, as many saved pages have it."""
    tag = f'<html lang="{page.lang}">'.encode()
    data = page.data.replace(b"<html>", tag, 1)
    return Page(page.name, page.lang, page.encoding, page.size, page.tld,
                data.decode(page.encoding, "replace"), data)


def chardetng(page: Page, tld: str | None) -> tuple[str | None, str]:
    from chardetng_py import EncodingDetector

    detector = EncodingDetector()
    detector.feed(page.data, last=True)
    label = detector.guess(tld=tld.encode() if tld else None, allow_utf8=False)
    return _decode(page.data, label), label


def normalizer(page: Page, tld: str | None) -> tuple[str | None, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(page.data).best()
    label = best.encoding if best is not None else "none"
    return _decode(page.data, label if best is not None else None), label


DECODERS: dict[str, Callable[[Page, str | None], tuple[str | None, str]]] = {
    "Lis-moi": ours,
    "chardetng": chardetng,
    "charset-normalizer": normalizer,
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--failures", action="store_true", help="list each page a decoder got wrong")
    ap.add_argument("--sizes", default=",".join(SIZES), help="page sizes to run (default: all)")
    args = ap.parse_args()
    sizes = set(args.sizes.split(","))
    todo = [p for p in pages() if p.size in sizes]
    encodings = {p.encoding for p in todo}
    languages = {p.lang for p in todo}
    print(
        f"charset set: {len(todo)} undeclared pages, {len(languages)} languages, "
        f"{len(encodings)} legacy encodings, sizes {', '.join(s for s in SIZES if s in sizes)}"
    )
    for decoder in DECODERS.values():  # imports and first-call set-up out of the timing
        decoder(todo[0], None)
    for mode in ("file (no TLD)", "link (country TLD)", "file with <html lang>"):
        print(f"\n{mode}")
        print(f"  {'decoder':<20} {'right':>9}  " + "  ".join(f"{s:>7}" for s in SIZES)
              + "   ms/page")
        for name, decoder in DECODERS.items():
            if name == "charset-normalizer" and not mode.startswith("file (no"):
                continue  # it takes no hint: the same as for files
            if name == "chardetng" and "lang" in mode:
                continue  # it takes no language: the same as for files
            right: dict[str, int] = defaultdict(int)
            total: dict[str, int] = defaultdict(int)
            wrong = []
            cpu = 0.0
            for page in todo if "lang" not in mode else [with_lang(p) for p in todo]:
                tld = page.tld if mode.startswith("link") else None
                t0 = time.process_time()
                text, label = decoder(page, tld)
                cpu += time.process_time() - t0
                total[page.size] += 1
                if text == page.text:
                    right[page.size] += 1
                else:
                    wrong.append(f"{page.name} -> {label}")
            n_right, n = sum(right.values()), sum(total.values())
            by_size = "  ".join(
                f"{right[s]:>3}/{total[s]:<3}" if total[s] else f"{'-':>7}" for s in SIZES
            )
            print(f"  {name:<20} {n_right:>4}/{n:<4}  {by_size}   {cpu * 1000 / n:.2f}")
            if args.failures and wrong:
                print("      wrong: " + ", ".join(wrong))


if __name__ == "__main__":
    main()
