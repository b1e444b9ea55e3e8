"""Citizen self-service: a citizen logs in (a one-time code today, MitID later), sees their
appointments and letters, cancels an appointment, and reads their training plan and goals."""
