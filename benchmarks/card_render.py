"""Infographic cards drawn to PNG: each template at each size, and the download view.

    .venv/bin/python benchmarks/card_render.py [--runs 50]

Uses its own SQLite database in a temporary directory (no server needed). Draws every
template at every size --runs times with the institution's logo decoded once (as a request
does), after one warm-up draw that loads the fonts, and reports the median and p95 in ms; then
times the download view (access check, the card and brand read, the logo decoded, the PNG
drawn) through Django's test client. Exits non-zero unless every p95 is under 300 ms.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_MS = 300
DATA = {
    "number": {"number": "1.250", "caption": "нових стабала засађено у 2026. години"},
    "list": {
        "title": "Šta donosi budžet za 2027. godinu",
        "items": [
            "Novi vrtić u naselju Aerodrom",
            "Rekonstrukcija Velike pijace",
            "Besplatan prevoz za penzionere",
            "Sto novih klupa u parkovima",
            "Nova rasveta u 40 ulica",
        ],
    },
    "before_after": {
        "title": "Ulica Kralja Petra I",
        "before": "Rupe u asfaltu, bez trotoara i rasvete",
        "after": "Novi asfalt, trotoari sa obe strane i LED rasveta",
    },
    "event": {
        "title": "Јавна расправа о буџету града за 2027. годину",
        "date": "2026-12-15",
        "time": "18:00",
        "place": "Велика сала Скупштине града, Трг слободе 3",
    },
}


def setup_django(directory: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/cards_bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "glasnik.settings.test"
    os.environ.setdefault("GLASNIK_MEDIA_ROOT", f"{directory}/media")
    sys.path[:0] = [str(ROOT / "src"), str(ROOT / "src" / "tests")]
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def summary(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def timed(function, runs: int) -> list[float]:
    function()  # warm-up: fonts loaded, imports done
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as directory:
        setup_django(directory)
        return measure(runs)


def measure(runs: int) -> int:
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse
    from factories.cards import png_upload
    from factories.toolkit import institution_team

    from glasnik.cards import services
    from glasnik.cards.models import CardSize, CardTemplate
    from glasnik.cards.render import Look, card_png, logo_decoded
    from glasnik.cards.texts import CardWords, drawn_texts

    team = institution_team()
    brand = services.brand_save(
        organization=team.organization,
        actor=team.officer,
        primary_colour="#7a1f2b",
        accent_colour="#e8b923",
        text_colour="#ffffff",
        logo=png_upload(size=(600, 300)),
    )
    logo = logo_decoded(brand.logo)
    look = Look("#7a1f2b", "#e8b923", "#ffffff", logo, "Grad Kragujevac")
    worst = 0.0
    print(f"card_png, {runs} draws each after one warm-up (ms)")
    print(f"{'template':<14}{'size':<11}{'median':>8}{'p95':>8}")
    for template in CardTemplate.values:
        texts = drawn_texts(template, DATA[template], CardWords("sr", DATA[template]))
        for size in CardSize.values:
            draw = partial(card_png, template, texts, size, look)
            median, p95 = summary(timed(draw, runs))
            worst = max(worst, p95)
            print(f"{template:<14}{size:<11}{median:8.1f}{p95:8.1f}")
    card = services.card_create(
        organization=team.organization,
        actor=team.officer,
        template="list",
        data=DATA["list"],
        language="sr",
        size="landscape",
    )
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(team.officer)
    url = reverse("cards:download", kwargs={"pk": card.pk, "size": "landscape"})

    def download():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    median, p95 = summary(timed(download, runs))
    worst = max(worst, p95)
    print(f"download view, list card, 1600x900: median {median:.1f} ms, p95 {p95:.1f} ms")
    verdict = "met" if worst < LIMIT_MS else "NOT met"
    print(f"worst p95 {worst:.1f} ms; goal < {LIMIT_MS} ms: {verdict}")
    return 0 if worst < LIMIT_MS else 1


if __name__ == "__main__":
    sys.exit(main())
