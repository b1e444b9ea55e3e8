from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "rehabplan.api"
    label = "api"
    verbose_name = _("Adgang for andre systemer")
    default_auto_field = "django.db.models.BigAutoField"
