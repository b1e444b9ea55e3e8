"""A logged-in user over HTTP: one keep-alive connection, the session and CSRF cookies, timing.

Standard library only (http.client), so the load it generates costs little next to the server.
"""

from __future__ import annotations

import http.client
import re
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    seconds: float
    headers: dict[str, str]


class Browser:
    """One user's connection to the server. Not thread-safe: one per thread."""

    def __init__(self, port: int, *, timeout: float = 120.0) -> None:
        self.port = port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self._connection: http.client.HTTPConnection | None = None

    def move_to(self, port: int) -> None:
        """Talk to another server on the same database: the cookies (the session) stay valid."""
        self.close()
        self.port = port

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            self._connection = http.client.HTTPConnection(
                "127.0.0.1", self.port, timeout=self.timeout
            )
        return self._connection

    def request(
        self,
        method: str,
        path: str,
        form: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        """Send one request on the kept connection (reconnecting once if the server closed it)
        and time it from sending to the last byte of the body."""
        sent = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            # Django accepts the cookie's secret as the form's token as well as a masked one.
            fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **form}
            body = urlencode(fields)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            connection = self._connect()
            start = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=sent)
                response = connection.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt == 2:
                    raise
                continue
            seconds = time.perf_counter() - start
            break
        self._keep_cookies(response.msg.get_all("Set-Cookie") or [])
        if response.will_close:
            self.close()
        return Answer(response.status, data, seconds, dict(response.getheaders()))

    def _keep_cookies(self, lines: list[str]) -> None:
        for line in lines:
            cookie = SimpleCookie()
            cookie.load(line)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def login(self, username: str, password: str) -> None:
        """Sign in through the login form, as a person would: the form's CSRF token, then the
        user name and password. A wrong password raises at once (axes counts failures)."""
        form_page = self.request("GET", "/log-ind/")
        token = CSRF_FIELD.search(form_page.body)
        if form_page.status != 200 or token is None:
            raise RuntimeError(f"the login form answered HTTP {form_page.status}")
        form = {
            "csrfmiddlewaretoken": token.group(1).decode(),
            "username": username,
            "password": password,
        }
        answer = self.request("POST", "/log-ind/", form)
        if answer.status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login as {username} failed (HTTP {answer.status})")
