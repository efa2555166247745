"""Report templates are compiled once per folder and process, and an edited template is read again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from assessor.dcrs.models import Standard
from assessor.intake.loader import load_submission
from assessor.reports.context import build_context
from assessor.reports.html import REPORT_TEMPLATE, environment, render_html
from assessor.scoring.engine import score
from tests.conftest import DATA, ROOT


def test_one_environment_per_template_folder(tmp_path: Path) -> None:
    """The bundled folder and each override folder (however it is named) have one environment each."""
    assert environment() is environment()
    assert environment(tmp_path) is environment(tmp_path / ".") is not environment()


def test_an_edited_override_template_is_read_again(tmp_path: Path, mini: Standard) -> None:
    """A report template changed between two renders in one process shows its change in the second."""
    shutil.copy(ROOT / "templates" / REPORT_TEMPLATE, tmp_path / REPORT_TEMPLATE)
    submission = load_submission(DATA / "valid-mini-submission.yaml", mini)
    context = build_context(mini, submission, score(mini, submission))
    assert "EDITED EDITION" not in render_html(context, tmp_path)
    template = tmp_path / REPORT_TEMPLATE
    template.write_text(template.read_text(encoding="utf-8").replace("</body>", "<p>EDITED EDITION</p></body>"))
    later = template.stat().st_mtime_ns + 2_000_000_000
    os.utime(template, ns=(later, later))
    assert "EDITED EDITION" in render_html(context, tmp_path)
