"""The one-way pipeline of docs/architecture.md: every module imports only the layers before it
(lazy imports inside functions included), no two modules import each other, even by a detour,
and the folders are the layers."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

from conftest import ROOT

# The layers, first to last, as docs/architecture.md draws them: the top-level modules are the
# base every layer may use; each later layer is a package of its own (but build, one module).
LAYERS = [
    ("base", {"kzct", "kzct.errors", "kzct.model", "kzct.text", "kzct.context", "kzct.formats",
              "kzct.seeds", "kzct.words", "kzct.files", "kzct.sounds", "kzct.exports",
              "kzct.provenance", "kzct.fetch"}),
    ("parse", {"kzct.parse", "kzct.parse.conversion", "kzct.parse.wikitext", "kzct.parse.dates",
               "kzct.parse.gazetteer", "kzct.parse.romanize", "kzct.parse.unclosed"}),
    ("extract", {"kzct.extract", "kzct.extract.casualties", "kzct.extract.events",
                 "kzct.extract.entities", "kzct.extract.groups"}),
    ("build", {"kzct.build"}),
    ("store", {"kzct.store", "kzct.store.database", "kzct.store.cache"}),
    ("queries", {"kzct.queries", "kzct.queries.lists", "kzct.queries.search",
                 "kzct.queries.records", "kzct.queries.check", "kzct.queries.diff"}),
    ("face", {"kzct.face", "kzct.face.cli", "kzct.face.views", "kzct.face.render",
              "kzct.face.layout", "kzct.face.complete", "kzct.face.shells", "kzct.__main__"}),
]
RANK = {module: rank for rank, (_name, modules) in enumerate(LAYERS) for module in modules}


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache  # the same modules, read once for the four tests
def _imports() -> dict[str, frozenset[str]]:
    graph: dict[str, frozenset[str]] = {}
    for path in sorted((ROOT / "kzct").rglob("*.py")):
        module = _module(path)
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name.startswith("kzct")}
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kzct"):
                # `from kzct.face import layout` imports the module kzct.face.layout
                found |= {f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in RANK
                          else node.module for a in node.names}
        graph[module] = frozenset(found - {module})
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


def test_the_folders_are_the_layers() -> None:
    for module in _imports():
        parts = module.split(".")
        layer = LAYERS[RANK[module]][0]
        if len(parts) > 2 or (len(parts) == 2 and parts[1] in ("parse", "extract", "store",
                                                                  "queries", "face")):
            assert parts[1] == layer, module
        else:
            assert layer in ("base", "build") or module == "kzct.__main__", module


def test_the_architecture_document_names_every_module() -> None:
    document = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = {m for m in RANK if m not in ("kzct", "kzct.__main__")
             and "/".join(m.split(".")) + ("/" if m.count(".") == 1 and
                                          (ROOT / m.replace(".", "/")).is_dir() else ".py")
             not in document}
    assert named == set()
