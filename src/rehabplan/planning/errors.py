"""The one error the planning core raises: input that cannot describe a real unit."""

from __future__ import annotations


class PlanningInputError(ValueError):
    """Invalid planning data; the message is Danish and names what was wrong."""
