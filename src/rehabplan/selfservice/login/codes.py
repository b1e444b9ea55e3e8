"""One-time codes and the digests that stand in for them.

A code has six digits. Only an HMAC keyed with SECRET_KEY is stored, bound to the code's row, so
neither a copy of the database nor a digest moved to another row lets anyone log in; the CPR
number a citizen types is likewise kept only as a digest where it is counted.
"""

from __future__ import annotations

import hmac
import secrets

from django.utils.crypto import salted_hmac

CODE_DIGITS = 6
_CODE_SALT = "rehabplan.selfservice.code"
_CPR_SALT = "rehabplan.selfservice.cpr"


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def code_digest(*, code: str, login_code_id: int) -> str:
    return salted_hmac(_CODE_SALT, f"{login_code_id}:{code}", algorithm="sha256").hexdigest()


def code_matches(*, code: str, login_code_id: int, digest: str) -> bool:
    # Compared in constant time: the time taken says nothing about how many digits were right.
    return hmac.compare_digest(code_digest(code=code, login_code_id=login_code_id), digest)


def cpr_digest(cpr: str) -> str:
    return salted_hmac(_CPR_SALT, cpr, algorithm="sha256").hexdigest()
