"""Shared foundations every stage may use: problems and errors, safe document reading, canonical JSON,
atomic writes, bundled resources. Imports nothing else from assessor."""

import os

# openpyxl parses with lxml whenever lxml is installed (pyHanko brings it), and then defusedxml no longer guards
# untrusted workbooks. Every assessor module imports this package first, so openpyxl learns it before it loads.
os.environ.setdefault("OPENPYXL_LXML", "False")
