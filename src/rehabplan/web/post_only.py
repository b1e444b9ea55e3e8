"""Addresses that only take a form's POST: a GET goes to the page the form is on.

A reloaded result page, a bookmark or a typed address would otherwise meet an empty 405 page.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect

View = Callable[..., HttpResponse]


def post_only(page: str, *arguments: str) -> Callable[[View], View]:
    """Accept only POST; a GET or HEAD is redirected to the URL named `page`, reversed with the
    view's own URL arguments named in `arguments` (e.g. `post_only("course-detail", "course_id")`).
    """

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST":
                return view(request, *args, **kwargs)
            if request.method in ("GET", "HEAD"):
                return redirect(page, **{name: kwargs[name] for name in arguments})
            return HttpResponseNotAllowed(["POST"])

        return wrapper

    return decorate
