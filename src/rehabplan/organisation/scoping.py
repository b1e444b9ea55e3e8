"""Municipality isolation in one place: the query every read of citizen data starts from.

Each model that holds citizen data uses `MunicipalityQuerySet` (or a subclass) as its manager and
names the lookup from itself to its municipality in `municipality_lookup`. Screens and selectors
start every read with `Model.objects.for_user(user)` or `.of_municipality(municipality)`; a test
reads the source of the web layer and the selectors and fails on any other start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from rehabplan.accounts.models import User
    from rehabplan.organisation.models import Municipality


SCOPING_METHODS = frozenset({"for_user", "of_municipality"})


class MunicipalityQuerySet(models.QuerySet):
    """Rows that belong to one municipality, found through the model's `municipality_lookup`."""

    def _lookup(self) -> str:
        return getattr(self.model, "municipality_lookup", "municipality")

    def of_municipality(self, municipality: Municipality | int | None) -> Self:
        """Rows of `municipality` (an instance or an id); none at all when it is empty."""
        municipality_id = getattr(municipality, "pk", municipality)
        if not municipality_id:
            return self.none()
        return self.filter(**{f"{self._lookup()}_id": municipality_id})

    def for_user(self, user: User | AnonymousUser) -> Self:
        """Rows of the user's municipality; none for a user outside any municipality."""
        return self.of_municipality(getattr(user, "municipality_id", None))


MunicipalityManager = models.Manager.from_queryset(MunicipalityQuerySet)


def is_scoped_model(model: type[models.Model]) -> bool:
    manager = getattr(model, "_default_manager", None)
    return manager is not None and issubclass(manager._queryset_class, MunicipalityQuerySet)
