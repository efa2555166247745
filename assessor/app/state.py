"""What every page shares: the cached standard, the workspace of drafts, and the draft that is open.

The open draft's id is kept in the URL (?draft=...), so a browser refresh or a server restart reopens it.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import streamlit as st

import assessor
from assessor.app import session
from assessor.app.drafts import Draft, StaleDraft, StoreDrafts, changed_paths
from assessor.app.text import plain
from assessor.app.uploads import check_upload, safe_name
from assessor.core.documents import Document
from assessor.core.limits import SHORT_TEXT
from assessor.core.problems import DcrError, Problem, json_path
from assessor.core.resources import examples_root
from assessor.dcrs.loader import default_standard_dir
from assessor.dcrs.models import Standard
from assessor.dcrs.versions import available
from assessor.intake.checked import CheckedSubmission
from assessor.intake.loader import answered_version, check_document
from assessor.scoring.models import Assessment

DRAFT_PARAM = "draft"
PARAMS = {"submission": DRAFT_PARAM, "review": "review"}  # the URL parameter that names each kind's open draft
UPLOAD_TYPES = ["yaml", "yml", "json", "xlsx"]
T = TypeVar("T")


@st.cache_resource
def standard_version(version: str | None = None) -> Standard:
    """A version of the bundled standard (default: the latest published), loaded once per server process."""
    return assessor.load_standard(version=version)


def standard() -> Standard:
    """The version the open submission draft answers (when the library holds it), else the latest published."""
    draft: Draft | None = st.session_state.get("open:submission")
    return standard_version(_held(draft.data) if draft is not None else None)


def answered(draft: Draft) -> Standard:
    """The version a submission draft answers (when the library holds it), else the latest published."""
    return standard_version(_held(draft.data))


def standard_for(data: Any) -> Standard:
    """The version a submission's data answers (when the library holds it), else the latest published."""
    return standard_version(_held(data))


def _held(data: Any) -> str | None:
    """The version a submission's data answers, if the bundled library holds it."""
    version = answered_version(Document("draft", data))
    return version if version and _available(str(default_standard_dir()), version) else None


@st.cache_data(ttl=60, show_spinner=False)
def _available(root: str, version: str) -> bool:
    """Whether the library at `root` holds `version`: its index is parsed at most once a minute, not on every
    call (a page run asks several times; each parse cost about 1.5 ms)."""
    return available(Path(root), version)


def store() -> StoreDrafts:
    """The drafts this session's identity may see and change, in the store."""
    return StoreDrafts(session.scoped())


def current_draft(kind: str = "submission") -> Draft | None:
    """The open draft: this session's, else the one named in the URL, else the example `make app` names."""
    draft: Draft | None = st.session_state.get(f"open:{kind}")
    wanted = st.query_params.get(PARAMS[kind])
    if draft is not None and wanted in (None, draft.id):
        st.query_params[PARAMS[kind]] = draft.id  # st.switch_page clears the URL's parameters; put it back
        return draft
    if wanted:
        loaded = store().load(wanted)
        if loaded is not None and loaded.kind == kind:
            open_draft(loaded)
            return loaded
    example = os.environ.get("DCR_EXAMPLE")
    if kind == "submission" and example and not st.session_state.get("example-offered"):
        st.session_state["example-offered"] = True
        path = example_path(example)
        if path.is_file() and isinstance(opened := open_example(path), Draft):
            return opened
    return None


def open_draft(draft: Draft) -> None:
    """Make `draft` the open one for its kind and put its id in the URL."""
    st.session_state[f"open:{draft.kind}"] = draft
    st.session_state[f"base:{draft.id}"] = copy.deepcopy(draft.data)  # what this session's edits start from
    st.query_params[PARAMS[draft.kind]] = draft.id


def close_draft(kind: str = "submission") -> None:
    """Close the open draft of a kind."""
    st.session_state.pop(f"open:{kind}", None)
    st.query_params.pop(PARAMS[kind], None)


def save(draft: Draft) -> None:
    """Autosave: write the draft and note that its data changed. An edit based on a version another tab or
    session has since replaced is refused: the stored version opens instead, and both changes are shown."""
    try:
        store().save(draft)
    except StaleDraft as stale:
        _conflict(draft, stale.current)
    else:
        st.session_state[f"base:{draft.id}"] = copy.deepcopy(draft.data)
    st.session_state[f"revision:{draft.id}"] = st.session_state.get(f"revision:{draft.id}", 0) + 1


def _conflict(mine: Draft, theirs: Draft) -> None:
    base = st.session_state.get(f"base:{mine.id}", theirs.data)
    st.session_state[f"conflict:{mine.id}"] = (changed_paths(base, theirs.data), changed_paths(base, mine.data))
    forget_widgets(mine.id)  # widgets show the stored version again
    open_draft(theirs)


def forget_widgets(draft_id: str) -> None:
    """Drop the widget values of a draft, so its widgets show the stored data again."""
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(f"{draft_id}:")]:
        del st.session_state[key]


def show_conflict(draft: Draft) -> None:
    """After a refused save: what the other session changed, and the edit of this one that was not saved."""
    found = st.session_state.pop(f"conflict:{draft.id}", None)
    if found is None:
        return
    theirs, mine = ("; ".join(json_path(p)[2:] or "the draft" for p in paths[:10]) or "—" for paths in found)
    st.warning(
        "**Your last change was not saved**: this draft was changed in another tab or session meanwhile, and "
        f"the page now shows that version. Changed there: {plain(theirs)}. Your change, not saved: {plain(mine)} "
        "— make it again if you still want it."
    )


def checked(draft: Draft) -> CheckedSubmission:
    """Validation of the draft's current data, computed once per change."""
    return _memo(draft, "checked", lambda: check_document(Document("draft", draft.data), answered(draft)))


def assessment(draft: Draft) -> Assessment | None:
    """The draft's assessment, or None while it has errors."""
    result = checked(draft)
    if result.errors or result.submission is None:
        return None
    sub = result.submission
    return _memo(draft, "assessment", lambda: assessor.score(answered(draft), sub))


def import_file(name: str, content: bytes, *, source: str = "") -> Draft | list[Problem]:
    """Validate an uploaded YAML/JSON/XLSX file; a valid one becomes the open draft, else its problems. A file
    whose content is already one of the identity's drafts reopens that draft instead of making a twin."""
    result = check_upload(name, content, lambda doc: standard_version(_held(doc.data)))
    if isinstance(result, list):
        return result
    if result.errors or result.submission is None:
        return result.errors
    data = result.submission.model_dump(mode="json")
    me = session.identity().name
    same = store().where("submission", created_by=me, data=data)
    if same:
        st.session_state["reopened"] = same[0].title
        open_draft(same[0])
        return same[0]
    title = _title(result.submission.organisation.name, safe_name(name))
    draft = store().create(data, title, source=source or f"upload:{safe_name(name)}")
    open_draft(draft)
    return draft


def open_example(path: Path) -> Draft | list[Problem]:
    """Open a bundled example as the identity's private copy (the bundled file never changes): the copy this
    identity made earlier, else a new one."""
    root = examples_root()
    source = f"example:{path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name}"
    mine = store().where("submission", source=source, created_by=session.identity().name)
    if mine:
        open_draft(mine[0])
        return mine[0]
    return import_file(path.name, path.read_bytes(), source=source)


def examples() -> list[Path]:
    """The bundled example submissions, each answering the latest published version that has one."""
    return [assessor.example(p.stem) for p in sorted(examples_root().glob("*.yaml"))]


def example_path(name: str) -> Path:
    """A submission named by $DCR_EXAMPLE: a file path, or the name of a bundled example, taken from the
    examples of the latest published version of the standard where it has its own (examples/<version>/)."""
    given = Path(name)
    if given.is_file():
        return given
    try:
        return assessor.example(given.name)
    except DcrError:
        return examples_root() / given.name  # not a bundled example: its absence is reported where it is opened


def blank_data() -> dict[str, Any]:
    """A new, empty submission to the standard."""
    m = standard_version().manifest
    return {
        "standard": {"id": m.id, "version": m.version},
        "organisation": {"name": ""},
        "assessment": {"type": "self", "date": None, "assessor": {"name": ""}},
        "profile": {"models": [{"name": "", "surfaces": ["api"]}]},
        "evidence": [],
        "responses": [],
    }


def _memo(draft: Draft, what: str, compute: Callable[[], T]) -> T:
    """compute() once per revision of the draft (validation and scoring are pure)."""
    key = (draft.id, st.session_state.get(f"revision:{draft.id}", 0), what)
    cache: dict[tuple[Any, ...], Any] = st.session_state.setdefault("memo", {})
    if key not in cache:
        if len(cache) > 8:
            cache.clear()
        cache[key] = compute()
    return cast(T, cache[key])


def _title(organisation: str, filename: str) -> str:
    """The draft's title, shortened to what the store keeps (a name and a file name may each be that long)."""
    title = f"{organisation} ({filename})" if organisation else filename
    return title if len(title) <= SHORT_TEXT else title[: SHORT_TEXT - 1] + "…"
