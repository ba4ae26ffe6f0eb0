"""Bounded load test of the public year page against a trivial view, same server, same run.

Run: .venv/bin/python bench/bench_public_load.py [--requests 2000] [--concurrency 8]

A temporary SQLite database gets the demo, its FY2565 report approved and published (real
PDF). `prongsai serve` (gunicorn, --server-workers processes × --server-threads threads,
no access log) serves it on 127.0.0.1 at a free port in a subprocess. Client threads with keep-alive connections (http.client) send a fixed number of
requests to /p/ummao/2565/ and to /healthz (one database query and one temporary file in
MEDIA_ROOT), interleaved in
rounds so both see the same machine state. Prints requests/s, the ratio, p50/p95 and the
error count; exits non-zero on any error, on the time limit, or when the page's throughput
is under half the trivial view's. Loopback only.
"""

import argparse
import gzip
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _http import HOST, free_port, wait_ready  # noqa: E402

PAGE = "/p/ummao/2565/"
TRIVIAL = "/healthz"
ROUNDS = 4
TIME_LIMIT = 300.0  # seconds for the whole measured run
MIN_RATIO = 0.5


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    elapsed: float = 0.0

    def add(self, other: "Result") -> None:
        self.latencies += other.latencies
        self.errors += other.errors
        self.elapsed += other.elapsed

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


def prepare(var: str) -> dict[str, str]:
    """Environment of the temporary site, with the demo report approved and published."""
    os.environ.update(
        {
            "ALLOWED_HOSTS": HOST,
            "HTTPS": "false",
            "DEBUG": "false",
            "SECRET_KEY": "bench-only-secret",
            "LOG_LEVEL": "WARNING",
        }
    )
    from _setup import django_with_demo

    django_with_demo()
    from django.contrib.auth import get_user_model

    from prongsai.agencies.models import Agency, Membership
    from prongsai.demo.report import load_demo_report
    from prongsai.public import services_reports

    def member(username: str) -> Membership:
        user = get_user_model().objects.get(username=username)
        return Membership.objects.select_related("agency", "user").get(user=user)

    agency = Agency.objects.get(slug="ummao")
    report = load_demo_report(agency)
    report = services_reports.decide_report(
        membership=member("ummao-executive"),
        report=report,
        approve=True,
        expected_version=report.version,
    )
    services_reports.publish(membership=member("ummao-coordinator"), report=report)
    return dict(os.environ)


def start_server(
    env: dict[str, str], port: int, workers: int, threads: int, log: Path
) -> subprocess.Popen:
    command = ["-m", "prongsai.cli", "serve", "--bind", f"{HOST}:{port}"]
    return subprocess.Popen(
        [sys.executable, *command, "--workers", str(workers), "--threads", str(threads)],
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def check(path: str, status: int, body: bytes) -> str | None:
    if status != 200:
        return f"{path}: HTTP {status}"
    if path == PAGE and body.count(b'<li id="m') != 6:
        return f"{path}: not the six measures"
    if path == TRIVIAL and body != b'{"database": "ok", "storage": "ok"}':
        return f"{path}: unexpected body"
    return None


def drive(
    port: int, path: str, total: int, concurrency: int, deadline: float, encoding: str
) -> Result:
    """`total` GETs of `path` over `concurrency` keep-alive connections."""
    counter = iter(range(total))
    lock = threading.Lock()
    results = [Result() for _ in range(concurrency)]

    def worker(result: Result) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=10)
        while True:
            with lock:
                if next(counter, None) is None:
                    break
            if time.monotonic() > deadline:
                result.errors.append("time limit")
                break
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Accept-Encoding": encoding})
                response = conn.getresponse()
                body = response.read()
                if response.getheader("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
            except (OSError, http.client.HTTPException) as exc:
                result.errors.append(f"{path}: {exc!r}")
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=10)
                continue
            result.latencies.append(time.perf_counter() - start)
            problem = check(path, response.status, body)
            if problem:
                result.errors.append(problem)
        conn.close()

    threads = [threading.Thread(target=worker, args=(r,)) for r in results]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total_result = Result(elapsed=time.perf_counter() - start)
    for r in results:
        total_result.latencies += r.latencies
        total_result.errors += r.errors
    return total_result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="per target (default 2000)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--server-workers", type=int, default=2)
    parser.add_argument("--server-threads", type=int, default=4)
    parser.add_argument(
        "--gzip", action="store_true", help="ask for gzip as phone browsers do (default: identity)"
    )
    args = parser.parse_args()
    encoding = "gzip" if args.gzip else "identity"

    var = tempfile.mkdtemp(prefix="prongsai-bench-")
    env = prepare(var)
    port = free_port()
    log = Path(env["PRONGSAI_VAR_DIR"]) / "server.log"
    server = start_server(env, port, args.server_workers, args.server_threads, log)
    try:
        wait_ready(port, time.monotonic() + 30)
        warm = time.monotonic() + 60
        for path in (PAGE, TRIVIAL):
            drive(port, path, 100, args.concurrency, warm, encoding)
        deadline = time.monotonic() + TIME_LIMIT
        per_round = max(1, args.requests // ROUNDS)
        page, trivial = Result(), Result()
        for _ in range(ROUNDS):
            trivial.add(drive(port, TRIVIAL, per_round, args.concurrency, deadline, encoding))
            page.add(drive(port, PAGE, per_round, args.concurrency, deadline, encoding))
    finally:
        server.terminate()
        server.wait(timeout=10)

    ratio = page.rate / trivial.rate if trivial.rate else 0.0
    print(
        f"prongsai serve {args.server_workers} workers × {args.server_threads} threads on {HOST}:{port}, client concurrency "
        f"{args.concurrency}, {ROUNDS} interleaved rounds, Accept-Encoding: {encoding}"
    )
    for name, r in (("trivial view " + TRIVIAL, trivial), ("public year page " + PAGE, page)):
        print(
            f"{name:<34} {len(r.latencies):>5} req  {r.rate:8.0f} req/s  "
            f"p50 {r.pct(0.50):6.2f} ms  p95 {r.pct(0.95):6.2f} ms  errors {len(r.errors)}"
        )
    print(f"ratio page/trivial: {ratio:.2f} (required >= {MIN_RATIO})")
    print(
        f"median latency page/trivial: {statistics.median(page.latencies) * 1000:.2f} / "
        f"{statistics.median(trivial.latencies) * 1000:.2f} ms"
    )
    # The server logs warnings and errors only (LOG_LEVEL=WARNING): anything is shown.
    other = [line for line in log.read_text(errors="replace").splitlines() if line.strip()]
    if other:
        print("server output:\n" + "\n".join(other))
    errors = page.errors + trivial.errors
    if errors:
        print(f"ERRORS ({len(errors)}): {sorted(set(errors))[:5]}")
        return 1
    if ratio < MIN_RATIO:
        print("FAIL: the public page's throughput is under half the trivial view's")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
