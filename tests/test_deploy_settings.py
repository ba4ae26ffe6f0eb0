"""Production settings: `check --deploy` is clean; headers and cookies are hardened."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def production_env(tmp_path):
    env = dict(os.environ)
    for name in (
        "DEBUG",
        "HTTPS",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DJANGO_SETTINGS_MODULE",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    ):
        env.pop(name, None)
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="ita.example.go.th",
        PRONGSAI_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="prongsai.settings",
    )
    return env


def test_check_deploy_reports_nothing(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "prongsai.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_values(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.SECURE_HSTS_SECONDS >= 31536000, s.PASSWORD_HASHERS[0].endswith('Argon2PasswordHasher'),"
        " s.SESSION_COOKIE_AGE <= 12*3600)"
    )
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup();" + code],
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["True"] * 6


def test_csp_header_forbids_inline_script(demo, client):
    response = client.get("/login/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_templates_have_no_inline_script_or_style():
    from pathlib import Path

    root = Path(settings.BASE_DIR if hasattr(settings, "BASE_DIR") else settings.PACKAGE_DIR)
    offenders = []
    for path in root.rglob("*.html"):
        text = path.read_text("utf-8")
        if "<script>" in text or " style=" in text or "<style" in text or " onclick=" in text:
            offenders.append(str(path))
    assert offenders == []
