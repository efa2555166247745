"""User text shown as text: Streamlit renders labels, titles and captions as Markdown, so anything from a
submission, a review, a file name or a problem message is escaped before it reaches one of them.

Every ASCII punctuation character is backslash-escaped (CommonMark treats an escaped one as itself), which
defeats links, images, autolinks, emphasis, HTML, LaTeX, emoji and Streamlit's :colour[...] directives.
"""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"""([!-/:-@\[-`{-~])""")


def plain(text: object) -> str:
    """`text` as Markdown that renders as exactly those characters (line breaks kept)."""
    return _PUNCTUATION.sub(r"\\\1", str(text)).replace("\n", "  \n")
