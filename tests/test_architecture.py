"""The house by pipeline stage: imports point only to earlier stages, no cycles, a small public API."""

from __future__ import annotations

import ast
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

import assessor

PACKAGE = Path(assessor.__file__).resolve().parent
# Each stage and what it may import from assessor (besides itself), in pipeline order: standard → intake →
# review → scoring → reports → trust → store, with core below everything and the API, the CLI and the app on top.
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "dcrs": {"core"},
    "intake": {"core", "dcrs"},
    "review": {"core", "dcrs", "intake"},
    "scoring": {"core", "dcrs", "intake", "review"},
    "reports": {"core", "dcrs", "intake", "review", "scoring"},
    "schemas": {"core", "dcrs", "intake", "review", "scoring"},
    "system_check": {"core"},
    "trust": {"core", "dcrs", "intake", "review", "scoring", "reports"},
    "store": {"core", "dcrs", "intake", "review", "scoring", "reports", "trust"},
    "api_versions": {"core", "dcrs", "intake", "review", "scoring"},
    "api_store": {"core", "store"},
    "batch": {"core", "dcrs", "intake", "review", "scoring", "reports"},
    "api_batch": {"core", "dcrs", "api", "batch"},
    "portfolio": {"core", "dcrs", "intake", "review", "scoring", "reports", "batch"},
    "api_portfolio": {"core", "portfolio"},
    "compare": {"core", "dcrs", "intake", "review", "scoring", "reports"},
    "api_compare": {"core", "dcrs", "scoring", "api", "compare"},
    "impact": {"core", "dcrs", "intake", "review", "scoring", "reports", "compare", "batch"},
    "api_impact": {"core", "impact"},
    "api_authoring": {"core", "dcrs"},
    "render": {"core", "dcrs", "reports"},
    "api_render": {"core", "dcrs", "render"},
    "api": {"core", "dcrs", "intake", "review", "scoring", "reports", "trust", "api_versions"},
    "api_oscal": {"core", "dcrs", "intake", "review", "scoring", "reports", "trust", "api"},
    "__init__": {
        "api",
        "api_versions",
        "api_oscal",
        "api_batch",
        "api_portfolio",
        "api_compare",
        "api_impact",
        "api_authoring",
        "api_render",
        "core",
    },
    "__main__": {"cli"},
    # The shells call the API; they may also use the stages' types and presentation helpers (the
    # orchestration test below keeps them off the engine and the renderers).
    "cli": {
        "api",
        "api_versions",
        "core",
        "dcrs",
        "intake",
        "review",
        "scoring",
        "reports",
        "trust",
        "store",
        "api_store",
        "api_oscal",
        "schemas",
        "__init__",
        "batch",
        "api_batch",
        "portfolio",
        "api_portfolio",
        "compare",
        "api_compare",
        "impact",
        "api_impact",
        "api_authoring",
        "api_render",
    },
    "app": {
        "api",
        "api_versions",
        "core",
        "dcrs",
        "intake",
        "review",
        "scoring",
        "reports",
        "trust",
        "store",
        "api_store",
        "api_oscal",
        "schemas",
        "__init__",
    },
}


LOWER_THAN_TRUST = ("core", "dcrs", "intake", "review", "scoring", "reports")
LOWER_THAN_STORE = (*LOWER_THAN_TRUST, "trust")


def module_name(path: Path) -> str:
    """Dotted module name of a file inside the package."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage(module: str) -> str:
    """The stage a dotted assessor module belongs to ("assessor" itself is the API's __init__)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def known_modules() -> set[str]:
    """Dotted names of every module and package of the house."""
    return {module_name(p) for p in package_files()}


def imports(path: Path, modules: set[str] | None = None) -> set[str]:
    """Every assessor module a file imports, wherever the import sits (top level, a function, a TYPE_CHECKING
    block); `from a.b import c` counts as importing the module a.b.c when there is one, else a.b."""
    modules = known_modules() if modules is None else modules
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "assessor":
            found.update(
                f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in modules else node.module for a in node.names
            )
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "assessor")
    return found


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a path that returns to its start, or None."""
    state: dict[str, int] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        trail.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*trail[trail.index(target) :], target]
            if target in graph and target not in state and (cycle := visit(target)):
                return cycle
        state[node] = 2
        trail.pop()
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def package_files() -> list[Path]:
    """Every Python file of the package, with a guard that the walk found the whole house."""
    files = [p for p in PACKAGE.rglob("*.py") if "_bundle" not in p.parts]
    assert len(files) >= 60
    return files


def test_stages_import_only_earlier_stages() -> None:
    """No module imports a later pipeline stage, even inside a function or a TYPE_CHECKING block."""
    modules = known_modules()
    wrong = []
    for path in package_files():
        own = stage(module_name(path))
        for target in imports(path, modules):
            other = stage(target)
            if other != own and other not in ALLOWED[own]:
                wrong.append(f"{module_name(path)} imports {target}")
    assert wrong == []


def test_no_import_cycles() -> None:
    """The graph of every import between modules (deferred and type-only ones too) has no cycle."""
    modules = known_modules()
    graph = {module_name(p): imports(p, modules) - {module_name(p)} for p in package_files()}
    assert "assessor.scoring.rules.thresholds" in graph and "assessor.scoring.rules" in graph["assessor.scoring.engine"]
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_cycle_finder_sees_a_cycle_hidden_in_a_function(tmp_path: Path) -> None:
    """A cycle closed only by an import inside a function, or in a TYPE_CHECKING block, is still found."""
    first = tmp_path / "first.py"
    first.write_text("def f() -> None:\n    from assessor.x import second\n", encoding="utf-8")
    second = tmp_path / "second.py"
    second.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import assessor.x.first\n")
    modules = {"assessor.x", "assessor.x.first", "assessor.x.second"}
    graph = {"assessor.x.first": imports(first, modules), "assessor.x.second": imports(second, modules)}
    assert find_cycle(graph) == ["assessor.x.first", "assessor.x.second", "assessor.x.first"]


def test_trust_sits_above_reports_and_below_the_api() -> None:
    """assessor.trust may not import the API, the CLI or the app, and no lower stage may import trust."""
    assert not {"api", "cli", "app"} & ALLOWED["trust"]
    assert "trust" in ALLOWED["api"] and all("trust" not in ALLOWED[s] for s in LOWER_THAN_TRUST)


def test_signing_libraries_load_only_when_used() -> None:
    """Importing the API and the CLI loads neither pyHanko nor cryptography: only signing and verifying do."""
    code = "import sys, assessor, assessor.cli.main; print([m for m in ('pyhanko', 'asn1crypto') if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_store_sits_above_trust_and_below_the_api() -> None:
    """assessor.store may not import the API, the CLI or the app, and no earlier stage may import the store."""
    assert not {"api", "api_store", "cli", "app"} & ALLOWED["store"]
    assert "store" in ALLOWED["api_store"] and all("store" not in ALLOWED[s] for s in LOWER_THAN_STORE)


def test_store_libraries_load_only_when_used() -> None:
    """Importing the API and the CLI loads neither SQLAlchemy nor Alembic: only the store's commands do."""
    code = "import sys, assessor, assessor.cli.main; print([m for m in ('sqlalchemy', 'alembic') if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_command_loads_only_its_own_module() -> None:
    """`dcr validate` imports the validate command's module and no other command's (the CLI loads commands lazily)."""
    example = PACKAGE.parent / "examples" / "mature-lab.yaml"
    code = (
        "import json, sys\nfrom assessor.cli.main import main\ntry:\n"
        f"    main(['validate', {str(example)!r}, '-q'])\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('assessor.cli.') and m.count('.') == 2)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    commands = {"app", "assess", "batch", "compare", "db", "log", "migrate", "portfolio", "review", "sign",
                "standard", "template", "trust", "users", "verify"}  # fmt: skip
    assert "assessor.cli.validate" in loaded
    assert not {f"assessor.cli.{c}" for c in commands} & loaded


def test_top_level_is_small() -> None:
    """The package's top level holds the public API and little else: at most 8 modules besides the API's topic
    modules (api_<topic>.py)."""
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert "api.py" in modules and "__init__.py" in modules
    assert len([m for m in modules if not m.startswith("api_")]) <= 8, modules


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
        for target in imports(path) & direct
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


@pytest.mark.slow
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


def importlinter_contracts() -> dict[str, set[str]]:
    """The forbidden contracts of pyproject.toml's import-linter section: source stage -> stages it may not import."""
    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    assert config["root_package"] == "assessor"
    forbidden = [c for c in config["contracts"] if c["type"] == "forbidden"]
    assert all(c.get("allow_indirect_imports") is True and len(c["source_modules"]) == 1 for c in forbidden)
    return {stage(c["source_modules"][0]): {stage(m) for m in c["forbidden_modules"]} for c in forbidden}


def test_importlinter_contracts_state_the_allowed_table() -> None:
    """import-linter forbids each stage exactly the stages ALLOWED does not list (the package's __init__ aside)."""
    stages = set(ALLOWED) - {"__init__"}
    expected = {s: stages - ALLOWED[s] - {s} for s in stages}
    assert importlinter_contracts() == {s: f for s, f in expected.items() if f}


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` with the project's contracts over the copy of the package under `root`."""
    command = [str(Path(sys.executable).with_name("lint-imports")), "--no-cache", "--config", "pyproject.toml"]
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)


@pytest.mark.slow
def test_lint_imports_fails_on_an_inward_import_inside_a_function(tmp_path: Path) -> None:
    """A copy of the package passes lint-imports until core imports the scoring engine inside a function."""
    copy = tmp_path / "assessor"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("_bundle", "__pycache__"))
    shutil.copy(PACKAGE.parent / "pyproject.toml", tmp_path / "pyproject.toml")
    clean = lint_imports(tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    (copy / "core" / "inward.py").write_text("def f() -> None:\n    from assessor.scoring import engine\n")
    broken = lint_imports(tmp_path)
    assert broken.returncode == 1
    assert "core imports no other stage BROKEN" in broken.stdout
    assert "assessor.core.inward -> assessor.scoring.engine" in broken.stdout


def test_no_test_module_imports_from_another() -> None:
    """Shared test code lives in helper modules (tests/*_helpers.py, conftest.py), never in another test module,
    so each test file runs on its own and in any order."""
    tests = Path(__file__).resolve().parent
    found = []
    for path in sorted(tests.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            modules += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            found += [f"{path.relative_to(tests)}: {m}" for m in modules if m.split(".")[-1].startswith("test_")]
    assert found == []
