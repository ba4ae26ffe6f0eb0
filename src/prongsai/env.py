"""Strict parsing of settings from the environment.

An ambiguous value ("yes", "1 ", an unknown scheme) stops start-up with a message naming
the variable, instead of silently meaning something else.

These messages are the one exception to "one message, translated once": they stop start-up
before settings (and so translation) exist, and they are read by the operator in a log. They
are English, the language of the variables and the logs, with a short Thai hint in
parentheses; the settings module follows the same form.
"""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"true", "1", "on"}
_FALSE = {"false", "0", "off"}


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    if value is None:
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r}: use one of true/false, 1/0, on/off (ค่า {name} ไม่ชัดเจน ใช้ true หรือ false)"
    )


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit():
        raise ImproperlyConfigured(f"{name}={raw!r}: must be a whole number (ต้องเป็นจำนวนเต็ม)")
    value = int(raw)
    if value < minimum:
        raise ImproperlyConfigured(
            f"{name}={value}: must be at least {minimum} (ต้องไม่น้อยกว่า {minimum})"
        )
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",")]
    if any(not item for item in items):
        raise ImproperlyConfigured(
            f"{name}={raw!r}: empty item in the comma-separated list (มีรายการว่าง)"
        )
    return items


def env_addresses(name: str) -> list[str]:
    """A comma-separated list of IP addresses (empty when unset)."""
    import ipaddress

    items = env_list(name, [])
    for item in items:
        try:
            ipaddress.ip_address(item)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name}: {item!r} is not an IP address (ไม่ใช่ที่อยู่ IP)"
            ) from None
    return items


def database_from_url(url: str, base_dir: str) -> dict[str, object]:
    """DATABASE_URL → Django DATABASES['default']; only sqlite and postgres are accepted."""
    import dj_database_url

    scheme = url.split(":", 1)[0]
    if scheme not in {"sqlite", "postgres", "postgresql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL scheme {scheme!r} is not supported: use sqlite:/// or postgres:// "
            "(รองรับเฉพาะ SQLite และ PostgreSQL)"
        )
    config: dict[str, object] = dict(dj_database_url.parse(url))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = sqlite_options()
    else:
        config.update(postgres_connections())
    return config


def postgres_connections() -> dict[str, object]:
    """Each server process keeps a pool of DB_POOL_SIZE connections (psycopg_pool), shared by
    its threads; Django requires CONN_MAX_AGE = 0 with a pool. DB_POOL_SIZE=0 turns the pool
    off (e.g. behind PgBouncer): then a thread keeps its own connection for a minute."""
    size = env_int("DB_POOL_SIZE", 8)
    if size == 0:
        return {"CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}
    # min_size 1: an idle worker holds one connection, so N app servers × workers stay
    # well under PostgreSQL's max_connections until traffic needs more.
    pool = {"min_size": 1, "max_size": size, "timeout": env_int("DB_POOL_TIMEOUT", 10, minimum=1)}
    return {"CONN_MAX_AGE": 0, "OPTIONS": {"pool": pool}}


def cache_from_url(url: str) -> dict[str, object]:
    """CACHE_URL → Django CACHES['default']: empty for the database cache (shared by every
    process that shares the database), redis:// or rediss:// for Redis (needs the `redis`
    package)."""
    if not url:
        from prongsai.core.tables import CACHE_TABLE

        # MAX_ENTRIES: culling deletes a third of the table when full; public pages, year
        # bodies and pointers of a national site need room.
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    scheme = url.split(":", 1)[0]
    if scheme not in {"redis", "rediss"}:
        raise ImproperlyConfigured(
            f"CACHE_URL scheme {scheme!r} is not supported: use redis:// or rediss://, or leave "
            "it empty for the database cache (รองรับเฉพาะ Redis หรือเว้นว่างเพื่อใช้ฐานข้อมูล)"
        )
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}


def sqlite_options() -> dict[str, object]:
    # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at
    # BEGIN so two writers queue on the busy timeout instead of failing mid-transaction.
    return {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
