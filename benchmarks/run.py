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

# Goals: public pages at least half the bare view's throughput, signed-in pages a fifth;
# every page's 95th percentile under 100 ms at the given number of connections.
GOAL_RATIO = {"public": 0.5, "signed-in": 0.2}
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


# --- the run --------------------------------------------------------------------------------


def pages(targets: dict) -> list[dict]:
    cookie = f"{targets['session_cookie_name']}={targets['session_key']}"
    result = [
        {"name": "home", "path": "/sr/", "kind": "public"},
        {"name": "organizations", "path": "/sr/organizations/", "kind": "public"},
    ]
    if targets["organization_slug"]:
        result.append(
            {
                "name": "organization_detail",
                "path": f"/sr/organizations/{targets['organization_slug']}/",
                "kind": "public",
            }
        )
    result += [
        {"name": "accessibility", "path": "/sr/accessibility/", "kind": "public"},
        # seed_scale's programme (glasnik.site.scale_programs.PROGRAM_SLUG): 50 events, 1,500
        # registrations; cached for visitors.
        {"name": "program_detail", "path": "/sr/programmes/seed-programme/", "kind": "public"},
    ]
    for name in ("network", "call", "program_event"):
        if targets.get(f"{name}_path"):
            result.append({"name": name, "path": targets[f"{name}_path"], "kind": "public"})
    result += [
        {"name": "dashboard", "path": "/sr/dashboard/", "kind": "signed-in", "cookie": cookie},
    ]
    if targets.get("directory_session_key"):
        # seed_scale's big network, as one of its members sees it: filtered and searched.
        directory = f"/sr/networks/{targets['directory_network_slug']}/directory/"
        member_cookie = f"{targets['session_cookie_name']}={targets['directory_session_key']}"
        result += [
            {
                "name": "directory_filtered",
                "path": directory + DIRECTORY_QUERY,
                "kind": "signed-in",
                "cookie": member_cookie,
            },
        ]
        if targets.get("directory_questions"):
            # The same page, every request a question not asked before: never from the cache.
            result.append(
                {
                    "name": "directory_fresh",
                    "path": directory + targets["directory_questions"][0],
                    "kind": "signed-in",
                    "cookie": member_cookie,
                    "questions": VAR_DIR / "directory_questions.txt",
                    "question_paths": [directory + q for q in targets["directory_questions"]],
                }
            )
    return result


def write_questions(page: dict) -> None:
    """The file fresh_questions.lua walks through, and where it starts: after the first
    question, which the harness asks itself to capture the page."""
    page["questions"].write_text("".join(f"{path}\n" for path in page["question_paths"]))
    page["questions"].with_suffix(".next").write_text("1\n")


# A search that matches about one member in eight, narrowed by the kind of institution.
DIRECTORY_QUERY = "?q=petrovic&kind=municipality"


def capture(port: int, page: dict) -> None:
    status, headers, body = fetch(port, page["path"], page.get("cookie"))
    if status != 200:
        raise RuntimeError(f"{page['path']} answered {status} (expected 200)")
    (CAPTURE_DIR / f"{page['name']}.body").write_bytes(body)
    (CAPTURE_DIR / f"{page['name']}.type").write_text(headers.get("Content-Type", "text/html"))
    bare_status, _, bare_body = fetch(port, f"/__bench__/bare/{page['name']}")
    if bare_status != 200 or bare_body != body:
        raise RuntimeError(f"bare view for {page['name']} does not return the captured bytes")
    page["bytes"] = len(body)


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


def evaluate(page: dict, result: dict, bare: dict) -> dict:
    rps_ratio = result["requests_per_second"] / bare["requests_per_second"]
    p95 = result["latency_ms"]["p95"]
    p95_ratio = p95 / bare["latency_ms"]["p95"] if bare["latency_ms"]["p95"] else None
    failures = sum(result["errors"].values())
    goal_ratio = GOAL_RATIO[page["kind"]]
    met = rps_ratio >= goal_ratio and p95 < GOAL_P95_MS and failures == 0
    return {
        "rps_ratio": rps_ratio,
        "p95_ratio": p95_ratio,
        "goal": f"req/s >= {goal_ratio} x bare, p95 < {GOAL_P95_MS:g} ms",
        "goal_met": met,
    }


def table(rows: list[dict], connections: int) -> str:
    header = (
        "| page | kind | req/s | p95 ms | bare req/s | bare p95 ms | req/s ÷ bare | "
        "p95 ÷ bare | errors | goal met |"
    )
    lines = [header, "|" + "---|" * 10]
    for row in rows:
        r, b, e = row["result"], row["bare"], row["evaluation"]
        lines.append(
            f"| {row['name']} (`{row['path']}`) | {row['kind']} | {r['requests_per_second']:.0f} | "
            f"{r['latency_ms']['p95']:.1f} | {b['requests_per_second']:.0f} | "
            f"{b['latency_ms']['p95']:.1f} | {e['rps_ratio']:.2f} | "
            f"{(e['p95_ratio'] or 0):.2f} | {sum(r['errors'].values())} | "
            f"{'yes' if e['goal_met'] else '**no**'} |"
        )
    lines.append("")
    lines.append(
        f"Goals at {connections} connections: public pages >= {GOAL_RATIO['public']} and "
        f"signed-in pages >= {GOAL_RATIO['signed-in']} of the bare view's req/s; "
        f"p95 < {GOAL_P95_MS:g} ms; no errors."
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
    rows, skipped = [], []
    try:
        server.start()
        selected = [p for p in pages(targets) if not args.only or p["name"] in args.only]
        skipped = []
        for page in list(selected):
            if page.get("questions"):
                write_questions(page)
            try:
                capture(server.port, page)
            except RuntimeError as error:
                log(f"SKIPPED {page['name']}: {error} (see {server.log_path})")
                skipped.append({"name": page["name"], "path": page["path"], "reason": str(error)})
                selected.remove(page)
        if not selected:
            raise RuntimeError("no page could be fetched")
        base = f"http://{HOST}:{server.port}"
        if args.warmup:
            # Warm both workers (imports, template loaders, connections) before anything counts.
            log(f"warming up for {args.warmup * 3}s")
            for page in selected:
                wrk(
                    base + page["path"],
                    args,
                    cookie=page.get("cookie"),
                    duration=1,
                    questions=page.get("questions"),
                )
            wrk(f"{base}/__bench__/bare/{selected[0]['name']}", args, duration=args.warmup * 3)
        for page in selected:
            bare_url = f"{base}/__bench__/bare/{page['name']}"
            url = base + page["path"]
            bare_runs, page_runs = [], []
            for round_number in range(1, args.rounds + 1):
                # Bare and page alternate, so slow spells on a shared machine hit both alike.
                if args.warmup:
                    wrk(bare_url, args, duration=args.warmup)
                log(f"bare {page['name']}: wrk {args.duration}s (round {round_number})")
                bare_runs.append(wrk(bare_url, args))
                if args.warmup:
                    wrk(
                        url,
                        args,
                        cookie=page.get("cookie"),
                        duration=args.warmup,
                        questions=page.get("questions"),
                    )
                log(f"page {page['path']}: wrk {args.duration}s (round {round_number})")
                page_runs.append(
                    wrk(url, args, cookie=page.get("cookie"), questions=page.get("questions"))
                )
            # Best of the rounds for each: interference from other processes only slows down.
            bare = max(bare_runs, key=lambda run: run["requests_per_second"])
            result = max(page_runs, key=lambda run: run["requests_per_second"])
            row = {
                "name": page["name"],
                "path": page["path"],
                "kind": page["kind"],
                "response_bytes": page["bytes"],
                "bare": bare,
                "result": result,
                "rounds": {"bare": bare_runs, "page": page_runs},
            }
            row["evaluation"] = evaluate(page, result, bare)
            log(
                f"  {page['name']}: {result['requests_per_second']:.0f} req/s "
                f"(bare {bare['requests_per_second']:.0f}), "
                f"p95 {result['latency_ms']['p95']:.1f} ms"
            )
            rows.append(row)
    finally:
        server.stop()

    print()
    print(table(rows, args.connections))
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
        "all_goals_met": not skipped and all(row["evaluation"]["goal_met"] for row in rows),
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
