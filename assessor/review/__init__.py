"""An auditor's review of a submission: its models, loading and rules, and the skeleton to start from."""
