"""Sending what the outbox holds: one sender per channel (`senders`), and the job every worker
runs that claims due messages, sends them and retries failures with a growing wait
(`dispatcher`)."""
