"""Replay speed: a year of a large municipality's referrals under the standard and a draft.

    uv run --frozen python benchmarks/whatif_bench.py [--cases 60000]

A municipality of 600,000 inhabitants receives about 60,000 referrals and applications a year.
The cases are synthetic, spread over twelve months and every service of Demo Kommune's standard;
the draft starts SEL86 training 10 working days after the decision (instead of 4 weeks), caps
maintenance training at 16 sessions (instead of 20) and adds an age criterion. Standards are
loaded before timing. Peak memory is measured in a separate pass with tracemalloc (which slows
Python down), so the time reported is without it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
import tracemalloc

from rehabplan.rules import default_registry, parse_facts
from rehabplan.rules.registry import shipped_standards_dir
from rehabplan.rules.whatif import HistoricCase, Replay, draft_registry

SERVICES = ("SUL140", "SEL86-1", "SEL86-2", "RAAD")
AGE_RULE = """
[[version.rule]]
id = "SEL86-2.age"
type = "criterion"
services = ["SEL86-2"]
condition = "min_age"
years = 67
source = "demo"
section = "Målgruppe"
text = "Vedligeholdende træning gives til borgere på 67 år og derover."
"""


def draft_text() -> str:
    text = (shipped_standards_dir() / "demo.toml").read_text("utf-8")
    text = text.replace('count = 4\nunit = "weeks"', 'count = 10\nunit = "working_days"')
    text = text.replace("max_sessions = 20", "max_sessions = 16")
    return text + AGE_RULE


def generate(count: int, today: dt.date, seed: int = 2026) -> list[HistoricCase]:
    rng = random.Random(seed)
    cases = []
    for number in range(count):
        service = rng.choice(SERVICES)
        received = today - dt.timedelta(days=rng.randrange(0, 365))
        discharge = (
            received - dt.timedelta(days=rng.randrange(0, 2)) if service == "SUL140" else None
        )
        decided = received + dt.timedelta(days=rng.randrange(0, 18))
        started = decided + dt.timedelta(days=rng.randrange(1, 40))
        held = rng.randrange(3, 25)
        facts = parse_facts(
            {
                "birth_date": dt.date(1930, 1, 1) + dt.timedelta(days=rng.randrange(0, 20000)),
                "motivated": rng.random() < 0.95,
                "can_train_alone": rng.random() < 0.1,
                "fsiii": {"462f9352-0129-4d8e-8c75-a6dfed78ddcf": rng.choice((1, 2, 3))},
                "other_services": [],
                "last_grant": {},
                "last_course_end": {
                    "SEL86-2": received - dt.timedelta(days=rng.randrange(30, 500))
                },
                "assessments": {"SEL86-1.target": True},
                "has_gop": service == "SUL140",
            }
        )
        cases.append(
            HistoricCase(
                case_id=number,
                citizen_id=number,
                service=service,
                received=received,
                discharge=discharge,
                decided=decided,
                granted=decided if service != "SUL140" else None,
                contacted=received + dt.timedelta(days=rng.randrange(0, 6)),
                started=started,
                ended=started + dt.timedelta(weeks=8),
                sessions_held=held,
                therapist_minutes=held * rng.choice((15, 45)),
                facts=facts,
            )
        )
    return cases


def run(cases: list[HistoricCase], today: dt.date, batch: int = 2000) -> Replay:
    current = default_registry()
    draft, label = draft_registry(
        current,
        draft_text(),
        "udkast.toml",
        slug="demo",
        kommunekode=999,
        since=today - dt.timedelta(days=365),
    )
    replay = Replay(current, draft, "demo", as_of=today, draft_version=label)
    for start in range(0, len(cases), batch):
        replay.add(cases[start : start + batch])
    return replay


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=60_000)
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds; the best is reported")
    args = parser.parse_args()
    today = dt.date(2026, 12, 1)
    cases = generate(args.cases, today)
    default_registry()
    best_wall = best_cpu = float("inf")
    replay = None
    for _ in range(args.rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        replay = run(cases, today)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    tracemalloc.start()
    run(cases, today)
    _size, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    result = replay.result()
    changed = result.changed_total
    print(
        f"{result.cases} forløb genafspillet under {', '.join(result.current_versions)} og "
        f"udkastet {result.draft_version}, bedste af {args.rounds} runder:\n"
        f"  vægur: {best_wall:.2f} s, CPU-tid: {best_cpu:.2f} s "
        f"({result.cases / best_wall:,.0f} forløb pr. sekund)\n"
        f"  hukommelse under genafspilningen (tracemalloc, top): {peak / 1e6:.1f} MB\n"
        f"  borgere med en anden visitation: {changed}"
    )


if __name__ == "__main__":
    main()
