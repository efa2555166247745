"""Benchmarks for DCR Assessor: `make bench`. Figures are compared with floors measured in the same run."""
