"""Files shipped with the package: the standard, the report templates, the examples.

The wheel maps the repository's top-level folders into `assessor/_bundle/`; in a checkout the same names are
symlinks to those folders, so code finds them one way, through importlib.resources, wherever it runs.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from assessor.core.problems import DcrError


def bundled(name: str) -> Path:
    """The bundled folder or file `name` (standard, templates, examples, system-packages.txt)."""
    resource = files("assessor").joinpath("_bundle", name)
    if not isinstance(resource, Path):  # a zipped install would need extraction; we never ship one
        raise DcrError(f"bundled {name} is not on the file system ({resource})")
    return resource


def standard_root() -> Path:
    """The folder holding the bundled standard."""
    return bundled("standard")


def templates_root() -> Path:
    """The folder holding the bundled report templates."""
    return bundled("templates")


def examples_root() -> Path:
    """The folder holding the bundled example submissions."""
    return bundled("examples")
