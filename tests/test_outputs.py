"""Output targets: devices and pipes written through, existing files kept without --force, inputs and other
outputs refused as targets, every OS error a located message with an exit code, nothing left in a temp folder."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from assessor.core import atomic
from assessor.core.atomic import temp_prefix, write_atomic
from assessor.core.problems import OutputError
from tests.conftest import ROOT, CliResult

Dcr = Callable[..., CliResult]
EXAMPLE = ROOT / "examples" / "mature-lab.yaml"
ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="making device nodes needs root")


def _null_device(folder: Path) -> Path:
    path = folder / "null"
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the same device as /dev/null
    return path


@ROOT_ONLY
def test_assess_json_to_a_character_device_leaves_the_device(dcr: Dcr, tmp_path: Path) -> None:
    """`dcr assess --json <a null device>` run as root writes through it: it is still a character device."""
    device = _null_device(tmp_path)
    result = dcr("assess", EXAMPLE, "--json", device)
    assert result.code == 0, result.err
    assert stat.S_ISCHR(device.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


@ROOT_ONLY
def test_block_device_is_refused(tmp_path: Path) -> None:
    """A block device is never written to: it is refused with its name, and stays a block device."""
    device = tmp_path / "disk"
    os.mknod(device, stat.S_IFBLK | 0o600, os.makedev(7, 200))
    with pytest.raises(OutputError, match="disk: is a block device"):
        write_atomic(device, b"report")
    assert stat.S_ISBLK(device.stat().st_mode)


def test_fifo_is_written_through(tmp_path: Path) -> None:
    """A FIFO's reader gets the whole output, and the FIFO stays a FIFO."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, b"x" * 200_000)
    reader.join(timeout=30)
    assert got == [b"x" * 200_000]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_dev_fd_pipe_is_written_through() -> None:
    """/dev/fd/N naming a pipe (`--json >(jq .)`) is written through, with no temporary file in /dev/fd."""
    read_end, write_end = os.pipe()
    try:
        write_atomic(Path(f"/dev/fd/{write_end}"), b'{"a": 1}\n')
        os.close(write_end)
        assert os.read(read_end, 100) == b'{"a": 1}\n'
    finally:
        os.close(read_end)


def test_symlink_is_followed_and_kept(tmp_path: Path) -> None:
    """A link to a file: the file it names is replaced, the link stays a link."""
    (tmp_path / "real.json").write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to("real.json")
    write_atomic(link, "new")
    assert link.is_symlink() and (tmp_path / "real.json").read_text() == "new"


def test_longest_legal_name_gets_a_temporary_name_that_fits(tmp_path: Path) -> None:
    """A 250-byte file name is written; the temporary name is cut to fit the file system's limit."""
    target = tmp_path / ("é" * 125)  # 250 bytes of UTF-8
    assert len(temp_prefix(target).encode()) + 12 <= 255
    write_atomic(target, b"data")
    assert target.read_bytes() == b"data"


def test_existing_file_is_kept_unless_replacing(tmp_path: Path) -> None:
    """Without replace, an existing file is an OutputError naming it, and its content is untouched."""
    target = tmp_path / "report.json"
    target.write_text("precious")
    with pytest.raises(OutputError, match=r"report\.json: exists; give --force"):
        write_atomic(target, "new", replace=False)
    assert target.read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


@pytest.mark.parametrize(
    ("err", "words"),
    [(errno.ENOSPC, "no space left"), (errno.EROFS, "file system is read-only"), (errno.EACCES, "permission denied")],
)
def test_os_errors_are_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, err: int, words: str) -> None:
    """No space, a read-only file system or no permission: an OutputError naming the target, nothing left."""

    def fail(*_args: object) -> None:
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(atomic.os, "fsync", fail)
    target = tmp_path / "out.pdf"
    with pytest.raises(OutputError, match=f"out.pdf: cannot write: .*{words}"):
        write_atomic(target, b"pdf")
    assert list(tmp_path.iterdir()) == []


def test_cli_path_too_long_exits_73(dcr: Dcr, tmp_path: Path) -> None:
    """A 5,000-character output path is a one-line error with exit code 73, not a traceback."""
    result = dcr("template", "--yaml", tmp_path / ("a" * 5000))
    assert result.code == 73, result.err
    assert "too long" in result.err and "Traceback" not in result.err


def test_cli_keeps_an_existing_output_without_force(dcr: Dcr, tmp_path: Path) -> None:
    """A second `dcr template --yaml` to the same file is refused (exit 2) until --force is given."""
    out = tmp_path / "s.yaml"
    assert dcr("template", "--yaml", out).code == 0
    out.write_text("my answers")
    refused = dcr("template", "--yaml", out)
    assert refused.code == 2 and "exists; give --force" in refused.err
    assert out.read_text() == "my answers"
    assert dcr("template", "--yaml", out, "--force").code == 0
    assert out.read_text() != "my answers"


def test_cli_refuses_output_that_is_the_input(dcr: Dcr, tmp_path: Path) -> None:
    """`--json S.json` on S.json is refused even with --force: the submission stays."""
    source = tmp_path / "S.yaml"
    source.write_bytes(EXAMPLE.read_bytes())
    result = dcr("assess", source, "--json", source, "--force")
    assert result.code == 2 and "also an input" in result.err
    assert source.read_bytes() == EXAMPLE.read_bytes()


def test_cli_refuses_two_outputs_at_one_path(dcr: Dcr, tmp_path: Path) -> None:
    """`--pdf r.pdf --xlsx r.pdf` is refused before any work, writing nothing."""
    out = tmp_path / "r.pdf"
    result = dcr("assess", EXAMPLE, "--json", out, "--xlsx", out)
    assert result.code == 2 and "--json writes" in result.err
    assert not out.exists()


def test_cli_refuses_migrate_over_its_input(dcr: Dcr, tmp_path: Path) -> None:
    """`dcr migrate S -o S` is refused: a migration never replaces the submission it reads."""
    source = tmp_path / "S.yaml"
    source.write_bytes(EXAMPLE.read_bytes())
    result = dcr("migrate", source, "--to", "1.1.0", "-o", source, "--force")
    assert result.code == 2 and "also an input" in result.err


def test_xlsx_uses_no_temporary_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Workbooks are built in memory: openpyxl's temporary sheet files are never created."""
    from openpyxl.worksheet import _writer

    import assessor

    def forbidden(*_args: object, **_kwargs: object) -> str:
        raise AssertionError("openpyxl made a temporary file")

    monkeypatch.setattr(_writer, "create_temporary_file", forbidden)
    result = assessor.assess(EXAMPLE)
    assessor.write_xlsx(result, tmp_path / "r.xlsx")
    assert (tmp_path / "r.xlsx").read_bytes().startswith(b"PK")


def _closed(fd: int) -> None:
    os.close(fd)


@pytest.mark.slow
def test_closed_stdout_is_an_error(tmp_path: Path) -> None:
    """`--json -` with standard output closed exits 73 saying so, instead of reporting success."""
    done = subprocess.run(
        [sys.executable, "-m", "assessor", "assess", str(EXAMPLE), "--json", "-"],
        capture_output=False, stderr=subprocess.PIPE, text=True, preexec_fn=lambda: _closed(1), check=False,
    )  # fmt: skip
    assert done.returncode == 73, done.stderr
    assert "standard output is closed" in done.stderr


@pytest.mark.slow
def test_closed_stdin_is_a_usage_error() -> None:
    """A submission read from `-` with standard input closed exits 2 saying so, not 70."""
    done = subprocess.run(
        [sys.executable, "-m", "assessor", "validate", "-", "--format", "yaml"],
        stderr=subprocess.PIPE, text=True, preexec_fn=lambda: _closed(0), check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "standard input is closed" in done.stderr


def _blocked() -> set[int]:
    """The signals this thread blocks now."""
    return set(signal.pthread_sigmask(signal.SIG_BLOCK, []))


@pytest.fixture
def masks_at_mkstemp(monkeypatch: pytest.MonkeyPatch) -> list[set[int]]:
    """The signals blocked at each call of mkstemp, in the thread that made it."""
    make = tempfile.mkstemp
    seen: list[set[int]] = []

    def watched(*args: object, **kwargs: object) -> tuple[int, str]:
        seen.append(_blocked())
        return make(*args, **kwargs)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", watched)
    return seen


def test_signals_wait_only_while_the_temporary_file_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, masks_at_mkstemp: list[set[int]]
) -> None:
    """SIGTERM and SIGINT are blocked while mkstemp runs, and unblocked again whether it succeeds or fails."""
    before = _blocked()
    write_atomic(tmp_path / "out.json", "{}")
    assert {signal.SIGTERM, signal.SIGINT} <= masks_at_mkstemp[0] and _blocked() == before

    def full(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", full)
    with pytest.raises(OutputError, match="no space left"):
        write_atomic(tmp_path / "other.json", "{}")
    assert _blocked() == before and not list(tmp_path.glob(".*.tmp"))


def test_a_write_from_another_thread_leaves_signals_alone(tmp_path: Path, masks_at_mkstemp: list[set[int]]) -> None:
    """Only the main thread runs Python's signal handlers, so a write from another thread blocks nothing."""
    writer = threading.Thread(target=write_atomic, args=(tmp_path / "out.json", "{}"))
    writer.start()
    writer.join()
    assert (tmp_path / "out.json").read_text() == "{}" and signal.SIGTERM not in masks_at_mkstemp[0]
