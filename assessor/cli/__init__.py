"""The `dcr` command line: one module per verb, each a thin shell over the public API."""

from assessor.cli.main import cli, main

__all__ = ["cli", "main"]
