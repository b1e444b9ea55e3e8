"""The quality standards this installation serves: the shipped files plus the uploaded ones.

`installation_registry()` is the one registry Django code asks the rules engine with;
`standard_upload` (services) is the one way a file becomes a municipality the installation serves;
`standard_summary` (summary) says in Danish what a municipality's standard provides today.
"""

from rehabplan.organisation.standards.registry import installation_registry

__all__ = ["installation_registry"]
