"""The standard (DCRS): its models, loading from a folder, semantic rules, conditions, outline."""
