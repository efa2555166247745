"""Render the report HTML from Jinja2 templates: autoescape on, undefined names are errors."""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from assessor.core.resources import templates_root
from assessor.core.text import shown
from assessor.reports.context import ReportContext
from assessor.reports.findings_view import recommendation
from assessor.reports.labels import label, prose
from assessor.reports.numbers import change, points

REPORT_TEMPLATE = "report.html.j2"


def template_dirs(override: Path | None) -> list[Path]:
    """Folders searched for templates and assets: the override first, then the bundled ones."""
    return [override.resolve(), templates_root()] if override else [templates_root()]


def environment(override: Path | None = None) -> Environment:
    """The Jinja2 environment every report uses: one per template folder, so each template is compiled once per
    process (about 70 ms for the report) and compiled again only when its file changes (Jinja's auto-reload
    compares modification times)."""
    return _environment(override.resolve() if override else None)


@functools.lru_cache(maxsize=16)
def _environment(override: Path | None) -> Environment:
    env = Environment(
        loader=FileSystemLoader([str(p) for p in template_dirs(override)]),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["label"] = label
    env.filters["capitalize_first"] = capitalize_first
    env.filters["prose"] = prose
    env.filters["points"] = points
    env.filters["change"] = change
    env.filters["unbroken"] = unbroken
    env.filters["code_spans"] = code_spans
    env.filters["recommendation"] = recommendation
    return env


def capitalize_first(text: str) -> str:
    """`text` with its first letter upper-case and the rest untouched (Jinja's `capitalize` lowers the rest)."""
    return text[:1].upper() + text[1:]


def unbroken(text: str) -> Markup:
    """`text` kept on one line (an id or a hyphenated name in a narrow column never breaks inside)."""
    return Markup('<span class="nowrap">{}</span>').format(escape(text))


def code_spans(text: str) -> Markup:
    """`text` with its `backquoted` parts (a command) set as code, the rest escaped."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unmatched backquote: nothing is code
        return Markup("{}").format(text)
    return Markup("").join(
        Markup("<code>{}</code>").format(part) if i % 2 else Markup("{}").format(part) for i, part in enumerate(parts)
    )


def render_html(context: ReportContext, override: Path | None = None) -> str:
    """The report as one HTML document; control and bidi characters in any text it shows are escaped (the
    templates hold none, so this touches only text from the submission and the review)."""
    return shown(environment(override).get_template(REPORT_TEMPLATE).render(r=context))
