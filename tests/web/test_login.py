import time

from django.core.cache import cache

from prongsai.core import counters
from prongsai.demo.agency import PASSWORD
from prongsai.web.login import LOGIN_COOL_OFF_SECONDS, LOGIN_FAILURES_PER_USER


def login(client, password, addr="198.51.100.7"):
    return client.post(
        "/login/", {"username": "ummao-viewer", "password": password}, REMOTE_ADDR=addr
    )


def test_login_and_thai_error(demo, client):
    cache.clear()
    response = login(client, "wrong")
    assert response.status_code == 200
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.content.decode()
    assert login(client, PASSWORD).status_code == 302


def test_throttle_after_failures_with_cool_off(demo, client, monkeypatch):
    cache.clear()
    for _ in range(LOGIN_FAILURES_PER_USER):
        assert login(client, "wrong").status_code == 200
    response = login(client, PASSWORD)
    assert response.status_code == 429
    assert "กรุณารอ" in response.content.decode()
    # Another client (the real person elsewhere) is not locked out by the attacker.
    assert login(client, PASSWORD, addr="192.0.2.10").status_code == 302
    # The cool-off ends by itself: the counters carry their expiry.
    later = time.time() + LOGIN_COOL_OFF_SECONDS + 1
    monkeypatch.setattr(counters.time, "time", lambda: later)
    assert login(client, PASSWORD).status_code == 302
