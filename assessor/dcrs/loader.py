"""Load the standard from its folder: manifest, one file per domain, glossary; validate all of it."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from assessor.core.documents import Document, load_document
from assessor.core.problems import DocumentError, InvalidStandard, Location, Problem
from assessor.core.resources import standard_root
from assessor.core.validation import validate_document
from assessor.dcrs.base import StrictModel
from assessor.dcrs.library import folder_sha256, pin_problems
from assessor.dcrs.loaded import LoadedStandard
from assessor.dcrs.models import Domain, Glossary, Manifest, Standard
from assessor.dcrs.rules import run_rules
from assessor.dcrs.standard_cache import cached_standard, keep_standard
from assessor.dcrs.versions import resolve

MANIFEST = "manifest.yaml"
GLOSSARY = "glossary.yaml"
DOMAINS_DIR = "domains"
M = TypeVar("M", bound=StrictModel)


def default_standard_dir() -> Path:
    """The bundled standard, or the folder named by DCR_STANDARD."""
    override = os.environ.get("DCR_STANDARD")
    return Path(override) if override else standard_root()


def load_standard(root: Path | None = None, version: str | None = None) -> Standard:
    """The validated standard (`version` of the library at `root`, default the latest published);
    InvalidStandard carries every problem found."""
    return valid_standard(root, version, check_standard)


Check = Callable[[Path | None, str | None], LoadedStandard]
_VALID: dict[tuple[str, Check], Standard] = {}
_KEPT = 16  # standards kept at most, the least recently loaded dropped first


def valid_standard(root: Path | None, version: str | None, check: Check) -> Standard:
    """The standard `check(root, version)` finds without errors; InvalidStandard with every error otherwise.

    Loading is a pure function of the version folder's bytes, so a valid standard is kept (by those bytes and
    the check that passed it) and handed out again while the folder is unchanged: a repeated load reads and
    hashes the folder, about a millisecond, instead of parsing and checking it again. A Standard is immutable,
    so every caller may share one."""
    folder = resolve(root or default_standard_dir(), version)
    key = (folder_sha256(folder), check)
    refuse_changed(folder, key[0])
    named = _check_name(check)
    standard = _VALID.pop(key, None) or (cached_standard(key[0], named) if named else None)
    if standard is None:
        loaded = check(root, version)
        if loaded.errors:
            raise InvalidStandard(loaded.errors)
        standard = loaded.standard
        if folder_sha256(folder) != key[0]:  # edited while it was read: what was read is not keyed by either
            return standard
        if named:
            keep_standard(key[0], named, standard)
    _VALID[key] = standard  # last in the dict: the most recently loaded
    while len(_VALID) > _KEPT:
        del _VALID[next(iter(_VALID))]
    return standard


def refuse_changed(folder: Path, content_sha256: str) -> None:
    """InvalidStandard when `folder` is a published version of a library whose content no longer matches its pin:
    an edited copy must not be scored or shown under the published version's number. The hash is the one the
    load computes anyway, so the check costs one read of the small index."""
    problems = pin_problems(folder, content_sha256)
    if problems:
        raise InvalidStandard(problems)


def _check_name(check: Check) -> str | None:
    """The name a check's results are kept under on disk; None for a closure or lambda, whose behaviour its name
    does not fix (only module-level checks are kept between processes)."""
    name = f"{check.__module__}.{check.__qualname__}"
    return None if "<" in name else name


def check_standard(root: Path | None = None, version: str | None = None) -> LoadedStandard:
    """Load and validate, collecting structural and semantic problems instead of stopping at the first."""
    root = resolve(root or default_standard_dir(), version)
    problems: list[Problem] = []
    manifest_doc, manifest = _load(root / MANIFEST, root, Manifest, problems)
    if manifest is None or manifest_doc is None:
        raise InvalidStandard(problems)
    domain_docs: dict[str, Document] = {}
    domains: list[Domain] = []
    for index, domain_id in enumerate(manifest.domains):
        doc, domain = _load_domain(root, domain_id, manifest_doc.locate(("domains", index)), problems)
        if doc is not None and domain is not None:
            domain_docs[domain_id] = doc
            domains.append(domain)
    problems += _unlisted_domain_files(root, manifest)
    glossary_doc, glossary = _load(root / GLOSSARY, root, Glossary, problems)
    standard = Standard(manifest=manifest, domains=domains, glossary=glossary or _EMPTY_GLOSSARY)
    loaded = LoadedStandard(root, manifest_doc, domain_docs, standard, glossary_doc, problems)
    problems += run_rules(loaded)
    return loaded


_EMPTY_GLOSSARY = Glossary.model_construct(terms=[])


def _load_domain(
    root: Path, domain_id: str, listed_at: Location, problems: list[Problem]
) -> tuple[Document | None, Domain | None]:
    path = root / DOMAINS_DIR / f"{domain_id}.yaml"
    if not path.is_file():
        problems.append(Problem(listed_at, "missing-domain-file", f"domain {domain_id} has no file {_rel(path, root)}"))
        return None, None
    doc, domain = _load(path, root, Domain, problems)
    if doc is not None and domain is not None and domain.id != domain_id:
        message = f"the file for domain {domain_id} declares id {domain.id}"
        problems.append(Problem(doc.locate(("id",)), "domain-file-mismatch", message))
        return None, None
    return doc, domain


def _load(path: Path, root: Path, model: type[M], problems: list[Problem]) -> tuple[Document | None, M | None]:
    try:
        doc = load_document(path, name=_rel(path, root))
        return doc, validate_document(model, doc)
    except DocumentError as err:
        problems += err.problems
        return None, None


def _unlisted_domain_files(root: Path, manifest: Manifest) -> list[Problem]:
    listed = set(manifest.domains)
    return [
        Problem(
            Location(_rel(p, root), 1),
            "unlisted-domain-file",
            f"{p.name} is not listed in {MANIFEST} domains",
        )
        for p in sorted((root / DOMAINS_DIR).glob("*.y*ml"))
        if p.stem not in listed
    ]


def _rel(path: Path, root: Path) -> str:
    """A path as the user will recognise it: relative to the standard's parent folder."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)
