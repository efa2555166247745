"""The README stays true: every command is documented and its example commands run."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import click
import pytest

from assessor.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLE_COMMANDS = re.findall(r"^\.venv/bin/dcr (.+)$", README, flags=re.MULTILINE)


def command_paths(group: click.Group, prefix: str = "") -> list[str]:
    """Every leaf command of the CLI as 'standard validate', 'assess', ..."""
    paths = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            paths += command_paths(command, f"{prefix}{name} ")
        else:
            paths.append(f"{prefix}{name}")
    return paths


def test_every_command_is_in_the_readme() -> None:
    """Each `dcr` command appears in the README's command list."""
    commands = command_paths(cli)
    assert len(commands) >= 6
    assert [c for c in commands if f"dcr {c}" not in README] == []


def test_readme_names_the_two_commands() -> None:
    """The quick start shows `make app` and `make test`."""
    assert "make app" in README and "make test" in README


def test_readme_has_example_commands() -> None:
    """Guard: the README's runnable examples were found."""
    assert len(EXAMPLE_COMMANDS) >= 3


@pytest.mark.parametrize("command", EXAMPLE_COMMANDS)
def test_readme_example_runs(command: str) -> None:
    """Each example command in the README succeeds from the project root."""
    dcr = Path(sys.executable).parent / "dcr"
    proc = subprocess.run([str(dcr), *shlex.split(command)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


def test_readme_python_example_runs(tmp_path: Path) -> None:
    """The README's Python example runs as printed and writes all three reports."""
    block = re.search(r"<!-- python-example -->\n```python\n(.*?)```", README, flags=re.DOTALL)
    assert block is not None
    code = block.group(1)
    assert len(code.strip().splitlines()) <= 12
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "level 2" in proc.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf", "report.xlsx", "result.json"]
