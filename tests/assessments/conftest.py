import pytest

from prongsai.assessments.models import ItaResult


@pytest.fixture
def result_2564(demo):
    """The demo agency's illustrative ITA 2564 result (recorded by load_demo)."""
    return ItaResult.objects.get(agency=demo, fiscal_year=2564)
