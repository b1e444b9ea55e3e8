"""The citizen's PDF of a home programme: large type, every exercise, a tick sheet, page numbers."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from rehabplan.homeprogrammes.selectors import programme_pdf

pytestmark = pytest.mark.django_db


def test_the_pdf_holds_every_exercise_and_a_tick_sheet(programme, course):
    reader = PdfReader(io.BytesIO(programme_pdf(programme)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    pages = len(reader.pages)
    assert pages >= 2
    for words in (
        "Dit hjemmetræningsprogram",
        course.citizen.full_name,
        course.municipality.name,
        "Knæstræk i siddende",
        "Rejse sig fra stol",
        "Sådan starter du",
        "1. Læn overkroppen lidt frem",
        "3 sæt × 8 gentagelser",
        "Pas på",
        "Mit træningsskema",
        f"Side 1 af {pages}",
        f"Side {pages} af {pages}",
    ):
        assert words in text, words
    assert reader.metadata.title.startswith("Dit hjemmetræningsprogram")
    assert b"/Lang (da)" in programme_pdf(programme)


def test_body_text_is_at_least_14_points(programme):
    data = programme_pdf(programme)
    reader = PdfReader(io.BytesIO(data))
    sizes = []

    def visit(text, cm, tm, font, size):
        if text.strip() and not text.startswith("Side "):
            sizes.append(size * tm[0])

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    assert sizes and min(sizes) >= 14
