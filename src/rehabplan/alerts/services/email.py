"""Alerts by e-mail to the staff who asked for them (Django's e-mail backends; console by default).

E-mail is not a secure channel: the message says which kind of deadline falls due when, for
"en borger", and links to the case; the citizen's name, CPR number and health data stay in the
product behind the login.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rehabplan.accounts.models import User
from rehabplan.alerts.models import AlertPreference, DeadlineAlert, not_acted_on_q
from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.courses.selectors import days_left_text
from rehabplan.formats.text import day_text

logger = logging.getLogger(__name__)


def alerts_send_email(*, today: dt.date | None = None) -> int:
    """Send each opted-in user one e-mail with their alerts not sent yet; returns the number of
    e-mails sent. A failed send is logged and tried again on the next sweep."""
    today = today or timezone.localdate()
    sent = 0
    users = User.objects.filter(
        pk__in=AlertPreference.objects.filter(by_email=True).values("user_id"),
        is_active=True,
        municipality__isnull=False,
    ).exclude(email="")
    for user in users.select_related("municipality").order_by("id"):
        try:
            sent += _send_to(user, today)
        except Exception:
            logger.exception("E-mail of deadline alerts to user %s failed", user.pk)
    return sent


def _send_to(user: User, today: dt.date) -> int:
    with transaction.atomic():
        # Rows another worker holds are skipped: that worker is sending them.
        alerts = list(
            DeadlineAlert.objects.of_municipality(user.municipality_id)
            .select_for_update(skip_locked=True, of=("self",))
            .filter(not_acted_on_q(), user=user, emailed_at__isnull=True, seen_at__isnull=True)
            .select_related("deadline__referral")
            .defer(
                "deadline__explanation",
                "deadline__referral__gop_content",
                "deadline__referral__diagnosis_text",
            )
            .order_by("due", "id")
        )
        if not alerts:
            return 0
        with translation.override("da"):
            subject, body = alert_email_text(user, alerts, today)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        DeadlineAlert.objects.of_municipality(user.municipality_id).filter(
            pk__in=[alert.pk for alert in alerts]
        ).update(emailed_at=timezone.now())
        audit_record(
            user=None,
            action=AuditAction.CHANGE,
            municipality=user.municipality,
            summary=ngettext(
                "Fristvarsel sendt som e-mail til %(name)s",
                "%(count)d fristvarsler sendt som e-mail til %(name)s",
                len(alerts),
            )
            % {"name": user.display_name, "count": len(alerts)},
            shown_citizen_ids=[alert.deadline.referral.citizen_id for alert in alerts],
        )
    return 1


def alert_email_text(user: User, alerts: list[DeadlineAlert], today: dt.date) -> tuple[str, str]:
    """The Danish subject and body: the kind and day of each deadline and a link to its case."""
    subject = ngettext(
        "Rehabplan: en frist kræver handling",
        "Rehabplan: %(count)d frister kræver handling",
        len(alerts),
    ) % {"count": len(alerts)}
    lines = [
        _("Goddag %(name)s") % {"name": user.display_name},
        "",
        _("Du er ansvarlig for disse frister, der snart udløber eller er overskredet:"),
        "",
    ]
    for alert in alerts:
        link = settings.REHABPLAN_BASE_URL + reverse(
            "referral-detail", args=[alert.deadline.referral_id]
        )
        lines.append(
            _("- %(kind)s senest %(day)s (%(left)s) for en borger: %(link)s")
            % {
                "kind": alert.deadline.get_kind_display(),
                "day": day_text(alert.due),
                "left": days_left_text(alert.due, today).lower(),
                "link": link,
            }
        )
    lines += [
        "",
        _(
            "Borgerens navn og sagens oplysninger ser du i Rehabplan, når du er logget ind. "
            'E-mails om fristvarsler slår du fra under "Mine fristvarsler".'
        ),
        "",
        _("Med venlig hilsen"),
        _("Rehabplan, %(unit)s") % {"unit": user.municipality.unit_name or user.municipality.name},
    ]
    return subject, "\n".join(lines)
