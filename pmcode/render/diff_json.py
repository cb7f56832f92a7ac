"""`pmcode diff --format json`: the PlanDiff's JSON contract (pmcode.diff.result), keys sorted, two-space indent.

Working days are rounded to 4 decimals (exact for whole days and for any number of working minutes a person would
read), amounts to cents.
"""

from __future__ import annotations

import json

from pmcode.diff.result import PlanDiff


def render_diff_json(diff: PlanDiff) -> str:
    return json.dumps(diff.to_json(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
