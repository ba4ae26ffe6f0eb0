"""Sending an invitation by e-mail where a failed send is no failure: the link is shown to
the person who invited (page or command) either way, so they can pass it on themselves."""

import logging
from typing import Any

from prongsai.agencies.models import Agency
from prongsai.registry.invitations import send_invitation

logger = logging.getLogger(__name__)


def try_send_invitation(user: Any, token: str, agency: Agency | None = None) -> bool:
    """E-mail the invitation; False (and a logged warning, without the link) if it failed."""
    try:
        send_invitation(user, token, agency)
    except OSError as error:  # smtplib's errors, refused or timed-out connections
        logger.warning("invitation e-mail to user %s not sent: %s", user.pk, error)
        return False
    return True
