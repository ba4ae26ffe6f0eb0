"""The log-in throttle holds under a burst of parallel attempts (real threads)."""

import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import connections
from django.test import Client

from prongsai.web.login import LOGIN_FAILURES_PER_USER

PASSWORD = "right-password-for-the-race"
THREADS = 40


@pytest.fixture
def counted_checks(monkeypatch):
    """Count the password checks; each takes a while, as real password hashing does, so
    the parallel requests overlap."""
    checked = []
    lock = threading.Lock()
    original = ModelBackend.authenticate

    def authenticate(self, request, username=None, password=None, **kwargs):
        with lock:
            checked.append(password)
        time.sleep(0.05)
        return original(self, request, username=username, password=password, **kwargs)

    monkeypatch.setattr(ModelBackend, "authenticate", authenticate)
    return checked


def burst(passwords):
    statuses = [None] * len(passwords)
    start = threading.Barrier(len(passwords))

    def attempt(i):
        try:
            client = Client()
            start.wait()
            response = client.post(
                "/login/",
                {"username": "racer", "password": passwords[i]},
                REMOTE_ADDR="203.0.113.9",
            )
            statuses[i] = response.status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(len(passwords))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_passwords_check_at_most_the_limit(counted_checks):
    cache.clear()
    get_user_model().objects.create_user("racer", password=PASSWORD)
    statuses = burst([f"wrong-{i}" for i in range(THREADS)])
    assert len(counted_checks) <= LOGIN_FAILURES_PER_USER, len(counted_checks)
    assert statuses.count(200) == len(counted_checks)
    assert statuses.count(429) == THREADS - len(counted_checks)
    # The limit is spent: the right password is refused now too (until the cool-off ends).
    response = Client().post(
        "/login/", {"username": "racer", "password": PASSWORD}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 429
    assert len(counted_checks) <= LOGIN_FAILURES_PER_USER


@pytest.mark.django_db(transaction=True)
def test_right_password_in_a_burst_is_checked_only_within_the_limit(counted_checks):
    cache.clear()
    get_user_model().objects.create_user("racer", password=PASSWORD)
    passwords = [f"wrong-{i}" for i in range(THREADS - 1)] + [PASSWORD]
    statuses = burst(passwords)
    accepted = statuses[-1] == 302
    if not accepted:
        assert PASSWORD not in counted_checks and statuses[-1] == 429
        assert len(counted_checks) <= LOGIN_FAILURES_PER_USER, len(counted_checks)
    else:
        # Accepted only as one of the first attempts within the limit; its success resets
        # the count, so the rest of the burst gets at most one more limit's worth.
        assert counted_checks.index(PASSWORD) < LOGIN_FAILURES_PER_USER, counted_checks
        assert len(counted_checks) <= 2 * LOGIN_FAILURES_PER_USER, len(counted_checks)
    assert statuses.count(200) + statuses.count(302) == len(counted_checks)
