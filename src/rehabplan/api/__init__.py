"""Rehabplan for other systems: the REST API under /api/v1/, its tokens, idempotency and limits."""
