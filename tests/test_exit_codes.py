"""Exit codes: one table (ExitCode), printed by `dcr --help`, stated by docs/cli.md and used by the errors."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from assessor.cli.main import cli
from assessor.core.exit_codes import ExitCode
from assessor.core.problems import DcrError, InvalidReview, InvalidStandard, InvalidSubmission, OutputError, UsageError
from assessor.trust.findings import EXIT_CODES

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
ROW = re.compile(r"^\| (\d+) \| `(\w+)` \| (.+) \|$", flags=re.MULTILINE)


def test_docs_table_equals_the_enum() -> None:
    """docs/cli.md's exit-code table lists every code of ExitCode, in order, with its name and meaning."""
    rows = [(int(code), name, meaning) for code, name, meaning in ROW.findall(DOCS.read_text(encoding="utf-8"))]
    assert len(rows) >= 20
    assert rows == [(code.value, code.name, code.meaning) for code in ExitCode]


def test_help_prints_every_code_with_its_meaning() -> None:
    """`dcr --help` prints each code and its meaning on a line of its own."""
    text = CliRunner().invoke(cli, ["--help"], terminal_width=200).output
    lines = [" ".join(line.split()) for line in text.splitlines()]
    for code in ExitCode:
        assert f"{code.value} {' '.join(code.meaning.split())}" in lines, code


def test_codes_are_distinct_and_meanings_one_line() -> None:
    """No two names share a code (no aliases), and every meaning is one line."""
    assert len(ExitCode.__members__) == len(list(ExitCode))
    assert all(code.meaning and "\n" not in code.meaning for code in ExitCode)


def test_errors_and_verdicts_exit_with_codes_of_the_table() -> None:
    """The error hierarchy and the verifier's statuses exit with members of ExitCode."""
    errors = {DcrError, UsageError, OutputError, InvalidStandard, InvalidSubmission, InvalidReview}
    assert {type(e.exit_code) for e in errors} == {ExitCode}
    assert UsageError.exit_code == ExitCode.USAGE and InvalidReview.exit_code == ExitCode.INVALID_SUBMISSION
    assert EXIT_CODES["valid"] is ExitCode.OK and EXIT_CODES["tampered"] is ExitCode.TAMPERED
    assert all(isinstance(code, ExitCode) for code in EXIT_CODES.values())
