from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from prongsai.audit.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and uploaded files into one checked ZIP file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup(options["file"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            _("สำรองข้อมูลแล้ว: %(file)s (%(rows)s แถวใน %(tables)s ตาราง, ไฟล์ %(files)s ไฟล์)")
            % {
                "file": options["file"],
                "rows": rows,
                "tables": len(manifest["row_counts"]),
                "files": len(manifest["files"]),
            }
        )
