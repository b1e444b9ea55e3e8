"""Writes of the alerts app: the sweep (alerts and e-mails) and what staff change themselves."""
