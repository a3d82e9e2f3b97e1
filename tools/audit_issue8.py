"""Outside audit of issue 8 ("a fair game"): every claim checked with strategies and
scenarios the test suite does not contain.

Run it with ``make audit`` (or ``.venv/bin/python tools/audit_issue8.py [--quick]
[--only PREFIX] [--seeds N]``). It plays the shipped scenarios and the audit scenarios
under ``tools/audit_scenarios/`` through the CLI (``wargame run --json``, ``wargame
balance --json``, ``wargame report``) and the public Python API (``Engine``,
``respond``, ``counterfactuals``, ``Scorer``), prints one line per check (PASS or FAIL,
the figures measured and a command that reproduces it) and exits 1 if a check fails.
It is not part of ``make test``: a full run takes several CPU-minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wargame.balance.properties import partial  # noqa: E402
from wargame.engine import Engine  # noqa: E402
from wargame.engine.levers import model_levers  # noqa: E402
from wargame.model.loader import list_scenarios, load_scenario, parse_scenario  # noqa: E402
from wargame.model.result import RunResult  # noqa: E402
from wargame.model.scenario import KIND_POLICIES, Scenario  # noqa: E402
from wargame.respond import respond  # noqa: E402
from wargame.scoring import rules  # noqa: E402
from wargame.scoring.debrief import Scorer  # noqa: E402
from wargame.scoring.runs import counterfactuals  # noqa: E402

AUDIT_DIR = ROOT / "tools" / "audit_scenarios"
PY = [sys.executable, "-m", "wargame"]
SHIPPED = [s.id for s in list_scenarios()]
AUDIT = sorted(str(p.relative_to(ROOT)) for p in AUDIT_DIR.glob("*.toml"))
REVOCATION_KINDS = {"block_list", "moderation", "session", "access_control", "erasure"}
MONEY_STOCK_KINDS = {"payment", "inventory"}

# --------------------------------------------------------------------------- plumbing


@dataclass
class Check:
    """One claim checked on one subject."""

    claim: str
    subject: str
    ok: bool
    figures: str
    repro: str


RESULTS: list[Check] = []


def record(claim: str, subject: str, ok: bool, figures: str, repro: str = "") -> None:
    RESULTS.append(Check(claim, subject, ok, figures, repro))
    mark = "PASS" if ok else "FAIL"
    print(f"{mark} [{claim}] {subject}: {figures}" + (f"  ($ {repro})" if repro else ""))
    sys.stdout.flush()


def cli(*args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, TEXTUAL_ANIMATIONS="none")
    out = subprocess.run([*PY, *args], capture_output=True, text=True, cwd=ROOT, env=env)
    if check and out.returncode != 0:
        raise RuntimeError(f"wargame {' '.join(args)}: exit {out.returncode}: {out.stderr[-400:]}")
    return out


@cache
def scenario(name: str) -> Scenario:
    return load_scenario(str(ROOT / name) if name.endswith(".toml") else name)


@cache
def scorer(name: str, seed: int) -> Scorer:
    return Scorer(scenario(name), counterfactuals(scenario(name), seed))


def play(
    name: str | Scenario,
    seed: int,
    steps: Iterable[tuple[float, str]] = (),
    policy: str = "as-built",
    absolute: bool = False,
) -> RunResult:
    """Play ``steps`` (seconds after the page, or absolute times) like a player."""
    sc = scenario(name) if isinstance(name, str) else name
    e = Engine(sc, seed=seed, policy=policy)
    steps = sorted(steps)
    if steps:
        while e.page_t is None and not e.finished:
            e.advance(e.tick_s)
        for offset, text in steps:
            if e.page_t is None:
                break
            t = offset if absolute else e.page_t + offset
            e.advance(max(0.0, t - e.now))
            if e.finished:
                break
            e.apply(text)
    return e.result()


def score(name: str, seed: int, result: RunResult):
    s = scorer(name, seed)
    return s.scores(result, s.costs_of(result))


def costs(name: str, seed: int, result: RunResult) -> dict[str, float]:
    c = scorer(name, seed).costs_of(result)
    return {a: round(c.total(a), 2) for a in ("revenue", "trust", "safety")}


def model_steps(sc: Scenario, offset: float = 0.0) -> list[tuple[float, str]]:
    return [(offset, lever) for f in sc.features for lever in model_levers(f)]


def responder_steps(name: str, seed: int) -> tuple[float, list[tuple[float, str]]]:
    """The responder's page time and its actions as (seconds after the page, text)."""
    r = respond(scenario(name), seed)
    page = r.result.page_t or 0.0
    return page, [(a.t - page, a.describe()) for a in r.actions]


def variant(sc: Scenario, change: Callable[[dict], None]) -> Scenario:
    """A copy of ``sc`` with ``change`` applied to its data (scenarios are frozen)."""
    data = sc.model_dump(exclude_unset=True)
    change(data)
    return Scenario.model_validate(data)


def sname(name: str) -> str:
    return Path(name).stem


def features_of(sc: Scenario, kinds: set[str]) -> list[str]:
    return [f.id for f in sc.features if f.kind in kinds]


# --------------------------------------------------------------------------- checks


def check_page_gate(names: list[str]) -> None:
    """What to build 3: no action before the page; page_t in --json."""
    for name in names:
        sc = scenario(name)
        f = sc.features[0]
        out = cli("run", name, "--json", check=True)
        page = json.loads(out.stdout).get("page_t")
        early = cli("run", name, "--action", f"00:00 set {f.id} {f.model.policy}")
        page_txt = f"{int(page // 60):02d}:{int(page % 60):02d}" if page is not None else "?"
        ok = (
            isinstance(page, (int, float))
            and page > 0
            and early.returncode == 2
            and page_txt in early.stderr
            and "Traceback" not in early.stderr
        )
        record(
            "3 page gate",
            sname(name),
            ok,
            f"page_t={page}; 00:00 action exit {early.returncode}: {early.stderr.strip()[:120]!r}",
            f'wargame run {name} --action "00:00 set {f.id} {f.model.policy}"',
        )


def check_replay(names: list[str]) -> None:
    """What to build 1 (outside view): the responder's journal replays byte for byte."""
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            j = Path(tmp) / f"{sname(name)}.json"
            a = cli("run", name, "--respond", "model", "--journal-out", str(j), "--json")
            b = cli("run", name, "--actions", str(j), "--json")
            da, db = json.loads(a.stdout or "{}"), json.loads(b.stdout or "{}")
            same = a.returncode == b.returncode == 0 and da.get("features") == db.get("features")
            same = same and da.get("scores", {}).get("overall") == db.get("scores", {}).get(
                "overall"
            )
            verbs = {x["verb"] for x in da.get("actions", [])}
            record(
                "1 responder journal replays",
                sname(name),
                same,
                f"respond overall {da.get('scores', {}).get('overall')} vs replay "
                f"{db.get('scores', {}).get('overall')}; verbs {sorted(verbs)}",
                f"wargame run {name} --respond model --journal-out J && wargame run {name} "
                "--actions J --json",
            )


def check_queued_mix(names: list[str], seeds: range) -> None:
    """Bullet 2: queued everywhere + cp-reads on revocations and limiters is no free lunch."""
    good = []
    for name in names:
        sc = scenario(name)
        steps = []
        for f in sc.features:
            want = "cp-reads" if f.kind in REVOCATION_KINDS | {"rate_limiter"} else "queued"
            if want not in KIND_POLICIES[f.kind]:
                want = "cp-reads" if "cp-reads" in KIND_POLICIES[f.kind] else "cp"
            steps.append((0.0, f"set {f.id} {want}"))
        scores = [score(name, s, play(name, s, steps)) for s in seeds]
        resp = [score(name, s, scorer(name, s).refs.runs["responder"]).overall for s in seeds]
        med = sorted(x.overall for x in scores)[len(scores) // 2]
        grades = "".join(x.grade for x in scores)
        if sum(g in "AB" for g in grades) * 2 > len(grades):
            good.append(sname(name))
        beats = med > sorted(resp)[len(resp) // 2] - 5
        print(f"     queued-mix {sname(name)}: median {med} grades {grades} responder {resp}")
        if sc.id == "bank-transfer":
            record(
                "2 queued is priced",
                "bank-transfer",
                not beats,
                f"queued+cp-reads@page median {med} ({grades}) vs responder {resp}",
                "tools/audit_issue8.py --only 2",
            )
    record(
        "2 queued is priced",
        f"{len(names)} scenarios",
        len(good) <= 2,
        f"queued+cp-reads@page grades B or better on {len(good)}: {good}",
        "tools/audit_issue8.py --only 2",
    )


def check_queue_prices(seed: int = 1) -> None:
    """What to build 4, queued: abandonment, TTL losses, queued payments settle on stale funds."""
    # flash-sale: checkout queued at the page: some pending orders are abandoned
    r = play("flash-sale", seed, [(0.0, "set inventory queued"), (0.0, "set payment queued")])
    inv, _pay = r.features["inventory"], r.features["payment"]
    record(
        "4 queued abandoned",
        "flash-sale",
        inv.abandoned > 0 and inv.pending > 0,
        f"inventory pending {inv.pending}, abandoned {inv.abandoned}",
        'wargame run flash-sale --action "05:00 set inventory queued" --json',
    )
    # a short TTL drops queued writes: losses
    r2 = play("flash-sale", seed, [(0.0, "set inventory queued"), (0.0, "ttl inventory 30")])
    lost = r2.features["inventory"].lost_writes
    record(
        "4 queued TTL drops",
        "flash-sale",
        lost > 0,
        f"inventory queued + ttl 30 s: lost writes {lost} (vs {inv.lost_writes} with the default)",
        'wargame run flash-sale --action "05:00 set inventory queued" '
        '--action "05:00 ttl inventory 30" --json',
    )
    # queued payment without a hold: financial risk at the heal (bank-transfer)
    sc = scenario("bank-transfer")
    pays = features_of(sc, {"payment"})
    r3 = play("bank-transfer", seed, [(0.0, f"set {p} queued") for p in pays])
    risk = sum(r3.features[p].financial_risk for p in pays)
    record(
        "4 queued payment settles on stale funds",
        "bank-transfer",
        risk > 0,
        f"{pays} queued at the page: financial risk {risk:.2f}, violations "
        f"{sum(r3.features[p].financial_violations for p in pays)}",
        "tools/audit_issue8.py --only 4",
    )
    # pending minutes cost more than stale reads: a pending write-minute weighs 3x a stale read
    parts = scorer("flash-sale", seed).costs_of(r).parts["trust"]
    record(
        "4 pending writes are priced",
        "flash-sale",
        parts.get("pending writes", 0) > 0 and parts.get("abandoned", 0) > 0,
        f"trust parts { ({k: round(v) for k, v in parts.items() if v}) }",
    )


def check_split_brain(seeds: range) -> None:
    """Bullet 4 / build 4: a failover to the cut-off side on money and stock does harm."""
    cases = []
    for name in [*SHIPPED, *AUDIT]:
        sc = scenario(name)
        feats = features_of(sc, MONEY_STOCK_KINDS)
        if feats and not sc.id.startswith("audit-cut-lossy"):
            cases.append(name)
    for name in cases:
        sc = scenario(name)
        primary = sc.primary_region()
        for region in [r for r in sc.region_ids() if r != primary]:
            rows = []
            for s in seeds:
                base = play(name, s)
                fo = play(name, s, [(60.0, f"failover all-cp {region}")])
                rows.append((base, fo, score(name, s, base), score(name, s, fo)))
            fo_scores = sorted(x[3].overall for x in rows)
            med = fo_scores[len(fo_scores) // 2]
            grades = "".join(x[3].grade for x in rows)
            money = [
                sum(
                    x[1].features[f].financial_risk + x[1].features[f].oversold
                    for f in features_of(sc, MONEY_STOCK_KINDS)
                )
                - sum(
                    x[0].features[f].financial_risk + x[0].features[f].oversold
                    for f in features_of(sc, MONEY_STOCK_KINDS)
                )
                for x in rows
            ]
            two = any(fo_ok for x in rows for (_, _, _, fo_ok) in x[1].operations.failovers)
            ok = sum(g in "AB" for g in grades) * 2 <= len(grades)
            record(
                "4 split brain is a trap",
                f"{sname(name)} nothing+failover->{region}",
                ok,
                f"median {med} ({grades}); extra money/stock harm per seed "
                f"{[round(m, 1) for m in money]}; failover flags {two}",
                f'wargame run {name} --action "PAGE+60 failover all-cp {region}" --json',
            )


def check_failover_delays(seed: int = 1) -> None:
    """Bullet 4: a failover of the CP features to each non-primary region, at the page, +60 s
    and +5 min, never grades B or better where the old leader keeps a majority or the cut is
    partial (the trap), whatever the delay."""
    for name in [*SHIPPED, *AUDIT]:
        sc = scenario(name)
        if not partial(sc):
            continue
        primary = sc.primary_region()
        figs, ok = [], True
        for region in [r for r in sc.region_ids() if r != primary]:
            for delay in (0.0, 60.0, 300.0):
                s = score(name, seed, play(name, seed, [(delay, f"failover all-cp {region}")]))
                ok &= s.grade not in ("A", "B")
                figs.append(f"{region}@+{delay:g}s {s.overall}")
        record(
            "4 failover in a partial partition is a trap",
            sname(name),
            ok,
            "; ".join(figs),
            f'wargame run {name} --action "PAGE failover all-cp REGION" --json',
        )


def check_model_plus_failover(seed: int = 1) -> None:
    """Bullet 4: the responder plus a failover to the cut-off side must not beat the responder,
    and split brain on money does money harm (double charges, overdrafts), not only conflicts."""
    for name in [*SHIPPED, *AUDIT]:
        sc = scenario(name)
        money = features_of(sc, {"payment"})
        if not money:
            continue
        base = scorer(name, seed).refs.runs["responder"]
        for region in [r for r in sc.region_ids() if r != sc.primary_region()]:
            r = respond(sc, seed, extra=(f"failover all-cp {region}",)).result
            split = [x for x in r.operations.failovers if x[3] and x[1] in money]
            if not split:
                continue
            harm = sum(r.features[f].financial_risk for f in money)
            harm0 = sum(base.features[f].financial_risk for f in money)
            a, b = score(name, seed, base).overall, score(name, seed, r).overall
            record(
                "4 split brain on money does money harm",
                f"{sname(name)} responder+failover->{region}",
                harm > harm0 and b <= a - 5,
                f"financial risk {harm0:.1f} -> {harm:.1f}; overall {a} -> {b}",
                f"wargame balance {name} --seeds 1",
            )


def check_fence(seed: int = 1) -> None:
    """Build 2/4: fence ends split brain, at a cost."""
    name = "transatlantic-cut"
    page, _ = responder_steps(name, seed)
    fo = play(name, seed, [(60.0, "failover timeline eu-west")])
    fenced = play(
        name, seed, [(60.0, "failover timeline eu-west"), (400.0, "fence timeline us-east")]
    )
    undo = play(
        name, seed, [(60.0, "failover timeline eu-west"), (400.0, "fence timeline eu-west")]
    )
    lost = [x.features["timeline"].lost_writes for x in (fo, fenced, undo)]
    record(
        "2 fence ends split brain",
        f"{name} fence the old leader",
        bool(fenced.operations.fences) and lost[1] < lost[0],
        f"lost writes: failover to eu-west {lost[0]:,}; + fence us-east (old leader) {lost[1]:,}",
        "tools/audit_issue8.py --only 2f",
    )
    record(
        "2 fence ends split brain",
        f"{name} fence the new leader (undo the failover)",
        bool(undo.operations.fences) and lost[2] < lost[0],
        f"lost writes: failover to eu-west {lost[0]:,}; + fence eu-west (new leader) {lost[2]:,}",
        "tools/audit_issue8.py --only 2f",
    )


def check_lossy_pair(seeds: range) -> None:
    """Build 4, partial partitions: lossy cut of the same links at least as harmful as full."""
    full, l30, l60 = (
        "tools/audit_scenarios/audit-cut-full.toml",
        "tools/audit_scenarios/audit-cut-lossy30.toml",
        "tools/audit_scenarios/audit-cut-lossy60.toml",
    )
    rows: dict[str, list[dict[str, float]]] = {}
    results: dict[str, list[RunResult]] = {}
    for name in (full, l30, l60):
        rs = [play(name, s) for s in seeds]
        results[name] = rs
        # every scenario of the trio is priced against the full cut's healthy baseline
        rows[name] = [costs(full, s, r) for s, r in zip(seeds, rs, strict=True)]

    def med(name: str, axis: str) -> float:
        v = sorted(c[axis] for c in rows[name])
        return v[len(v) // 2]

    harm = {n: {a: med(n, a) for a in ("revenue", "trust", "safety")} for n in rows}
    for lossy in (l60, l30):
        worse = all(harm[lossy][a] >= harm[full][a] * 0.95 for a in ("trust", "safety"))
        record(
            "4 lossy >= full (as-built)",
            sname(lossy),
            worse,
            f"as-built median cost {harm[lossy]} vs full cut {harm[full]}",
            f"wargame run {lossy} --json; wargame run {full} --json",
        )
    for lossy in (l30, l60):
        r = results[lossy][0]
        sess = r.features["sessions"]
        flaps = sum(r.operations.flaps.values())
        autos = r.operations.auto_failovers
        lag = max(r.series.metrics.get("lag_s", [0]))
        record(
            "4 lossy: AP stale, flaps, lag",
            sname(lossy),
            sess.exposures > 0 and flaps > 0 and lag > 0,
            f"sessions (AP) exposures {sess.exposures:.1f}, stale {sess.stale_reads}; flaps "
            f"{r.operations.flaps}; auto failovers {autos}; max lag {lag:.0f} s",
            f"wargame run {lossy} --json",
        )
    lag30 = max(results[l30][0].series.metrics.get("lag_s", [0]))
    lag60 = max(results[l60][0].series.metrics.get("lag_s", [0]))
    record(
        "4 lag grows with loss",
        "lossy30 vs lossy60",
        lag60 >= lag30 > 0,
        f"max lag 30% {lag30:.0f} s, 60% {lag60:.0f} s",
    )
    # auto failover as built on a lossy network makes two leaders
    two = [
        (sname(n), results[n][0].operations.auto_failovers)
        for n in (l30, l60)
        if any(x[3] for x in results[n][0].operations.auto_failovers)
    ]
    record(
        "4 lossy + orchestrator = two leaders",
        "lossy30/60",
        bool(two),
        f"auto failovers that left two leaders: {two}",
    )


def check_false_alarm(seeds: range) -> None:
    """Bullet 1: acting on the latency spike vs diagnosing first (false-alarm)."""
    name = "false-alarm"
    sc = scenario(name)
    rows = []
    for s in seeds:
        spike = play(name, s, model_steps(sc))
        ap = play(name, s, [(0.0, f"set {f.id} ap") for f in sc.features])
        west = play(name, s, [(0.0, "failover all-cp us-west")])
        # wait for the real cut (25:00), then act 30 s later
        late = play(
            name,
            s,
            [(25 * 60 + 30.0, lever) for _, lever in model_steps(sc)],
            absolute=True,
        )
        rows.append([score(name, s, x).overall for x in (spike, ap, west)] + [score(name, s, late)])

    def med(i: int) -> float:
        return sorted(r[i] for r in rows)[len(rows) // 2]

    resp = sorted(score(name, s, scorer(name, s).refs.runs["responder"]).overall for s in seeds)
    late = [r[3].overall for r in rows]
    record(
        "1 acting on one signal is punished",
        name,
        med(1) < 60 and med(2) <= resp[len(resp) // 2] - 5 and med(2) < 80,
        f"at the spike (the page): all-ap {med(1)}, failover all-cp us-west {med(2)}; "
        f"responder {resp}",
        'wargame run false-alarm --action "05:30 failover all-cp us-west" --json',
    )
    record(
        "1 diagnosing first is not punished",
        name,
        min(late) >= 80,
        f"model 30 s after the real cut: {late} ({''.join(r[3].grade for r in rows)}); "
        f"(model levers at the spike, the page, without diagnosis: median {med(0)}: the "
        "model is right whatever the fault, so acting early on it is allowed to win)",
        "tools/audit_issue8.py --only 1f",
    )


def check_handling(names: list[str], seed: int = 1) -> None:
    """Bullet 7 / build 4: severity, paging, acks and the status page count."""
    for name in names:
        scenario(name)
        page, steps = responder_steps(name, seed)
        base = score(name, seed, play(name, seed, steps))
        variants = {
            "no severity": [s for s in steps if not s[1].startswith("severity")],
            "SEV4": [(t, "severity SEV4" if a.startswith("severity") else a) for t, a in steps],
            "no page": [s for s in steps if not s[1].startswith("page")],
            "wrong team": [s for s in steps if not s[1].startswith("page")] + [(0.0, "page comms")],
            "no ack": [s for s in steps if not s[1].startswith("ack")],
        }
        figs, ok = [], True
        for label, v in variants.items():
            if v == steps:
                continue
            sv = score(name, seed, play(name, seed, v))
            worse = sv.handling.score < base.handling.score and sv.overall < base.overall
            ok &= worse
            figs.append(f"{label} {sv.overall} (handling {sv.handling.score})")
        record(
            "7 incident handling counts",
            sname(name),
            ok and bool(figs),
            f"responder journal {base.overall} (handling {base.handling.score}); "
            + "; ".join(figs),
            "tools/audit_issue8.py --only 7",
        )
        # status page: none vs honest at the page vs a lie at the page (responder's levers)
        plain = [s for s in steps if not s[1].startswith("status-page")]
        honest = plain + [(0.0, "status-page We are investigating errors in one region.")]
        lie = plain + [(0.0, "status-page All systems operational.")]
        t_none = costs(name, seed, play(name, seed, plain))["trust"]
        t_honest = costs(name, seed, play(name, seed, honest))["trust"]
        t_lie = costs(name, seed, play(name, seed, lie))["trust"]
        late = plain + [(900.0, "status-page We are investigating errors in one region.")]
        t_late = costs(name, seed, play(name, seed, late))["trust"]
        record(
            "7 status page priced",
            sname(name),
            t_honest < t_none < t_lie and t_honest <= t_late <= t_none,
            f"trust cost: honest at the page {t_honest:,.0f} <= honest 15 min later "
            f"{t_late:,.0f} <= none {t_none:,.0f} < 'all operational' {t_lie:,.0f}",
            "tools/audit_issue8.py --only 7",
        )


def check_one_more_violation(names: list[str], seed: int = 1) -> None:
    """Build 5: one more violation moves the overall score by at most 5 points; any rules out A."""
    for name in names:
        sc = scenario(name)
        base = scorer(name, seed).refs.runs["responder"]
        s0 = score(name, seed, base)
        worst, worst_all, no_a, tried = 0.0, 0.0, True, []
        for f in sc.features:
            fields = {
                "payment": ("financial_violations", "financial_risk"),
                "catalog": ("financial_violations", "financial_risk"),
                "erasure": ("compliance_violations", "compliance_risk"),
                "access_control": ("compliance_violations", "compliance_risk"),
                "audit_log": ("compliance_violations", "compliance_risk"),
            }.get(f.kind, ("safety_violations", "safety_risk"))
            if f.kind not in REVOCATION_KINDS | {"payment", "audit_log", "catalog"}:
                continue
            tried.append(f.id)
            prev = prev_all = s0.overall
            for extra in (1, 2, 3):
                feats = dict(base.features)
                fr = feats[f.id]
                feats[f.id] = fr.model_copy(update={k: getattr(fr, k) + extra for k in fields})
                tot = base.totals.model_copy(
                    update={k: getattr(base.totals, k) + extra for k in fields}
                )
                s1 = score(name, seed, base.model_copy(update={"features": feats, "totals": tot}))
                # the same handling as before: the drop the harm itself causes
                held = {a: getattr(s1, a).score for a in ("revenue", "trust", "safety")}
                held["handling"] = s0.handling.score
                now = rules.overall(held, s1.weights)
                worst = max(worst, prev - now)
                worst_all = max(worst_all, prev_all - s1.overall)
                prev, prev_all = now, s1.overall
                if extra == 1:
                    no_a = no_a and s1.grade != "A"
        if not tried:
            continue
        record(
            "5 harm, not cliffs",
            sname(name),
            worst <= 5.0 + 1e-9 and no_a,
            f"responder {s0.overall}; worst drop per added violation {worst:.2f} on {tried} "
            f"({worst_all:.2f} when incident handling is judged again: a violation warrants "
            f"SEV1 and a page); grade with one more: {'never A' if no_a else 'A'}",
        )


def check_free_axis() -> None:
    """Build 5: a scenario with no revenue feature gives no free revenue points."""
    name = "tools/audit_scenarios/audit-one-way.toml"
    s = score(name, 1, play(name, 1))
    record(
        "5 no free axis",
        "audit-one-way",
        s.weights.get("revenue", 0) == 0,
        f"weights {s.weights}; do nothing {s.overall} ({s.grade})",
        f"wargame run {name} --json",
    )


def check_fields_matter(names: list[str], seed: int = 1) -> None:
    """Bullet 8 / build 6: every documented cost has an effect where its symptom happens."""
    for name in names:
        sc = scenario(name)
        for i, f in enumerate(sc.features):
            for field in (
                "compensation_per_violation",
                "compensation_per_lost_write",
                "refund_per_duplicate",
                "refund_per_oversell",
            ):
                old = getattr(f.costs, field)

                def change(d: dict, i: int = i, field: str = field, old: float = old) -> None:
                    d["features"][i].setdefault("costs", {})[field] = old + 1000.0

                bumped = variant(sc, change)
                outs = []
                for policy, steps in (
                    ("as-built", []),
                    ("all-ap", []),
                    ("as-built", [(60.0, f"failover all-cp {sc.region_ids()[-1]}")]),
                ):
                    try:
                        ra = play(sc, seed, steps, policy=policy)
                        rb = play(bumped, seed, steps, policy=policy)
                    except Exception as exc:  # an action the scenario cannot take
                        outs.append(f"{policy}: {type(exc).__name__}")
                        continue
                    ca = scorer(name, seed).costs_of(ra).total("revenue")
                    cb = Scorer(bumped, scorer(name, seed).refs).costs_of(rb).total("revenue")
                    fr = ra.features[f.id]
                    symptom = {
                        "compensation_per_violation": fr.safety_violations
                        + fr.financial_violations
                        + fr.compliance_violations
                        + fr.safety_risk
                        + fr.financial_risk
                        + fr.compliance_risk,
                        "compensation_per_lost_write": fr.lost_writes,
                        "refund_per_duplicate": fr.duplicates,
                        "refund_per_oversell": fr.oversold,
                    }[field]
                    if symptom > 0:
                        outs.append((policy + ("+fo" if steps else ""), symptom, cb - ca))
                hits = [o for o in outs if isinstance(o, tuple)]
                if not hits:
                    continue
                ok = all(d > 0 for _, _, d in hits)
                record(
                    "6 fields have an effect",
                    f"{sname(name)}.{f.id}.costs.{field}",
                    ok,
                    "; ".join(f"{p}: symptom {s:.1f}, +1000 adds {d:,.0f}" for p, s, d in hits),
                )


KNOB_TRIALS: dict[str, list[object]] = {
    "write_quorum": ["all", "majority"],
    "cross_region_fraction": [0.05, 0.9],
    "leader_capacity": [1.2, 50.0],
    "retry_factor": [0.0, 8.0],
    "pending_ttl_s": [30.0, 86400.0],
    "patience_s": [10.0, 86400.0],
    "replication": ["async", "sync"],
    "auto_failover_s": [20.0],
    "reconcile_per_s": [0.5, 5000.0],
    "hot_skus": [5, 40],
    "hot_stock": [50, 100_000],
    "hot_fraction": [0.1, 1.0],
    "hot_decay_s": [60.0, 100_000.0],
    "limit_per_min": [10, 5000],
    "partition_limit": ["split", "full"],
    "legit_mean_per_min": [5.0, 200.0],
    "abuser_share": [0.0, 0.5],
    "abuser_rate_per_min": [50.0, 5000.0],
    "backend_capacity": [1.5, 500.0],
    "home_region": [True, False],
    "safe_factor": [2.0, 50.0],
    "delivery": ["at-most-once", "at-least-once"],
    "dedup": [True, False],
    "indicators": ["optimistic", "honest"],
    "duplicate_rate": [0.0, 0.5],
    "double_charge_rate": [0.0, 0.5],
    "overdraft_rate": [0.0, 0.5],
    "authorize_hold": [True, False],
    "checkout_verifies": [False, True],
    "stale_trade_rate": [0.0, 0.5],
    "remove_fraction": [0.0, 0.9],
    "exposure_per_min": [0.0, 0.5],
    "ordering": ["causal", "none"],
}
"""Values to try per knob (the first one that differs from the file's is used)."""
NO_OUTCOME_KNOBS = {"base", "leader", "replicas"}
"""Documented to change no outcome (``base``), or tried by the failover checks instead."""


def check_knobs_matter(names: list[str], seed: int = 1) -> None:
    """Build 6: every knob changes some outcome somewhere.

    Each knob a feature's kind accepts is changed one at a time on the audit scenarios
    (as-built, all-AP, all-CP, queued at the page, all-AP with a naive merge); a knob that
    moves nothing in any of them is reported. A knob may rightly do nothing in one scenario
    (an orchestrator where the leader never looks sick), so only the union counts."""
    from wargame.model.scenario import COMMON_KNOBS, KIND_KNOBS

    moved_any: dict[str, list[str]] = {}
    idle: dict[str, list[str]] = {}
    for name in names:
        sc = scenario(name)
        for i, f in enumerate(sc.features):
            for knob in sorted(KIND_KNOBS.get(f.kind, frozenset()) | COMMON_KNOBS):
                if knob in NO_OUTCOME_KNOBS or knob not in KNOB_TRIALS:
                    continue
                key = knob if knob in COMMON_KNOBS else f"{f.kind}.{knob}"
                now = getattr(f.knobs, knob)
                value = next((v for v in KNOB_TRIALS[knob] if v != now), None)
                if value is None:
                    continue

                def change(d: dict, i: int = i, knob: str = knob, value: object = value) -> None:
                    d["features"][i].setdefault("knobs", {})[knob] = value
                    d["features"][i].get("model", {}).get("knobs", {}).pop(knob, None)

                try:
                    other = variant(sc, change)
                except Exception:  # noqa: BLE001 - a combination the format refuses
                    continue
                moved = False
                for policy, steps in (
                    ("as-built", []),
                    ("all-ap", []),
                    ("all-cp", []),
                    ("as-built", [(0.0, f"set {f.id} queued")]),
                    ("all-ap", [(0.0, f"resolve {f.id} merge")]),
                ):
                    try:
                        a = play(sc, seed, steps, policy=policy)
                        b = play(other, seed, steps, policy=policy)
                    except Exception:  # noqa: BLE001 - e.g. queued on a kind without it
                        continue
                    if (a.features, a.tickets.total) != (b.features, b.tickets.total):
                        moved = True
                        break
                where = f"{sname(name)}.{f.id}={value!r}"
                (moved_any if moved else idle).setdefault(key, []).append(where)
    never = {k: v for k, v in idle.items() if k not in moved_any}
    record(
        "6 knobs have an effect",
        f"{len(moved_any) + len(never)} knobs on {len(names)} audit scenarios",
        not never,
        f"moved something: {sorted(moved_any)}; never moved anything: {never}",
        "tools/audit_issue8.py --only 6k",
    )


# --------------------------------------------------------------------------- random scenarios

KINDS = [
    "inventory",
    "counter",
    "feed",
    "messaging",
    "block_list",
    "payment",
    "catalog",
    "cart",
    "session",
    "erasure",
    "audit_log",
]


def random_scenario(rng: random.Random, i: int) -> str:
    n = rng.randint(2, 5)
    regions = [f"r{k}" for k in range(n)]
    shares = [rng.random() + 0.2 for _ in regions]
    total = sum(shares)
    shares = [round(s / total, 3) for s in shares]
    shares[-1] = round(1 - sum(shares[:-1]), 3)
    dur = rng.choice([600, 1200, 1800])
    lines = [
        f'id = "rnd-{i}"',
        f'title = "Random {i}"',
        'summary = "random"',
        'briefing = "random"',
        f"duration = {dur}",
        "tick = 5",
        f"seed = {i}",
        "[business]",
        "daily_users = 1_000_000",
    ]
    for k, r in enumerate(regions):
        lines += ["[[regions]]", f'id = "{r}"', f'name = "R{k}"', f"user_share = {shares[k]}"]
        if k == 0:
            lines.append("primary = true")
    for j in range(rng.randint(1, 4)):
        kind = rng.choice(KINDS)
        pols = sorted(KIND_POLICIES[kind] - {"model"})
        res = rng.choice(["lww", "merge", "crdt", "app"])
        wq = rng.choice(["majority", "all"])
        lines += [
            "[[features]]",
            f'id = "f{j}"',
            f'name = "F{j}"',
            f'kind = "{kind}"',
            f"reads_per_s = {rng.choice([0, 50, 500])}",
            f"writes_per_s = {rng.choice([0, 0, 5, 40])}",
            f"revenue_per_write = {rng.choice([0, 1, 20])}",
            f'as_built = "{rng.choice(pols)}"',
            f'resolution = "{res}"',
            f'knobs = {{ write_quorum = "{wq}" }}',
            "[features.model]",
            f'policy = "{rng.choice(pols)}"',
            'why = "A random feature drawn by the audit."',
        ]
    start = rng.choice([60, 120, 300])
    end = min(dur - 60, start + rng.choice([120, 300, 600]))
    cut = rng.randint(1, n - 1)
    shape = rng.random()
    lines += ["[[events]]", f"at = {start}", 'kind = "partition"']
    if shape < 0.5:
        lines.append(f"groups = [{regions[:cut]!r}, {regions[cut:]!r}]".replace("'", '"'))
        lines.append('mode = "full"')
    else:
        a, b = rng.sample(regions, 2)
        lines.append(f'links = [["{a}", "{b}"]]')
        mode = rng.choice(["full", "lossy", "one-way"])
        lines.append(f'mode = "{mode}"')
        if mode == "lossy":
            lines.append(f"loss = {rng.choice([0.3, 0.6, 0.9])}")
    lines += ["[[events]]", f"at = {end}", 'kind = "heal"']
    return "\n".join(lines) + "\n"


def check_random_engine(count: int) -> None:
    """Build 6: engine honesty on random scenarios and random play."""
    rng = random.Random(8_2026)
    problems: dict[str, list[str]] = {}
    checked = {"crdt": 0, "no-commit stale": 0, "lag": 0, "lost<=writes": 0, "determinism": 0}
    for i in range(count):
        text = random_scenario(rng, i)
        try:
            sc = parse_scenario(text, f"rnd-{i}.toml")
        except Exception as exc:  # noqa: BLE001
            problems.setdefault("generator", []).append(f"{i}: {str(exc)[:100]}")
            continue
        policy = rng.choice(["as-built", "all-ap", "all-cp", "model"])
        steps = []
        for _ in range(rng.randint(0, 3)):
            f = rng.choice(sc.features)
            pol = rng.choice(sorted(KIND_POLICIES[f.kind] - {"model"}))
            steps.append((float(rng.choice([0, 30, 120])), f"set {f.id} {pol}"))
        if rng.random() < 0.3:
            steps.append((60.0, f"failover all-cp {rng.choice(sc.region_ids())}"))
        try:
            r = play(sc, i, steps, policy=policy)
            r2 = play(sc, i, steps, policy=policy)
        except Exception as exc:  # noqa: BLE001
            problems.setdefault("crash", []).append(f"rnd-{i}: {type(exc).__name__}: {exc}"[:200])
            continue
        checked["determinism"] += 1
        if r.model_dump_json() != r2.model_dump_json():
            problems.setdefault("determinism", []).append(f"rnd-{i}")
        tickets_conf = {t.feature for t in r.tickets.items if t.symptom == "conflicts"}
        for f in sc.features:
            fr = r.features[f.id]
            writes_max = f.writes_per_s * sc.duration * 1.5 + 50
            checked["lost<=writes"] += 1
            if fr.lost_writes > writes_max:
                problems.setdefault("lost>writes", []).append(
                    f"rnd-{i}.{f.id}: lost {fr.lost_writes} > {writes_max:.0f}"
                )
            # CRDT merges, never conflicts (resolution unchanged by any action here)
            if f.resolution == "crdt" and f.kind in ("counter",):
                checked["crdt"] += 1
                if fr.conflicts or f.id in tickets_conf:
                    problems.setdefault("crdt conflicts", []).append(
                        f"rnd-{i}.{f.id}: conflicts {fr.conflicts}"
                    )
            # a feature with no writes never serves a stale read
            if f.writes_per_s == 0:
                checked["no-commit stale"] += 1
                if fr.stale_reads:
                    problems.setdefault("stale without writes", []).append(
                        f"rnd-{i}.{f.id} ({f.kind}): {fr.stale_reads} stale reads"
                    )
        # replication lag in a clean full cut without a relay: the age of the oldest write
        ev = next(e for e in sc.events if e.kind == "partition")
        if ev.groups and ev.mode == "full":
            t, lag = r.series.t, r.series.metrics.get("lag_s", [])
            heal = next(e.at for e in sc.events if e.kind == "heal")
            pts = [(tt, x) for tt, x in zip(t, lag, strict=False) if ev.at + 30 < tt < heal]
            checked["lag"] += 1
            bad = [(tt, x) for tt, x in pts if abs(x - (tt - ev.at)) > 2 * sc.tick + 1]
            if bad:
                problems.setdefault("lag != age", []).append(
                    f"rnd-{i}: at {bad[0][0]:.0f}s lag {bad[0][1]:.0f}s, cut {ev.at:.0f}s"
                )
    for key in ("crash", "determinism", "lost>writes", "crdt conflicts"):
        record(
            "6 engine honesty",
            f"{count} random scenarios: {key}",
            key not in problems,
            f"{len(problems.get(key, []))} problems {problems.get(key, [])[:3]}; checked {checked}",
            "tools/audit_issue8.py --only 6r",
        )
    for key in ("stale without writes", "lag != age", "generator"):
        record(
            "6 engine honesty",
            f"{count} random scenarios: {key}",
            key not in problems,
            f"{len(problems.get(key, []))} problems {problems.get(key, [])[:3]}",
            "tools/audit_issue8.py --only 6r",
        )


def check_cp_reads_no_commit(seed: int = 1) -> None:
    """Bullet 9: cp-reads reports no stale read when no write could commit."""
    name = "tools/audit_scenarios/audit-cut-full.toml"
    sc = scenario(name)

    def change(d: dict) -> None:
        for f in d["features"]:
            if f["id"] == "sessions":
                f.setdefault("knobs", {})["write_quorum"] = "all"
                f["as_built"] = "cp-reads"

    bumped = variant(sc, change)
    r = play(bumped, seed)
    fr = r.features["sessions"]
    record(
        "6 no stale read without a committed write",
        "audit-cut-full sessions cp-reads quorum=all",
        fr.stale_reads == 0,
        f"writes ok {fr.ok - 0}, rejected {fr.rejected}, stale reads {fr.stale_reads}",
        "tools/audit_issue8.py --only 6",
    )


def check_reports(names: list[str]) -> None:
    """Bullet 10: the debrief and report never crash (negative revenue, every scenario)."""
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            for policy in ("as-built", "all-ap"):
                out = Path(tmp) / "r.json"
                run = cli("run", name, "--policy", policy, "--json")
                out.write_text(run.stdout)
                codes = []
                for fmt in (["--debrief"], ["--format", "html"], ["--format", "json"]):
                    rep = cli("report", str(out), "--scenario", name, *fmt, "-o", f"{tmp}/o")
                    codes.append(rep.returncode)
                ok = run.returncode == 0 and codes == [0, 0, 0]
                record(
                    "10 report never crashes",
                    f"{sname(name)} {policy}",
                    ok,
                    f"run exit {run.returncode}, report exits {codes}",
                    f"wargame run {name} --policy {policy} --json > R; wargame report R --debrief",
                )


def check_balance(names: list[str], seeds: int) -> None:
    """Build 8: B1-B5 on the audit scenarios, with the harness itself."""
    t0 = time.perf_counter()
    out = cli("balance", *names, "--seeds", str(seeds), "--json")
    wall = time.perf_counter() - t0
    try:
        data = json.loads(out.stdout)
    except json.JSONDecodeError:
        record("8 balance", "audit scenarios", False, f"exit {out.returncode}: {out.stderr[-300:]}")
        return
    for sid, rows in data["scenarios"].items():
        table = ", ".join(
            f"{r['strategy']} {r['median']} {r['grade']}"
            for r in rows
            if not r["strategy"].startswith("random")
        )
        print(f"     {sid}: {table}")
    for f in data["properties"]:
        if f["advisory"]:
            continue
        record(f"8 {f['prop']}", f["scenario"], f["ok"], f["detail"])
    record(
        "8 balance wall time",
        f"{len(names)} scenarios x {seeds} seeds",
        True,
        f"{wall:.0f} s",
        f"wargame balance {' '.join(names)} --seeds {seeds} --json",
    )
    (Path(tempfile.gettempdir()) / "audit_issue8_balance.json").write_text(out.stdout)


# --------------------------------------------------------------------------- main

GROUPS: dict[str, Callable[[argparse.Namespace], None]] = {}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="fewer seeds and random scenarios")
    p.add_argument("--only", default="", help="run only checks whose group starts with this")
    p.add_argument("--seeds", type=int, default=5, help="seeds per strategy (default 5)")
    args = p.parse_args()
    seeds = range(1, (2 if args.quick else args.seeds) + 1)
    everything = [*SHIPPED, *AUDIT]
    groups: list[tuple[str, Callable[[], None]]] = [
        ("3", lambda: check_page_gate(everything)),
        ("1", lambda: check_replay(everything)),
        ("1f", lambda: check_false_alarm(seeds)),
        ("2", lambda: check_queued_mix(SHIPPED, seeds)),
        ("2f", lambda: check_fence()),
        ("4", lambda: check_queue_prices()),
        ("4s", lambda: check_split_brain(seeds)),
        ("4m", lambda: check_model_plus_failover()),
        ("4d", lambda: check_failover_delays()),
        ("4l", lambda: check_lossy_pair(seeds)),
        ("5", lambda: check_one_more_violation(everything)),
        ("5f", check_free_axis),
        ("6", lambda: check_cp_reads_no_commit()),
        ("6f", lambda: check_fields_matter(everything)),
        ("6r", lambda: check_random_engine(20 if args.quick else 120)),
        ("6k", lambda: check_knobs_matter(AUDIT)),  # a knob may move nothing in one scenario
        ("7", lambda: check_handling(everything)),
        ("10", lambda: check_reports(["bank-transfer", "messaging", *AUDIT])),
        ("8", lambda: check_balance(AUDIT, 2 if args.quick else args.seeds)),
    ]
    for key, fn in groups:
        if args.only and not key.startswith(args.only):
            continue
        print(f"== {key}")
        try:
            fn()
        except Exception as exc:  # noqa: BLE001 - a crash is itself a finding
            record(f"{key} crashed", "audit", False, f"{type(exc).__name__}: {exc}"[:300])
    failed = [c for c in RESULTS if not c.ok]
    print(f"\n{len(RESULTS) - len(failed)}/{len(RESULTS)} checks pass")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
