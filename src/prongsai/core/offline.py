"""The offline tools: commands that read files and print, touching no database and no secret.

`prongsai lint FILE`, `prongsai score`, `prongsai frameworks`, `prongsai import FILE` without
--save, and help run on a workstation as plain commands. prongsai.cli marks such a run before
Django reads its settings; settings.py then needs no SECRET_KEY (a throwaway one signs
nothing that outlives the process), creates no var/ folder and has no database at all, so
an offline command that tried to query would fail instead of opening a real one. The mark is
a flag in this process, not an environment variable, so neither the web server nor any
other command can be started with it.
"""

import re

# What `prongsai lint --agency` takes for an agency slug (looked up in the database) rather
# than the agency's Thai name.
AGENCY_SLUG = re.compile(r"[-a-z0-9_]+")

_HELP = {"help", "--help", "-h", "version", "--version"}
_ALWAYS_OFFLINE = {"score", "frameworks"}

_offline_run = False


def is_offline_command(args: list[str]) -> bool:
    """Whether `prongsai ARGS...` is one of the offline tools (ARGS: the words after it)."""
    if not args or args[0] in _HELP or "--help" in args or "-h" in args:
        return True
    verb, rest = args[0], args[1:]
    if verb == "import":
        return not any(a == "--save" for a in rest)
    if verb == "lint":
        return not any(AGENCY_SLUG.fullmatch(v) for v in _values_of("--agency", rest))
    return verb in _ALWAYS_OFFLINE


def _values_of(option: str, args: list[str]) -> list[str]:
    values = []
    for i, arg in enumerate(args):
        if arg == option and i + 1 < len(args):
            values.append(args[i + 1])
        elif arg.startswith(option + "="):
            values.append(arg.split("=", 1)[1])
    return values


def mark_offline_run() -> None:
    """Called by prongsai.cli, before the settings are read, for an offline command."""
    global _offline_run
    _offline_run = True


def offline_run() -> bool:
    return _offline_run
