"""One session row per team class occurrence.

Simultaneous bookings could create several rows for the same class and start time. Before the
constraint is added, such rows are merged into the oldest one: participants, notes, test results
and replacements move to it, so nothing recorded is lost. A course booked on two rows of the same
occurrence keeps one place: the documented one, else the first.
"""

from django.db import migrations, models
from django.db.models import Count

BOOKED = "booked"
STATUS_RANK = {"held": 0, "planned": 1, "cancelled": 2}


def merge_duplicate_occurrences(apps, schema_editor):
    Session = apps.get_model("courses", "Session")
    Attendance = apps.get_model("courses", "Attendance")
    ClinicalNote = apps.get_model("courses", "ClinicalNote")
    OutcomeMeasurement = apps.get_model("courses", "OutcomeMeasurement")
    duplicated = (
        Session.objects.filter(team_class__isnull=False, replaces__isnull=True)
        .values("team_class_id", "starts_at")
        .annotate(rows=Count("id"))
        .filter(rows__gt=1)
    )
    for occurrence in duplicated:
        rows = list(
            Session.objects.filter(
                team_class_id=occurrence["team_class_id"],
                starts_at=occurrence["starts_at"],
                replaces__isnull=True,
            ).order_by("id")
        )
        keeper, extras = rows[0], rows[1:]
        extra_ids = [row.id for row in extras]
        for attendance in Attendance.objects.filter(session_id__in=extra_ids).order_by("id"):
            kept = Attendance.objects.filter(session=keeper, course_id=attendance.course_id).first()
            if kept is None:
                attendance.session = keeper
                attendance.save(update_fields=["session"])
            elif kept.status == BOOKED and attendance.status != BOOKED:
                kept.delete()
                attendance.session = keeper
                attendance.save(update_fields=["session"])
            else:
                attendance.delete()
        ClinicalNote.objects.filter(session_id__in=extra_ids).update(session=keeper)
        OutcomeMeasurement.objects.filter(session_id__in=extra_ids).update(session=keeper)
        Session.objects.filter(replaces_id__in=extra_ids).update(replaces=keeper)
        keeper.status = min((row.status for row in rows), key=lambda s: STATUS_RANK.get(s, 9))
        keeper.save(update_fields=["status"])
        Session.objects.filter(id__in=extra_ids).delete()
    if schema_editor.connection.vendor == "postgresql":
        # The moved rows leave deferred foreign key checks pending, and PostgreSQL creates no
        # index on a table with pending checks in the same transaction: run them now.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0004_course_blocked_weekdays"),
        ("organisation", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(merge_duplicate_occurrences, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="session",
            constraint=models.UniqueConstraint(
                condition=models.Q(("replaces__isnull", True), ("team_class__isnull", False)),
                fields=("team_class", "starts_at"),
                name="session_one_per_class_occurrence",
            ),
        ),
    ]
