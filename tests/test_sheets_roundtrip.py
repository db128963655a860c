"""Excel both ways: a repo exported (`dxtrack export xlsx`) and imported (`dxtrack import`) into
an empty copy of it (the same settings, units and plans, no activities) has the same records and
the same status; importing the same workbook again writes nothing.

Fixture repos built with the record builders of test_rules, the project's own sample data, and
records hypothesis makes up (titles starting with =, +, -, @, labels of every code, lists).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SETTINGS, TWO_PHASES, UNITS, write_files
from test_rules import FULL_PLAN, MINISTRY, PRESS, channel, event, plan, product, repo_files, report

ROOT = Path(__file__).resolve().parents[1]


def _records(root: Path) -> list[dict]:
    """Every record of the repo at `root`, as its fields, sorted: what the round trip keeps."""
    from dxtrack.api import load_repo

    repo = load_repo(root)
    assert not [d.rel for d in repo.documents if d.is_left_out], "the fixture is valid"
    return sorted((r.model_dump(by_alias=True, mode="json") for _, r in repo.records()),
                  key=lambda d: json.dumps(d, sort_keys=True, ensure_ascii=False))


def _status(cli, root: Path, *args: str) -> dict:
    done = cli(["status", "--repo", root, "--format", "json", *args])
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)


def _empty_copy(root: Path, into: Path) -> Path:
    """The tracker at `root` without its activities: settings, units, plans."""
    into.mkdir()
    for name in ("dxtrack.yaml", "units.yaml"):
        shutil.copy(root / name, into / name)
    if (root / "plans").exists():
        shutil.copytree(root / "plans", into / "plans")
    return into


def round_trip(cli, root: Path, work: Path, *status_args: str, lang: str = "vi") -> tuple[Path, Path]:
    """Export `root`, import into an empty copy of it; assert the records and the status are the
    same, and that a second import writes nothing. (the copy, the workbook)"""
    work.mkdir(parents=True)
    book = work / "export.xlsx"
    done = cli(["--lang", lang, "export", "xlsx", "--repo", root, "-o", book])
    assert done.exit_code == 0, done.output
    copy = _empty_copy(root, work / "copy")
    records = _records(root)
    first = cli(["--lang", lang, "import", book, "--repo", copy])
    assert first.exit_code == 0, first.output
    summary = ("Wrote {} files, skipped 0 rows already there, 0 rows with errors" if lang == "en"
               else "Đã ghi {} tệp, bỏ qua 0 dòng đã có, 0 dòng có lỗi")
    assert first.stdout.splitlines()[-1] == summary.format(len(records))
    assert _records(copy) == records
    assert _status(cli, copy, *status_args) == _status(cli, root, *status_args)
    assert cli(["check", "--repo", copy]).exit_code == 0
    files = sorted(p.relative_to(copy) for p in (copy / "activities").rglob("*.yaml"))
    again = cli(["import", book, "--repo", copy])
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines() == [f"Đã ghi 0 tệp, bỏ qua {len(records)} dòng đã có, 0 dòng có lỗi"]
    assert sorted(p.relative_to(copy) for p in (copy / "activities").rglob("*.yaml")) == files
    return copy, book


# ---------------------------------------------------------------- fixture repos

EVERY_FIELD = [
    event(kind="dissemination", date="2025-08-29", mode="hybrid", topics=["significance", "plan02"],
          audiences=["party_committees", "leaders"], participants=250, leaders=["Lãnh đạo Ban Chỉ đạo"],
          partners=["Bộ Văn hóa, Thể thao và Du lịch", "Văn phòng Trung ương Đảng"], plan_task="t1",
          evidence=[{"url": "https://example.vn/a", "note": "Tin trên cổng"}, {"url": "https://example.vn/b"}],
          note="Hai dòng\nghi chú", title="Hội nghị quán triệt Kế hoạch số 02-KH/BCĐTW"),
    event(kind="party_cell_session", date="2025-09-10", mode="in_person", title="+Sinh hoạt chi bộ"),
    product(kind="reportage", published="2025-09-20", channels=["television", "digital_platform"],
            topics=["public_services"], audiences=["citizens", "businesses"], url="https://example.vn/ps",
            metrics={"views": 120000, "shares": 35}, title="=HYPERLINK(\"http://x\",\"y\")"),
    product(kind="infographic", published="2025-10-01", channels=["social"], metrics={"views": 0}),
    channel(kind="section", outlet="website", started="2025-09-01", cadence_days=7,
            updates=["2025-09-08", "2025-09-15"], url="https://example.vn/cm", topics=["models"],
            title="@Chuyên mục Chuyển đổi số"),
    report(date="2025-12-10", number="12-BC/ĐU", period={"from": "2025-08-20", "to": "2025-12-10"},
           title="-Báo cáo kết quả"),
    event(unit=PRESS, kind="talkshow", date="2025-10-05", mode="online", leaders=["Bộ trưởng"],
          topics=["counter_misinformation"], title="Talkshow; chuyển đổi số"),
    report(unit=PRESS, date="2025-12-12"),
]


def test_round_trip_of_every_field(make_repo, cli, tmp_path):
    root = make_repo(repo_files(EVERY_FIELD, [plan(**FULL_PLAN), plan(PRESS)]))
    copy, _ = round_trip(cli, root, tmp_path / "work", "--as-of", "2025-12-31")
    text = (copy / "activities" / MINISTRY / "2025-09-20-hyperlink-http-x-y.yaml").read_text(encoding="utf-8")
    assert "title: =HYPERLINK(\"http://x\",\"y\")\n" in text and "metrics:\n  views: 120000\n  shares: 35\n" in text


def test_round_trip_in_english(make_repo, cli, tmp_path):
    """An export in English (sheet names, headers, labels) reads back as well."""
    root = make_repo(repo_files(EVERY_FIELD, [plan(**FULL_PLAN)]))
    round_trip(cli, root, tmp_path / "work", "--as-of", "2025-12-31", lang="en")


def test_round_trip_of_two_phases_and_a_phase_plan(make_repo, cli, tmp_path):
    records = [event(date="2025-09-01"), event(kind="training", date="2026-02-03", mode="online"),
               product(published="2026-03-01", channels=["radio"])]
    files = {**repo_files(records, [plan(**FULL_PLAN)]),
             "plans/2026/bo-y-te.yaml": yaml.safe_dump(plan(issued="2026-01-05"), allow_unicode=True)}
    root = make_repo(files, settings=TWO_PHASES)
    round_trip(cli, root, tmp_path / "work", "--phase", "2026", "--as-of", "2026-06-30")


def test_round_trip_of_the_sample_data(cli, tmp_path):
    """The project's own sample data: every phase's status is the same after the round trip."""
    root = tmp_path / "sample"
    shutil.copytree(ROOT / "activities", root / "activities")
    shutil.copytree(ROOT / "plans", root / "plans")
    for name in ("dxtrack.yaml", "units.yaml"):
        shutil.copy(ROOT / name, root / name)
    copy, _ = round_trip(cli, root, tmp_path / "work", "--phase", "2025")
    assert _status(cli, copy, "--phase", "2026") == _status(cli, root, "--phase", "2026")


# ---------------------------------------------------------------- made-up records

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
WORDS = st.text(alphabet=LETTERS + LETTERS.upper() + "0123456789", min_size=1, max_size=8)
NAMES = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
FIRST = st.sampled_from(["", "=", "+", "-", "@", "'", "\"", "("])
TITLES = st.tuples(FIRST, NAMES, st.sampled_from(["", ";", ",", ":", "!", " 1.000", "/2025"])).map("".join)
DAYS = st.integers(0, 130).map(lambda n: (date(2025, 8, 20) + timedelta(days=n)).isoformat())


def _codes(name: str):
    from dxtrack.models import codes

    return st.sampled_from(codes.choices(name))


def _some(name: str):
    from dxtrack.models import codes

    return st.lists(st.sampled_from(codes.choices(name)), unique=True, max_size=3)


COMMON = {"topics": _some("topic"), "audiences": _some("audience"),
          "note": st.one_of(st.none(), NAMES)}
EVENTS = st.fixed_dictionaries(
    {"type": st.just("event"), "kind": _codes("event_kind"), "date": DAYS, "mode": _codes("mode")},
    optional={**COMMON, "participants": st.integers(0, 10**6), "leaders": st.lists(NAMES, max_size=2),
              "partners": st.lists(NAMES, max_size=2)})
PRODUCTS = st.fixed_dictionaries(
    {"type": st.just("product"), "kind": _codes("product_kind"), "published": DAYS,
     "channels": _some("outlet").filter(bool)},
    optional={**COMMON, "url": WORDS.map(lambda w: f"https://example.vn/{w}"),
              "metrics": st.dictionaries(st.sampled_from(["views", "shares", "likes"]), st.integers(0, 10**7))})
CHANNELS = st.fixed_dictionaries(
    {"type": st.just("channel"), "kind": _codes("channel_kind"), "outlet": _codes("outlet"), "started": DAYS,
     "cadence_days": st.integers(1, 60)},
    optional={**COMMON, "updates": st.lists(st.integers(1, 30), max_size=3)})
REPORTS = st.fixed_dictionaries({"type": st.just("report"), "date": DAYS},
                                optional={**COMMON, "number": st.sampled_from(["12-BC/ĐU", "3/BC"])})
RECORDS = st.lists(st.tuples(st.one_of(EVENTS, PRODUCTS, CHANNELS, REPORTS), TITLES,
                             st.sampled_from([MINISTRY, PRESS])), min_size=1, max_size=12)


def _files(drawn) -> dict[str, str]:
    """Record files from what hypothesis drew; titles made unique (a duplicate is refused)."""
    files = {}
    for i, (fields, title, unit) in enumerate(drawn):
        data = {k: v for k, v in fields.items() if v not in (None, [], {})}
        if data["type"] == "channel" and "updates" in data:  # updates after the start
            start = date.fromisoformat(data["started"])
            data["updates"] = sorted({(start + timedelta(days=d)).isoformat() for d in data["updates"]})
        data.update(unit=unit, title=f"{title} {i}")
        files[f"activities/{unit}/r{i}.yaml"] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return files


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=RECORDS)
def test_round_trip_of_made_up_records(cli, drawn):
    with tempfile.TemporaryDirectory() as tmp:
        root = write_files(Path(tmp) / "repo", {"dxtrack.yaml": SETTINGS, "units.yaml": UNITS, **_files(drawn)})
        round_trip(cli, root, Path(tmp) / "work", "--as-of", "2025-12-31")


# ---------------------------------------------------------------- the layout

@pytest.mark.parametrize("kind", ["event", "product", "channel", "report"])
def test_one_column_per_field(kind):
    """Every field of a record type has its column (a nested one a column per key), with a
    header in both languages."""
    from dxtrack.i18n import language
    from dxtrack.models.fields import FIELDS
    from dxtrack.sheets.export import column_label
    from dxtrack.sheets.layout import record_sheet

    sheet = record_sheet(kind)
    keys = [c.key for c in sheet.columns]
    assert len(keys) == len(set(keys))
    for spec in FIELDS[kind]:
        if spec.const is None:
            assert spec.name in keys or any(k.startswith(spec.name + ".") for k in keys), spec.name
    for lang in ("vi", "en"):
        with language(lang):
            labels = [column_label(kind, key) for key in keys]
        assert all(label != key for label, key in zip(labels, keys, strict=True)), labels
        assert len(set(labels)) == len(labels), labels
