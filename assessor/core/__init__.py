"""Shared foundations every stage may use: problems and errors, safe document reading, canonical JSON,
atomic writes, bundled resources. Imports nothing else from assessor."""
