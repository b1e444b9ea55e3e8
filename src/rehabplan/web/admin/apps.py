from django.contrib.admin.apps import AdminConfig


class RehabplanAdminConfig(AdminConfig):
    """Django's admin app with Rehabplan's admin site as the default site."""

    default_site = "rehabplan.web.admin.site.RehabplanAdminSite"
