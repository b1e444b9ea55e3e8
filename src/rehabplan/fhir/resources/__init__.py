"""Pure mapping from the product's model instances to `fhir.resources` objects (FHIR R4 shape,
the library's R4B models), one module per resource type. No queries are made here beyond the
related objects the caller selected."""
