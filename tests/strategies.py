"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st


def trees(
    scalars: st.SearchStrategy[Any], keys: list[str], *, key_size: int, max_leaves: int
) -> st.SearchStrategy[Any]:
    """JSON-like trees whose mapping keys are mostly schema keys: deep enough to reach every rule."""
    return st.recursive(
        scalars,
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(st.one_of(st.sampled_from(keys), st.text(max_size=key_size)), children, max_size=6),
        ),
        max_leaves=max_leaves,
    )
