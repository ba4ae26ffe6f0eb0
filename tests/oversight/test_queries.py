"""Each oversight page runs the same number of queries for 100 agencies as for 400."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import client_for
from tests.oversight.factory import make_agencies

URLS = (
    "/o/2565/",
    "/o/2565/46/",
    "/o/2565/46/4607/",
    "/o/2565/46/?sort=-done&measures=yes",
    "/o/2565/?format=csv",
    "/o/2565/?rows=agencies&format=csv",
    "/o/2565/46/4607/?format=xlsx",
)


def counts(user) -> dict[str, int]:
    client = client_for(user)
    found = {}
    for url in URLS:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            assert response.status_code == 200, url
            if response.streaming:
                b"".join(response.streaming_content)
        found[url] = len(queries)
    return found


def test_the_query_count_does_not_grow_with_the_agencies(national):
    make_agencies(0, 100)
    with_100 = counts(national)
    make_agencies(100, 300)
    with_400 = counts(national)
    assert with_100 == with_400
    assert max(with_100.values()) < 30, with_100
