"""Export and import: every record and event as JSON lines, round trip exact, chain intact, across databases."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from assessor.store import Conflict, Store, open_store
from assessor.store.transfer import export_lines, import_lines
from tests.conftest import CliResult
from tests.store import postgres
from tests.store.conftest import lab_data


def _fill(store: Store) -> None:
    store.add_organisation("Meridian AI")
    store.add_user("mia", ["member"], "Meridian AI")
    store.add_user("rita", ["reviewer"])
    mia = store.as_identity(store.identity_for("mia"))
    draft = mia.create_draft(lab_data(), "Ünïcode lab ✓")
    item = draft["data"]["evidence"][0]["id"]
    draft = mia.add_evidence(draft.id, 1, item, "log.bin", bytes(range(256)))
    sub = mia.submit(draft.id, draft.version)
    store.assign(sub.id, "rita", 1)
    store.add_result(sub.id, {"score": 71.25, "level": 1, "ratio": 0.1, "n": -(2**53) + 1})


@pytest.mark.parametrize("target", ["sqlite", "postgresql"])
@pytest.mark.slow
def test_export_import_round_trips_exactly(
    store: Store, target: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Exporting, importing into an empty database (either kind) and exporting again gives the same lines, and the
    imported chain verifies."""
    _fill(store)
    first = list(export_lines(store.engine))
    url = f"sqlite:///{tmp_path / 'copy.sqlite3'}" if target == "sqlite" else postgres.fresh_database(
        request.getfixturevalue("postgres_server"))  # fmt: skip
    copy = open_store(url, upgrade=True)
    assert import_lines(copy.engine, first) == len(first) - 1
    assert list(export_lines(copy.engine)) == first
    assert copy.verify_log() == store.verify_log() >= 10
    assert copy.evidence_file(copy.drafts()[0]["data"]["evidence"][0]["sha256"])[1] == bytes(range(256))
    copy.close()


def test_import_refuses_a_used_database(store: Store) -> None:
    """Importing into a database that holds records is refused; nothing is merged."""
    _fill(store)
    with pytest.raises(Conflict, match="empty database"):
        import_lines(store.engine, list(export_lines(store.engine)))


def test_cli_export_and_import(db_url: str, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """`dcr db export -o` then `dcr db import` into a new file copies every row; an existing output is kept
    without --force; a non-export is exit 2."""
    store = open_store(db_url, upgrade=True)
    _fill(store)
    store.close()
    out, copy = tmp_path / "all.jsonl", f"sqlite:///{tmp_path / 'copy.sqlite3'}"
    assert dcr("db", "export", "--database", db_url, "-o", out).code == 0
    kept = dcr("db", "export", "--database", db_url, "-o", out)
    assert kept.code == 2 and "--force" in kept.err
    assert dcr("db", "import", out, "--database", copy).code == 0
    assert dcr("db", "export", "--database", copy).out == out.read_text(encoding="utf-8")
    (tmp_path / "junk.jsonl").write_text("hello\n", encoding="utf-8")
    junk = dcr("db", "import", tmp_path / "junk.jsonl", "--database", f"sqlite:///{tmp_path / 'other.sqlite3'}")
    assert junk.code == 2 and "not a dcr store export" in junk.err
