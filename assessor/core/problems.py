"""Located problems and the error hierarchy the CLI maps to exit codes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

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
    """Problems in file, line, then path order, duplicates dropped."""
    return sorted(set(problems), key=lambda p: (p.location.file, p.location.line, str(p.location.path), p.code))


class DcrError(Exception):
    """Base of every error the CLI reports without a traceback."""

    exit_code = 1


class UsageError(DcrError):
    """The command was called wrongly (a missing file, a bad option)."""

    exit_code = 2


class ProblemsError(DcrError):
    """An input has problems; all of them are carried."""

    what = "input"

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sort_problems(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the {self.what}")


class InvalidStandard(ProblemsError):
    """The standard's data does not validate."""

    exit_code = 3
    what = "standard"


class InvalidSubmission(ProblemsError):
    """A submission (or review) does not validate."""

    exit_code = 4
    what = "submission"


class InvalidReview(ProblemsError):
    """A review does not validate, or does not apply to the submission given."""

    exit_code = 4
    what = "review"


class DocumentError(ProblemsError):
    """A file could not be read or parsed at all; re-raised as the caller's own kind."""
