"""Shared set-up for benchmarks: a temporary SQLite database with the demo loaded."""

import os
import statistics
import tempfile
import time
from collections.abc import Callable


def django_with_demo() -> str:
    """Point Django at a fresh temporary SQLite file, set it up and load the demo."""
    var = tempfile.mkdtemp(prefix="prongsai-bench-")
    os.environ["PRONGSAI_VAR_DIR"] = var
    os.environ["DATABASE_URL"] = f"sqlite:///{var}/bench.sqlite3"
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("HTTPS", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return var


def median_ms(fn: Callable[[], object], repeat: int, warmup: int = 3) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
