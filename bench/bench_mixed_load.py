"""Bounded load test with staff and public traffic mixed: 0 server errors, p50/p95.

Run: .venv/bin/python bench/bench_mixed_load.py [--requests 2000] [--concurrency 8]

A temporary SQLite database gets the demo with its FY2565 report approved and published;
`prongsai serve` (gunicorn, several worker processes, no access log) serves it on 127.0.0.1. Client threads, each with its own
keep-alive connection and, for staff, its own logged-in session, send a fixed mix:
public year pages, the public feedback form, the staff agency page, measure pages and
status updates posted with their CSRF token (writes through the services, on SQLite).
Prints p50/p95 per kind, the status codes seen, and exits non-zero on any 5xx, any
connection error or the time limit. Loopback only.
"""

import argparse
import http.client
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _http import HOST, Session, free_port, wait_ready  # noqa: E402
from bench_public_load import prepare, start_server  # noqa: E402

TIME_LIMIT = 300.0
PASSWORD = "ummao-demo-2565"  # noqa: S105 - the demo's printed log-in
MIX = [  # (kind, weight)
    ("public_year", 40),
    ("public_feedback_form", 10),
    ("staff_agency_page", 20),
    ("staff_measure_page", 20),
    ("staff_status_post", 10),
]


def measure_ids() -> list[int]:
    from prongsai.measures.models import Measure

    return list(
        Measure.objects.filter(agency__slug="ummao", fiscal_year=2565)
        .order_by("number")
        .values_list("pk", flat=True)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--server-workers", type=int, default=2)
    parser.add_argument("--server-threads", type=int, default=4)
    args = parser.parse_args()

    env = prepare(tempfile.mkdtemp(prefix="prongsai-bench-"))
    measures = measure_ids()
    port = free_port()
    log = Path(env["PRONGSAI_VAR_DIR"]) / "server.log"
    server = start_server(env, port, args.server_workers, args.server_threads, log)
    latencies: dict[str, list[float]] = {kind: [] for kind, _ in MIX}
    statuses: Counter[str] = Counter()
    problems: list[str] = []
    lock = threading.Lock()
    counter = iter(range(args.requests))
    kinds = [kind for kind, _ in MIX]
    weights = [weight for _, weight in MIX]
    try:
        wait_ready(port, time.monotonic() + 30)
        deadline = time.monotonic() + TIME_LIMIT

        def worker(seed: int) -> None:
            rng = random.Random(seed)
            staff = Session(port)
            public = Session(port)
            try:
                staff.login("ummao-coordinator", PASSWORD)
            except (RuntimeError, OSError, http.client.HTTPException) as exc:
                with lock:
                    problems.append(f"log-in: {exc!r}")
                return
            while True:
                with lock:
                    if next(counter, None) is None:
                        return
                if time.monotonic() > deadline:
                    with lock:
                        problems.append("time limit")
                    return
                kind = rng.choices(kinds, weights)[0]
                pk = rng.choice(measures)
                start = time.perf_counter()
                try:
                    if kind == "public_year":
                        status, _, _ = public.request("GET", "/p/ummao/2565/")
                    elif kind == "public_feedback_form":
                        status, _, _ = public.request("GET", "/p/ummao/feedback/")
                    elif kind == "staff_agency_page":
                        status, _, _ = staff.request("GET", "/a/ummao/2565/")
                    elif kind == "staff_measure_page":
                        status, _, _ = staff.request("GET", f"/a/ummao/m/{pk}/")
                    else:
                        path = f"/a/ummao/m/{pk}/status/"
                        token = staff.csrf_from(path)
                        status, _, _ = staff.request(
                            "POST",
                            path,
                            {
                                "csrfmiddlewaretoken": token,
                                "status": "in_progress",
                                "note": f"load {seed}",
                                "reported_on": "31/03/2565",  # the form takes Buddhist-era วว/ดด/ปปปป
                                "links": "",
                            },
                        )
                except (OSError, http.client.HTTPException, RuntimeError) as exc:
                    with lock:
                        problems.append(f"{kind}: {exc!r}")
                    staff.conn.close()
                    public.conn.close()
                    staff.conn = http.client.HTTPConnection(HOST, port, timeout=30)
                    public.conn = http.client.HTTPConnection(HOST, port, timeout=30)
                    continue
                elapsed = time.perf_counter() - start
                with lock:
                    latencies[kind].append(elapsed)
                    statuses[f"{kind} {status}"] += 1
                    expected = 302 if kind == "staff_status_post" else 200
                    if status != expected:
                        problems.append(f"{kind}: HTTP {status}")

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.concurrency)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=10)

    total = sum(len(v) for v in latencies.values())
    print(
        f"prongsai serve {args.server_workers} workers × {args.server_threads} threads on {HOST}:{port}, {args.concurrency} clients, "
        f"{total} requests in {wall:.1f} s ({total / wall:.0f} req/s), SQLite"
    )
    for kind, values in latencies.items():
        ordered = sorted(values)
        if not ordered:
            continue
        p50 = ordered[len(ordered) // 2] * 1000
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000
        print(f"  {kind:<22} {len(ordered):>5} req  p50 {p50:7.2f} ms  p95 {p95:7.2f} ms")
    all_sorted = sorted(v for values in latencies.values() for v in values)
    if all_sorted:
        print(
            f"  {'all':<22} {len(all_sorted):>5} req  p50 {all_sorted[len(all_sorted) // 2] * 1000:7.2f} ms"
            f"  p95 {all_sorted[int(0.95 * len(all_sorted))] * 1000:7.2f} ms"
        )
    print("status codes:", dict(sorted(statuses.items())))
    server_errors = sum(n for key, n in statuses.items() if key.endswith((" 500", " 502", " 503")))
    print(f"server errors (5xx): {server_errors}; other problems: {len(problems)}")
    if problems:
        print("PROBLEMS:", sorted(set(problems))[:10])
    return 1 if (server_errors or problems) else 0


if __name__ == "__main__":
    sys.exit(main())
