"""Oversight pages at national scale against a trivial view, same server, same run.

Run: .venv/bin/python bench/bench_oversight.py [--agencies 8300] [--requests 30]

Without a PostgreSQL DATABASE_URL the bench restarts itself under scripts/with-postgres
(a throwaway cluster, removed afterwards). It migrates, loads `prongsai synth` (agencies
× 12 measures × the years × about 10 status updates each: ~5 M updates for 8,300 agencies;
the load time and row counts are printed), gives the synthetic
national oversight account a password, starts the production server (`prongsai serve`
when the branch has it, else waitress on prongsai.wsgi), logs in, and requests the
national `/o/<year>/`, the busiest province's and district's pages and two trivial views in
turn, one client, keep-alive. Prints p50/p95 per page and each page's p95 over the trivial
page's (target ≤ 2×) and over `/healthz`'s.

The trivial page is `/guide/` requested by the same logged-in person: a page of fixed text
in the site's frame, so it pays what every page of a logged-in person pays (the session,
the user, the frame with its CSRF-protected forms) and nothing else — the fair floor for
pages that need a log-in (the agency-year bench uses it too). `/healthz` (one query, no
session, no page) is printed beside it for reference. A page answering 404 (not built on
this branch) prints "missing". Loopback only.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _http import HOST, Session, free_port, wait_ready  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-oversight-only-9"  # noqa: S105 - a throwaway database's account
TARGET = 2.0


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=8300)
    parser.add_argument("--years", default="2565-2569")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--updates", type=int, default=10, help="status updates per measure, on average"
    )
    parser.add_argument("--requests", type=int, default=30, help="requests per page")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--bind", action="store_true", help="bind rows to the audit chain")
    parser.add_argument("--method", choices=("auto", "copy", "insert"), default="auto")
    return parser.parse_args()


def prepare(args: argparse.Namespace) -> tuple[dict[str, str], dict[str, str]]:
    """Migrate, load the synthetic country; the environment and the pages to request."""
    os.environ.update(
        {
            "PRONGSAI_VAR_DIR": tempfile.mkdtemp(prefix="prongsai-oversight-"),
            "ALLOWED_HOSTS": HOST,
            "HTTPS": "false",
            "DEBUG": "false",
            "SECRET_KEY": "bench-only-secret-oversight",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "prongsai.settings",
        }
    )
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, connections
    from django.db.models import Count

    from prongsai.agencies.models import Agency
    from prongsai.synth.load import OVERSIGHT_USERNAME, parse_years

    call_command("migrate", verbosity=0)
    started = time.monotonic()
    call_command(
        "synth",
        agencies=args.agencies,
        years=args.years,
        seed=args.seed,
        updates=args.updates,
        method=args.method,
        no_bind=not args.bind,
    )
    print(f"load: {time.monotonic() - started:.1f} s for {args.agencies} agencies")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        print(f"database size: {cursor.fetchone()[0]}")
    user = get_user_model().objects.get(username=OVERSIGHT_USERNAME)
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    busiest = (
        Agency.objects.exclude(district_code="")
        .values("province_code", "district_code")
        .annotate(n=Count("id"))
        .order_by("-n", "district_code")
        .first()
    )
    province_code = (
        Agency.objects.values("province_code")
        .annotate(n=Count("id"))
        .order_by("-n", "province_code")
        .first()["province_code"]
    )
    year = max(parse_years(args.years))
    # where the "after a write" rounds write: the busiest district, and for the busiest
    # province's page that province's busiest district
    os.environ["BENCH_WRITE_DISTRICT"] = busiest["district_code"]
    os.environ["BENCH_PROVINCE_DISTRICT"] = (
        Agency.objects.filter(province_code=province_code)
        .values("district_code")
        .annotate(n=Count("id"))
        .order_by("-n", "district_code")
        .first()["district_code"]
    )
    pages = {
        "trivial page": "/guide/",
        "/healthz": "/healthz",
        "national": f"/o/{year}/",
        "province": f"/o/{year}/{province_code}/",
        "district": f"/o/{year}/{busiest['province_code']}/{busiest['district_code']}/",
    }
    connections.close_all()
    return dict(os.environ), pages


def start_server(env: dict[str, str], port: int, args: argparse.Namespace) -> subprocess.Popen:
    from django.core.management import get_commands

    log = Path(env["PRONGSAI_VAR_DIR"]) / "server.log"
    if "serve" in get_commands():
        command = [
            *("-m", "prongsai.cli", "serve", "--bind", f"{HOST}:{port}"),
            *("--workers", str(args.workers), "--threads", str(args.threads)),
        ]
        print(f"server: prongsai serve, {args.workers} workers × {args.threads} threads")
    else:
        command = [
            "-c",
            "from waitress import serve; from prongsai.wsgi import application; "
            f"serve(application, host='{HOST}', port={port}, threads={args.threads}, "
            "_quiet=True)",
        ]
        print(f"server: waitress (no `prongsai serve` on this branch), {args.threads} threads")
    return subprocess.Popen(
        [sys.executable, *command], env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def write_in(path: str) -> None:
    """What a write through any service does to the pages of `path`'s place: new version
    tokens for an agency's province and district, in their own transaction (the write
    itself is not timed). The national page is written to in the busiest district, a
    province's page in its busiest district, a district's page in that district."""
    from django.db import transaction

    from prongsai.agencies import versions

    parts = path.strip("/").split("/")
    if len(parts) > 3:
        district = parts[3]
    elif len(parts) > 2:
        district = os.environ["BENCH_PROVINCE_DISTRICT"]
    else:
        district = os.environ["BENCH_WRITE_DISTRICT"]
    with transaction.atomic():
        versions.changed([(district[:2], district)])


def measure(
    port: int, pages: dict[str, str], requests: int, *, after_write: bool = False
) -> dict[str, list[float] | str]:
    """Each page `requests` times in turn. With `after_write`, every request of an
    oversight page follows a write in its province, so no kept body can answer it."""
    session = Session(port, timeout=120)
    from prongsai.synth.load import OVERSIGHT_USERNAME

    session.login(OVERSIGHT_USERNAME, PASSWORD)
    found: dict[str, list[float] | str] = {}
    for name, path in pages.items():  # the first request of each fills its caches
        status, _, _ = session.request("GET", path)
        found[name] = [] if status == 200 else ("missing" if status == 404 else f"HTTP {status}")
    for _ in range(requests):  # in turn, so every page meets the same conditions
        for name, path in pages.items():
            times = found[name]
            if isinstance(times, str):
                continue
            if after_write and path.startswith("/o/"):
                write_in(path)
            start = time.perf_counter()
            status, _, _ = session.request("GET", path)
            times.append((time.perf_counter() - start) * 1000)
            if status != 200:
                found[name] = f"HTTP {status}"
    return found


def main() -> int:
    args = arguments()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        script = str(ROOT / "scripts" / "with-postgres")
        os.execv(script, [script, sys.executable, __file__, *sys.argv[1:]])  # noqa: S606
    env, pages = prepare(args)
    port = free_port()
    server = start_server(env, port, args)
    try:
        wait_ready(port, time.monotonic() + 60)
        found = measure(port, pages, args.requests)
        written = measure(port, pages, args.requests, after_write=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"{args.requests} requests per page, one client, keep-alive")
    print("pages as they are read (a body kept since the place's last write answers):")
    report(found, pages)
    print("the first view after a write in the page's place (the body is rendered again from")
    print("the figures kept per province or district, the one written to counted again):")
    report(written, pages)
    return 0


def report(found: dict[str, list[float] | str], pages: dict[str, str]) -> None:
    trivial, health = found["trivial page"], found["/healthz"]
    if isinstance(trivial, str) or isinstance(health, str):
        raise SystemExit(f"a trivial view failed: {trivial} {health}")
    base, health_p95 = percentile(trivial, 0.95), percentile(health, 0.95)
    for name, times in found.items():
        if isinstance(times, str):
            print(f"{name:18} {pages[name]:18} {times}")
            continue
        p50, p95 = statistics.median(times), percentile(times, 0.95)
        verdict = ""
        if times is not trivial and times is not health:
            ratio = p95 / base if base else float("inf")
            verdict = (
                f"  p95 {ratio:.1f}× trivial page"
                + (" ok" if ratio <= TARGET else f" (target ≤ {TARGET:.0f}×)")
                + f", {p95 / health_p95:.1f}× /healthz"
            )
        print(f"{name:18} {pages[name]:18} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms{verdict}")


if __name__ == "__main__":
    sys.exit(main())
