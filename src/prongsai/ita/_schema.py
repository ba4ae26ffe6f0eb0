"""Reading the ITA data files (YAML) with messages that name the file, the field and the problem.

Every check in the loaders goes through :class:`Node`, so a malformed file is refused with a
message such as ``ita-2565.yaml: indicators[3].tool: must be one of IIT, EIT, OIT``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import NoReturn

import yaml


class FrameworkError(ValueError):
    """An ITA data file (framework, crosswalk, measure types) is malformed or inconsistent.

    The message ("file: field: problem") is English only: it is for whoever maintains the
    YAML files, like the start-up errors of env.py, and never reaches an agency's user (the
    web side treats a year without a valid framework as a year without one).
    """


def _kind(value: object) -> str:
    """Name a YAML value's type the way a person editing the file would."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"number {value!r}"
    if isinstance(value, str):
        return f"text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


@dataclass(frozen=True)
class Node:
    """A value at ``path`` inside the data file ``file``."""

    file: str
    path: str
    value: object

    def fail(self, problem: str) -> NoReturn:
        raise FrameworkError(f"{self.file}: {self.path or '(top level)'}: {problem}")

    def _child_path(self, key: str | int) -> str:
        if isinstance(key, int):
            return f"{self.path}[{key}]"
        return f"{self.path}.{key}" if self.path else key

    # -- mappings -----------------------------------------------------------------------------

    def _mapping(self) -> dict[object, object]:
        if not isinstance(self.value, dict):
            self.fail(f"must be a mapping (key: value), not {_kind(self.value)}")
        return self.value

    def check_fields(self, required: Iterable[str], optional: Iterable[str] = ()) -> None:
        """Refuse unknown fields (typos) and report the first missing required field."""
        mapping = self._mapping()
        required = tuple(required)
        allowed = set(required) | set(optional)
        for key in mapping:
            if not isinstance(key, str) or key not in allowed:
                self.fail(f"unknown field {key!r} (allowed: {', '.join(sorted(allowed))})")
        for key in required:
            if key not in mapping:
                Node(self.file, self._child_path(key), None).fail("required field is missing")

    def field(self, key: str) -> Node:
        mapping = self._mapping()
        if key not in mapping:
            Node(self.file, self._child_path(key), None).fail("required field is missing")
        return Node(self.file, self._child_path(key), mapping[key])

    def optional(self, key: str) -> Node | None:
        mapping = self._mapping()
        if key not in mapping or mapping[key] is None:
            return None
        return Node(self.file, self._child_path(key), mapping[key])

    def entries(self) -> Iterator[tuple[object, Node]]:
        """Key/value pairs of a mapping (keys as YAML gave them)."""
        for key, value in self._mapping().items():
            yield key, Node(self.file, self._child_path(str(key)), value)

    # -- lists --------------------------------------------------------------------------------

    def elements(self, *, allow_empty: bool = False) -> list[Node]:
        if not isinstance(self.value, list):
            self.fail(f"must be a list, not {_kind(self.value)}")
        if not self.value and not allow_empty:
            self.fail("must not be empty")
        return [Node(self.file, self._child_path(i), v) for i, v in enumerate(self.value)]

    # -- scalars ------------------------------------------------------------------------------

    def text(self, *, allow_empty: bool = False) -> str:
        if not isinstance(self.value, str):
            hint = " (put it in quotes)" if isinstance(self.value, int | float) else ""
            self.fail(f"must be text{hint}, not {_kind(self.value)}")
        value = self.value.strip()
        if not value and not allow_empty:
            self.fail("must not be empty")
        return value

    def choice(self, allowed: Iterable[str]) -> str:
        allowed = tuple(allowed)
        if not isinstance(self.value, str) or self.value not in allowed:
            self.fail(f"must be one of {', '.join(allowed)} (got {_kind(self.value)})")
        return self.value

    def integer(self) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            self.fail(f"must be a whole number, not {_kind(self.value)}")
        return self.value

    def boolean(self) -> bool:
        if not isinstance(self.value, bool):
            self.fail(f"must be true or false, not {_kind(self.value)}")
        return self.value

    def number(self) -> Decimal:
        """A finite number, kept exact: a YAML float is read back from its shortest repr."""
        value = self.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(f"must be a number, not {_kind(value)}")
        if isinstance(value, float) and not math.isfinite(value):
            self.fail(f"must be a finite number, not {value!r}")
        # The repr of a finite float always reads back as a Decimal.
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)

    def percent(self) -> Decimal:
        """A number from 0 to 100."""
        value = self.number()
        if not Decimal(0) <= value <= Decimal(100):
            self.fail(f"must be between 0 and 100 (got {value})")
        return value


def parse_yaml(text: str, file: str) -> Node:
    """Parse ``text`` with ``yaml.safe_load``; YAML syntax errors name the file and the line."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(top level)"
        problem = getattr(error, "problem", None) or str(error)
        raise FrameworkError(f"{file}: {where}: not valid YAML: {problem}") from error
    return Node(file, "", data)


def optional_text(node: Node, key: str) -> str:
    child = node.optional(key)
    return "" if child is None else child.text(allow_empty=True)


def optional_flag(node: Node, key: str) -> bool:
    child = node.optional(key)
    return False if child is None else child.boolean()


def unique_codes(nodes: Iterable[tuple[Node, str]], what: str) -> None:
    """Refuse a code that appears twice; the message names both places."""
    seen: dict[str, str] = {}
    for node, code in nodes:
        if code in seen:
            node.fail(f"duplicate {what} {code} (first at {seen[code]})")
        seen[code] = node.path
