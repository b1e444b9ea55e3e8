"""KL Gateway §140 delivery report: one FHIR Bundle per citizen with §140 activity in a month,
checked against the implementation guide's profiles, recorded and sent."""
