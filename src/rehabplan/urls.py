from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("rehabplan.api.urls")),
    path("", include("rehabplan.web.urls")),
    # After the web: the privacy walk requests URLs in this order, and the FHIR searches' audit
    # entries would otherwise push the web's own entries off the first page of the log.
    path("", include("rehabplan.fhir.urls")),
]

if settings.BENCHMARK_BARE_VIEW:
    # Only while benchmarks/web_bench.py runs a server; production never sets the flag.
    urlpatterns.append(path("", include("rehabplan.web.benchmark.urls")))
