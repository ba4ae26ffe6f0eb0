from tests.logs import every_logger_at_debug  # noqa: F401 - fixtures of this folder
