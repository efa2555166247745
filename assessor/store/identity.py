"""Who is asking, and what each identity may see: the scopes every query of the store is built with.

A lab *member* sees its organisation's drafts, submissions, requests for information, and reviews and results
once signed off; a *reviewer* the submissions assigned to it with their reviews; an *approver* the reviews
awaiting a second reviewer and those it approved; an *administrator* everything. Single-user mode is the
implicit local administrator. Ids are never trusted: a record outside the scope is simply not found.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, false, or_, select, true

from assessor.store.schema import drafts, submissions

ROLES = ("member", "reviewer", "approver", "administrator")
"""member: of one organisation (a lab); reviewer and approver: a regulator's review team; administrator."""


@dataclass(frozen=True)
class Identity:
    """A signed-in user (or the local administrator): its name, roles and organisation."""

    name: str
    roles: frozenset[str]
    organisation_id: str | None = None
    user_id: str | None = None

    def has(self, role: str) -> bool:
        """Whether the identity holds the role."""
        return role in self.roles

    @property
    def admin(self) -> bool:
        """Administrators see and may change everything."""
        return "administrator" in self.roles

    @property
    def member_of(self) -> str | None:
        """The organisation whose lab work the identity may see and change, if it is a member of one."""
        return self.organisation_id if self.has("member") else None


LOCAL_ADMIN = Identity("local", frozenset({"administrator"}))
"""Single-user mode: no sign-in, one implicit administrator."""


def draft_scope(who: Identity) -> ColumnElement[bool]:
    """The drafts the identity may see: its organisation's (all for an administrator)."""
    if who.admin:
        return true()
    return drafts.c.organisation_id == who.member_of if who.member_of else false()


def sees_draft(who: Identity, organisation_id: str | None) -> bool:
    """draft_scope for one draft already in hand (its organisation): the same rule, evaluated in Python."""
    return who.admin or (who.member_of is not None and organisation_id == who.member_of)


def submission_scope(who: Identity) -> ColumnElement[bool]:
    """The submissions the identity may see, by each role it holds."""
    if who.admin:
        return true()
    return or_(false(), *member_clause(who), *staff_clauses(who))


def member_clause(who: Identity) -> list[ColumnElement[bool]]:
    """Its organisation's submissions, for a lab member."""
    return [submissions.c.organisation_id == who.member_of] if who.member_of else []


def staff_clauses(who: Identity) -> list[ColumnElement[bool]]:
    """Assigned submissions for a reviewer; awaiting or given approval for an approver."""
    if who.user_id is None:
        return []
    clauses: list[ColumnElement[bool]] = []
    if who.has("reviewer"):
        clauses.append(submissions.c.reviewer_id == who.user_id)
    if who.has("approver"):
        waiting = and_(submissions.c.state == "reviewed", submissions.c.reviewer_id != who.user_id)
        clauses += [waiting, submissions.c.approver_id == who.user_id]
    return clauses


def review_scope(who: Identity) -> ColumnElement[bool]:
    """Submissions whose review (and results) the identity may read: staff as above, a lab once signed off."""
    if who.admin:
        return true()
    shared = [and_(c, submissions.c.state == "signed_off") for c in member_clause(who)]
    return or_(false(), *staff_clauses(who), *shared)


def visible_submissions(who: Identity, *, reviews: bool = False) -> object:
    """A subquery of the ids of the submissions in scope (for reviews, the stricter review scope)."""
    return select(submissions.c.id).where(review_scope(who) if reviews else submission_scope(who))
