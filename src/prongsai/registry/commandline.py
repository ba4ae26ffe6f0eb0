"""Who did it, for the audit log, when a change comes from the command line."""

import getpass


def command_actor() -> str:
    """The audit label of a command-line change: "cli:<the system user>" ("cli" alone when
    the system cannot say who runs the command)."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"
