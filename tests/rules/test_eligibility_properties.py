"""Properties of eligibility and deadlines over generated inputs."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from rehabplan.rules import deadlines, default_registry, eligibility
from rehabplan.rules.calendar import is_working_day
from rehabplan.rules.registry import BASELINE

REGISTRY = default_registry()
# Every municipal standard the registry holds, whatever files are shipped.
MUNICIPALITIES = sorted(slug for slug, _, _ in REGISTRY.municipalities() if slug != BASELINE)
SERVICES = ["SUL140", "SEL86-1", "SEL86-2", "RAAD", "SUL119", "SUL140a"]
dates = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2030, 12, 31))
maybe_bool = st.one_of(st.none(), st.booleans())
facts = st.fixed_dictionaries(
    {},
    optional={
        "motivated": maybe_bool,
        "can_train_alone": maybe_bool,
        "needs_pt_and_ot": maybe_bool,
        "has_gop": maybe_bool,
        "impairment": st.sampled_from(["hip", "knee"]),
        "other_services": st.lists(
            st.fixed_dictionaries(
                {"service": st.sampled_from(SERVICES)},
                optional={"impairment": st.sampled_from(["hip", "knee"])},
            ),
            max_size=2,
        ),
        "last_course_end": st.dictionaries(st.sampled_from(SERVICES), dates, max_size=2),
        "last_grant": st.dictionaries(st.sampled_from(SERVICES), dates, max_size=2),
        "birth_date": st.dates(min_value=dt.date(1920, 1, 1), max_value=dt.date(2015, 1, 1)),
    },
)


@settings(max_examples=150, deadline=None)
@given(
    municipality=st.sampled_from(MUNICIPALITIES),
    service=st.sampled_from(SERVICES),
    on=dates,
    facts=facts,
)
def test_eligible_only_when_every_criterion_is_met(municipality, service, on, facts):
    result = eligibility(REGISTRY, municipality, service, on=on, facts=facts)
    statuses = {c.status for c in result.criteria}
    if result.outcome == "eligible":
        assert statuses <= {"met", "not_applicable"}
    if "unknown" in statuses and "unmet" not in statuses:
        assert result.outcome == "needs_assessment"


@settings(max_examples=150, deadline=None)
@given(
    municipality=st.sampled_from(MUNICIPALITIES),
    service=st.sampled_from(SERVICES),
    event=dates,
    gap=st.integers(min_value=0, max_value=20),
)
def test_deadline_never_precedes_its_event(municipality, service, event, gap):
    events = {
        "discharge": event,
        "received": event,
        "granted": event + dt.timedelta(days=gap),
        "decided": event + dt.timedelta(days=gap),
    }
    result = deadlines(REGISTRY, municipality, service, **events)
    for deadline in result.deadlines:
        assert deadline.due is not None
        assert deadline.due >= event
        if deadline.basis == "working_days":
            assert is_working_day(deadline.due)


@settings(max_examples=150, deadline=None)
@given(
    municipality=st.sampled_from(MUNICIPALITIES),
    service=st.sampled_from(SERVICES),
    first=dates,
    second=dates,
)
def test_later_event_never_gives_earlier_deadline_within_a_version(
    municipality, service, first, second
):
    early, late = sorted((first, second))
    a = deadlines(
        REGISTRY,
        municipality,
        service,
        discharge=early,
        received=early,
        granted=early,
        decided=early,
    )
    b = deadlines(
        REGISTRY, municipality, service, discharge=late, received=late, granted=late, decided=late
    )
    if a.standard_version != b.standard_version:
        return
    for mine, theirs in zip(a.deadlines, b.deadlines, strict=True):
        assert mine.kind == theirs.kind
        assert mine.due <= theirs.due
