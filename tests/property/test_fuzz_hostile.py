"""Hypothesis, hostile repos (issue 14): small tracker repos whose every text field and file
name holds arbitrary Unicode — control characters, lone surrogates, bidi overrides, rich
and Markdown markup, HTML, formula starts, CI workflow commands — run through the real CLI
in every output format. Whatever a repo holds:

- no command raises: the exit code is 0, 1 or 2 and no traceback or internal-error message
  is printed;
- no text output carries a raw control character (C0 but tab and line feed, DEL, C1, a
  bidi embedding/override/isolate, U+2028/U+2029, a lone surrogate);
- inside GitHub Actions no line of a text output is a workflow command (`::…`), and the
  `github` format prints one command line per finding;
- JSON outputs parse; Markdown tables keep their column count; HTML and Markdown carry no
  markup from a file; CSV and XLSX cells never start a formula; the calendar is CRLF lines
  of properties; the .docx is well-formed XML.

And the loader: a document that `yaml.safe_dump` writes comes back the same.

The default run is small (CI); `HYPOTHESIS_PROFILE=fuzz` (and `DXTRACK_FUZZ_EXAMPLES=N`)
runs many examples with no deadline: see fuzz/README.md.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
import yaml
from defusedxml import minidom as defused_minidom
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from dxtrack.check.findings import Severity
from dxtrack.check.load import load_bytes

settings.register_profile(
    "fuzz", max_examples=int(os.environ.get("DXTRACK_FUZZ_EXAMPLES", "2000")), deadline=None,
    suppress_health_check=list(HealthCheck), print_blob=True)
LONG = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"


# CI fails fast: no shrinking (shrinking a failing repo can take minutes). The failing example is
# saved in .hypothesis/; the fuzz profile replays it first and shrinks it to a small repo.
FAST = [Phase.explicit, Phase.reuse, Phase.generate]


def bounded(examples: int) -> settings:
    """`examples` in the default run (each example runs a dozen commands); the fuzz profile's
    count in a long run."""
    if LONG:
        return settings(settings.get_profile("fuzz"))
    return settings(max_examples=examples, deadline=None, phases=FAST,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large, HealthCheck.large_base_example])


AS_OF = ["--as-of", "2025-11-15"]

# ---------------------------------------------------------------------------------------
# Text

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
MARKERS = (SCRIPT, IMG)  # user text that must never reach HTML or Markdown as markup
HOSTILE = [
    "[/]", "[red]", "[link=https://evil.example]x[/link]", "[bold]b[/bold]", "\x1b[31m", "\x1b]8;;http://e\x1b\\",
    "\x1b[2J", "\x07", "\r", "\n", "\r\n", "\t", "\x00", "\x7f", "\x85", "\x9b", "\u2028", "\u2029", "\u202e",
    "\u2066", "\u200b", "\u200f", "\ufeff", "\ufffd", "\ud800", "\udcff", "::error::x", "\n::error::planted",
    "::stop-commands::t", "::add-mask::x", "%0A", "=HYPERLINK(\"http://e\",\"x\")", "+1", "-1+2", "@SUM(A1)",
    "=1+1", "|", "\\|", "`", "``", "*", "_", "#", "> ", "- ", "<b>", SCRIPT, IMG, "&amp;", "&", "]]>",
    "{{ 7*7 }}", "{% raw %}", "${{ github.token }}", "\\", '"', "'", ": ", " #", "---", "&a", "*a", "!!python",
    "Đảng ủy", "Bộ Y tế", "ộ", "\u0301", "😀", "🇻🇳", "\U0010ffff", " ", "  ", "x" * 40, "1e400", "0x1F",
    "2025-02-31", "null", "yes", "~", "https://", "javascript:alert(1)", "../../etc/passwd", "/etc/passwd",
]
# characters of every category, and lone surrogates (which st.characters never gives)
ANY_CHAR = st.one_of(st.characters(exclude_categories=()), st.integers(0xD800, 0xDFFF).map(chr))
PIECE = st.one_of(st.sampled_from(HOSTILE), st.text(ANY_CHAR, max_size=6))
ANY_TEXT = st.lists(PIECE, max_size=5).map("".join)
# What a Text field may accept (no control character as the models define them): the part of
# the inputs that reaches the renderers. The field is still sometimes ANY_TEXT (refused,
# then quoted by a finding).
_REFUSED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
ACCEPTED = st.lists(PIECE, min_size=1, max_size=5).map(lambda parts: _REFUSED.sub("", "".join(parts))).map(
    lambda s: s if s.strip() else "Đ" + s)  # and not blank (a Text field wants some text)
TEXT = st.one_of(ACCEPTED, ACCEPTED, ANY_TEXT)
# a one-line field (the organization, a unit's name): mostly one line, so that the settings and
# units stay usable and the renderers see the text
LINE = st.one_of(ACCEPTED.map(lambda s: re.sub("[\n\x85]", " ", s)), ACCEPTED.map(lambda s: re.sub("[\n\x85]", " ", s)),
                 TEXT)

# raw characters that must never reach a text output (the output's own \n, \t are fine)
_RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


class Raw(str):
    """A scalar written as it is (a date, a number, a code): not quoted."""


def _escaped(value: str) -> str:
    """A YAML double-quoted scalar holding exactly `value` (every code point, surrogates too)."""
    out = []
    for c in value:
        if c in '"\\':
            out.append("\\" + c)
        elif " " <= c <= "~":
            out.append(c)
        elif ord(c) <= 0xFFFF:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(f"\\U{ord(c):08x}")
    return '"' + "".join(out) + '"'


# what YAML cannot hold raw (an accepted file writes it escaped)
_NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@st.composite
def scalar(draw, value: str, hostile: bool = True) -> str:
    """`value` as a YAML scalar in a style drawn: escaped (the value reaches the data), or raw
    in double quotes; in a hostile file also in single quotes or plain (raw control bytes,
    surrogates, a line break or markup may break the file: the loader's findings)."""
    if isinstance(value, Raw):
        return str(value)
    styles = ["escaped", "escaped", "double", "single", "plain"] if hostile else ["escaped", "double"]
    style = draw(st.sampled_from(styles))
    if style == "escaped" or (not hostile and _NOT_YAML.search(value)):
        return _escaped(value)
    if style == "double":
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if style == "single":
        return "'" + value.replace("'", "''").replace("\n", "\n\n") + "'"
    return value.replace("\n", " ") if value.strip() else _escaped(value)


@st.composite
def emit(draw, data, hostile: bool = True, indent: int = 0) -> str:
    """YAML text of `data` (dicts, lists, str, Raw), block style, scalars drawn by `scalar`."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            k = key if isinstance(key, Raw) else draw(scalar(key, hostile))
            if isinstance(value, (dict, list)) and value:
                lines.append(f"{pad}{k}:\n" + draw(emit(value, hostile, indent + 2)))
            elif isinstance(value, (dict, list)):
                lines.append(f"{pad}{k}: {'{}' if isinstance(value, dict) else '[]'}\n")
            else:
                lines.append(f"{pad}{k}: {draw(scalar(value, hostile))}\n")
    else:
        for item in data:
            if isinstance(item, dict) and item:
                body = draw(emit(item, hostile, indent + 2))
                lines.append(f"{pad}- {body[indent + 2:]}")
            elif isinstance(item, list) and item:
                lines.append(f"{pad}-\n" + draw(emit(item, hostile, indent + 2)))
            else:
                lines.append(f"{pad}- {draw(scalar(item, hostile))}\n")
    return "".join(lines)


def encoded(text: str) -> bytes:
    """The bytes of a file: UTF-8, a lone surrogate as the bytes it would be (not UTF-8)."""
    return text.encode("utf-8", "surrogatepass")


# ---------------------------------------------------------------------------------------
# Repos

UNIT_IDS = ["bo-y-te", "dai-truyen-hinh", "a"]
_DAY = __import__("datetime").date
DATES = st.dates(min_value=_DAY(2025, 8, 20), max_value=_DAY(2025, 11, 15)).map(lambda d: Raw(d.isoformat()))
TOPICS = ["significance", "plan02", "public_services", "models", "counter_misinformation", "Mô hình hiệu quả"]
AUDIENCES = ["party_committees", "leaders", "party_members", "workers", "citizens", "Đảng viên"]
OUTLETS = ["print", "online_press", "radio", "television", "digital_platform", "website", "social", "internal"]
ACCEPTED_LINE = ACCEPTED.map(lambda s: re.sub("[\n\x85]", " ", s))


class Mode:
    """What a file's fields are drawn from. A hostile file: any text anywhere (a code, a date, a
    slug, a key), in any YAML style — mostly refused, and quoted by findings. Otherwise: the
    structure valid and the free text (titles, names, owners of tasks, partners, notes, ...)
    any text a Text field accepts — what reaches the renderers."""

    def __init__(self, hostile: bool):
        self.hostile = hostile
        self.text = TEXT if hostile else ACCEPTED
        self.line = LINE if hostile else ACCEPTED_LINE
        self.date = st.one_of(DATES, DATES, TEXT) if hostile else DATES
        # a link: any text after https:// (a hostile file), or no white space in it (accepted)
        url = st.one_of(st.just("https://e.vn/a?b=1#c"), ACCEPTED.map(lambda s: "https://e.vn/" + re.sub(r"\s", "", s)))
        self.url = st.one_of(url, TEXT.map(lambda s: "https://" + s), TEXT) if hostile else url

    def code(self, choices: list[str]):
        known = st.sampled_from(choices).map(Raw)
        return st.one_of(known, known, TEXT) if self.hostile else known

    def codes(self, choices: list[str]):
        return st.lists(self.code(choices), max_size=3)

    def slug(self, value: str):
        return st.one_of(*[st.just(Raw(value))] * 5, TEXT) if self.hostile else st.just(Raw(value))

    def extra(self):
        return st.dictionaries(ANY_TEXT.filter(bool), TEXT, max_size=1) if self.hostile else st.just({})


MODES = st.sampled_from([False, False, True]).map(Mode)  # a third of the files hostile


def _name_bytes(name: str) -> bytes:
    """A file name's bytes: U+DC80–U+DCFF as the raw bytes they stand for (as os.fsencode), other
    surrogates as the bytes UTF-8 would give them."""
    return b"".join(bytes([ord(c) - 0xDC00]) if "\udc80" <= c <= "\udcff" else c.encode("utf-8", "surrogatepass")
                    for c in name)


# a file name: any bytes but "/" and NUL, or any text (lone surrogates as the bytes they stand for)
NAME_BYTES = st.one_of(
    st.binary(min_size=1, max_size=24),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=16).map(encoded),
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.integers(0xDC80, 0xDCFF).map(chr)), min_size=1, max_size=4)
    .map(lambda parts: _name_bytes("".join(parts))),
).map(lambda b: b.replace(b"/", b"_").replace(b"\0", b"_")).filter(lambda b: b not in (b".", b"..") and len(b) < 200)


@st.composite
def settings_file(draw) -> str:
    m = Mode(draw(st.integers(0, 4)) == 0)  # a fifth: settings a run cannot use are exit 2 everywhere
    data = {"directive": draw(st.one_of(st.just(Raw("380-CV/ĐU")), m.text)),
            "organization": draw(m.line), "report_to": draw(m.text), "received": Raw("2025-08-20")}
    if draw(st.booleans()):
        data["phases"] = [{"id": Raw('"2025"'), "name": draw(m.text), "to": Raw("2025-12-31"),
                           "report_due": [Raw("2025-11-01")]}]
    else:
        data |= {"phase_end": Raw("2025-12-31"), "report_due": [Raw("2025-11-01")]}
    data["report"] = {k: draw(m.text) for k in draw(st.sets(st.sampled_from(
        ["issuing_body", "superior_body", "number", "place", "signer", "signer_title", "archive", "proposals"])))}
    if draw(st.booleans()):
        data["report"]["recipients"] = draw(st.lists(m.text, max_size=2))
    data["sample"] = Raw(draw(st.sampled_from(["false", "true"])))
    return draw(emit({**data, **draw(m.extra())}, m.hostile))


@st.composite
def unit_entry(draw, uid: str, m: Mode) -> dict:
    owner = st.one_of(st.just(Raw('"@dang-uy/x"')), st.just(Raw("a@b.vn")), st.just(Raw("'@u'")))
    entry = {"id": draw(m.slug(uid)), "name": draw(m.line), "kind": draw(m.code(["ministry", "press", "other"])),
             "owners": draw(st.lists(st.one_of(owner, TEXT) if m.hostile else owner, max_size=2))}
    if draw(st.integers(0, 4)) == 0:
        entry |= {"until": Raw("2025-10-01"), "moved_to": draw(m.line)}
    return entry


@st.composite
def plan_file(draw, uid: str, task_ids: list[str]) -> str:
    m = draw(MODES)
    data = {"unit": draw(m.slug(uid)), "title": draw(m.text)}
    if draw(st.booleans()):
        data |= {"number": draw(m.text), "issued": draw(m.date), "audiences": draw(m.codes(AUDIENCES)),
                 "resources": {"staff": draw(m.text), "means": draw(m.text),
                               "budget_vnd": draw(st.one_of(st.just(Raw("1000")), TEXT) if m.hostile
                                                  else st.just(Raw("1000")))},
                 "platforms": draw(st.lists(m.text, max_size=2))}
    data["tasks"] = [{"id": draw(m.slug(t)), "title": draw(m.text), "owner": draw(m.text), "due": draw(m.date),
                      "topics": draw(m.codes(TOPICS))} for t in task_ids]
    data["reviews"] = [{"kind": draw(m.code(["preliminary_review", "final_review", "inspection"])),
                        "due": draw(m.date), "note": draw(m.text)} for _ in range(draw(st.integers(0, 1)))]
    return draw(emit({**data, **draw(m.extra())}, m.hostile))


@st.composite
def record_file(draw, uid: str, task_ids: list[str]) -> tuple[str, list[bytes]]:
    """The text of a record, and the evidence files it names (to create, some of them)."""
    m = draw(MODES)
    kind = draw(st.sampled_from(["event", "product", "channel", "report"]))
    data: dict = {"type": Raw(kind), "unit": draw(m.slug(uid)), "title": draw(m.text)}
    if kind == "event":
        data |= {"kind": draw(m.code(["dissemination", "seminar", "talkshow", "commendation", "final_review"])),
                 "date": draw(m.date), "mode": draw(m.code(["in_person", "online", "hybrid"])),
                 "leaders": draw(st.lists(m.text, max_size=2)), "partners": draw(st.lists(m.text, max_size=2))}
    elif kind == "product":
        data |= {"kind": draw(m.code(["infographic", "video_clip", "reportage", "article"])),
                 "published": draw(m.date), "channels": draw(m.codes(OUTLETS).filter(bool)),
                 "url": draw(m.url),
                 "metrics": draw(st.dictionaries(m.text.filter(bool), st.sampled_from([Raw("12"), Raw("0")]),
                                                 max_size=2))}
    elif kind == "channel":
        data |= {"kind": draw(m.code(["section", "dedicated_page", "periodic_newsletter"])),
                 "outlet": draw(m.code(OUTLETS)), "started": draw(m.date),
                 "cadence_days": draw(st.sampled_from([Raw("7"), Raw("30")])),
                 "updates": draw(st.lists(m.date, max_size=2))}
        if not m.hostile:  # updates on or after the start
            data["updates"] = [d for d in data["updates"] if d >= data["started"]]
    else:
        data |= {"number": draw(m.text), "date": draw(m.date),
                 "period": {"from": Raw("2025-08-20"), "to": draw(m.date)}}
    data |= {"topics": draw(m.codes(TOPICS)), "audiences": draw(m.codes(AUDIENCES)), "note": draw(m.text)}
    if task_ids and draw(st.booleans()):
        data["plan_task"] = draw(st.one_of(st.sampled_from(task_ids).map(Raw), m.text) if m.hostile
                                 else st.sampled_from(task_ids).map(Raw))
    files: list[bytes] = []
    evidence = []
    for _ in range(draw(st.integers(0, 2))):
        if draw(st.booleans()):
            evidence.append({"url": draw(m.url)})
        else:
            name = draw(NAME_BYTES if m.hostile else ACCEPTED.map(lambda s: s.strip().replace("/", "_").encode()))
            files.append(name)
            evidence.append({"file": "evidence/" + os.fsdecode(name), "note": draw(m.text)})
    data["evidence"] = evidence
    return draw(emit({**data, **draw(m.extra())}, m.hostile)), files


@st.composite
def hostile_repo(draw) -> dict[bytes, bytes]:
    """{path (bytes) → content} of a small tracker repo, hostile everywhere."""
    files: dict[bytes, bytes] = {b"dxtrack.yaml": encoded(draw(settings_file()))}
    ids = draw(st.lists(st.sampled_from(UNIT_IDS), min_size=1, max_size=2, unique=True))
    m = Mode(draw(st.integers(0, 4)) == 0)
    units = [draw(unit_entry(uid, m)) for uid in ids]
    files[b"units.yaml"] = encoded(draw(emit({"units": units}, m.hostile)))
    for uid in ids:
        tasks = draw(st.lists(st.sampled_from(["t1", "t2"]), unique=True, max_size=2))
        if draw(st.booleans()):
            files[f"plans/{uid}.yaml".encode()] = encoded(draw(plan_file(uid, tasks)))
        else:
            tasks = []
        folder = b"activities/" + (uid.encode() if draw(st.integers(0, 7)) else draw(NAME_BYTES))
        for n in range(draw(st.integers(0, 3))):
            text, evidence = draw(record_file(uid, tasks))
            name = draw(st.one_of(
                st.just(f"2025-09-{n + 10:02d}-r.yaml".encode()),
                NAME_BYTES.map(lambda b: b"2025-09-01-" + b + b".yaml"),
                st.tuples(NAME_BYTES, st.sampled_from([b".yaml", b".YAML", b".yml", b""])).map(b"".join)))
            files[folder + b"/" + name] = encoded(text)
            for ev in evidence:
                if draw(st.integers(0, 3)):
                    files[b"evidence/" + ev] = b"%PDF-1.4\n"
    for _ in range(draw(st.integers(0, 1))):  # a stray file somewhere, any name
        files[draw(st.sampled_from([b"", b"activities/", b"plans/", b"templates/"])) + draw(NAME_BYTES)] = \
            encoded(draw(ANY_TEXT))
    return files


def write_repo(root: Path, files: dict[bytes, bytes]) -> Path:
    base = os.fsencode(root)
    for rel, content in files.items():
        path = base + b"/" + rel
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(content)
        except (IsADirectoryError, NotADirectoryError, FileExistsError):
            continue  # a name drawn twice, once as a file and once as a folder: the first stays
    return root


@pytest.fixture
def fresh(tmp_path_factory):
    """fresh() → a new empty folder per example (a function-scoped tmp_path is shared by all)."""
    return lambda: tmp_path_factory.mktemp("fuzz")


# ---------------------------------------------------------------------------------------
# Running and the properties of every output

RUNNER = CliRunner()


def run(args: list, env: dict | None = None):
    """The real CLI in-process; an uncaught exception is a failure of the property."""
    from dxtrack.cli.main import app

    result = RUNNER.invoke(app, [os.fspath(a) if isinstance(a, Path) else a for a in args], env=env,
                           catch_exceptions=True)
    shown = " ".join(map(str, args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        raise AssertionError(f"`dxtrack {shown}` raised:\n"
                             + "".join(traceback.format_exception(result.exception))) from result.exception
    assert result.exit_code in (0, 1, 2), (shown, result.exit_code, result.output)
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream, (shown, stream)
        assert "lỗi nội bộ" not in stream and "internal error" not in stream, (shown, stream)
    return result


def assert_no_raw_control(text: str, what: str, allow_crlf: bool = False) -> None:
    if allow_crlf:
        text = text.replace("\r\n", "\n")
    found = _RAW_CONTROL.search(text)
    if found is not None:
        at = found.start()
        raise AssertionError(f"{what}: raw U+{ord(found.group()):04X} at {at}: {text[max(0, at - 60):at + 20]!r}")


def raw_out(result, stream: str = "stdout") -> str:
    """What the command wrote, as it wrote it (click's `stdout` turns CRLF into LF); bytes
    that are not UTF-8 come back as lone surrogates, which no property lets through."""
    return getattr(result, stream + "_bytes").decode("utf-8", "surrogateescape")


def assert_clean(result, what: str, allow_crlf: bool = False) -> None:
    assert_no_raw_control(raw_out(result), what + " (stdout)", allow_crlf)
    assert_no_raw_control(raw_out(result, "stderr"), what + " (stderr)")


def assert_no_workflow_command(result, what: str) -> None:
    """Inside GitHub Actions, a line starting with `::` (after spaces) is a workflow command."""
    for stream in (raw_out(result), raw_out(result, "stderr")):
        for line in re.split(r"\r\n|\r|\n", stream):
            assert not line.lstrip().startswith("::"), f"{what}: workflow command planted: {line!r}"


def markdown_tables_keep_their_columns(text: str, what: str) -> None:
    """Every row of every pipe table has the cells of its header (a `|` in a cell escaped, no
    line break in a cell)."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if lines[i].startswith("|") and i + 1 < len(lines) and re.match(r"^\|(\s*:?-+:?\s*\|)+\s*$", lines[i + 1]):
            columns = _cells(lines[i])
            assert _cells(lines[i + 1]) == columns, (what, lines[i], lines[i + 1])
            i += 2
            while i < len(lines) and lines[i].strip():
                assert lines[i].startswith("|"), f"{what}: a table row broken: {lines[i]!r}"
                assert _cells(lines[i]) == columns, f"{what}: {columns} columns, row {lines[i]!r}"
                i += 1
        i += 1


def _cells(row: str) -> int:
    inner = row.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return len(re.split(r"(?<!\\)\|", inner))


def assert_no_markup(text: str, what: str) -> None:
    for marker in MARKERS:
        assert marker not in text, f"{what}: markup from a file reached the output: {marker}"


def git_actions_env() -> dict:
    return {"GITHUB_ACTIONS": "true"}


# ---------------------------------------------------------------------------------------
# The properties

class Steps:
    """The failures of one example, each command's checks a step of their own, so that one
    failing output does not hide another: `with steps(): ...`; `steps.done()` raises them all."""

    def __init__(self):
        self.failures: list[AssertionError] = []

    @contextlib.contextmanager
    def __call__(self):
        try:
            yield
        except AssertionError as exc:
            self.failures.append(exc)

    def done(self) -> None:
        if len(self.failures) == 1:
            raise self.failures[0]
        if self.failures:
            raise AssertionError(f"{len(self.failures)} properties do not hold:\n\n"
                                 + "\n\n".join(map(str, self.failures))) from self.failures[0]


def check_properties(root: Path, out: Path, steps: Steps) -> None:
    results = {}
    for fmt in ("text", "github", "gitlab", "sarif", "json"):
        with steps():
            result = results[fmt] = run(["check", "--repo", root, "--format", fmt], env=git_actions_env())
            assert_clean(result, f"check -f {fmt}")
            assert result.exit_code in (0, 1), (fmt, result.output)  # a repo, bad or not, is checked
            if fmt in ("gitlab", "sarif", "json"):
                json.loads(result.stdout)
    with steps():
        record = next((p for p in sorted(root.glob("activities/*/*")) if p.is_file()), None)
        if record is not None:  # one file named (any name), the cross-file rules still applied
            one = run(["check", "--repo", root, "--format", "text", record], env=git_actions_env())
            assert_clean(one, "check PATH")
            assert_no_workflow_command(one, "check PATH")
    if "json" not in results:
        return
    findings = json.loads(results["json"].stdout)["findings"]
    with steps():
        assert results["json"].exit_code == (1 if any(f["severity"] == "error" for f in findings) else 0)
    if "text" in results:
        with steps():
            assert_no_workflow_command(results["text"], "check -f text")
    if "github" in results:
        with steps():
            lines = re.split(r"\r\n|\r|\n", raw_out(results["github"]))
            commands = [line for line in lines if line.lstrip().startswith("::")]
            assert len(commands) == len(findings), "check -f github: one workflow command per finding, no more"
            assert all(re.match(r"^::(error|warning|notice) file=[^\n]*::[^\n]*$", c) for c in commands), commands


def status_properties(root: Path, out: Path, steps: Steps) -> None:
    data = None
    with steps():
        table = run(["status", "--repo", root, *AS_OF], env=git_actions_env())
        assert_clean(table, "status")
        assert_no_workflow_command(table, "status")
    with steps():
        shown = run(["status", "--repo", root, *AS_OF, "--format", "json"])
        if shown.exit_code == 2:
            return  # a setup problem (bad settings): said once, the same for every format
        data = json.loads(shown.stdout)
    if data is None:
        return
    for unit in data["units"][:2]:
        with steps():
            detail = run(["status", unit["id"], "--repo", root, *AS_OF], env=git_actions_env())
            assert_clean(detail, "status UNIT")
            assert_no_workflow_command(detail, "status UNIT")
        with steps():
            by_name = run(["status", unit["name"], "--repo", root, *AS_OF], env=git_actions_env())  # any text
            assert_clean(by_name, "status NAME")
            assert_no_workflow_command(by_name, "status NAME")
        with steps():
            json.loads(run(["status", unit["id"], "--repo", root, *AS_OF, "--format", "json"]).stdout)
    with steps():
        sheet = run(["status", "--repo", root, *AS_OF, "--format", "csv"])
        assert_clean(sheet, "status -f csv", allow_crlf=True)
        for row in csv.reader(io.StringIO(sheet.stdout)):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), f"status -f csv: a formula: {cell!r}"
    with steps():
        md = run(["status", "--repo", root, *AS_OF, "--format", "markdown"])
        assert_clean(md, "status -f markdown")
        markdown_tables_keep_their_columns(md.stdout, "status -f markdown")
        assert_no_markup(md.stdout, "status -f markdown")
    with steps():
        html = run(["status", "--repo", root, *AS_OF, "--format", "html", "-o", out / "s.html"])
        if html.exit_code == 0:
            page = (out / "s.html").read_text(encoding="utf-8")
            assert_no_raw_control(page, "status -f html")
            assert_no_markup(page, "status -f html")
    with steps():
        xlsx = run(["status", "--repo", root, *AS_OF, "--format", "xlsx", "-o", out / "s.xlsx"])
        if xlsx.exit_code == 0:
            from openpyxl import load_workbook

            for ws in load_workbook(out / "s.xlsx").worksheets:
                for row in ws.iter_rows():
                    for cell in row:
                        assert cell.data_type != "f", f"status -f xlsx: a formula: {cell.value!r}"
                        if isinstance(cell.value, str):
                            assert_no_raw_control(cell.value, "status -f xlsx")


def due_report_properties(root: Path, out: Path, steps: Steps) -> None:
    with steps():
        table = run(["due", "--repo", root, *AS_OF, "--days", "60"], env=git_actions_env())
        assert_clean(table, "due")
        assert_no_workflow_command(table, "due")
    with steps():
        json.loads(run(["due", "--repo", root, *AS_OF, "--format", "json"]).stdout or "null")
    with steps():
        ics = run(["due", "--repo", root, *AS_OF, "--format", "ics"])
        calendar = raw_out(ics)
        assert_clean(ics, "due -f ics", allow_crlf=True)
        if ics.exit_code == 0:
            assert calendar.endswith("\r\n") and "\n" not in calendar.replace("\r\n", ""), "due -f ics: not CRLF lines"
            for line in calendar.split("\r\n")[:-1]:
                assert line.startswith(" ") or re.match(r"^[A-Z][A-Z0-9-]*[;:]", line), f"due -f ics: a line {line!r}"
    with steps():
        report = run(["report", "--repo", root, *AS_OF, "--date", "2025-11-16", "--format", "md"],
                     env=git_actions_env())
        assert_clean(report, "report -f md")
        assert_no_workflow_command(report, "report -f md")
        markdown_tables_keep_their_columns(report.stdout, "report -f md")
        assert_no_markup(report.stdout, "report -f md")
    with steps():
        docx = run(["report", "--repo", root, *AS_OF, "--date", "2025-11-16", "-o", out / "r.docx"])
        if docx.exit_code == 0:
            with zipfile.ZipFile(out / "r.docx") as z:
                for name in z.namelist():
                    if name.endswith(".xml"):
                        defused_minidom.parseString(z.read(name))
    for fmt in ("table", "json", "markdown"):
        with steps():
            assert_clean(run(["requirements", "--repo", root, "--format", fmt]), f"requirements -f {fmt}")
    with steps():
        fmt_check = run(["fmt", "--check", "--repo", root], env=git_actions_env())
        assert_clean(fmt_check, "fmt --check")
        assert_no_workflow_command(fmt_check, "fmt --check")


PROPERTIES = {"check": check_properties, "status": status_properties, "due_report": due_report_properties}


def holds(properties, files: dict[bytes, bytes], fresh) -> None:
    steps = Steps()
    properties(write_repo(fresh(), files), fresh(), steps)
    steps.done()


# what the fuzzing found on the code before issue 14, kept as examples (fixed since)
SMALL_SETTINGS = b"organization: X\nreceived: 2025-08-20\nphase_end: 2025-12-31\nreport_due: [2025-11-01]\n"
NOT_UTF8_NAME = {  # gitlab format: the fingerprint of a finding in a file whose name is not UTF-8
    b"dxtrack.yaml": SMALL_SETTINGS,
    b"units.yaml": b"units:\n  - id: bo-y-te\n    name: Y\n    kind: ministry\n",
    b"activities/bo-y-te/\x80.yaml": b"type: event\nunit: bo-y-te\nkind: bogus\ntitle: T\n"
                                     b"date: 2025-09-01\nmode: online\n",
}
MARKUP_NAME = {  # status: rich markup in a transferred unit's name and moved_to
    b"dxtrack.yaml": SMALL_SETTINGS,
    b"units.yaml": b'units:\n  - id: bo-y-te\n    name: "[/]"\n    kind: ministry\n    until: 2025-10-01\n'
                   b'    moved_to: "[/]"\n',
}


@bounded(10)
@given(files=hostile_repo())
@example(files=NOT_UTF8_NAME)
def test_check_in_every_format(fresh, files):
    holds(check_properties, files, fresh)


@bounded(8)
@given(files=hostile_repo())
@example(files=MARKUP_NAME)
def test_status_in_every_format(fresh, files):
    holds(status_properties, files, fresh)


@bounded(6)
@given(files=hostile_repo())
def test_due_report_requirements_fmt(fresh, files):
    holds(due_report_properties, files, fresh)


# ---------------------------------------------------------------------------------------
# The loader: what safe_dump writes comes back the same

SCALARS = st.one_of(st.text(ANY_CHAR.filter(lambda c: not "\ud800" <= c <= "\udfff"), max_size=12),
                    st.sampled_from(HOSTILE).filter(lambda s: not re.search("[\ud800-\udfff]", s)),
                    st.integers(-10**12, 10**12), st.booleans(), st.none())
KEYS = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=8)
TREES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                      st.dictionaries(KEYS, inner, max_size=3)), max_leaves=12)
DOCS = st.dictionaries(KEYS, TREES, min_size=1, max_size=4)


def _depth(value) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


@bounded(300)
@given(DOCS, st.booleans(), st.booleans())
def test_what_safe_dump_writes_loads_back_the_same(doc, unicode, flow):
    text = yaml.safe_dump(doc, allow_unicode=unicode, default_flow_style=flow, sort_keys=False)
    loaded = load_bytes(text.encode("utf-8"), "x.yaml")
    errors = [f for f in loaded.findings if f.severity is Severity.ERROR]
    if loaded.data is None:
        assert errors, "no data needs a reason"
        return
    if _depth(doc) > 6:
        return  # deeper nesting is refused
    assert not errors or all(f.code == "DX103" for f in errors)
    if unicodedata.is_normalized("NFC", text):  # the data is exactly what was dumped
        assert loaded.data == doc, (text, loaded.findings)
        assert not any(f.code == "DX113" for f in loaded.findings)
    else:  # text not in NFC is a warning, and read in NFC (as written: escapes stay what they say)
        assert any(f.code == "DX113" for f in loaded.findings)
        assert loaded.data == yaml.safe_load(unicodedata.normalize("NFC", text)), (text, loaded.findings)
