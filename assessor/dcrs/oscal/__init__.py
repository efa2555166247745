"""The standard as OSCAL 1.2.3: a catalog (export and import, round-tripping exactly) and mapping collections."""
