"""Benchmark-only URLconf: the real site plus a bare baseline view.

Selected by the harness with GLASNIK_ROOT_URLCONF=bench_urls (benchmarks/ on PYTHONPATH);
never used in production. `/__bench__/bare/<name>` answers with the bytes the harness
captured from a real page (GLASNIK_BENCH_CAPTURE_DIR/<name>.body, content type in
<name>.type), so the baseline pays for the same middleware, the same gunicorn and the
same response size, but for no view work at all.
"""

import os
from pathlib import Path

from django.http import Http404, HttpResponse
from django.urls import path

from glasnik.urls import *  # noqa: F403  (handler403/404/500)
from glasnik.urls import urlpatterns as site_urlpatterns

_CAPTURE_DIR = Path(os.environ.get("GLASNIK_BENCH_CAPTURE_DIR", "var/benchmarks/captured"))
_captured: dict[str, tuple[bytes, str]] = {}


def _load(name: str) -> tuple[bytes, str]:
    if name not in _captured:
        body_file = _CAPTURE_DIR / f"{name}.body"
        type_file = _CAPTURE_DIR / f"{name}.type"
        if not name.isidentifier() or not body_file.is_file():
            raise Http404
        _captured[name] = (body_file.read_bytes(), type_file.read_text().strip())
    return _captured[name]


def bare(request, name: str):
    content, content_type = _load(name)
    return HttpResponse(content, content_type=content_type)


urlpatterns = [path("__bench__/bare/<str:name>", bare, name="bench_bare"), *site_urlpatterns]
