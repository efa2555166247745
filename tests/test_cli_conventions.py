"""CLI conventions a developer's CI relies on: stdin, machine-readable problems, quiet mode, stderr, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINI, CliResult, load_yaml

DATA = Path(__file__).resolve().parent / "data"
VALID = DATA / "valid-mini-submission.yaml"
INVALID = DATA / "invalid-submissions" / "invalid-unknown-evidence.yaml"
Dcr = Callable[..., CliResult]


def run_module(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run `python -m assessor ARGS` in a real process, feeding `stdin`."""
    cmd = [sys.executable, "-m", "assessor", *args]
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, check=False)


@pytest.mark.slow
def test_stdin_yaml_and_json() -> None:
    """`-` reads a submission from standard input in the format --format names."""
    text = VALID.read_text(encoding="utf-8")
    assert run_module("validate", "-", "--format", "yaml", "--standard", str(MINI), stdin=text).returncode == 0

    as_json = json.dumps(load_yaml(text), default=str)
    proc = run_module("assess", "-", "--format", "json", "--standard", str(MINI), "--json", "-", stdin=as_json)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["provenance"]["standard_id"] == "TST"


@pytest.mark.slow
def test_stdin_problems_are_located() -> None:
    """A broken document on standard input is reported against <stdin> with its line."""
    proc = run_module("validate", "-", "--format", "yaml", stdin="standard: {id: DCRS\n")
    assert proc.returncode == 4
    assert "<stdin>:" in proc.stderr and "Traceback" not in proc.stderr


def test_stdin_needs_a_format(dcr: Dcr) -> None:
    """`-` without --format, or --format with a file, is a usage error (exit 2)."""
    assert dcr("validate", "-").code == 2
    assert dcr("validate", VALID, "--format", "yaml", "--standard", MINI).code == 2


def test_problems_as_json_lines(dcr: Dcr) -> None:
    """--problems json prints one JSON object per problem with code, location and message."""
    result = dcr("validate", INVALID, "--standard", MINI, "--problems", "json")
    assert result.code == 4
    records = [json.loads(line) for line in result.err.splitlines()]
    assert records and all({"code", "severity", "location", "message", "file"} <= set(r) for r in records)
    assert any(r["code"] == "unknown-evidence" and r["line"] > 0 for r in records)


def test_problems_as_github_annotations(dcr: Dcr) -> None:
    """--problems github prints workflow annotations naming the file and line."""
    result = dcr("validate", INVALID, "--standard", MINI, "--problems", "github")
    assert result.code == 4
    lines = result.err.splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ")) for line in lines)
    assert any("title=unknown-evidence" in line and ",line=" in line for line in lines)


def test_quiet_prints_nothing_on_success(dcr: Dcr, tmp_path: Path) -> None:
    """-q silences summaries and "Wrote" lines but keeps problems (warnings) and the requested output."""
    result = dcr("validate", VALID, "--standard", MINI, "-q")
    assert result.code == 0 and result.out == "" and "is valid" not in result.err
    result = dcr("assess", VALID, "--standard", MINI, "-q", "--json", tmp_path / "r.json")
    assert result.code == 0 and result.out == "" and (tmp_path / "r.json").is_file()
    assert "Wrote" not in result.err and "Overall" not in result.err


def test_wrote_lines_go_to_stderr(dcr: Dcr, tmp_path: Path) -> None:
    """Every "Wrote …" line is on standard error; standard output carries only results."""
    result = dcr("assess", VALID, "--standard", MINI, "--json", tmp_path / "r.json")
    assert "Wrote" in result.err and "Wrote" not in result.out
    result = dcr("template", "--yaml", tmp_path / "t.yaml")
    assert "Wrote" in result.err and "Wrote" not in result.out


def test_missing_output_folder_is_an_error(dcr: Dcr, tmp_path: Path) -> None:
    """An output path in a folder that does not exist is a usage error; nothing is created."""
    for option in ("--json", "--pdf", "--xlsx"):
        result = dcr("assess", VALID, "--standard", MINI, option, tmp_path / "nope" / "out")
        assert result.code == 2 and "does not exist" in result.err
    assert dcr("template", "--yaml", tmp_path / "nope" / "t.yaml").code == 2
    assert list(tmp_path.iterdir()) == []


def test_help_lists_exit_codes_and_formats(dcr: Dcr) -> None:
    """`dcr --help` documents every exit code and the accepted input formats."""
    result = dcr("--help")
    assert result.code == 0
    for text in ("Exit codes", "70", "the standard is invalid", ".xlsx", "--problems"):
        assert text in result.out


def test_module_entry_point() -> None:
    """`python -m assessor` is the dcr command."""
    proc = run_module("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("dcr")


def test_help_lists_every_command_without_importing_any() -> None:
    """`dcr --help` lists each command with its one-line summary and imports no command's module."""
    from assessor.cli.main import COMMANDS, SUMMARIES

    probe = (
        "import sys\nfrom assessor.cli.main import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('assessor.') and m.split('.')[-1] not in "
        "('main', 'lazy', 'output', 'cli', 'exit_codes', 'problems', 'core', 'text', 'limits')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    section = proc.stdout.split("Commands:\n")[1].split("\n\n")[0]
    listed = {line.split()[0]: " ".join(line.split()[1:]) for line in section.splitlines()}
    assert set(SUMMARIES) == set(COMMANDS)
    assert listed == SUMMARIES
    assert proc.stdout.splitlines()[-1] == "[]"
