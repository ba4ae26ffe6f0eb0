import pytest

from tests.conftest import make_overseer


@pytest.fixture
def national(db):
    return make_overseer("")


@pytest.fixture
def kalasin(db):
    return make_overseer("46")


@pytest.fixture
def yang_talat(db):
    return make_overseer("4607")
