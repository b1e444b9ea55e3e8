"""The generator's harsh scenario is what its notes say: a large municipality's winter week."""

from datetime import timedelta

import pytest

from rehabplan.planning.generator import SCENARIOS, generate, scenario_settings


@pytest.fixture(scope="module")
def harsh():
    return generate(scenario_settings("harsh", inhabitants=600_000, seed=1))


def test_most_referrals_must_start_within_seven_days(harsh):
    short = sum(
        1 for course in harsh.courses if (course.start_deadline - course.received).days <= 7
    )
    assert 0.55 <= short / len(harsh.courses) <= 0.65


def test_demand_is_above_the_mild_weeks(harsh):
    mild = generate(scenario_settings("mild", inhabitants=600_000, seed=1))
    assert len(harsh.courses) > len(mild.courses)


def test_no_districts_and_classes_twice_a_week(harsh):
    assert {therapist.district for therapist in harsh.therapists} == {""}
    assert {course.district for course in harsh.courses} == {""}
    assert all(len(team.weekdays) == 2 for team in harsh.classes)


def test_classes_meet_on_days_their_therapist_works(harsh):
    for team in harsh.classes:
        working = {hours.weekday for hours in harsh.therapist(team.therapist_id).working_hours}
        assert set(team.weekdays) <= working


def test_part_time_absences_later_starts_and_whole_duty_days(harsh):
    four_days = [t for t in harsh.therapists if len(t.working_hours) == 4]
    away = [t for t in harsh.therapists if t.absences]
    assert 0.15 <= len(four_days) / len(harsh.therapists) <= 0.35
    assert 0.08 <= len(away) / len(harsh.therapists) <= 0.3
    first = harsh.horizon.first_day
    # Capacity held by courses that start later: weekly times first booked in week 1-3.
    starts_by_time: dict[tuple, object] = {}
    for booking in harsh.bookings:
        if booking.therapist_id and booking.minutes == 60:
            key = (booking.therapist_id, booking.day.weekday(), booking.start)
            starts_by_time[key] = min(starts_by_time.get(key, booking.day), booking.day)
    later = [day for day in starts_by_time.values() if day >= first + timedelta(days=7)]
    assert len(later) > 0.05 * len(starts_by_time)
    whole_days = [booking for booking in harsh.bookings if booking.minutes >= 7 * 60]
    assert len(whole_days) > len(harsh.therapists)


def test_the_mild_scenario_is_the_generators_default():
    from rehabplan.planning.generator import GeneratorSettings

    assert scenario_settings("mild", inhabitants=20_000) == GeneratorSettings(inhabitants=20_000)
    assert SCENARIOS == ("mild", "harsh")
    with pytest.raises(ValueError):
        scenario_settings("sommer", inhabitants=20_000)
