"""The research export: pseudonymised courses of citizens who consented to research use.

One row per course (see docs/research-export.md). The pieces, one concept each: `key` (the
pseudonymisation key from the environment), `pseudonym` (keyed hash of the CPR number),
`demographics` (age band and sex), `diagnoses` (ICD-10 groups), `columns` (the file's columns),
`rows` (the courses and their figures), `files` (CSV and Parquet), `services` (the audited
export) and `command` (`rehabplan report research`).
"""
