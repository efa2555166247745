"""Shared fixtures: the shipped and the mini standard, a CLI runner, submission builders, checked PDF text."""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from assessor.cli.main import main
from assessor.dcrs.loader import load_standard
from assessor.dcrs.models import Standard
from tests.untraced import install_untraced_heavy_calls

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
MINI = DATA / "mini-standard"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def load_yaml(text: str) -> Any:
    """YAML text as Python data, read by libyaml (PyYAML's pure-Python safe_load is several times slower)."""
    return yaml.load(text, Loader=yaml.CSafeLoader)


MATURE_1_2 = ROOT / "examples" / "1.2.0" / "mature-lab.yaml"
MATURE, MATURE_REVIEW = ROOT / "examples" / "mature-lab.yaml", ROOT / "examples" / "reviews" / "mature-lab-review.yaml"


@dataclass
class CliResult:
    """What one `dcr` invocation did."""

    code: int
    out: str
    err: str


@pytest.fixture(scope="session")
def standard() -> Standard:
    """The shipped DCRS standard."""
    return load_standard(version="1.0.0")


@pytest.fixture(scope="session")
def mature_report_pdf() -> bytes:
    """The mature example's unsigned self-assessed PDF report, rendered once per test process: the signature and
    verification tests start from it, and equal inputs render to equal bytes (tests/test_reproducible.py)."""
    import assessor

    return assessor.pdf_bytes(assessor.assess(MATURE))


@pytest.fixture(scope="session")
def verified_report_pdf() -> bytes:
    """The mature example's unsigned verified PDF report (with its review), rendered once per test process."""
    import assessor

    return assessor.pdf_bytes(assessor.assess(MATURE, review=MATURE_REVIEW))


@pytest.fixture(scope="session")
def mini() -> Standard:
    """The tiny hand-computable test standard."""
    return load_standard(MINI)


@pytest.fixture(autouse=True, scope="session")
def private_data_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """No test reads or writes the user's own store, drafts or cache of checked standards: the data folder and
    the cache folder are the session's."""
    with pytest.MonkeyPatch.context() as patch:
        folder = tmp_path_factory.mktemp("data-home")
        patch.setenv("XDG_DATA_HOME", str(folder))
        patch.setenv("DCR_CACHE_DIR", str(folder / "cache"))
        patch.delenv("DCR_DATABASE_URL", raising=False)
        patch.delenv("DCR_NO_CACHE", raising=False)
        yield folder


@pytest.fixture(autouse=True, scope="session")
def untraced_heavy_calls() -> Iterator[None]:
    """Coverage's tracer is paused while WeasyPrint lays out and writes a PDF and while pypdf extracts text
    (tests/untraced.py says why)."""
    with pytest.MonkeyPatch.context() as patch:
        install_untraced_heavy_calls(patch.setattr)
        yield


@pytest.fixture(autouse=True, scope="session")
def empty_trust_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """No test trusts a root it did not configure: the shared trust store is an empty folder of the session's."""
    with pytest.MonkeyPatch.context() as patch:
        folder = tmp_path_factory.mktemp("trust-store")
        patch.setenv("DCR_TRUST_STORE", str(folder))
        yield folder


@pytest.fixture
def dcr(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run the CLI in-process and capture its exit code and output."""

    def run(*args: str) -> CliResult:
        with pytest.raises(SystemExit) as exit_info:
            main([str(a) for a in args])
        captured = capsys.readouterr()
        code = exit_info.value.code
        return CliResult(code if isinstance(code, int) else 1, captured.out, captured.err)

    return run


@pytest.fixture
def copy_standard(tmp_path: Path) -> Callable[[Path], Path]:
    """Copy a standard folder into tmp_path and return the copy's path."""

    def copy(source: Path) -> Path:
        target = tmp_path / source.name
        shutil.copytree(source, target)
        return target

    return copy


def mini_submission(**overrides: Any) -> dict[str, Any]:
    """A valid submission to the mini standard: profile api only, nothing claimed yet."""
    data: dict[str, Any] = {
        "standard": {"id": "TST", "version": "1.0.0"},
        "organisation": {"name": "Test Lab"},
        "assessment": {"type": "self", "date": "2026-06-30", "assessor": {"name": "A. Tester"}},
        "profile": {"models": [{"name": "M1", "surfaces": ["api"]}]},
        "evidence": [],
        "responses": [],
    }
    data.update(overrides)
    return data


def write_yaml(path: Path, data: Any) -> Path:
    """Dump data as YAML to path and return it."""
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def checked_pdf_text(path: Path) -> str:
    """The text of the PDF at `path` (pdftotext, whitespace collapsed), once qpdf --check finds no error or
    warning in it."""
    for tool in ("qpdf", "pdftotext"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (system-packages.txt)")
    done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "WARNING" not in (done.stdout + done.stderr).upper(), done.stdout
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


@pytest.fixture
def weasyprint_warnings() -> Iterator[Callable[[], list[str]]]:
    """A function giving the warnings WeasyPrint has logged so far in the test (render tests want none)."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    yield lambda: [r.getMessage() for r in records if r.levelno >= logging.WARNING]
    logger.removeHandler(handler)
