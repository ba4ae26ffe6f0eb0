"""`prongsai user add --email EMAIL --scope national|province:46|district:4607`."""

from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError
from django.urls import resolve

from prongsai.agencies.models import SiteAccess, SiteRole
from prongsai.registry.invitations import usable_invitation
from tests.registry.test_commands import invite_urls, run  # noqa: F401 - the fixture

pytestmark = pytest.mark.usefixtures("invite_urls")


@pytest.mark.parametrize(
    ("scope", "code", "said"),
    [
        ("national", "", "ทั้งประเทศ"),
        ("province:46", "46", "จังหวัดกาฬสินธุ์"),
        ("district:4607", "4607", "อำเภอยางตลาด จังหวัดกาฬสินธุ์"),
        ("province:๔๖", "46", "จังหวัดกาฬสินธุ์"),
    ],
)
def test_user_add_scope_invites_an_overseer(db, scope, code, said):
    out, _err = run("user", "add", "--email", "Watch@Example.org", "--scope", scope, "--no-email")
    access = SiteAccess.objects.get(user__username="watch@example.org")
    assert (access.role, access.scope_code) == (SiteRole.OVERSIGHT, code)
    assert said in out
    token = resolve(urlsplit(out.strip().splitlines()[-1]).path).kwargs["token"]
    assert usable_invitation(token).user == access.user


@pytest.mark.parametrize("scope", ["province:99", "district:4699", "district:46", "region:4", ""])
def test_a_bad_scope_is_refused_in_thai_and_nobody_is_added(db, scope):
    with pytest.raises(CommandError, match="ขอบเขต") as refused:
        run("user", "add", "--email", "watch@example.org", "--scope", scope, "--no-email")
    assert "กรมการปกครอง" in str(refused.value)
    assert not SiteAccess.objects.exists()


def test_scope_does_not_mix_with_an_agency_or_operator(demo):
    with pytest.raises(CommandError, match="--scope"):
        run("user", "add", "--email", "w@example.org", "--scope", "national", "--agency", "ummao")
    with pytest.raises(CommandError, match="--scope"):
        run("user", "add", "--email", "w@example.org", "--scope", "national", "--operator")
    assert not SiteAccess.objects.exists()
