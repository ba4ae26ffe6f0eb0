"""The shape of the code: no import cycle between modules, no module over 500 lines.

The package layering and the Django-free core are import-linter contracts (pyproject.toml,
`lint-imports` in `make lint`); these two rules are checked here because import-linter sees
only cycles between sibling packages, not between a package and its own modules.
"""

from pathlib import Path

import grimp

import prongsai

PACKAGE_DIR = Path(prongsai.__file__).resolve().parent
MAX_LINES = 500


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append(
                        (child, iter(sorted(graph.find_modules_directly_imported_by(child))))
                    )
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_cycle_finder_finds_a_cycle():
    graph = grimp.ImportGraph()
    for name in ("pkg", "pkg.a", "pkg.b", "pkg.c"):
        graph.add_module(name)
    graph.add_import(importer="pkg.a", imported="pkg.b")
    graph.add_import(importer="pkg.b", imported="pkg")
    graph.add_import(importer="pkg", imported="pkg.a")
    graph.add_import(importer="pkg.c", imported="pkg.a")
    assert _cycles(graph) == [["pkg", "pkg.a", "pkg.b"]]


def test_no_import_cycle_between_modules():
    # Imports inside functions count too: a lazy import that closes a cycle still couples
    # the two modules both ways.
    graph = grimp.build_graph("prongsai", cache_dir=None)
    assert _cycles(graph) == []


def test_no_module_over_500_lines():
    too_long = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        if "migrations" in path.relative_to(PACKAGE_DIR).parts:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            too_long[str(path.relative_to(PACKAGE_DIR))] = lines
    assert too_long == {}, f"split these modules by concern: {too_long}"
