import pytest
from django.contrib.auth import get_user_model

from prongsai.oit.models import OitItem
from tests.smtp import smtp_down, smtp_server  # noqa: F401 - fixtures of this folder


@pytest.fixture
def mailboxes(demo):
    """The demo's people with e-mail addresses (their user names are not addresses)."""
    for user in get_user_model().objects.filter(username__startswith="ummao-"):
        user.email = f"{user.username}@ummao.go.th"
        user.save(update_fields=["email"])
    # the tests give the OIT items they remind of: the demo's own checklist goes first
    OitItem.objects.filter(agency=demo).delete()
    return demo
