from __future__ import annotations

import datetime as dt

import pytest

from rehabplan.letters import Letter, Recipient, Section, SenderBlock, Table


@pytest.fixture
def decision_letter() -> Letter:
    return Letter(
        sender=SenderBlock(
            municipality="Næstved Kommune",
            unit="Træning og Aktivitet",
            address_lines=("Rådmandshaven 20", "4700 Næstved"),
            phone="55 88 55 88",
        ),
        recipient=Recipient("Åse Marie Bøgelund", ("Søndermarksvej 12, 1. th.", "4700 Næstved")),
        date=dt.date(2026, 11, 23),
        title="Afgørelse om træning efter serviceloven § 86, stk. 1",
        salutation="Kære Åse Marie Bøgelund",
        references=(("Sagsnr.", "2026-0042"),),
        sections=(
            Section(
                "Afgørelse",
                ("Du får bevilget genoptræning efter serviceloven § 86, stk. 1.",),
                key_values=(
                    ("Omfang", "12 uger, 2 gange om ugen"),
                    ("Start", "senest 3. december"),
                ),
            ),
            Section(
                "Det indgår i træningen",
                bullets=("Holdtræning med fokus på balance", "Øvelser du kan lave derhjemme"),
            ),
            Section(
                "Testresultater",
                table=Table(
                    headings=("Test", "Start", "Slut"),
                    rows=(("Timed Up and Go", "14,2 s", "11,0 s"),),
                ),
            ),
            Section(
                "Klagevejledning",
                ("Du kan klage inden 4 uger efter, at du har modtaget afgørelsen. ÆØÅ æøå.",),
            ),
        ),
        closing=("Med venlig hilsen", "Søren Ærø", "Fysioterapeut"),
        footer="Næstved Kommune, Træning og Aktivitet",
    )
