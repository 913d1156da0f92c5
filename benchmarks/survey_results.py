#!/usr/bin/env python
"""Survey results at scale: seed_scale's 30-question survey (100,000 responses at factor 1) as its
organiser reads it, under production settings and gunicorn, on PostgreSQL.

    .venv/bin/python benchmarks/survey_results.py [--factor 1] [--requests 15] [--reuse]

1. (Re)creates the database (`GLASNIK_BENCH_DB`, default glasnik_bench), migrates and runs
   `manage.py seed_scale --factor F/10` (timed), then VACUUM ANALYZE.
2. Starts gunicorn with one sync worker and measures the CSV export at F/10: time to stream
   it and the worker's peak resident memory while it streams (sampled from /proc).
3. Tops the seed up to `--factor F` (timed), VACUUM ANALYZE, restarts gunicorn, and times the
   results pages one request after another (median and p95 of `--requests`, after one
   unmeasured request): the results page, with a cross-tab by institution kind and by a
   question, filtered by an answer, the free texts of a question, the needs ranking; then the
   CSV export again at F.
4. Prints Markdown tables and writes var/benchmarks/survey_results.json.

`--reuse` keeps the database as it is (no seeding) and measures the export only at its size.
Goal: the results page under 1 s at 100,000 responses; the export's memory does not grow with
the responses. Only 127.0.0.1 is contacted; gunicorn is stopped on exit, Ctrl+C or error.
"""

import argparse
import datetime
import http.client
import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # the page benchmark's database, gunicorn and environment helpers

OUTPUT = run.VAR_DIR / "survey_results.json"


def machine_facts() -> dict:
    """run.py's machine facts; this benchmark needs no wrk."""
    try:
        return run.machine_facts()
    except FileNotFoundError:
        return {"nproc": os.cpu_count(), "python": sys.version.split()[0]}


def vacuum() -> None:
    import psycopg

    run.log("VACUUM ANALYZE")
    with psycopg.connect(dbname=run.DB_NAME, autocommit=True, **run.PG) as conn:
        conn.execute("VACUUM ANALYZE")


def seed(factor: float) -> float:
    started = time.monotonic()
    run.manage("seed_scale", "--factor", str(factor))
    seconds = time.monotonic() - started
    vacuum()
    return seconds


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def get(port: int, path: str, cookie: str) -> tuple[int, float, int]:
    """Status, seconds until the whole body is read, and its length."""
    conn = http.client.HTTPConnection(run.HOST, port, timeout=300)
    started = time.monotonic()
    try:
        conn.request("GET", path, headers={"Cookie": cookie})
        response = conn.getresponse()
        size = 0
        while chunk := response.read(65536):
            size += len(chunk)
        return response.status, time.monotonic() - started, size
    finally:
        conn.close()


def time_page(port: int, path: str, cookie: str, requests: int) -> dict:
    status, _seconds, size = get(port, path, cookie)  # unmeasured: connections, caches
    if status != 200:
        raise RuntimeError(f"{path} answered {status}")
    times = []
    for _ in range(requests):
        status, seconds, _size = get(port, path, cookie)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        times.append(seconds * 1000)
    times.sort()
    return {
        "path": path,
        "requests": requests,
        "bytes": size,
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[min(len(times) - 1, round(0.95 * (len(times) - 1)))], 1),
        "max_ms": round(times[-1], 1),
    }


def measure_export(server: run.Gunicorn, path: str, cookie: str, responses: int) -> dict:
    """Stream the CSV export once and sample the worker's resident memory while it streams."""
    (worker,) = worker_pids(server.process.pid)
    get(server.port, f"/sr/surveys/{path}/results/", cookie)  # the worker has loaded the views
    before = rss_kib(worker)
    peak = before
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, rss_kib(worker))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        status, seconds, size = get(server.port, f"/sr/surveys/{path}/results/export.csv", cookie)
    finally:
        done.set()
        sampler.join()
    if status != 200:
        raise RuntimeError(f"the export answered {status}")
    return {
        "responses": responses,
        "seconds": round(seconds, 2),
        "megabytes": round(size / 1e6, 1),
        "rss_before_mib": round(before / 1024, 1),
        "rss_peak_mib": round(peak / 1024, 1),
        "rss_growth_mib": round((peak - before) / 1024, 1),
    }


def targets() -> dict:
    return run.django_prep("survey_targets")


def serve() -> run.Gunicorn:
    run.VAR_DIR.mkdir(parents=True, exist_ok=True)
    run.flush_redis()
    server = run.Gunicorn(run.free_port(), workers=1)
    server.start()
    return server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--factor", type=float, default=1.0, help="seed_scale factor at the end")
    parser.add_argument("--requests", type=int, default=15, help="measured requests per page")
    parser.add_argument("--reuse", action="store_true", help=f"reuse {run.DB_NAME} as it is")
    args = parser.parse_args()
    os.environ.setdefault("GUNICORN_CMD_ARGS", "--timeout 300")
    report: dict = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": run.DB_NAME,
        "factor": args.factor,
        "machine": machine_facts(),
        "seeding_seconds": {},
        "exports": [],
        "pages": [],
    }
    server = None
    try:
        reuse = args.reuse and run.database_exists()
        if not reuse:
            run.log(f"creating database {run.DB_NAME}")
            run.recreate_database()
        run.manage("migrate", "--no-input", "-v0")
        run.manage("compilemessages_all")
        run.manage("collectstatic", "--no-input", "-v0")
        if not reuse:
            small = args.factor / 10
            report["seeding_seconds"][str(small)] = round(seed(small), 1)
            prepared = targets()
            server = serve()
            cookie = f"{prepared['session_cookie_name']}={prepared['session_key']}"
            report["exports"].append(
                measure_export(server, prepared["survey_slug"], cookie, prepared["responses"])
            )
            server.stop()
            report["seeding_seconds"][str(args.factor)] = round(seed(args.factor), 1)
        prepared = targets()
        cookie = f"{prepared['session_cookie_name']}={prepared['session_key']}"
        server = serve()
        slug = prepared["survey_slug"]
        results = f"/sr/surveys/{slug}/results/"
        multiple, single = prepared["multiple_question"], prepared["single_question"]
        pages = {
            "results": results,
            "crosstab_kind": f"{results}?question={multiple}&by=kind",
            "crosstab_question": f"{results}?question={multiple}&by=q{single}",
            "filtered": f"{results}?q{single}={prepared['single_choice']}&level=beginner",
            "texts": f"{results}texts/{prepared['text_question']}/?page=3",
            "needs": f"/sr/surveys/{slug}/needs/",
        }
        for name, path in pages.items():
            run.log(f"timing {name}")
            report["pages"].append(
                {"name": name, **time_page(server.port, path, cookie, args.requests)}
            )
        report["exports"].append(measure_export(server, slug, cookie, prepared["responses"]))
        report["responses"] = prepared["responses"]
    finally:
        if server is not None:
            server.stop()
    OUTPUT.write_text(json.dumps(report, indent=2))
    print(tables(report))
    return 0


def tables(report: dict) -> str:
    lines = [
        f"Responses: {report.get('responses')}; seeding seconds: {report['seeding_seconds']}",
        "",
        "| page | median ms | p95 ms | max ms | KB |",
        "|---|---:|---:|---:|---:|",
    ]
    for page in report["pages"]:
        lines.append(
            f"| {page['name']} | {page['median_ms']} | {page['p95_ms']} | {page['max_ms']} "
            f"| {page['bytes'] // 1024} |"
        )
    lines += [
        "",
        "| CSV export | seconds | MB | worker RSS before MiB | peak MiB | growth MiB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for export in report["exports"]:
        lines.append(
            f"| {export['responses']} responses | {export['seconds']} | {export['megabytes']} "
            f"| {export['rss_before_mib']} | {export['rss_peak_mib']} "
            f"| {export['rss_growth_mib']} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
