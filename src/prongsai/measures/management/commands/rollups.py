"""`prongsai rollups rebuild [--agency SLUG]`: count the measures' agency-year roll-ups again.

The services keep the roll-ups in their own transactions; this is for what bypassed them (an
upgrade, a restore of an older backup, a bulk load): every agency-year, or one agency's.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency
from prongsai.measures.rollups import rebuild


class Command(BaseCommand):
    help = "Recount the measures' agency-year roll-ups that the oversight pages read."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=("rebuild",))
        parser.add_argument("--agency", metavar="SLUG", help="only this agency")

    def handle(self, *args: Any, **options: Any) -> None:
        agencies = None
        if options["agency"]:
            agencies = Agency.objects.filter(slug=options["agency"])
            if not agencies.exists():
                raise CommandError(_("ไม่พบหน่วยงาน “%(slug)s”") % {"slug": options["agency"]})
        rows = rebuild(agencies)
        self.stdout.write(_("นับสรุปมาตรการใหม่แล้ว %(rows)d แถว") % {"rows": rows})
