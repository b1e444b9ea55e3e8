from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WhatIfConfig(AppConfig):
    name = "rehabplan.whatif"
    label = "whatif"
    verbose_name = _("Afprøvning af udkast til kvalitetsstandard")
