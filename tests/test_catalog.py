"""The requirement catalog: the 22 ids of SPEC §3, quoted word for word from the directive."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from dxtrack.catalog import load_catalog, measure_of
from dxtrack.evaluate.registry import EVALUATORS  # importing dxtrack.evaluate registers them
from dxtrack.models import Thresholds


IDS = ["1.1", "1.2", "1.3", "1.4", "2.1.a", "2.1.b", "2.1.c", "2.1.d", "2.1.e", "2.1.f", "2.1.g",
       "2.1.h", "2.1.i", "2.2.a", "2.2.b", "2.2.c", "2.2.d", "3.a", "3.b", "3.c", "3.d", "3.e"]
DIRECTIVE = Path(__file__).resolve().parents[1] / "src" / "dxtrack" / "catalog" / "380-CV-DU.txt"


def squash(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def test_the_22_ids_in_the_directives_order():
    assert [r.id for r in load_catalog()] == IDS


def test_press_duties_bind_only_the_press():
    binds = {r.id: r.binds for r in load_catalog()}
    assert {i for i, b in binds.items() if b == "press"} == {"2.2.a", "2.2.b", "2.2.c", "2.2.d"}
    assert set(binds.values()) == {"all", "press"}


@pytest.mark.parametrize("req", load_catalog(), ids=lambda r: r.id)
def test_each_requirement_is_complete(req):
    assert req.section in ("1", "2.1", "2.2", "3") and req.group == req.section
    assert req.id.startswith(req.section + ".")
    assert req.title and req.title_en and req.measure and req.measure_en
    assert req.criteria and all(c["rule"] in EVALUATORS for c in req.criteria)


@pytest.mark.parametrize("req", load_catalog(), ids=lambda r: r.id)
def test_text_is_the_directives_own_words(req):
    directive = squash(DIRECTIVE.read_text(encoding="utf-8"))
    assert squash(req.text).strip("…") in directive


def test_measure_shows_this_repos_thresholds():
    catalog = {r.id: r for r in load_catalog()}
    text = measure_of(catalog["3.c"], "vi", Thresholds(max_gap_days=45))
    assert "không quá 45 ngày" in text
    assert "{" not in measure_of(catalog["2.1.h"], "en", Thresholds())


def test_the_catalog_holds_against_the_evaluators():
    from dxtrack.evaluate.registry import check_catalog

    check_catalog(load_catalog())   # raises on any mismatch


@pytest.mark.parametrize("criterion, words", [
    ({"rule": "no_such_rule"}, "unknown evaluator"),
    ({"rule": "event_kind", "kinds": ["dissemination"], "colour": "red"}, "colour"),
    ({"rule": "event_kind"}, "kinds"),
])
def test_a_broken_catalog_fails_here_not_for_a_user(criterion, words):
    import dataclasses

    from dxtrack.evaluate.registry import check_catalog

    catalog = list(load_catalog())
    first = catalog[0]
    catalog[0] = dataclasses.replace(first, criteria=(*first.criteria, criterion))
    with pytest.raises(ValueError, match=words):
        check_catalog(catalog)


def test_an_evaluator_used_for_an_id_it_does_not_serve_fails():
    import dataclasses

    from dxtrack.evaluate.registry import check_catalog

    catalog = list(load_catalog())
    catalog[0] = dataclasses.replace(catalog[0], criteria=(*catalog[0].criteria, {"rule": "final_review"}))  # 3.d's
    with pytest.raises(ValueError, match="final_review serves"):
        check_catalog(catalog)


@pytest.mark.parametrize("criterion, words", [
    ({"rule": "event_kind", "kinds": ["disemination"]}, "disemination"),          # a misspelt code
    ({"rule": "plan_has", "field": "budjet"}, "budjet"),
    ({"rule": "longest_gap", "threshold": "max_gap"}, "max_gap"),
])
def test_a_catalog_value_an_evaluator_does_not_know_fails_here(criterion, words):
    import dataclasses

    from dxtrack.evaluate.registry import check_catalog

    catalog = list(load_catalog())
    target = {"event_kind": 3, "plan_has": 2, "longest_gap": 19}[criterion["rule"]]   # 1.4, 1.3, 3.c
    catalog[target] = dataclasses.replace(catalog[target], criteria=(*catalog[target].criteria, criterion))
    with pytest.raises(ValueError, match=words):
        check_catalog(catalog)
