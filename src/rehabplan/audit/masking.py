"""CPR numbers in free text, masked to the birth date for lists that many people read."""

from __future__ import annotations

import re

# Six digits of birth date, then (after an optional hyphen or space) the digits that identify the
# person; a search may have typed only some of them.
_CPR_IN_TEXT = re.compile(r"(?<!\d)(\d{6})[-\s]?\d{1,4}(?!\d)")


def mask_cpr(text: str) -> str:
    """'010150-1234' and '0101501234' become '010150-****'; other text is left as it is."""
    return _CPR_IN_TEXT.sub(r"\1-****", text)
