from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A member of staff. Every user works for exactly one municipality and sees only its data."""

    municipality = models.ForeignKey(
        "organisation.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("kommune"),
    )

    is_system = models.BooleanField(
        _("systembruger"),
        default=False,
        help_text=_(
            "En konto til et andet system (fx et omsorgssystem). Den kan ikke logge ind i "
            "browseren, kun bruge API-nøgler, og har de roller, den får her."
        ),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def has_role(self, role: str) -> bool:
        return self.groups.filter(name=role).exists()

    @cached_property
    def role_names(self) -> list[str]:
        """The user's roles, read once for the loaded user (a request loads its user anew)."""
        return sorted(self.groups.values_list("name", flat=True))
