"""The SMS gateways: a message with a key already sent is not sent again; the HTTP gateway tells
a failure that may pass from one that will not."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from rehabplan.messaging.sms import SmsMessage
from rehabplan.messaging.sms.file_backend import FileSmsGateway
from rehabplan.messaging.sms.http_backend import HttpSmsGateway

MESSAGE = SmsMessage(
    to="+4520123456", text="Husk træning i morgen kl. 10.00", key="r:1", sender="Rehab"
)


def test_the_file_gateway_sends_a_key_once(tmp_path):
    gateway = FileSmsGateway(tmp_path / "sms")
    first = gateway.send(MESSAGE)
    again = gateway.send(MESSAGE)
    assert first.accepted and not first.duplicate
    assert again.accepted and again.duplicate
    sent = gateway.sent()
    assert [(m["to"], m["text"], m["key"]) for m in sent] == [
        ("+4520123456", "Husk træning i morgen kl. 10.00", "r:1")
    ]
    other = gateway.send(SmsMessage(to="+4520123456", text="Ny tid", key="r:2"))
    assert not other.duplicate and len(gateway.sent()) == 2
    # Nothing half-written is left beside the messages.
    assert sorted(p.name.startswith(".") for p in (tmp_path / "sms").iterdir()) == [False, False]


class _Gateway(BaseHTTPRequestHandler):
    answers: list[int] = []
    received: list[dict] = []

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        body = json.loads(self.rfile.read(length))
        _Gateway.received.append(
            {**body, "auth": self.headers["Authorization"], "key": self.headers["Idempotency-Key"]}
        )
        status = _Gateway.answers.pop(0)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps({"id": "gw-1"}).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def local_gateway():
    server = HTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Gateway.received = []
    yield server
    server.shutdown()
    server.server_close()


def _gateway(server) -> HttpSmsGateway:
    host, port = server.server_address
    return HttpSmsGateway(url=f"http://{host}:{port}/sms", token="hemmelig", timeout_seconds=5)


@pytest.mark.parametrize(
    ("status", "accepted", "retryable"),
    [
        (200, True, False),
        (202, True, False),
        (503, False, True),
        (429, False, True),
        (400, False, False),
        (401, False, False),
    ],
)
def test_the_http_gateway_reads_the_answer(local_gateway, status, accepted, retryable):
    _Gateway.answers = [status]
    outcome = _gateway(local_gateway).send(MESSAGE)
    assert (outcome.accepted, outcome.retryable) == (accepted, retryable)
    request = _Gateway.received[0]
    assert request["to"] == "+4520123456" and request["sender"] == "Rehab"
    assert request["auth"] == "Bearer hemmelig" and request["key"] == "r:1"
    assert request["reference"] == "r:1"
    if accepted:
        assert outcome.reference == "gw-1"


def test_no_answer_may_pass_later():
    gateway = HttpSmsGateway(url="http://127.0.0.1:9/sms", token="x", timeout_seconds=1)
    outcome = gateway.send(MESSAGE)
    assert not outcome.accepted and outcome.retryable and outcome.error


@pytest.mark.django_db
def test_the_outbox_retries_through_the_http_gateway_with_the_same_key(
    local_gateway, settings, demo_unit
):
    from django.utils import timezone

    from rehabplan.outbox.dispatch.dispatcher import dispatch_outbox
    from rehabplan.outbox.models import Channel, MessageKind, MessageState, OutboxMessage

    host, port = local_gateway.server_address
    settings.REHABPLAN_SMS_GATEWAY = "http"
    settings.REHABPLAN_SMS_HTTP_URL = f"http://{host}:{port}/sms"
    settings.REHABPLAN_SMS_HTTP_TOKEN = "hemmelig"
    settings.REHABPLAN_SMS_QUIET_FROM = settings.REHABPLAN_SMS_QUIET_UNTIL = 0
    message = OutboxMessage.objects.create(
        municipality=demo_unit.municipality,
        citizen=demo_unit.citizen(),
        kind=MessageKind.REMINDER,
        channel=Channel.SMS,
        recipient_kind="citizen",
        recipient_name="Karen",
        recipient_address="+4520123456",
        subject="Påmindelse",
        body_text="Påmindelse: Du har en aftale.",
    )
    _Gateway.answers = [503, 200]
    dispatch_outbox()
    message.refresh_from_db()
    assert (message.state, message.error) == (MessageState.QUEUED, "HTTP 503")
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    dispatch_outbox()
    message.refresh_from_db()
    assert (message.state, message.attempts, message.reference) == (MessageState.SENT, 2, "gw-1")
    keys = {request["key"] for request in _Gateway.received}
    assert keys == {message.idempotency_key} and len(_Gateway.received) == 2
