"""Organisation names compared as identities: is a name the developer's own, however it is spelled?

`identity` folds Unicode compatibility forms (full-width letters, non-breaking spaces), drops invisible format
characters and parenthesised qualifiers ("(UK)"), ignores punctuation, spacing and case, and strips trailing
legal forms (Ltd, Inc, ...); a name whose words mix Latin, Greek or Cyrillic letters is not legible as any one
name. `looks_like` goes further for look-alike letters from any script (an Armenian o, a dotless i, a small
capital N, a trailing modifier apostrophe): with accents and modifiers dropped, each letter left outside ASCII
may stand for any one letter.
"""

from __future__ import annotations

import re
import unicodedata

_PARENTHESISED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_CONFUSABLE_SCRIPTS = frozenset({"LATIN", "GREEK", "CYRILLIC"})
_WORD_BREAK = re.compile(r"[\W_]+")


def identity(name: str, legal_forms: list[str]) -> str | None:
    """The name as an identity (letters and digits only), or None when it is not legible as one name."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    text = _PARENTHESISED.sub(" ", text).casefold()
    words = [w for w in _WORD_BREAK.split(text) if w]
    if any(len(_scripts(w)) > 1 for w in words):
        return None
    return _without_legal_form(words, legal_forms)


def _scripts(word: str) -> set[str]:
    return {unicodedata.name(c, "?").split()[0] for c in word if c.isalpha()} & _CONFUSABLE_SCRIPTS


def is_developer(name: str | None, own: str, legal_forms: list[str], *, look_alike: bool = False) -> bool:
    """Whether a name is the developer's: missing, illegible, or the same identity (with `look_alike`, also the
    developer's name in look-alike letters)."""
    if name is None:
        return True
    mine, theirs = identity(own, legal_forms), identity(name, legal_forms)
    return theirs is None or theirs == mine or (look_alike and looks_like(name, own, legal_forms))


def looks_like(name: str, own: str, legal_forms: list[str]) -> bool:
    """Whether `name` is `own` spelled with look-alike letters: accents, modifier letters and format characters
    dropped and the legal form stripped, every letter left outside ASCII may stand for any one letter."""
    mine = identity(own, legal_forms)
    text = unicodedata.normalize("NFKD", name).casefold()
    text = "".join(c for c in text if unicodedata.category(c) not in ("Mn", "Lm", "Sk", "Cf"))
    words = ["".join(c if c.isascii() else "?" for c in w) for w in _WORD_BREAK.split(text) if w]
    theirs = _without_legal_form(words, legal_forms)
    if mine is None or len(theirs) != len(mine):
        return False
    return all(a in ("?", b) for a, b in zip(theirs, mine, strict=True))


def _without_legal_form(words: list[str], legal_forms: list[str]) -> str:
    """The words joined, trailing legal forms (of one to three words) stripped; all of them if nothing is left."""
    forms = {"".join(_WORD_BREAK.split(f.casefold())) for f in legal_forms}
    joined, stripped = "".join(words), True
    while stripped and words:
        stripped = False
        for size in (3, 2, 1):
            if len(words) > size and "".join(words[-size:]) in forms:
                words, stripped = words[:-size], True
                break
    return "".join(words) or joined
