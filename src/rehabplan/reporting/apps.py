from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "rehabplan.reporting"
    verbose_name = _("Rapporter og indberetning")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from rehabplan.reporting.kpi.sql import install_sqlite_functions

        connection_created.connect(install_sqlite_functions, dispatch_uid="rehabplan-sqlite-median")
