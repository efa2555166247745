"""Standards found valid, kept on disk between processes: a command starts by reading one JSON file instead of
parsing and checking a version's eleven YAML files again (about 25 ms of a `dcr validate`).

An entry is named by the version folder's content hash, the check that passed it, and a fingerprint of the code
that checks a standard (the package version, pydantic's, and the size and modification time of every module
under `assessor/core`, `assessor/dcrs` and `assessor/scoring`), so an edit to the folder or to that code misses
and the standard is checked afresh. An entry is validated by the same models as the standard's files; one that
does not validate is ignored and written again; the 64 most recently written are kept. The folder is
`$DCR_CACHE_DIR`, else `$XDG_CACHE_HOME/dcr-assessor` (`~/.cache/dcr-assessor`); `DCR_NO_CACHE=1` turns it off.
Like Python's own `__pycache__`, the folder is trusted as much as the installation: whoever may write it may
already change the code.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from functools import cache
from pathlib import Path

from pydantic import VERSION as PYDANTIC_VERSION
from pydantic import ValidationError

from assessor.core.atomic import write_atomic
from assessor.core.problems import OutputError
from assessor.dcrs.models import Standard

# The code whose behaviour a checked standard depends on: documents and validation, the standard's models and
# rules, and the scoring plan check the public API's loader adds.
_CHECKING_CODE = ("core", "dcrs", "scoring")
KEPT = 64  # entries at most (about 100 KB each)


def cache_folder() -> Path | None:
    """Where checked standards are kept; None when caching is off."""
    if os.environ.get("DCR_NO_CACHE"):
        return None
    chosen = os.environ.get("DCR_CACHE_DIR")
    if chosen:
        return Path(chosen)
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dcr-assessor"
    from platformdirs import user_cache_dir  # macOS and Windows keep caches elsewhere

    return Path(user_cache_dir("dcr-assessor"))


def cached_standard(content_sha256: str, check: str) -> Standard | None:
    """The standard kept for a folder with this content, passed by `check`; None when none is kept or it is
    unreadable."""
    entry = _entry(content_sha256, check)
    if entry is None:
        return None
    try:
        return Standard.model_validate_json(entry.read_bytes())
    except (OSError, ValueError, ValidationError):
        return None


def keep_standard(content_sha256: str, check: str, standard: Standard) -> None:
    """Keep a standard `check` found valid in a folder with this content; a cache that cannot be written is
    passed over (it only saves time)."""
    entry = _entry(content_sha256, check)
    if entry is None:
        return
    with contextlib.suppress(OSError, OutputError):
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(entry, standard.model_dump_json())
        _prune(entry.parent)


def _prune(folder: Path) -> None:
    """Keep the KEPT most recently written entries: each edit of a version or of the checking code makes a new
    one, and the old ones are never read again."""
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for stale in entries[KEPT:]:
        with contextlib.suppress(OSError):
            stale.unlink()


def _entry(content_sha256: str, check: str) -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    key = hashlib.sha256(f"{content_sha256}\0{check}\0{_code_fingerprint()}".encode()).hexdigest()
    return folder / "standards" / f"{key}.json"


@cache
def _code_fingerprint() -> str:
    """The package and pydantic versions, and the size and modification time of every module of the checking
    code: what Python's bytecode cache compares, so an edited checkout misses as an upgraded install does."""
    from assessor.core.version import __version__

    package = Path(__file__).resolve().parent.parent
    stats = [f"{__version__}|{PYDANTIC_VERSION}"]
    for part in _CHECKING_CODE:
        stats += _module_stats(package / part, package)
    return hashlib.sha256("\n".join(sorted(stats)).encode()).hexdigest()


def _module_stats(folder: Path, package: Path) -> list[str]:
    stats = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                stats += _module_stats(Path(entry.path), package)
            elif entry.name.endswith(".py"):
                info = entry.stat()
                stats.append(f"{os.path.relpath(entry.path, package)}|{info.st_size}|{info.st_mtime_ns}")
    return stats
