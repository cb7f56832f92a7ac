"""The cycle rule's quick check (Kahn) against the components it stands in for (Tarjan), on random graphs."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from pmcode.validate.rules.cycles import _Graph

GRAPHS = st.integers(min_value=1, max_value=12).flatmap(
    lambda size: st.lists(
        st.lists(st.integers(min_value=0, max_value=size - 1), max_size=4), min_size=size, max_size=size
    )
)


@given(edges=GRAPHS)
def test_acyclic_exactly_when_there_is_no_cyclic_component(edges: list[list[int]]) -> None:
    graph = _Graph(SimpleNamespace(out=edges))  # type: ignore[arg-type]
    assert graph.acyclic() == (not list(graph.components()))


def test_a_self_loop_is_a_cycle() -> None:
    assert not _Graph(SimpleNamespace(out=[[1], [1]])).acyclic()  # type: ignore[arg-type]
