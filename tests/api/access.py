"""The permission each API operation needs, written down apart from the code that checks it, so
that a check deleted from an operation shows up as a role that gets in."""

from __future__ import annotations

ACCESS: dict[str, str] = {
    # Borgere
    "list_citizens": "citizens.view_citizen",
    "search_citizens": "citizens.view_citizen",
    "get_citizen": "citizens.view_citizen",
    "create_citizen": "citizens.add_citizen",
}
