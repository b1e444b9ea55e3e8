"""The outbox helper: every letter is queued as PDF, and health data keeps to secure channels."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from rehabplan.audit.models import AuditEntry
from rehabplan.letters import Letter, Recipient, Section, SenderBlock
from rehabplan.outbox.models import OutboxMessage
from rehabplan.outbox.services import outbox_enqueue_letter
from tests.decisions.conftest import pdf_text


@pytest.fixture
def letter() -> Letter:
    return Letter(
        sender=SenderBlock("Næstved Kommune", "Træning og Aktivitet"),
        recipient=Recipient("Åse Bøgelund", ("Søndermarksvej 12", "4700 Næstved")),
        date=datetime.date(2026, 11, 10),
        title="Status på din træning",
        sections=(Section("Status", ("Du går nu uden rollator.",)),),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("channel", "recipient_kind", "health", "problem"),
    [
        ("sms", "citizen", False, "Et brev kan ikke sendes som SMS."),
        ("sms", "citizen", True, "Helbredsoplysninger må kun sendes"),
        ("medcom", "citizen", True, "MedCom-korrespondance kan kun sendes til egen læge"),
        ("email", "citizen", True, "Ukendt kanal."),
    ],
)
def test_a_letter_is_refused_on_a_channel_it_may_not_use(
    naestved, staff, make_citizen, letter, channel, recipient_kind, health, problem
):
    visitator, _therapist = staff(naestved)
    citizen = make_citizen(visitator)
    with pytest.raises(ValidationError) as error:
        outbox_enqueue_letter(
            user=visitator,
            municipality=naestved,
            citizen=citizen,
            kind="status_report",
            letter=letter,
            channel=channel,
            recipient_kind=recipient_kind,
            contains_health_data=health,
        )
    assert any(problem in message for message in error.value.message_dict["channel"])
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("channel", "recipient_kind"),
    [("digital_post", "citizen"), ("print", "relative"), ("medcom", "gp"), ("medcom", "hospital")],
)
def test_a_letter_is_queued_as_pdf_with_an_audit_entry(
    naestved, staff, make_citizen, letter, channel, recipient_kind
):
    visitator, _therapist = staff(naestved)
    citizen = make_citizen(visitator)
    message = outbox_enqueue_letter(
        user=visitator,
        municipality=naestved,
        citizen=citizen,
        kind="status_report",
        letter=letter,
        channel=channel,
        recipient_kind=recipient_kind,
    )
    assert message.state == "queued"
    assert message.subject == "Status på din træning"
    assert message.recipient_address == "Søndermarksvej 12, 4700 Næstved"
    assert "Du går nu uden rollator." in pdf_text(message.document)
    assert "Du går nu uden rollator." in message.body_text
    assert AuditEntry.objects.filter(
        citizen_id=citizen.pk, action="create", object_type="outboxmessage"
    ).exists()


@pytest.mark.django_db
def test_a_citizen_of_another_municipality_is_refused(naestved, varde, staff, make_citizen, letter):
    visitator, _therapist = staff(naestved)
    citizen = make_citizen(visitator)
    with pytest.raises(ValidationError) as error:
        outbox_enqueue_letter(
            user=visitator, municipality=varde, citizen=citizen, kind="notice", letter=letter
        )
    assert "citizen" in error.value.message_dict
