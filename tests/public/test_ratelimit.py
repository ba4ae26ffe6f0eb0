"""The rate limit's hour key: random, held only in the process, forgotten after the hour.

Before, the key was HMAC(SECRET_KEY, hour): anyone with the secret could recompute it for a
past hour and test the 2^32 IPv4 addresses against a kept digest.
"""

import hashlib
import hmac
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.test import RequestFactory

from prongsai.public import ratelimit

ADDRESS = "198.51.100.77"
SRC = Path(ratelimit.__file__).resolve().parents[2]


def request(address: str = ADDRESS):
    return RequestFactory().post("/p/ummao/feedback/", REMOTE_ADDR=address)


def digest_of(key: str) -> str:
    return key.rsplit(":", 1)[1]


def at_hour(monkeypatch, hour: int) -> None:
    monkeypatch.setattr(ratelimit, "_hour", lambda: hour)


def test_the_digest_cannot_be_recomputed_from_the_secret_key(monkeypatch):
    hour = 480_000
    at_hour(monkeypatch, hour)
    kept = digest_of(ratelimit.client_key(request(), "submit"))
    assert ADDRESS not in kept
    derived = hmac.new(
        settings.SECRET_KEY.encode(), f"prongsai.public.ratelimit:{hour}".encode(), hashlib.sha256
    ).digest()
    for candidate in (derived, settings.SECRET_KEY.encode()):
        assert hmac.new(candidate, ADDRESS.encode(), hashlib.sha256).hexdigest()[:32] != kept


def test_one_key_per_hour_replaced_and_forgotten_when_the_hour_changes(monkeypatch):
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

    at_hour(monkeypatch, 480_000)  # the clock going back does not bring the old key back
    assert ratelimit._hour_key(480_000) not in (first, second)


def test_every_process_makes_its_own_key_for_the_same_hour_and_secret():
    code = "from prongsai.public.ratelimit import _hour_key; print(_hour_key(480000).hex())"
    env = {**os.environ, "PYTHONPATH": str(SRC), "SECRET_KEY": settings.SECRET_KEY}
    keys = {
        subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        ).stdout.strip()
        for _ in range(2)
    }
    assert len(keys) == 2 and all(len(k) == 64 for k in keys)
    assert ratelimit._hour_key(480_000).hex() not in keys
