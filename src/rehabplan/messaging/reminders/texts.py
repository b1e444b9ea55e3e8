"""The words of the SMS: time and place only, in plain Danish, signed by the municipality."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from rehabplan.courses.models import ContactType, Session
from rehabplan.formats.text import clock_text


def _when(session: Session) -> str:
    local = timezone.localtime(session.starts_at)
    return _("%(day)s kl. %(time)s") % {
        "day": date_format(local, "l j. F"),
        "time": clock_text(local),
    }


def _where(session: Session) -> str:
    if session.contact_type == ContactType.HOME:
        return _("hjemme hos dig")
    if session.contact_type == ContactType.VIDEO:
        return _("på video")
    if session.contact_type == ContactType.PHONE:
        return _("over telefonen")
    location = session.location
    if location is None:
        # An individual session at the centre: the unit is the place the citizen knows.
        return session.municipality.unit_name
    return f"{location.name}, {location.address}, {location.postcode} {location.city}"


def _signed(text: str, session: Session) -> str:
    return f"{text} {_('Venlig hilsen')} {session.municipality.name}"


def reminder_subject(session: Session) -> str:
    with override("da"):
        return _("Påmindelse om aftalen %(when)s") % {"when": _when(session)}


def change_subject(session: Session) -> str:
    with override("da"):
        return _("Aftalen %(when)s er aflyst") % {"when": _when(session)}


def reminder_text(session: Session) -> str:
    with override("da"):
        where = _where(session)
        text = _("Påmindelse: Du har en aftale %(when)s") % {"when": _when(session)}
        text += f", {where}." if where else "."
        text += " " + _("Meld afbud, hvis du ikke kan komme.")
        return _signed(text, session)


def cancelled_text(session: Session, replacement: Session | None) -> str:
    with override("da"):
        text = _("Din aftale %(when)s er aflyst.") % {"when": _when(session)}
        if replacement is not None:
            where = _where(replacement)
            text += " " + _("Ny tid: %(when)s") % {"when": _when(replacement)}
            text += f", {where}." if where else "."
        return _signed(text, session)
