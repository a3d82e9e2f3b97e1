"""The debrief's line chart: negative, empty, flat and huge series; the as-built debriefs.

Negative revenue (refunds outweighing sales in a minute) used to index past the
chart's last row and crash the debrief with ``IndexError``.
"""

from __future__ import annotations

import math

import pytest
from textual.app import App, ComposeResult

from wargame.tui.widgets.chart import LineChart, Series, chart_range, row_of


def test_chart_range_covers_negative_empty_flat_and_huge_series() -> None:
    assert chart_range([[-50.0, 10.0, 20.0]]) == (-50.0, 20.0)
    assert chart_range([[]]) == (0.0, 1.0)
    assert chart_range([]) == (0.0, 1.0)
    assert chart_range([[0.0, 0.0]]) == (0.0, 1.0)
    assert chart_range([[7.0, 7.0]]) == (0.0, 7.0)
    assert chart_range([[-3.0, -3.0]]) == (-3.0, 0.0)
    assert chart_range([[1e300, 2.0]]) == (0.0, 1e300)
    assert chart_range([[math.nan, math.inf, 5.0]]) == (0.0, 5.0)


@pytest.mark.parametrize("value", [-1e12, -5.0, 0.0, 5.0, 1e12, math.nan])
def test_row_of_stays_on_the_grid(value: float) -> None:
    row = row_of(value, -5.0, 5.0, 8)
    assert 0 <= row <= 7


def test_row_of_puts_bottom_low_and_top_high() -> None:
    assert row_of(-5.0, -5.0, 5.0, 8) == 7
    assert row_of(5.0, -5.0, 5.0, 8) == 0


class ChartApp(App[None]):
    def __init__(self, series: list[Series], times: list[float]) -> None:
        super().__init__()
        self.series, self.times = series, times

    def compose(self) -> ComposeResult:
        yield LineChart("chart", self.times, self.series, [(60.0, 120.0)])


CASES = {
    "negative": [-500.0, -20.0, 100.0, 300.0, -1.0, 50.0],
    "empty": [],
    "flat": [42.0] * 6,
    "huge": [1e15, 3.0, 2e15, 0.0, 1e15, 5.0],
    "zeros": [0.0] * 6,
}


@pytest.mark.parametrize("case", sorted(CASES))
async def test_chart_draws_every_kind_of_series(case: str) -> None:
    values = CASES[case]
    times = [60.0 * i for i in range(len(values))] if values else [0.0, 60.0]
    app = ChartApp([Series("you", values), Series("model", [1.0] * len(values))], times)
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        chart = app.query_one(LineChart)
        text = chart.render().plain
        lines = text.splitlines()
        assert lines[0].startswith("chart")
        if values:
            body = "\n".join(lines[1:-1])
            assert "●" in body or "◆" in body
        if case == "negative":
            # the lowest point sits on the bottom row, labelled with the negative bound
            assert lines[-2].lstrip().startswith("-500")
            assert "●" in lines[-2] or "◆" in lines[-2]
        if case == "flat":
            assert "●" in lines[1] or "◆" in lines[1]


async def test_a_third_series_and_the_cursor_column() -> None:
    times = [60.0 * i for i in range(10)]
    you = [float(i) for i in range(10)]
    app = ChartApp(
        [Series("you", you), Series("model", [9.0] * 10), Series("branch", [0.0] * 10)], times
    )
    async with app.run_test(size=(60, 12)) as pilot:
        chart = app.query_one(LineChart)
        lines = chart.render().plain.splitlines()
        assert "▪ branch" in lines[0]
        assert "▪" in lines[-2]  # the branch at zero on the bottom row
        chart.set_cursor(300.0)
        await pilot.pause()
        content = chart.render()
        left, cols = chart._plot
        col = left + int(300.0 / 540.0 * cols)
        # the cursor's column is highlighted on every plot row, and only that column
        row = content.split("\n")[1]
        styled = {s.start for s in row.spans if "$primary" in str(s.style)}
        assert styled == {col}


async def test_a_click_on_the_plot_posts_the_time_under_the_mouse() -> None:
    times = [60.0 * i for i in range(11)]
    seen: list[float] = []

    class Clicks(ChartApp):
        def on_line_chart_seek(self, event: LineChart.Seek) -> None:
            seen.append(event.t)

    app = Clicks([Series("you", [1.0] * 11)], times)
    async with app.run_test(size=(60, 12)) as pilot:
        chart = app.query_one(LineChart)
        await pilot.pause()
        left, cols = chart._plot
        await pilot.click(LineChart, offset=(left, 3))  # the first column of the plot
        await pilot.click(LineChart, offset=(0, 3))  # the value labels: not a time
        await pilot.pause()
        assert seen == [pytest.approx(600.0 * 0.5 / cols)]
