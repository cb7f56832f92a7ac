"""YAML the way a user would type it, for files pmcode writes (importers) and examples it prints (docs).

PyYAML's dumper quotes any string that YAML 1.1 would read as something else (`2027-01-04`, `on`, `no`). pmcode
reads YAML 1.2's core schema (pmcode.load.yamlsafe), where those stay text, so the dumper here quotes only what
pmcode itself would misread: null, booleans and numbers. Lists wrapped in `Flow` are written on one line
(`depends: [design, build]`), as people write short lists.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_CORE_SCALARS = {
    "tag:yaml.org,2002:null": re.compile(r"^(|~|null|Null|NULL)$"),
    "tag:yaml.org,2002:bool": re.compile(r"^(true|True|TRUE|false|False|FALSE)$"),
    "tag:yaml.org,2002:int": re.compile(r"^[-+]?[0-9]+$"),
    "tag:yaml.org,2002:float": re.compile(
        r"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$"
    ),
}


class Flow(list[Any]):
    """A list written in flow style: `[a, b]`."""


class _CoreDumper(yaml.SafeDumper):
    """A safe dumper whose idea of 'this plain text would be read as another type' is YAML 1.2 core's."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # indent lists under their key, as FORMAT.md writes them

    def ignore_aliases(self, data: Any) -> bool:
        return True  # pmcode refuses anchors and aliases: write repeated values out


def _flow(dumper: yaml.SafeDumper, data: Flow) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


_CoreDumper.yaml_implicit_resolvers = {}
for _tag, _regexp in _CORE_SCALARS.items():
    _CoreDumper.add_implicit_resolver(_tag, _regexp, [*"-+0123456789.~nNtTfF", ""])
_CoreDumper.add_representer(Flow, _flow)


def to_yaml(value: Any, width: int = 100) -> str:
    """`value` as block-style YAML, keys in the order given, ending with a newline."""
    text = yaml.dump(
        value, Dumper=_CoreDumper, sort_keys=False, default_flow_style=False, allow_unicode=True, width=width
    )
    return text.removesuffix("...\n")
