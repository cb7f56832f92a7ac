"""`pmcode site`: build the stakeholder site (placeholder until the site renderer lands in this session)."""

from __future__ import annotations

import click


@click.group()
def site() -> None:
    """Build the published site."""
