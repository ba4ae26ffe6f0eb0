import pytest
from django.core.exceptions import ImproperlyConfigured

from prongsai.env import cache_from_url, database_from_url, env_bool, env_int, env_list


@pytest.mark.parametrize("raw, value", [("true", True), ("1", True), ("off", False), ("0", False)])
def test_env_bool_accepts_clear_values(monkeypatch, raw, value):
    monkeypatch.setenv("X_FLAG", raw)
    assert env_bool("X_FLAG", not value) is value


@pytest.mark.parametrize("raw", ["yes", "True ", "maybe", "2"])
def test_env_bool_refuses_ambiguous_values(monkeypatch, raw):
    monkeypatch.setenv("X_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env_bool("X_FLAG", False)


def test_env_int_and_list(monkeypatch):
    monkeypatch.setenv("X_INT", "12x")
    with pytest.raises(ImproperlyConfigured, match="X_INT"):
        env_int("X_INT", 1)
    monkeypatch.setenv("X_LIST", "a.example, b.example")
    assert env_list("X_LIST", []) == ["a.example", "b.example"]
    monkeypatch.setenv("X_LIST", "a.example,,b")
    with pytest.raises(ImproperlyConfigured, match="X_LIST"):
        env_list("X_LIST", [])


def test_database_url_sqlite_gets_wal_and_immediate():
    config = database_from_url("sqlite:////tmp/x.sqlite3", "/tmp")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["timeout"] >= 5


def test_database_url_postgres_and_unknown_scheme():
    config = database_from_url("postgres://u@127.0.0.1:5432/db", "/tmp")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    with pytest.raises(ImproperlyConfigured, match="mysql"):
        database_from_url("mysql://u@h/db", "/tmp")


def test_secret_key_required_without_debug(tmp_path):
    import subprocess
    import sys

    env = {"PATH": "/usr/bin:/bin", "DEBUG": "false", "PRONGSAI_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", "import prongsai.settings"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_postgres_gets_a_pool_per_process_unless_turned_off(monkeypatch):
    monkeypatch.delenv("DB_POOL_SIZE", raising=False)
    config = database_from_url("postgres://u@h:5432/d", "/tmp")
    assert config["CONN_MAX_AGE"] == 0  # Django refuses persistent connections with a pool
    assert config["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 8, "timeout": 10}
    monkeypatch.setenv("DB_POOL_SIZE", "0")
    config = database_from_url("postgres://u@h:5432/d", "/tmp")
    assert "pool" not in config.get("OPTIONS", {}) and config["CONN_MAX_AGE"] == 60


def test_cache_is_the_shared_database_table_unless_redis_is_named():
    assert cache_from_url("")["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert cache_from_url("")["LOCATION"] == "prongsai_cache"
    redis = cache_from_url("redis://cache.internal:6379/0")
    assert redis["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        cache_from_url("memcached://x")
