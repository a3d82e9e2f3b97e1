"""The whole debrief exported (issue 11, item 6): Markdown, a self-contained HTML page, the CLI."""

from __future__ import annotations

import math
from html.parser import HTMLParser
from pathlib import Path

import pytest
from scoring.helpers import GOOD_PLAY, MINI, mini_scenario

from wargame.cli import main
from wargame.engine import Engine
from wargame.export.charts import Chart, chart_range, svg_chart, text_chart
from wargame.export.page import debrief_page, page_of_run, zero_mark_costs
from wargame.judge import moments_to_act
from wargame.model.action import parse_action
from wargame.rewind import branch
from wargame.scoring import compare
from wargame.scoring.runs import counterfactuals

VOID = {"meta", "br", "hr", "img", "input", "link"}
SECTIONS = [
    "Scores",
    "Same incident, same seed",
    "Charts",
    "Branch",
    "Feature by feature",
    "Incident handling",
    "What you saw, what was true, what you believed",
    "Incident report",
    "Every decision judged",
    "Consistency contract",
]


class Checker(HTMLParser):
    """Strict nesting: every element closed, in order; headings, scripts and links collected."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.headings: list[str] = []
        self.tags: set[str] = set()
        self.refs: list[str] = []
        self._in_heading = False
        self._text = ""

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.add(tag)
        self.refs += [v or "" for k, v in attrs if k in ("src", "href")]
        if tag not in VOID:
            self.stack.append(tag)
        if tag in ("h1", "h2", "h3"):
            self._in_heading, self._text = True, ""

    def handle_startendtag(self, tag, attrs) -> None:
        self.tags.add(tag)
        self.refs += [v or "" for k, v in attrs if k in ("src", "href")]

    def handle_endtag(self, tag) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()
        if tag in ("h1", "h2", "h3"):
            self._in_heading = False
            self.headings.append(self._text.strip())

    def handle_data(self, data) -> None:
        if self._in_heading:
            self._text += data


def check(page_html: str) -> Checker:
    c = Checker()
    c.feed(page_html)
    c.close()
    assert not c.errors, c.errors[:5]
    assert c.stack == [], c.stack
    return c


@pytest.fixture(scope="module")
def played():
    scenario = mini_scenario()
    actions = [parse_action(a) for a in GOOD_PLAY]
    engine = Engine(scenario, seed=scenario.seed)
    engine.run(actions)
    result = engine.result()
    refs = counterfactuals(scenario, result.seed)
    return scenario, result, refs


def _page(scenario, result, refs, with_branch: bool = True):
    debrief = compare(scenario, result.seed, result, refs)
    fork = branch(scenario, result.seed, result.actions, 150.0, "respond", refs=refs)
    return debrief_page(
        scenario,
        result.seed,
        result,
        debrief,
        model=refs.runs["model"],
        zero_costs=zero_mark_costs(scenario, refs),
        branch=fork if with_branch else None,
        date="2025-01-31",
        moments=moments_to_act(scenario, result, refs),
    )


def test_html_is_well_formed_and_has_every_section(played) -> None:
    page = _page(*played)
    c = check(page.html())
    joined = " | ".join(c.headings)
    for section in SECTIONS:
        assert any(section in h for h in c.headings), (section, joined)
    # self-contained: no scripts, no links or sources to fetch, the charts inline
    assert "script" not in c.tags and "link" not in c.tags
    assert c.refs == []
    assert "svg" in c.tags and "polyline" in c.tags
    assert page.html().count("<svg") == 2


def test_markdown_has_every_section_and_text_charts(played) -> None:
    md = _page(*played).markdown()
    headings = [line for line in md.splitlines() if line.startswith("#")]
    for section in SECTIONS:
        assert any(section in h for h in headings), (section, headings)
    assert md.count("```text") == 2
    assert "\nbranch    " in md  # the third line on each chart


def test_without_a_branch_there_is_no_branch_section(played) -> None:
    page = _page(*played, with_branch=False)
    assert "## Branch" not in page.markdown()
    assert "branch" not in [h.lower() for h in check(page.html()).headings]


def test_a_script_in_a_scenario_name_is_escaped(played) -> None:
    scenario, result, refs = played
    evil = scenario.model_copy(update={"title": "<script>alert('x')</script> & <b>co</b>"})
    page_html = _page(evil, result, refs).html()
    c = check(page_html)
    assert "script" not in c.tags and "b" not in c.tags
    assert "<script>" not in page_html
    assert "&lt;script&gt;" in page_html
    assert any("<script>alert('x')</script> & <b>co</b>" in h for h in c.headings)


def test_report_cli_writes_the_html_page_and_the_whole_markdown(tmp_path: Path, capsys) -> None:
    journal = tmp_path / "run.jsonl"
    args = ["run", str(MINI), "--journal-out", str(journal)]
    for a in GOOD_PLAY:
        args += ["--action", a]
    assert main(args) == 0
    capsys.readouterr()
    out = tmp_path / "page.html"
    common = ["--scenario", str(MINI), "--date", "2025-01-31"]
    assert main(["report", str(journal), "--format", "html", "-o", str(out), *common]) == 0
    c = check(out.read_text(encoding="utf-8"))
    assert any("Scores" in h for h in c.headings)
    assert main(["report", str(journal), "--debrief", *common]) == 0
    md = capsys.readouterr().out
    scenario = mini_scenario()
    engine = Engine(scenario, seed=scenario.seed)
    engine.run([parse_action(a) for a in GOOD_PLAY])
    assert md == page_of_run(scenario, engine.result(), "2025-01-31").markdown()
    assert main(["report", str(journal), *common]) == 0
    assert capsys.readouterr().out.startswith("# Incident report")  # md alone: the report


SERIES = {
    "negative": [-500.0, -20.0, 100.0, 300.0, -1.0, 50.0],
    "empty": [],
    "flat": [42.0] * 6,
    "huge": [1e15, 3.0, 2e15, 0.0, 1e15, 5.0],
    "non-finite": [math.nan, 1.0, math.inf, 2.0, -math.inf, 3.0],
}


@pytest.mark.parametrize("case", sorted(SERIES))
def test_exported_charts_draw_every_kind_of_series(case: str) -> None:
    values = SERIES[case]
    times = [60.0 * i for i in range(len(values))]
    chart = Chart("c <&>", times, [("you", values), ("branch", [1.0] * len(values))], [(60, 120)])
    text = text_chart(chart)
    assert text.startswith("c <&>:")
    svg = svg_chart(chart)
    check(svg)
    assert "c &lt;&amp;&gt;" in svg and "nan" not in svg and "inf" not in svg
    if values:
        rows = text.splitlines()
        assert rows[1].startswith("you") and rows[2].startswith("branch")
        assert rows[3].startswith("partition")
        bottom, top = chart_range([values])
        if case == "negative":
            assert bottom == -500.0 and rows[1][10] == "▁"  # the lowest value on the lowest block
        if case == "flat":
            assert set(rows[1][10:]) == {"█"}
        if case == "huge":
            assert top == 2e15 and "█" in rows[1]
