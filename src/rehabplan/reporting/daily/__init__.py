"""Daily figures: counting the stale days again (`refresh`) and reading the counted days for
the leader's filters (`readers`)."""
