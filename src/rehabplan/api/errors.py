"""Exceptions an API operation raises for answers that are not the documented success."""

from __future__ import annotations


class ApiProblem(Exception):
    status = 400

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class BadRequest(ApiProblem):
    status = 400


class Conflict(ApiProblem):
    status = 409
