"""A developer's submission: its models, reading YAML/JSON/XLSX, validation rules, blank templates."""
