"""The workflow's steps as store operations: submit (freeze and hash), assign, request and answer information,
review, complete, approve (four eyes) and sign off. Each step checks the pure transition and the actor, then
saves the submission's new state as a versioned change, so every state change is an event."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select

from assessor.core.canonical import canonical_bytes, sha256_hex
from assessor.core.problems import InvalidSubmission, Location, Problem
from assessor.intake.fingerprint import submission_sha256
from assessor.intake.models import Submission
from assessor.store.base import Base
from assessor.store.errors import Forbidden, InvalidTransition
from assessor.store.people import identity_of
from assessor.store.records import Record, Tx
from assessor.store.schema import requests, results, reviews
from assessor.store.workflow import check_actor, next_state


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

    def _step(self, tx: Tx, submission_id: str, based_on: int, step: str, **values: Any) -> Record:
        current = self.find(tx.connection, "submission", submission_id)
        check_actor(step, self.identity, reviewer_id=current["reviewer_id"])
        state = next_state(current["state"], step, four_eyes=self.four_eyes)
        return tx.update("submission", submission_id, based_on, {"state": state, **values}, action=step)

    def assign(self, submission_id: str, reviewer: str, based_on: int) -> Record:
        """Assign a reviewer (a user with the reviewer role); the review record is opened with it."""
        with self.writing() as tx:
            who = identity_of(tx.connection, reviewer)
            if not who.has("reviewer"):
                raise Forbidden(f"{reviewer} is not a reviewer")
            done = self._step(tx, submission_id, based_on, "assign", reviewer_id=who.user_id)
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
        """The lab's answer (its right of reply); the last answer returns the submission to review."""
        with self.writing() as tx:
            request = self.find(tx.connection, "request", request_id)
            submission = self.find(tx.connection, "submission", request["submission_id"])
            if not self.identity.admin and submission["organisation_id"] != self.identity.member_of:
                raise Forbidden("only the lab's members answer its requests for information")
            done = tx.update("request", request_id, based_on, {"answer": answer, "answered_by": self.identity.name})
            if not self._open_requests(tx, submission.id) and submission["state"] == "information_requested":
                tx.update("submission", submission.id, submission.version, {"state": "under_review"}, action="answered")
            return done

    def _open_requests(self, tx: Tx, submission_id: str) -> int:
        query = select(func.count()).where(requests.c.submission_id == submission_id, requests.c.answer.is_(None))
        return int(tx.connection.execute(query).scalar_one())

    def complete_review(self, submission_id: str, based_on: int) -> Record:
        """The reviewer has finished: the review awaits approval (four eyes) or sign-off."""
        with self.writing() as tx:
            return self._step(tx, submission_id, based_on, "complete")

    def approve(self, submission_id: str, based_on: int) -> Record:
        """A second reviewer (an approver who is not the assigned reviewer) approves the review."""
        with self.writing() as tx:
            return self._step(tx, submission_id, based_on, "approve", approver_id=self.identity.user_id)

    def sign_off(self, submission_id: str, based_on: int) -> Record:
        """The assigned reviewer signs off (after approval when four eyes are configured)."""
        with self.writing() as tx:
            return self._step(tx, submission_id, based_on, "sign_off")

    def add_result(self, submission_id: str, data: dict[str, Any]) -> Record:
        """Keep an assessment result (JSON data) with its RFC 8785 hash; staff only."""
        with self.writing() as tx:
            submission = self.find(tx.connection, "submission", submission_id)
            if not self.identity.admin and self.identity.user_id != submission["reviewer_id"]:
                raise Forbidden("only the assigned reviewer records results")
            digest = sha256_hex(canonical_bytes(data))
            return tx.insert("result", {"submission_id": submission_id, "data": data, "sha256": digest})

    def results(self, submission_id: str) -> list[Record]:
        """The submission's results in scope, newest first."""
        with self.reading() as connection:
            return self.every(connection, "result", results.c.submission_id == submission_id)
