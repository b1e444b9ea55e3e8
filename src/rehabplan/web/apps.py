from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "rehabplan.web"
    verbose_name = _("Brugerflade")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from rehabplan.web.security.session_timeout import start_session_clock

        user_logged_in.connect(start_session_clock, dispatch_uid="rehabplan-session-clock")
