"""Transliteration throughput against cyrtranslit, and the cost of converting a page.

.venv/bin/python benchmarks/transliteration.py [--megabytes 5] [--runs 200]

Runs in-process with the test settings (no server, no database needed: without one the
engine uses its shipped exception lists, as it does until a database row exists).
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "glasnik.settings.test")

import logging  # noqa: E402

import cyrtranslit  # noqa: E402
import django  # noqa: E402

django.setup()
logging.disable(logging.WARNING)  # "exceptions not loaded from the database": expected here

from glasnik.core.transliteration import (  # noqa: E402
    to_cyrillic,
    to_latin,
    transliterate_html,
)

SEEDS = Path("/work/shared/seeds")
EXTRAS = [
    "Pratite nas na Facebooku, Instagramu i LinkedIn-u, ili na www.opstina-primer.rs.",
    "Pitanja šaljite na info@opstina-primer.org.rs ili @OpstinaPrimer; #NašGrad",
    "LJUBLJANA I NJEGOŠEVA ULICA: XIV sednica skupštine, II faza, injekcija, nadživeti.",
    "Prezentacija je u PDF-u i PowerPointu; prijava na https://opstina-primer.rs/konkurs?g=2026.",
]
HARD_CASES = [
    ("cyrl", "Facebook"),
    ("cyrl", "LJUBLJANA"),
    ("cyrl", "Lj. Petrović"),
    ("cyrl", "nadživeti"),
    ("cyrl", "injekcija"),
    ("cyrl", "Odžaci"),
    ("cyrl", "www.starigrad.org.rs"),
    ("cyrl", "info@starigrad.org.rs"),
    ("cyrl", "@OpstinaSG na Instagramu"),
    ("cyrl", "XIV sednica"),
    ("cyrl", "EU i HTML"),
    ("cyrl", "\u01c8ubljana"),
    ("cyrl", "c\u030cas"),
    ("latn", "ЉУБЉАНА"),
    ("latn", "Љ. Петровић"),
    ("latn", "ТАЏ"),
    ("cyrl", "Wi-Fi mreža"),
    ("cyrl", "e-mailom"),
    ("cyrl", "Covid-19"),
    ("cyrl", "iCalendar (.ics datoteka)"),
    ("cyrl", "u 2:00 CET"),
    ("cyrl", "<i>važno</i>"),
]


def seed_text() -> str:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    return "\n".join(texts) if texts else " ".join(EXTRAS) * 20


def large_latin_text(megabytes: float) -> str:
    """Seed paragraphs and the extras, shuffled, until the text reaches the size."""
    rng = random.Random(3)
    paragraphs = [p for p in seed_text().split("\n") if p.strip()] + EXTRAS * 3
    pieces, size, target = [], 0, int(megabytes * 1_000_000)
    while size < target:
        paragraph = rng.choice(paragraphs)
        pieces.append(paragraph)
        size += len(paragraph.encode())
    return "\n".join(pieces)


def best_seconds(function, pieces: list[str], repeats: int = 3) -> float:
    """CPU seconds of this process (other work on a shared machine slows it far less than it
    slows the wall clock), best of `repeats`, for `function` over each of `pieces`."""
    times = []
    for _ in range(repeats):
        start = time.process_time()
        for piece in pieces:
            function(piece)
        times.append(time.process_time() - start)
    return min(times)


def throughput(latin: str) -> list[tuple[str, str, float]]:
    """Paragraph by paragraph (at most a few KB each, as a page or a feed gives them), and our
    engine also on the whole text as one line, as minified HTML gives it. cyrtranslit gets
    paragraphs only: its `to_cyrillic` slows down more than linearly with the length of one
    string (0.1 MB in 0.3 s, 0.4 MB in 17 s), so one long line would not finish."""
    cyrillic = to_cyrillic(latin)
    megabytes_latin = len(latin.encode()) / 1e6
    megabytes_cyrillic = len(cyrillic.encode()) / 1e6
    theirs_cyrillic = lambda text: cyrtranslit.to_cyrillic(text, "sr")  # noqa: E731
    theirs_latin = lambda text: cyrtranslit.to_latin(text, "sr")  # noqa: E731
    one_line_latin = [latin.replace("\n", " ")]
    one_line_cyrillic = [cyrillic.replace("\n", " ")]
    rows = []
    for name, function, pieces, megabytes in [
        ("glasnik to_cyrillic", to_cyrillic, latin.split("\n"), megabytes_latin),
        ("glasnik to_cyrillic, one line", to_cyrillic, one_line_latin, megabytes_latin),
        ("cyrtranslit to_cyrillic", theirs_cyrillic, latin.split("\n"), megabytes_latin),
        ("glasnik to_latin", to_latin, cyrillic.split("\n"), megabytes_cyrillic),
        ("glasnik to_latin, one line", to_latin, one_line_cyrillic, megabytes_cyrillic),
        ("cyrtranslit to_latin", theirs_latin, cyrillic.split("\n"), megabytes_cyrillic),
    ]:
        seconds = best_seconds(function, pieces)
        rows.append((name, f"{megabytes:.1f} MB", megabytes / seconds))
    return rows


def typical_page(size: int = 50_000) -> str:
    """The organizations list as Glasnik renders it (Cyrillic interface, table of names), with a
    Latin news item written by an organiser, padded with table rows to about `size` bytes."""
    row = (
        '<tr>\n  <th scope="row"><a href="/sr/organizations/rs-{slug}/">{name}</a></th>\n'
        "  <td>Општина</td>\n  <td>Србија</td>\n  <td>Златиборски округ</td>\n"
        '  <td><a href="/sr/organizations/rs-zlatiborski/">Златиборски округ</a></td>\n'
        "  <td>{population}</td>\n</tr>\n"
    )
    names = ["Чајетина", "Ужице", "Пожега", "Ариље", "Косјерић", "Нова Варош"] * 200
    rows = [
        row.format(slug=f"opstina-{i}", name=name, population=1000 + i)
        for i, name in enumerate(names)
    ]
    news = "".join(f"<p>{p}</p>\n" for p in seed_text().split("\n")[:8] if p.strip())
    head = (
        '<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        "<title>Институције · Гласник</title>\n"
        '<meta name="description" content="Списак институција">\n'
        '<link rel="stylesheet" href="/static/css/glasnik.css">\n'
        '<script src="/static/js/glasnik.js" defer></script>\n</head>\n<body>\n'
        '<a class="skip-link" href="#main">Пређите на главни садржај</a>\n'
        '<nav class="language-nav" aria-label="Језик"><ul>\n'
        # As the switcher writes it: Cyrillic names as character references.
        '<li><a href="/language/sr/" lang="sr-Cyrl">'
        "&#1057;&#1088;&#1087;&#1089;&#1082;&#1080; "
        "(&#1115;&#1080;&#1088;&#1080;&#1083;&#1080;&#1094;&#1072;)</a></li>\n"
        '<li><a href="/language/sr-latn/" lang="sr-Latn">Srpski (latinica)</a></li>\n'
        '<li><a href="/language/en/" lang="en">English</a></li>\n</ul></nav>\n'
        '<main id="main" class="container">\n<h1>Институције</h1>\n'
        '<form method="get" role="search" aria-label="Филтрирање институција">'
        '<input type="search" name="q" placeholder="Назив"></form>\n'
        f'<article class="news"><h2>Vest</h2>\n{news}</article>\n'
        "<table>\n<caption>575 институција</caption>\n<tbody>\n"
    )
    page, used = head, len(head.encode())
    for row in rows:
        if used >= size - 200:
            break
        page += row
        used += len(row.encode())
    return page + "</tbody>\n</table>\n</main>\n</body>\n</html>\n"


def page_cost(runs: int) -> list[tuple[str, int, float, float, float]]:
    """The page in each direction; as a reader of a Latin-script language (Croatian) gets it,
    its Serbian Cyrillic names in Latin; and a Croatian page whose content has no Cyrillic."""
    rows = []
    for target, lang in [
        ("cyrl", "sr-Cyrl"),
        ("latn", "sr-Latn"),
        ("latn", "hr"),
        ("latn", "hr, Latin"),
    ]:
        page = typical_page().replace("{lang}", lang.split(",")[0])
        if "," in lang:  # the page as a Croatian institutions list would be: names in Latin
            page = to_latin(page)
        latin_bytes = sum(1 for char in page if "a" <= char.lower() <= "z")
        transliterate_html(page, target)  # warm: rules built, words memoised as in a live process
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            transliterate_html(page, target)
            times.append(time.perf_counter() - start)
        times.sort()
        rows.append(
            (
                f"{target} ({lang})",
                len(page.encode()),
                statistics.median(times) * 1000,
                times[int(len(times) * 0.95) - 1] * 1000,
                latin_bytes,
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=200)
    options = parser.parse_args()

    latin = large_latin_text(options.megabytes)
    print("## Throughput (best of 3, MB/s of UTF-8 input per CPU second)\n")
    print("| engine | input | MB/s |\n|---|---|---|")
    for name, size, rate in throughput(latin):
        print(f"| {name} | {size} | {rate:.1f} |")

    print(f"\n## Page conversion (median and p95 of {options.runs} runs)\n")
    print("| target | page bytes | median ms | p95 ms |\n|---|---|---|---|")
    for target, size, median, p95, _ in page_cost(options.runs):
        print(f"| {target} | {size} | {median:.2f} | {p95:.2f} |")

    print("\n## Hard cases\n")
    print("| to | input | glasnik | cyrtranslit |\n|---|---|---|---|")
    for target, text in HARD_CASES:
        ours = to_cyrillic(text) if target == "cyrl" else to_latin(text)
        theirs = (cyrtranslit.to_cyrillic if target == "cyrl" else cyrtranslit.to_latin)(text, "sr")
        mark = "" if ours == theirs else " ≠"
        print(f"| {target} | {text} | {ours} | {theirs}{mark} |")


if __name__ == "__main__":
    main()
