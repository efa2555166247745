"""Rule `register_surfaces` (DCRS 1.4.0 draft): a surface the register's structured tags show and no model
declares is in scope for the models those items are about; words and readings' surfaces never are."""

from __future__ import annotations

from typing import Any

from assessor.dcrs.loader import load_standard
from assessor.intake.models import Submission
from assessor.scoring.engine import score
from assessor.scoring.models import Assessment
from tests.conftest import ROOT, load_yaml

CASE = ROOT / "tests" / "data" / "calibration-blind-2" / "07-fathom-undeclared-onprem.yaml"
MATURE = ROOT / "examples" / "1.3.0" / "mature-lab.yaml"
ON_PREM = "enterprise_on_prem"


def _scored(data: dict[str, Any], version: str = "1.4.0") -> Assessment:
    data["standard"]["version"] = version
    return score(load_standard(version=version), Submission.model_validate(data))


def _case() -> dict[str, Any]:
    return dict(load_yaml(CASE.read_text(encoding="utf-8")))


def _ct02(result: Assessment) -> tuple[str | None, list[str]]:
    found = next(r for r in result.requirements if r.id == "DCRS-CT-02")
    return found.supported, [x.code for x in found.reasons]


def test_a_tagged_surface_the_profile_omits_is_in_scope() -> None:
    """The worked example: on-premises items tagged, the profile silent; CT-02's not-applicable answer is refused,
    the model's surfaces name on-premises and each tagged item is listed for a reviewer; 1.3.0 let it stand."""
    draft, published = _scored(_case()), _scored(_case(), "1.3.0")
    assert ON_PREM in draft.models[0].surfaces and ON_PREM not in published.models[0].surfaces  # type: ignore[index]
    assert _ct02(draft) == ("not_implemented", ["not_applicable_rejected"]) and _ct02(published)[0] == "not_applicable"
    tagged = {e for i in draft.inconsistencies if i.code == "undeclared_surface" for e in i.evidence}
    assert tagged == {e["id"] for e in _case()["evidence"] if ON_PREM in (e.get("surfaces") or [])} and tagged
    assert (published.overall.level, draft.overall.level) == (2, 0)


def test_words_and_readings_never_bring_a_surface_into_scope() -> None:
    """The same items with the tag taken off but their on-premises words kept, or the tag moved onto a reading,
    leave the scope as the profile declares it."""
    untagged = _case()
    for item in untagged["evidence"]:
        tags = [s for s in item.get("surfaces") or [] if s != ON_PREM]
        if ON_PREM in (item.get("surfaces") or []):
            item["surfaces"] = tags or None
            for reading in item.get("metrics") or []:
                reading["surfaces"] = [ON_PREM]
    result = _scored(untagged)
    assert ON_PREM not in result.models[0].surfaces and _ct02(result)[0] == "not_applicable"  # type: ignore[index]


def test_the_surface_joins_only_the_models_the_item_names() -> None:
    """An item about Meridian-4 Mini tagged open_weights, which neither model declares: Mini gains the surface
    and its caveat; Meridian-4's result does not change."""
    data = dict(load_yaml(MATURE.read_text(encoding="utf-8")))
    before = {m.name: m for m in _scored(dict(load_yaml(MATURE.read_text(encoding="utf-8")))).models or []}
    item = next(e for e in data["evidence"] if e.get("models") == ["Meridian-4", "Meridian-4 Mini"])
    data["evidence"].append({**item, "id": "EV-OW", "models": ["Meridian-4 Mini"], "surfaces": ["open_weights"],
                             "location": item["location"] + "-weights", "sha256": None})  # fmt: skip
    after = {m.name: m for m in _scored(data).models or []}
    assert "open_weights" in after["Meridian-4 Mini"].surfaces and after["Meridian-4 Mini"].caveats
    assert after["Meridian-4"] == before["Meridian-4"]
