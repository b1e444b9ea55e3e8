"""Invalid planning data is refused with a Danish message naming what was wrong."""

from datetime import date, time

import pytest
from planning_builders import MONDAY, course, problem, team, therapist

from rehabplan.planning import (
    Absence,
    Booking,
    Horizon,
    PlanningInputError,
    WorkingHours,
    plan,
)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Horizon(date(2026, 12, 1), 2), "skal begynde en mandag"),
        (lambda: Horizon(MONDAY, 0), "1-26 uger"),
        (lambda: course(sessions_per_week=0), "træninger om ugen"),
        (lambda: course(weeks=0), "antal uger"),
        (lambda: course(mode="video"), "ukendt form"),
        (lambda: course(profession="SSA"), "ukendt faggruppe"),
        (lambda: course(deadline=date(2026, 11, 1)), "ligger før modtagelsen"),
        (lambda: course(blocked_weekdays={9}), "ugedag"),
        (lambda: team(capacity=0), "mindst én plads"),
        (lambda: team(capacity=3, minimum_to_run=5), "minimum"),
        (lambda: team(weekdays=()), "ingen ugedage"),
        (lambda: WorkingHours(0, time(17, 0), time(8, 0)), "sluttid"),
        (lambda: Absence(date(2026, 12, 5), date(2026, 12, 1)), "slutdato"),
        (lambda: Booking("b1", MONDAY, time(8, 0), 60), "hverken terapeut"),
        (lambda: problem([course("A"), course("A")]), "to gange"),
        (lambda: problem([], classes=[team(therapist_id="T9")]), "findes ikke"),
        (lambda: problem([course(preferred_therapist_id="T9")]), "findes ikke"),
    ],
)
def test_invalid_data_is_refused_in_danish(build, message):
    with pytest.raises(PlanningInputError, match=message):
        build()


def test_planning_input_error_is_a_value_error():
    assert issubclass(PlanningInputError, ValueError)


def test_unknown_method_is_refused():
    with pytest.raises(PlanningInputError, match="Ukendt planlægningsmetode"):
        plan(problem([course()]), method="tilfældig")


def test_absence_covers_its_days():
    absent = therapist(absences=(Absence(MONDAY, MONDAY),))
    assert absent.is_absent(MONDAY)
