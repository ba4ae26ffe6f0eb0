from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

from prongsai.audit import binding, guard
from prongsai.audit.chain import GENESIS, event_hash, hashed_fields


def reinstall_triggers(apps, schema_editor):
    # SQLite adds the column by rebuilding the table, which drops its triggers.
    guard.install(schema_editor)


def baseline(apps, schema_editor):
    """Bind the rows written before events bound rows: one event per agency that has any,
    so `audit verify` checks them from now on."""
    using = schema_editor.connection.alias
    AuditEvent = apps.get_model("audit", "AuditEvent")
    Agency = apps.get_model("agencies", "Agency")
    declared = {m._meta.label_lower: path for m, path in binding.audited_models().items()}
    for agency in Agency.objects.using(using).order_by("pk"):
        rows = []
        for label, path in sorted(declared.items()):
            try:
                model = apps.get_model(label)
            except LookupError:  # declared by a later migration: no rows to bind yet
                continue
            found = binding.snapshots(model._base_manager.using(using).filter(**{path: agency.pk}))
            rows += [binding.binding(label, pk, fields) for pk, fields in found.items()]
        if not rows:
            continue
        last = AuditEvent.objects.using(using).filter(agency=agency).order_by("-seq").first()
        event = AuditEvent(
            agency=agency,
            seq=(last.seq + 1) if last else 1,
            created_at=timezone.now().replace(microsecond=0),
            actor_label="system",
            action="audit.baseline",
            object_type="agency",
            object_id=str(agency.pk),
            payload={"rows": len(rows)},
            prev_hash=last.hash if last else GENESIS,
            rows=sorted(rows, key=lambda b: (b["model"], b["pk"])),
        )
        fields = hashed_fields(
            agency_id=event.agency_id,
            seq=event.seq,
            created_at=event.created_at.isoformat(),
            actor_label=event.actor_label,
            action=event.action,
            object_type=event.object_type,
            object_id=event.object_id,
            payload=event.payload,
            prev_hash=event.prev_hash,
            rows=event.rows,
        )
        event.hash = event_hash(settings.AUDIT_KEY, fields)
        event.save(using=using, force_insert=True)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_append_only_triggers"),
        ("measures", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="rows",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.RunPython(reinstall_triggers, migrations.RunPython.noop),
        migrations.RunPython(baseline, migrations.RunPython.noop),
    ]
