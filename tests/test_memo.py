"""Values made once per object: each object gets its own, equal objects included, and the store stays small."""

from __future__ import annotations

from pathlib import Path

from assessor.core.canonical import canonical_bytes, sha256_hex
from assessor.core.memo import PerObject
from assessor.dcrs.loader import load_standard
from assessor.intake.fingerprint import keyed, submission_canonical_bytes, submission_sha256
from assessor.intake.loader import load_submission

ROOT = Path(__file__).resolve().parent.parent


def test_a_value_is_made_once_per_object_and_never_shared_between_objects() -> None:
    """Two equal but distinct objects each get their own value; asking again makes nothing new."""
    made: list[list[int]] = []

    def make(obj: list[int]) -> int:
        made.append(obj)
        return len(made)

    memo: PerObject[list[int], int] = PerObject(make)
    a, b = [1], [1]
    assert (memo(a), memo(b), memo(a), memo(b)) == (1, 2, 1, 2)
    assert made == [a, b] and made[0] is a and made[1] is b


def test_the_oldest_object_is_let_go_when_the_memo_is_full() -> None:
    """Past its size the memo forgets its oldest object and makes that value again when asked."""
    made: list[str] = []
    memo: PerObject[str, str] = PerObject(lambda s: made.append(s) or s.upper(), size=2)
    for word in ("one", "two", "three", "one"):
        memo(word)
    assert made == ["one", "two", "three", "one"]


def test_the_submission_hash_is_the_hash_of_its_canonical_bytes_for_each_submission() -> None:
    """The memoised hash of each example equals a fresh RFC 8785 hash of its keyed content."""
    standard = load_standard(version="1.2.0")
    paths = sorted((ROOT / "examples" / "1.2.0").glob("*.yaml"))
    assert len(paths) == 3
    for path in paths:
        submission = load_submission(path, standard)
        fresh = canonical_bytes(keyed(submission.model_dump(mode="json")))
        for _ in range(2):
            assert submission_canonical_bytes(submission) == fresh
            assert submission_sha256(submission) == sha256_hex(fresh)
