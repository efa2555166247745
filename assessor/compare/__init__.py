"""Assessments side by side across time and organisations: what improved, regressed, is new, and why."""
