"""A rule's parameters as a Danish sentence; new keys and types never crash the wording."""

from __future__ import annotations

import pytest

from rehabplan.rules.wording import describe_params

CASES = [
    (
        "deadline",
        {"kind": "start", "event": "decided", "count": 4, "unit": "weeks"},
        "Start senest 4 uger efter afgørelsen.",
    ),
    (
        "deadline",
        {"kind": "contact", "event": "received", "count": 14, "unit": "working_days"},
        "Kontakt senest 14 hverdage efter modtagelsen af henvendelsen.",
    ),
    (
        "deadline",
        {
            "kind": "start",
            "event": "discharge",
            "count": 7,
            "unit": "calendar_days",
            "replaced_by_gop_start": True,
        },
        "Start senest 7 kalenderdage efter udskrivningen, eller fra det tidspunkt "
        "genoptræningsplanen angiver.",
    ),
    ("team_size", {"min": 3, "max": 8}, "Hold med 3-8 deltagere."),
    (
        "extent",
        {"min_per_week": 1, "max_per_week": 1, "max_weeks": 12},
        "1 gang ugentligt, i højst 12 uger.",
    ),
    (
        "frequency_limit",
        {"times": 1, "period": "twelve_months"},
        "Kan bevilges højst 1 gang inden for 12 måneder.",
    ),
    ("criterion", {"condition": "min_age", "years": 18}, "Betingelse: borgeren er mindst 18 år."),
    (
        "criterion",
        {"condition": "fact_true", "fact": "motivated"},
        "Betingelse: borgeren er motiveret for at træne.",
    ),
    (
        "referral_validity",
        {"months": 12},
        "Henvisningen gælder i 12 måneder fra den dag, den er skrevet.",
    ),
    ("closed_days", {"annual": ["06-05", "12-24"]}, "Lukket hvert år 5. juni og 24. december."),
    # A key another version of the engine adds is listed after the sentence.
    (
        "extent",
        {"max_sessions": 10, "pauses": [{"name": "let", "sessions": 6}]},
        "Højst 10 gange. Øvrige oplysninger i standarden: pauses: name: let, sessions: 6.",
    ),
    # Tiers and a range: the decision chooses one tier and a length within the range.
    (
        "extent",
        {
            "max_per_week": 2,
            "tiers": [
                {"name": "Afklaringsforløb", "max_sessions": 4},
                {"name": "Træningsforløb", "max_sessions": 24},
            ],
            "range": {"unit": "weeks", "min": 2, "max": 16},
        },
        "Højst 2 gange ugentligt. Afgørelsen vælger ét af trinnene: Afklaringsforløb "
        "(højst 4 gange) eller Træningsforløb (højst 24 gange). Afgørelsen fastsætter et "
        "omfang på mellem 2 og 16 uger.",
    ),
    # A rule type the wording does not know: every parameter, readably.
    (
        "declared_service",
        {"legal_basis": "Ældreloven § 9", "grant": True},
        "Øvrige oplysninger i standarden: legal basis: Ældreloven § 9; grant: ja.",
    ),
]


@pytest.mark.parametrize("rule_type, params, expected", CASES)
def test_parameters_as_danish(rule_type, params, expected):
    assert describe_params(rule_type, params) == expected


def test_every_shipped_rule_has_a_sentence_without_leftovers(registry):
    from rehabplan.rules.wording import describe_rule

    for slug, _code, _name in registry.municipalities():
        for version in registry.municipality(slug).versions:
            for rule in version.rules.values():
                sentence = describe_rule(rule)
                assert sentence and "Øvrige oplysninger" not in sentence, (
                    rule.qualified_id,
                    sentence,
                )
