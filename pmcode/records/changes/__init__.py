"""Change control."""
