"""The one-way pipeline of ../DESIGN.md: every module imports only the layers before it (lazy
imports inside functions included), and no two modules import each other, even by a detour."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

# The layers, first to last (DESIGN.md's table, with the modules that serve them all first).
LAYERS = [
    ("base", {"kzct", "kzct.errors", "kzct.model", "kzct.text", "kzct.context", "kzct.formats",
              "kzct.seeds", "kzct.words", "kzct.files"}),
    ("parse", {"kzct.conversion", "kzct.wikitext", "kzct.dates", "kzct.gazetteer"}),
    ("extract", {"kzct.extract", "kzct.extract.casualties", "kzct.extract.events",
                 "kzct.extract.entities", "kzct.extract.groups"}),
    ("build", {"kzct.index"}),
    ("store", {"kzct.store", "kzct.cache"}),
    ("queries", {"kzct.queries", "kzct.search", "kzct.records", "kzct.check"}),
    ("face", {"kzct.cli", "kzct.views", "kzct.render", "kzct.layout", "kzct.complete",
              "kzct.shells", "kzct.__main__"}),
]
RANK = {module: rank for rank, (_name, modules) in enumerate(LAYERS) for module in modules}


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in sorted((ROOT / "kzct").rglob("*.py")):
        module = _module(path)
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name.startswith("kzct")}
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kzct"):
                # `from kzct import layout` imports the module kzct.layout
                found |= {f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in RANK
                          else node.module for a in node.names}
        graph[module] = found - {module}
    return graph


def test_every_module_has_a_layer() -> None:
    assert sorted(set(_imports()) - set(RANK)) == []


def test_imports_go_only_to_earlier_layers() -> None:
    upward = sorted(f"{a} ({LAYERS[RANK[a]][0]}) imports {b} ({LAYERS[RANK[b]][0]})"
                    for a, targets in _imports().items() for b in targets if RANK[b] > RANK[a])
    assert upward == []


def test_no_import_cycle() -> None:
    graph = _imports()
    cycles = []

    def visit(module: str, path: list[str]) -> None:
        for target in sorted(graph.get(module, ())):
            if target in path:
                cycles.append(" → ".join(path[path.index(target):] + [target]))
            elif target not in done:
                visit(target, path + [target])
        done.add(module)

    done: set[str] = set()
    for module in sorted(graph):
        if module not in done:
            visit(module, [module])
    assert cycles == []
