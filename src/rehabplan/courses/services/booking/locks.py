"""Row locks that keep a booking's checks true until the booking commits.

Lock order. Every operation that books a session takes the locks it needs in this order, before
it reads what it checks, and holds them until its transaction ends:

    1. team classes (ascending id): the seats of the class's occurrences
    2. therapists (ascending id): the therapist's time
    3. citizens (ascending id): the citizen's calendar and the course's extent

A booking by hand, a therapist's cancellation with a replacement and a plan acceptance all go
through `lock_calendar`, so no two of them can wait for each other in a cycle. A plan acceptance
first locks its proposal row, which no other operation locks, and locks the courses after the
citizens.

On SQLite `select_for_update` does nothing; there every write transaction begins with
BEGIN IMMEDIATE (see settings), so the transactions that book run one at a time.
"""

from __future__ import annotations

from collections.abc import Iterable

from rehabplan.citizens.models import Citizen
from rehabplan.organisation.models import TeamClass, Therapist


def lock_calendar(
    *,
    team_class_ids: Iterable[int | None] = (),
    therapist_ids: Iterable[int | None] = (),
    citizen_ids: Iterable[int | None] = (),
) -> None:
    """Lock the rows in the documented order. Must run inside a transaction."""
    for model, ids in (
        (TeamClass, team_class_ids),
        (Therapist, therapist_ids),
        (Citizen, citizen_ids),
    ):
        wanted = sorted({pk for pk in ids if pk is not None})
        if wanted:
            # PostgreSQL locks the rows in the ORDER BY order, so the order holds within a kind.
            # FOR NO KEY UPDATE excludes the other bookings but not the inserts that merely
            # refer to the row (a note or a consent for the citizen).
            list(
                model.objects.select_for_update(no_key=True)
                .filter(pk__in=wanted)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
