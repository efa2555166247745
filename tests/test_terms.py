"""Terms in free text are found as whole words, case-insensitively, the longest at the first place one occurs."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from assessor.scoring.consistency import any_term, first_term

TERMS = ["on-prem", "on-premises", "Resale", "fine-tuning API", "planned", "İstanbul"]
PIECES = st.sampled_from([*TERMS, *(t.upper() for t in TERMS), "x", "-", " ", "\x00", "é", "İ", "premises", "d"])


def reference(text: str, terms: list[str]) -> str | None:
    """The term a plain scan for whole words finds first, the longest where several start at one place."""
    low = text.lower()
    best: tuple[int, int, str] | None = None
    for term in terms:
        for match in re.finditer(re.escape(term.lower()), low):
            start, end = match.span()
            whole = (start == 0 or not "a" <= low[start - 1] <= "z") and (end == len(low) or not "a" <= low[end] <= "z")
            if whole and (best is None or (start, -len(term)) < (best[0], -best[1])):
                best = (start, len(term), term)
    return best[2] if best else None


@given(st.lists(PIECES, max_size=12).map("".join), st.lists(st.sampled_from(TERMS), min_size=1, unique=True))
def test_first_term_is_the_whole_word_found_first(text: str, terms: list[str]) -> None:
    """first_term agrees with a plain scan; any_term is true exactly when first_term finds something."""
    assert first_term(text, terms) == reference(text, terms)
    assert any_term(terms)(text) == (reference(text, terms) is not None)


def test_a_term_inside_a_word_is_not_found() -> None:
    """'planned' in 'unplanned' is no whole word; 'On-Premises' is found as the longer term."""
    assert first_term("unplanned outage", ["planned"]) is None
    assert first_term("Runs On-Premises.", ["on-prem", "on-premises"]) == "on-premises"
