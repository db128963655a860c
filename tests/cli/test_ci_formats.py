"""The CI formats of `dxtrack check` as CI reads them (issue 15): paths from the git work
tree's top for a tracker in a subfolder; SARIF valid under the OASIS 2.1.0 schema with its
formats checked, with rule help and stable fingerprints; GitLab fingerprints stable across
language, inserted lines and days; GitHub's "N more" notice past its 10 annotations; the job
summary's table intact whatever a file is named; one line per finding in the text format."""

from __future__ import annotations

import json
import os
import re
import shutil
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import SETTINGS, UNITS, git, write_files  # tests/ is on sys.path (rootdir conftest)

# The OASIS SARIF 2.1.0 schema is not ours to commit (OASIS IPR policy, and no package on PyPI
# ships it): put a copy of sarif-schema-2.1.0.json (docs.oasis-open.org, sarif v2.1.0 errata01)
# at tests/fixtures/ (git-ignored) or name it with DXTRACK_SARIF_SCHEMA.
SCHEMA = Path(os.environ.get("DXTRACK_SARIF_SCHEMA")
              or Path(__file__).resolve().parent.parent / "fixtures" / "sarif-schema-2.1.0.json")
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

EVENT = """\
type: event
unit: bo-y-te
kind: {kind}
title: {title}
date: 2025-09-05
mode: in_person
"""
BAD = EVENT.format(kind="bogus", title="Hội nghị")  # DX204 at `kind`, line 3
BAD_PATH = "activities/bo-y-te/2025-09-05-hoi-nghi.yaml"
# the tracker inside a git repository, in a folder with a space and Vietnamese letters
SUB = "trackers/đảng ủy"


def tracker(base: Path, files: dict | None = None) -> Path:
    return write_files(base, {"dxtrack.yaml": SETTINGS, "units.yaml": UNITS, **(files or {})})


@pytest.fixture
def nested(tmp_path):
    """A git work tree `mono/` holding the tracker at `mono/trackers/đảng ủy/`."""
    top = tmp_path / "mono"
    root = tracker(top / SUB, {BAD_PATH: BAD})
    git(top, "init", "-q")
    return top, root


def run_json(cli, root, fmt, *args, env=None):
    result = cli(["check", "--repo", root, "--format", fmt, *args], env=env)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def sarif_results(log: dict) -> list[dict]:
    return log["runs"][0]["results"]


def sarif_uri(result: dict) -> str:
    return result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


# ---------------------------------------------------------------- 1. a tracker in a subfolder

@needs_git
def test_ci_formats_name_files_from_the_work_tree_top(cli, nested):
    top, root = nested
    want = f"{SUB}/{BAD_PATH}"
    github = cli(["check", "--repo", root, "--format", "github"]).stdout
    assert github.startswith("::error file=trackers/đảng ủy/activities/bo-y-te/2025-09-05-hoi-nghi.yaml,line=3,")
    assert [i["location"]["path"] for i in run_json(cli, root, "gitlab")] == [want]
    log = run_json(cli, root, "sarif")
    assert [unquote(sarif_uri(r)) for r in sarif_results(log)] == [want]
    assert sarif_uri(sarif_results(log)[0]) == "trackers/%C4%91%E1%BA%A3ng%20%E1%BB%A7y/" + BAD_PATH
    assert (top / unquote(sarif_uri(sarif_results(log)[0]))).is_file()  # the file the location names


@needs_git
def test_text_and_json_keep_tracker_paths(cli, nested):
    """A person in the tracker's folder reads `activities/...`; json's `file` is SPEC §4's."""
    _, root = nested
    text = cli(["check", "--repo", root, "--format", "text"]).stdout
    assert text.startswith(f"{BAD_PATH}:3:1: lỗi DX204")
    assert [f["file"] for f in run_json(cli, root, "json")["findings"]] == [BAD_PATH]
    # the same from inside the tracker's folder, without --repo
    assert cli(["check", "--format", "text"], cwd=root).stdout == text


def test_outside_git_files_are_named_from_the_tracker(cli, tmp_path):
    root = tracker(tmp_path / "alone", {BAD_PATH: BAD})
    assert cli(["check", "--repo", root, "--format", "github"]).stdout.startswith(f"::error file={BAD_PATH},")
    assert [i["location"]["path"] for i in run_json(cli, root, "gitlab")] == [BAD_PATH]
    assert [sarif_uri(r) for r in sarif_results(run_json(cli, root, "sarif"))] == [BAD_PATH]


@needs_git
def test_tracker_at_the_work_tree_top(cli, tmp_path):
    root = tracker(tmp_path / "top", {BAD_PATH: BAD})
    git(root, "init", "-q")
    assert [i["location"]["path"] for i in run_json(cli, root, "gitlab")] == [BAD_PATH]


@needs_git
def test_git_init_above_a_tracker_is_seen_with_the_cache_on(cli, tmp_path):
    """The work tree's top is not among the tracker's files: a CI format is never replayed
    from the cache with the paths of before."""
    top = tmp_path / "mono"
    root = tracker(top / "t", {BAD_PATH: BAD})
    assert [i["location"]["path"] for i in run_json(cli, root, "gitlab")] == [BAD_PATH]
    git(top, "init", "-q")
    assert [i["location"]["path"] for i in run_json(cli, root, "gitlab")] == [f"t/{BAD_PATH}"]


@needs_git
def test_job_summary_names_files_from_the_work_tree_top(cli, nested, tmp_path):
    _, root = nested
    summary = tmp_path / "summary.md"
    cli(["check", "--repo", root, "--format", "text"], env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert f"| `{SUB}/{BAD_PATH}:3` |" in summary.read_text(encoding="utf-8")


def test_work_tree_prefix_without_git(tmp_path, monkeypatch):
    from dxtrack.check.changed import work_tree_prefix

    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))  # no git on this computer
    assert work_tree_prefix(tmp_path) == ""


# ---------------------------------------------------------------- 2. SARIF and its schema

# file names a URI must percent-encode: a space, %, #, ?, Vietnamese letters, bytes not UTF-8
ODD_NAMES = ["2025-09-05-a b.yaml", "2025-09-06-100%.yaml", "2025-09-07-so#1.yaml", "2025-09-08-ai?.yaml",
             "2025-09-09-hội-nghị.yaml", os.fsdecode(b"2025-09-10-\xff\xfe.yaml"), "2025-09-11-a:b.yaml"]


@pytest.fixture
def odd(make_repo):
    titles = {name: f"Hoạt động {i}" for i, name in enumerate(ODD_NAMES)}
    return make_repo({f"activities/bo-y-te/{name}": EVENT.format(kind="bogus", title=title)
                      for name, title in titles.items()})


def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip(f"no SARIF 2.1.0 schema at {SCHEMA} (not committed: see SCHEMA)")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    checker = jsonschema.FormatChecker()  # every format jsonschema can check
    # uri-reference is checked only with rfc3986-validator (or rfc3987) installed: the test extra
    assert {"uri", "uri-reference"} <= set(checker.checkers), "pip install rfc3986-validator"
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=checker)


def test_sarif_passes_the_oasis_schema_with_formats(cli, odd):
    log = run_json(cli, odd, "sarif")
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in sarif_validator().iter_errors(log)]
    assert errors == []
    uris = [sarif_uri(r) for r in sarif_results(log)]
    assert sorted(unquote(u, errors="surrogateescape") for u in uris) == sorted(
        f"activities/bo-y-te/{name}" for name in ODD_NAMES)
    assert "activities/bo-y-te/2025-09-05-a%20b.yaml" in uris
    assert "activities/bo-y-te/2025-09-10-%FF%FE.yaml" in uris
    assert "activities/bo-y-te/2025-09-11-a%3Ab.yaml" in uris  # never read as a scheme
    assert all(re.fullmatch(r"[A-Za-z0-9\-._~/%]+", u) for u in uris)


def test_the_schema_check_would_see_a_bad_uri(cli, odd):
    """The format check is real: the uris of before (raw names) do not pass."""
    log = run_json(cli, odd, "sarif")
    for r in sarif_results(log):
        loc = r["locations"][0]["physicalLocation"]["artifactLocation"]
        loc["uri"] = unquote(loc["uri"])
    bad = [e for e in sarif_validator().iter_errors(log) if e.validator == "format"]
    assert {e.instance for e in bad} >= {"activities/bo-y-te/2025-09-05-a b.yaml",
                                         "activities/bo-y-te/2025-09-06-100%.yaml"}


def test_sarif_rules_have_descriptions_and_help(cli, make_repo):
    from dxtrack.check.findings import CODES

    root = make_repo({BAD_PATH: BAD, "activities/bo-y-te/ghi-chu.txt": "x"})
    for lang in ("vi", "en"):
        run = run_json(cli, root, "sarif", "--lang", lang)["runs"][0]
        rules = run["tool"]["driver"]["rules"]
        assert [r["id"] for r in rules] == ["DX002", "DX204"]
        for rule in rules:
            assert rule["shortDescription"]["text"] == CODES[rule["id"]][1]  # the table of docs/findings.md
            assert rule["id"] in rule["fullDescription"]["text"]
            assert "docs/findings.md" in rule["help"]["text"] and "`docs/findings.md`" in rule["help"]["markdown"]
            assert "helpUri" not in rule  # no absolute address of the docs is known: none made up
        assert run["originalUriBaseIds"] == {"SRCROOT": {"description": {"text": run["originalUriBaseIds"][
            "SRCROOT"]["description"]["text"]}}}
        assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "SRCROOT"
                   for r in run["results"])
    vi = run_json(cli, root, "sarif")["runs"][0]["tool"]["driver"]["rules"][1]["fullDescription"]["text"]
    assert "Mức lỗi: dxtrack check thoát với mã 1." in vi


def test_rule_descriptions_are_the_docs_table():
    from dxtrack.check.findings import CODES

    docs = (Path(__file__).resolve().parents[2] / "docs" / "findings.md").read_text(encoding="utf-8")
    for code, (severity, meaning) in CODES.items():
        assert f"| `{code}` | {severity} | {meaning} | " in docs, code


# ---------------------------------------------------------------- 3. fingerprints

TWO_UNKNOWN = EVENT.format(kind="dissemination", title="Hội nghị") + "titel: x\nnguoi: y\n"  # DX201 twice
FUTURE = EVENT.format(kind="dissemination", title="Hội nghị").replace("2025-09-05", "2025-09-20")  # DX206


def gitlab_prints(cli, root, *args) -> dict:
    return {(i["check_name"], i["location"]["lines"]["begin"]): i["fingerprint"]
            for i in run_json(cli, root, "gitlab", *args)}


def sarif_prints(cli, root, *args) -> list[str]:
    return [r["partialFingerprints"]["dxtrackFinding/v1"] for r in sarif_results(run_json(cli, root, "sarif", *args))]


def test_fingerprints_do_not_change_with_the_language(cli, make_repo):
    root = make_repo({BAD_PATH: TWO_UNKNOWN})
    vi, en = gitlab_prints(cli, root), gitlab_prints(cli, root, "--lang", "en")
    assert len(vi) == 2 and vi == en
    assert sarif_prints(cli, root) == sarif_prints(cli, root, "--lang", "en") == list(vi.values())


def test_fingerprints_do_not_change_with_lines_inserted_above(cli, make_repo):
    root = make_repo({BAD_PATH: TWO_UNKNOWN})
    before = gitlab_prints(cli, root)
    (root / BAD_PATH).write_text("# ghi chú\n# thêm một dòng\n" + TWO_UNKNOWN, encoding="utf-8")
    after = gitlab_prints(cli, root)
    assert sorted(after) == [(code, line + 2) for code, line in sorted(before)]  # the lines moved
    assert sorted(after.values()) == sorted(before.values())


def test_fingerprints_do_not_change_from_day_to_day(cli, make_repo, monkeypatch):
    from dxtrack import api

    root = make_repo({BAD_PATH: FUTURE})
    seen = []
    for day in (date(2025, 9, 10), date(2025, 9, 11)):
        monkeypatch.setattr(api, "_today", lambda day=day: day)
        issues = run_json(cli, root, "gitlab", "--no-cache")
        assert [i["check_name"] for i in issues] == ["DX206"]
        seen.append((issues[0]["description"], issues[0]["fingerprint"]))
    (first, one), (second, two) = seen
    assert first != second and "10/09/2025" in first  # the message names today
    assert one == two


def test_fingerprints_tell_findings_of_one_code_in_one_file_apart(cli, make_repo):
    root = make_repo({BAD_PATH: TWO_UNKNOWN, "activities/bo-y-te/2025-09-06-b.yaml": TWO_UNKNOWN})
    prints = [i["fingerprint"] for i in run_json(cli, root, "gitlab")]
    assert len(prints) == 4 and len(set(prints)) == 4
    assert set(sarif_prints(cli, root)) == set(prints)


def test_findings_carry_their_keys_path(make_repo):
    from dxtrack import api

    root = make_repo({BAD_PATH: TWO_UNKNOWN, "plans/bo-y-te.yaml": (
        "unit: bo-y-te\ntitle: Kế hoạch\ntasks:\n  - id: t1\n    title: A\n  - id: t2\n    title: B\n"
        "    due: 2025-02-31\n")})
    keys = {(f.file, f.code): f.key for f in api.check(api.load_repo(root))}
    assert keys[("plans/bo-y-te.yaml", "DX205")] == ("tasks", 1, "due")
    assert sorted(f.key for f in api.check(api.load_repo(root)) if f.code == "DX201") == [("nguoi",), ("titel",)]


# ---------------------------------------------------------------- 4. GitHub and the job summary

def many(errors: int, warnings: int) -> dict:
    unknown = "".join(f"sai{i}: x\n" for i in range(errors))
    return {BAD_PATH: EVENT.format(kind="dissemination", title="Hội nghị") + unknown,
            **{f"activities/bo-y-te/ghi-chu-{i}.txt": "x" for i in range(warnings)}}


@pytest.mark.parametrize(("errors", "warnings", "more"), [(10, 10, 0), (11, 0, 1), (12, 13, 5), (3, 11, 1)])
def test_github_says_how_many_more_findings_there_are(cli, make_repo, errors, warnings, more):
    root = make_repo(many(errors, warnings))
    lines = cli(["check", "--repo", root, "--format", "github"]).stdout.splitlines()
    commands = [line for line in lines if not line.startswith("::notice")]
    assert len(commands) == errors + warnings
    notices = lines[errors + warnings:]
    if not more:
        assert notices == []
        return
    assert notices == [f"::notice title=dxtrack::Còn {more} lỗi, cảnh báo khác không hiện ở đây: xem bản tóm tắt "
                       "của job (job summary) hoặc chạy dxtrack check."]
    en = cli(["check", "--repo", root, "--format", "github", "--lang", "en"]).stdout.splitlines()[-1]
    assert en == (f"::notice title=dxtrack::{more} more finding(s) not shown here: see the job summary or run "
                  "dxtrack check.")


def test_github_notice_is_escaped_for_the_toolkit(monkeypatch):
    """Its words go through the toolkit's escaping (a `%`, a line break: never a second command)."""
    import dxtrack.render.findings as render
    from dxtrack.check.findings import finding

    words = render.t
    monkeypatch.setattr(render, "t", lambda key, **p: "100% {count}\r\n::error::x".format(**p)
                        if key == "check.github_more" else words(key, **p))
    out = render.render_github([finding("a.yaml", (i, 1), "DX106") for i in range(1, 12)], 1, lang="vi")
    assert out.splitlines()[-1] == "::notice title=dxtrack::100%25 1%0D%0A::error::x"


def cells(row: str) -> list[str]:
    """The cells of a GitHub table row: split at each `|` not escaped."""
    return re.split(r"(?<!\\)\|", row)[1:-1]


def test_job_summary_table_survives_a_pipe_and_a_backtick_in_a_file_name(cli, make_repo, tmp_path):
    names = ["2025-09-05-a|b.yaml", "2025-09-06-x`y.yaml", "2025-09-07-``|`.yaml"]
    root = make_repo({f"activities/bo-y-te/{name}": BAD for name in names})
    summary = tmp_path / "summary.md"
    result = cli(["check", "--repo", root, "--format", "text"], env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    rows = [line for line in summary.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + 3  # the header; each file its DX204
    assert all(len(cells(row)) == 4 for row in rows), rows
    shown = [cells(row)[0].strip() for row in rows[1:]]
    assert "`activities/bo-y-te/2025-09-05-a\\|b.yaml:3`" in shown
    assert "`` activities/bo-y-te/2025-09-06-x`y.yaml:3 ``" in shown
    assert "``` activities/bo-y-te/2025-09-07-``\\|`.yaml:3 ```" in shown


# ---------------------------------------------------------------- 5. one line per finding

LINE = re.compile(r"^\S.*:\d+:\d+: ")


def test_every_text_line_is_a_finding_or_indented(cli, make_repo):
    root = make_repo({
        BAD_PATH: TWO_UNKNOWN.replace("mode: in_person", "mode: onlin"),  # hints: did you mean
        "activities/bo-y-te/2025-09-06-b.yaml": EVENT.format(kind="dissemination", title="B").replace(
            "2025-09-06", "06/09/2025").replace("date: 2025-09-05", "date: 05/09/2025"),
        "activities/bo-y-te/2025-09-07-c.yaml": "type: event\n\tunit: x\n",
        "activities/bo-y-te/ghi-chu.txt": "x",
        "plans/bo-y-tee.yaml": "unit: bo-y-tee\ntitle: K\n",
    })
    lines = cli(["check", "--repo", root, "--format", "text"]).stdout.splitlines()
    assert len(lines) > 6
    assert all(LINE.match(line) or line[:1].isspace() for line in lines[:-1]), lines
    assert "lỗi" in lines[-1] and "tệp" in lines[-1]  # the summary line


def test_a_message_of_several_lines_keeps_one_line_per_finding(monkeypatch):
    import dxtrack.render.findings as render

    monkeypatch.setattr(render, "finding_text", lambda f: "Dòng đầu.\nDòng hai\r\n::error::x")
    from dxtrack.check.findings import finding

    out = render.render_text([finding("a.yaml", (2, 3), "DX106"), finding("b.yaml", (1, 1), "DX106")], 2, lang="vi")
    assert out.splitlines()[:6] == ["a.yaml:2:3: lỗi DX106 Dòng đầu.", "    Dòng hai", "    ./::error::x",
                                    "b.yaml:1:1: lỗi DX106 Dòng đầu.", "    Dòng hai", "    ./::error::x"]
    github = render.render_github([finding("a.yaml", (2, 3), "DX106")], 1, lang="vi")
    assert github == "::error file=a.yaml,line=2,col=3,title=dxtrack DX106::Dòng đầu.%0ADòng hai%0D%0A::error::x\n"
