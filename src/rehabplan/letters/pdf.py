"""Render a Letter as an A4 PDF with fpdf2's core fonts (installed from PyPI, no system fonts)."""

from __future__ import annotations

import datetime as dt

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from rehabplan.letters.latin1 import to_latin1
from rehabplan.letters.model import Letter, Section, Table

FONT = "Helvetica"
BODY_SIZE = 11
LINE_HEIGHT = 5.5
LEFT_MARGIN = 25
RIGHT_MARGIN = 20
TOP_MARGIN = 20
BOTTOM_MARGIN = 22
# Where a C5 window envelope shows the recipient's address.
RECIPIENT_TOP = 50
SENDER_BLOCK_WIDTH = 70
BOLD = FontFace(emphasis="BOLD")


class _LetterPdf(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self._footer_text = footer_text

    def footer(self) -> None:
        self.set_y(-BOTTOM_MARGIN + 6)
        self.set_font(FONT, size=8)
        self.set_text_color(90, 90, 90)
        if self._footer_text:
            self.multi_cell(
                self.epw, 3.8, to_latin1(self._footer_text), align="C",
                new_x=XPos.LMARGIN, new_y=YPos.NEXT,
            )  # fmt: skip
        self.cell(
            self.epw, 4, f"Side {self.page_no()} af {{nb}}", align="C",
            new_x=XPos.LMARGIN, new_y=YPos.NEXT,
        )  # fmt: skip
        self.set_text_color(0, 0, 0)


def render_pdf(letter: Letter) -> bytes:
    """The letter as PDF bytes: A4, 11 pt body text, "Side X af Y", title and language "da"."""
    pdf = _LetterPdf(letter.footer)
    pdf.set_margins(LEFT_MARGIN, TOP_MARGIN, RIGHT_MARGIN)
    footer_lines = 1 + (letter.footer.count("\n") + 2 if letter.footer else 0)
    pdf.set_auto_page_break(auto=True, margin=BOTTOM_MARGIN + 4 * footer_lines)
    pdf.set_title(to_latin1(letter.title))
    pdf.set_lang("da")
    pdf.set_author(to_latin1(letter.sender.municipality))
    pdf.set_subject(to_latin1(letter.subject or letter.title))
    pdf.set_creator("Rehabplan")
    # A fixed creation date makes the same letter give the same bytes.
    pdf.set_creation_date(dt.datetime.combine(letter.date, dt.time(0, 0), tzinfo=dt.UTC))
    pdf.add_page()

    _sender_block(pdf, letter)
    _recipient_block(pdf, letter)
    _title(pdf, letter)
    for section in letter.sections:
        _section(pdf, section)
    if letter.closing:
        pdf.ln(LINE_HEIGHT)
        pdf.set_font(FONT, size=BODY_SIZE)
        for line in letter.closing:
            _text_line(pdf, line)
    return bytes(pdf.output())


def _text_line(pdf: FPDF, text: str, height: float = LINE_HEIGHT) -> None:
    _wrapped(pdf, 0, height, text, new_x=XPos.LMARGIN)


def _wrapped(pdf: FPDF, width: float, height: float, text: str, *, new_x: XPos) -> None:
    """Text wrapped within width (0: to the right margin), the cursor then below it. Text that
    fits on one line is written as one cell: the same output as multi_cell gives it, without
    fpdf2's line breaking, which measures the line again for every character it adds."""
    latin = to_latin1(text)
    room = (width or pdf.w - pdf.r_margin - pdf.x) - 2 * pdf.c_margin
    if "\n" not in latin and pdf.get_string_width(latin) <= room:
        pdf.cell(width, height, latin, new_x=new_x, new_y=YPos.NEXT)
    else:
        pdf.multi_cell(width, height, latin, new_x=new_x, new_y=YPos.NEXT)


def _sender_block(pdf: FPDF, letter: Letter) -> None:
    x = pdf.w - RIGHT_MARGIN - SENDER_BLOCK_WIDTH
    pdf.set_xy(x, TOP_MARGIN)
    for index, line in enumerate(letter.sender.lines):
        pdf.set_font(FONT, style="B" if index == 0 else "", size=BODY_SIZE if index == 0 else 9)
        pdf.set_x(x)
        _wrapped(pdf, SENDER_BLOCK_WIDTH, 4.5, line, new_x=XPos.LEFT)
    pdf.ln(3)
    pdf.set_font(FONT, size=9)
    for label, value in (("Dato", letter.date_text), *letter.references):
        pdf.set_x(x)
        _wrapped(pdf, SENDER_BLOCK_WIDTH, 4.5, f"{label}: {value}", new_x=XPos.LEFT)
    pdf.set_x(pdf.l_margin)


def _recipient_block(pdf: FPDF, letter: Letter) -> None:
    sender_bottom = pdf.get_y()
    pdf.set_xy(LEFT_MARGIN, RECIPIENT_TOP)
    pdf.set_font(FONT, size=BODY_SIZE)
    recipient_width = pdf.w - LEFT_MARGIN - RIGHT_MARGIN - SENDER_BLOCK_WIDTH - 5
    for line in (letter.recipient.name, *letter.recipient.address_lines):
        _wrapped(pdf, recipient_width, LINE_HEIGHT, line, new_x=XPos.LMARGIN)
    pdf.set_y(max(pdf.get_y(), sender_bottom, RECIPIENT_TOP + 30) + 6)


def _title(pdf: FPDF, letter: Letter) -> None:
    pdf.set_font(FONT, style="B", size=15)
    _text_line(pdf, letter.title, height=7)
    pdf.ln(3)
    if letter.salutation:
        pdf.set_font(FONT, size=BODY_SIZE)
        _text_line(pdf, letter.salutation)
        pdf.ln(2)


def _section(pdf: FPDF, section: Section) -> None:
    if section.heading:
        # Keep a heading with at least three lines of what follows.
        if pdf.will_page_break(7 + 3 * LINE_HEIGHT):
            pdf.add_page()
        pdf.ln(2)
        pdf.set_font(FONT, style="B", size=12)
        _text_line(pdf, section.heading, height=6.5)
        pdf.ln(1)
    pdf.set_font(FONT, size=BODY_SIZE)
    for paragraph in section.paragraphs:
        _text_line(pdf, paragraph)
        pdf.ln(2)
    for bullet in section.bullets:
        _bullet(pdf, bullet)
    if section.bullets:
        pdf.ln(2)
    if section.key_values:
        _table(pdf, Table(rows=section.key_values), bold_first_column=True)
    if section.table is not None:
        _table(pdf, section.table, bold_first_column=False)


def _bullet(pdf: FPDF, text: str) -> None:
    indent = 6
    if pdf.will_page_break(LINE_HEIGHT):
        pdf.add_page()
    y = pdf.get_y()
    pdf.set_fill_color(0, 0, 0)
    pdf.circle(x=pdf.l_margin + 2, y=y + LINE_HEIGHT / 2, radius=0.7, style="F")
    pdf.set_x(pdf.l_margin + indent)
    _wrapped(pdf, pdf.epw - indent, LINE_HEIGHT, text, new_x=XPos.LMARGIN)


def _table(pdf: FPDF, table: Table, *, bold_first_column: bool) -> None:
    columns = len(table.headings or table.rows[0]) if (table.headings or table.rows) else 0
    if not columns:
        return
    if columns == 2 and bold_first_column:
        widths: tuple[float, ...] = (55, pdf.epw - 55)
    else:
        widths = tuple(pdf.epw / columns for _ in range(columns))
    pdf.set_font(FONT, size=10)
    with pdf.table(
        col_widths=widths,
        width=pdf.epw,
        first_row_as_headings=bool(table.headings),
        borders_layout="HORIZONTAL_LINES" if table.headings else "NONE",
        align="LEFT",
        text_align="LEFT",
        line_height=5,
        padding=1,
    ) as rendered:
        rows = ([table.headings] if table.headings else []) + list(table.rows)
        for row in rows:
            cells = rendered.row()
            for index, value in enumerate(row):
                style = BOLD if bold_first_column and index == 0 else None
                cells.cell(to_latin1(value), style=style)
    pdf.set_font(FONT, size=BODY_SIZE)
    pdf.ln(3)
