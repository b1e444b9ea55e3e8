"""Time and memory of hostile GOP files: parsing in a process of its own, and uploads to a server.

    uv run --frozen python benchmarks/gop_upload_bench.py [--concurrent 8] [--skip-server]

Part 1 parses each file in a fresh Python process and reports the wall-clock time, the peak of
Python allocations (tracemalloc, a second run because tracing slows parsing down) and how far the
process's resident memory rose (VmHWM after minus VmRSS before, from /proc).

Part 2 starts the real web server (`rehabplan serve`, waitress) on 127.0.0.1 with a throw-away
SQLite database, logs a visitator in through a session made directly in that database, sends
the same 5 MB hostile file in N uploads at once, and reads the server's VmRSS before and VmHWM
(its high-water mark) after from /proc/<pid>/status. Linux only; nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

FIVE_MB = 5_000_000
ROOT_OPEN = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<Emessage xmlns="urn:oio:medcom:municipality:1.0.4">'
)
ROOT_CLOSE = b"</Emessage>"


def empty_elements(total_bytes: int) -> bytes:
    """A well-formed file of exactly `total_bytes` bytes: an Emessage full of `<a/>`."""
    room = total_bytes - len(ROOT_OPEN) - len(ROOT_CLOSE)
    count, rest = divmod(room, 4)
    return ROOT_OPEN + b"<a/>" * count + b" " * rest + ROOT_CLOSE


def nested_surname(depth: int) -> bytes:
    from rehabplan.gop.sample import build_gop_xml

    plan = build_gop_xml()
    inner = b"<a>" * depth + b"Indlejret" + b"</a>" * depth
    return plan.replace(
        b"<m100:PersonSurnameName>B\xc3\xb8gelund</m100:PersonSurnameName>",
        b"<m100:PersonSurnameName>" + inner + b"</m100:PersonSurnameName>",
        1,
    )


def largest_acceptable() -> bytes:
    """The sample plan carrying 9,500 unknown elements of 100 characters each: near the element
    and text limits, under the size limit, and accepted (unknown elements are ignored)."""
    from rehabplan.gop.sample import build_gop_xml

    extra = b"<Extra>" + (b"<x>" + b"t" * 100 + b"</x>") * 9_500 + b"</Extra>"
    return build_gop_xml().replace(b"</RehabilitationPlan>", extra + b"</RehabilitationPlan>")


CASES = {
    "5 MB of empty elements": lambda: empty_elements(FIVE_MB),
    "1.99 MB of empty elements (under the size limit)": lambda: empty_elements(1_990_000),
    "1,000 levels inside the surname": lambda: nested_surname(1000),
    "largest acceptable plan (9,500 extra elements, 950,000 characters)": largest_acceptable,
}
SERVER_CASES = (
    "5 MB of empty elements",
    "1.99 MB of empty elements (under the size limit)",
    "largest acceptable plan (9,500 extra elements, 950,000 characters)",
)

_CHILD = """
import json, sys, time, tracemalloc
from pathlib import Path
from rehabplan.gop import GopRejected, parse_gop

def status(name):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1]) * 1024
    return 0

data = Path(sys.argv[1]).read_bytes()
trace = sys.argv[2] == "trace"
if trace:
    tracemalloc.start()
before = status("VmRSS")
start = time.perf_counter()
try:
    parse_gop(data)
    outcome = "accepted"
except GopRejected as rejected:
    outcome = rejected.problems[0].message
except BaseException as error:
    outcome = f"CRASH {type(error).__name__}"
elapsed = time.perf_counter() - start
result = {"seconds": elapsed, "outcome": outcome, "rss_rise": status("VmHWM") - before}
if trace:
    result["traced_peak"] = tracemalloc.get_traced_memory()[1]
print(json.dumps(result))
"""


def _mb(value: int) -> str:
    return f"{value / 1_000_000:.1f} MB"


def parse_part(work: Path) -> None:
    print("Parsing, each file in a fresh process:")
    for name, build in CASES.items():
        path = work / "case.xml"
        path.write_bytes(build())
        runs = {}
        for mode in ("plain", "trace"):
            done = subprocess.run(
                [sys.executable, "-c", _CHILD, str(path), mode],
                capture_output=True,
                text=True,
                check=True,
            )
            runs[mode] = json.loads(done.stdout)
        plain, traced = runs["plain"], runs["trace"]
        print(
            f"  {name} ({_mb(path.stat().st_size)}): {plain['seconds']:.3f} s, "
            f"RSS rise {_mb(plain['rss_rise'])}, Python peak {_mb(traced['traced_peak'])}"
        )
        print(f"    -> {plain['outcome'][:140]}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status(pid: int, name: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1]) * 1024
    raise LookupError(name)


def _prepare_database(env: dict[str, str]) -> str:
    """Migrate the throw-away database and return a logged-in visitator's session key."""
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "rehabplan.settings"
    import django

    django.setup()
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from rehabplan.accounts.models import User
    from rehabplan.accounts.roles import VISITATOR, ensure_roles
    from rehabplan.organisation.models import Municipality

    call_command("migrate", verbosity=0)
    ensure_roles()
    municipality = Municipality.objects.create(slug="fredericia", code=607, name="Fredericia")
    user = User.objects.create_user(
        username="bench-visitator", password=uuid.uuid4().hex, municipality=municipality
    )
    user.groups.add(Group.objects.get(name=VISITATOR))
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def _get_form(port: int, session_key: str) -> tuple[str, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/modtagelse/gop/", headers={"Cookie": f"sessionid={session_key}"})
    response = connection.getresponse()
    body = response.read().decode()
    if response.status != 200:
        raise RuntimeError(f"upload page answered {response.status}")
    cookie = response.getheader("Set-Cookie") or ""
    csrf_cookie = re.search(r"csrftoken=([^;]+)", cookie)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if csrf_cookie is None or token is None:
        raise RuntimeError("no CSRF token on the upload page")
    return csrf_cookie.group(1), token.group(1)


def _upload(port: int, session_key: str, data: bytes) -> tuple[int, float, str]:
    csrf_cookie, token = _get_form(port, session_key)
    boundary = uuid.uuid4().hex
    body = b"".join(
        [
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f"{token}\r\n".encode(),
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
            f'filename="hostile.xml"\r\nContent-Type: text/xml\r\n\r\n'.encode(),
            data,
            f"\r\n--{boundary}--\r\n".encode(),
        ]
    )
    headers = {
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Cookie": f"sessionid={session_key}; csrftoken={csrf_cookie}",
        "Referer": f"http://127.0.0.1:{port}/modtagelse/gop/",
    }
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    start = time.perf_counter()
    connection.request("POST", "/modtagelse/gop/", body=body, headers=headers)
    response = connection.getresponse()
    text = response.read().decode(errors="replace")
    elapsed = time.perf_counter() - start
    found = re.search(r"<li><code>[^<]*</code>: ([^<]+)</li>", text)
    return response.status, elapsed, found.group(1) if found else ""


def server_part(work: Path, uploads: int) -> None:
    port = _free_port()
    env = {
        "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}",
        "SECRET_KEY": uuid.uuid4().hex,
        "DEBUG": "0",
        "SECURE_COOKIES": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "REHABPLAN_HOME": str(work),
        "LOG_LEVEL": "WARNING",
    }
    session_key = _prepare_database(env)
    server = subprocess.Popen(
        [sys.executable, "-m", "rehabplan.cli", "serve", "--port", str(port)],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        _upload(port, session_key, empty_elements(1000))  # warm up imports and templates
        print(f"Server: {uploads} concurrent uploads of each file; the high-water mark only rises")
        print(f"  server RSS after warm-up {_mb(_status(server.pid, 'VmRSS'))}")
        for name in SERVER_CASES:
            data = CASES[name]()
            start = time.perf_counter()
            with concurrent.futures.ThreadPoolExecutor(uploads) as pool:
                results = list(
                    pool.map(_upload, [port] * uploads, [session_key] * uploads, [data] * uploads)
                )
            elapsed = time.perf_counter() - start
            peak = _status(server.pid, "VmHWM")
            print(f"  {name}: all answered in {elapsed:.2f} s, high-water mark {_mb(peak)}")
            answers: dict[tuple[int, str], list[float]] = {}
            for status, seconds, message in results:
                answers.setdefault((status, message), []).append(seconds)
            for (status, message), times in answers.items():
                print(
                    f"    {len(times)} x HTTP {status} (slowest {max(times):.2f} s): "
                    f"{message[:100] or '(accepted)'}"
                )
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrent", type=int, default=8)
    parser.add_argument("--skip-server", action="store_true")
    parser.add_argument("--skip-parse", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gop-bench-") as directory:
        work = Path(directory)
        if not args.skip_parse:
            parse_part(work)
        if not args.skip_server:
            server_part(work, args.concurrent)


if __name__ == "__main__":
    main()
