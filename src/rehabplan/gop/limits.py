"""How large a GOP file may be: checked before reading and while the XML is read.

The limits are set far above real plans and far below what hurts the server:

- Size, 2 MB. A real GOP is tens of kilobytes (the sample plans are 6-8 kB; a long plan with
  many journal excerpts stays under a few hundred kB). Attachments such as PDFs do not travel
  inside the XML, so nothing legitimate comes near 2 MB.
- Nesting depth, 40. The deepest path in a plan is about 10 levels: Emessage /
  RehabilitationPlan / JournalExcerpt / Comment and then formatting (Bold, Italic, Underline,
  Center, FixedFont) inside one another. 40 leaves ample room and stays far from anything that
  could exhaust a stack.
- Elements, 10,000. The sample plans have 100-135 elements; a big plan with many journal
  excerpts has a few thousand.
- Text, 100,000 characters in one element and 1,000,000 in all. A whole sample plan holds about
  3,000 characters of text; one long journal note is a few pages.

With these limits the tree of an accepted file stays within a few megabytes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GopLimits:
    max_bytes: int = 2_000_000
    max_depth: int = 40
    max_elements: int = 10_000
    max_element_text: int = 100_000
    max_total_text: int = 1_000_000


LIMITS = GopLimits()


def danish_number(value: int) -> str:
    """1.000.000 rather than 1,000,000: the form Danish readers expect."""
    return f"{value:,}".replace(",", ".")


def oversize_message(size: int, limits: GopLimits = LIMITS) -> str | None:
    """The Danish reason a file of `size` bytes is refused, or None when it is small enough."""
    if size <= limits.max_bytes:
        return None
    return (
        f"Filen fylder {danish_number(size)} byte; en genoptræningsplan fylder højst "
        f"{danish_number(limits.max_bytes)} byte. Filen er ikke læst."
    )
