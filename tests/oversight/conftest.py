import pytest
from django.contrib.auth import get_user_model

from prongsai.agencies.models import SiteAccess, SiteRole


def make_overseer(code: str, name: str = ""):
    user = get_user_model().objects.create_user(
        name or f"oversight-{code or 'national'}@example.org"
    )
    SiteAccess.objects.create(user=user, role=SiteRole.OVERSIGHT, scope_code=code)
    return user


@pytest.fixture
def national(db):
    return make_overseer("")


@pytest.fixture
def kalasin(db):
    return make_overseer("46")


@pytest.fixture
def yang_talat(db):
    return make_overseer("4607")
