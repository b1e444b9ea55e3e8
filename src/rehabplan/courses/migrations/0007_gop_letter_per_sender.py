"""A GOP letter is known by its sender and its identifier together.

Letter identifiers are numbered by each hospital system; two senders may use the same number,
and a real plan must never be taken for one already imported. Existing referrals get their
sender's EAN from the plan content stored with them.
"""

from django.db import migrations, models
from django.db.models import Q


def fill_sender_ean(apps, schema_editor):
    Referral = apps.get_model("courses", "Referral")
    for referral in Referral.objects.exclude(gop_letter_identifier="").iterator():
        sender = (referral.gop_content or {}).get("sender") or {}
        ean = str(sender.get("ean") or "")[:20]
        if ean:
            referral.gop_sender_ean = ean
            referral.save(update_fields=["gop_sender_ean"])


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0006_service_codes_from_the_standard_and_extent_tiers"),
    ]

    operations = [
        migrations.AddField(
            model_name="referral",
            name="gop_sender_ean",
            field=models.CharField(blank=True, max_length=20),
        ),
        migrations.RemoveConstraint(
            model_name="referral",
            name="referral_unique_gop_letter",
        ),
        migrations.AddConstraint(
            model_name="referral",
            constraint=models.UniqueConstraint(
                condition=~Q(gop_letter_identifier=""),
                fields=("municipality", "gop_sender_ean", "gop_letter_identifier"),
                name="referral_unique_gop_letter_per_sender",
            ),
        ),
        # Rows are filled after the table is altered: PostgreSQL refuses to alter a table with
        # row changes waiting in the same transaction. Existing rows stay unique whatever the
        # sender, since they were unique without it.
        migrations.RunPython(fill_sender_ean, migrations.RunPython.noop),
    ]
