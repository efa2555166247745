"""What a batch says about each input: one record, kept beside the results and streamed to the batch log."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any, Literal

from assessor.core.problems import Location, Problem

Status = Literal["assessed", "invalid", "not-a-submission", "error"]
FAILED: tuple[Status, ...] = ("invalid", "error")


@dataclass
class Record:
    """One input's outcome: what was read, against which standard, what came out, and every problem."""

    input: str
    status: Status
    input_sha256: str = ""
    key: str = ""
    """The freshness key: input, standard content, library index, tool version and options hashed together."""
    submission_sha256: str | None = None
    standard_version: str | None = None
    standard_sha256: str | None = None
    tool_version: str = ""
    organisation: str | None = None
    assessment_date: str | None = None
    level: int | None = None
    score: float | None = None
    outputs: dict[str, str] = field(default_factory=dict)
    """Each output's path under the output folder, with the sha256 of its bytes."""
    evidence_types: dict[str, list[str]] = field(default_factory=dict)
    """Per requirement, the types of the evidence its response cites (types only: nothing confidential)."""
    problems: list[Problem] = field(default_factory=list)
    reused: bool = False
    """True when an earlier run's record was current, so nothing was assessed again."""

    @property
    def failed(self) -> bool:
        return self.status in FAILED

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def content(self) -> str:
        """The identity used to find duplicates: the submission's content hash, else the file's bytes."""
        return self.submission_sha256 or self.input_sha256


def to_json(record: Record) -> str:
    """The record as one line of JSON."""
    # Field by field, not `asdict`: that deep-copies every value (and each problem) only to be serialised; these
    # values are plain JSON already, the problems aside.
    data = {f.name: getattr(record, f.name) for f in _FIELDS}
    data["problems"] = [_problem_data(p) for p in record.problems]
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


_FIELDS = fields(Record)


def from_json(text: str) -> Record:
    """A record written by `to_json`; ValueError when the text is not one."""
    data = json.loads(text)
    if not isinstance(data, dict) or not all(isinstance(data.get(k, {}), dict) for k in ("outputs", "evidence_types")):
        raise ValueError("not a record")
    data["problems"] = [_problem(p) for p in data.get("problems", [])]
    return Record(**data)


def _problem_data(problem: Problem) -> dict[str, Any]:
    loc = problem.location
    where = {"file": loc.file, "line": loc.line, "path": list(loc.path), "cell": loc.cell}
    return {"code": problem.code, "severity": problem.severity, "message": problem.message, "location": where}


def _problem(data: dict[str, Any]) -> Problem:
    where = data["location"]
    location = Location(where["file"], where["line"], tuple(where["path"]), where["cell"])
    return Problem(location, data["code"], data["message"], data["severity"])
