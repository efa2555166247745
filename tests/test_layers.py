"""Layering of the trust subpackage: it sits above reports and below the API; lower stages never import it."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "assessor"
LOWER = ("core", "dcrs", "intake", "review", "scoring", "reports")
ABOVE_TRUST = ("assessor.api", "assessor.cli", "assessor.app")


def imported(path: Path) -> set[str]:
    """Every module a file imports (absolute names)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_trust_imports_nothing_above_it() -> None:
    """assessor.trust never imports the API, the CLI or the app."""
    files = sorted((PACKAGE / "trust").glob("*.py"))
    assert len(files) >= 5
    bad = {f.name: n for f in files for n in imported(f) if n.startswith(ABOVE_TRUST)}
    assert bad == {}


def test_lower_stages_do_not_import_trust() -> None:
    """No module of a lower pipeline stage imports assessor.trust."""
    files = [f for stage in LOWER for f in (PACKAGE / stage).rglob("*.py")]
    assert len(files) > 30
    assert [f.name for f in files if any(n.startswith("assessor.trust") for n in imported(f))] == []


def test_signing_libraries_load_only_when_used() -> None:
    """Importing the API and the CLI loads neither pyHanko nor cryptography: only signing and verifying do."""
    import subprocess
    import sys

    code = "import sys, assessor, assessor.cli.main; print([m for m in ('pyhanko', 'asn1crypto') if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
