"""How a delivery leaves the product. The sender is chosen by the setting
`REHABPLAN_KL_GATEWAY_SENDER` (a dotted path to a class taking no arguments); the default writes
the file to `REHABPLAN_KL_GATEWAY_DIR`/<municipality>/<period>/, where an operator or a later
transport picks it up. A sender for KL Gateway's own interface plugs in the same way."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT_SENDER = "rehabplan.reporting.klgateway.senders.FileSender"


class Sender(Protocol):
    def send(self, *, municipality_slug: str, period: str, file_name: str, content: bytes) -> str:
        """Deliver the file; return where it went (a path or a receipt), kept on the delivery."""
        ...


def delivery_dir() -> Path:
    configured = getattr(settings, "REHABPLAN_KL_GATEWAY_DIR", "")
    if configured:
        return Path(configured)
    return Path(settings.VAR_DIR) / "kl-gateway"


class FileSender:
    """Writes the delivery to a folder, one sub-folder per municipality and period."""

    def send(self, *, municipality_slug: str, period: str, file_name: str, content: bytes) -> str:
        folder = delivery_dir() / municipality_slug / period
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / file_name
        # Written beside and renamed, so a reader never sees half a file.
        partial = target.with_suffix(".part")
        partial.write_bytes(content)
        partial.replace(target)
        return str(target)


def configured_sender() -> Sender:
    path = getattr(settings, "REHABPLAN_KL_GATEWAY_SENDER", "") or DEFAULT_SENDER
    return import_string(path)()
