"""The submission workflow as pure transitions: which step is allowed from which state, and who may take it.

draft ──submit──► submitted ──assign──► under_review ──request──► information_requested
                                           ▲  │                        │ (every request answered)
                                           └──┼────────answered────────┘
                                              └──complete──► reviewed ──approve──► approved
                                                                │ (no four eyes)      │
                                                                └──────sign_off───────┴──► signed_off
"""

from __future__ import annotations

from assessor.store.errors import Forbidden, InvalidTransition
from assessor.store.identity import Identity

STATES = ("submitted", "under_review", "information_requested", "reviewed", "approved", "signed_off")
STEPS: dict[str, tuple[frozenset[str], str]] = {
    "assign": (frozenset({"submitted", "under_review"}), "under_review"),
    "request": (frozenset({"under_review", "information_requested"}), "information_requested"),
    "answered": (frozenset({"information_requested"}), "under_review"),
    "complete": (frozenset({"under_review"}), "reviewed"),
    "approve": (frozenset({"reviewed"}), "approved"),
    "sign_off": (frozenset({"reviewed", "approved"}), "signed_off"),
}
REVIEWING = frozenset({"under_review", "information_requested"})
"""The states in which the review, its requests for information and its results may still change: from
`reviewed` on they are what the approver and the lab are shown, so they are frozen (there is no step back)."""


def next_state(state: str, step: str, *, four_eyes: bool) -> str:
    """The state after `step`; InvalidTransition, saying why, when the step is not allowed from `state`."""
    allowed, after = STEPS[step]
    if state not in allowed:
        ways = ", ".join(sorted(allowed))
        raise InvalidTransition(f"cannot {step.replace('_', ' ')} a submission that is {_said(state)} "
                                f"(only from: {ways})")  # fmt: skip
    if step == "sign_off" and four_eyes and state != "approved":
        raise InvalidTransition("four eyes: a second reviewer must approve the review before sign-off")
    return after


def check_actor(step: str, who: Identity, *, reviewer_id: str | None) -> None:
    """Forbidden unless the identity may take the step: the assigned reviewer reviews, a different approver
    approves (four eyes hold for administrators too), an administrator or an approver other than the assigned
    reviewer assigns (a reviewer does not hand its own review to a colleague)."""
    if step == "approve":
        if not (who.has("approver") or who.admin) or who.user_id == reviewer_id:
            raise Forbidden("approval needs an approver other than the assigned reviewer (four eyes)")
        return
    if who.admin:
        return
    if step == "assign" and (not who.has("approver") or who.user_id == reviewer_id):
        raise Forbidden("only an administrator or an approver other than the assigned reviewer assigns reviewers")
    if step in {"request", "complete", "sign_off"} and (not who.has("reviewer") or who.user_id != reviewer_id):
        raise Forbidden(f"only the assigned reviewer may {step.replace('_', ' ')}")


def check_independent(who: Identity, organisation_id: str | None, involved: set[str], *, step: str) -> None:
    """Forbidden when the identity belongs to the submitting organisation (administrators included) or took part
    in the review (`involved`: the names of everyone ever assigned to the submission or who saved its review)."""
    if organisation_id is not None and who.organisation_id == organisation_id:
        raise Forbidden(f"a member of the submitting organisation may not {step} its submission")
    if who.name in involved:
        raise Forbidden(f"whoever reviewed the submission may not {step} it (four eyes)")


def _said(state: str) -> str:
    return state.replace("_", " ")
