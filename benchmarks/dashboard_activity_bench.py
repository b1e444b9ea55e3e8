"""Time of the activity sections' figures (Fremmøde, Hold og terapeuter, Resultater) straight
through the Section API, without the web page: every table, and the count of the first
drill-down of each table, per section and filter.

    DATABASE_URL=postgres://... uv run --frozen python benchmarks/dashboard_activity_bench.py \
        [--rounds 3] [--months 12]

Against a copy of the large municipality (`rehabplan seed-scale --citizens 30000 --sessions
1000000`); the period is the last `--months` months up to the newest session.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rehabplan.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--months", type=int, default=12)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db.models import Max

    from rehabplan.courses.models import Session
    from rehabplan.organisation.models import Municipality, TeamClass, Therapist
    from rehabplan.reporting.kpi.figures import KpiFilters
    from rehabplan.reporting.kpi.sections import SECTIONS

    municipality = Municipality.objects.order_by("pk").first()
    newest = Session.objects.of_municipality(municipality).aggregate(last=Max("starts_at"))["last"]
    end = min(newest.date(), datetime.date.today())
    start = end - datetime.timedelta(days=round(args.months * 30.4))
    base = {"municipality_id": municipality.pk, "period_start": start, "period_end": end}
    team_class = TeamClass.objects.filter(municipality=municipality).order_by("pk").first()
    therapist = Therapist.objects.filter(municipality=municipality).order_by("pk").first()
    variants = {
        "alle": KpiFilters(**base),
        "sted": KpiFilters(**base, location_id=team_class.location_id),
        "indsats": KpiFilters(**base, service_code="SEL86-2"),
        "hold": KpiFilters(**base, team_class_id=team_class.pk),
        "terapeut": KpiFilters(**base, therapist_id=therapist.pk),
    }
    print(f"Periode {start} - {end}, {args.rounds} gange hver; median og langsomste i sekunder")
    for section in SECTIONS:
        for name, filters in variants.items():
            timings = []
            for _ in range(args.rounds + 1):
                began = time.perf_counter()
                tables = section.tables(filters)
                timings.append(time.perf_counter() - began)
            drill = next(
                (cell.cases for t in tables for row in t.rows for cell in row if cell.cases), None
            )
            drill_time = None
            if drill:
                began = time.perf_counter()
                section.cases(drill, filters).courses.count()
                drill_time = time.perf_counter() - began
            measured = timings[1:]
            flag = " OVER 1 s" if max(measured) >= 1 else ""
            drilled = f", drill-down {drill_time:.3f}" if drill_time is not None else ""
            print(
                f"{section.key:20} {name:9} median {statistics.median(measured):.3f} "
                f"max {max(measured):.3f}{drilled}{flag}"
            )


if __name__ == "__main__":
    main()
