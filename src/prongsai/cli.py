"""The `prongsai` command: Django's management verbs plus ours (demo, export, render, …).

The offline tools (prongsai.core.offline) run without a server's settings: no SECRET_KEY,
no database. Every other verb needs them as the server does.
"""

import os
import sys

from prongsai.core.offline import is_offline_command, mark_offline_run


def main() -> None:
    if is_offline_command(sys.argv[1:]):
        mark_offline_run()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
