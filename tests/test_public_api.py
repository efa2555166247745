"""The public API: one `__all__`, every returned type exported, one calling convention, a lazy import."""

from __future__ import annotations

import importlib
import inspect
import re
import subprocess
import sys
from collections.abc import Callable
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
