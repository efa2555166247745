"""The standard as a readable document for consultation, with a redline against an earlier version."""
