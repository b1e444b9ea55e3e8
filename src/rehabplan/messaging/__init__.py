"""Reaching citizens and staff outside the product: SMS through a gateway, and the periodic jobs
the task workers run (reminders, the outbox, deadline alerts)."""
