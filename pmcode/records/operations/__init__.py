"""Disaster recovery and security."""
