"""The citizen page writes the new-consent fields as fixed markup; it must stay the markup the
consent form itself renders, or a changed form would post fields the page does not show."""

from __future__ import annotations

import datetime
import re

from django.template.loader import render_to_string

from rehabplan.citizens.models import ConsentScope
from rehabplan.web.forms import ConsentForm


def _words(html: str) -> str:
    return re.sub(r"\s+", " ", html).replace("> <", "><").strip()


def test_the_fixed_consent_fields_are_the_forms_own_markup() -> None:
    today = datetime.date(2026, 3, 9)
    from_form = "".join(
        render_to_string("web/_form_field.html", {"field": field})
        for field in ConsentForm(initial={"given_on": today})
    )
    fixed = render_to_string(
        "web/_consent_fields.html", {"consent_scopes": ConsentScope.choices, "today": today}
    )
    fixed = fixed[fixed.index("<div") :]
    assert _words(fixed) == _words(from_form)
    assert 'value="09-03-2026"' in fixed
