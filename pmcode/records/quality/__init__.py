"""Quality and audits."""
