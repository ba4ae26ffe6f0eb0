"""Shared fixtures: the demo agency and named personas.

Personas (healthchecks style): coordinator, reporter_chang (กองช่าง), reporter_palad
(สำนักปลัด), executive, viewer, complaint_officer of ummao; outsider = the coordinator of
another agency; anonymous = the plain test client.
"""

import datetime as dt
import ipaddress
import os
import socket

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management.commands import flush
from django.test import Client
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from prongsai.agencies.models import Agency, AgencyKind, Role, SiteAccess, SiteRole
from prongsai.audit.guard import maintenance
from prongsai.demo.agency import AS_OF, PASSWORD, YEAR, load_demo
from prongsai.memos.builders import implementation as build_implementation
from prongsai.memos.builders import measures as build_measures
from prongsai.public.views_public import forget_local_pages
from prongsai.registry.services import add_division, create_agency, set_membership
from tests.pending_catalogue import in_english

# Property tests: no per-example deadline (CI machines are shared and slow at times); on CI
# (CI=true) the examples are derandomized so a run is reproducible, while local runs keep
# exploring new examples.
hypothesis_settings.register_profile(
    "prongsai", deadline=None, derandomize=os.environ.get("CI") == "true"
)
hypothesis_settings.load_profile("prongsai")

# Test-database flushes (transactional tests) delete rows of the append-only tables; they
# run in maintenance mode, which the SQLite triggers let through.
_original_flush = flush.Command.handle


def _flush_in_maintenance(self, *args, **kwargs):
    with maintenance():
        return _original_flush(self, *args, **kwargs)


flush.Command.handle = _flush_in_maintenance


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"


@pytest.fixture(autouse=True)
def _thai_after_each_test():
    """The locale middleware activates the asker's language in the test's thread and leaves
    it active (a request of an English client would otherwise turn the messages of the
    next tests' services English)."""
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rows a test wrote straight to the database
    (without a service, so without an audit event) must not meet a page cached by another."""
    cache.clear()
    forget_local_pages()


@pytest.fixture(autouse=True)
def _no_outside_dns(monkeypatch):
    """The link checker never reaches the Internet from the tests: a name other than
    localhost is unknown (tests that need names give their own resolver)."""
    from prongsai.oit import fetch

    real = socket.getaddrinfo

    def local_only(host, port, *args, **kwargs):
        try:
            ipaddress.ip_address(host)
        except ValueError:
            if host != "localhost":
                raise socket.gaierror(socket.EAI_NONAME, "no outside network in tests") from None
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(fetch, "getaddrinfo", local_only)


@pytest.fixture
def demo(db):
    agency, _ = load_demo()
    return agency


def _user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def coordinator(demo):
    return _user("ummao-coordinator")


@pytest.fixture
def reporter_chang(demo):
    return _user("ummao-reporter-chang")


@pytest.fixture
def reporter_palad(demo):
    return _user("ummao-reporter-palad")


@pytest.fixture
def executive(demo):
    return _user("ummao-executive")


@pytest.fixture
def viewer(demo):
    return _user("ummao-viewer")


@pytest.fixture
def complaint_officer(demo):
    return _user("ummao-complaints")


def make_overseer(code: str, name: str = ""):
    """An oversight person of `code` ("" the nation, "46" a province, "4607" a district)."""
    user = get_user_model().objects.create_user(
        name or f"oversight-{code or 'national'}@example.org"
    )
    SiteAccess.objects.create(user=user, role=SiteRole.OVERSIGHT, scope_code=code)
    return user


@pytest.fixture
def operator(db):
    """A site operator without any membership."""
    user = get_user_model().objects.create_user("op@example.org", email="op@example.org")
    SiteAccess.objects.create(user=user, role=SiteRole.OPERATOR)
    return user


@pytest.fixture
def other_agency(db):
    agency = create_agency(
        actor="test",
        name="องค์การบริหารส่วนตำบลสามเรือน",
        kind=AgencyKind.SAO,
        province="สุโขทัย",
        district="ศรีสำโรง",
        province_code="64",
        district_code="6406",
        subdistrict_code="640603",
        subdistrict="สามเรือน",
        document_number="๗๒๔๐๑",
        head_title="นายกองค์การบริหารส่วนตำบลสามเรือน",
        slug="samruean",
    )
    add_division(actor="test", agency=agency, name="สำนักปลัด")
    return agency


@pytest.fixture
def outsider(other_agency):
    user = get_user_model().objects.create_user("samruean-coordinator", password=PASSWORD)
    set_membership(actor="test", agency=other_agency, user=user, role=Role.COORDINATOR)
    return user


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def as_user():
    """as_user(user) → a test client logged in as that user (None: anonymous)."""
    return client_for


@pytest.fixture
def ummao(demo) -> Agency:
    return demo


@pytest.fixture
def implementation(demo):
    return build_implementation.build(demo, YEAR, as_of=AS_OF)


@pytest.fixture
def measures_memo(demo):
    return build_measures.build(demo, YEAR, as_of=AS_OF)


@pytest.fixture
def as_of() -> dt.date:
    return AS_OF


@pytest.fixture
def english():
    """English active (the second catalogue)."""
    with in_english():
        yield
