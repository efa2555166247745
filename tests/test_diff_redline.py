"""Reworded requirements read as a redline: struck-through and marked words in Markdown and HTML, a whole
paragraph when the text was rewritten, never the word-diff markup of a terminal."""

from __future__ import annotations

from assessor.api import diff_standards
from assessor.dcrs.diff_render import redline, render


def test_markdown_redline_marks_words() -> None:
    """Removed words are struck through and added ones bold, with the unchanged words around them."""
    assert redline("keep a b c d e f g h", "keep a b c X e f g h", "md") == "keep a b c ~~d~~ **X** e f g h"


def test_html_redline_uses_del_and_ins_and_escapes() -> None:
    """HTML marks changes with <del> and <ins> and escapes the text itself."""
    out = redline("keep a <b> c d e f g", "keep a <b> c Z e f g", "html")
    assert out == "keep a &lt;b&gt; c <del>d</del> <ins>Z</ins> e f g"


def test_rewritten_text_is_shown_paragraph_by_paragraph() -> None:
    """A text sharing few words with its rewrite is shown as the old paragraph struck, then the new one."""
    old, new = "The developer keeps a plan.", "Every surface must shut down within an hour of the decision."
    assert redline(old, new, "md") == f"~~{old}~~ → **{new}**"


def test_markdown_markup_in_the_text_is_literal() -> None:
    """Asterisks, tildes and pipes in the standard's text are escaped, so they cannot fake a redline."""
    out = redline("keep *a* b|c d e f g h", "keep *a* b|c ~~x~~ e f g h", "md")
    assert "\\*a\\*" in out and "b\\|c" in out and "\\~\\~x\\~\\~" in out


def test_version_diff_reports_have_no_word_diff_markup() -> None:
    """The 1.0.0 → 1.1.0 diff as Markdown and HTML shows reworded text as a redline, never [-…-]{+…+}."""
    result = diff_standards("1.0.0", "1.1.0")
    md, page = render(result, "md"), render(result, "html")
    assert "~~" in md and "**" in md and "<del>" in page and "<ins>" in page
    for text in (md, page):
        assert "[-" not in text and "{+" not in text
