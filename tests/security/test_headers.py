"""Content-Security-Policy, Permissions-Policy, HSTS and the deployment check."""

from __future__ import annotations

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parents[2]


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def test_pages_have_a_content_security_policy_without_inline_code(client, visitator):
    for response in (client.get("/log-ind/"), _logged_in(visitator).get("/")):
        policy = directives(response["Content-Security-Policy"])
        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["form-action"] == ["'self'"]
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_pages_have_a_permissions_policy(client):
    header = client.get("/log-ind/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in header


def test_templates_hold_no_inline_script_or_style():
    templates = PROJECT / "src" / "rehabplan" / "web" / "templates"
    for path in templates.rglob("*.html"):
        text = path.read_text()
        assert "style=" not in text, path
        assert "<style" not in text, path
        for line in text.splitlines():
            if "<script" in line:
                assert " src=" in line, path
        assert "hx-on" not in text, path
        assert "js:" not in text, path


@override_settings(
    SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True
)
def test_https_requests_get_hsts_and_plain_http_is_redirected(client):
    assert client.get("/log-ind/").status_code == 301
    secure = client.get("/log-ind/", secure=True)
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")


def test_production_settings_turn_on_hsts_and_the_redirect():
    settings = _production_settings(
        "import json; from django.conf import settings as s; "
        "print(json.dumps([s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE,"
        " list(s.SECURE_PROXY_SSL_HEADER)]))"
    )
    assert settings.strip().splitlines()[-1] == (
        '[true, 31536000, true, ["HTTP_X_FORWARDED_PROTO", "https"]]'
    )


def test_check_deploy_has_no_warnings_with_production_settings():
    result = _run_manage(["check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def _production_environment() -> dict[str, str]:
    # Only what a production shell would have: no test or development switches.
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    env.update(
        DEBUG="0",
        SECRET_KEY="".join(secrets.choice(alphabet) for _ in range(50)),
        ALLOWED_HOSTS="rehabplan.kommune.dk",
        DJANGO_SETTINGS_MODULE="rehabplan.settings",
        REHABPLAN_HOME=str(PROJECT),
    )
    return env


def _run_manage(arguments: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "django", *arguments],
        env=_production_environment(),
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _production_settings(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=_production_environment(),
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_local_demo_serves_plain_http_without_the_https_redirect(tmp_path, monkeypatch):
    from rehabplan.cli import _prepare_demo_environment

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SECURE_COOKIES", raising=False)
    _prepare_demo_environment()
    assert os.environ["SECURE_COOKIES"] == "0"


def test_behind_the_trusted_proxy_the_client_address_and_https_come_from_its_headers(settings):
    from waitress.adjustments import Adjustments
    from waitress.proxy_headers import proxy_headers_middleware

    from rehabplan.web.management.commands.serve import waitress_options

    settings.TRUSTED_PROXY = "10.1.1.1"
    adjustments = Adjustments(**waitress_options(host="127.0.0.1", port=8000, threads=1))
    seen = {}

    def application(environ, start_response):
        seen.update(environ)
        return []

    wrapped = proxy_headers_middleware(
        application,
        trusted_proxy=adjustments.trusted_proxy,
        trusted_proxy_count=adjustments.trusted_proxy_count,
        trusted_proxy_headers=adjustments.trusted_proxy_headers,
        clear_untrusted=adjustments.clear_untrusted_proxy_headers,
    )
    headers = {"HTTP_X_FORWARDED_FOR": "192.0.2.7", "HTTP_X_FORWARDED_PROTO": "https"}

    wrapped({"REMOTE_ADDR": "10.1.1.1", "wsgi.url_scheme": "http", **headers}, None)
    assert seen["REMOTE_ADDR"] == "192.0.2.7"
    assert seen["wsgi.url_scheme"] == "https"

    seen.clear()
    wrapped({"REMOTE_ADDR": "198.51.100.9", "wsgi.url_scheme": "http", **headers}, None)
    assert seen["REMOTE_ADDR"] == "198.51.100.9"
    assert "HTTP_X_FORWARDED_PROTO" not in seen
