"""A draft version's impact on a corpus: who moves, by how much, and which change of the standard moved them."""
