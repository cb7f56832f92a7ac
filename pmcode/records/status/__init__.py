"""Status reports."""
