"""The pseudonymisation key: read from the environment at export time, never stored.

Whoever holds the key can test a CPR number against a pseudonym, so the key stays with the
municipality: it is neither written to the export nor to the database or the audit log.
"""

from __future__ import annotations

import os

KEY_VARIABLE = "REHABPLAN_RESEARCH_KEY"
# 32 characters of a random key give at least 128 bits even from a small alphabet.
MINIMUM_KEY_LENGTH = 32


class ResearchKeyError(Exception):
    """No usable key: the message says in Danish what is wrong, never the key itself."""


def research_key() -> bytes:
    """The key from the environment, or raise ResearchKeyError (Danish) when missing or short."""
    value = os.environ.get(KEY_VARIABLE, "").strip()
    if not value:
        raise ResearchKeyError(
            f"Forskningsudtræk kræver en nøgle til pseudonymisering i miljøvariablen "
            f"{KEY_VARIABLE}. Der er ikke lavet noget udtræk."
        )
    if len(value) < MINIMUM_KEY_LENGTH:
        raise ResearchKeyError(
            f"Nøglen i {KEY_VARIABLE} er for kort: den skal have mindst "
            f"{MINIMUM_KEY_LENGTH} tegn. Der er ikke lavet noget udtræk."
        )
    return value.encode("utf-8")
