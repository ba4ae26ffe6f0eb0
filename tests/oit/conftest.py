from tests.public.conftest import fake_pdf  # noqa: F401 - the fast PDF renderer
