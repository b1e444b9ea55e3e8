from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "rehabplan.web"
    verbose_name = _("Brugerflade")

    def ready(self) -> None:
        from rehabplan.web.privacy.checks import check_audit_policies

        checks.register(check_audit_policies, checks.Tags.urls)
