"""Rows bound to audit events: the content of what a service wrote, hashed into the chain.

An app declares the models whose rows must be bound with an `audited_models` attribute on
its AppConfig: {model name: lookup from the model to its Agency}, e.g.
{"StatusUpdate": "measure__agency"}. The audit app never imports those apps; it finds the
models through django.apps.

A row's canonical form is its concrete fields (attname → database value) plus its
many-to-many links (sorted primary keys), read back from the database, so what is hashed
when the event is written is what `audit verify` reads later. Each event stores, per bound
row, the row's hash and a short digest per field (to name what changed). The latest event
binding a row gives its expected content.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models

from prongsai.audit.chain import digest

FIELD_DIGEST_LENGTH = 16


def declared_models(attribute: str) -> dict[type[models.Model], str]:
    """The models the apps declare under an AppConfig `attribute` ({model name: lookup from
    the model to its agency}), with their lookups."""
    found: dict[type[models.Model], str] = {}
    for config in apps.get_app_configs():
        for name, agency_path in getattr(config, attribute, {}).items():
            found[config.get_model(name)] = agency_path
    return found


def audited_models() -> dict[type[models.Model], str]:
    """Every bound model, with the lookup path from it to its agency."""
    return declared_models("audited_models")


def is_audited(model: type[models.Model]) -> bool:
    return model._meta.concrete_model in audited_models()


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def describe(label: str, pk: Any) -> str:
    """ "measures.statusupdate", 7 → "status update 7" (for people reading verify's output)."""
    name = label.rsplit(".", 1)[-1]
    try:
        name = apps.get_model(label).__name__
    except LookupError:
        pass
    return f"{re.sub(r'(?<!^)(?=[A-Z])', ' ', name).lower()} {pk}"


def snapshots(queryset: models.QuerySet) -> dict[str, dict[str, Any]]:
    """pk (as text) → the canonical fields of each row of `queryset`, read from its database."""
    model = queryset.model
    attnames = [f.attname for f in model._meta.concrete_fields]
    pk_name = model._meta.pk.attname
    rows = {str(row[pk_name]): row for row in queryset.order_by().values(*attnames)}
    for m2m in model._meta.many_to_many:
        through = m2m.remote_field.through
        source = through._meta.get_field(m2m.m2m_field_name()).attname
        target = through._meta.get_field(m2m.m2m_reverse_field_name()).attname
        for row in rows.values():
            row[m2m.name] = []
        links = through._base_manager.using(queryset.db).filter(
            **{f"{source}__in": queryset.order_by().values("pk")}
        )
        for source_pk, target_pk in links.values_list(source, target):
            rows[str(source_pk)][m2m.name].append(target_pk)
        for row in rows.values():
            row[m2m.name].sort()
    return rows


def row_hash(label: str, pk: str, fields: dict[str, Any]) -> str:
    return digest({"model": label, "pk": pk, "fields": fields})


def binding(label: str, pk: str, fields: dict[str, Any]) -> dict[str, Any]:
    return {
        "model": label,
        "pk": pk,
        "hash": row_hash(label, pk, fields),
        "fields": {name: digest(value)[:FIELD_DIGEST_LENGTH] for name, value in fields.items()},
    }


def bind(instances: Iterable[models.Model], using: str) -> list[dict[str, Any]]:
    """The bindings of the given saved rows of audited models, as stored in their database."""
    wanted: dict[type[models.Model], list[Any]] = {}
    for obj in instances:
        model = obj._meta.concrete_model or type(obj)
        if not is_audited(model):
            raise ValueError(f"{_label(model)} is not an audited model")
        if obj.pk is None:
            raise ValueError(f"unsaved {_label(model)} cannot be bound")
        if obj.pk not in wanted.setdefault(model, []):
            wanted[model].append(obj.pk)
    result = []
    for model, pks in wanted.items():
        label = _label(model)
        found = snapshots(model._base_manager.using(using).filter(pk__in=pks))
        for pk in pks:
            result.append(binding(label, str(pk), found[str(pk)]))
    return sorted(result, key=lambda b: (b["model"], b["pk"]))


@dataclass(frozen=True)
class RowProblem:
    label: str
    pk: str
    text: str

    def __str__(self) -> str:
        return f"{describe(self.label, self.pk)}: {self.text}"


def compare(
    bound: dict[tuple[str, str], tuple[dict[str, Any], int]],
    current: dict[tuple[str, str], dict[str, Any]],
) -> list[RowProblem]:
    """Problems between the bindings (key → (binding, event seq)) and the rows now stored."""
    problems = []
    for (label, pk), (entry, seq) in sorted(bound.items()):
        fields = current.get((label, pk))
        if fields is None:
            problems.append(RowProblem(label, pk, f"missing, bound by event #{seq}"))
            continue
        names = list(entry["fields"])
        gone = [n for n in names if n not in fields]
        if gone:
            problems.append(RowProblem(label, pk, f"{', '.join(gone)} removed since event #{seq}"))
            continue
        kept = {n: fields[n] for n in names}
        if row_hash(label, pk, kept) != entry["hash"]:
            changed = [
                n for n in names if digest(kept[n])[:FIELD_DIGEST_LENGTH] != entry["fields"][n]
            ]
            what = ", ".join(changed) or "content"
            problems.append(RowProblem(label, pk, f"{what} changed since event #{seq}"))
    for label, pk in sorted(set(current) - set(bound)):
        problems.append(RowProblem(label, pk, "no event binds it"))
    return problems
