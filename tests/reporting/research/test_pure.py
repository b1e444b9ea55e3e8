"""The pure pieces: pseudonym, age band, sex, ICD-10 groups, the key's checks."""

from __future__ import annotations

import datetime

import pytest

from rehabplan.reference.icd10 import Icd10Group, icd10_group
from rehabplan.reporting.research.demographics import age_band, sex_from_cpr
from rehabplan.reporting.research.diagnoses import diagnosis_codes, icd10_groups
from rehabplan.reporting.research.key import KEY_VARIABLE, ResearchKeyError, research_key
from rehabplan.reporting.research.pseudonym import pseudonym

KEY = b"k" * 40


def test_pseudonym_is_stable_for_one_key_and_differs_for_another():
    first = pseudonym(cpr="0101501234", key=KEY)
    assert first == pseudonym(cpr="010150-1234", key=KEY)
    assert len(first) == 64 and "0101501234" not in first
    assert first != pseudonym(cpr="0101501234", key=b"x" * 40)
    assert first != pseudonym(cpr="0101501235", key=KEY)


@pytest.mark.parametrize(
    ("birth", "day", "band"),
    [
        (datetime.date(1950, 6, 15), datetime.date(2020, 6, 14), "65-69"),  # 69, a day short
        (datetime.date(1950, 6, 15), datetime.date(2020, 6, 15), "70-74"),  # 70 on the day
        (datetime.date(1990, 1, 1), datetime.date(2026, 1, 1), "35-39"),
        (datetime.date(1920, 1, 1), datetime.date(2026, 1, 1), "95+"),
        (datetime.date(1931, 1, 2), datetime.date(2026, 1, 1), "90-94"),
    ],
)
def test_age_band_at_the_course_start(birth, day, band):
    assert age_band(birth, day) == band


def test_sex_from_the_last_digit_of_the_cpr_number():
    assert sex_from_cpr("0101501231") == "M"
    assert sex_from_cpr("0101501234") == "K"
    assert sex_from_cpr("010150-1239") == "M"


@pytest.mark.parametrize(
    ("code", "chapter", "block"),
    [
        ("DS720", "XIX", "S70-S79"),  # SKS form of S72.0, hip fracture
        ("S72.0", "XIX", "S70-S79"),
        ("DI639", "IX", "I60-I69"),
        ("DJ189", "X", "J09-J18"),
        ("DZ966", "XXI", "Z80-Z99"),
        ("DE119", "IV", "E10-E14"),
        ("DD500", "III", "D50-D53"),
        ("DC509", "II", "C50-C50"),
    ],
)
def test_icd10_chapter_and_block(code, chapter, block):
    assert icd10_group(code) == Icd10Group(chapter=chapter, block=block)


def test_not_a_diagnosis_code():
    assert icd10_group("hoftebrud") is None
    assert icd10_group("") is None


def test_codes_from_the_gop_primary_first_and_from_text_only_sks_codes():
    content = {
        "diagnoses": [
            {"code": "DM810", "text": "Knogleskørhed", "primary": False},
            {"code": "DS720", "text": "Brud på lårbenshals", "primary": True},
        ]
    }
    assert diagnosis_codes(gop_content=content, diagnosis_text="") == ["DS720", "DM810"]
    text = "Hoftebrud, opereret (DS720); Diabetes DE119; Dorthe ringer"
    assert diagnosis_codes(gop_content={}, diagnosis_text=text) == ["DS720", "DE119"]
    groups = icd10_groups(["DS720", "DS721", "DE119"])
    assert [group.block for group in groups] == ["S70-S79", "E10-E14"]


def test_missing_key_is_refused_in_danish(monkeypatch):
    monkeypatch.delenv(KEY_VARIABLE, raising=False)
    with pytest.raises(ResearchKeyError, match="kræver en nøgle"):
        research_key()


def test_short_key_is_refused_in_danish(monkeypatch):
    monkeypatch.setenv(KEY_VARIABLE, "for-kort")
    with pytest.raises(ResearchKeyError, match="for kort") as raised:
        research_key()
    assert "for-kort" not in str(raised.value)


def test_long_enough_key(monkeypatch):
    monkeypatch.setenv(KEY_VARIABLE, "k" * 32)
    assert research_key() == b"k" * 32


def test_the_data_dictionary_names_every_column():
    from pathlib import Path

    from rehabplan.reference.outcome_tests import all_outcome_tests
    from rehabplan.reporting.research.columns import export_columns

    text = (Path(__file__).resolve().parents[3] / "docs" / "research-export.md").read_text()
    test_codes = {test.code for test in all_outcome_tests()}
    for column in export_columns():
        code = column.name.rsplit("_", 1)[0]
        if code in test_codes:
            assert f"`{code}`" in text
            assert f"`<test>_{column.name.rsplit('_', 1)[1]}`" in text
        else:
            assert f"| `{column.name}` | {column.type_name} |" in text
