from tests.logs import every_logger_at_debug  # noqa: F401 - fixtures of this folder
from tests.smtp import smtp_down, smtp_server  # noqa: F401
