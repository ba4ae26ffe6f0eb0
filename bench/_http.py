"""Shared HTTP pieces of the load benchmarks: a free loopback port, waiting for a server,
and a keep-alive client session with its cookies, CSRF tokens and log-in."""

import http.client
import re
import socket
import time
from urllib.parse import urlencode

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def wait_ready(port: int, deadline: float, path: str = "/healthz") -> None:
    """Until `path` answers 200 (SystemExit at the deadline)."""
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("server did not start in time")


class Session:
    """One client: a keep-alive connection and its cookies."""

    def __init__(self, port: int, timeout: float = 30) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str, bytes]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{HOST}:{self.port}{path}"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.getheader("Location", ""), data

    def csrf_from(self, path: str) -> str:
        status, _, body = self.request("GET", path)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if status != 200 or not match:
            raise RuntimeError(f"no form at {path}: HTTP {status}")
        return match.group(1).decode()

    def login(self, username: str, password: str) -> None:
        token = self.csrf_from("/login/")
        status, location, _ = self.request(
            "POST",
            "/login/",
            {"csrfmiddlewaretoken": token, "username": username, "password": password},
        )
        if status != 302 or "login" in location:
            raise RuntimeError(f"log-in of {username} failed: HTTP {status} {location}")
