"""Keep CPR numbers out of application logs, whatever a library chooses to log."""

from __future__ import annotations

import logging
import re

CPR_PATTERN = re.compile(r"(?<!\d)(\d{6})-?(\d{4})(?!\d)")


def redact_cpr(text: str) -> str:
    return CPR_PATTERN.sub("[CPR]", text)


class RedactCprFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_cpr(message)
        if redacted != message:
            record.msg = redacted
            record.args = None
        return True
