"""The therapists' records of each course: journal notes, goals and their evaluation, tests.

Written against the places the course actually got (training.py): the intake note and goals on
the first session, a training note after some attended sessions, a start test and, when the
course has closed, an end test, the goals' evaluation and the closing note. Every note has its
audit entry, as the note services write one.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.courses.models import (
    AttendanceStatus,
    ClinicalNote,
    CourseStatus,
    Goal,
    GoalEvaluation,
    GoalStatus,
    MeasurementPhase,
    NoteKind,
    OutcomeMeasurement,
)
from rehabplan.demo.scale.cases import CasePlan
from rehabplan.demo.scale.copy_writer import TableWriter
from rehabplan.demo.scale.training import Placed
from rehabplan.reference.outcome_tests import get_outcome_test

SESSION_NOTE_SHARE = 0.08
TEST_SHARE = 0.6
SESSION_NOTES = (
    "Træning gennemført efter program. Borgeren oplever fremgang i gangdistance.",
    "Øget belastning i styrkeøvelser; god teknik. Aftalt hjemmeøvelser.",
    "Borgeren træt i dag, reduceret program. Ingen smerter efter træning.",
    "Balanceøvelser på ustabilt underlag. Bedre sikkerhed ved vending.",
    "Gangtræning med rollator ude; klarer trapper med gelænder.",
    "Gennemgang af hjemmeprogram; borgeren træner selv tre gange om ugen.",
)
INTAKE_NOTE = "Opstartssamtale: mål aftalt med borgeren, test gennemført og plan lagt."
CLOSING_NOTE = "Afslutningssamtale: forløbet evalueret med borgeren, selvtræningsprogram udleveret."
GOALS = (
    "Jeg vil kunne gå til købmanden selv.",
    "Jeg vil kunne gå på trapper uden at holde fast.",
    "Jeg vil kunne komme op fra gulvet, hvis jeg falder.",
    "Jeg vil kunne klare mit eget bad.",
    "Jeg vil kunne gå en tur med hunden igen.",
    "Jeg vil kunne lave mad stående.",
)
GOAL_OUTCOMES = (GoalStatus.ACHIEVED, GoalStatus.PARTLY, GoalStatus.NOT_ACHIEVED)
GOAL_OUTCOME_WEIGHTS = (65, 25, 10)
CHAIR_STAND = "chair_stand_30s"
TIMED_UP_AND_GO = "timed_up_and_go"
NOTE_FIELDS = ["id", "citizen", "course", "session", "kind", "text", "author", "written_at"]
AUDIT_FIELDS = [
    "municipality",
    "user",
    "user_name",
    "at",
    "citizen_id",
    "citizen_name",
    "action",
    "object_type",
    "object_id",
    "summary",
    "search_term",
    "changes",
    "shown_citizen_ids",
]


def audit_writer() -> TableWriter:
    return TableWriter(AuditEntry, AUDIT_FIELDS)


class Records:
    def __init__(
        self,
        *,
        rng: random.Random,
        municipality_id: int,
        usernames: dict[int, str],
        audit: TableWriter,
    ) -> None:
        self.rng = rng
        self.municipality_id = municipality_id
        self.usernames = usernames
        self.audit = audit
        self.notes = TableWriter(ClinicalNote, NOTE_FIELDS)
        self.goals = TableWriter(
            Goal,
            [
                "id",
                "course",
                "text",
                "copm_performance",
                "copm_satisfaction",
                "status",
                "set_on",
                "set_by",
            ],
        )
        self.evaluations = TableWriter(
            GoalEvaluation,
            [
                "goal",
                "evaluated_on",
                "status",
                "text",
                "copm_performance",
                "copm_satisfaction",
                "evaluated_by",
            ],
        )
        self.tests = TableWriter(
            OutcomeMeasurement,
            [
                "course",
                "session",
                "test_code",
                "value",
                "unit",
                "side",
                "phase",
                "measured_on",
                "protocol",
                "note",
                "recorded_by",
            ],
        )

    def course_placed(self, case: CasePlan, placed: list[Placed]) -> None:
        held = [place for place in placed if place.status == AttendanceStatus.ATTENDED]
        if not held:
            return
        first, last = held[0], held[-1]
        closed = case.course_status == CourseStatus.CLOSED
        self._note(case, first, NoteKind.INTAKE, INTAKE_NOTE)
        for place in held[1:-1] if closed else held[1:]:
            if self.rng.random() < SESSION_NOTE_SHARE:
                self._note(case, place, NoteKind.SESSION, self.rng.choice(SESSION_NOTES))
        goals = self._goals(case, first, closed, last)
        if self.rng.random() < TEST_SHARE:
            start_value = self.rng.randint(4, 11)
            self._test(case, first, MeasurementPhase.START, CHAIR_STAND, Decimal(start_value))
            # Timed Up and Go in tenths of a second: lower is better, so training shortens it.
            start_seconds = Decimal(self.rng.randint(80, 250)) / 10
            self._test(case, first, MeasurementPhase.START, TIMED_UP_AND_GO, start_seconds)
            if closed:
                end_value = Decimal(start_value + self.rng.randint(0, 5))
                self._test(case, last, MeasurementPhase.END, CHAIR_STAND, end_value)
                change = Decimal(self.rng.randint(-10, 50)) / 10
                end_seconds = max(Decimal("5.0"), start_seconds - change)
                self._test(case, last, MeasurementPhase.END, TIMED_UP_AND_GO, end_seconds)
        if closed:
            self._note(case, last, NoteKind.CLOSING, CLOSING_NOTE)
            self._evaluate(goals, last)

    def close(self) -> dict[str, int]:
        return {
            "notes": self.notes.close(),
            "goals": self.goals.close(),
            "goal_evaluations": self.evaluations.close(),
            "outcome_measurements": self.tests.close(),
        }

    def _note(self, case: CasePlan, place: Placed, kind: str, text: str) -> None:
        note_id = self.notes.new_id()
        written_at = place.starts_at + datetime.timedelta(minutes=self.rng.randint(50, 240))
        self.notes.add(
            (
                note_id,
                case.citizen.citizen_id,
                case.course_id,
                place.session_id if kind != NoteKind.GENERAL else None,
                kind,
                text,
                place.author_id,
                written_at,
            )
        )
        label = dict(NoteKind.choices)[kind]
        self.audit.add(
            (
                self.municipality_id,
                place.author_id,
                self.usernames[place.author_id],
                written_at,
                case.citizen.citizen_id,
                case.citizen.full_name,
                AuditAction.CREATE,
                "clinicalnote",
                str(note_id),
                f"Journalnotat skrevet ({str(label).lower()})",
                "",
                {},
                [],
            )
        )

    def _goals(
        self, case: CasePlan, first: Placed, closed: bool, last: Placed
    ) -> list[tuple[int, int, str]]:
        goals = []
        for text in self.rng.sample(GOALS, self.rng.choice((1, 1, 2))):
            goal_id = self.goals.new_id()
            performance = self.rng.randint(2, 5)
            status = (
                self.rng.choices(GOAL_OUTCOMES, weights=GOAL_OUTCOME_WEIGHTS)[0]
                if closed
                else GoalStatus.ACTIVE
            )
            self.goals.add(
                (
                    goal_id,
                    case.course_id,
                    text,
                    performance,
                    self.rng.randint(2, 5),
                    status,
                    first.day,
                    first.author_id,
                )
            )
            goals.append((goal_id, performance, status))
        return goals

    def _evaluate(self, goals: list[tuple[int, int, str]], last: Placed) -> None:
        for goal_id, performance, status in goals:
            self.evaluations.add(
                (
                    goal_id,
                    last.day,
                    status,
                    str(dict(GoalStatus.choices)[status]),
                    min(10, performance + self.rng.randint(0, 4)),
                    self.rng.randint(4, 9),
                    last.author_id,
                )
            )

    def _test(
        self, case: CasePlan, place: Placed, phase: str, test_code: str, value: Decimal
    ) -> None:
        self.tests.add(
            (
                case.course_id,
                place.session_id,
                test_code,
                value,
                get_outcome_test(test_code).unit,
                "",
                phase,
                place.day,
                "",
                "",
                place.author_id,
            )
        )
