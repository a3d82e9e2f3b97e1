"""The picker shows each scenario's best recorded grade (read from the store, read-only)."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from wargame.store import Store
from wargame.store.readonly import best_grades


def _record(db, scenario: str, overall: float, grade: str) -> None:
    with Store(db) as store:
        drill = store.start_drill(scenario, 4, "standard")
        store.finish_drill(drill, {"grade": grade, "overall": overall})


def test_best_grades_reads_the_best_and_ignores_what_is_not_a_store(tmp_path):
    db = tmp_path / "b.db"
    assert best_grades(db) == {}
    _record(db, "flash-sale", 61.0, "D")
    _record(db, "flash-sale", 88.5, "B")
    best = best_grades(db)["flash-sale"]
    assert (best["grade"], best["overall"], best["drills"]) == ("B", 88.5, 2)
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    assert best_grades(junk) == {}
    assert junk.read_text() == "not a database"


async def test_the_picker_shows_the_best_grade(make_app, tmp_path):
    db = tmp_path / "p.db"
    _record(db, "flash-sale", 88.5, "B")
    app = make_app(None, store_path=db)
    async with app.run_test(size=(140, 40)) as pilot:
        for _ in range(50):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if app.screen.bests:
                break
        options = app.screen.query_one("#scenarios", OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        flash = [x for x in labels if x.startswith("Flash Sale")]
        assert flash and flash[0].endswith("best B")
        assert sum("best " in x for x in labels) == 1
        options.highlighted = labels.index(flash[0])
        await pilot.pause()
        facts = str(app.screen.query_one("#facts", Static).render())
        assert "your best   B 88.5/100 (seed 4, standard; 1 drill recorded)" in facts
