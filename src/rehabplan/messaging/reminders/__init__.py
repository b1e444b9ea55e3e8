"""SMS to citizens about their appointments: a reminder 24 hours before, and a message when an
appointment is cancelled or moved. Only time and place, never what the training is for; only
to citizens who consented to SMS reminders and have a Danish mobile number on record."""
