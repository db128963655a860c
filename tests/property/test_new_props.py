"""Hypothesis: `dxtrack new event|product|channel|report` through the real CLI.

For generated valid field values (titles of any Vietnamese text, with quotes, colons,
'#', a leading '-', '[' and emoji; dates of the phase; subsets of topics and audiences;
codes written as codes or labels), `new` writes exactly one file, named
<date>-<ascii slug>.yaml, starting with the schema line, that `check` accepts, that
loads back to exactly the values given and that `fmt --check` finds canonical; the
same command again is refused as a duplicate and changes nothing.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dxtrack.models import codes
from dxtrack.write.record import SCHEMA_LINE
from dxtrack.check.load import load_text
from dxtrack.text import slugify

SETTINGS = settings(max_examples=20, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FIRST, LAST = date(2025, 8, 18), date(2025, 12, 31)

TRICKY = ['"', "'", ":", ": ", " #", "#", "- ", "-", "[", "]", "{", "}", ",", "&", "*", "!", "|", ">", "%",
          "@", "`", "?", "😀", "🇻🇳", "\u00a0", "  ", "yes", "null", "~", "2025-09-01", "12", "Đảng ủy", "ộ",
          "\u0301", "\\", "Hội nghị quán triệt", " ", "   "]
WORDS = st.text(st.characters(categories=("L", "M", "N", "P", "S", "Zs")), max_size=12)
TITLES = st.lists(st.one_of(st.sampled_from(TRICKY), WORDS), min_size=1, max_size=16).map("".join).filter(
    lambda s: s.strip() and s == s.strip())


def spelled(list_name: str, code: str):
    """A code as a person may type it: the code, or its Vietnamese label in some case."""
    label = codes.label(list_name, code)
    return st.sampled_from([code, label, label.upper(), unicodedata.normalize("NFD", label)])


@st.composite
def code_option(draw, option: str, list_name: str):
    code = draw(st.sampled_from(codes.choices(list_name)))
    return [option, draw(spelled(list_name, code))], code


@st.composite
def code_options(draw, option: str, list_name: str, min_size: int = 0):
    chosen = draw(st.lists(st.sampled_from(codes.choices(list_name)), unique=True, min_size=min_size))
    args = []
    for code in chosen:
        args += [option, draw(spelled(list_name, code))]
    return args, chosen


@st.composite
def a_date(draw, option: str):
    day = draw(st.dates(FIRST, LAST))
    written = draw(st.sampled_from([day.isoformat(), day.strftime("%d/%m/%Y"), f"{day.day}/{day.month}/{day.year}"]))
    return [option, written], day


@st.composite
def event(draw):
    kind_args, kind = draw(code_option("--kind", "event_kind"))
    date_args, day = draw(a_date("--date"))
    mode_args, mode = draw(code_option("--mode", "mode"))
    topic_args, topics = draw(code_options("--topic", "topic"))
    audience_args, audiences = draw(code_options("--audience", "audience"))
    participants = draw(st.one_of(st.none(), st.integers(0, 10**6)))
    args = kind_args + date_args + mode_args + topic_args + audience_args
    values = {"kind": kind, "date": day.isoformat(), "mode": mode, "topics": topics, "audiences": audiences}
    if participants is not None:
        args += ["--participants", str(participants)]
        values["participants"] = participants
    return "event", args, values, day


@st.composite
def product(draw):
    kind_args, kind = draw(code_option("--kind", "product_kind"))
    date_args, day = draw(a_date("--published"))
    channel_args, channels = draw(code_options("--channel", "outlet", min_size=1))
    topic_args, topics = draw(code_options("--topic", "topic"))
    audience_args, audiences = draw(code_options("--audience", "audience"))
    values = {"kind": kind, "published": day.isoformat(), "channels": channels, "topics": topics,
              "audiences": audiences}
    return "product", kind_args + date_args + channel_args + topic_args + audience_args, values, day


@st.composite
def channel(draw):
    kind_args, kind = draw(code_option("--kind", "channel_kind"))
    outlet_args, outlet = draw(code_option("--outlet", "outlet"))
    date_args, day = draw(a_date("--started"))
    cadence = draw(st.integers(1, 365))
    topic_args, topics = draw(code_options("--topic", "topic"))
    audience_args, audiences = draw(code_options("--audience", "audience"))
    args = kind_args + outlet_args + date_args + ["--cadence-days", str(cadence)] + topic_args + audience_args
    values = {"kind": kind, "outlet": outlet, "started": day.isoformat(), "cadence_days": cadence,
              "topics": topics, "audiences": audiences}
    return "channel", args, values, day


@st.composite
def report(draw):
    date_args, day = draw(a_date("--date"))
    number = draw(st.sampled_from([None, "12-BC/ĐU", "Số 3: BC/ĐU", "#5"]))
    args, values = date_args, {"date": day.isoformat()}
    if number:
        args, values = args + ["--number", number], {**values, "number": number}
    if draw(st.booleans()):
        start = draw(st.dates(FIRST, day))
        args += ["--period-from", start.isoformat(), "--period-to", day.isoformat()]
        values["period"] = {"from": start.isoformat(), "to": day.isoformat()}
    return "report", args, values, day


RECORDS = {"event": event(), "product": product(), "channel": channel(), "report": report()}
DAY = date(2025, 9, 1)
FIXED = {  # for the explicit example
    "event": ("event", ["--kind", "tọa đàm", "--date", "01/09/2025", "--mode", "online"],
              {"kind": "seminar", "date": "2025-09-01", "mode": "online"}, DAY),
    "product": ("product", ["--kind", "video_clip", "--published", "2025-09-01", "--channel", "MẠNG XÃ HỘI"],
                {"kind": "video_clip", "published": "2025-09-01", "channels": ["social"]}, DAY),
    "channel": ("channel", ["--kind", "chuyên mục", "--outlet", "website", "--started", "2025-09-01",
                            "--cadence-days", "7"],
                {"kind": "section", "outlet": "website", "started": "2025-09-01", "cadence_days": 7}, DAY),
    "report": ("report", ["--date", "2025-09-01"], {"date": "2025-09-01"}, DAY),
}
UNITS = st.sampled_from(["bo-y-te", "dai-truyen-hinh-viet-nam"])


def snapshot(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _expected(kind: str, unit: str, title: str, values: dict) -> dict:
    """The file's data: every given value, codes for labels, empty lists left out."""
    data = {"type": kind, "unit": unit, "title": unicodedata.normalize("NFC", title)}
    data.update({k: v for k, v in values.items() if v != []})
    return data


@pytest.mark.parametrize("kind", sorted(RECORDS))
@SETTINGS
@given(data=st.data(), unit=UNITS, title=TITLES)
@example(data=None, unit="bo-y-te", title='- [Tọa đàm]: "chuyển đổi số" # 1 😀')
def test_new_writes_one_valid_canonical_file(make_repo, cli, kind, data, unit, title):
    _kind, args, values, day = data.draw(RECORDS[kind]) if data is not None else FIXED[kind]
    root = make_repo()
    shutil.rmtree(root)  # hypothesis runs many examples in one tmp_path
    root = make_repo()
    before = snapshot(root)
    command = ["new", kind, "--unit", unit, "--title", title, *args, "--repo", root]

    result = cli(command)
    assert result.exit_code == 0, result.output
    after = snapshot(root)
    new = sorted(set(after) - set(before))
    assert len(new) == 1 and {k: after[k] for k in before} == before
    rel = new[0]
    folder, name = rel.rsplit("/", 1)
    assert folder == f"activities/{unit}"
    slug = name[len(day.isoformat()) + 1:-len(".yaml")]
    assert name == f"{day.isoformat()}-{slug}.yaml" and SLUG.match(slug)
    assert slug == (slugify(title) or kind)
    assert result.stdout == f"Đã ghi {rel}\n"

    text = after[rel].decode("utf-8")
    assert text.startswith(SCHEMA_LINE["record"])
    loaded = load_text(text, rel)
    assert loaded.findings == []
    assert loaded.data == _expected(kind, unit, title, values)

    check = cli(["check", "--repo", root])
    assert (check.exit_code, check.stdout) == (0, "Không có lỗi trong 3 tệp.\n")
    fmt = cli(["fmt", "--check", "--repo", root])
    assert fmt.exit_code == 0, fmt.output
    assert fmt.stdout.startswith("0 tệp cần chuẩn hóa")

    again = cli(command)
    assert again.exit_code == 1
    assert f"Bản ghi trùng với {rel} (cùng đơn vị, ngày và tiêu đề)." in again.stderr
    assert snapshot(root) == after
