"""`prongsai serve`: the production server (gunicorn) with several worker processes.

Every worker process serves prongsai's WSGI application with its own threads. Whatever
must hold across processes (sessions, the log-in throttle, the feedback rate limit, the
cache, uploaded files) lives in the database or MEDIA_ROOT, never in a process's memory,
so any number of workers, on any number of machines, serve the same site.

The access log is off by default; `--access-log` writes one WITHOUT the client's address
or user agent, because prongsai promises never to log them (settings.LOGGING,
prongsai.public.ratelimit).
"""

import os
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

# Time, request line, status, bytes, seconds: no %(h)s (address), no %(a)s (user agent).
ACCESS_LOG_FORMAT = '%(t)s "%(r)s" %(s)s %(b)s %(L)s'


def _positive(name: str, raw: str | None, default: int) -> int:
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise CommandError(f"{name}={raw!r}: must be a whole number of at least 1")
    return int(raw)


def gunicorn_options(
    *,
    bind: str,
    workers: int,
    threads: int,
    access_log: bool,
    proxy_protocol: bool,
    proxy_allow: str,
    timeout: int,
) -> dict[str, Any]:
    """gunicorn's settings for a run (kept apart from the command so tests can read them)."""
    level = (os.environ.get("LOG_LEVEL") or "info").lower()
    options: dict[str, Any] = {
        "bind": [bind],
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        "timeout": timeout,
        "graceful_timeout": 30,
        # gunicorn names the client's address in some debug messages: never below info.
        "loglevel": "warning" if level in {"warning", "error", "critical"} else "info",
        "errorlog": "-",
        "accesslog": "-" if access_log else None,
        "access_log_format": ACCESS_LOG_FORMAT,
        "proc_name": "prongsai",
        # gunicorn's control socket sits at one path per user: two servers on a machine
        # would take it from each other, and prongsai needs none.
        "control_socket_disable": True,
        # Workers fork from a master that has not opened the database: no connection or
        # pool is ever shared between processes.
        "preload_app": False,
    }
    if proxy_protocol:
        # The TLS proxy tells the client's address in the PROXY protocol header, so the
        # feedback rate limit counts per visitor rather than per proxy.
        options["proxy_protocol"] = True
        options["proxy_allow_ips"] = proxy_allow
    return options


class Command(BaseCommand):
    help = (
        "Run the production web server (gunicorn): --workers processes (WEB_CONCURRENCY, "
        "default 2) × --threads threads (PRONGSAI_THREADS, default 4)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000", help="HOST:PORT to listen on")
        parser.add_argument("--workers", type=int, default=None)
        parser.add_argument("--threads", type=int, default=None)
        parser.add_argument("--timeout", type=int, default=120, help="seconds per request")
        parser.add_argument(
            "--access-log",
            action="store_true",
            help="log requests to stdout (time, request line, status; no client address)",
        )
        parser.add_argument(
            "--proxy-protocol",
            action="store_true",
            help="take the client's address from the proxy's PROXY protocol header",
        )
        parser.add_argument(
            "--proxy-allow",
            default="127.0.0.1",
            help="addresses allowed to send the PROXY protocol header (comma-separated)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from gunicorn.app.base import BaseApplication

        workers = options["workers"] or _positive(
            "WEB_CONCURRENCY", os.environ.get("WEB_CONCURRENCY"), 2
        )
        threads = options["threads"] or _positive(
            "PRONGSAI_THREADS", os.environ.get("PRONGSAI_THREADS"), 4
        )
        if workers < 1 or threads < 1 or options["timeout"] < 1:
            raise CommandError("--workers, --threads and --timeout must be at least 1")
        settings = gunicorn_options(
            bind=options["bind"],
            workers=workers,
            threads=threads,
            access_log=options["access_log"],
            proxy_protocol=options["proxy_protocol"],
            proxy_allow=options["proxy_allow"],
            timeout=options["timeout"],
        )
        connections.close_all()

        class Server(BaseApplication):
            def load_config(self) -> None:
                for key, value in settings.items():
                    self.cfg.set(key, value)

            def load(self) -> Any:
                from django.core.wsgi import get_wsgi_application

                return get_wsgi_application()

        Server().run()
