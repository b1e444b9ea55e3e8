"""The demo municipality's §140 Bundles for a month: every one passes the checker, none names a
citizen or an address, and each has the shape of the guide's worked example."""

from __future__ import annotations

import datetime
import json

import pytest

from rehabplan.citizens.models import Citizen
from rehabplan.reporting.klgateway import codes
from rehabplan.reporting.klgateway.facts import Period
from rehabplan.reporting.klgateway.selectors import citizen_facts
from rehabplan.reporting.klgateway.services import build_and_check
from tests.reporting.klgateway.test_checker import example
from tests.shared_demo import seed_for_module

TODAY = datetime.date(2026, 12, 2)
NOVEMBER = Period(2026, 11)


@pytest.fixture(scope="module")
def seeded_demo(django_db_setup, django_db_blocker):
    """Seeded once for the module's tests, which only look at it (see tests/shared_demo.py)."""
    yield from seed_for_module(django_db_blocker, seed=11, today=TODAY)


@pytest.fixture
def demo(seeded_demo, db):
    return seeded_demo


@pytest.fixture
def built(demo):
    return build_and_check(municipality=demo.municipality, period=NOVEMBER)


def _profiles(bundle):
    return sorted(
        {
            entry["resource"]["meta"]["profile"][0].removeprefix(codes.PROFILE_BASE)
            for entry in bundle["entry"]
        }
    )


def test_every_demo_bundle_of_the_month_passes_the_check(built):
    # build_and_check raises when any Bundle fails; the demo has a month of §140 activity.
    assert len(built) >= 10
    for item in built:
        assert item.bundle["meta"]["profile"] == [codes.profile_url(codes.DELIVERY_REPORT)]


def test_the_demo_bundles_hold_every_kind_of_resource_the_report_has(built):
    seen = {profile for item in built for profile in _profiles(item.bundle)}
    assert seen == {
        codes.CITIZEN,
        codes.ORGANIZATION,
        codes.SERVICE_REQUEST,
        codes.FOCUS_CONDITION,
        codes.CARE_PLAN,
        codes.PLANNED_INTERVENTION,
        codes.ENCOUNTER,
        codes.CONDITION,
    }


def test_no_name_or_address_of_any_demo_citizen_is_in_a_bundle(demo, built):
    text = "\n".join(item.content.decode() for item in built)
    citizens = Citizen.objects.of_municipality(demo.municipality)
    for citizen in citizens:
        for value in (citizen.first_name, citizen.last_name, citizen.address, citizen.phone):
            if value:
                assert f'"{value}' not in text and f' {value}"' not in text, value
    cprs = {item.bundle["entry"][0]["resource"]["identifier"][0]["value"] for item in built}
    assert cprs <= {citizen.cpr for citizen in citizens}


def test_a_demo_bundle_has_the_shape_of_the_guides_example(built):
    """Same kinds of entries, and each resource uses the example's elements and extensions."""
    reference = example()
    richest = max(built, key=lambda item: len(_profiles(item.bundle)))

    def shape(bundle):
        found = {}
        for entry in bundle["entry"]:
            resource = entry["resource"]
            profile = resource["meta"]["profile"][0].removeprefix(codes.PROFILE_BASE)
            keys = set(resource) - {"id"}
            urls = {extension["url"] for extension in resource.get("extension", [])}
            found.setdefault(profile, (set(), set()))
            found[profile][0].update(keys)
            found[profile][1].update(urls)
        return found

    ours, theirs = shape(richest.bundle), shape(reference)
    for profile, (keys, urls) in theirs.items():
        if profile == codes.CONDITION and profile not in ours:
            continue  # a citizen without an FSIII assessment has no conditions
        assert profile in ours, profile
        # Every element the example fills, the demo fills too (occurrencePeriod when offered).
        assert keys - ours[profile][0] <= {"occurrencePeriod"}, (profile, keys - ours[profile][0])
        assert urls <= ours[profile][1], profile


def test_a_citizen_without_activity_in_the_month_is_not_reported(demo):
    everyone = {
        item.citizen_id for item in citizen_facts(municipality=demo.municipality, period=NOVEMBER)
    }
    # A month long before the demo's history has no one.
    assert citizen_facts(municipality=demo.municipality, period=Period(2020, 1)) == []
    assert everyone


def test_each_bundle_is_stable_json(built):
    for item in built:
        assert json.loads(item.content) == item.bundle
