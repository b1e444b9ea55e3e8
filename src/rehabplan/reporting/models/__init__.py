"""The reporting app's models: the dashboard's permission, the research exports, the KL Gateway
deliveries and the daily figures the key figures are counted from."""

from rehabplan.reporting.models.daily import DailyPlaces, DailySessions, StaleDay
from rehabplan.reporting.models.dashboard import KpiDashboard
from rehabplan.reporting.models.klgateway import KlGatewayBundle, KlGatewayDelivery
from rehabplan.reporting.models.research import ResearchExport, ResearchExportFormat

__all__ = [
    "DailyPlaces",
    "DailySessions",
    "KlGatewayBundle",
    "KlGatewayDelivery",
    "KpiDashboard",
    "ResearchExport",
    "ResearchExportFormat",
    "StaleDay",
]
