import logging

from rehabplan.logging_filters import RedactCprFilter, redact_cpr


def test_cpr_numbers_are_redacted_with_or_without_hyphen():
    assert redact_cpr("citizen 010150-1234 and 0202402345") == "citizen [CPR] and [CPR]"
    assert redact_cpr("order 12345678901 stays") == "order 12345678901 stays"


def test_the_log_filter_redacts_formatted_messages():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "searched %s", ("0101501234",), None)
    RedactCprFilter().filter(record)
    assert record.getMessage() == "searched [CPR]"


def test_the_console_handler_uses_the_filter():
    from django.conf import settings

    assert "redact_cpr" in settings.LOGGING["handlers"]["console"]["filters"]
