"""Make text safe for the PDF core fonts, which know Latin-1 only.

Danish letters and § are Latin-1 and pass unchanged; typographic characters that often come
from word processors are replaced by their plain equivalents, anything else by "?", so a
stray character never stops a letter from being produced.
"""

from __future__ import annotations

import unicodedata

_REPLACEMENTS = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u2026": "...", "\u2022": "-", "\u2023": "-", "\u25cf": "-",
    "\u2192": "->", "\u2190": "<-", "\u2264": "<=", "\u2265": ">=", "\u2260": "!=",
    "\u20ac": "EUR", "\u2122": "(TM)", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "", "\t": "    ",
}  # fmt: skip


def to_latin1(text: str) -> str:
    """Return text that encodes as Latin-1, keeping æøåÆØÅ, § and other Latin-1 letters."""
    composed = unicodedata.normalize("NFC", text)
    result = []
    for character in composed:
        if character in _REPLACEMENTS:
            result.append(_REPLACEMENTS[character])
        elif ord(character) < 256:
            result.append(character)
        else:
            # Letters with accents outside Latin-1 (e.g. "ł", "č") keep their base letter.
            base = unicodedata.normalize("NFKD", character)[0]
            result.append(base if ord(base) < 128 and base.isalpha() else "?")
    return "".join(result)
