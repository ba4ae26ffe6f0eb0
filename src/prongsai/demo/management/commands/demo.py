from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from prongsai.demo.agency import load_demo
from prongsai.demo.report import load_demo_report


class Command(BaseCommand):
    help = "Migrate and load the demo agency (เทศบาลตำบลอุ่มเม่า), idempotently."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", verbosity=0, interactive=False)
        agency, logins = load_demo()
        load_demo_report(agency)
        self.stdout.write(
            _("หน่วยงานตัวอย่าง: %(name)s (%(slug)s)") % {"name": agency.name, "slug": agency.slug}
        )
        self.stdout.write(_("บัญชีทดลอง:"))
        for username, password, role in logins:
            self.stdout.write(f"  {username:<24} {password}   {role}")
