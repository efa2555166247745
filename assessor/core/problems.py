"""Located problems and the error hierarchy the CLI maps to exit codes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from assessor.core.exit_codes import ExitCode

JsonPath = tuple[str | int, ...]


def json_path(path: JsonPath) -> str:
    """Render a path the way jsonpath does: $.responses[3].status."""
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


@dataclass(frozen=True, order=True)
class Location:
    """Where a problem is: a file, and a line (YAML), a JSON path, or a sheet cell (workbooks)."""

    file: str = ""
    line: int = 0
    path: JsonPath = field(default=(), compare=False)
    cell: str = ""

    def __str__(self) -> str:
        if self.cell:
            return f"{self.file} {self.cell}" if self.file else self.cell
        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.path and not self.line:
            return f"{where} {json_path(self.path)}".strip()
        return where or json_path(self.path)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, with a stable code and where it is."""

    location: Location
    code: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        tag = self.code if self.severity == "error" else f"{self.severity}: {self.code}"
        return f"{self.location}: [{tag}] {self.message}"

    @classmethod
    def at(cls, file: str, code: str, message: str) -> Problem:
        """A problem with a whole file."""
        return cls(Location(file), code, message)


class HasProblems:
    """Mixin for results that carry `problems`: the errors and the warnings among them."""

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file, line, then path order; exact repeats (same place, code and message) dropped, while
    identical messages at different places are all kept, up to a count per code beyond which one line says
    how many more there are."""
    from assessor.core.limits import PROBLEMS_PER_CODE

    unique = {_identity(p): p for p in problems}
    ordered = sorted(unique.values(), key=lambda p: (*_identity(p)[:2], str(p.location.path), p.location.cell, p.code))
    kept: list[Problem] = []
    counts: dict[str, int] = {}
    placeholders: dict[str, int] = {}  # where the line counting a code's unlisted problems goes
    for problem in ordered:
        counts[problem.code] = counts.get(problem.code, 0) + 1
        if counts[problem.code] <= PROBLEMS_PER_CODE:
            kept.append(problem)
        elif counts[problem.code] == PROBLEMS_PER_CODE + 1:
            placeholders[problem.code] = len(kept)
            kept.append(problem)
    for code, index in placeholders.items():
        more = counts[code] - PROBLEMS_PER_CODE
        message = f"and {more:,} more [{code}] problem(s) like this"
        kept[index] = replace(kept[index], code="more-problems", message=message)
    return kept


def _identity(problem: Problem) -> tuple[str, int, JsonPath, str, str, str, str]:
    loc = problem.location
    return (loc.file, loc.line, loc.path, loc.cell, problem.code, problem.message, problem.severity)


class DcrError(Exception):
    """Base of every error the CLI reports without a traceback."""

    exit_code: int = ExitCode.BELOW_THRESHOLD  # a failure with no code of its own


class UsageError(DcrError):
    """The command was called wrongly (a missing file, a bad option)."""

    exit_code = ExitCode.USAGE


class OutputError(DcrError):
    """An output could not be written (permission, read-only, no space, name too long, closed stream), or
    would replace what it must not; the message names the target."""

    exit_code = ExitCode.CANNOT_WRITE

    def __init__(self, target: str, reason: str) -> None:
        self.target = target
        super().__init__(f"{target}: {reason}")


class ProblemsError(DcrError):
    """An input has problems; all of them are carried."""

    what = "input"

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sort_problems(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the {self.what}")


class InvalidStandard(ProblemsError):
    """The standard's data does not validate."""

    exit_code = ExitCode.INVALID_STANDARD
    what = "standard"


class InvalidSubmission(ProblemsError):
    """A submission (or review) does not validate."""

    exit_code = ExitCode.INVALID_SUBMISSION
    what = "submission"


class InvalidReview(ProblemsError):
    """A review does not validate, or does not apply to the submission given."""

    exit_code = ExitCode.INVALID_SUBMISSION
    what = "review"


class DocumentError(ProblemsError):
    """A file could not be read or parsed at all; re-raised as the caller's own kind."""
