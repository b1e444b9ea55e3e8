"""What keeps bookings correct when several people book at once: the calendar locks, the one
session per class occurrence and its seats, and the therapist's time.

Used by every operation that books a session: a booking by hand, a therapist's cancellation
with a replacement and the acceptance of a planning proposal.
"""
