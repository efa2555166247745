"""Pure scoring: supported and verified status, domain and overall results, ranked findings."""
