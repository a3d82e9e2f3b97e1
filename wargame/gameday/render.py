"""The after-action report as Markdown or as one self-contained HTML page.

Every text that came from a person (session names, status-page messages,
typed injects) is escaped: Markdown special characters get a backslash, HTML
goes through :func:`html.escape`. The HTML page carries its CSS inline and
loads nothing from anywhere.
"""

from __future__ import annotations

import html as _html
import re

from wargame.gameday.report import Report, TeamReport
from wargame.model.text import printable
from wargame.model.timefmt import format_clock

AXES = ("revenue", "trust", "safety", "handling")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def md(text: object) -> str:
    """Text safe inside Markdown (and a table cell): one line, special characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(printable(str(text)).split()))


def _num(v: object) -> str:
    return f"{v:g}" if isinstance(v, int | float) else "-"


def _date(session: dict) -> str:
    return str(session["created"])[:16].replace("T", " ")


def _axes(report: Report) -> list[str]:
    return [a for a in AXES if any(a in t.axes for t in report.teams)]


def _times(report: Report) -> list[float]:
    return sorted({e.t for t in report.teams for e in t.timeline})


def _cell(team: TeamReport, t: float) -> list[tuple[str, str]]:
    return [(e.kind, e.text) for e in team.timeline if e.t == t]


def _status(team: TeamReport) -> str:
    return {"not started": "did not play", "playing": "still playing"}.get(team.state, "")


def markdown(report: Report) -> str:
    """The report in Markdown."""
    s = report.session
    out = [
        f"# After-action review: {md(s['name'])}",
        "",
        f"{md(report.title)} (`{md(s['scenario'])}`), seed {s['seed']}, difficulty "
        f"{s['difficulty']}; session {s['id']}, created {md(_date(s))}.",
        "",
        "## Scores",
        "",
    ]
    axes = _axes(report)
    out.append("| team | grade | overall | " + " | ".join(axes) + " | decisions |")
    out.append("|---|---|---|" + "---|" * len(axes) + "---|")
    for t in report.teams:
        grade = t.grade or _status(t) or "-"
        out.append(
            f"| {md(t.name)} | {md(grade)} | {_num(t.overall)} | "
            + " | ".join(_num(t.axes.get(a)) for a in axes)
            + f" | {len([e for e in t.timeline if e.kind == 'action'])} |"
        )
    if report.ranking:
        out += ["", "Ranking: " + ", ".join(md(n) for n in report.ranking) + "."]
    verdicts = [t for t in report.teams if t.verdict]
    if verdicts:
        out += [""] + [f"- **{md(t.name)}**: {md(t.verdict)}" for t in verdicts]
    out += ["", "## Decisions side by side", ""]
    times = _times(report)
    if not times:
        out.append("No team recorded a decision.")
    else:
        out.append("| time | " + " | ".join(md(t.name) for t in report.teams) + " |")
        out.append("|---|" + "---|" * len(report.teams))
        for when in times:
            cells = []
            for t in report.teams:
                parts = [
                    f"*{md(text)}*" if kind == "inject" else md(text)
                    for kind, text in _cell(t, when)
                ]
                cells.append("<br>".join(parts))
            out.append(f"| {format_clock(when)} | " + " | ".join(cells) + " |")
        out += ["", "Injects the team received are in *italics*; the rest are its decisions."]
    out += _paths_md(report)
    out += ["", "## Consistency contract", ""]
    if report.contract:
        out.append("| feature | during a partition | users see | who is paged | after the heal |")
        out.append("|---|---|---|---|---|")
        for r in report.contract:
            out.append(
                f"| {md(r['name'])} | {md(r['choice'])} | {md(r['users_see'])} | "
                f"{md(r['paged'])} | {md(r['recovery'])} |"
            )
    else:
        out.append("The scenario could not be loaded, so its contract is not shown.")
    out += ["", "## Lessons from this game day", ""]
    for lesson in report.lessons:
        out += [f"### {md(lesson.title)}", "", md(lesson.text), ""]
        out += [f"- {md(e)}" for e in lesson.evidence]
        if lesson.evidence:
            out.append("")
    return "\n".join(out).rstrip() + "\n"


CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2330;background:#fbfbfd}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ccd}
table{border-collapse:collapse;margin:.5rem 0}
td,th{border:1px solid #ccd;padding:.3rem .6rem;vertical-align:top;text-align:left}
th{background:#eef}td.num{text-align:right;font-variant-numeric:tabular-nums}
.inject{font-style:italic;color:#7a4b00}.action{font-family:ui-monospace,monospace}
.grade{font-weight:bold}.muted{color:#667}.lesson{margin-bottom:1rem}
"""


_PATHS_NOTE = (
    "The responder plays the same seed (the score's 100 mark). A team leaves its path at"
    " its first decision with another verb or target, or made over a minute later."
)


def _played(report: Report) -> list:
    return [t for t in report.teams if t.diverged]


def _paths_md(report: Report) -> list[str]:
    teams = _played(report)
    if not teams:
        return []
    out = ["", "## Where each team left the responder's path", "", md(_PATHS_NOTE), ""]
    out += [f"- **{md(t.name)}** {md(t.diverged)}." for t in teams]
    out += ["", "## What each team got right", ""]
    for t in teams:
        out.append(f"- **{md(t.name)}**: " + ("; ".join(md(x) for x in t.right) or "nothing yet"))
    return out


def _paths_html(report: Report) -> list[str]:
    def e(text: object) -> str:
        return _html.escape(printable(str(text)), quote=True)

    teams = _played(report)
    if not teams:
        return []
    out = ["<h2>Where each team left the responder's path</h2>", f"<p>{e(_PATHS_NOTE)}</p>"]
    out.append("<ul>" + "".join(f"<li><b>{e(t.name)}</b> {e(t.diverged)}.</li>" for t in teams))
    out.append("</ul><h2>What each team got right</h2><ul>")
    for t in teams:
        out.append(f"<li><b>{e(t.name)}</b>: {e('; '.join(t.right) or 'nothing yet')}</li>")
    out.append("</ul>")
    return out


def html(report: Report) -> str:
    """The report as one self-contained HTML page (inline CSS, every text escaped)."""

    def e(text: object) -> str:
        return _html.escape(printable(str(text)), quote=True)

    s = report.session
    axes = _axes(report)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>After-action review: {e(s['name'])}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>After-action review: {e(s['name'])}</h1>",
        f"<p>{e(report.title)} (<code>{e(s['scenario'])}</code>), seed {s['seed']}, difficulty "
        f"{e(s['difficulty'])}; session {s['id']}, created {e(_date(s))}.</p>",
        "<h2>Scores</h2><table><tr><th>team</th><th>grade</th><th>overall</th>",
    ]
    out.append("".join(f"<th>{e(a)}</th>" for a in axes) + "<th>decisions</th></tr>")
    for t in report.teams:
        grade = t.grade or _status(t) or "-"
        out.append(
            f'<tr><td>{e(t.name)}</td><td class="grade">{e(grade)}</td>'
            f'<td class="num">{_num(t.overall)}</td>'
            + "".join(f'<td class="num">{_num(t.axes.get(a))}</td>' for a in axes)
            + f'<td class="num">{len([x for x in t.timeline if x.kind == "action"])}</td></tr>'
        )
    out.append("</table>")
    if report.ranking:
        out.append(f"<p>Ranking: {e(', '.join(report.ranking))}.</p>")
    verdicts = [t for t in report.teams if t.verdict]
    if verdicts:
        out.append(
            "<ul>"
            + "".join(f"<li><b>{e(t.name)}</b>: {e(t.verdict)}</li>" for t in verdicts)
            + "</ul>"
        )
    out.append("<h2>Decisions side by side</h2>")
    times = _times(report)
    if not times:
        out.append('<p class="muted">No team recorded a decision.</p>')
    else:
        out.append(
            "<table><tr><th>time</th>" + "".join(f"<th>{e(t.name)}</th>" for t in report.teams)
        )
        out.append("</tr>")
        for when in times:
            row = [f"<tr><td>{format_clock(when)}</td>"]
            for t in report.teams:
                parts = [f'<div class="{kind}">{e(text)}</div>' for kind, text in _cell(t, when)]
                row.append("<td>" + "".join(parts) + "</td>")
            out.append("".join(row) + "</tr>")
        out.append(
            '</table><p class="muted">Decisions in <span class="action">monospace</span>; '
            'injects the team received in <span class="inject">italics</span>.</p>'
        )
    out += _paths_html(report)
    out.append("<h2>Consistency contract</h2>")
    if report.contract:
        out.append(
            "<table><tr><th>feature</th><th>during a partition</th><th>users see</th>"
            "<th>who is paged</th><th>after the heal</th></tr>"
        )
        for r in report.contract:
            out.append(
                "<tr>"
                + "".join(
                    f"<td>{e(r[k])}</td>"
                    for k in ("name", "choice", "users_see", "paged", "recovery")
                )
                + "</tr>"
            )
        out.append("</table>")
    else:
        out.append('<p class="muted">The scenario could not be loaded.</p>')
    out.append("<h2>Lessons from this game day</h2>")
    for lesson in report.lessons:
        out.append(f'<div class="lesson"><h3>{e(lesson.title)}</h3><p>{e(lesson.text)}</p>')
        if lesson.evidence:
            out.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in lesson.evidence) + "</ul>")
        out.append("</div>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
