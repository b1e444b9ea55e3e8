"""The pseudonym of a citizen: HMAC-SHA256 of the ten CPR digits under the research key.

The same key gives the same pseudonym for the same citizen, so a researcher can follow a
citizen across courses and exports; without the key the pseudonym cannot be traced back
(a plain hash of a CPR number could be, by hashing every possible number).
"""

from __future__ import annotations

import hashlib
import hmac


def pseudonym(*, cpr: str, key: bytes) -> str:
    """64 hex characters for the ten digits of `cpr` (dashes and spaces ignored)."""
    digits = "".join(character for character in cpr if character.isdigit())
    return hmac.new(key, digits.encode("ascii"), hashlib.sha256).hexdigest()
