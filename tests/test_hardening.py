"""Hardening pieces in-process: limits, bounded reading, problem lists, plain text, drafts, leftovers, budget."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from assessor.app.drafts import StaleDraft, StoreDrafts, changed_paths
from assessor.app.text import JOINER, plain
from assessor.core import limits
from assessor.core.atomic import clean_leftovers, write_atomic
from assessor.core.bounds import bound_problems
from assessor.core.documents import load_document, parse_json
from assessor.core.problems import DocumentError, Location, Problem, sort_problems
from assessor.core.xlsx_cells import put
from assessor.reports.budget import shown_rows, shown_text
from assessor.store.store import open_store
from tests.conftest import ROOT


def test_every_limit_is_documented_in_security_md() -> None:
    """SECURITY.md prints the limits table, and every value in it is the one the code enforces."""
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    rows = limits.describe()
    assert len(rows) > 20
    for what, value in rows:
        assert f"| {what} | {value} |" in text, (what, value)


def test_identical_problems_at_different_places_are_all_kept() -> None:
    """Five identical messages at five paths stay five; an exact repeat is dropped."""
    problems = [Problem(Location("f", 0, ("responses", i)), "x", "same") for i in range(5)]
    assert len(sort_problems([*problems, problems[0]])) == 5


def test_problems_beyond_the_cap_are_counted_once() -> None:
    """Past the cap a code's problems become one counted line, and sorting again changes nothing."""
    many = [Problem(Location("f", i + 1), "dup", "again") for i in range(limits.PROBLEMS_PER_CODE + 40)]
    once = sort_problems(many)
    assert [p.code for p in once].count("dup") == limits.PROBLEMS_PER_CODE
    (more,) = [p for p in once if p.code == "more-problems"]
    assert "40 more [dup]" in more.message
    assert sort_problems(once) == once


def test_a_fifo_is_refused_without_reading(tmp_path: Path) -> None:
    """A FIFO where a document is expected is refused at once (reading it would block forever)."""
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(DocumentError) as err:
        load_document(fifo)
    assert [p.code for p in err.value.problems] == ["not-a-file"]


def test_bounds_locate_each_problem() -> None:
    """A control character, an over-long name and a non-finite number are each reported at their path."""
    data = {"organisation": {"name": "x" * 600}, "responses": [{"narrative": "a\x00b"}], "v": float("inf")}
    found = {(p.code, p.location.path) for p in bound_problems(data, lambda path: Location("f", 0, path))}
    assert found == {
        ("text-too-long", ("organisation", "name")),
        ("bad-character", ("responses", 0, "narrative")),
        ("not-finite", ("v",)),
    }


def test_json_depth_is_checked_before_parsing() -> None:
    """Brackets inside strings do not count; real nesting past the limit does."""
    assert parse_json('{"a": "' + "[" * 500 + '"}', "x").data == {"a": "[" * 500}
    with pytest.raises(DocumentError) as err:
        parse_json("[" * (limits.DEPTH + 1) + "]" * (limits.DEPTH + 1), "x")
    assert err.value.problems[0].code == "too-deep"


@given(st.text())
def test_plain_text_round_trips_through_markdown_escapes(text: str) -> None:
    """Removing the escapes (and joiners) gives back the text; no Markdown punctuation or autolink is left."""
    escaped = plain(text)
    unescaped = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", escaped).replace("  \n", "\n")
    assert unescaped.replace(JOINER, "") == text.replace(JOINER, "")
    assert not re.search(r"(?<!\\)[\[\]()!<>*_`]", escaped.replace("\\\\", ""))
    assert not re.search(r"(?i)(https?\\:|www\\\.|@\w)", escaped)  # every autolink trigger is broken


def test_a_stale_draft_save_is_refused_and_nothing_is_lost(tmp_path: Path) -> None:
    """Two sessions open one draft; the second save, based on the old version, is refused with the first's edit."""
    store = StoreDrafts(open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}"))
    created = store.create({"organisation": {"name": "A"}}, "t")
    first, second = store.load(created.id), store.load(created.id)
    assert first is not None and second is not None
    first.data["organisation"]["name"] = "edited in tab 1"
    store.save(first)
    second.data["responses"] = [{"requirement": "DCRS-AC-01"}]
    with pytest.raises(StaleDraft) as err:
        store.save(second)
    assert err.value.current.data["organisation"]["name"] == "edited in tab 1"
    stored = store.load(created.id)
    assert stored is not None and stored.data == first.data and stored.version == first.version == 2
    assert changed_paths(created.data, second.data) == [("responses",)]


def test_leftovers_of_dead_writers_are_removed(tmp_path: Path) -> None:
    """A temporary file whose writer has exited is removed; one of a live process is kept."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    gone = tmp_path / f".report.pdf.{int(dead.stdout)}.abc123.tmp"
    alive = tmp_path / f".report.pdf.{os.getppid()}.def456.tmp"
    gone.write_bytes(b"half")
    alive.write_bytes(b"in progress")
    write_atomic(tmp_path / "report.pdf", b"whole")
    assert not gone.exists() and alive.exists()
    assert clean_leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("value", "why"), [("x" * 32_768, "characters"), ("bell\x07", "control character")], ids=["long", "control"]
)
def test_workbook_writer_refuses_what_a_cell_cannot_hold(value: str, why: str) -> None:
    """Text Excel would truncate or strip is refused with its Sheet!Cell, never altered."""
    ws = Workbook().active
    assert ws is not None
    ws.title = "Evidence"
    with pytest.raises(DocumentError) as err:
        put(ws, 3, 2, value)
    (problem,) = err.value.problems
    assert problem.location.cell == "Evidence!B3" and problem.code == "cell-cannot-hold" and why in problem.message


@given(st.text(min_size=0, max_size=6000))
def test_report_text_is_bounded_and_breakable(text: str) -> None:
    """Shown text stays within the budget (plus its note) and has no unbroken run over the limit."""
    shown = shown_text(text)
    assert len(shown.replace("\u200b", "")) <= limits.REPORT_TEXT + 80
    assert all(len(run) <= limits.REPORT_RUN for run in re.split(r"\s|\u200b", shown))


def test_huge_registers_are_summarised() -> None:
    """Beyond the row budget the PDF lists a prefix and counts the rest."""
    rows, omitted = shown_rows(list(range(limits.REPORT_EVIDENCE_ROWS + 7)))
    assert len(rows) == limits.REPORT_EVIDENCE_ROWS and omitted == 7
