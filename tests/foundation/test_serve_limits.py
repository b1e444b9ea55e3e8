"""The production web server refuses an oversized request body before Django reads it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

PROJECT_DIR = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _request_head(port: int, content_length: int) -> bytes:
    deadline = time.monotonic() + 30
    while True:
        try:
            connection = socket.create_connection(("127.0.0.1", port), timeout=5)
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    with connection:
        connection.sendall(
            b"POST /modtagelse/gop/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: multipart/form-data; boundary=x\r\n"
            + f"Content-Length: {content_length}\r\n\r\n".encode()
        )
        return connection.recv(200)


def test_serve_refuses_a_body_above_the_upload_limit(tmp_path):
    port = _free_port()
    environment = {
        **os.environ,
        "SECRET_KEY": "serve-test-key",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "rehabplan.settings",
        "SECURE_COOKIES": "0",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "rehabplan.cli", "serve", "--port", str(port)],
        cwd=tmp_path,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        answer = _request_head(port, settings.REQUEST_BODY_MAX_BYTES + 1)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert answer.startswith(b"HTTP/1.1 413")
