"""FHIR R4 read access under /fhir/: read and search of the citizens' records as FHIR resources.

`resources/` maps model instances to `fhir.resources` objects (one module per resource type),
`kinds` says for each type which permission, query and search parameters it has, and `views`
answers the HTTP requests with resources, searchset Bundles or OperationOutcomes."""
