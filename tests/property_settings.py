"""Hypothesis settings shared by the property suites.

The number of examples: DCR_PROPERTY_EXAMPLES when set, else 1,000 under DCR_PROPERTY_PROFILE=thorough
(`make properties` sets both), else the suite's own modest default (`make test`). No deadline: one example
scores a submission two or more times, and on a shared machine its time says nothing about the code. No health
check is suppressed: every suite draws a submission from one seed, so generation is never slow.
"""

from __future__ import annotations

import os

from hypothesis import settings


def examples(default: int) -> int:
    """How many examples a property runs."""
    if "DCR_PROPERTY_EXAMPLES" in os.environ:
        return int(os.environ["DCR_PROPERTY_EXAMPLES"])
    return 1000 if os.environ.get("DCR_PROPERTY_PROFILE") == "thorough" else default


def property_settings(default: int) -> settings:
    """The settings of a suite whose own default is `default` examples."""
    return settings(max_examples=examples(default), deadline=None)
