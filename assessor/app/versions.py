"""Versions: read the typed diff between two versions of the standard, and see what migrating a submission to
another version does to its level and score before continuing to edit the migrated draft."""

from __future__ import annotations

from typing import Any

import streamlit as st

from assessor.api import Migration, diff_standards, migrate
from assessor.api_versions import submission_data
from assessor.app import present, state
from assessor.app.drafts import Draft
from assessor.app.text import md, plain
from assessor.app.widgets import show_problems
from assessor.core.documents import Document
from assessor.core.problems import DcrError, ProblemsError
from assessor.dcrs.diff import VersionDiff
from assessor.dcrs.diff_render import headline, manifest_lines, only_kinds, render, render_markdown
from assessor.dcrs.loader import default_standard_dir
from assessor.dcrs.migration_models import CHANGE_KINDS
from assessor.dcrs.versions import VersionInfo, library
from assessor.reports.migration import counts, mover_line


def render_page() -> None:
    """The Versions page."""
    st.title("Versions of the standard")
    versions = library(default_standard_dir())
    st.caption(plain(" · ".join(f"{v.version} ({v.status})" for v in versions)))
    diff_tab, migrate_tab = st.tabs(["Compare versions", "Migrate a submission"])
    with diff_tab:
        _compare(versions)
    with migrate_tab:
        _migrate(versions)


def _compare(versions: list[VersionInfo]) -> None:
    numbers = [v.version for v in versions]
    left, right = st.columns(2)
    old = left.selectbox("From", numbers, index=0, key="diff-old")
    new = right.selectbox("To", numbers, index=len(numbers) - 1, key="diff-new")
    if old is None or new is None:
        return
    result = diff_standards(old, new)
    kinds = st.multiselect("Kinds of change", list(CHANGE_KINDS), key="diff-kinds", placeholder="every kind")
    shown = only_kinds(result, kinds)
    st.markdown(plain(headline(result)))
    counted = result.counts()
    if counted:
        cols = st.columns(min(len(counted), 4))  # more to a row cut their labels ("uncha…") in a narrow window
        for i, (kind, n) in enumerate(counted.items()):
            cols[i % len(cols)].metric(kind.capitalize(), n)
    st.dataframe(_rows(shown), hide_index=True, key="diff-table")
    with st.expander("Field by field (reworded text as a redline)"):
        st.markdown(render_markdown(shown))  # the standard's text is escaped there, markup and all
    if result.manifest:
        st.markdown("**Manifest** (registries and scoring rules)")
        # Each change with its values, as the text diff gives them ("added (true)", "0.1 -> 0.05").
        rows = [dict(zip(("entry", "change"), line.split(": ", 1), strict=True)) for line in manifest_lines(result)]
        st.dataframe(rows, hide_index=True, key="manifest-table")
    a, b = st.columns(2)
    a.download_button("Diff (Markdown)", render(shown, "md"), f"dcrs-{old}-{new}.md", "text/markdown")
    b.download_button("Diff (JSON)", render(shown, "json"), f"dcrs-{old}-{new}.json", "application/json")


def _rows(diff: VersionDiff) -> list[dict[str, Any]]:
    return [
        {
            "from": c.source or "—",
            "to": ", ".join(c.targets) or "—",
            "changes": ", ".join(c.changes),
            "relationship": c.relationship,
            "review answers": c.review,
            "title": c.title,
            "what changed": "; ".join(sorted({f.field for f in c.fields})),
            "note": c.note or "",
        }
        for c in diff.requirements
    ]


def _migrate(versions: list[VersionInfo]) -> None:
    draft = state.current_draft()
    if draft is None:
        st.info("Open a submission (Overview page: example, upload or a draft) to see its migration.")
        return
    current = (draft.data.get("standard") or {}).get("version", "?")
    targets = [v.version for v in versions if v.version != current]
    st.markdown(md("**{title}** answers version **{version}**.", title=draft.title, version=current))
    target = st.selectbox("Migrate to", targets, index=len(targets) - 1 if targets else None, key="migrate-to")
    if target is None:
        return
    try:
        result = migrate(Document("draft", draft.data), to_version=target)
    except ProblemsError as err:
        st.error("The submission must be valid for its own version before it can migrate.")
        show_problems(err.problems)
        return
    except DcrError as err:
        st.error(plain(err))
        return
    _effect(result)
    _answers(result)
    if st.button("Continue editing the migrated draft", type="primary", key="migrate-open"):
        _open(draft, result)


def _effect(result: Migration) -> None:
    old, new = result.effect.old, result.effect.new
    left, right = st.columns(2)
    left.metric(f"Level under {old.version}", f"{old.level} ({old.level_name})")
    right.metric(f"Level under {new.version}", f"{new.level} ({new.level_name})", delta=new.level - old.level or None)
    left.metric(f"Score under {old.version}", f"{old.score or 0:.2f}")
    delta = round((new.score or 0) - (old.score or 0), 2)
    right.metric(f"Score under {new.version}", f"{new.score or 0:.2f}", delta=delta or None)
    domains = [
        {"domain": d.id, f"level {old.version}": d.old_level, f"level {new.version}": d.new_level,
         f"score {old.version}": d.old_score, f"score {new.version}": d.new_score}
        for d in result.effect.domains
    ]  # fmt: skip
    st.dataframe(present.rows(domains), hide_index=True, key="migrate-domains")
    st.markdown("**Requirements that moved them**")
    for mover in result.effect.movers:
        st.markdown("- " + plain(mover_line(mover)))


def _answers(result: Migration) -> None:
    n = counts(result.migrated)
    st.markdown(md("Answers: **{carried}** carried, **{review}** marked for review, **{unanswered}** unanswered, "
                   "**{dropped}** dropped.", **n))  # fmt: skip
    moves = [m for m in result.migrated.moves if m.action != "carried"]
    rows = [{"requirement": m.requirement, "action": m.action, "changes": ", ".join(m.changes), "reason": m.reason}
            for m in moves]  # fmt: skip
    st.dataframe(present.rows(rows), hide_index=True, key="migrate-moves")


def _open(source: Draft, result: Migration) -> None:
    title = f"{source.title} → {result.migrated.to_version}"
    created = state.store().create(submission_data(result.submission), title, source=source.source)
    state.open_draft(created)
    st.switch_page(st.session_state["pages"]["self"])
