"""Score every shipped input under every shipped version and record the JSON bytes, to compare before and after
a change that must not move any result (python -m tests.same_results record|compare FILE).

Inputs: the examples (with the bundled review where it binds), the calibration corpora, the red-team lab and
generated submissions (bench's 1.0.0 generator and the 1.2.0 property generator, fixed seeds). Each input is
restated as answering each shipped version; one that a version rejects is recorded by its error codes. Every
input is scored twice, the versions interleaved, so a cache keyed wrongly shows up as a difference too.
"""

from __future__ import annotations

import copy
import gzip
import hashlib
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assessor.api import assess
from assessor.core.canonical import pretty_json
from assessor.core.documents import Document, load_document
from assessor.dcrs.loader import load_standard
from assessor.dcrs.models import Standard
from assessor.intake.loader import check_document
from assessor.scoring.engine import score
from bench.synthetic import random_submission
from tests.strategies_1_2 import build, shipped

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ("examples", "tests/data/calibration", "tests/data/calibration-blind", "tests/data/redteam")
REVIEWED = (("examples/mature-lab.yaml", "examples/reviews/mature-lab-review.yaml"),)
SEEDS = range(40)
Input = tuple[str, Any, Path | None]


def inputs() -> Iterator[Input]:
    """Every input: a name, its parsed data and the folder its evidence paths are relative to."""
    for corpus in CORPORA:
        for path in sorted((ROOT / corpus).rglob("*.yaml")):
            data = load_document(path).data
            if isinstance(data, dict) and "responses" in data:
                yield str(path.relative_to(ROOT)), data, path.parent
    oldest = load_standard(version="1.0.0")
    for seed in SEEDS:
        yield f"synthetic/{seed}", random_submission(oldest, random.Random(seed)), None
    for v in shipped():
        for seed in SEEDS:
            yield f"generated-{v.number}/{seed}", build(v, random.Random(seed)), None


def outcome(standard: Standard, name: str, data: Any, bundle: Path | None) -> str:
    """The JSON result of `data` restated as answering `standard`, after the codes of any errors it meets (an
    input that is structurally valid is scored all the same, as the engine allows)."""
    restated = copy.deepcopy(data)
    restated["standard"] = {"id": standard.manifest.id, "version": standard.manifest.version}
    checked = check_document(Document(name, restated), standard, bundle=bundle)
    errors = sorted(p.code for p in checked.problems if p.severity == "error")
    head = f"invalid: {' '.join(errors)}\n" if errors else ""
    if checked.submission is None:
        return head
    return head + pretty_json(score(standard, checked.submission))


def results() -> dict[str, str]:
    """Every input under every version (twice, interleaved) and every bundled review; conflicts are errors."""
    standards = [v.standard for v in shipped()]
    found: dict[str, str] = {}
    cases = list(inputs())
    for round_ in (standards, standards[::-1]):
        for name, data, bundle in cases:
            for standard in round_:
                key = f"{name} @ {standard.manifest.version}"
                text = outcome(standard, name, data, bundle)
                if found.setdefault(key, text) != text:
                    raise SystemExit(f"{key}: scoring twice in one process gave different bytes")
    for submission, review in REVIEWED:
        found[f"{submission} + review"] = pretty_json(assess(ROOT / submission, review=ROOT / review).assessment)
    return found


def main(argv: list[str]) -> int:
    """record FILE: write every result; compare FILE: report every result that differs from the recorded."""
    if len(argv) != 2 or argv[0] not in ("record", "compare"):
        print(__doc__)
        return 2
    mode, path = argv[0], Path(argv[1])
    now = results()
    if mode == "record":
        path.write_bytes(gzip.compress(json.dumps(now, sort_keys=True).encode("utf-8")))
        print(f"recorded {len(now)} results ({_digest(now)})")
        return 0
    before: dict[str, str] = json.loads(gzip.decompress(path.read_bytes()))
    differ = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    for key in differ:
        print(f"DIFFERS: {key}")
    invalid = sum(v.startswith("invalid:") for v in now.values())
    print(f"{len(now)} results ({invalid} inputs a version rejects), {len(differ)} differ ({_digest(now)})")
    return 1 if differ else 0


def _digest(found: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(found, sort_keys=True).encode("utf-8")).hexdigest()[:16]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
