"""Letters from the training unit: a small document model, a PDF renderer and a text preview.

Pure Python (fpdf2, no Django); the content of each kind of letter is composed elsewhere.
"""

from rehabplan.letters.model import (
    Letter,
    Recipient,
    Section,
    SenderBlock,
    Table,
    format_danish_date,
)
from rehabplan.letters.pdf import render_pdf
from rehabplan.letters.text import letter_to_text

__all__ = [
    "Letter",
    "Recipient",
    "Section",
    "SenderBlock",
    "Table",
    "format_danish_date",
    "letter_to_text",
    "render_pdf",
]
