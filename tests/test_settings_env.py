import pytest
from django.core.exceptions import ImproperlyConfigured

from prongsai.env import database_from_url, env_bool, env_int, env_list


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
