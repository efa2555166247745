"""Write outputs so that nothing is lost: a reader never sees a half-written file, an existing file is replaced
only when asked, and a device or pipe is written through, never replaced.

A regular file is written to a temporary file in the target's folder, then renamed over it (or linked into
place when it must not exist yet, so a file that appears meanwhile is not replaced). The temporary file is
named after its target and the writing process (.<name>.<pid>.<random>.tmp), the name cut to fit the file
system's limit. A process stopped by SIGTERM or Ctrl-C unwinds and removes it (the signal waits while the file is
being created); one killed outright (kill -9) leaves it behind, and the next write to the same folder
removes every such file whose writer is gone, so leftovers never accumulate and a live writer's file is never
touched. A symbolic link is followed: the file it names is replaced, the link stays.

A character device (/dev/null, a terminal) or a FIFO (`>(jq .)` as /dev/fd/N) is opened and written through,
so it stays what it was; other special files (block devices, sockets, folders) are refused. Every OS error
(permission, read-only, no space, name too long) is an OutputError naming the target.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import stat
import sys
import tempfile
import threading
from pathlib import Path

from assessor.core.problems import OutputError

_LEFTOVER = re.compile(r"^\..+\.(\d+)\.[^.]+\.tmp$")
_RANDOM_AND_SUFFIX = 8 + len(".tmp")  # what mkstemp adds after the prefix
NAME_MAX = 255  # bytes in one file name when the file system does not say


def write_atomic(path: Path, data: bytes | str, *, replace: bool = True) -> None:
    """Write `data` to `path`: a regular file is replaced in one step (on any failure the old file, or none,
    remains), or refused with OutputError when it exists and `replace` is false; a device or FIFO is written
    through."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        kind = target_kind(path)
        if kind == "stream":
            _write_through(path, payload)
            return
        if kind == "regular" and not replace:
            raise OutputError(str(path), "exists; give --force to replace it")
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
        target.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(target.parent)
        _write_regular(target, payload, replace)
    except OSError as err:
        raise OutputError(str(path), _reason(err)) from None


def target_kind(path: Path) -> str | None:
    """What an output path names now: None (nothing), "regular" or "stream" (a character device or FIFO,
    written through); anything else (a folder, block device, socket) raises OutputError."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as err:
        raise OutputError(str(path), _reason(err)) from None
    if stat.S_ISREG(mode):
        return "regular"
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return "stream"
    what = "a folder" if stat.S_ISDIR(mode) else "a block device, socket or other special file"
    raise OutputError(str(path), f"is {what}; give a file, a character device or a FIFO")


def write_stdout(data: bytes | str) -> None:
    """Write to standard output and flush it; a closed or broken standard output is an OutputError."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    stream = sys.stdout
    if stream is None:
        raise OutputError("-", "standard output is closed")
    try:
        stream.flush()
        stream.buffer.write(payload)
        stream.buffer.flush()
    except (OSError, ValueError) as err:
        raise OutputError("-", _reason(err) if isinstance(err, OSError) else "standard output is closed") from None


def _write_regular(target: Path, payload: bytes, replace: bool) -> None:
    # A signal handled between the temporary file's creation and the `try` that removes it (SIGTERM exits by
    # raising) would leave the file behind: the signal waits until the cleanup is armed.
    held = _hold_signals()
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=temp_prefix(target), suffix=".tmp")
    except BaseException:
        _release_signals(held)
        raise
    try:
        _release_signals(held)
        os.fchmod(fd, _mode_for(target))  # mkstemp makes 0600 files; keep what a plain write would give
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            Path(tmp).replace(target)
        else:
            _link_new(Path(tmp), target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()


# The signals that end a process by unwinding it (SIGTERM as `dcr` handles it, Ctrl-C).
_UNWINDING = frozenset({signal.SIGTERM, signal.SIGINT})


def _hold_signals() -> frozenset[signal.Signals] | None:
    """Block the unwinding signals in the main thread, where Python runs their handlers; what to restore (None
    where nothing was blocked: another thread, or a platform without signal masks)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        return None
    return frozenset(signal.Signals(n) for n in signal.pthread_sigmask(signal.SIG_BLOCK, _UNWINDING))


def _release_signals(held: frozenset[signal.Signals] | None) -> None:
    """Restore the mask `_hold_signals` changed: a signal that arrived meanwhile is handled now."""
    if held is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _link_new(tmp: Path, target: Path) -> None:
    """Put `tmp` in place only if `target` does not exist (a hard link fails if it does)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise OutputError(str(target), "exists; give --force to replace it") from None
    except OSError as err:
        if err.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        if target.exists():  # a file system without hard links: check, then rename
            raise OutputError(str(target), "exists; give --force to replace it") from None
        tmp.replace(target)


def temp_prefix(target: Path | str) -> str:
    """The temporary file's name up to mkstemp's random part: the target's name cut so the whole name fits."""
    folder, name = os.path.split(target)
    try:
        limit = os.pathconf(folder or ".", "PC_NAME_MAX")
    except (OSError, ValueError):
        limit = NAME_MAX
    fixed = f".{os.getpid()}."
    room = max(1, min(limit, NAME_MAX) - len(fixed) - 1 - _RANDOM_AND_SUFFIX)
    name = name.encode("utf-8", "surrogateescape")[:room].decode("utf-8", "ignore") or "out"
    return f".{name}{fixed}"


def _write_through(path: Path, payload: bytes) -> None:
    """Write to a character device or FIFO that already exists, checking what was opened is still one."""
    fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)  # no O_CREAT: it must be what was checked
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
            raise OutputError(str(path), "changed into another kind of file while being opened")
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _reason(err: OSError) -> str:
    """The OS error in words, with a hint for the common ones."""
    hints = {
        errno.EACCES: "permission denied",
        errno.EPERM: "operation not permitted",
        errno.EROFS: "the file system is read-only",
        errno.ENOSPC: "no space left on the device",
        errno.EDQUOT: "disk quota exceeded",
        errno.ENAMETOOLONG: "the file name or path is too long",
        errno.ENOENT: "a folder on the path does not exist",
        errno.ENOTDIR: "a part of the path is not a folder",
        errno.EPIPE: "the reader has gone (broken pipe)",
        errno.EBADF: "the file descriptor is closed",
        errno.ELOOP: "too many levels of symbolic links",
    }
    return f"cannot write: {hints.get(err.errno or 0, err.strerror or str(err))}"


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
            with contextlib.suppress(OSError):
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
