"""Typed models: the source of truth for every document the assessor reads or writes."""
