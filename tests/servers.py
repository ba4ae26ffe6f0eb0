"""Real `prongsai serve` processes for tests: a fresh site (database with the demo, shared
var/ folder) and servers on free loopback ports, with the production settings
(prongsai.settings: database cache, DEBUG off), not the tests' settings.

On PostgreSQL (DATABASE_URL=postgres://…, as scripts/with-postgres sets it) each site gets
its own new database in that cluster; otherwise a SQLite file.
"""

import http.cookiejar
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
PG_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = PG_URL.startswith("postgres")


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def new_database(tmp_path: Path, name: str) -> str:
    if not ON_POSTGRES:
        return f"sqlite:///{tmp_path}/{name}.sqlite3"
    import psycopg

    db = f"{name}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{db}"')
    return PG_URL.rsplit("/", 1)[0] + f"/{db}"


def site_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=new_database(tmp_path, "site"),
        PRONGSAI_VAR_DIR=str(tmp_path / "var"),
        DJANGO_SETTINGS_MODULE="prongsai.settings",
        SECRET_KEY="two-servers-test-secret",
        DEBUG="false",
        HTTPS="false",
        ALLOWED_HOSTS=HOST,
        LOG_LEVEL="WARNING",
        DB_POOL_SIZE="4",
    )
    env.pop("CACHE_URL", None)
    env.update(extra)
    return env


def prongsai(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "prongsai.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def python(env: dict[str, str], code: str) -> str:
    """Run `code` with Django set up against the site; its stdout."""
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return result.stdout


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def start_server(
    env: dict[str, str],
    name: str,
    *,
    workers: int = 2,
    threads: int = 4,
    extra: list[str] | None = None,
) -> Server:
    port = free_port()
    log = Path(env["PRONGSAI_VAR_DIR"]) / f"server-{name}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "prongsai.cli", "serve", "--bind", f"{HOST}:{port}"]
    process = subprocess.Popen(
        [*command, "--workers", str(workers), "--threads", str(threads), *(extra or [])],
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    server = Server(port, process, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server {name} exited:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{server.url}/healthz", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise AssertionError(f"server {name} did not start:\n{log.read_text(errors='replace')}")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


class Browser:
    """A cookie-keeping HTTP client that shows redirects instead of following them. Cookies
    ignore ports, so one Browser carries its session from one server to the other."""

    def __init__(self) -> None:
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    def request(
        self, url: str, data: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes, dict[str, str]]:
        req = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
        try:
            with self.opener.open(req, timeout=60) as response:
                return response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read(), dict(error.headers)

    def get(self, url: str) -> tuple[int, bytes, dict[str, str]]:
        return self.request(url)

    def csrf_token(self, page: bytes) -> str:
        marker = b'name="csrfmiddlewaretoken" value="'
        start = page.index(marker) + len(marker)
        return page[start : page.index(b'"', start)].decode()

    def post(
        self,
        url: str,
        form_url: str,
        fields: dict[str, str],
        files: dict[str, tuple[str, bytes]] | None = None,
    ) -> tuple[int, bytes, dict[str, str]]:
        """GET `form_url` for its CSRF token, then POST `fields` (and `files`) to `url`."""
        status, page, _ = self.get(form_url)
        assert status == 200, (form_url, status)
        fields = {"csrfmiddlewaretoken": self.csrf_token(page), **fields}
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
                + value.encode()
                + b"\r\n"
            )
        for name, (filename, content) in (files or {}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}", "Referer": form_url}
        return self.request(url, body, headers)

    def log_in(self, server_url: str, username: str, password: str) -> int:
        status, _, _ = self.post(
            f"{server_url}/login/",
            f"{server_url}/login/",
            {"username": username, "password": password},
        )
        return status
