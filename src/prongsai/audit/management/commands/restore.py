from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from prongsai.audit.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup after checking it completely (signature, names, integrity, counts, "
        "triggers, chains, bound rows, hashes)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--accept-unsigned",
            action="store_true",
            help="restore even when the backup is not signed with this server's audit key "
            "(every other check still applies)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest, warning = restore(options["file"], accept_unsigned=options["accept_unsigned"])
        except BackupError as exc:
            raise CommandError(_("ไม่กู้คืน: %(reason)s") % {"reason": exc}) from exc
        if warning:
            self.stderr.write(
                _("คำเตือน: กู้คืนไฟล์สำรองที่ลายมือชื่อไม่ถูกต้องตามที่สั่ง (%(problem)s)") % {"problem": warning}
            )
        self.stdout.write(
            _("กู้คืนแล้ว: ไฟล์สำรองเมื่อ %(created)s (%(rows)s แถว, ไฟล์ %(files)s ไฟล์)")
            % {
                "created": manifest["created"],
                "rows": sum(manifest["row_counts"].values()),
                "files": len(manifest["files"]),
            }
        )
