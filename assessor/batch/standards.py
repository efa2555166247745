"""The versions of the standard a worker scores against: each loaded once per process, with its content hash."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from assessor.dcrs.fingerprint import standard_sha256
from assessor.dcrs.loader import load_standard
from assessor.dcrs.models import Standard
from assessor.dcrs.versions import INDEX, is_single_version, library, superseded_notice


@dataclass
class Chosen:
    """The standard an input is scored against, why, and what every surface says about it."""

    standard: Standard
    sha256: str
    draft: bool = False
    notice: str | None = None


class Standards:
    """One library of versions, loaded lazily: each version at most once in this process."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.single = is_single_version(root)
        self.statuses = {} if self.single else {info.version: info.status for info in library(root)}
        index = root / INDEX
        self.index_sha256 = hashlib.sha256(index.read_bytes()).hexdigest() if index.is_file() else ""
        self._loaded: dict[str | None, Chosen] = {}

    def choose(self, answered: str | None, forced: str | None) -> Chosen:
        """`forced` when given; else the version the input answers when the library has it; else the latest
        published (the submission's rules then report the mismatch, located)."""
        version = forced or (answered if answered in self.statuses else None)
        if version not in self._loaded:
            standard = load_standard(self.root, version)
            manifest = standard.manifest
            notice = None if self.single else superseded_notice(manifest.id, manifest.version, self.root)
            draft = self.statuses.get(manifest.version) == "draft"
            self._loaded[version] = Chosen(standard, standard_sha256(standard), draft, notice)
        return self._loaded[version]

    def sha_of(self, version: str) -> str | None:
        """The content hash of `version` as the library holds it now; None when it no longer holds it."""
        if not self.single and version not in self.statuses:
            return None
        chosen = self.choose(None, version if not self.single else None)
        return chosen.sha256 if chosen.standard.manifest.version == version else None
