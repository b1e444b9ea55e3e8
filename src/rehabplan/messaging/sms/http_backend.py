"""An SMS gateway reached over HTTP: a JSON POST with the message and its idempotency key.

The request: `POST <url>` with `Authorization: Bearer <token>`, `Idempotency-Key: <key>` and the
body `{"to": "+45...", "sender": "...", "text": "...", "reference": "<key>"}`. A 2xx answer
accepts the message (its JSON may name the gateway's `id`); 408, 425, 429 and 5xx, a time-out or
a refused connection may pass on a later try; any other answer is final.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from rehabplan.messaging.sms.gateway import SendOutcome, SmsMessage

RETRYABLE_STATUSES = {408, 425, 429}


class HttpSmsGateway:
    name = "http"

    def __init__(self, *, url: str, token: str, timeout_seconds: float = 10.0) -> None:
        if not url:
            raise ValueError("REHABPLAN_SMS_HTTP_URL must be set for the HTTP SMS gateway")
        self.url = url
        self.token = token
        self.timeout_seconds = timeout_seconds

    def send(self, message: SmsMessage) -> SendOutcome:
        body = json.dumps(
            {
                "to": message.to,
                "sender": message.sender,
                "text": message.text,
                "reference": message.key,
            }
        ).encode()
        request = urllib.request.Request(
            self.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.token}",
                "Idempotency-Key": message.key,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_seconds) as response:
                answer = response.read()
        except urllib.error.HTTPError as error:
            retryable = error.code in RETRYABLE_STATUSES or error.code >= 500
            return SendOutcome(accepted=False, retryable=retryable, error=f"HTTP {error.code}")
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            return SendOutcome(accepted=False, retryable=True, error=f"no answer: {error}"[:300])
        return SendOutcome(accepted=True, reference=_reference(answer))


def _reference(answer: bytes) -> str:
    """The gateway's id of the message, when its answer names one."""
    try:
        content = json.loads(answer or b"{}")
    except ValueError:
        return ""
    return str(content.get("id", "")) if isinstance(content, dict) else ""
