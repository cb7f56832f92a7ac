"""The diagnostics reference, from the code table in pmcode.codes: one section per code, grouped by hundreds."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import groupby

from pmcode.codes import CODES, Code
from pmcode.docgen.markdown import heading, page, prose, table

# The hundreds digit says what stage found the problem (see the comments in pmcode/codes.py).
_GROUPS = {
    "0": ("Reading files", "The file cannot be read as one safe YAML document, or is not where pmcode expects it."),
    "1": ("Schema", "The file is readable YAML but does not match the schema of its kind."),
    "2": ("Plan rules", "Every file is well-formed, but the plan does not hold together."),
}


def code_anchor(code: str) -> str:
    return code.lower()


def _group(code: Code) -> str:
    return code.code[2]


def _section(code: Code) -> str:
    title = heading(3, code_anchor(code.code), f"{code.code}: {prose(code.title)}")
    return f"{title}\n\n**Severity:** {code.severity.value}\n\n{prose(code.explanation)}"


def diagnostics_page(codes: Mapping[str, Code] = CODES) -> str:
    blocks = [
        "# Diagnostics",
        "Every problem pmcode finds is reported as `file:line:col: severity CODE message`. The codes are stable: "
        "CI configurations and tools may match on them, and a code is never reused for another meaning. An error "
        "fails `pmcode validate`; a warning fails it only with `--strict`.",
    ]
    ordered = sorted(codes.values(), key=lambda c: c.code)
    for digit, members in groupby(ordered, key=_group):
        group = list(members)
        name, about = _GROUPS.get(digit, (f"Codes PM{digit}xx", ""))
        blocks.append(heading(2, f"pm{digit}xx", f"{prose(name)} (PM{digit}xx)"))
        if about:
            blocks.append(prose(about))
        rows = [[f"[{c.code}](#{code_anchor(c.code)})", c.severity.value, prose(c.title, table=True)] for c in group]
        blocks.append(table(["Code", "Severity", "Title"], rows))
        blocks += [_section(c) for c in group]
    return page(blocks)
