from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingPackagesConfig(AppConfig):
    name = "rehabplan.trainingpackages"
    verbose_name = _("Træningspakker")
