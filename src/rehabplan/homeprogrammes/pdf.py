"""The home programme as an A4 PDF for the citizen: large type, each exercise with its figure,
starting position, numbered steps, dosage and precautions, and a weekly tick sheet at the end.

fpdf2's core fonts (Latin-1) as in the letters; the figures are the library's own SVG.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from rehabplan.homeprogrammes.selectors import ProgrammeItem
from rehabplan.letters.latin1 import to_latin1
from rehabplan.letters.model import format_danish_date

FONT = "Helvetica"
BODY_SIZE = 14
HEADING_SIZE = 20
LINE = 7.5
MARGIN = 18
FIGURE_WIDTH = 110
TICK_WEEKS = 8
WEEKDAYS = ("Man", "Tir", "Ons", "Tor", "Fre", "Lør", "Søn")


@dataclass(frozen=True)
class ProgrammeSheet:
    """What the PDF prints: who, from when, the weekly target and the exercises in order."""

    municipality: str
    unit: str
    phone: str
    citizen_name: str
    version: int
    start_on: dt.date
    per_week: int
    note: str
    items: tuple[ProgrammeItem, ...]


class _ProgrammePdf(FPDF):
    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FONT, size=11)
        self.cell(
            self.epw, 6, f"Side {self.page_no()} af {{nb}}", align="C",
            new_x=XPos.LMARGIN, new_y=YPos.NEXT,
        )  # fmt: skip


def _text(pdf: FPDF, text: str, *, size: int = BODY_SIZE, bold: bool = False) -> None:
    pdf.set_font(FONT, style="B" if bold else "", size=size)
    pdf.multi_cell(0, LINE if size <= BODY_SIZE else LINE + 2, to_latin1(text),
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip


def _figure(pdf: FPDF, item: ProgrammeItem) -> None:
    if item.exercise is None:
        return
    svg = io.BytesIO(item.exercise.svg().encode("utf-8"))
    # fpdf2 warns about the SVG's <title>, which the PDF does not need.
    logging.getLogger("fpdf.svg").setLevel(logging.ERROR)
    if pdf.will_page_break(FIGURE_WIDTH * 100 / 214 + 4):
        pdf.add_page()
    pdf.image(svg, w=FIGURE_WIDTH)
    pdf.ln(2)


def _exercise(pdf: FPDF, number: int, item: ProgrammeItem) -> None:
    if pdf.will_page_break(80):
        pdf.add_page()
    _text(pdf, f"{number}. {item.name}", size=HEADING_SIZE - 2, bold=True)
    _figure(pdf, item)
    exercise = item.exercise
    if exercise is not None:
        _text(pdf, "Sådan starter du", bold=True)
        _text(pdf, exercise.starting_position)
        _text(pdf, "Sådan gør du", bold=True)
        for step, instruction in enumerate(exercise.instructions, start=1):
            _text(pdf, f"{step}. {instruction}")
    _text(pdf, "Så meget", bold=True)
    _text(pdf, item.dosage_text[:1].upper() + item.dosage_text[1:] + ".")
    if item.note:
        _text(pdf, item.note)
    if exercise is not None and exercise.precautions:
        _text(pdf, "Pas på", bold=True)
        for precaution in exercise.precautions:
            _text(pdf, f"- {precaution}")
    pdf.ln(LINE)


def _tick_sheet(pdf: FPDF, sheet: ProgrammeSheet) -> None:
    pdf.add_page()
    _text(pdf, "Mit træningsskema", size=HEADING_SIZE, bold=True)
    _text(
        pdf,
        f"Sæt et kryds hver dag, du har trænet. Målet er {sheet.per_week} "
        f"{'gang' if sheet.per_week == 1 else 'gange'} om ugen.",
    )
    pdf.ln(3)
    first_column = 50
    column = (pdf.epw - first_column) / len(WEEKDAYS)
    pdf.set_font(FONT, style="B", size=BODY_SIZE)
    pdf.cell(first_column, 12, "Uge fra", border=1)
    for day in WEEKDAYS:
        pdf.cell(column, 12, to_latin1(day), border=1, align="C")
    pdf.ln()
    pdf.set_font(FONT, size=BODY_SIZE)
    monday = sheet.start_on - dt.timedelta(days=sheet.start_on.weekday())
    for week in range(TICK_WEEKS):
        day = monday + dt.timedelta(weeks=week)
        pdf.cell(first_column, 14, to_latin1(f"{day.day}. {_month(day)}"), border=1)
        for _day in WEEKDAYS:
            pdf.cell(column, 14, "", border=1)
        pdf.ln()


def _month(day: dt.date) -> str:
    return format_danish_date(day).split()[1]


def render_programme_pdf(sheet: ProgrammeSheet) -> bytes:
    """The programme as PDF bytes: A4, body text 14 pt, "Side X af Y", title and language."""
    pdf = _ProgrammePdf(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=20)
    title = f"Dit hjemmetræningsprogram - {sheet.citizen_name}"
    pdf.set_title(to_latin1(title))
    pdf.set_lang("da")
    pdf.set_author(to_latin1(sheet.municipality))
    pdf.set_subject("Hjemmetræningsprogram")
    pdf.set_creator("Rehabplan")
    pdf.set_creation_date(dt.datetime.combine(sheet.start_on, dt.time(0, 0), tzinfo=dt.UTC))
    pdf.add_page()
    _text(pdf, sheet.municipality + (f", {sheet.unit}" if sheet.unit else ""))
    pdf.ln(2)
    _text(pdf, "Dit hjemmetræningsprogram", size=HEADING_SIZE + 4, bold=True)
    _text(pdf, f"Til: {sheet.citizen_name}")
    _text(pdf, f"Start: {format_danish_date(sheet.start_on)}")
    _text(pdf, f"Træn {sheet.per_week} {'gang' if sheet.per_week == 1 else 'gange'} om ugen.")
    if sheet.phone:
        _text(pdf, f"Spørgsmål: ring til os på {sheet.phone}.")
    if sheet.note:
        pdf.ln(2)
        _text(pdf, sheet.note)
    pdf.ln(LINE)
    for number, item in enumerate(sheet.items, start=1):
        _exercise(pdf, number, item)
    _tick_sheet(pdf, sheet)
    return bytes(pdf.output())
