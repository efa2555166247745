"""Write files so that a reader never sees a half-written one: temp file in the same folder, then rename.

A temporary file is named after its target and the writing process (.<name>.<pid>.<random>.tmp). A
process killed outright (kill -9) leaves it behind; the next write to the same folder removes every such
file whose writer is gone, so leftovers never accumulate and a live writer's file is never touched.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

_LEFTOVER = re.compile(r"^\..+\.(\d+)\.[^.]+\.tmp$")


def write_atomic(path: Path, data: bytes | str) -> None:
    """Replace `path` with `data` in one step; on any failure the old file (or none) remains."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
    try:
        os.fchmod(fd, _mode_for(path))  # mkstemp makes 0600 files; keep what a plain write would give
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()
        raise


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files of writers that no longer run; the paths removed."""
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _LEFTOVER.match(entry.name)
        if match and not _running(int(match.group(1))):
            with contextlib.suppress(FileNotFoundError):
                entry.unlink()
                removed.append(entry)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def _mode_for(path: Path) -> int:
    """The existing file's permissions, or the default for a new file under the current umask."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
