"""Cross-file checks through `api.load_repo` on small repos (today fixed)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from dxtrack import api
from dxtrack.check.link import evidence_problem

TODAY = date(2026, 1, 10)
EVENT = """\
type: event
unit: {unit}
kind: dissemination
title: {title}
date: {date}
mode: in_person
"""
PLAN = "unit: bo-y-te\ntitle: Kế hoạch\ntasks:\n  - id: t1\n    title: Quán triệt\n"


def event(unit="bo-y-te", title="Hội nghị quán triệt", when="2025-09-05", extra="") -> str:
    return EVENT.format(unit=unit, title=title, date=when) + extra


def found(root: Path, today: date = TODAY) -> list[tuple[str, int, str]]:
    repo = api.load_repo(root, today=today)
    return [(f.file, f.line, f.code) for f in repo.findings]


def test_clean_repo(make_repo):
    root = make_repo({"activities/bo-y-te/a.yaml": event(extra="plan_task: t1\n"), "plans/bo-y-te.yaml": PLAN})
    repo = api.load_repo(root, today=TODAY)
    assert repo.findings == ()
    assert [u.id for u in repo.units] == ["bo-y-te", "dai-truyen-hinh-viet-nam"]
    assert list(repo.plans) == ["bo-y-te"] and len(repo.records()) == 1 and repo.left_out() == 0


def test_future_is_measured_from_today(make_repo):
    root = make_repo({"activities/bo-y-te/a.yaml": event(when="2026-01-10"),
                      "activities/bo-y-te/b.yaml": event(when="2026-01-11", title="Khác")})
    assert found(root) == [("activities/bo-y-te/b.yaml", 5, "DX206")]
    assert found(root, today=date(2026, 1, 11)) == []


def test_dates_of_units_and_plans_are_checked(make_repo):
    units = "units:\n  - id: bo-y-te\n    name: B\n    kind: ministry\n    received: 2027-01-01\n"
    plan = "unit: bo-y-te\ntitle: K\nissued: 2025-08-01\n"
    assert found(make_repo({"plans/bo-y-te.yaml": plan}, units=units)) == [
        ("plans/bo-y-te.yaml", 3, "DX207"), ("units.yaml", 5, "DX206")]


def test_partial_record_cross_checks(make_repo):
    record = event(unit="bo-y-te", when="2099-01-01", extra="plan_task: t7\nparticipants: nhiều\n")
    root = make_repo({"activities/dai-truyen-hinh-viet-nam/a.yaml": record})
    rel = "activities/dai-truyen-hinh-viet-nam/a.yaml"
    assert found(root) == [(rel, 2, "DX302"), (rel, 5, "DX206"), (rel, 7, "DX303"), (rel, 8, "DX203")]
    repo = api.load_repo(root, today=TODAY)
    assert repo.records() == [] and repo.left_out() == 1 and repo.left_out("bo-y-te") == 0


def test_good_units_of_a_broken_units_file_still_count(make_repo):
    units = ("units:\n  - id: bo-y-te\n    name: B\n    kind: ministry\n"
             "  - id: Bo_Sai\n    name: S\n    kind: ministry\n")
    root = make_repo({"activities/bo-y-te/a.yaml": event()}, units=units)
    assert found(root) == [("units.yaml", 5, "DX208")]
    assert [u.id for u in api.load_repo(root, today=TODAY).units] == ["bo-y-te"]


BROKEN_UNITS = ("units:\n  - id: bo-y-te\n    name: B\n    kind: ministry\n"
                "  - id: dai-tieng-noi-viet-nam\n    name: V\n    kind: banks\n")


def test_records_of_a_broken_unit_entry_are_left_out_not_unknown(make_repo):
    root = make_repo({"activities/dai-tieng-noi-viet-nam/a.yaml": event(unit="dai-tieng-noi-viet-nam"),
                      "activities/dai-tieng-noi-viet-nam/b.yaml": event(unit="dai-tieng-noi-viet-nam", title="K"),
                      "activities/bo-y-te/a.yaml": event()}, units=BROKEN_UNITS)
    assert found(root) == [("units.yaml", 7, "DX204")]  # no DX301 in each record
    repo = api.load_repo(root, today=TODAY)
    assert repo.left_out() == 2 and repo.left_out("dai-tieng-noi-viet-nam") == 2 and repo.left_out("bo-y-te") == 0
    assert [d.rel for d, _ in repo.records()] == ["activities/bo-y-te/a.yaml"]
    assert [d.source.unit_dir for d, _ in repo.records(valid_only=False)].count("dai-tieng-noi-viet-nam") == 2


def test_a_record_of_a_unit_nowhere_in_units_is_still_unknown(make_repo):
    root = make_repo({"activities/dai-tieng-noi/a.yaml": event(unit="dai-tieng-noi")}, units=BROKEN_UNITS)
    assert found(root) == [("activities/dai-tieng-noi/a.yaml", 2, "DX301"), ("units.yaml", 7, "DX204")]


def test_a_broken_plan_gives_no_dx303_in_records(make_repo):
    plan = PLAN + "reviews:\n  - kind: final\n    due: 2025-12-01\n"
    root = make_repo({"activities/bo-y-te/a.yaml": event(extra="plan_task: t1\n"),
                      "activities/bo-y-te/b.yaml": event(title="K", extra="plan_task: t2\n"),
                      "plans/bo-y-te.yaml": plan})
    assert found(root) == [("plans/bo-y-te.yaml", 7, "DX204")]
    repo = api.load_repo(root, today=TODAY)
    assert len(repo.records()) == 2 and repo.left_out() == 1 and repo.plans == {}  # the plan is left out


def test_a_task_missing_from_a_valid_plan_is_still_dx303(make_repo):
    """Only an invalid plan keeps quiet about its tasks."""
    root = make_repo({"activities/bo-y-te/a.yaml": event(extra="plan_task: t9\n"), "plans/bo-y-te.yaml": PLAN})
    assert found(root) == [("activities/bo-y-te/a.yaml", 7, "DX303")]


def test_invalid_record_keeps_its_link_checks(make_repo):
    """A validation error in one field or list entry hides none of the cross-file checks."""
    extra = ("unknown: 1\nevidence:\n  - url: ftp://x.vn/a\n  - file: ../../../etc/passwd\n"
             "  - file: evidence/missing.pdf\n")
    root = make_repo({"activities/bo-y-te/a.yaml": event(extra=extra)})
    rel = "activities/bo-y-te/a.yaml"
    assert found(root) == [(rel, 7, "DX201"), (rel, 9, "DX209"), (rel, 10, "DX210"), (rel, 11, "DX210")]


def test_dates_before_the_directive_in_plans_and_report_periods(make_repo):
    plan = (PLAN + "    due: 2025-08-17\n  - id: t2\n    title: Sau\n    due: 2099-01-01\n"
            "reviews:\n  - kind: final_review\n    due: 2025-08-01\n")
    report = ("type: report\nunit: bo-y-te\ntitle: Báo cáo\ndate: 2025-09-30\n"
              "period:\n  from: 2025-08-17\n  to: 2026-01-11\n")
    root = make_repo({"plans/bo-y-te.yaml": plan, "activities/bo-y-te/r.yaml": report})
    assert found(root) == [("activities/bo-y-te/r.yaml", 6, "DX207"), ("activities/bo-y-te/r.yaml", 7, "DX206"),
                           ("plans/bo-y-te.yaml", 6, "DX207"), ("plans/bo-y-te.yaml", 12, "DX207")]


def test_report_due_twice(make_repo):
    from conftest import SETTINGS

    settings = SETTINGS.replace("report_due: [2025-12-15]", "report_due: [2025-12-15, 2025-11-15, 2025-12-15]")
    assert found(make_repo(settings=settings)) == [("dxtrack.yaml", 6, "DX212")]


def test_duplicates_ignore_case_and_diacritics_but_not_unit_or_date(make_repo):
    root = make_repo({
        "activities/bo-y-te/a.yaml": event(title="Hội nghị quán triệt"),
        "activities/bo-y-te/b.yaml": event(title="HOI NGHI QUAN TRIET"),
        "activities/bo-y-te/c.yaml": event(title="Hội nghị quán triệt", when="2025-09-06"),
        "activities/dai-truyen-hinh-viet-nam/a.yaml": event(unit="dai-truyen-hinh-viet-nam"),
    })
    assert found(root) == [("activities/bo-y-te/b.yaml", 4, "DX304")]


def test_duplicates_across_record_types(make_repo):
    report = "type: report\nunit: bo-y-te\ntitle: Hội nghị quán triệt\ndate: 2025-09-05\n"
    root = make_repo({"activities/bo-y-te/a.yaml": event(), "activities/bo-y-te/b.yaml": report})
    assert found(root) == [("activities/bo-y-te/b.yaml", 3, "DX304")]


def test_after_until_warns_once_per_record(make_repo):
    units = "units:\n  - id: tct-a\n    name: A\n    kind: enterprise\n    until: 2025-12-15\n"
    channel = ("type: channel\nunit: tct-a\nkind: section\ntitle: C\noutlet: website\nstarted: 2025-12-01\n"
               "cadence_days: 7\nupdates: [2025-12-08, 2025-12-20, 2025-12-27]\n")
    root = make_repo({"activities/tct-a/c.yaml": channel}, units=units)
    repo = api.load_repo(root, today=TODAY)
    assert [(f.line, f.column, f.code, str(f.severity)) for f in repo.findings] == [(8, 23, "DX306", "warning")]
    assert len(repo.records()) == 1  # a warning leaves the record valid; status decides what counts


def test_plan_checks(make_repo):
    root = make_repo({"plans/bo-y-te.yaml": PLAN + "  - id: t1\n    title: Lặp\n",
                      "plans/dai-truyen-hinh-viet-nam.yaml": "unit: bo-y-te\ntitle: K\n",
                      "plans/vtv.yaml": "unit: vtvv\ntitle: K\n"})
    assert found(root) == [("plans/bo-y-te.yaml", 6, "DX305"), ("plans/dai-truyen-hinh-viet-nam.yaml", 1, "DX302"),
                           ("plans/vtv.yaml", 1, "DX301")]


def test_stray_files(make_repo):
    root = make_repo({"plans/ghi-chu.md": "x", "plans/bo-y-te/a.yaml": "unit: x\n", "activities/a.yaml": "x: 1\n",
                      "activities/bo-y-te/README.md": "x", "activities/bo-y-te/.gitkeep": ""})
    # plans/<folder>/ holds the plans of one phase (SPEC §2.3): bo-y-te is no phase of this tracker
    # a YAML file directly in activities/ looks like a record: DX003, an error, and left out
    assert found(root) == [("activities/a.yaml", 1, "DX003"), ("plans/bo-y-te/a.yaml", 1, "DX202"),
                           ("plans/bo-y-te/a.yaml", 1, "DX301"), ("plans/bo-y-te/a.yaml", 1, "DX309"),
                           ("plans/ghi-chu.md", 1, "DX002")]


# ---- evidence paths ---------------------------------------------------------------------------------


@pytest.fixture
def evidence_root(tmp_path) -> Path:
    root = tmp_path / "repo"
    (root / "evidence" / "bo-y-te").mkdir(parents=True)
    (root / "evidence" / "bo-y-te" / "bien-ban.pdf").write_text("x")
    (tmp_path / "secret.txt").write_text("x")
    return root


@pytest.mark.parametrize("rel, problem", [
    ("evidence/bo-y-te/bien-ban.pdf", None),
    ("./evidence/bo-y-te/bien-ban.pdf", None),
    ("evidence/bo-y-te/khong-co.pdf", "evidence.missing"),
    ("../secret.txt", "evidence.outside"),
    ("evidence/../../secret.txt", "evidence.outside"),
    ("evidence/bo-y-te/../bo-y-te/bien-ban.pdf", "evidence.outside"),  # no ".." at all, even inside
    ("/etc/passwd", "evidence.outside"),
    ("~/secret.txt", "evidence.outside"),
])
def test_evidence_problem(evidence_root, rel, problem):
    assert evidence_problem(evidence_root, rel) == problem


def test_evidence_through_symlinks(evidence_root):
    os.symlink("../secret.txt", evidence_root / "evidence" / "out.txt")
    os.symlink("bo-y-te", evidence_root / "evidence" / "alias")
    os.symlink("bien-ban.pdf", evidence_root / "evidence" / "bo-y-te" / "link.pdf")
    assert evidence_problem(evidence_root, "evidence/out.txt") == "evidence.symlink"
    assert evidence_problem(evidence_root, "evidence/alias/bien-ban.pdf") == "evidence.symlink"
    assert evidence_problem(evidence_root, "evidence/bo-y-te/link.pdf") == "evidence.symlink"


def test_repo_root_reached_through_a_symlink_is_fine(evidence_root, tmp_path):
    os.symlink(evidence_root, tmp_path / "via-link")
    assert evidence_problem(tmp_path / "via-link", "evidence/bo-y-te/bien-ban.pdf") is None


def test_units_file_with_bad_entries_only_is_usable(make_repo):
    def units_doc(units: str):
        repo = api.load_repo(make_repo(units=units), today=TODAY)
        return next(d for d in repo.documents if d.rel == "units.yaml")

    assert units_doc(BROKEN_UNITS).usable and not units_doc(BROKEN_UNITS).ok
    assert not units_doc(BROKEN_UNITS + "extra: 1\n").usable  # an error outside the entries
    assert not units_doc("units: 3\n").usable
