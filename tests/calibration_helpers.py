"""The DCRS 1.1.0 calibration corpus: its folder, the two standards it is read under, and one case scored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assessor.dcrs.loader import load_standard
from tests.conftest import load_yaml

FOLDER = Path(__file__).parent / "data" / "calibration"


V100, V110 = load_standard(version="1.0.0"), load_standard(version="1.1.0")


def case(name: str) -> dict[str, Any]:
    """The case's submission data."""
    data: dict[str, Any] = load_yaml((FOLDER / name).read_text(encoding="utf-8"))
    return data
