"""User text shown as text: Streamlit renders labels, titles and captions as Markdown, so anything from a
submission, a review, a file name or a problem message is escaped before it reaches one of them.

Every ASCII punctuation character is backslash-escaped (CommonMark treats an escaped one as itself), which
defeats links, images, emphasis, HTML, LaTeX, emoji and Streamlit's :colour[...] directives. GFM's bare
autolinks (https://…, www.…, a@b.c) are found after escapes are resolved, so an invisible word joiner is put
inside each trigger: the text reads the same and never becomes a link.
"""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"""([!-/:-@\[-`{-~])""")
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|file|mailto|xmpp)(?=:)|\b(www)(?=\.)|(@)")
JOINER = "\u2060"  # WORD JOINER: invisible, and not a place to break a line


def plain(text: object) -> str:
    """`text` as Markdown that renders as exactly those characters (line breaks kept)."""
    unlinked = _AUTOLINK.sub(lambda m: m.group() + JOINER, str(text))
    return _PUNCTUATION.sub(r"\\\1", unlinked).replace("\n", "  \n")


def with_code(text: str) -> str:
    """`text` as Markdown that shows exactly its characters, its `backquoted` parts (a command) as code (a code
    span shows its characters as they are, so only the text around it is escaped)."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unmatched backquote: nothing is code
        return plain(text)
    return "".join(f"`{part}`" if i % 2 else plain(part) for i, part in enumerate(parts))


def md(template: str, /, **values: object) -> str:
    """A Markdown template of the app's own words with every value shown as text: the one way pages put
    submission, review, certificate or file text into Markdown (`md("Signed by **{who}**", who=subject)`)."""
    return template.format(**{name: plain(value) for name, value in values.items()})
