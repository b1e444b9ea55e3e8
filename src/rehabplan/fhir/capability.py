"""The CapabilityStatement at /fhir/metadata: exactly the types, interactions and search
parameters the endpoint serves, read off the same table the views use."""

from __future__ import annotations

import datetime

from fhir.resources.R4B.capabilitystatement import (
    CapabilityStatement,
    CapabilityStatementImplementation,
    CapabilityStatementRest,
    CapabilityStatementRestResource,
    CapabilityStatementRestResourceInteraction,
    CapabilityStatementRestResourceSearchParam,
    CapabilityStatementRestSecurity,
    CapabilityStatementSoftware,
)

from rehabplan.fhir import codes
from rehabplan.fhir.kinds import KINDS, Kind

# The date this statement last changed; bump it with the served types or parameters.
STATEMENT_DATE = datetime.date(2026, 12, 3)
INTERACTIONS = ("read", "search-type")


def _resource(kind: Kind) -> CapabilityStatementRestResource:
    return CapabilityStatementRestResource(
        type=kind.name,
        profile=kind.profile,
        interaction=[
            CapabilityStatementRestResourceInteraction(code=code) for code in INTERACTIONS
        ],
        searchParam=[
            CapabilityStatementRestResourceSearchParam(
                name=parameter.name, type=parameter.type, documentation=parameter.documentation
            )
            for parameter in kind.parameters
        ],
    )


def capability_statement(base_url: str) -> CapabilityStatement:
    return CapabilityStatement(
        status="active",
        date=STATEMENT_DATE,
        publisher="Rehabplan",
        kind="instance",
        software=CapabilityStatementSoftware(name="Rehabplan"),
        implementation=CapabilityStatementImplementation(
            description="Rehabplan: kommunal træning og genoptræning (kun læsning)", url=base_url
        ),
        fhirVersion=codes.FHIR_VERSION,
        format=["json"],
        rest=[
            CapabilityStatementRest(
                mode="server",
                documentation=(
                    "Kun læsning (read) og søgning (search-type) i egen kommunes data. Søgninger "
                    "tager _count (1-100, standard 20) og _offset; next-linket henter næste side."
                ),
                security=CapabilityStatementRestSecurity(
                    description=(
                        "Personlig API-nøgle som 'Authorization: Bearer rp_...' eller sessionen "
                        "fra Rehabplans web-login. Rollen skal kunne se oplysningerne i Rehabplan."
                    )
                ),
                resource=[_resource(kind) for kind in KINDS.values()],
            )
        ],
    )
