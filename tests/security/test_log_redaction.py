"""No CPR number in the server log, from any part of a log record, through the real LOGGING."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import path

from rehabplan.citizens.models import Citizen

pytestmark = pytest.mark.django_db

CPR_DIGITS = "0101501234"
CPR_HYPHENATED = "010150-1234"


def assert_no_cpr(text: str) -> None:
    assert CPR_DIGITS not in text
    assert CPR_HYPHENATED not in text
    assert "[CPR]" in text or "citizen_unique_cpr" in text or "UNIQUE" in text


@contextmanager
def captured(logger_name: str) -> Iterator[io.StringIO]:
    """The output of the handler the real LOGGING setting gives this logger."""
    logger = logging.getLogger(logger_name)
    while not logger.handlers and logger.propagate and logger.parent is not None:
        logger = logger.parent
    handler = next(handler for handler in logger.handlers if handler.name == "console")
    assert isinstance(handler, logging.StreamHandler)
    buffer = io.StringIO()
    # Swapped without setStream, which flushes the old stream first: a test that ran the
    # `rehabplan` command in this process under capsys had Django configure LOGGING again, onto
    # capsys's stream, closed since. Which test ran last depends on the order (parallel workers).
    previous, handler.stream = handler.stream, buffer
    try:
        yield buffer
    finally:
        handler.stream = previous


def insert_duplicate(request: HttpRequest) -> HttpResponse:
    """Writes the same CPR number twice in one municipality, past the service's own check."""
    original = Citizen.objects.get(cpr=CPR_DIGITS)
    with transaction.atomic():
        Citizen.objects.create(
            municipality=original.municipality,
            cpr=original.cpr,
            birth_date=original.birth_date,
            first_name="Dobbelt",
            last_name="Oprettet",
        )
    return HttpResponse("not reached")


urlpatterns = [path("forced-error/", insert_duplicate)]


@override_settings(ROOT_URLCONF=__name__)
def test_a_duplicate_key_error_in_a_request_leaves_no_cpr_in_the_log(citizen, visitator):
    client = Client(raise_request_exception=False)
    client.force_login(visitator)
    with captured("django.request") as log:
        response = client.get("/forced-error/")
    assert response.status_code == 500
    text = log.getvalue()
    assert "IntegrityError" in text
    assert "Traceback" in text
    assert_no_cpr(text)


def test_a_logged_database_exception_leaves_no_cpr_in_the_log(citizen):
    with captured("rehabplan.citizens") as log:
        try:
            with transaction.atomic():
                Citizen.objects.create(
                    municipality=citizen.municipality,
                    cpr=citizen.cpr,
                    birth_date=citizen.birth_date,
                    first_name="Dobbelt",
                    last_name="Oprettet",
                )
        except IntegrityError:
            logging.getLogger("rehabplan.citizens").exception("Could not create the citizen")
    text = log.getvalue()
    assert "IntegrityError" in text
    assert_no_cpr(text)


def test_exception_text_arguments_stack_and_extra_fields_are_redacted(db):
    with captured("rehabplan.test") as log:
        try:
            raise ValueError(f"Key (municipality_id, cpr)=(1, {CPR_DIGITS}) already exists.")
        except ValueError:
            logging.getLogger("rehabplan.test").error(
                "Lookup of %s failed",
                CPR_HYPHENATED,
                exc_info=True,
                stack_info=True,
                extra={"citizen_cpr": CPR_DIGITS},
            )
    text = log.getvalue()
    assert "already exists" in text
    assert "Lookup of [CPR] failed" in text
    assert_no_cpr(text)


def test_extra_fields_are_redacted_on_the_record_for_any_formatter(db):
    from rehabplan.logging_filters import RedactCprFilter

    record = logging.LogRecord("x", logging.INFO, __file__, 1, "plain", (), None)
    record.cpr = CPR_HYPHENATED
    record.details = {"cpr": CPR_DIGITS}
    RedactCprFilter().filter(record)
    assert record.cpr == "[CPR]"
    assert CPR_DIGITS not in str(record.details)


def test_django_and_the_task_worker_log_through_the_redacting_handler():
    from rehabplan.logging_filters import RedactingFormatter

    for name in ("django.request", "django.server", "django_tasks", "django_tasks_db", "waitress"):
        logger = logging.getLogger(name)
        while not logger.handlers and logger.propagate and logger.parent is not None:
            logger = logger.parent
        configured = [handler for handler in logger.handlers if handler.name]
        assert configured, name
        # Only LOGGING's own handler: none of Django's defaults (error mail, debug console).
        for handler in configured:
            assert handler.name == "console", name
            assert isinstance(handler.formatter, RedactingFormatter), name


def test_the_task_worker_adds_no_handler_of_its_own_around_the_redaction():
    from django_tasks_db.management.commands.db_worker import Command

    loggers = [logging.getLogger("django_tasks_db"), logging.getLogger("django_tasks")]
    levels = [logger.level for logger in loggers]
    try:
        Command().configure_logging(verbosity=1)
        # The worker adds a plain stdout handler only where no handler is configured above it.
        for logger in loggers:
            assert logger.handlers == [], logger.name
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
