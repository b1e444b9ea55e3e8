"""Keep CPR numbers out of application logs, whatever a library chooses to log.

A CPR number reaches a log record in many places: the message and its arguments, the text of an
exception (a PostgreSQL duplicate-key error names the key's values), the stack, extra fields.
`RedactCprFilter` cleans every part of the record for any handler it is attached to, and
`RedactingFormatter` cleans the finished text, so a part the filter does not know still passes
through the redaction.
"""

from __future__ import annotations

import logging
import re
from typing import Any

CPR_PATTERN = re.compile(r"(?<!\d)(\d{6})-?(\d{4})(?!\d)")
REDACTED = "[CPR]"

# The attributes every LogRecord has; anything else on a record came in through `extra`.
_STANDARD_ATTRIBUTES = frozenset(
    logging.LogRecord("", logging.INFO, "", 0, "", (), None).__dict__
) | {"message", "asctime"}


def redact_cpr(text: str) -> str:
    return CPR_PATTERN.sub(REDACTED, text)


def _redacted_or_none(value: Any) -> str | None:
    """The redacted text of a value that shows a CPR number when printed, else None."""
    if value is None or isinstance(value, bool):
        return None
    try:
        text = str(value)
    except Exception:  # a broken __str__ must not stop the log line
        return None
    redacted = redact_cpr(text)
    return redacted if redacted != text else None


class RedactCprFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        self._redact_message(record)
        self._redact_exception(record)
        if record.stack_info:
            record.stack_info = redact_cpr(record.stack_info)
        for name, value in list(record.__dict__.items()):
            if name not in _STANDARD_ATTRIBUTES:
                redacted = _redacted_or_none(value)
                if redacted is not None:
                    setattr(record, name, redacted)
        return True

    @staticmethod
    def _redact_message(record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what can be shown
            message = f"{record.msg} {record.args!r}"
        redacted = redact_cpr(message)
        if redacted != message:
            record.msg = redacted
            record.args = None

    @staticmethod
    def _redact_exception(record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[0] is not None:
            if not record.exc_text:
                record.exc_text = logging.Formatter().formatException(record.exc_info)
            redacted = redact_cpr(record.exc_text)
            if redacted != record.exc_text:
                # The exception object itself still holds the number (a handler that renders
                # exc_info, like Django's error mail, would print it): only the text travels on.
                record.exc_text = redacted
                record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact_cpr(record.exc_text)


class RedactingFormatter(logging.Formatter):
    """Redacts the whole formatted line: message, traceback, stack and any field it names."""

    def format(self, record: logging.LogRecord) -> str:
        return redact_cpr(super().format(record))
