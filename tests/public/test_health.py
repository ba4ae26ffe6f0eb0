"""/healthz: the database and the upload storage, and no secret when either fails."""

import json

from django.db import OperationalError

from prongsai.public import health


def test_healthy(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"database": "ok", "storage": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_unwritable_storage_is_reported_without_its_path(client, db, settings, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    settings.MEDIA_ROOT = blocker / "uploads"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"database": "ok", "storage": "unavailable"}
    assert str(tmp_path) not in response.content.decode()


def test_database_failure_is_reported_without_its_message(client, db, monkeypatch):
    class Unreachable:
        def cursor(self):
            raise OperationalError('connection to "db.internal" failed: password=hunter2')

    monkeypatch.setattr(health, "connection", Unreachable())
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.content.decode()
    assert json.loads(body) == {"database": "unavailable", "storage": "ok"}
    assert "db.internal" not in body and "hunter2" not in body
