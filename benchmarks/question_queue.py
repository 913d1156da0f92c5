#!/usr/bin/env python
"""A live question queue watched by 300 participants who refresh every 5 seconds.

    .venv/bin/python benchmarks/question_queue.py [--participants 300] [--every 5]
        [--quiet 30] [--live 30] [--change-every 5] [--questions 40]

Needs what benchmarks/run.py needs (PostgreSQL on 127.0.0.1:5432, Redis on 127.0.0.1:6379),
but not wrk: the participants are an open model (each asks on its own clock, every `--every`
seconds, whatever the server's speed), which a closed-loop load generator does not simulate.

1. Recreates the database `GLASNIK_BENCH_DB` (default `glasnik_queue_bench`), migrates it and
   makes a programme with `--participants` enrolled participants, its mentoring session and a
   queue of `--questions` questions with votes; every participant gets a signed-in session.
2. Starts gunicorn with production settings (as run.py: cores + 1 sync workers, Redis cache).
3. Each participant polls the queue's live part (`/sr/mentoring/sessions/<id>/questions/live/`)
   every `--every` seconds from a random start, sending `If-None-Match` with the last ETag it
   got, as the browser does. Two phases: `--quiet` seconds in which nothing changes (every
   refresh after the first must be a 304), then `--live` seconds in which a participant votes
   through the real service every `--change-every` seconds (most refreshes then find the queue
   changed and get the new list).
4. Prints and writes (var/benchmarks/question_queue.json) per phase: how many requests, how many
   304 and 200, and p50/p95/p99 of each. Goal: a changed queue answers with p95 < 50 ms;
   an unchanged one with a 304 that costs one query.
"""

import argparse
import asyncio
import json
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("GLASNIK_BENCH_DB", "glasnik_queue_bench")
BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import run  # noqa: E402  (reads GLASNIK_BENCH_DB when imported)

GOAL_CHANGED_P95_MS = 50.0
OUTPUT = run.VAR_DIR / "question_queue.json"


# --- inside Django (a subprocess with the benchmark's environment) ---------------------------


def _django():
    sys.path.insert(0, str(run.BASE_DIR / "src"))
    import django

    django.setup()


def prepare(participants: int, questions: int) -> dict:
    """The programme, its session, participants with sessions, and a queue with votes."""
    _django()
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone

    from glasnik.access.models import Role
    from glasnik.access.services import role_grant
    from glasnik.events.models import Event, EventKind, EventMode
    from glasnik.mentoring.services import question_ask, question_queue_open, question_vote
    from glasnik.organizations.models import Organization
    from glasnik.programs.models import Enrolment, EnrolmentStatus, Program

    association = Organization.objects.create(
        name="Stalna konferencija gradova i opština", country="RS", kind="association"
    )
    program = Program.objects.create(
        name="Društvene mreže – obuka i mentorstvo",
        slug="bench-mentoring",
        organization=association,
        time_zone="Europe/Belgrade",
        is_published=True,
    )
    starts_at = timezone.now() + timedelta(minutes=10)
    event = Event.objects.create(
        program=program,
        kind=EventKind.ONLINE_SESSION,
        title="Mentorska sesija: vaša pitanja o društvenim mrežama",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        mode=EventMode.ONLINE,
        online_url="https://meet.example.org/sesija",
    )
    people = []
    for number in range(participants):
        person = get_user_model().objects.create_user(
            email=f"polaznik{number}@bench.invalid",
            password=None,
            first_name="Polaznik",
            last_name=f"Broj {number}",
        )
        Enrolment.objects.create(
            program=program,
            person=person,
            organization=association,
            status=EnrolmentStatus.ENROLLED,
        )
        role_grant(person=person, role=Role.MEMBER, scope=program)
        people.append(person)
    queue = question_queue_open(event=event)
    randomness = random.Random(17)
    for number in range(questions):
        author = people[number % len(people)]
        question = question_ask(
            queue=queue,
            author=author,
            text=f"Pitanje broj {number}: kako da opština bolje koristi društvene mreže?",
            is_anonymous=number % 3 == 0,
        )
        for voter in randomness.sample(people, randomness.randint(0, 30)):
            if voter.pk != author.pk:
                question_vote(question=question, person=voter)
    cookies = []
    for person in people:
        client = Client()
        client.force_login(person)
        cookies.append(client.cookies["sessionid"].value)
    return {"event": event.pk, "people": [p.pk for p in people], "cookies": cookies}


def change(event_pk: int, people: list[int], every: float, duration: float) -> None:
    """Every `every` seconds a participant votes for a question they have not voted for."""
    _django()
    from django.contrib.auth import get_user_model

    from glasnik.mentoring.models import Question
    from glasnik.mentoring.services import question_vote

    randomness = random.Random(5)
    deadline = time.monotonic() + duration
    while time.monotonic() < deadline:
        person = get_user_model().objects.get(pk=randomness.choice(people))
        question = (
            Question.objects.filter(queue__event_id=event_pk, status="open")
            .exclude(author=person)
            .exclude(votes__person=person)
            .order_by("?")
            .first()
        )
        if question is not None:
            question_vote(question=question, person=person)
        time.sleep(every)


# --- the participants ----------------------------------------------------------------------


async def get(port: int, path: str, cookie: str, etag: str | None) -> tuple[int, str | None]:
    """One request on a new connection (gunicorn's sync workers close each one)."""
    reader, writer = await asyncio.open_connection(run.HOST, port)
    lines = [f"GET {path} HTTP/1.1", f"Host: {run.HOST}", f"Cookie: sessionid={cookie}"]
    lines += ["HX-Request: true", "Connection: close"]
    if etag:
        lines.append(f"If-None-Match: {etag}")
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
    await writer.drain()
    response = await reader.read()
    writer.close()
    head = response.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    headers = dict(line.split(": ", 1) for line in head[1:] if ": " in line)
    return status, headers.get("ETag") or headers.get("etag")


async def participant(port, path, cookie, every, until, phase_of, samples):
    etag = None
    await asyncio.sleep(random.uniform(0, every))
    while time.monotonic() < until:
        started = time.monotonic()
        try:
            status, new_etag = await get(port, path, cookie, etag)
        except OSError:
            status, new_etag = 0, None
        elapsed_ms = (time.monotonic() - started) * 1000
        samples.append((phase_of(started), status, elapsed_ms))
        if status == 200 and new_etag:
            etag = new_etag
        await asyncio.sleep(max(0.0, every - (time.monotonic() - started)))


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(samples, phase: str) -> dict:
    rows = [(status, ms) for each_phase, status, ms in samples if each_phase == phase]
    result = {"requests": len(rows)}
    for label, status in (("not_modified", 304), ("changed", 200)):
        times = [ms for each_status, ms in rows if each_status == status]
        result[label] = {
            "count": len(times),
            "p50_ms": percentile(times, 0.50),
            "p95_ms": percentile(times, 0.95),
            "p99_ms": percentile(times, 0.99),
            "mean_ms": statistics.fmean(times) if times else 0.0,
        }
    result["errors"] = sum(1 for status, _ms in rows if status not in (200, 304))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--every", type=float, default=5.0, help="seconds between refreshes")
    parser.add_argument("--quiet", type=float, default=30.0, help="seconds without changes")
    parser.add_argument("--live", type=float, default=30.0, help="seconds with changes")
    parser.add_argument("--change-every", type=float, default=5.0)
    parser.add_argument("--questions", type=int, default=40)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) + 1)
    args = parser.parse_args()

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    run.VAR_DIR.mkdir(parents=True, exist_ok=True)
    run.log(f"creating database {run.DB_NAME}")
    run.recreate_database()
    run.manage("migrate", "--no-input", "-v0")
    run.manage("compilemessages_all")
    run.manage("collectstatic", "--no-input", "-v0")
    run.flush_redis()
    run.log(f"{args.participants} participants, {args.questions} questions")
    data = json.loads(
        subprocess.run(
            [sys.executable, __file__, "--inside", "prepare", str(args.participants),
             str(args.questions)],
            env=run.environment(), check=True, text=True, stdout=subprocess.PIPE,
        ).stdout.strip().splitlines()[-1]
    )  # fmt: skip
    server = run.Gunicorn(run.free_port(), args.workers)
    samples: list = []
    try:
        server.start()
        path = f"/sr/mentoring/sessions/{data['event']}/questions/live/"
        began = time.monotonic()
        live_from = began + args.quiet + args.every  # the first round of each is its first visit
        until = live_from + args.live

        def phase_of(moment: float) -> str:
            if moment < began + args.every:
                return "first"
            return "quiet" if moment < live_from else "live"

        def changes():
            time.sleep(max(0.0, live_from - time.monotonic()))
            subprocess.run(
                [sys.executable, __file__, "--inside", "change", str(data["event"]),
                 ",".join(map(str, data["people"])), str(args.change_every), str(args.live)],
                env=run.environment(), check=True,
            )  # fmt: skip

        changer = threading.Thread(target=changes, daemon=True)
        changer.start()
        run.log(f"polling: {args.participants} participants every {args.every:g}s")

        async def everyone():
            await asyncio.gather(
                *(
                    participant(server.port, path, cookie, args.every, until, phase_of, samples)
                    for cookie in data["cookies"]
                )
            )

        asyncio.run(everyone())
        changer.join(timeout=args.live + 30)
    finally:
        server.stop()
    result = {
        "participants": args.participants,
        "every_s": args.every,
        "change_every_s": args.change_every,
        "workers": args.workers,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "phases": {phase: summary(samples, phase) for phase in ("first", "quiet", "live")},
    }
    OUTPUT.write_text(json.dumps(result, indent=2))
    for phase, numbers in result["phases"].items():
        changed, same = numbers["changed"], numbers["not_modified"]
        run.log(
            f"{phase:>5}: {numbers['requests']} requests, errors {numbers['errors']}; "
            f"304: {same['count']} p50 {same['p50_ms']:.1f} p95 {same['p95_ms']:.1f} ms; "
            f"200: {changed['count']} p50 {changed['p50_ms']:.1f} p95 {changed['p95_ms']:.1f} "
            f"p99 {changed['p99_ms']:.1f} ms"
        )
    live = result["phases"]["live"]["changed"]
    quiet = result["phases"]["quiet"]
    ok = (
        live["count"] > 0
        and live["p95_ms"] < GOAL_CHANGED_P95_MS
        and quiet["changed"]["count"] == 0
        and not any(numbers["errors"] for numbers in result["phases"].values())
    )
    run.log(f"written to {OUTPUT}; goal {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--inside":
        if sys.argv[2] == "prepare":
            print(json.dumps(prepare(int(sys.argv[3]), int(sys.argv[4]))))
        else:
            change(int(sys.argv[3]), [int(pk) for pk in sys.argv[4].split(",")],
                   float(sys.argv[5]), float(sys.argv[6]))  # fmt: skip
        sys.exit(0)
    sys.exit(main())
