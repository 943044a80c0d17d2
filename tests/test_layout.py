"""The package's layout: one package per pipeline seam, lower layers never importing higher
ones, and no import cycle between modules, counting imports made inside functions (which
Python resolves late, so a cycle through them only shows at run time). Imports under
``if TYPE_CHECKING:`` are for the type checker and are not counted."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import gipparse

SRC = Path(gipparse.__file__).parent

#: Layers from the bottom up: a module may import its own layer and those below it.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "caches", "hookspecs", "patterns", "classes"),
    ("script",),
    ("tree",),
    ("source", "tables", "structure"),
    ("templates",),
    ("checks",),
    ("manager",),
    ("pipeline", "writer"),
    ("export",),
    ("cli", "plugin", "testing", "__main__", "__init__"),
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module name to the names of the package's modules it imports."""
    modules = {_module_name(p): p for p in SRC.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges: set[str] = set()
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *filter(None, [base])])
                targets = [
                    f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                    for a in node.names
                ]
            edges.update(t for t in targets if t in modules and t != name)
        graph[name] = edges
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return found


def _seam(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_the_graph_sees_function_level_imports() -> None:
    graph = import_graph()
    # manager.builtin_plugins imports the built-in plugins inside the function.
    assert "gipparse.tables.tab" in graph["gipparse.manager"]
    assert "gipparse.tree.nodes" in graph["gipparse.tables.tab"]


def test_no_import_cycle() -> None:
    assert _cycles(import_graph()) == []


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_module_belongs_to_a_layer() -> None:
    assert sorted({_seam(m) for m in import_graph()} - set(RANK)) == []


def test_lower_layers_never_import_higher_ones() -> None:
    upward = [
        f"{module} -> {target}"
        for module, targets in sorted(import_graph().items())
        for target in sorted(targets)
        if RANK[_seam(target)] > RANK[_seam(module)]
    ]
    assert upward == []


#: The module each distribution the package declares is imported as.
_IMPORTED_AS = {"pyarrow": "pyarrow", "openpyxl": "openpyxl", "pandas": "pandas", "dask": "dask"}


def _third_party_imports() -> dict[str, set[str]]:
    """Top-level name of each module outside the standard library and the package that
    some module of the package imports, to the modules importing it."""
    found: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                continue
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
            for name in filter(None, names):
                top = name.partition(".")[0]
                if top not in sys.stdlib_module_names and top != "gipparse":
                    found.setdefault(top, set()).add(_module_name(path))
    return found


def test_every_third_party_import_is_a_declared_dependency() -> None:
    import tomllib

    project = tomllib.loads((SRC.parent.parent / "pyproject.toml").read_text("utf-8"))["project"]

    def names(requirements: list[str]) -> set[str]:
        return {re.split(r"[\[<>=~! ;]", r, maxsplit=1)[0].lower() for r in requirements}

    runtime = names(project["dependencies"])
    assert runtime == {"pluggy", "attrs"}
    runtime.add("attr")  # the attrs distribution's other package (its internals)
    extras = project["optional-dependencies"]
    imported = _third_party_imports()
    # What every report needs comes from the runtime dependencies; an extra's package is
    # imported only by the feature it serves; pytest and hypothesis only by the testing
    # helpers third-party plugins use in their own tests.
    optional = {
        _IMPORTED_AS[d]
        for extra in ("parquet", "xlsx", "dataframe", "dask")
        for d in names(extras[extra])
    }
    assert set(imported) <= runtime | optional | {"pytest", "hypothesis"}
    assert imported.get("pytest", set()) | imported.get("hypothesis", set()) <= {"gipparse.testing"}
