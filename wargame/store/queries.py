"""Reading the store: past drills, personal bests and leaderboards, as plain JSON-ready dicts."""

from __future__ import annotations

import json

from wargame.store.recorder import Store

_DRILL_COLUMNS = (
    "SELECT d.id, d.scenario, d.seed, d.difficulty, d.policy, d.source, d.session_id,"
    " d.team_id, d.started, d.finished, r.grade, r.overall, r.summary,"
    " t.name AS team, t.number AS team_number,"
    " (SELECT count(*) FROM actions a WHERE a.drill_id = d.id AND a.verb != 'inject')"
    " AS n_actions,"
    " (SELECT count(*) FROM injects i WHERE i.drill_id = d.id)"
    " + (SELECT count(*) FROM actions a WHERE a.drill_id = d.id AND a.verb = 'inject')"
    " AS n_injects"
    " FROM drills d LEFT JOIN results r ON r.drill_id = d.id"
    " LEFT JOIN teams t ON t.id = d.team_id"
)


def _drill(row) -> dict:
    summary = json.loads(row["summary"]) if row["summary"] else {}
    return {
        "id": row["id"],
        "scenario": row["scenario"],
        "seed": row["seed"],
        "difficulty": row["difficulty"],
        "policy": row["policy"],
        "source": row["source"],
        "session": row["session_id"],
        "team": row["team"],
        "team_number": row["team_number"],
        "started": row["started"],
        "finished": row["finished"],
        "status": "finished" if row["finished"] else "unfinished",
        "grade": row["grade"],
        "overall": row["overall"],
        "scores": summary.get("axes", {}),
        "actions": row["n_actions"],
        "injects": row["n_injects"],
    }


def drills(
    store: Store,
    scenario: str | None = None,
    seed: int | None = None,
    session: int | None = None,
    limit: int | None = None,
) -> list[dict]:
    """Drills, newest first, optionally for one scenario, seed or session."""
    where, params = _filters(scenario, seed, session)
    sql = f"{_DRILL_COLUMNS}{where} ORDER BY d.id DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [_drill(r) for r in store.query(sql, tuple(params))]


def _filters(scenario: str | None, seed: int | None, session: int | None) -> tuple[str, list]:
    clauses, params = [], []
    for column, value in (("d.scenario", scenario), ("d.seed", seed), ("d.session_id", session)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def bests(store: Store, scenario: str | None = None) -> list[dict]:
    """Per scenario: the best finished drill (highest overall; the earlier one on a tie)."""
    where, params = _filters(scenario, None, None)
    where += (" AND" if where else " WHERE") + " r.overall IS NOT NULL"
    rows = store.query(f"{_DRILL_COLUMNS}{where} ORDER BY d.scenario, r.overall DESC, d.id", params)
    best: dict[str, dict] = {}
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["scenario"]] = counts.get(row["scenario"], 0) + 1
        best.setdefault(row["scenario"], _drill(row))
    return [{**best[s], "drills": counts[s]} for s in sorted(best)]


def leaderboard(
    store: Store, scenario: str | None = None, seed: int | None = None, session: int | None = None
) -> list[dict]:
    """Ranked boards, one per (scenario, seed, difficulty): only drills on the same incident
    are compared. Within a board: highest overall first; ties share a rank and keep the
    order they finished in. In a session, each team's latest finished drill counts once."""
    where, params = _filters(scenario, seed, session)
    where += (" AND" if where else " WHERE") + " r.overall IS NOT NULL"
    rows = [_drill(r) for r in store.query(f"{_DRILL_COLUMNS}{where} ORDER BY d.id", params)]
    if session is not None:
        latest: dict[object, dict] = {}
        for row in rows:  # ascending id: the last one wins
            latest[row["team"] if row["team"] is not None else ("drill", row["id"])] = row
        rows = sorted(latest.values(), key=lambda r: r["id"])
    boards: dict[tuple, list[dict]] = {}
    for row in rows:
        boards.setdefault((row["scenario"], row["seed"], row["difficulty"]), []).append(row)
    out = []
    for (scen, sd, diff), entries in sorted(boards.items()):
        entries.sort(key=lambda r: (-r["overall"], r["finished"] or "", r["id"]))
        ranked, rank, previous = [], 0, None
        for i, entry in enumerate(entries, start=1):
            if entry["overall"] != previous:
                rank, previous = i, entry["overall"]
            ranked.append({"rank": rank, **entry})
        out.append({"scenario": scen, "seed": sd, "difficulty": diff, "entries": ranked})
    return out
