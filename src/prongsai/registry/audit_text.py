"""The registry's audit events in one sentence each (see audit.sentences)."""

from collections.abc import Sequence

from django.utils.translation import gettext as _

from prongsai.agencies.models import Role
from prongsai.audit.sentences import Event


def _role(value: object) -> str:
    return str(Role(value).label) if value in Role.values else str(value)


def describe(events: Sequence[Event]) -> dict[int, str]:
    said = {}
    for e in events:
        p = e.payload
        if e.action == "agency.create":
            said[e.seq] = _("สร้างหน่วยงาน %(name)s") % {"name": p.get("name", "")}
        elif e.action == "division.create":
            said[e.seq] = _("เพิ่มส่วนราชการ %(name)s") % {"name": p.get("name", "")}
        elif e.action == "division.rename":
            said[e.seq] = _("เปลี่ยนชื่อส่วนราชการ %(old)s เป็น %(name)s") % {
                "old": p.get("old", ""),
                "name": p.get("name", ""),
            }
        elif e.action == "division.reorder":
            said[e.seq] = _("จัดลำดับส่วนราชการใหม่")
        elif e.action == "division.retire":
            said[e.seq] = _("เลิกใช้ส่วนราชการ %(name)s") % {"name": p.get("name", "")}
        elif e.action == "division.restore":
            said[e.seq] = _("นำส่วนราชการ %(name)s กลับมาใช้") % {"name": p.get("name", "")}
        elif e.action == "agency.profile":
            said[e.seq] = _("แก้ไขข้อมูลหน่วยงาน")
        elif e.action == "membership.set":
            text = _("กำหนดให้ %(user)s เป็น%(role)s") % {
                "user": p.get("user", ""),
                "role": _role(p.get("role")),
            }
            if p.get("divisions"):
                text += f" ({', '.join(p['divisions'])})"
            said[e.seq] = text
        elif e.action == "membership.deactivate":
            said[e.seq] = _("ปิดการใช้งานของ %(user)s") % {"user": p.get("user", "")}
        elif e.action == "membership.reactivate":
            said[e.seq] = _("เปิดการใช้งานของ %(user)s อีกครั้ง") % {"user": p.get("user", "")}
        elif e.action == "invitation.create":
            said[e.seq] = _("ส่งคำเชิญให้ %(user)s ตั้งรหัสผ่าน") % {"user": p.get("user", "")}
        elif e.action == "invitation.accept":
            said[e.seq] = _("%(user)s ตั้งรหัสผ่านจากคำเชิญแล้ว") % {"user": p.get("user", "")}
    return said
