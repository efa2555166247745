"""App text as text: every Markdown-rendering Streamlit call in the app gets only literals, numbers, or values
passed through the one helper (`plain`, or `md` for a template of the app's own words)."""

from __future__ import annotations

import ast

import pytest

from assessor.app.text import md, plain, with_code
from tests.conftest import ROOT

APP = ROOT / "assessor" / "app"
RENDERERS = {"markdown", "info", "error", "warning", "caption", "success", "title", "header", "subheader", "write",
             "toast"}  # fmt: skip
# render_markdown escapes every text it takes from the standard (tests/test_diff_redline.py holds it to that).
SAFE_CALLS = {"plain", "md", "with_code", "len", "render_markdown"}


def _safe(node: ast.expr) -> bool:
    """A string literal; a call of plain/md; an f-string whose every value is a safe call or number-formatted;
    a concatenation or join of safe parts."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in SAFE_CALLS:
        return node.func.id != "md" or (bool(node.args) and _literal(node.args[0]))  # md's template: the app's words
    if isinstance(node, ast.JoinedStr):
        return all(
            isinstance(part, ast.Constant) or (part.format_spec is not None) or _safe(part.value)
            for part in node.values
            if isinstance(part, ast.Constant | ast.FormattedValue)
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _safe(node.left) and _safe(node.right)
    if isinstance(node, ast.IfExp):
        return _safe(node.body) and _safe(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join":
        return all(_safe(arg) or _safe_generator(arg) for arg in node.args)
    return False


def _literal(node: ast.expr) -> bool:
    """Text written in the app's source: a string literal, or literals joined by + or chosen by if/else."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literal(node.left) and _literal(node.right)
    if isinstance(node, ast.IfExp):
        return _literal(node.body) and _literal(node.orelse)
    return False


def _safe_generator(node: ast.expr) -> bool:
    return isinstance(node, ast.GeneratorExp | ast.ListComp) and _safe(node.elt)


def _renders(call: ast.Call) -> bool:
    """st.markdown(...), cols[0].info(...), getattr(st, kind)(...) and the like."""
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr in RENDERERS
    return isinstance(func, ast.Call) and isinstance(func.func, ast.Name) and func.func.id == "getattr"


def unsafe_calls() -> list[str]:
    """Every rendering call in the app whose text is not known safe, as file:line."""
    found = []
    for path in sorted(APP.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _renders(node) and node.args and not _safe(node.args[0]):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_markdown_call_gets_escaped_data() -> None:
    """No st.markdown/info/error/warning/caption/success/title call in the app receives unescaped data."""
    assert unsafe_calls() == []


def test_the_check_sees_calls_in_the_app() -> None:
    """The AST walk finds the app's rendering calls at all (no vacuous pass)."""
    count = sum(
        isinstance(n, ast.Call) and _renders(n)
        for path in APP.rglob("*.py")
        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
    )
    assert count > 40


@pytest.mark.parametrize(
    "hostile", ["![x](https://attacker.example/i.png)", "[trusted](https://attacker.example)", "<img src=x>"]
)
def test_md_escapes_values_and_keeps_the_template(hostile: str) -> None:
    """md() keeps the app's own Markdown and shows each value as exactly its characters."""
    assert md("Signed by **{who}**", who=hostile) == f"Signed by **{plain(hostile)}**"
    assert "](" not in md("{x}", x=hostile)


def test_with_code_sets_commands_as_code_and_escapes_the_rest() -> None:
    """Backquoted parts become code spans, shown as typed; the text around them is escaped; an unmatched
    backquote makes nothing code."""
    command = "`dcr migrate S --to 1.3.0`"
    assert with_code(f"Run {command} now.") == f"{plain('Run ')}{command}{plain(' now.')}"
    assert with_code("odd ` one [x](https://attacker.example)") == plain("odd ` one [x](https://attacker.example)")
    assert "](" not in with_code("a ![x](https://attacker.example/i.png) `b`").split("`")[0]
