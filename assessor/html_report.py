"""Render the report HTML from Jinja2 templates: autoescape on, undefined names are errors."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .report_context import ReportContext

DEFAULT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
REPORT_TEMPLATE = "report.html.j2"


def template_dirs(override: Path | None) -> list[Path]:
    """Folders searched for templates and assets: the override first, then the bundled ones."""
    return [override.resolve(), DEFAULT_TEMPLATES] if override else [DEFAULT_TEMPLATES]


def environment(override: Path | None = None) -> Environment:
    """The Jinja2 environment every report uses."""
    return Environment(
        loader=FileSystemLoader([str(p) for p in template_dirs(override)]),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(context: ReportContext, override: Path | None = None) -> str:
    """The report as one HTML document."""
    return environment(override).get_template(REPORT_TEMPLATE).render(r=context)
