"""A version diff for people (text, Markdown) and programs (JSON)."""

from __future__ import annotations

import difflib
import html
import json
import re
from collections.abc import Callable, Iterable

from pydantic import JsonValue

from assessor.dcrs.changes import FieldChange
from assessor.dcrs.diff import ManifestChange, RequirementChange, VersionDiff

_SHORT = 70
_CONTEXT = 3  # words kept either side of a change in a word diff
_REWRITE = 0.4  # below this share of words in common, a text is shown as rewritten whole, not word by word
_MD_SPECIAL = re.compile(r"([\\`*_~\[\]<>|#])")
_ORIGIN = {
    "declared": "the migration map beside the newer version",
    "inverted": "the migration map, read backwards",
    "composed": "the migration maps of every version between, in turn",
    "inferred": "ids alone (no migration map joins these versions)",
}


def only_kinds(diff: VersionDiff, kinds: Iterable[str]) -> VersionDiff:
    """The diff narrowed to requirements with one of `kinds` (all of it when `kinds` is empty)."""
    wanted = set(kinds)
    if not wanted:
        return diff
    kept = [c for c in diff.requirements if wanted & set(c.changes)]
    return diff.model_copy(update={"requirements": kept})


def render(diff: VersionDiff, fmt: str) -> str:
    """The diff as text, md, html or json."""
    if fmt == "json":
        return json.dumps(diff.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    renderers = {"md": render_markdown, "html": render_html}
    return renderers.get(fmt, render_text)(diff)


def headline(diff: VersionDiff) -> str:
    """One line: which versions, how they were joined, how much changed."""
    typed = [c for c in diff.requirements if set(c.changes) - {"unchanged"}]
    edited = [c for c in diff.requirements if not set(c.changes) - {"unchanged"}]
    unchanged = f"{len(diff.unchanged) + len(edited)} unchanged"
    if edited:  # typed unchanged, with a field that changes no meaning edited (a crosswalk reference, say)
        names = sorted({f.field for c in edited for f in c.fields})
        unchanged += f" ({len(edited)} of them with {', '.join(names) or 'a field'} edited)"
    return (
        f"{diff.standard} {diff.old_version} -> {diff.new_version}, typed by {_ORIGIN[diff.map]}: "
        f"{len(typed)} requirement change(s), {unchanged}, {len(diff.manifest)} manifest change(s)"
    )


def kind_counts(diff: VersionDiff) -> str:
    """`added 1 · split 1 · ...`; `no requirement change` when only the manifest changed; else `no change`."""
    counts = " · ".join(f"{kind} {n}" for kind, n in diff.counts().items())
    return counts or ("no requirement change" if diff.manifest else "no change")


def render_text(diff: VersionDiff) -> str:
    """Plain text for a terminal."""
    lines = [headline(diff), f"  {kind_counts(diff)}", ""]
    for change in diff.requirements:
        lines.append(_title(change))
        lines += [f"    {_field(f, change)}" for f in change.fields]
        if change.note:
            lines.append(f"    note: {change.note}")
    if diff.manifest:
        lines += ["", "Manifest (registries and scoring rules):"]
        lines += [f"  {line}" for line in manifest_lines(diff)]
    return "\n".join(lines).rstrip() + "\n"


def render_markdown(diff: VersionDiff) -> str:
    """A Markdown report: a table of changes, then the manifest."""
    lines = [f"# {diff.standard} {diff.old_version} → {diff.new_version}", "", headline(diff) + ".", ""]
    lines += [f"**Kinds of change:** {kind_counts(diff)}", ""]
    if diff.requirements:
        lines += ["| From | To | Changes | Relationship | Review | What changed |", "|---|---|---|---|---|---|"]
        lines += [_row(c) for c in diff.requirements]
    if diff.manifest:
        lines += ["", "## Manifest", "", "| Entry | Change |", "|---|---|"]
        keys = {m.key for m in diff.manifest}
        lines += [_md_manifest(m, keys) for m in diff.manifest if not _said_below(m, keys)]
    return "\n".join(lines) + "\n"


def render_html(diff: VersionDiff) -> str:
    """A standalone HTML page: the table of changes with reworded text as a redline (<del>/<ins>)."""
    e = html.escape
    rows = "".join(
        f"<tr><td>{e(c.source or '—')}</td><td>{e(', '.join(c.targets) or '—')}</td><td>{e(', '.join(c.changes))}</td>"
        f"<td>{e(c.relationship)}</td><td>{'yes' if c.review else ''}</td><td>{_html_what(c)}</td></tr>"
        for c in diff.requirements
    )
    title = e(f"{diff.standard} {diff.old_version} → {diff.new_version}")
    head = "".join(
        f'<th scope="col">{h}</th>' for h in ("From", "To", "Changes", "Relationship", "Review", "What changed")
    )
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        "<style>del{color:#a00}ins{color:#060;text-decoration:none;font-weight:bold}td{vertical-align:top}</style>"
        f"</head><body><h1>{title}</h1><p>{e(headline(diff))}.</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></body></html>\n"
    )


def _html_what(c: RequirementChange) -> str:
    parts = []
    for f in c.fields:
        where = html.escape(f"{f.target} {f.field}" if len(c.targets) > 1 else f.field)
        if isinstance(f.old, str) and isinstance(f.new, str) and (_long(f.old) or _long(f.new)):
            parts.append(f"<p>{where}: {redline(f.old, f.new, 'html')}</p>")
        else:
            parts.append(f"<p>{where}: {html.escape(_short(f.old))} → {html.escape(_short(f.new))}</p>")
    return "".join(parts) or html.escape(c.note or "")


def _title(change: RequirementChange) -> str:
    flag = "  [review answers]" if change.review else ""
    return f"{_route(change)}  {', '.join(change.changes)}  ({change.relationship})  {change.title}{flag}"


def _route(change: RequirementChange) -> str:
    targets = ", ".join(change.targets) or "(none)"
    if change.source is None:
        return f"+ {targets}"
    return change.source if change.targets == [change.source] else f"{change.source} -> {targets}"


def _field(f: FieldChange, change: RequirementChange) -> str:
    where = f"{f.target} " if len(change.targets) > 1 else ""
    if isinstance(f.old, str) and isinstance(f.new, str) and (_long(f.old) or _long(f.new)):
        return f"{where}{f.field}: {word_diff(f.old, f.new)}"
    if _long(f.old) or _long(f.new):
        return f"{where}{f.field}: changed"
    return f"{where}{f.field}: {_short(f.old)} -> {_short(f.new)}"


def word_diff(old: str, new: str) -> str:
    """The words removed [-like this-] and added {+like this+}, with a little context around each change."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(_context(a[i1:i2]))
            continue
        if i2 > i1:
            out.append(f"[-{' '.join(a[i1:i2])}-]")
        if j2 > j1:
            out.append(f"{{+{' '.join(b[j1:j2])}+}}")
    return " ".join(part for part in out if part)


def _manifest(m: ManifestChange, keys: set[str]) -> str:
    """One manifest entry: old -> new where short; an added or removed value where short; else the leaves that
    changed inside it (those with entries of their own are said there)."""
    both = isinstance(m.old, dict) and isinstance(m.new, dict)
    if m.change == "changed" and not both and not (_long(m.old) or _long(m.new)):
        return f"{m.key}: {_short(m.old)} -> {_short(m.new)}"
    value = m.new if m.change == "added" else m.old
    if m.change != "changed":
        shown = "no parameters" if value == {} else _short(value)
        return f"{m.key}: {m.change}" + ("" if _long(value) else f" ({shown})")
    if not both:
        return f"{m.key}: changed"  # a long text: the Markdown and HTML renderings show it as a redline
    leaves = [f"{path}: {_short(a)} -> {_short(b)}" for path, a, b in _leaf_changes(m.old, m.new)
              if f"{m.key}.{path}" not in keys]  # fmt: skip
    return f"{m.key}: changed" + (f" ({'; '.join(leaves)})" if leaves else "")


def _md_manifest(m: ManifestChange, keys: set[str]) -> str:
    """A manifest row in Markdown: a reworded text as a redline, anything else as the text diff says it."""
    if m.change == "changed" and isinstance(m.old, str) and isinstance(m.new, str):
        said = redline(m.old, m.new, "md")
    else:
        said = _md_text(_manifest(m, keys).split(": ", 1)[1])
    return f"| `{m.key.replace('|', '¦')}` | {said} |"


def manifest_lines(diff: VersionDiff) -> list[str]:
    """Each manifest change as one line with its values: `key: added (true)`, `key: old -> new`, or a rule's
    changed parameters; a rule whose every change has a line of its own is not listed again."""
    keys = {m.key for m in diff.manifest}
    return [_manifest(m, keys) for m in diff.manifest if not _said_below(m, keys)]


def _said_below(m: ManifestChange, keys: set[str]) -> bool:
    """A changed entry whose every changed leaf has an entry of its own: listing it would say nothing more."""
    nested = [k for k in keys if k.startswith(f"{m.key}.")]
    leaves = [f"{m.key}.{path}" for path, _, _ in _leaf_changes(m.old, m.new)]
    return m.change == "changed" and bool(nested) and all(leaf in keys for leaf in leaves)


def _leaf_changes(old: JsonValue, new: JsonValue, path: str = "") -> list[tuple[str, JsonValue, JsonValue]]:
    """Every leaf that differs between two values, by dotted path (a key on one side only: absent is None)."""
    if isinstance(old, dict) and isinstance(new, dict):
        keys = [*old, *(k for k in new if k not in old)]
        return [c for k in keys for c in _leaf_changes(old.get(k), new.get(k), f"{path}.{k}" if path else str(k))]
    return [] if old == new else [(path or "value", old, new)]


def _row(c: RequirementChange) -> str:
    fields = "; ".join(_md_field(f, c) for f in c.fields)
    note = _md_text(f"Why: {c.note}") if c.note else ""
    what = "<br>".join(part for part in (fields, note) if part)  # the map's note says why, beside what changed
    cells = [_md_text(x) for x in (c.source or "—", ", ".join(c.targets) or "—", ", ".join(c.changes), c.relationship)]
    cells += ["yes" if c.review else "", what]
    return "| " + " | ".join(cells) + " |"


def _md_field(f: FieldChange, change: RequirementChange) -> str:
    """A field's change in a Markdown cell: reworded text as a redline, short values as old → new."""
    where = f"{f.target} " if len(change.targets) > 1 else ""
    if isinstance(f.old, str) and isinstance(f.new, str) and (_long(f.old) or _long(f.new)):
        return f"{_md_text(where + f.field)}: {redline(f.old, f.new, 'md')}"
    if _long(f.old) or _long(f.new):
        return f"{_md_text(where + f.field)}: changed"
    return _md_text(f"{where}{f.field}: {_short(f.old)} → {_short(f.new)}")


def redline(old: str, new: str, fmt: str) -> str:
    """`old` rewritten as `new`, for reading: removed words struck through and added words marked
    (`md`: ~~removed~~ **added**; `html`: <del>/<ins>), context cut to a few words; a text rewritten
    almost whole is shown as the old paragraph struck through, then the new one."""
    mark = _MARKS[fmt]
    a, b = old.split(), new.split()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    if matcher.ratio() < _REWRITE:
        return f"{mark.removed(' '.join(a))} {mark.arrow} {mark.added(' '.join(b))}"
    out: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(mark.text(_context(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(mark.removed(" ".join(a[i1:i2])))
        if j2 > j1:
            out.append(mark.added(" ".join(b[j1:j2])))
    return " ".join(part for part in out if part)


def _context(kept: list[str]) -> str:
    if len(kept) <= 2 * _CONTEXT:
        return " ".join(kept)
    return f"{' '.join(kept[:_CONTEXT])} … {' '.join(kept[-_CONTEXT:])}"


class _Marks:
    """How one output format escapes text and marks removed and added words."""

    def __init__(self, text: Callable[[str], str], removed: str, added: str, arrow: str) -> None:
        self.text, self._removed, self._added, self.arrow = text, removed, added, arrow

    def removed(self, words: str) -> str:
        return self._removed.format(self.text(words))

    def added(self, words: str) -> str:
        return self._added.format(self.text(words))


def _md_text(text: str) -> str:
    """Text as literal Markdown in a table cell: its markup characters escaped, on one line."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


_MARKS = {
    "md": _Marks(_md_text, "~~{}~~", "**{}**", "→"),
    "html": _Marks(lambda t: html.escape(t, quote=False), "<del>{}</del>", "<ins>{}</ins>", "<br>"),
}


def _long(value: JsonValue) -> bool:
    return len(_plain(value)) > _SHORT


def _short(value: JsonValue) -> str:
    text = _plain(value)
    return text if len(text) <= _SHORT else text[: _SHORT - 1] + "…"


def _plain(value: JsonValue) -> str:
    if value is None:
        return "—"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _md(text: str) -> str:
    return _md_text(text)
