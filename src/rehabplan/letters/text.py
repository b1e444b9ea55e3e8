"""Plain-text rendering of a letter, for SMS/e-Boks previews and for tests."""

from __future__ import annotations

from rehabplan.letters.model import Letter, Section, Table


def letter_to_text(letter: Letter) -> str:
    lines: list[str] = [*letter.sender.lines, ""]
    lines += [letter.recipient.name, *letter.recipient.address_lines, ""]
    lines.append(f"Dato: {letter.date_text}")
    lines += [f"{key}: {value}" for key, value in letter.references]
    lines += ["", letter.title, "=" * len(letter.title), ""]
    if letter.salutation:
        lines += [letter.salutation, ""]
    for section in letter.sections:
        lines += _section_lines(section)
    if letter.closing:
        lines += [*letter.closing, ""]
    if letter.footer:
        lines += ["--", letter.footer]
    return "\n".join(lines).rstrip() + "\n"


def _section_lines(section: Section) -> list[str]:
    lines: list[str] = []
    if section.heading:
        lines += [section.heading, "-" * len(section.heading)]
    for paragraph in section.paragraphs:
        lines += [paragraph, ""]
    blocks = (
        [f"- {bullet}" for bullet in section.bullets],
        [f"{key}: {value}" for key, value in section.key_values],
        _table_lines(section.table) if section.table is not None else [],
    )
    for block in blocks:
        if block:
            lines += [*block, ""]
    if not (section.paragraphs or section.bullets or section.key_values or section.table):
        lines.append("")
    return lines


def _table_lines(table: Table) -> list[str]:
    rows = ([table.headings] if table.headings else []) + list(table.rows)
    if not rows:
        return []
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    formatted = [
        " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    if table.headings:
        formatted.insert(1, "-+-".join("-" * width for width in widths))
    return formatted
