"""Examples as YAML the way a user would type them (see pmcode.yamlwrite); a test parses every snippet back with
pmcode's reader."""

from __future__ import annotations

from pmcode.yamlwrite import to_yaml

__all__ = ["to_yaml"]
