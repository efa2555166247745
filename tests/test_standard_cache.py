"""Checked standards kept on disk between processes: a kept standard is the one a check makes, anything the
check would refuse or that does not validate is never used, and caching can be moved or turned off."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import assessor.api
from assessor.core.problems import InvalidStandard
from assessor.dcrs import loader, standard_cache
from assessor.dcrs.loaded import LoadedStandard
from assessor.dcrs.models import Standard

ROOT = Path(__file__).resolve().parent.parent
STANDARD = ROOT / "standard"
VERSIONS = sorted(p.name for p in STANDARD.iterdir() if (p / "manifest.yaml").is_file())


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder of the test's own, and no standard remembered in this process."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("DCR_CACHE_DIR", str(folder))
    monkeypatch.setattr(loader, "_VALID", {})
    yield folder


def _entries(folder: Path) -> list[Path]:
    return sorted((folder / "standards").glob("*.json")) if (folder / "standards").is_dir() else []


CHECKED: list[str] = []


def counted_check(root: Path | None, version: str | None) -> LoadedStandard:
    """The stage's check, counted in CHECKED (module-level: only such checks are kept between processes)."""
    CHECKED.append(str(version))
    return loader.check_standard(root, version)


@pytest.fixture
def calls() -> Iterator[list[str]]:
    """The versions counted_check has checked during the test."""
    CHECKED.clear()
    yield CHECKED
    CHECKED.clear()


@pytest.mark.parametrize("version", VERSIONS)
def test_a_kept_standard_is_the_checked_one(version: str, cache_dir: Path) -> None:
    """For every shipped version, the standard read back from the cache equals the one the check made, field for
    field and in its JSON, so every result scored against it is the same."""
    checked = assessor.api.load_standard(version=version)
    [entry] = _entries(cache_dir)
    loader._VALID.clear()
    kept = assessor.api.load_standard(version=version)
    assert kept is not checked
    assert kept == checked
    assert kept.model_dump_json() == checked.model_dump_json() == entry.read_text(encoding="utf-8")


def test_a_new_process_reads_the_kept_standard_without_checking_it(cache_dir: Path, calls: list[str]) -> None:
    """Once a version was checked, loading it with nothing in memory reads the cache and runs no check."""
    first = loader.valid_standard(None, "1.2.0", counted_check)
    loader._VALID.clear()
    assert loader.valid_standard(None, "1.2.0", counted_check) == first
    assert calls == ["1.2.0"]


def test_a_closure_is_never_kept_between_processes(cache_dir: Path) -> None:
    """A check made inside a function (its name does not fix what it does) is checked afresh in every process."""
    seen: list[str] = []

    def check(root: Path | None, version: str | None) -> LoadedStandard:
        seen.append(str(version))
        return loader.check_standard(root, version)

    for _ in range(2):
        loader._VALID.clear()
        loader.valid_standard(None, "1.0.0", check)
    assert seen == ["1.0.0", "1.0.0"]
    assert _entries(cache_dir) == []


def test_each_check_keeps_its_own_entry(cache_dir: Path) -> None:
    """The stage's loader and the public one (which adds the scoring-rule check) never share an entry."""
    loader.load_standard(version="1.2.0")
    assessor.api.load_standard(version="1.2.0")
    assert len(_entries(cache_dir)) == 2


def test_an_edited_folder_is_checked_again(cache_dir: Path, copy_standard: Callable[[Path], Path]) -> None:
    """An edit to the version's files misses the cache: the edit is read, and the edited copy is kept apart."""
    root = copy_standard(STANDARD / "1.0.0")
    title = assessor.api.load_standard(root).domains[0].title
    domain = root / "domains" / "AC.yaml"
    domain.write_text(domain.read_text(encoding="utf-8").replace(title, "Access, edited", 1), encoding="utf-8")
    loader._VALID.clear()
    assert assessor.api.load_standard(root).domains[0].title == "Access, edited"
    assert len(_entries(cache_dir)) == 2


def test_an_invalid_standard_is_never_kept(cache_dir: Path, copy_standard: Callable[[Path], Path]) -> None:
    """A version the check refuses leaves nothing in the cache, and is refused again on the next load."""
    root = copy_standard(STANDARD / "1.2.0")
    manifest = root / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("- rule: relevance", "- rule: relevancy"))
    for _ in range(2):
        with pytest.raises(InvalidStandard):
            assessor.api.load_standard(root)
    assert _entries(cache_dir) == []


@pytest.mark.parametrize(
    "content",
    [b"", b"not json", b"[]", b'{"manifest": {}, "domains": [], "glossary": {"terms": []}}', b"\xff\xfe\x00"],
    ids=["empty", "not-json", "wrong-type", "wrong-shape", "not-utf8"],
)
def test_an_entry_that_does_not_validate_is_passed_over_and_replaced(content: bytes, cache_dir: Path) -> None:
    """A damaged or forged entry is never used: the version is checked again and its entry written afresh."""
    expected = assessor.api.load_standard(version="1.0.0")
    [entry] = _entries(cache_dir)
    entry.write_bytes(content)
    loader._VALID.clear()
    assert assessor.api.load_standard(version="1.0.0") == expected
    assert entry.read_text(encoding="utf-8") == expected.model_dump_json()


def test_an_unwritable_cache_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache folder that cannot be made (a file stands in its way) is passed over: the standard still loads."""
    blocker = tmp_path / "blocked"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    monkeypatch.setenv("DCR_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(loader, "_VALID", {})
    assert assessor.api.load_standard(version="1.0.0").manifest.version == "1.0.0"


def test_caching_can_be_turned_off(cache_dir: Path, monkeypatch: pytest.MonkeyPatch, calls: list[str]) -> None:
    """DCR_NO_CACHE=1 writes and reads nothing."""
    monkeypatch.setenv("DCR_NO_CACHE", "1")
    for _ in range(2):
        loader._VALID.clear()
        loader.valid_standard(None, "1.0.0", counted_check)
    assert calls == ["1.0.0", "1.0.0"]
    assert not cache_dir.exists()


def test_the_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without DCR_CACHE_DIR the cache is the user's cache folder ($XDG_CACHE_HOME on Linux)."""
    monkeypatch.delenv("DCR_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    if sys.platform.startswith("linux"):
        assert standard_cache.cache_folder() == tmp_path / "dcr-assessor"


def test_an_edit_to_the_checking_code_changes_the_fingerprint(tmp_path: Path) -> None:
    """The code fingerprint notices a module rewritten or touched, as Python's bytecode cache does."""
    module = tmp_path / "scoring" / "rules.py"
    module.parent.mkdir()
    module.write_text("RULES = 1\n", encoding="utf-8")
    before = standard_cache._module_stats(tmp_path / "scoring", tmp_path)
    os.utime(module, ns=(module.stat().st_atime_ns, module.stat().st_mtime_ns + 1_000_000))
    assert standard_cache._module_stats(tmp_path / "scoring", tmp_path) != before
    assert standard_cache._module_stats(tmp_path / "scoring", tmp_path)[0].startswith(f"scoring{os.sep}rules.py|")


def test_a_second_command_reads_the_first_ones_check(cache_dir: Path) -> None:
    """Two `dcr validate` processes: the first checks and keeps the standard, the second finds it kept."""
    env = {**os.environ, "DCR_CACHE_DIR": str(cache_dir)}
    example = ROOT / "examples" / "1.2.0" / "mature-lab.yaml"
    probe = (
        "import sys\nfrom assessor.dcrs import loader\nchecks = []\nplain = loader.check_standard\n"
        "loader.check_standard = lambda *a, **k: checks.append(1) or plain(*a, **k)\n"
        "from assessor.cli.main import main\ntry:\n    main(['validate', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
        "print('checks', len(checks))\n"
    )
    runs = [subprocess.run([sys.executable, "-c", probe, str(example)], capture_output=True, text=True, env=env)
            for _ in range(2)]  # fmt: skip
    assert [r.stdout.split()[-1] for r in runs] == ["1", "0"], [r.stdout + r.stderr for r in runs]
    assert "is valid" in runs[1].stdout
    assert isinstance(Standard.model_validate_json(_entries(cache_dir)[0].read_bytes()), Standard)


def test_only_the_most_recent_entries_are_kept(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond KEPT entries, the least recently written go: the cache does not grow with every edit."""
    monkeypatch.setattr(standard_cache, "KEPT", 2)
    for age, version in zip((30, 20, 10), ("1.0.0", "1.1.0", "1.2.0"), strict=True):
        written = set(_entries(cache_dir))
        assessor.api.load_standard(version=version)
        (new,) = set(_entries(cache_dir)) - written
        past = new.stat().st_mtime_ns - age * 1_000_000_000
        os.utime(new, ns=(past, past))
    kept = _entries(cache_dir)
    assert len(kept) == 2
    assert {Standard.model_validate_json(p.read_bytes()).manifest.version for p in kept} == {"1.1.0", "1.2.0"}
