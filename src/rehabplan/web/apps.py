from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "rehabplan.web"
    verbose_name = _("Brugerflade")

    def ready(self) -> None:
        from django.contrib import admin
        from django.contrib.auth.signals import user_logged_in

        from rehabplan.web.admin.danish import install_danish_admin
        from rehabplan.web.privacy.checks import check_audit_policies
        from rehabplan.web.security.session_timeout import start_session_clock

        checks.register(check_audit_policies, checks.Tags.urls)
        user_logged_in.connect(start_session_clock, dispatch_uid="rehabplan-session-clock")
        # After the admin's autodiscovery, which ran in the admin app's ready (the first app).
        install_danish_admin(admin.site)
