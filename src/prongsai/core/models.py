"""State that every server process must share: attempt counters and the hour's key.

Both live in the database, the one thing all app servers of a site have in common. Neither
table is copied into a backup (prongsai.audit.backup leaves their rows out): they hold
nothing worth restoring, and the hour's key must not outlive its hour anywhere.
"""

from django.db import models

from prongsai.core.tables import CACHE_TABLE


class Counter(models.Model):
    """One attempt counter (login throttle, public rate limit) under a keyed digest."""

    key = models.CharField(max_length=120, primary_key=True)
    count = models.IntegerField(default=0)
    expires = models.BigIntegerField(help_text="Unix time at which the count starts again")

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"


class HourKey(models.Model):
    """The random key of one hour of the public rate limit (prongsai.public.ratelimit)."""

    hour = models.BigIntegerField(primary_key=True)
    key = models.BinaryField(max_length=32)

    def __str__(self) -> str:
        return f"hour {self.hour}"  # never the key


class DataVersion(models.Model):
    """A random token naming the current state of one part of the data (e.g. a province's
    agencies). Whoever writes that part sets a new token in the same transaction
    (prongsai.core.versions), so a reader that sees a token sees the data it names, and a
    page rendered from that data may be kept under the token."""

    key = models.CharField(max_length=64, primary_key=True)
    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"{self.key}: {self.token}"


# Tables whose rows a backup leaves out (their schema is kept).
UNSAVED_TABLES = (Counter._meta.db_table, HourKey._meta.db_table, CACHE_TABLE)
