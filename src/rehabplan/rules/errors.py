"""Errors raised by the rules core; every message is Danish and names what was wrong."""

from __future__ import annotations


class RulesError(ValueError):
    """Base class: bad input to the rules core (a file, a fact, a name or a date)."""


class StandardError(RulesError):
    """A quality-standard file is malformed or inconsistent."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        key: str | None = None,
        line: int | None = None,
    ) -> None:
        self.file = file
        self.key = key
        self.line = line
        where = []
        if file:
            where.append(f"fil {file}")
        if key:
            where.append(f"nøgle {key}")
        if line:
            where.append(f"linje {line}")
        prefix = f"{', '.join(where)}: " if where else ""
        super().__init__(prefix + message)


class FactsError(RulesError):
    """A fact about the citizen has the wrong type or an unknown name."""

    def __init__(self, message: str, *, fact: str | None = None) -> None:
        self.fact = fact
        super().__init__(f"faktum {fact}: {message}" if fact else message)


class UnknownAssessment(FactsError):
    """`assessments` names a criterion the standard does not have for the service."""

    def __init__(self, key: str, valid: tuple[str, ...], service_name: str) -> None:
        self.key = key
        self.valid = valid
        listed = ", ".join(valid) if valid else "ingen: indsatsen har ingen kriterier"
        super().__init__(
            f"{key!r} er ikke et kriterium for {service_name} (gyldige nøgler: {listed})",
            fact="assessments",
        )


class LookupFailed(RulesError):
    """An unknown municipality or service, or a date outside every effective period."""
