"""The house by pipeline stage: imports point only to earlier stages, no cycles, a small public API."""

from __future__ import annotations

import ast
import inspect
import re
import sys
from importlib import metadata
from pathlib import Path

import assessor

PACKAGE = Path(assessor.__file__).resolve().parent
# Each stage and what it may import from assessor (besides itself), in pipeline order: standard → intake →
# review → scoring → reports, with core below everything and the API, the CLI and the app on top.
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "dcrs": {"core"},
    "intake": {"core", "dcrs"},
    "review": {"core", "dcrs", "intake"},
    "scoring": {"core", "dcrs", "intake", "review"},
    "reports": {"core", "dcrs", "intake", "review", "scoring"},
    "schemas": {"core", "dcrs", "intake", "review", "scoring"},
    "system_check": {"core"},
    "api": {"core", "dcrs", "intake", "review", "scoring", "reports"},
    "__init__": {"api", "core"},
    "__main__": {"cli"},
    "cli": {"api", "core", "dcrs", "intake", "review", "scoring", "schemas", "__init__"},
    "app": {"api", "core", "dcrs", "intake", "review", "scoring", "schemas", "__init__"},
}


def module_name(path: Path) -> str:
    """Dotted module name of a file inside the package."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage(module: str) -> str:
    """The stage a dotted assessor module belongs to ("assessor" itself is the API's __init__)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports(path: Path, *, top_level_only: bool) -> set[str]:
    """The assessor modules a file imports (all of them, or only those imported when the module loads)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "assessor":
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "assessor")
    return found


def package_files() -> list[Path]:
    """Every Python file of the package, with a guard that the walk found the whole house."""
    files = [p for p in PACKAGE.rglob("*.py") if "_bundle" not in p.parts]
    assert len(files) >= 60
    return files


def test_stages_import_only_earlier_stages() -> None:
    """No module imports a later pipeline stage, even inside a function."""
    wrong = []
    for path in package_files():
        own = stage(module_name(path))
        for target in imports(path, top_level_only=False):
            other = stage(target)
            if other != own and other not in ALLOWED[own]:
                wrong.append(f"{module_name(path)} imports {target}")
    assert wrong == []


def test_no_import_cycles() -> None:
    """The graph of load-time imports between modules has no cycle."""
    graph = {module_name(p): imports(p, top_level_only=True) for p in package_files()}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if target not in graph:
                continue
            assert state.get(target) != 1, "import cycle: " + " -> ".join([*trail, node, target])
            if target not in state:
                visit(target, [*trail, node])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    assert len(state) == len(graph)


def test_top_level_is_small() -> None:
    """The package's top level holds the public API and little else: at most 8 modules."""
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert "api.py" in modules and "__init__.py" in modules
    assert len(modules) <= 8, modules


def test_public_api_is_documented_and_complete() -> None:
    """Every name in assessor.__all__ exists, and every function and class in it has a docstring."""
    assert len(assessor.__all__) >= 10
    for name in assessor.__all__:
        value = getattr(assessor, name)
        if inspect.isfunction(value) or inspect.isclass(value):
            assert inspect.getdoc(value), f"assessor.{name} has no docstring"


def test_cli_and_app_hold_no_orchestration() -> None:
    """The CLI and the app never call the scoring engine or the report renderers directly."""
    direct = {"assessor.scoring.engine", "assessor.reports.pdf", "assessor.reports.xlsx", "assessor.reports.context"}
    offenders = [
        f"{module_name(path)} imports {target}"
        for path in package_files()
        if stage(module_name(path)) in {"cli", "app"}
        for target in imports(path, top_level_only=False) & direct
    ]
    assert offenders == []


def third_party_imports(paths: list[Path]) -> set[str]:
    """Top-level names of non-stdlib modules imported by the given files."""
    names: set[str] = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
    return {n for n in names if n not in sys.stdlib_module_names and n not in {"assessor", "__future__"}}


def declared(extra: str | None) -> set[str]:
    """Distribution names the package declares: the core dependencies, or one extra's."""
    requires = metadata.requires("dcr-assessor") or []
    marker = re.compile(r"extra\s*==\s*['\"]([\w-]+)['\"]")
    chosen = [r for r in requires if (m.group(1) if (m := marker.search(r)) else None) == extra]
    return {re.split(r"[<>=!~ ;\[]", r, maxsplit=1)[0].lower() for r in chosen}


def test_every_imported_library_is_declared() -> None:
    """Core code imports only core dependencies; the app may add the `app` extra's."""
    distributions = {k: {d.lower() for d in v} for k, v in metadata.packages_distributions().items()}
    files = package_files()
    app_files = [p for p in files if stage(module_name(p)) == "app"]
    core_files = [p for p in files if p not in app_files]
    core, app = declared(None), declared("app")
    for paths, allowed in ((core_files, core), (app_files, core | app)):
        for name in third_party_imports(paths):
            assert distributions.get(name, set()) & allowed, f"{name} is imported but not declared"
    assert "streamlit" in app and "streamlit" not in core
