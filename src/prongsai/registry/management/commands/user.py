"""`prongsai user add`: invite a person (an account without a password and a one-time link).

    prongsai user add --email EMAIL --operator
    prongsai user add --email EMAIL --scope national|province:46|district:4607
    prongsai user add --agency SLUG --email EMAIL --role ROLE [--division NAME ...]

The link is e-mailed (unless --no-email) and always printed as the last line, so an
operator without e-mail can pass it on; nobody's password is ever shown.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency, Division, Role, SiteRole
from prongsai.core.errors import ProngsaiError, ValidationFailed
from prongsai.registry.commandline import command_actor
from prongsai.registry.delivery import try_send_invitation
from prongsai.registry.invitations import invitation_link, invite_member, invite_site_person
from prongsai.registry.places import clean_scope, district_name, province_name


def _roles() -> str:
    return ", ".join(f"{value} ({label})" for value, label in Role.choices)


def _divisions(agency: Agency, names: list[str]) -> list[Division]:
    found = {d.name: d for d in Division.objects.filter(agency=agency, retired_at__isnull=True)}
    chosen = []
    for name in names:
        division = found.get(name.strip())
        if division is None:
            raise ValidationFailed(
                _("ไม่พบส่วนราชการ “%(name)s” ใน%(agency)s (มี: %(known)s)")
                % {
                    "name": name.strip()[:100],
                    "agency": agency.name,
                    "known": ", ".join(found) or "-",
                },
                field="divisions",
            )
        chosen.append(division)
    return chosen


class Command(BaseCommand):
    help = (
        "People: `user add --email EMAIL --operator` makes a site operator; `user add --agency "
        "SLUG --email EMAIL --role ROLE [--division NAME ...]` adds a member of an agency; "
        "`user add --email EMAIL --scope national|province:46|district:4607` an oversight "
        "person who reads the agencies of that scope. All print the one-time link (last line) and e-mail it unless --no-email."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="invite a person")
        add.add_argument("--email", required=True)
        add.add_argument("--operator", action="store_true", help="a site-wide operator")
        add.add_argument(
            "--scope",
            help="oversight of national, province:CODE or district:CODE (DOPA codes)",
        )
        add.add_argument("--agency", help="the agency's slug")
        add.add_argument("--role", help=", ".join(Role.values))
        add.add_argument(
            "--division", action="append", default=[], help="a division's name (repeatable)"
        )
        add.add_argument("--no-email", action="store_true", help="only print the link")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user, token, agency, said = self._invite(options)
        except ProngsaiError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(said)
        if not options["no_email"]:
            if try_send_invitation(user, token, agency):
                self.stdout.write(_("ส่งลิงก์คำเชิญทางอีเมลไปที่ %(email)s แล้ว") % {"email": user.email})
            else:
                self.stderr.write(
                    _("คำเตือน: ส่งอีเมลไม่สำเร็จ โปรดส่งลิงก์ด้านล่างให้ผู้ใช้เอง (ตรวจสอบการตั้งค่า EMAIL_*)")
                )
        self.stdout.write(_("ลิงก์ตั้งรหัสผ่าน (ใช้ได้ครั้งเดียว):"))
        self.stdout.write(invitation_link(token))

    def _invite(self, options: dict[str, Any]) -> tuple[Any, str, Agency | None, str]:
        actor = command_actor()
        if options["operator"]:
            if options["scope"] is not None:
                raise ValidationFailed(_("ใช้ --operator คู่กับ --scope ไม่ได้"))
            if options["agency"] or options["role"] or options["division"]:
                raise ValidationFailed(_("ใช้ --operator คู่กับ --agency, --role หรือ --division ไม่ได้"))
            access, token = invite_site_person(
                actor=actor, email=options["email"], role=SiteRole.OPERATOR
            )
            said = _("เพิ่มผู้ดูแลระบบ %(email)s แล้ว") % {"email": access.user.email}
            return access.user, token, None, said
        if options["scope"] is not None:
            return self._invite_oversight(actor, options)
        if not options["agency"]:
            raise ValidationFailed(
                _("ระบุ --operator, --scope ขอบเขต หรือ --agency SLUG --role ROLE")
            )
        agency = Agency.objects.filter(slug=options["agency"]).first()
        if agency is None:
            raise ValidationFailed(_("ไม่พบหน่วยงาน “%(slug)s”") % {"slug": options["agency"]})
        role = options["role"] or ""
        if role not in Role.values:
            raise ValidationFailed(
                _("บทบาท “%(role)s” ไม่ถูกต้อง บทบาทที่ใช้ได้: %(roles)s")
                % {"role": role, "roles": _roles()},
                field="role",
            )
        divisions = _divisions(agency, options["division"])
        membership, token = invite_member(
            actor=actor, agency=agency, email=options["email"], role=role, divisions=divisions
        )
        said = _("เพิ่ม %(email)s เป็น%(role)sของ%(agency)s แล้ว") % {
            "email": membership.user.email,
            "role": membership.get_role_display(),
            "agency": agency.name,
        }
        return membership.user, token, agency, said

    def _invite_oversight(
        self, actor: Any, options: dict[str, Any]
    ) -> tuple[Any, str, Agency | None, str]:
        if options["agency"] or options["role"] or options["division"]:
            raise ValidationFailed(_("ใช้ --scope คู่กับ --agency, --role หรือ --division ไม่ได้"))
        code = clean_scope(options["scope"])
        access, token = invite_site_person(
            actor=actor, email=options["email"], role=SiteRole.OVERSIGHT, scope_code=code
        )
        if not code:
            where = _("ทั้งประเทศ")
        elif len(code) == 2:
            where = _("จังหวัด%(name)s") % {"name": province_name(code)}
        else:
            where = _("อำเภอ%(district)s จังหวัด%(province)s") % {
                "district": district_name(code),
                "province": province_name(code[:2]),
            }
        said = _("เพิ่ม %(email)s เป็นผู้กำกับติดตามของ%(where)s แล้ว") % {
            "email": access.user.email,
            "where": where,
        }
        return access.user, token, None, said
