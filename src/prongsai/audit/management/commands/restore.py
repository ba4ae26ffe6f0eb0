from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.audit.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup after checking it completely (integrity, counts, chains, hashes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = restore(options["file"])
        except BackupError as exc:
            raise CommandError(f"ไม่กู้คืน / not restored: {exc}") from exc
        self.stdout.write(
            f"กู้คืนแล้ว / restored: backup of {manifest['created']} "
            f"({sum(manifest['row_counts'].values())} rows, {len(manifest['files'])} files)"
        )
