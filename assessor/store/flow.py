"""The workflow's steps as store operations: submit (freeze and hash), assign, request and answer information,
review, complete, approve (four eyes) and sign off. Each step checks the pure transition and the actor, then
saves the submission's new state as a versioned change, so every state change is an event."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select

from assessor.core.canonical import canonical_bytes, sha256_hex
from assessor.core.limits import LONG_TEXT
from assessor.core.problems import InvalidSubmission, Location, Problem
from assessor.intake.fingerprint import submission_sha256
from assessor.intake.models import Submission
from assessor.store.base import Base
from assessor.store.diff import Change
from assessor.store.errors import Forbidden, InvalidTransition
from assessor.store.people import identity_of
from assessor.store.records import Record, Tx, history, within
from assessor.store.schema import requests, results, reviews, users
from assessor.store.workflow import REVIEWING, check_actor, check_independent, next_state


def frozen(data: dict[str, Any], where: str) -> tuple[dict[str, Any], str]:
    """A submission's content as the model gives it and its content hash (RFC 8785, keyed lists in key order);
    InvalidSubmission, located, when the data is not a submission."""
    try:
        model = Submission.model_validate(data)
    except ValidationError as err:
        problems = [
            Problem(Location(where, path=tuple(e["loc"])), "invalid-submission", e["msg"]) for e in err.errors()
        ]
        raise InvalidSubmission(problems) from err
    return model.model_dump(mode="json"), submission_sha256(model)


class Flow(Base):
    """Submissions, reviews, requests for information and results, moved along the workflow."""

    def submit(self, draft_id: str, based_on: int) -> Record:
        """Freeze a submission draft (at the version the submitter saw) as a submission with its content hash."""
        with self.writing() as tx:
            draft = self.find(tx.connection, "draft", draft_id)
            self.check_editable("draft", draft)
            if draft.version != based_on or draft["kind"] != "submission":
                tx.update("draft", draft_id, based_on, {})  # StaleRecord, carrying the other change
                raise InvalidTransition(f"draft {draft_id} is a {draft['kind']} draft, not a submission")
            content, digest = frozen(draft["data"], f"draft {draft_id}")
            values = {"organisation_id": draft["organisation_id"], "draft_id": draft_id, "title": draft["title"],
                      "content": content, "sha256": digest, "state": "submitted", "submitted_by": self.identity.name,
                      "reviewer_id": None, "approver_id": None}  # fmt: skip
            return tx.insert("submission", values, action="submit")

    def submission(self, submission_id: str) -> Record:
        """One submission in scope."""
        with self.reading() as connection:
            return self.find(connection, "submission", submission_id)

    def submissions(self) -> list[Record]:
        """The submissions in scope, most recently updated first."""
        with self.reading() as connection:
            return self.every(connection, "submission")

    def _allowed(self, tx: Tx, submission_id: str, step: str) -> Record:
        """The submission in scope, when the identity may take `step` from its state now."""
        current = self.find(tx.connection, "submission", submission_id)
        check_actor(step, self.identity, reviewer_id=current["reviewer_id"])
        next_state(current["state"], step, four_eyes=self.four_eyes)
        return current

    def _step(self, tx: Tx, submission_id: str, based_on: int, step: str, *, current: Record | None = None,
              also: tuple[Change, ...] = (), **values: Any) -> Record:  # fmt: skip
        current = current or self._allowed(tx, submission_id, step)
        state = next_state(current["state"], step, four_eyes=self.four_eyes)
        return tx.update("submission", current.id, based_on, {"state": state, **values}, action=step,
                         current=current, also=also)  # fmt: skip

    def assign(self, submission_id: str, reviewer: str, based_on: int) -> Record:
        """Assign a reviewer (a user with the reviewer role, not of the submitting organisation); the review
        record is opened with it. The caller's right comes first, so no one learns which names are users."""
        with self.writing() as tx:
            current = self._allowed(tx, submission_id, "assign")
            who = identity_of(tx.connection, reviewer)
            if not who.has("reviewer"):
                raise Forbidden(f"{reviewer} is not a reviewer")
            check_independent(who, current["organisation_id"], set(), step="review")
            done = self._step(tx, submission_id, based_on, "assign", current=current, reviewer_id=who.user_id)
            if not tx.connection.execute(self._review_query(submission_id)).first():
                tx.insert("review", {"submission_id": submission_id, "data": {}})
            return done

    def _review_query(self, submission_id: str) -> Any:
        return select(reviews.c.id).where(reviews.c.submission_id == submission_id)

    def review(self, submission_id: str) -> Record:
        """The submission's review: staff in scope, the lab only once signed off."""
        with self.reading() as connection:
            return self.find(connection, "review", "", submission_id=submission_id)

    def save_review(self, submission_id: str, data: dict[str, Any], based_on: int) -> Record:
        """Save the review's data as its next version (the assigned reviewer, until the review is complete)."""
        with self.writing() as tx:
            review = self.find(tx.connection, "review", "", submission_id=submission_id)
            submission = self.find(tx.connection, "submission", submission_id)
            self.check_review_open(submission)
            return tx.update("review", review.id, based_on, {"data": data})

    def raise_request(self, submission_id: str, question: str, based_on: int) -> Record:
        """A request for information from the reviewer to the lab, kept with the review."""
        within("question", question, LONG_TEXT)
        with self.writing() as tx:
            self._step(tx, submission_id, based_on, "request")
            review = self.find(tx.connection, "review", "", submission_id=submission_id)
            values = {"submission_id": submission_id, "review_id": review.id, "question": question,
                      "raised_by": self.identity.name, "answer": None, "answered_by": None}  # fmt: skip
            return tx.insert("request", values)

    def requests(self, submission_id: str) -> list[Record]:
        """The submission's requests for information, oldest first."""
        with self.reading() as connection:
            found = self.every(connection, "request", requests.c.submission_id == submission_id)
            return sorted(found, key=lambda r: r.created)

    def answer_request(self, request_id: str, answer: str, based_on: int) -> Record:
        """The lab's answer (its right of reply), once per request and only while the submission is under review;
        the last answer returns the submission to review."""
        within("answer", answer, LONG_TEXT)
        with self.writing() as tx:
            request = self.find(tx.connection, "request", request_id)
            submission = self.find(tx.connection, "submission", request["submission_id"])
            if not self.identity.admin and submission["organisation_id"] != self.identity.member_of:
                raise Forbidden("only the lab's members answer its requests for information")
            if request["answer"] is not None:
                raise InvalidTransition("this request is answered already; an answer is not replaced")
            if submission["state"] not in REVIEWING:
                raise InvalidTransition(f"the submission is {submission['state'].replace('_', ' ')}; "
                                        "its requests for information are closed")  # fmt: skip
            done = tx.update("request", request_id, based_on, {"answer": answer, "answered_by": self.identity.name})
            if not self._open_requests(tx, submission.id) and submission["state"] == "information_requested":
                tx.update("submission", submission.id, submission.version, {"state": "under_review"}, action="answered")
            return done

    def _open_requests(self, tx: Tx, submission_id: str) -> int:
        query = select(func.count()).where(requests.c.submission_id == submission_id, requests.c.answer.is_(None))
        return int(tx.connection.execute(query).scalar_one())

    def complete_review(self, submission_id: str, based_on: int) -> Record:
        """The reviewer has finished: the review is frozen and awaits approval (four eyes) or sign-off."""
        with self.writing() as tx:
            return self._step(tx, submission_id, based_on, "complete")

    def approve(self, submission_id: str, based_on: int) -> Record:
        """A second reviewer approves the review: an approver never assigned to the submission, who never saved
        its review and is not of the submitting organisation. The `approve` event pins the review it approves
        (`approved_review`: its id, version and the sha256 of its RFC 8785 data)."""
        with self.writing() as tx:
            current = self._allowed(tx, submission_id, "approve")
            involved = self._involved(tx, submission_id)
            check_independent(self.identity, current["organisation_id"], involved, step="approve")
            pin = self._pin(tx, submission_id)
            return self._step(tx, submission_id, based_on, "approve", current=current, also=(pin,),
                              approver_id=self.identity.user_id)  # fmt: skip

    def _involved(self, tx: Tx, submission_id: str) -> set[str]:
        """The names of everyone ever assigned to the submission or who saved its review, from the event log."""
        steps = history(tx.connection, "submission", submission_id)
        assigned = {c["new"] for e in steps for c in e["changes"] if c["path"] == ["reviewer_id"] and c.get("new")}
        names = set(tx.connection.execute(select(users.c.name).where(users.c.id.in_(assigned))).scalars())
        review = tx.connection.execute(self._review_query(submission_id)).scalar_one()
        return names | {e["actor"] for e in history(tx.connection, "review", review) if e["action"] != "create"}

    def _pin(self, tx: Tx, submission_id: str) -> Change:
        review = self.find(tx.connection, "review", "", submission_id=submission_id)
        pinned = {"id": review.id, "version": review.version, "sha256": sha256_hex(canonical_bytes(review["data"]))}
        return {"field": "approved_review", "path": ["approved_review"], "new": pinned}

    def sign_off(self, submission_id: str, based_on: int) -> Record:
        """The assigned reviewer signs off (after approval when four eyes are configured)."""
        with self.writing() as tx:
            return self._step(tx, submission_id, based_on, "sign_off")

    def add_result(self, submission_id: str, data: dict[str, Any]) -> Record:
        """Keep an assessment result (JSON data) with its RFC 8785 hash; the assigned reviewer, while the
        submission is under review (a result is part of the review the approver approves)."""
        with self.writing() as tx:
            submission = self.find(tx.connection, "submission", submission_id)
            if not self.identity.admin and self.identity.user_id != submission["reviewer_id"]:
                raise Forbidden("only the assigned reviewer records results")
            if submission["state"] not in REVIEWING:
                state = submission["state"].replace("_", " ")
                raise InvalidTransition(f"results are recorded while under review, not once {state}")
            digest = sha256_hex(canonical_bytes(data))
            return tx.insert("result", {"submission_id": submission_id, "data": data, "sha256": digest})

    def results(self, submission_id: str) -> list[Record]:
        """The submission's results in scope, newest first."""
        with self.reading() as connection:
            return self.every(connection, "result", results.c.submission_id == submission_id)
