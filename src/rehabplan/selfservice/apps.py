from django.apps import AppConfig


class SelfServiceConfig(AppConfig):
    name = "rehabplan.selfservice"
    verbose_name = "Selvbetjening"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from rehabplan.selfservice.login.session import end_citizen_session_on_staff_login

        # A staff login in a browser where a citizen was logged in must not carry the citizen's
        # login along: the two logins never share a session.
        user_logged_in.connect(
            end_citizen_session_on_staff_login, dispatch_uid="selfservice-staff-login"
        )
