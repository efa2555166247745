"""`python -m assessor` is the `dcr` command."""

from assessor.cli import main

main()
