"""The rewind strip's time arithmetic, shared with the charts' clicks (hypothesis properties)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wargame.tui.widgets.timeline import column_of, time_of

spans = st.tuples(
    st.floats(0, 1e5, allow_nan=False), st.floats(1, 1e5, allow_nan=False), st.integers(1, 400)
)


@given(spans, st.integers(-10, 500))
def test_a_columns_time_maps_back_to_that_column(span, col) -> None:
    t0, length, cols = span
    t = time_of(col, t0, t0 + length, cols)
    assert t0 <= t <= t0 + length
    assert column_of(t, t0, t0 + length, cols) == max(0, min(cols - 1, col))


@given(spans, st.floats(-1e6, 1e6, allow_nan=False))
def test_every_time_lands_on_the_strip(span, t) -> None:
    t0, length, cols = span
    assert 0 <= column_of(t, t0, t0 + length, cols) <= cols - 1


def test_the_ends_are_the_first_and_last_columns() -> None:
    assert column_of(0.0, 0.0, 600.0, 60) == 0
    assert column_of(600.0, 0.0, 600.0, 60) == 59
    assert time_of(0, 0.0, 600.0, 60) == 5.0
