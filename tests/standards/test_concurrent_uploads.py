"""Uploads at the same moment never interleave: each is checked against what the others stored."""

from __future__ import annotations

import pytest

from rehabplan.organisation.models import Municipality, MunicipalStandard
from rehabplan.organisation.standards.services import StandardRefused, standard_upload
from tests.concurrency.contenders import run_together, unexpected

pytestmark = pytest.mark.django_db(transaction=True)
CONTENDERS = 6


def test_municipalities_with_one_kommunekode_uploaded_at_once_give_one(skovlund_text):
    # Six files, six short names, one kommunekode: exactly one may become a municipality.
    files = [
        skovlund_text.replace('slug = "skovlund"', f'slug = "skovlund{index}"')
        for index in range(CONTENDERS)
    ]

    outcomes = run_together(
        CONTENDERS,
        lambda index: standard_upload(text=files[index], file_name=f"skovlund{index}.toml"),
    )

    assert unexpected(outcomes, StandardRefused) == []
    assert sum(outcome.ok for outcome in outcomes) == 1
    for outcome in outcomes:
        if not outcome.ok:
            assert "kommunekode 998" in str(outcome.error)
    assert Municipality.objects.filter(code=998).count() == 1
    assert MunicipalStandard.objects.count() == 1


def test_versions_uploaded_at_once_are_each_stored_once(skovlund_text):
    standard_upload(text=skovlund_text, file_name="skovlund.toml")
    versions = [
        skovlund_text.replace("count = 15\n", f"count = {15 + index}\n")
        for index in range(1, CONTENDERS + 1)
    ]

    outcomes = run_together(
        CONTENDERS,
        lambda index: standard_upload(text=versions[index], file_name="skovlund.toml"),
    )

    assert [outcome.error for outcome in outcomes if not outcome.ok] == []
    assert MunicipalStandard.objects.count() == 1 + CONTENDERS
    assert Municipality.objects.filter(slug="skovlund").count() == 1
