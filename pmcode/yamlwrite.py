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


class FlowMap(dict[str, Any]):
    """A mapping written in flow style on one line: `{start: 2027-01-04T09:00, hours: 40.00}`."""


class Money(float):
    """An amount written with exactly two decimals (`5863.00`), so that a changed cent is a changed line."""


class _CoreDumper(yaml.SafeDumper):
    """A safe dumper whose idea of 'this plain text would be read as another type' is YAML 1.2 core's."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # indent lists under their key, as FORMAT.md writes them

    def ignore_aliases(self, data: Any) -> bool:
        return True  # pmcode refuses anchors and aliases: write repeated values out


def _flow(dumper: yaml.SafeDumper, data: Flow) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


def _flow_map(dumper: yaml.SafeDumper, data: FlowMap) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


def _money(dumper: yaml.SafeDumper, data: Money) -> yaml.Node:
    text = f"{data:.2f}"
    return dumper.represent_scalar("tag:yaml.org,2002:float", "0.00" if text == "-0.00" else text)


_CoreDumper.yaml_implicit_resolvers = {}
for _tag, _regexp in _CORE_SCALARS.items():
    _CoreDumper.add_implicit_resolver(_tag, _regexp, [*"-+0123456789.~nNtTfF", ""])
_CoreDumper.add_representer(Flow, _flow)
_CoreDumper.add_representer(FlowMap, _flow_map)
_CoreDumper.add_representer(Money, _money)


def to_yaml(value: Any, width: int = 100) -> str:
    """`value` as block-style YAML, keys in the order given, ending with a newline."""
    text = yaml.dump(
        value, Dumper=_CoreDumper, sort_keys=False, default_flow_style=False, allow_unicode=True, width=width
    )
    return text.removesuffix("...\n")


_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?")


class _ReviewDumper(_CoreDumper):
    """Writes local date-times plain inside flow mappings too (`{start: 2027-01-04T09:00}`): YAML 1.2 and PyYAML
    read a colon that is not followed by a space as part of the text, where PyYAML's emitter would quote it."""

    def analyze_scalar(self, scalar: str) -> Any:
        analysis = super().analyze_scalar(scalar)
        if _DATETIME.fullmatch(scalar):
            analysis.allow_flow_plain = True
        return analysis


def to_review_yaml(value: Any) -> str:
    """`value` as YAML for files reviewed line by line in diffs (baselines): keys in the order given, no line ever
    wrapped, `FlowMap` records on one line each."""
    text = yaml.dump(
        value, Dumper=_ReviewDumper, sort_keys=False, default_flow_style=False, allow_unicode=True, width=1_000_000
    )
    return text.removesuffix("...\n")
