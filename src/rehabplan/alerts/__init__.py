"""Deadline alerts to staff (fristvarsler): before a deadline breaks, its responsible visitator or
therapist is alerted on the start page and, when they ask for it, by e-mail. See docs/alerts.md."""
