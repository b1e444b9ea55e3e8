"""What staff see of the outbox: each letter's and SMS's delivery on the citizen page, and the
leader's list of messages given up, from which one is sent again."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rehabplan.audit.models import AuditEntry
from rehabplan.outbox.models import Channel, MessageKind, MessageState, OutboxMessage

pytestmark = pytest.mark.django_db


def _failed(unit, citizen, **fields) -> OutboxMessage:
    return OutboxMessage.objects.create(
        municipality=unit.municipality,
        citizen=citizen,
        kind=MessageKind.REMINDER,
        channel=Channel.SMS,
        recipient_kind="citizen",
        recipient_name=citizen.full_name,
        recipient_address="+4520123456",
        subject="SMS-påmindelse om aftale",
        body_text="Påmindelse",
        state=MessageState.FAILED,
        attempts=5,
        error="HTTP 400",
        **fields,
    )


def test_the_leader_sees_what_was_given_up_and_sends_it_again(client, demo_unit, varde):
    citizen = demo_unit.citizen()
    message = _failed(demo_unit, citizen)
    foreign = _failed(varde, varde.citizen(first_name="Udenbys"))
    client.force_login(demo_unit.leader)
    home = client.get(reverse("home")).content.decode()
    assert "1 besked kunne ikke sendes" in home
    page = client.get(reverse("failed-messages")).content.decode()
    assert citizen.full_name in page and "Udenbys" not in page
    assert "Fejlet efter 5 forsøg: kanalen afviste beskeden" in page
    response = client.post(reverse("retry-message", args=[message.pk]))
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.state, message.attempts) == (MessageState.QUEUED, 0)
    assert AuditEntry.objects.filter(
        action="change", object_id=str(message.pk), user=demo_unit.leader
    ).exists()
    # Another municipality's message is not found; a second retry is refused in Danish.
    assert client.post(reverse("retry-message", args=[foreign.pk])).status_code == 404
    again = client.post(reverse("retry-message", args=[message.pk]), follow=True)
    assert "Beskeden er ikke fejlet" in again.content.decode()


def test_only_the_roles_that_act_on_it(client, demo_unit):
    message = _failed(demo_unit, demo_unit.citizen())
    client.force_login(demo_unit.therapist_user)
    assert client.get(reverse("failed-messages")).status_code == 403
    assert client.post(reverse("retry-message", args=[message.pk])).status_code == 403
    assert "kunne ikke sendes" not in client.get(reverse("home")).content.decode()
    message.refresh_from_db()
    assert message.state == MessageState.FAILED


def test_the_citizen_page_shows_each_messages_delivery(client, demo_unit):
    citizen = demo_unit.citizen()
    _failed(demo_unit, citizen)
    client.force_login(demo_unit.visitator)
    page = client.get(reverse("citizen-detail", args=[citizen.pk])).content.decode()
    assert "Breve og SMS" in page
    assert "SMS-påmindelse om aftale" in page
    assert "Fejlet efter 5 forsøg" in page
