"""The letter model and its plain-text preview."""

from __future__ import annotations

import datetime as dt

import pytest

from rehabplan.letters import (
    Letter,
    Recipient,
    SenderBlock,
    Table,
    format_danish_date,
    letter_to_text,
)


def test_plain_text_preview(decision_letter):
    text = letter_to_text(decision_letter)

    assert text.startswith("Næstved Kommune\nTræning og Aktivitet\nRådmandshaven 20\n")
    assert "Telefon 55 88 55 88" in text
    assert "Åse Marie Bøgelund\nSøndermarksvej 12, 1. th.\n4700 Næstved" in text
    assert "Dato: 23. november 2026\nSagsnr.: 2026-0042" in text
    assert "Afgørelse om træning efter serviceloven § 86, stk. 1\n=====" in text
    assert "Afgørelse\n---------\nDu får bevilget" in text
    assert "Omfang: 12 uger, 2 gange om ugen" in text
    assert "- Holdtræning med fokus på balance" in text
    assert "Test            | Start  | Slut" in text
    assert "Timed Up and Go | 14,2 s | 11,0 s" in text
    assert "Med venlig hilsen\nSøren Ærø\nFysioterapeut" in text
    assert text.endswith("--\nNæstved Kommune, Træning og Aktivitet\n")


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2026, 1, 1), "1. januar 2026"),
        (dt.date(2026, 3, 15), "15. marts 2026"),
        (dt.date(2026, 12, 24), "24. december 2026"),
    ],
)
def test_danish_dates(day, text):
    assert format_danish_date(day) == text


def test_letter_needs_a_title():
    with pytest.raises(ValueError, match="titel"):
        Letter(SenderBlock("Varde Kommune"), Recipient("A"), dt.date(2026, 1, 1), " ")


def test_table_rows_must_match():
    with pytest.raises(ValueError, match="kolonner"):
        Table(headings=("Test", "Start"), rows=(("TUG", "12 s", "10 s"),))


def test_lists_become_tuples_so_letters_are_hashable():
    letter = Letter(
        SenderBlock("Varde Kommune", address_lines=["Bytoften 2"]),
        Recipient("Kirsten Nørgaard", ["Storegade 7", "6800 Varde"]),
        dt.date(2026, 11, 23),
        "Plan for din træning",
        closing=["Med venlig hilsen"],
    )
    assert isinstance(letter.recipient.address_lines, tuple)
    assert hash(letter)
