from tests.smtp import smtp_down, smtp_server  # noqa: F401 - fixtures of this folder
