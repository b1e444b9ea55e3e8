"""The upload form: one file, checked by the same service as the command line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rehabplan.organisation.standards.services import (
    MAX_STANDARD_BYTES,
    StandardRefused,
    UploadResult,
    decode_standard,
    standard_upload,
)

if TYPE_CHECKING:
    from rehabplan.accounts.models import User


class StandardUploadForm(forms.Form):
    standard_file = forms.FileField(
        label=_("Kvalitetsstandard (TOML-fil)"),
        help_text=_(
            "Filen kontrolleres, før noget gemmes. Kommunen oprettes eller opdateres ud fra "
            "filens navn, kommunekode og korte navn; den tidligere version bevares i "
            "historikken."
        ),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.result: UploadResult | None = None

    def upload(self) -> UploadResult | None:
        """Store the file; on refusal the reason is a form error and nothing is stored."""
        if not self.is_valid():
            return None
        uploaded = self.cleaned_data["standard_file"]
        # Read one byte past the limit: a larger file is refused without reading all of it.
        data = uploaded.read(MAX_STANDARD_BYTES + 1)
        own = None if self.user.is_superuser else self.user.municipality
        try:
            self.result = standard_upload(
                text=decode_standard(data, uploaded.name),
                file_name=uploaded.name,
                user=self.user,
                for_municipality=own,
            )
        except StandardRefused as refused:
            self.add_error("standard_file", str(refused))
            return None
        return self.result
