"""Many submissions at once: find them under a folder, assess them in parallel, stream the results to disk."""
