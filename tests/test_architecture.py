"""The layering holds: the library never reaches the terminal, the face goes through the front
door, and no two modules import each other (imports inside functions count too)."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

FACE = {"newsgraph.cli", "newsgraph.console"}
# What the face may import of the package: the front door, the errors, and itself.
FRONT_DOOR = {"newsgraph.graph.api", "newsgraph.errors", "newsgraph", *FACE}


def _modules() -> dict[str, Path]:
    found = {}
    for path in REPO.rglob("*.py"):
        relative = path.relative_to(REPO)
        if relative.parts[0] in ("tests", "bench", ".venv", "bench-venv", "build") or relative.parts[0].startswith("."):
            continue
        parts = list(relative.with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(["newsgraph", *parts])] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that `name` imports, at the top or inside functions."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # `from package import module` imports the module; `from module import name` the module.
            submodules = [f"{target}.{alias.name}" for alias in node.names if f"{target}.{alias.name}" in modules]
            candidates = submodules if len(submodules) == len(node.names) else [target, *submodules]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        found |= {candidate for candidate in candidates if candidate in modules}
    return found - {name}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def test_the_library_never_imports_the_face():
    for name, imported in _graph().items():
        if name.startswith(("newsgraph.graph", "newsgraph.ontology", "newsgraph.queries")):
            assert not imported & FACE, f"{name} imports {sorted(imported & FACE)}"


def test_the_face_goes_through_the_front_door():
    graph = _graph()
    for name in FACE:
        assert graph[name] <= FRONT_DOOR, f"{name} imports {sorted(graph[name] - FRONT_DOOR)}"


def test_no_two_modules_import_each_other():
    graph = _graph()
    # Every cycle, however long, as the strongly connected components of the import graph.
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert cycles == [], f"modules that import each other: {cycles}"


def test_the_checker_sees_a_cycle_and_a_face_import(tmp_path):
    """The checks above can fail: a package is not package-relative before `newsgraph`."""
    modules = {"newsgraph.graph.a": tmp_path / "a.py", "newsgraph.graph.b": tmp_path / "b.py", "newsgraph.console": tmp_path / "c.py"}
    (tmp_path / "a.py").write_text("def f():\n    from . import b\n    from ..console import echo\n")
    (tmp_path / "b.py").write_text("from .a import f\n")
    assert _imports("newsgraph.graph.a", modules["newsgraph.graph.a"], modules) == {"newsgraph.graph.b", "newsgraph.console"}
    assert _imports("newsgraph.graph.b", modules["newsgraph.graph.b"], modules) == {"newsgraph.graph.a"}
