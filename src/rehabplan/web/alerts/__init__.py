"""Deadline alerts on screen: my alerts, marking one seen, the e-mail choice, the leader's list."""
