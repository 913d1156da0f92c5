#!/usr/bin/env python
"""Glasnik benchmark harness: production settings under gunicorn, driven by wrk.

    .venv/bin/python benchmarks/run.py [--factor 0.1] [--duration 10] [--connections 50] [--reuse]

1. (Re)creates the PostgreSQL database `glasnik_bench`, migrates it, loads
   `manage.py seed_scale --factor N` and `manage.py demo`, runs collectstatic.
2. Starts gunicorn (cores + 1 sync workers, production settings, Redis cache db 5) on a free port
   of 127.0.0.1 and waits for /healthz.
3. Fetches every page once and saves its bytes; the benchmark URLconf (bench_urls.py)
   serves those bytes from a bare view, `/__bench__/bare/<name>`: the baseline.
4. Drives the bare view and each page with wrk, one after the other; prints a table and
   writes var/benchmarks/latest.json.

Only 127.0.0.1 is ever contacted. gunicorn is stopped on exit, Ctrl+C or error.
"""

import argparse
import datetime
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
BASE_DIR = BENCH_DIR.parent
VAR_DIR = BASE_DIR / "var" / "benchmarks"
CAPTURE_DIR = VAR_DIR / "captured"
PYTHON = sys.executable
VENV_BIN = Path(PYTHON).parent
# Overridable so that several working copies on one machine do not share a database or Redis.
DB_NAME = os.environ.get("GLASNIK_BENCH_DB", "glasnik_bench")
REDIS_DB = int(os.environ.get("GLASNIK_BENCH_REDIS_DB", "5"))
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
HOST = "127.0.0.1"

# Goals: warm, public pages at least half the bare view's throughput, signed-in pages a fifth;
# cold (signed in, no page cache, a new question), every page a fifth; every page's 95th
# percentile at most 100 ms at the given number of connections.
GOAL_RATIO = {"public": 0.5, "signed-in": 0.2, "cold": 0.2}
GOAL_P95_MS = 100.0


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def environment(port: int | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "glasnik.settings.production",
            "DJANGO_SECRET_KEY": SECRET_KEY,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{DB_NAME}",
            "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
            "DATABASE_CONN_MAX_AGE": "60",
            "GLASNIK_ROOT_URLCONF": "bench_urls",
            "GLASNIK_BENCH_CAPTURE_DIR": str(CAPTURE_DIR),
            "PYTHONPATH": os.pathsep.join([str(BASE_DIR / "src"), str(BENCH_DIR)]),
            "EMAIL_URL": "consolemail://",
            # The harness signs in with the demo's logins (manage.py demo); never on a real site.
            "GLASNIK_DEMO_LOGINS_ALLOWED": "true",
        }
    )
    return env


SECRET_KEY = secrets.token_urlsafe(50)


# --- database -------------------------------------------------------------------------------


def database_exists() -> bool:
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True, **PG) as conn:
        return (
            conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
            is not None
        )


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True, **PG) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def flush_redis() -> None:
    import redis

    redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB).flushdb()


def manage(*args: str, capture: bool = False) -> str:
    log("manage.py " + " ".join(args))
    started = time.monotonic()
    result = subprocess.run(
        [PYTHON, str(BASE_DIR / "manage.py"), *args],
        env=environment(),
        cwd=BASE_DIR,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
    )
    log(f"  done in {time.monotonic() - started:.1f} s")
    return result.stdout or ""


def django_prep(*args: str) -> dict:
    output = subprocess.run(
        [PYTHON, str(BENCH_DIR / "django_prep.py"), *args],
        env=environment(),
        cwd=BASE_DIR,
        check=True,
        text=True,
        stdout=subprocess.PIPE,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def prepare_database(factor: float, reuse: bool) -> dict:
    fresh = not (reuse and database_exists())
    if fresh:
        log(f"creating database {DB_NAME}")
        recreate_database()
    else:
        log(f"reusing database {DB_NAME}")
    manage("migrate", "--no-input", "-v0")
    notes: list[str] = []
    if fresh:
        manage("seed_scale", "--factor", str(factor))
        manage("demo")
    manage("compilemessages_all")
    manage("collectstatic", "--no-input", "-v0")
    # Bulk-loaded tables need planner statistics, also on a reused database whose statistics
    # may have been reset; VACUUM lets autovacuum rest during the measurements.
    import psycopg

    log("VACUUM ANALYZE")
    with psycopg.connect(dbname=DB_NAME, autocommit=True, **PG) as conn:
        conn.execute("VACUUM ANALYZE")
    return {"fresh": fresh, "notes": notes}


# --- gunicorn -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Gunicorn:
    def __init__(self, port: int, workers: int):
        self.port = port
        self.workers = workers
        self.process: subprocess.Popen | None = None
        self.log_path = VAR_DIR / "gunicorn.log"

    def start(self) -> None:
        log(f"starting gunicorn on {HOST}:{self.port} with {self.workers} workers")
        self.log_file = self.log_path.open("w")
        self.process = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "glasnik.wsgi",
                "--workers",
                str(self.workers),
                "--bind",
                f"{HOST}:{self.port}",
                "--log-level",
                "warning",
                "--error-logfile",
                "-",
            ],
            env=environment(),
            cwd=BASE_DIR,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so it can be stopped as a whole
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early; see {self.log_path}")
            try:
                status, _, body = fetch(self.port, "/healthz")
                if status == 200:
                    log(f"healthz: {body.decode()}")
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not become healthy; see {self.log_path}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        log("stopping gunicorn")
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass
        self.log_file.close()


def fetch(port: int, path: str, cookie: str | None = None) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        headers = {"Cookie": cookie} if cookie else {}
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


# --- wrk ------------------------------------------------------------------------------------

WRK_LINE = re.compile(r"^GLASNIK_BENCH (\{.*\})$", re.MULTILINE)
WRK_RPS = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
WRK_PERCENTILE = re.compile(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(
    url: str,
    args,
    cookie: str | None = None,
    duration: int | None = None,
    questions: Path | None = None,
) -> dict:
    """Load `url` with wrk; with `questions`, each request asks the next unasked question."""
    script, env = BENCH_DIR / "report.lua", None
    if questions is not None:
        script = BENCH_DIR / "fresh_questions.lua"
        env = {
            **os.environ,
            "GLASNIK_BENCH_QUESTIONS": str(questions),
            "GLASNIK_BENCH_QUESTIONS_NEXT": str(questions.with_suffix(".next")),
            "GLASNIK_BENCH_THREADS": str(args.threads),
            "GLASNIK_BENCH_REPORT": str(BENCH_DIR / "report.lua"),
        }
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{duration or args.duration}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(script),
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*command, url], check=True, text=True, capture_output=True, env=env
    ).stdout
    match = WRK_LINE.search(output)
    if not match:
        raise RuntimeError(f"could not parse wrk output:\n{output}")
    raw = json.loads(match.group(1))
    # wrk's own text summary, parsed as a cross-check of the Lua numbers.
    text_rps = float(WRK_RPS.search(output).group(1))
    text_percentiles = {
        f"p{p}_ms": float(value) * UNIT_MS[unit]
        for p, value, unit in WRK_PERCENTILE.findall(output)
    }
    errors = {k.removeprefix("errors_"): v for k, v in raw.items() if k.startswith("errors_")}
    return {
        "requests": raw["requests"],
        "requests_per_second": raw["requests"] / (raw["duration_us"] / 1e6),
        "wrk_text_requests_per_second": text_rps,
        "latency_ms": {
            "p50": raw["p50_us"] / 1000,
            "p90": raw["p90_us"] / 1000,
            "p95": raw["p95_us"] / 1000,
            "p99": raw["p99_us"] / 1000,
            "max": raw["max_us"] / 1000,
            "mean": raw["mean_us"] / 1000,
        },
        "wrk_text_latency_ms": text_percentiles,
        "bytes_per_response": raw["bytes"] / raw["requests"] if raw["requests"] else 0,
        "errors": errors,
    }


# --- the registration rush ------------------------------------------------------------------

RUSH_STEPS = ("programme", "training", "form", "register", "result")
RUSH_GOAL_P95_MS = 300.0


class RegistrationForm(HTMLParser):
    """The fields of the registration page's form (the one posting to `action`): hidden inputs,
    checked boxes, each select's chosen option, required boxes ticked."""

    def __init__(self, action: str):
        super().__init__()
        self.action, self.inside, self.select = action, False, None
        self.fields: list[tuple[str, str]] = []
        self.found = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = (attrs.get("action") or "") == self.action
            self.found = self.found or self.inside
        if not self.inside or (not attrs.get("name") and tag != "option"):
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind == "hidden" or (
                kind in ("checkbox", "radio") and ("checked" in attrs or "required" in attrs)
            ):
                self.fields.append((attrs["name"], attrs.get("value", "on")))
        elif tag == "select":
            self.select = [attrs["name"], None]
        elif (
            tag == "option"
            and self.select is not None
            and (self.select[1] is None or "selected" in attrs)
        ):
            self.select[1] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select is not None:
            if self.select[1]:
                self.fields.append(tuple(self.select))
            self.select = None


def rush_request(port, method, path, cookies, body=None):
    """One request of a participant; their cookies are updated from the answer."""
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    started = time.perf_counter()
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        content = response.read()
    finally:
        conn.close()
    elapsed_ms = (time.perf_counter() - started) * 1000
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            cookies[name.strip()] = rest.split(";", 1)[0]
    return response.status, response.getheader("Location"), content, elapsed_ms


def rush_participant(port: int, rush: dict, session_key: str, arrives_at: float) -> dict:
    """Open the programme, the training, the registration form; register; see the result."""
    from urllib.parse import urlencode

    time.sleep(max(0.0, arrives_at - time.monotonic()))
    cookies = {rush["session_cookie_name"]: session_key}
    timings, errors = {}, []

    def step(name, method, path, body=None, expect=200):
        status, location, content, ms = rush_request(port, method, path, cookies, body)
        timings[name] = ms
        if status != expect:
            errors.append(f"{name}: {status}")
        return location, content

    step("programme", "GET", rush["program_path"])
    step("training", "GET", rush["event_path"])
    _, page = step("form", "GET", rush["register_path"])
    form = RegistrationForm(rush["register_path"])
    text = page.decode("utf-8", "replace")
    form.feed(text)
    if not form.found:
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.DOTALL)
        notes = re.findall(r'class="(?:message|messages)[^"]*"[^>]*>(.*?)<', text, re.DOTALL)
        errors.append(
            f"form: no registration form on the page ({session_key[:6]}…: "
            f"{heading.group(1).strip() if heading else '?'}; {notes[:2]})"
        )
        return {"timings": timings, "errors": errors}
    location, _ = step("register", "POST", rush["register_path"], urlencode(form.fields), 302)
    if location:
        step("result", "GET", location)
    return {"timings": timings, "errors": errors}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def rush_run(base: str, args) -> dict:
    """`args.rush_people` participants arrive within `args.rush_window` seconds (evenly, in a
    shuffled order), at most `args.rush_connections` requests in flight, for a training with
    `args.rush_seats` seats."""
    import random
    from concurrent.futures import ThreadPoolExecutor

    port = int(base.rsplit(":", 1)[1])
    rush = django_prep("rush_targets", str(args.rush_people), str(args.rush_seats))
    sessions = rush["sessions"]
    log(
        f"registration rush: {len(sessions)} participants within {args.rush_window:g}s, "
        f"{args.rush_seats} seats, {args.rush_connections} connections"
    )
    offsets = [args.rush_window * i / len(sessions) for i in range(len(sessions))]
    random.Random(20261207).shuffle(offsets)
    start = time.monotonic() + 1.0
    with ThreadPoolExecutor(max_workers=args.rush_connections) as pool:
        outcomes = list(
            pool.map(
                lambda pair: rush_participant(port, rush, pair[0], start + pair[1]),
                zip(sessions, sorted(offsets), strict=True),
            )
        )
    took = time.monotonic() - start
    seats = django_prep("rush_result", str(rush["event_pk"]))
    steps = {}
    for name in RUSH_STEPS:
        values = [o["timings"][name] for o in outcomes if name in o["timings"]]
        steps[name] = {
            "requests": len(values),
            "p50": percentile(values, 0.50),
            "p95": percentile(values, 0.95),
            "p99": percentile(values, 0.99),
            "max": max(values, default=0.0),
        }
    errors = [error for o in outcomes for error in o["errors"]]
    confirmed = seats["by_status"].get("confirmed", 0)
    waiting = seats["by_status"].get("waitlisted", 0)
    goal_met = (
        not errors
        and confirmed == args.rush_seats
        and confirmed + waiting == len(sessions) == seats["people"]
        and all(step["p95"] <= RUSH_GOAL_P95_MS for step in steps.values())
    )
    log(f"  rush done in {took:.1f}s: {seats['by_status']}, {len(errors)} errors")
    return {
        "participants": len(sessions),
        "seats": args.rush_seats,
        "window_s": args.rush_window,
        "connections": args.rush_connections,
        "took_s": took,
        "steps": steps,
        "registrations": seats,
        "errors": errors[:20],
        "error_count": len(errors),
        "goal": f"p95 <= {RUSH_GOAL_P95_MS:g} ms for every step, exactly the seats confirmed, "
        "everyone else waiting, no error",
        "goal_met": goal_met,
    }


def rush_table(rush: dict) -> str:
    lines = [
        f"Registration rush: {rush['participants']} participants within {rush['window_s']:g} s "
        f"(done in {rush['took_s']:.1f} s), a training with {rush['seats']} seats, at most "
        f"{rush['connections']} requests in flight.",
        "",
        "| step | requests | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---|---|---|---|---|",
    ]
    for name, step in rush["steps"].items():
        lines.append(
            f"| {name} | {step['requests']} | {step['p50']:.1f} | {step['p95']:.1f} | "
            f"{step['p99']:.1f} | {step['max']:.1f} |"
        )
    by_status = ", ".join(f"{k} {v}" for k, v in sorted(rush["registrations"]["by_status"].items()))
    lines += [
        "",
        f"Registrations at the end: {by_status} ({rush['registrations']['people']} people); "
        f"errors: {rush['error_count']}. Goal ({rush['goal']}): "
        f"{'met' if rush['goal_met'] else '**not met**'}.",
    ]
    return "\n".join(lines)


# --- the run --------------------------------------------------------------------------------


VARIANTS = ("warm", "cold")


def pages(targets: dict) -> list[dict]:
    """Every page, each measured twice: `warm` as its usual visitor gets it (a visitor of a
    public page gets the page cache's copy; a signed-in page repeats one question) and `cold`
    signed in as a participant of seed_scale's programme, who never gets the page cache (for
    the directory: each request a question nobody asked before)."""
    name = targets["session_cookie_name"]
    member = f"{name}={targets['session_key']}"
    participant = f"{name}={targets['participant_session_key']}"

    def public(page_name: str, path: str) -> dict:
        return {
            "name": page_name,
            "kind": "public",
            "warm": {"path": path},
            "cold": {"path": path, "cookie": participant},
        }

    result = [public("home", "/sr/"), public("organizations", "/sr/organizations/")]
    if targets["organization_slug"]:
        path = f"/sr/organizations/{targets['organization_slug']}/"
        result.append(public("organization_detail", path))
    result.append(public("accessibility", "/sr/accessibility/"))
    # seed_scale's programme (glasnik.site.scale_programs.PROGRAM_SLUG): 50 events, 1,500
    # registrations.
    result.append(public("program_detail", "/sr/programmes/seed-programme/"))
    for page_name in ("network", "call", "program_event"):
        if targets.get(f"{page_name}_path"):
            result.append(public(page_name, targets[f"{page_name}_path"]))
    result.append(
        {
            "name": "dashboard",
            "kind": "signed-in",
            "warm": {"path": "/sr/dashboard/", "cookie": member},
            "cold": {"path": "/sr/dashboard/", "cookie": participant},
        }
    )
    if targets.get("directory_session_key") and targets.get("directory_questions"):
        # seed_scale's big network, as one of its members sees it: filtered and searched; cold,
        # every request a question not asked before, so never from the directory's cache.
        directory = f"/sr/networks/{targets['directory_network_slug']}/directory/"
        member_cookie = f"{name}={targets['directory_session_key']}"
        result.append(
            {
                "name": "directory",
                "kind": "signed-in",
                "warm": {"path": directory + DIRECTORY_QUERY, "cookie": member_cookie},
                "cold": {
                    "path": directory + targets["directory_questions"][0],
                    "cookie": member_cookie,
                    "questions": VAR_DIR / "directory_questions.txt",
                    "question_paths": [directory + q for q in targets["directory_questions"]],
                },
            }
        )
    return result


def write_questions(target: dict) -> None:
    """The file fresh_questions.lua walks through, and where it starts: after the first
    question, which the harness asks itself to capture the page."""
    target["questions"].write_text("".join(f"{path}\n" for path in target["question_paths"]))
    target["questions"].with_suffix(".next").write_text("1\n")


# A search that matches about one member in eight, narrowed by the kind of institution.
DIRECTORY_QUERY = "?q=petrovic&kind=municipality"


def capture(port: int, bare_name: str, target: dict) -> None:
    status, headers, body = fetch(port, target["path"], target.get("cookie"))
    if status != 200:
        raise RuntimeError(f"{target['path']} answered {status} (expected 200)")
    (CAPTURE_DIR / f"{bare_name}.body").write_bytes(body)
    (CAPTURE_DIR / f"{bare_name}.type").write_text(headers.get("Content-Type", "text/html"))
    bare_status, _, bare_body = fetch(port, f"/__bench__/bare/{bare_name}")
    if bare_status != 200 or bare_body != body:
        raise RuntimeError(f"bare view for {bare_name} does not return the captured bytes")
    target["bytes"] = len(body)


def measure(base: str, page: dict, variant: str, args) -> dict:
    """Bare and page alternately, `args.rounds` times; the best of each."""
    target = page[variant]
    bare_url = f"{base}/__bench__/bare/{page['name']}_{variant}"
    url = base + target["path"]
    cookie, questions = target.get("cookie"), target.get("questions")
    bare_runs, page_runs = [], []
    for round_number in range(1, args.rounds + 1):
        # Bare and page alternate, so slow spells on a shared machine hit both alike.
        if args.warmup:
            wrk(bare_url, args, duration=args.warmup)
        log(f"bare {page['name']} ({variant}): wrk {args.duration}s (round {round_number})")
        bare_runs.append(wrk(bare_url, args))
        if args.warmup:
            wrk(url, args, cookie=cookie, duration=args.warmup, questions=questions)
        log(f"page {target['path']} ({variant}): wrk {args.duration}s (round {round_number})")
        page_runs.append(wrk(url, args, cookie=cookie, questions=questions))
    # Best of the rounds for each: interference from other processes only slows down.
    bare = max(bare_runs, key=lambda run: run["requests_per_second"])
    result = max(page_runs, key=lambda run: run["requests_per_second"])
    log(
        f"  {page['name']} ({variant}): {result['requests_per_second']:.0f} req/s "
        f"(bare {bare['requests_per_second']:.0f}), p95 {result['latency_ms']['p95']:.1f} ms"
    )
    return {
        "path": target["path"],
        "signed_in": bool(cookie),
        "response_bytes": target["bytes"],
        "bare": bare,
        "result": result,
        "rounds": {"bare": bare_runs, "page": page_runs},
        "evaluation": evaluate(page["kind"], variant, result, bare),
    }


def machine_facts() -> dict:
    meminfo = Path("/proc/meminfo").read_text()
    total_kb = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))
    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout
    import django

    return {
        "nproc": os.cpu_count(),
        "ram_gib": round(total_kb / 1024 / 1024, 1),
        "cpu": cpu.group(1).strip() if cpu else platform.processor(),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "wrk": wrk_version.split(" [")[0].strip(),
    }


def evaluate(kind: str, variant: str, result: dict, bare: dict) -> dict:
    # A bare run that answered nothing (the machine stalled) gives no ratio: the goal is unmet.
    rps_ratio = result["requests_per_second"] / (bare["requests_per_second"] or float("inf"))
    p95 = result["latency_ms"]["p95"]
    p95_ratio = p95 / bare["latency_ms"]["p95"] if bare["latency_ms"]["p95"] else None
    failures = sum(result["errors"].values())
    goal_ratio = GOAL_RATIO[kind] if variant == "warm" else GOAL_RATIO["cold"]
    met = rps_ratio >= goal_ratio and p95 <= GOAL_P95_MS and failures == 0
    return {
        "rps_ratio": rps_ratio,
        "p95_ratio": p95_ratio,
        "goal": f"req/s >= {goal_ratio} x bare, p95 <= {GOAL_P95_MS:g} ms",
        "goal_met": met,
    }


def table(rows: list[dict], connections: int) -> str:
    header = (
        "| page | kind | warm req/s | warm ÷ bare | warm p95 ms | cold req/s | cold ÷ bare | "
        "cold p95 ms | bare req/s (warm, cold) | errors | goals met |"
    )
    lines = [header, "|" + "---|" * 11]
    for row in rows:
        cells = []
        for variant in VARIANTS:
            measured = row.get(variant)
            if measured is None:
                cells.append("– | – | –")
                continue
            r, e = measured["result"], measured["evaluation"]
            ratio = f"{e['rps_ratio']:.2f}" if e["goal_met"] else f"**{e['rps_ratio']:.2f}**"
            cells.append(f"{r['requests_per_second']:.0f} | {ratio} | {r['latency_ms']['p95']:.1f}")
        bares = ", ".join(
            f"{row[v]['bare']['requests_per_second']:.0f}" for v in VARIANTS if row.get(v)
        )
        errors = sum(sum(row[v]["result"]["errors"].values()) for v in VARIANTS if row.get(v))
        met = all(row[v]["evaluation"]["goal_met"] for v in VARIANTS if row.get(v))
        lines.append(
            f"| {row['name']} | {row['kind']} | {cells[0]} | {cells[1]} | {bares} | {errors} | "
            f"{'yes' if met else '**no**'} |"
        )
    lines.append("")
    lines.append(
        f"Goals at {connections} connections: warm, public pages >= {GOAL_RATIO['public']} "
        f"and signed-in pages >= {GOAL_RATIO['signed-in']} of the bare view's req/s; cold "
        f"(signed in as a participant, no page cache, a new question), every page >= "
        f"{GOAL_RATIO['cold']}; p95 <= {GOAL_P95_MS:g} ms; no errors."
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--factor",
        type=float,
        default=0.1,
        help="seed_scale factor (1 = 2000 organizations, 20000 people)",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per target")
    parser.add_argument(
        "--warmup", type=int, default=2, help="seconds of unmeasured load before each target"
    )
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument(
        "--rounds", type=int, default=1, help="alternate bare/page this many times; keep the best"
    )
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument(
        "--workers",
        type=int,
        default=(os.cpu_count() or 2) + 1,
        help="gunicorn sync workers (default: cores + 1; wrk shares the machine, so fewer than "
        "gunicorn's usual 2 x cores + 1)",
    )
    parser.add_argument(
        "--reuse", action="store_true", help=f"reuse {DB_NAME} if it exists (no drop, no seeding)"
    )
    parser.add_argument("--only", nargs="*", help="only these pages (names)")
    parser.add_argument(
        "--variants", nargs="*", default=list(VARIANTS), help="warm, cold or both (default)"
    )
    parser.add_argument(
        "--rush-people",
        type=int,
        default=300,
        help="participants in the registration rush (0: no rush)",
    )
    parser.add_argument("--rush-seats", type=int, default=30)
    parser.add_argument(
        "--rush-window", type=float, default=30.0, help="seconds over which the rush arrives"
    )
    parser.add_argument(
        "--rush-connections", type=int, default=50, help="requests in flight at most"
    )
    parser.add_argument("--output", type=Path, default=VAR_DIR / "latest.json")
    args = parser.parse_args()

    if not shutil.which("wrk"):
        parser.error("wrk is not installed")
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(CAPTURE_DIR, ignore_errors=True)
    CAPTURE_DIR.mkdir(parents=True)

    # SIGTERM/SIGHUP unwind like Ctrl+C, so `finally` stops gunicorn.
    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGHUP, interrupted)

    started_at = datetime.datetime.now(datetime.UTC)
    database = prepare_database(args.factor, args.reuse)
    flush_redis()
    targets = django_prep("targets")
    log(f"data: {targets['counts']}; signed-in page as {targets['member_email']}")
    if targets["member_created_by_harness"]:
        log("NOTE: no demo member found; the harness created one")

    server = Gunicorn(free_port(), args.workers)
    rows, skipped, rush = [], [], None
    try:
        server.start()
        selected = [p for p in pages(targets) if not args.only or p["name"] in args.only]
        variants = [v for v in VARIANTS if v in args.variants]
        skipped = []
        for page in list(selected):
            for variant in variants:
                target = page[variant]
                if target.get("questions"):
                    write_questions(target)
                try:
                    capture(server.port, f"{page['name']}_{variant}", target)
                except RuntimeError as error:
                    log(f"SKIPPED {page['name']} ({variant}): {error} (see {server.log_path})")
                    skipped.append(
                        {"name": page["name"], "path": target["path"], "reason": str(error)}
                    )
                    page.pop(variant)
            if not any(v in page for v in variants):
                selected.remove(page)
        if not selected:
            raise RuntimeError("no page could be fetched")
        base = f"http://{HOST}:{server.port}"
        if args.warmup:
            # Warm both workers (imports, template loaders, connections) before anything counts.
            log(f"warming up for {args.warmup * 3}s")
            for page in selected:
                for variant in variants:
                    if variant in page:
                        target = page[variant]
                        wrk(
                            base + target["path"],
                            args,
                            cookie=target.get("cookie"),
                            duration=1,
                            questions=target.get("questions"),
                        )
            first = f"{selected[0]['name']}_{next(v for v in variants if v in selected[0])}"
            wrk(f"{base}/__bench__/bare/{first}", args, duration=args.warmup * 3)
        for page in selected:
            row = {"name": page["name"], "kind": page["kind"]}
            for variant in variants:
                if variant not in page:
                    continue
                row[variant] = measure(base, page, variant, args)
            rows.append(row)
        if args.rush_people:
            rush = rush_run(base, args)
    finally:
        server.stop()

    print()
    print(table(rows, args.connections))
    if rush is not None:
        print()
        print(rush_table(rush))
    for page in skipped:
        print(f"NOT MEASURED: {page['name']} ({page['path']}): {page['reason']}")
    report = {
        "started_at": started_at.isoformat(timespec="seconds"),
        "command": " ".join([".venv/bin/python", "benchmarks/run.py", *sys.argv[1:]]),
        "options": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "machine": machine_facts(),
        "server": {
            "gunicorn_workers": args.workers,
            "worker_class": "sync",
            "settings": "glasnik.settings.production",
        },
        "wrk": {
            "threads": args.threads,
            "connections": args.connections,
            "duration_s": args.duration,
        },
        "database": {**database, "counts": targets["counts"]},
        "signed_in_as": targets["member_email"],
        "goals": {"rps_ratio": GOAL_RATIO, "p95_ms": GOAL_P95_MS},
        "results": rows,
        "not_measured": skipped,
        "rush": rush,
        "all_goals_met": not skipped
        and all(row[v]["evaluation"]["goal_met"] for row in rows for v in VARIANTS if v in row)
        and (rush is None or rush["goal_met"]),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    log(f"results written to {args.output}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        log("interrupted")
        sys.exit(130)
