"""Support tickets are phrased for the scenario's product (its ``business.domain``)."""

from __future__ import annotations

import pytest

from wargame.engine import Engine, list_scenarios, load_scenario
from wargame.engine.tickets import SYMPTOM_OF, options, phrasings
from wargame.model.scenario import Business

DOMAINS = Business.model_fields["domain"].annotation.__args__


def test_every_domain_has_words_for_every_symptom():
    table = phrasings()
    for symptom in set(SYMPTOM_OF.values()):
        for domain in DOMAINS:
            assert table[symptom][domain]["general"], (symptom, domain)


def test_every_shipped_scenario_names_its_domain():
    for sc in list_scenarios():
        assert sc.business.domain != "general", f"{sc.id} sets no business.domain"


@pytest.mark.parametrize("sid", [s.id for s in list_scenarios()])
def test_every_shipped_scenarios_tickets_come_from_its_own_domain(sid):
    sc = load_scenario(sid)
    r = Engine(sc).result()
    assert r.tickets.items, "the scenario files tickets"
    kinds = {f.id: f for f in sc.features}
    others = {d for d in DOMAINS if d != sc.business.domain}
    for t in r.tickets.items:
        f = kinds[t.feature]
        own = {
            x.format(feature=f.name, region=t.region)
            for x in options(t.symptom, sc.business.domain, f.kind)
        }
        assert t.text in own, (sid, t.symptom, t.text)
        for d in others:
            theirs = phrasings()[t.symptom].get(d, {})
            foreign = {
                x.format(feature=f.name, region=t.region) for v in theirs.values() for x in v
            }
            mine = {
                x.format(feature=f.name, region=t.region)
                for v in phrasings()[t.symptom][sc.business.domain].values()
                for x in v
            }
            assert t.text not in foreign - mine, (sid, d, t.text)


def test_a_bank_customer_never_writes_about_posts():
    r = Engine(load_scenario("bank-transfer")).result()
    assert not any("post" in t.text.lower() for t in r.tickets.items)
