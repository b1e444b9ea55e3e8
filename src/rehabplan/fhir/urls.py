"""/fhir/: the CapabilityStatement, and read and search for each served type.

Each type has its own two routes with a parameter named as the web names the record's id
(`citizen_id`, `referral_id`, ...), and every other address under /fhir/ is answered as an
OperationOutcome. The views answer for themselves (401 OperationOutcome), so the web's login
redirect does not apply; each declares its audit policy."""

from __future__ import annotations

from django.urls import URLPattern, path, re_path, register_converter

from rehabplan.fhir import views
from rehabplan.fhir.converters import FhirIdConverter
from rehabplan.fhir.kinds import KINDS
from rehabplan.web.privacy import audited_view, shows_no_citizen_data

register_converter(FhirIdConverter, "fhir_id")

# The read route's parameter per type: the name the web's URLs give the same record's id.
ID_PARAMETERS = {
    "Patient": "citizen_id",
    "ServiceRequest": "referral_id",
    "CarePlan": "course_id",
    "Goal": "goal_id",
    "Appointment": "attendance_id",
    "Encounter": "encounter_id",
    "Observation": "measurement_id",
    "Condition": "condition_id",
}
assert set(ID_PARAMETERS) == set(KINDS), "every served type needs a read route"

audited_view(views.read)
audited_view(views.search)
shows_no_citizen_data(views.metadata)
shows_no_citizen_data(views.unsupported)


def _type_routes(type_name: str) -> list[URLPattern]:
    slug = type_name.lower()
    return [
        path(
            f"fhir/{type_name}",
            views.search,
            {"type_name": type_name},
            name=f"fhir-{slug}-search",
        ),
        path(
            f"fhir/{type_name}/<fhir_id:{ID_PARAMETERS[type_name]}>",
            views.read,
            {"type_name": type_name},
            name=f"fhir-{slug}-read",
        ),
    ]


urlpatterns = [
    path("fhir/metadata", views.metadata, name="fhir-metadata"),
    *(route for type_name in KINDS for route in _type_routes(type_name)),
    # Everything else under /fhir/ (no group, so the route reverses to /fhir/ itself).
    re_path(r"^fhir/", views.unsupported, name="fhir-unsupported"),
]
