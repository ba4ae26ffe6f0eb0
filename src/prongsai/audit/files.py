"""Stored files against the SHA-256 their rows keep.

An app declares the models whose rows point at a stored file with a `stored_files` attribute
on its AppConfig: {model name: lookup from the model to its Agency}; each such model has a
`file` (FileField) and a `sha256` (hex) field. `audit verify --files` reads every file of an
agency back and names the ones missing or changed on disk (the database rows themselves are
checked against the chain by verify_rows).
"""

import hashlib
from collections.abc import Iterator

from django.db import models

from prongsai.agencies.models import Agency
from prongsai.audit.binding import declared_models, describe

CHUNK = 1024 * 1024


def _digest(field: models.FileField, name: str) -> str:
    digest = hashlib.sha256()
    with field.storage.open(name, "rb") as stored:
        for chunk in iter(lambda: stored.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify_files(agency: Agency) -> Iterator[str]:
    """A line for each of the agency's stored files that is missing or whose content is not
    the one its row records."""
    for model, agency_path in declared_models("stored_files").items():
        field = model._meta.get_field("file")
        assert isinstance(field, models.FileField)
        rows = (
            model._base_manager.filter(**{agency_path: agency.pk})
            .exclude(file="")
            .order_by("pk")
            .values_list("pk", "file", "sha256")
        )
        for pk, name, expected in rows.iterator():
            what = f"{describe(model._meta.label_lower, pk)} ({name})"
            if not field.storage.exists(name):
                yield f"{what}: file missing (ไม่พบไฟล์)"
            elif expected and _digest(field, name) != expected:
                yield f"{what}: file changed since it was stored (ไฟล์ถูกแก้ไข)"
