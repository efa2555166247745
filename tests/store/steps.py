"""Shared workflow steps for the store's tests: a submission taken to a given state by the `team` fixture's
people (mia submits, the administrator assigns rita, rita reviews, abe approves)."""

from __future__ import annotations

import json
from typing import Any

from assessor.store import Store
from tests.conftest import MATURE_REVIEW, load_yaml
from tests.store.conftest import lab_data


def review_data() -> dict[str, Any]:
    """The bundled review of the mature example (a valid review bound to lab_data()'s submission), as JSON data."""
    raw = load_yaml(MATURE_REVIEW.read_text(encoding="utf-8"))
    return dict(json.loads(json.dumps(raw, default=str)))


def submitted(team: dict[str, Store], who: str = "mia") -> str:
    """A submission of the mature example by `who`; its id."""
    draft = team[who].create_draft(lab_data(), "lab")
    return team[who].submit(draft.id, 1).id


def under_review(team: dict[str, Store]) -> str:
    """A submission assigned to rita by the administrator."""
    sid = submitted(team)
    team["admin"].assign(sid, "rita", 1)
    return sid


def reviewed(team: dict[str, Store], review: dict[str, Any] | None = None) -> str:
    """A submission whose review rita saved (`review`, else a placeholder) and marked complete."""
    sid = under_review(team)
    data = {"verdict": "draft-1"} if review is None else review
    team["rita"].save_review(sid, data, team["rita"].review(sid).version)
    team["rita"].complete_review(sid, team["rita"].submission(sid).version)
    return sid


def signed_off(team: dict[str, Store], review: dict[str, Any] | None = None) -> str:
    """A reviewed submission approved by abe and signed off by rita."""
    sid = reviewed(team, review)
    approved = team["abe"].approve(sid, team["abe"].submission(sid).version)
    team["rita"].sign_off(sid, approved.version)
    return sid
