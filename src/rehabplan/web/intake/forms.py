"""Forms of the intake screens. Validation of the facts lives in the services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from rehabplan.courses.models import DeadlineKind, FreeChoice, ReferralSource
from rehabplan.courses.models.referrals import MissReason
from rehabplan.web.forms import CprField, DanishDateField, DkfdsFormMixin

if TYPE_CHECKING:
    from rehabplan.citizens.models import Citizen


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data]
        files = [item for item in files if item]
        if not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class GopUploadForm(DkfdsFormMixin, forms.Form):
    files = MultipleFileField(
        label=_("Genoptræningsplaner (XML-filer)"),
        help_text=format_lazy(
            _("Vælg en eller flere filer, højst {count} ad gangen. Hver fil indlæses for sig."),
            count=settings.GOP_UPLOAD_MAX_FILES,
        ),
        error_messages={"required": _("Vælg mindst én fil.")},
        widget=MultipleFileInput(attrs={"accept": ".xml,text/xml,application/xml"}),
    )

    def clean_files(self) -> list[Any]:
        files = self.cleaned_data["files"]
        most = settings.GOP_UPLOAD_MAX_FILES
        if len(files) > most:
            raise forms.ValidationError(
                _("Du har valgt %(chosen)d filer; vælg højst %(count)d filer ad gangen.")
                % {"chosen": len(files), "count": most}
            )
        return files


REGISTER_SOURCES = [
    (ReferralSource.CITIZEN.value, ReferralSource.CITIZEN.label),
    (ReferralSource.RELATIVE.value, ReferralSource.RELATIVE.label),
    (ReferralSource.GP.value, ReferralSource.GP.label),
    (ReferralSource.HOME_CARE.value, ReferralSource.HOME_CARE.label),
    (ReferralSource.OTHER.value, ReferralSource.OTHER.label),
]


class IntakeRegisterForm(DkfdsFormMixin, forms.Form):
    """An application or a written referral for one of the standard's services (`services`:
    the standard's (code, label) pairs); CPR fields only when no citizen is chosen."""

    cpr = CprField(label=_("Borgerens CPR-nummer"))
    first_name = forms.CharField(
        label=_("Fornavn"),
        max_length=100,
        required=False,
        help_text=_("Kun når borgeren ikke er oprettet endnu."),
    )
    last_name = forms.CharField(
        label=_("Efternavn"),
        max_length=100,
        required=False,
        help_text=_("Kun når borgeren ikke er oprettet endnu."),
    )
    service_code = forms.ChoiceField(
        label=_("Indsats"),
        choices=(),
        error_messages={"required": _("Vælg en indsats.")},
    )
    source = forms.ChoiceField(
        label=_("Hvem søger eller henviser"),
        choices=REGISTER_SOURCES,
        error_messages={"required": _("Vælg hvem der søger eller henviser.")},
    )
    applicant = forms.CharField(
        label=_("Ansøger eller henviser (navn)"),
        max_length=200,
        required=False,
        help_text=_("Fx pårørendes navn og relation, lægens navn eller hjemmeplejens gruppe."),
    )
    received_on = DanishDateField(
        label=_("Modtaget"), error_messages={"required": _("Skriv modtagelsesdatoen.")}
    )
    referred_on = DanishDateField(
        label=_("Henvisningens dato"),
        required=False,
        help_text=_(
            "For henvisninger: datoen, henvisningen blev skrevet. Hvor længe den gælder, "
            "følger kvalitetsstandarden."
        ),
    )
    consent_given_on = DanishDateField(
        label=_("Borgerens samtykke givet den"),
        required=False,
        help_text=_(
            "Kræves når en anden end borgeren søger: samtykke til at pårørende, læge "
            "eller hjemmepleje søger på borgerens vegne."
        ),
    )
    diagnosis_text = forms.CharField(
        label=_("Diagnose eller begrundelse"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        citizen: Citizen | None = None,
        services: list[tuple[str, str]] | tuple[()] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.citizen = citizen
        self.fields["service_code"].choices = list(services)
        if citizen is not None:
            for name in ("cpr", "first_name", "last_name"):
                del self.fields[name]
        # The design-system mixin validated a bound form already; validate again with the
        # standard's services and without the CPR fields.
        self._errors = None


class DateCorrectionForm(DkfdsFormMixin, forms.Form):
    received_on = DanishDateField(
        label=_("Modtaget"), error_messages={"required": _("Skriv modtagelsesdatoen.")}
    )
    discharge_on = DanishDateField(
        label=_("Udskrevet (dag 0)"),
        required=False,
        help_text=_("Slutningen på den aktuelle sygehuskontakt, som sygehuset har oplyst."),
    )
    gop_start_on = DanishDateField(
        label=_("Sygehusets starttidspunkt"),
        required=False,
        help_text=_("Kun når sygehuset selv har sat en start; den erstatter fristen på 7 dage."),
    )
    reason = forms.CharField(label=_("Begrundelse for rettelsen"), max_length=200, required=False)

    def __init__(self, *args: Any, is_gop: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not is_gop:
            del self.fields["discharge_on"]
            del self.fields["gop_start_on"]
            self._errors = None  # validated by the mixin with the fields still there


class ContactsForm(DkfdsFormMixin, forms.Form):
    first_contact_offered_on = DanishDateField(
        label=_("Første kontakt tilbudt den"),
        required=False,
        help_text=_("Opfylder kontaktfristen."),
    )
    first_training_offered_on = DanishDateField(
        label=_("Første træning tilbudt til den"),
        required=False,
        help_text=_("Datoen for den første træning, borgeren blev tilbudt; opfylder startfristen."),
    )
    postponed_by_citizen = forms.BooleanField(
        label=_("Borgeren har selv ønsket en senere start"), required=False
    )
    postponed_on = DanishDateField(label=_("Udsættelse ønsket den"), required=False)
    postponement_note = forms.CharField(
        label=_("Bemærkning om udsættelsen"), max_length=300, required=False
    )


class FreeChoiceForm(DkfdsFormMixin, forms.Form):
    free_choice = forms.ChoiceField(
        label=_("Frit valg af leverandør"),
        choices=FreeChoice.choices,
        required=False,
        help_text=_(
            "Kan kommunen ikke tilbyde start inden fristen, tilbydes borgeren en privat "
            "leverandør med KL-aftale."
        ),
    )


class MissReasonForm(DkfdsFormMixin, forms.Form):
    """The reason a deadline was missed; one form per missed deadline on the referral page."""

    kind = forms.ChoiceField(choices=DeadlineKind.choices, widget=forms.HiddenInput)
    miss_reason = forms.ChoiceField(
        label=_("Årsag"),
        choices=[("", _("Vælg årsag")), *MissReason.choices],
        error_messages={"required": _("Vælg en årsag.")},
    )
    miss_reason_note = forms.CharField(
        label=_("Bemærkning"),
        max_length=300,
        required=False,
        help_text=_("Skal udfyldes, når årsagen er “andet”."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Several of these forms share the page, so their ids carry a prefix; point the hints
        # and errors at the prefixed ids.
        for name, field in self.fields.items():
            described_by = field.widget.attrs.get("aria-describedby")
            if described_by:
                field.widget.attrs["aria-describedby"] = described_by.replace(
                    f"id_{name}-", f"{self[name].auto_id}-"
                )
