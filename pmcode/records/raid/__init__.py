"""RAID log."""
