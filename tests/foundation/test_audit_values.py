"""The audit log shows a change's values as a person reads them, not as the code stores them."""

from __future__ import annotations

from rehabplan.audit.change_labels import change_rows, object_label, standard_version_text


def test_dates_choices_and_yes_no_are_shown_in_words(db):
    rows = change_rows(
        "decision",
        {
            "letter_received_on": ["", "2026-12-02"],
            "outcome": ["refused", "granted"],
            "sessions_per_week": [None, 2],
        },
    )
    assert [(row.label, row.before, row.after) for row in rows] == [
        ("Modtaget af borgeren", "", "2. december 2026"),
        ("Afgørelse", "Afslag", "Bevilget"),
        ("Gange pr. uge", None, 2),
    ]
    (row,) = change_rows("citizen", {"covered_by_aeldreloven": [False, True]})
    assert (row.before, row.after) == ("nej", "ja")
    (row,) = change_rows("session", {"cancelled_at": "2026-12-02T09:30:00+01:00"})
    assert row.after == "2. december 2026 kl. 09.30"


def test_a_standard_version_is_named_by_municipality_and_date(municipality):
    version = f"{municipality.slug}@2024-01-01+national@2025-07-01"
    expected = (
        f"Kvalitetsstandard for {municipality.name}, gældende fra 1. januar 2024 "
        "(den nationale basis gældende fra 1. juli 2025)"
    )
    assert standard_version_text(version) == expected
    (row,) = change_rows("deadline", {"standard_version": ["", version]})
    assert row.after == expected


def test_the_record_acted_on_is_named_in_danish():
    assert object_label("decision") == "Afgørelse"
    assert object_label("closedday") == "Lukkedag"
