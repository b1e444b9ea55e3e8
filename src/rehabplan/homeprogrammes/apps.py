from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeProgrammesConfig(AppConfig):
    name = "rehabplan.homeprogrammes"
    verbose_name = _("Hjemmetræning")
