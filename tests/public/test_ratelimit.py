"""The rate limit's hour key: random, shared by every process for its hour, then deleted.

Before, the key was HMAC(SECRET_KEY, hour): anyone with the secret could recompute it for a
past hour and test the 2^32 IPv4 addresses against a kept digest.
"""

import hashlib
import hmac
import io

import pytest
from django.conf import settings
from django.test import RequestFactory

from prongsai.core.models import HourKey
from prongsai.public import ratelimit

ADDRESS = "198.51.100.77"


def request(address: str = ADDRESS):
    return RequestFactory().post("/p/ummao/feedback/", REMOTE_ADDR=address)


def digest_of(key: str) -> str:
    return key.rsplit(":", 1)[1]


def at_hour(monkeypatch, hour: int) -> None:
    monkeypatch.setattr(ratelimit, "_hour", lambda: hour)


@pytest.fixture(autouse=True)
def _nothing_remembered(monkeypatch):
    """The process's memo of the hour's key starts empty (its row belonged to another test's
    rolled-back transaction)."""
    forget_in_process(monkeypatch)


def test_the_digest_cannot_be_recomputed_from_the_secret_key(monkeypatch, db):
    hour = 480_000
    at_hour(monkeypatch, hour)
    kept = digest_of(ratelimit.client_key(request(), "submit"))
    assert ADDRESS not in kept
    derived = hmac.new(
        settings.SECRET_KEY.encode(), f"prongsai.public.ratelimit:{hour}".encode(), hashlib.sha256
    ).digest()
    for candidate in (derived, settings.SECRET_KEY.encode()):
        assert hmac.new(candidate, ADDRESS.encode(), hashlib.sha256).hexdigest()[:32] != kept


def test_one_key_per_hour_replaced_and_forgotten_when_the_hour_changes(monkeypatch, db):
    at_hour(monkeypatch, 480_000)
    first = ratelimit._hour_key(480_000)
    key = ratelimit.client_key(request(), "submit")
    assert ratelimit.client_key(request(), "submit") == key  # counted together in the hour
    assert ratelimit.client_key(request("203.0.113.9"), "submit") != key
    assert len(first) == 32

    at_hour(monkeypatch, 480_001)
    second = ratelimit._hour_key(480_001)
    assert second != first
    assert digest_of(ratelimit.client_key(request(), "submit")) != digest_of(key)
    # The past hour's key is gone from the database too.
    assert list(HourKey.objects.values_list("hour", flat=True)) == [480_001]

    at_hour(monkeypatch, 480_000)  # the clock going back does not bring the old key back
    assert ratelimit._hour_key(480_000) not in (first, second)


def forget_in_process(monkeypatch):
    """As if the next call came from another server process: nothing remembered here."""
    monkeypatch.setattr(ratelimit, "_key_hour", None)
    monkeypatch.setattr(ratelimit, "_key", b"")


def test_every_process_uses_the_one_key_of_the_hour(monkeypatch, db):
    first = ratelimit._hour_key(480_000)
    forget_in_process(monkeypatch)
    assert ratelimit._hour_key(480_000) == first
    assert HourKey.objects.count() == 1
    forget_in_process(monkeypatch)
    assert ratelimit._hour_key(480_001) != first


def test_the_daily_job_deletes_a_past_hours_key_even_without_new_attempts(monkeypatch, db):
    from django.core.management import call_command

    ratelimit._hour_key(480_000)
    at_hour(monkeypatch, 480_005)  # hours later, nobody has sent anything since
    assert HourKey.objects.filter(hour=480_000).exists()
    call_command("purge_cases", stdout=io.StringIO())
    assert not HourKey.objects.exists()
