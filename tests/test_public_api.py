"""The public API: one `__all__`, every returned type exported, one calling convention, a lazy import."""

from __future__ import annotations

import importlib
import inspect
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import assessor

# The modules whose names `assessor/__init__.py` re-exports; each keeps an `__all__` of its own part.
API_MODULES = (
    "assessor.api",
    "assessor.api_authoring",
    "assessor.api_batch",
    "assessor.api_compare",
    "assessor.api_impact",
    "assessor.api_oscal",
    "assessor.api_portfolio",
    "assessor.api_render",
)
# Names re-exported straight from core: the error hierarchy and the version.
FROM_CORE = {"DcrError", "InvalidReview", "InvalidStandard", "InvalidSubmission", "Problem", "__version__"}
# Returned types that belong to a third-party library, not to this one.
EXTERNAL_TYPES = {"Signer"}  # pyHanko's SimpleSigner
# Names in annotations that are not types of this library.
NOT_TYPES = {"Any", "None", "Path", "Literal", "Iterable", "Iterator", "Callable"}


def public_functions() -> dict[str, Callable[..., Any]]:
    """Every function in the supported surface, by its public name."""
    found = {n: getattr(assessor, n) for n in assessor.__all__ if inspect.isfunction(getattr(assessor, n))}
    assert len(found) >= 50
    return found


def test_one_surface_with_one_home_per_name() -> None:
    """The package's `__all__` is sorted and names exactly the names it knows a home for."""
    homes: dict[str, str] = vars(assessor)["_HOMES"]
    assert assessor.__all__ == sorted(set(assessor.__all__))
    assert set(assessor.__all__) == set(homes)


def test_api_modules_together_equal_the_package_surface() -> None:
    """Each api module's `__all__` is part of the package's, the name's home lists it, and together with core's
    names they are the whole of it."""
    homes: dict[str, str] = vars(assessor)["_HOMES"]
    union: set[str] = set(FROM_CORE)
    for name in API_MODULES:
        own = set(importlib.import_module(name).__all__)
        assert own <= set(assessor.__all__), f"{name} exports {sorted(own - set(assessor.__all__))}"
        union |= own
    assert union == set(assessor.__all__)
    for name, home in homes.items():
        assert name in FROM_CORE or name in importlib.import_module(home).__all__, f"{home} does not list {name}"


def test_every_returned_type_is_exported() -> None:
    """Every type an exported function returns is exported too (by name or as the object under another name)."""
    exported = {id(getattr(assessor, n)) for n in assessor.__all__}
    missing = []
    for name, function in public_functions().items():
        annotation = str(inspect.signature(function).return_annotation)
        for word in re.findall(r"\b[A-Z]\w*", annotation):
            if word in NOT_TYPES | EXTERNAL_TYPES or word in assessor.__all__:
                continue
            value = vars(inspect.getmodule(function)).get(word)
            if value is None or id(value) not in exported:
                missing.append(f"{name} returns {word}")
    assert missing == []


def test_import_loads_no_module_of_the_package() -> None:
    """`import assessor` loads none of its submodules: each public name is imported when first used."""
    code = "import sys, assessor; print(sorted(m for m in sys.modules if m.startswith('assessor.')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    assert "load_standard" in dir(assessor)


# Where an exported function departs from the convention, and why; nothing else may.
EXCEPTIONS = {
    "score": "the pure engine keeps score(standard, submission, review), as the scoring docs state its formula",
    "oscal_mappings": "`standard` is the loaded Standard it maps, so its folder of versions is `library`",
    "write_mappings": "`standard` is the loaded Standard it maps, so its folder of versions is `library`",
}
DESTINATIONS = {"out", "folder"}


def convention_breaches(name: str, function: Callable[..., Any]) -> list[str]:
    """What in one exported function's signature breaks the API's calling convention."""
    params = list(inspect.signature(function).parameters.values())
    positional = [p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    breaches = [f"{name}: *{p.name}" for p in params if p.kind is p.VAR_POSITIONAL]
    names = [p.name for p in params]
    if {"old", "new"} <= set(names) and positional[:2] != ["old", "new"]:
        breaches.append(f"{name}: a diff takes (old, new) first, not {positional}")
    second = positional[1] if len(positional) > 1 else None
    allowed = 2 if positional[:2] == ["old", "new"] or second in DESTINATIONS else 1
    if len(positional) > allowed:
        breaches.append(f"{name}: {positional[allowed:]} should be keyword-only")
    if "library" in names or "path" in names[1:]:
        breaches.append(f"{name}: the folder of versions is named `standard`")
    return breaches


def test_every_function_follows_the_calling_convention() -> None:
    """The thing operated on is the first positional parameter, a writer's destination may follow it, a diff
    takes (old, new); everything else is keyword-only and the folder of versions is `standard`."""
    breaches = {n: convention_breaches(n, f) for n, f in public_functions().items()}
    assert {n for n, found in breaches.items() if found} == set(EXCEPTIONS)


def test_convention_check_sees_a_breach() -> None:
    """The convention check flags a second positional parameter, a `library` folder and (new, old)."""

    def bad(source: str, standard: str, *, library: str) -> None: ...

    def swapped(new: str, old: str) -> None: ...

    assert len(convention_breaches("bad", bad)) == 2
    assert "swapped: a diff takes (old, new) first, not ['new', 'old']" in convention_breaches("swapped", swapped)


def test_loaders_check_against_the_version_the_document_declares() -> None:
    """With no version forced, the bundled 1.0.0 submission and its review are checked against 1.0.0, not the
    latest published version."""
    source = assessor.example("mature-lab", version="1.0.0")
    review_file = source.parent / "reviews" / "mature-lab-review.yaml"
    assert assessor.load_standard().manifest.version != "1.0.0"
    checked = assessor.validate(source, review=review_file)
    assert checked.standard is not None and checked.standard.manifest.version == "1.0.0"
    submission = assessor.load_submission(source)
    assert submission.standard.version == "1.0.0"
    one = assessor.load_standard(version="1.0.0")
    review = assessor.load_review(review_file, submission=submission)
    assert review == assessor.load_review(review_file, submission=submission, standard=one)
    assert assessor.assess(source, review=review_file).standard.manifest.version == "1.0.0"


def test_api_reference_names_every_public_name() -> None:
    """docs/api.md names every name of the supported surface."""
    page = (Path(__file__).resolve().parent.parent / "docs" / "api.md").read_text(encoding="utf-8")
    assert [name for name in assessor.__all__ if f"`{name}`" not in page] == []
