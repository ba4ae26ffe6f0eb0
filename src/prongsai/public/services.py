"""What the public side's service modules share: role labels and the audit record.

The only code that changes reports, publications and cases is services_reports (report
approval and publication) and services_cases (feedback and complaints). Each function
validates, writes and records an audit event in one transaction. Report functions take the
actor's Membership: the role rules of the approval (coordinator submits and publishes,
executive decides) hold here as well as in the views, through agencies.access.require_role;
so does the complaint officer's.
"""

from collections.abc import Sequence
from typing import Any

from prongsai.agencies.models import Agency, Role
from prongsai.core.i18n import thai_label


def role_label(role: str) -> str:
    """The Thai name of a role, as the public sees who acted (never a person's name)."""
    return thai_label(Role(role))


def record(
    actor: Any,
    agency: Agency,
    action: str,
    obj: Any,
    payload: dict[str, Any],
    rows: Sequence[Any] = (),
) -> None:
    """An audit event (see audit.services.record_event); it binds `rows` (and `obj`) when
    their models are declared audited."""
    from prongsai.audit.services import record_event

    record_event(actor=actor, agency=agency, action=action, obj=obj, payload=payload, rows=rows)
