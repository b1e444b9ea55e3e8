"""A page of what is recorded on one course (its sessions, notes, measurements), read through
the course's scope and logged on the citizen as the course page logs it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from rehabplan.api.auth import require
from rehabplan.api.pagination import PageQuery, page_of
from rehabplan.courses.models import Course
from rehabplan.courses.selectors.course import course_get, record_view

VIEW = "courses.view_course"


def course_page(
    request: HttpRequest,
    course_id: int,
    page: PageQuery,
    *,
    listing: str,
    rows: Callable[[Course], QuerySet],
    item: Callable[[Any], Any],
    summary: str,
) -> dict[str, Any]:
    """`listing` names the list in its cursors, so that a cursor of one list fits no other."""
    user = require(request, VIEW)
    course = course_get(user=user, course_id=course_id)
    found = page_of(rows(course), page, scope=f"course-{listing}-{course.pk}")
    record_view(user=user, citizen=course.citizen, target=course, summary=summary)
    return {"items": [item(row) for row in found.items], "next_cursor": found.next_cursor}
