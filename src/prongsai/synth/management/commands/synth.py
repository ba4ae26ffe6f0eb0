from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils.translation import gettext as _

from prongsai.core.errors import ProngsaiError
from prongsai.synth.load import Options, load, parse_years


class Command(BaseCommand):
    help = (
        "Fill an empty database with a synthetic country: agencies on real subdistricts, "
        "their people, measures, status histories, ITA results and publications "
        "(the same --seed gives the same data). Never on a production database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agencies", type=int, default=100, help="how many agencies")
        parser.add_argument("--years", default="2565-2569", help="fiscal years, e.g. 2565-2569")
        parser.add_argument("--seed", type=int, default=1, help="the same seed, the same data")
        parser.add_argument("--measures", type=int, default=12, help="measures per agency-year")
        parser.add_argument(
            "--updates", type=int, default=2, help="status updates per measure, on average"
        )
        parser.add_argument(
            "--method",
            choices=("auto", "copy", "insert"),
            default="auto",
            help="COPY (PostgreSQL; the default there) or batched INSERT",
        )
        parser.add_argument(
            "--no-bind",
            action="store_true",
            help="do not bind the rows to the audit chain (faster; audit verify then names "
            "every synthetic row as unbound)",
        )
        parser.add_argument("--chunk", type=int, default=100, help="agencies per write")
        parser.add_argument(
            "--force", action="store_true", help="load even beside agencies synth did not make"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            chosen = Options(
                agencies=options["agencies"],
                years=parse_years(options["years"]),
                seed=options["seed"],
                measures=options["measures"],
                updates=options["updates"],
                method=options["method"],
                bind=not options["no_bind"],
                force=options["force"],
                chunk=max(1, options["chunk"]),
            )
            outcome = load(chosen, self.stdout.write)
        except ProngsaiError as error:
            raise CommandError(str(error)) from error
        if connection.vendor == "postgresql":
            # a bulk load leaves no statistics until autovacuum comes by; without them the
            # planner nests loops over the new rows (minutes for the oversight aggregates)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        for name, count in sorted(outcome.counts.items()):
            self.stdout.write(f"{name}: {count}")
        self.stdout.write(
            _("สร้างข้อมูลสังเคราะห์เสร็จใน %(seconds).1f วินาที (%(method)s)")
            % {"seconds": outcome.seconds, "method": outcome.method}
        )
