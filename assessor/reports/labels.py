"""Words a reader sees for every code value: statuses, causes, severities, surfaces, units and metrics.

`label` names one code value; `prose` rewrites the scoring engine's sentences so that no snake_case code, metric
id or ASCII comparison (`<=`) reaches a rendered page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assessor.core.wording import SYMBOLS
from assessor.dcrs.models import Standard

LABELS: Mapping[str, str] = {
    # statuses
    "fully": "Fully",
    "largely": "Largely",
    "partially": "Partially",
    "not_implemented": "Not implemented",
    "not_applicable": "Not applicable",
    "no_response": "No response",
    # finding kinds and causes
    "gap": "Gap",
    "inconsistency": "Inconsistency",
    "scope_caveat": "Scope caveat",
    "missing": "Required evidence missing",
    "stale": "Evidence out of date",
    "failed_threshold": "Threshold missed",
    "unreported_threshold": "Threshold not reported",
    "documents_only": "Documents only, no operational evidence",
    "not_applicable_rejected": "Not applicable, not accepted",
    "claimed_gap": "Gaps the developer reports",
    "not_distinguished": "Evidence does not distinguish fully from largely",
    "insufficient": "Readings below the required coverage or sample",
    "near_miss": "Threshold missed within its tolerance",
    # severities
    "critical": "Critical",
    "high": "High",
    "medium": "Medium",
    "low": "Low",
    # surfaces
    "api": "API",
    "consumer_app": "Consumer app",
    "fine_tuning_api": "Fine-tuning API",
    "cloud_partners": "Cloud partners",
    "enterprise_on_prem": "Enterprise and on-premises",
    "open_weights": "Open-weights release",
    # sign-off decisions and assessment types
    "approved": "Approved",
    "changes_requested": "Changes requested",
    "rejected": "Rejected",
    "self": "Self",
    "independent": "Independent",
    # assurance levels (ISAE 3000)
    "none": "No assurance",
    "limited": "Limited",
    "reasonable": "Reasonable",
    # evidence bases
    "operational": "Operational evidence",
    "no_evidence": "No evidence",
}
UNITS: Mapping[str, str] = {"percent": "%", "minutes": "min", "hours": "h", "days": "days", "count": "", "ratio": ""}
COMPARISONS: Mapping[str, str] = SYMBOLS
_CODE = re.compile(r"\b[A-Za-z]+(?:_[A-Za-z0-9]+)+\b")
_COMPARISON = re.compile(r"<=|>=|==|!=")
_PERCENT = re.compile(r"(\d) ?(?:percent\b|%)")
# A comparison and a number with no unit after it (the scoring engine's limits and readings).
_BARE_LIMIT = re.compile(
    r"(?<!\S)(?:<=|>=|==|<|>|=|≤|≥) -?\d+(?:\.\d+)?"
    r"(?![\d.%]| ?(?:%|min(?:utes?)?\b|h(?:ours?)?\b|days?\b|percent\b))"
)
_UPPER = re.compile(r"(?<![\w-])[A-Z]{2,}(?![\w-])")  # an evidence type's id (ATTEST), not part of EV-TEST-1


def engine_words(standard: Standard) -> tuple[dict[str, str], dict[str, str]]:
    """What `prose` needs of a standard: metric and evidence type ids to their names, metric ids to unit symbols."""
    m = standard.manifest
    names = {x.id: x.name for x in m.metrics} | {t.id: t.name for t in m.evidence_types}
    return names, {x.id: UNITS.get(x.unit, x.unit) for x in m.metrics}


def label(code: str | None, none: str = "—") -> str:
    """The reader's word for a code value; an unknown code loses its underscores; None reads as `none`."""
    if code is None or code == "":
        return none
    return LABELS.get(code, code.replace("_", " "))


def prose(text: str, names: Mapping[str, str], units: Mapping[str, str] | None = None) -> str:
    """`text` with metric and evidence type ids named (`names`: id to name), codes in words, comparisons as
    symbols, and a limit on the one metric a sentence names given that metric's unit (`units`: id to symbol)."""
    if units:
        text = _with_unit(text, units)
    text = _PERCENT.sub(r"\1 %", text)
    text = _COMPARISON.sub(lambda m: COMPARISONS[m.group()], text)
    text = _UPPER.sub(lambda m: _lower_first(names[m.group()], False) if m.group() in names else m.group(), text)
    return _CODE.sub(lambda m: _word(m.group(), names), text)


def _with_unit(text: str, units: Mapping[str, str]) -> str:
    """A bare limit or reading (`<= 30`, `= 52`) followed by the unit of the one metric the sentence names."""
    named = {code for code in _CODE.findall(text) if units.get(code)}
    if len(named) != 1:  # no metric, or several: a number's unit is not known for sure
        return text
    unit = units[named.pop()]
    return _BARE_LIMIT.sub(lambda m: f"{m.group()} {unit}", text)


def _word(code: str, names: Mapping[str, str]) -> str:
    name = names.get(code) or names.get(code[0].lower() + code[1:])
    if name is not None:
        return _lower_first(name, code[0].isupper())
    return _lower_first(LABELS.get(code.lower(), code.replace("_", " ")), code[0].isupper())


def _lower_first(word: str, keep: bool) -> str:
    return word if keep or word[:2].isupper() else word[0].lower() + word[1:]
