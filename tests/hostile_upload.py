"""Run one file through the app's upload check, as the hostile corpus does for the `upload` kind.

Prints each problem as a JSON line on standard error, like `dcr --problems json`; exits 4 when the upload
is refused, 0 when it would open as a draft.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from assessor.app.uploads import check_upload
from assessor.cli.output import problem_record
from assessor.dcrs.loader import load_standard


def main(path: str) -> int:
    """Check the file's bytes under its own name; the exit code says whether it was accepted."""
    checked = check_upload(Path(path).name, Path(path).read_bytes(), load_standard(version="1.0.0"))
    problems = checked if isinstance(checked, list) else checked.problems
    for problem in problems:
        print(json.dumps(problem_record(problem)), file=sys.stderr)
    refused = isinstance(checked, list) or bool(checked.errors) or checked.submission is None
    return 4 if refused else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
