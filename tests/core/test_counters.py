"""Atomic counters in the database (prongsai.core.counters)."""

from prongsai.core import counters
from prongsai.core.models import Counter


def at(monkeypatch, now):
    monkeypatch.setattr(counters.time, "time", lambda: now)


def test_counts_within_the_window_then_starts_again(db, monkeypatch):
    at(monkeypatch, 1_000_000)
    assert [counters.hit("k", 60) for _ in range(3)] == [1, 2, 3]
    assert counters.hit("other", 60) == 1
    at(monkeypatch, 1_000_059)
    assert counters.hit("k", 60) == 4  # the window runs from the first attempt
    at(monkeypatch, 1_000_060)
    assert counters.hit("k", 60) == 1
    assert Counter.objects.get(key="k").expires == 1_000_120


def test_take_back_and_clear(db):
    counters.hit("k", 60)
    counters.take_back("k")
    counters.take_back("k")  # never below zero
    assert counters.current("k") == 0
    assert counters.hit("k", 60) == 1
    counters.clear("k")
    assert not Counter.objects.filter(key="k").exists()


def test_sweep_deletes_only_expired_counters(db, monkeypatch):
    at(monkeypatch, 1_000_000)
    counters.hit("short", 10)
    counters.hit("long", 100)
    at(monkeypatch, 1_000_050)
    assert counters.sweep() == 1
    assert list(Counter.objects.values_list("key", flat=True)) == ["long"]
    assert counters.current("long") == 1 and counters.current("short") == 0
