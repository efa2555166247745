"""Hand-built evidence for scoring cases: one item of each type, and every requirement met."""

from __future__ import annotations

from typing import Any

DOC = {"id": "D1", "type": "DOC", "title": "Policy", "location": "https://x.example/d", "date": "2026-01-01"}


REC = {"id": "R1", "type": "REC", "title": "Log", "location": "https://x.example/r", "date": "2026-06-01"}


TEST = {"id": "T1", "type": "TEST", "title": "Drill", "location": "https://x.example/t", "date": "2026-06-01",
        "metrics": [{"metric": "t_minutes", "value": 45, "unit": "minutes"}]}  # fmt: skip


def response(req: str, status: str, *evidence: str, **extra: Any) -> dict[str, Any]:
    """A response dict."""
    return {"requirement": req, "status": status, "evidence": list(evidence), **extra}


ALL_MET = [
    response("TST-XA-01", "fully", "D1"),
    response("TST-XA-02", "fully", "T1"),
    response("TST-XB-02", "fully", "R1"),
    response("TST-XB-03", "largely", "D1"),
]
