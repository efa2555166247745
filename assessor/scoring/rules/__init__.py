"""The bundled scoring rules; importing this package registers each of them (one module per rule)."""

from __future__ import annotations

import importlib

BUNDLED = (
    "artefact_identity",
    "consistency",
    "domain_caveats",
    "evidence_caps",
    "evidence_ceiling",
    "evidence_led",
    "fully_distinguished",
    "headline_model",
    "models_and_undeclared",
    "narrative_flags",
    "per_model",
    "provenance",
    "relevance",
    "scope_caveats",
    "secondary_sources",
    "single_scope",
    "thresholds",
    "weakest_per_requirement",
    "whole_profile",
)

for _name in BUNDLED:
    importlib.import_module(f"{__name__}.{_name}")
