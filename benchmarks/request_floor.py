#!/usr/bin/env python
"""What every signed-in page pays before its own work: the request floor, part by part.

    .venv/bin/python benchmarks/request_floor.py [--requests 2000]

In one process, under production settings on the benchmark's database (`GLASNIK_BENCH_DB`,
default `glasnik_bench`, made by `benchmarks/run.py`; Redis database `GLASNIK_BENCH_REDIS_DB`,
default 5), Django's test client asks for a view that returns fixed bytes (a page's size) and
for an empty page drawn with the site's layout, while the middleware is added one at a time,
first for a visitor, then signed in as a participant of `seed_scale`'s programme. Each figure
is the CPU time per request (the best of five batches), and each part's cost is the
difference to the row before. The test client's own work is in the first row; gunicorn's (a
few tenths of a millisecond) is in none.
"""

import argparse
import os
import secrets
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH_DIR.parent / "src"), str(BENCH_DIR)]
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "glasnik.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/"
        + os.environ.get("GLASNIK_BENCH_DB", "glasnik_bench"),
        "REDIS_URL": f"redis://127.0.0.1:6379/{os.environ.get('GLASNIK_BENCH_REDIS_DB', '5')}",
        "DATABASE_CONN_MAX_AGE": "60",
        "EMAIL_URL": "consolemail://",
        "GLASNIK_DEMO_LOGINS_ALLOWED": "true",
        "GLASNIK_ROOT_URLCONF": "request_floor",
    }
)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import path  # noqa: E402

from glasnik.urls import *  # noqa: E402, F403  (handler403/404/500)
from glasnik.urls import urlpatterns as site_urlpatterns  # noqa: E402

PAGE_BYTES = b"<!doctype html><title>x</title>" + b"x" * 8000


def bare(request):
    return HttpResponse(PAGE_BYTES, content_type="text/html; charset=utf-8")


def layout(request):
    """An empty page in the site's layout (header, navigation, language switcher, footer)."""
    return render(request, "core/privacy.html", {})


urlpatterns = [
    path("sr/__floor__/bare/", bare),
    path("sr/__floor__/layout/", layout),
    *site_urlpatterns,
]


def per_request_ms(client: Client, url: str, requests: int) -> float:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    batches = []
    for _ in range(5):
        started = time.process_time()
        for _ in range(requests // 5):
            client.get(url)
        batches.append((time.process_time() - started) / (requests // 5) * 1000)
    return min(batches)


def participant():
    from glasnik.programs.models import Enrolment
    from glasnik.site.scale_programs import PROGRAM_SLUG

    return Enrolment.objects.filter(program__slug=PROGRAM_SLUG).order_by("pk").first().person


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    rows = []
    middleware = list(settings.MIDDLEWARE)
    for count in range(len(middleware) + 1):
        with override_settings(MIDDLEWARE=middleware[:count]):
            label = "no middleware" if count == 0 else f"+ {middleware[count - 1]}"
            rows.append(
                (
                    f"visitor, bytes: {label}",
                    per_request_ms(Client(), "/sr/__floor__/bare/", args.requests),
                )
            )
    person = participant()
    client = Client()
    client.force_login(person)
    rows.append(
        (
            "signed in, bytes (session, person, grants)",
            per_request_ms(client, "/sr/__floor__/bare/", args.requests),
        )
    )
    rows.append(
        ("signed in, the layout", per_request_ms(client, "/sr/__floor__/layout/", args.requests))
    )
    print("| part | CPU ms per request | the part costs |")
    print("|---|---:|---:|")
    previous = None
    for label, value in rows:
        cost = "" if previous is None else f"{value - previous:+.3f}"
        print(f"| {label} | {value:.3f} | {cost} |")
        previous = value
    return 0


if __name__ == "__main__":
    sys.exit(main())
