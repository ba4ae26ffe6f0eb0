"""A local HTTP server on loopback for the link checker's tests: 200, 301, 404, slow,
huge and a PDF whose bytes the test sets."""

import http.server
import threading
import time
from contextlib import contextmanager

HUGE_BYTES = 50 * 1024 * 1024


class State:
    def __init__(self) -> None:
        self.pdf = b"%PDF-1.4 test"
        self.huge_sent = 0
        self.requests: list[tuple[str, ...]] = []  # method, path, Host, User-Agent, Cookie
        self.slow_seconds = 3.0


class Handler(http.server.BaseHTTPRequestHandler):
    state: State
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # quiet tests
        pass

    def _record(self):
        self.state.requests.append(
            (
                self.command,
                self.path,
                self.headers.get("Host", ""),
                self.headers.get("User-Agent", ""),
                self.headers.get("Cookie", ""),
            )
        )

    def _send(self, status, body=b"", content_type="text/html; charset=utf-8", **headers):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Set-Cookie", "tracker=1; Path=/")
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        self._record()
        path = self.path.split("?", 1)[0]
        if path == "/ok":
            self._send(200, b"<html><body>ok</body></html>")
        elif path == "/moved":
            self._send(301, Location="/ok")
        elif path == "/loop":
            self._send(302, Location="/loop")
        elif path == "/missing":
            self._send(404, b"not here")
        elif path == "/get-only":
            if self.command == "HEAD":
                self._send(405)
            else:
                self._send(200, b"fine")
        elif path == "/to-internal":
            self._send(302, Location="http://internal.example/secret")
        elif path == "/slow":
            time.sleep(self.state.slow_seconds)
            self._send(200, b"late")
        elif path == "/huge":
            self._huge()
        elif path.endswith(".pdf"):
            self._send(200, self.state.pdf, content_type="application/pdf")
        else:
            self._send(404)

    def _huge(self):
        if self.command == "HEAD":
            self._send(405)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")  # no length: streamed
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b"x" * 65536
        try:
            while self.state.huge_sent < HUGE_BYTES:
                self.wfile.write(chunk)
                self.state.huge_sent += len(chunk)
        except OSError:
            pass
        self.close_connection = True


@contextmanager
def local_server():
    state = State()
    handler = type("BoundHandler", (Handler,), {"state": state})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        server.shutdown()
        server.server_close()
