"""The default gateway: each message becomes one JSON file in a folder, named by its key.

The file is written beside its final name and then linked to it, which the file system does at
once or not at all, so a worker killed at any moment leaves either the whole message or nothing;
a second send with the same key finds the file and sends nothing."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.utils import timezone

from rehabplan.messaging.files import write_once
from rehabplan.messaging.sms.gateway import SendOutcome, SmsMessage


class FileSmsGateway:
    name = "file"

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def path_for(self, key: str) -> Path:
        return self.folder / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.json"

    def send(self, message: SmsMessage) -> SendOutcome:
        self.folder.mkdir(parents=True, exist_ok=True)
        final = self.path_for(message.key)
        reference = final.stem
        if final.exists():
            return SendOutcome(accepted=True, reference=reference, duplicate=True)
        content = {
            "key": message.key,
            "to": message.to,
            "sender": message.sender,
            "text": message.text,
            "sent_at": timezone.now().isoformat(),
        }
        written = write_once(final, json.dumps(content, ensure_ascii=False, indent=1).encode())
        return SendOutcome(accepted=True, reference=reference, duplicate=not written)

    def sent(self) -> list[dict]:
        """Every message in the folder (for the demo, tests and benchmarks)."""
        if not self.folder.exists():
            return []
        return [
            json.loads(path.read_text(encoding="utf-8"))
            for path in sorted(self.folder.glob("*.json"))
        ]
