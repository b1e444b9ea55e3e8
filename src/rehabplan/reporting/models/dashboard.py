"""The dashboard has no table of its own; its permission hangs on an unmanaged model so the
leader's role can hold it like any other."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class KpiDashboard(models.Model):
    """Never queried: it carries the permission to see the unit's key figures."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_kpi", _("Kan se nøgletal og statistik"))]
        verbose_name = _("nøgletal")
        verbose_name_plural = _("nøgletal")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
