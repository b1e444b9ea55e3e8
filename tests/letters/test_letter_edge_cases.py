"""Letters with unusual content still render, and nothing in them is lost."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
from hypothesis import given, settings
from hypothesis import strategies as st

from rehabplan.letters import Letter, Recipient, Section, SenderBlock, Table, render_pdf
from rehabplan.letters.latin1 import to_latin1


def _text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def _letter(*sections: Section, **changes) -> Letter:
    fields = dict(
        sender=SenderBlock("Varde Kommune"),
        recipient=Recipient("Kirsten Nørgaard"),
        date=dt.date(2026, 11, 23),
        title="Status på genoptræning",
        sections=sections,
    )
    fields.update(changes)
    return Letter(**fields)


def test_minimal_letter():
    text = _text(render_pdf(_letter()))
    assert "Status på genoptræning" in text
    assert "Kirsten Nørgaard" in text
    assert "Side 1 af 1" in text


def test_long_table_continues_on_the_next_page():
    rows = tuple((f"Træning {number}", f"{number}. januar") for number in range(1, 31))
    rows += tuple((f"Fremmøde {number}", "Mødt") for number in range(31, 91))
    data = render_pdf(_letter(Section("Fremmøde", table=Table(rows, ("Aftale", "Status")))))
    text = _text(data)

    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) >= 2
    assert "Træning 1" in text and "Fremmøde 90" in text


def test_long_words_and_empty_parts():
    address = "https://www.borger.dk/" + "genoptraening/" * 12
    data = render_pdf(
        _letter(
            Section("", ("Uden overskrift.",)),
            Section("Kun overskrift"),
            Section("Link", (address,), key_values=(("Tom", ""),), table=Table(rows=())),
        )
    )
    text = _text(data).replace("\n", "")
    assert "Uden overskrift." in text
    assert "Kun overskrift" in text
    assert "genoptraening/genoptraening" in text


@settings(max_examples=25, deadline=None)
@given(st.text(max_size=200), st.lists(st.text(max_size=40), max_size=4))
def test_any_text_renders(paragraph, bullets):
    data = render_pdf(
        _letter(
            Section("Afsnit", (paragraph,), bullets=tuple(bullets)),
            title=paragraph if paragraph.strip() else "x",
        )
    )
    assert data.startswith(b"%PDF")
    to_latin1(paragraph).encode("latin-1")
