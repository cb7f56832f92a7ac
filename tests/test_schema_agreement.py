"""The fast validator (fastjsonschema, decides) and the explaining one (jsonschema, reports) must agree.

pmcode trusts the fast one to say "valid" and only asks jsonschema to explain files that are not; a disagreement
would let an invalid file through or report a valid one with no message.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import trees

from pmcode.load import FileKind
from pmcode.resources import bundled_schema
from pmcode.validate.compiled import explaining_validator, is_valid_fast


def _keys(node: Any, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                found.update(value)
            _keys(value, found)
    elif isinstance(node, list):
        for item in node:
            _keys(item, found)
    return found


KEYS = sorted(set().union(*(_keys(bundled_schema(kind.schema_file), set()) for kind in FileKind)))
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**13), max_value=10**13),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["5d", "0.5d", "-2d", "3ed", "50%", "100%", "2027-01-04", "2027-02-30", "2027-02", "FS", "XX"]),
    st.sampled_from(["09:00-17:00", "USD", "07-01", "standard", "a", "", "design", "erp:golive", "2027-01-04T09:00"]),
    st.sampled_from(["2027-02-30T09:00", "2027-01-04T25:00", "USD\n", "a\x1b[31m", "line\nbreak"]),
    st.text(max_size=8),
)
TREES = trees(SCALARS, KEYS, key_size=5, max_leaves=30)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(list(FileKind)), data=TREES)
def test_fast_and_explaining_validators_agree(kind: FileKind, data: Any) -> None:
    explained = list(explaining_validator(kind).iter_errors(data))
    assert is_valid_fast(kind, data) == (not explained), explained[:3]


@settings(max_examples=200, deadline=None)
@given(
    data=st.fixed_dictionaries(
        {"name": st.sampled_from(["P", 7]), "start": SCALARS, "tasks": st.lists(TREES, max_size=3)},
        optional={"status_date": SCALARS, "deliverables": st.lists(TREES, max_size=2)},
    )
)
def test_agree_on_project_shaped_data(data: dict[str, Any]) -> None:
    explained = list(explaining_validator(FileKind.PROJECT).iter_errors(data))
    assert is_valid_fast(FileKind.PROJECT, data) == (not explained), explained[:3]


def test_invalid_calendar_date_is_invalid_for_both() -> None:
    data = {"name": "P", "start": "2027-02-30", "tasks": []}
    assert not is_valid_fast(FileKind.PROJECT, data)
    assert list(explaining_validator(FileKind.PROJECT).iter_errors(data))
