"""Rows waiting to be written, by model, with primary keys handed out here.

Keys are given before writing (from the table's largest key), so measures can point at
their agency and updates at their measure without reading anything back; the sequences are
moved past them when the load ends (`writer.reset_sequences`).
"""

from typing import Any

from django.db import models


class Rows:
    def __init__(self, next_ids: dict[type[models.Model], int]) -> None:
        self.next_ids = next_ids
        self.by_model: dict[type[models.Model], list[dict[str, Any]]] = {}

    def add(self, model: type[models.Model], **values: Any) -> int:
        if "id" not in values:
            values["id"] = self.next_ids[model]
        self.next_ids[model] = max(self.next_ids[model], values["id"] + 1)
        self.by_model.setdefault(model, []).append(values)
        return int(values["id"])

    def count(self, model: type[models.Model]) -> int:
        return len(self.by_model.get(model, ()))

    def clear(self) -> None:
        self.by_model = {}
