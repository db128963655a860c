"""`dxtrack diff REV1[..REV2]`: the status at two git revisions compared, on real git repos."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from rich.cells import cell_len

from conftest import MODELS_EVENT, SETTINGS, TWO_PHASES, UNITS, git

AS_OF = ["--as-of", "2025-10-01"]
SEMINAR = MODELS_EVENT
SEMINAR_FILE = "activities/bo-y-te/2025-09-01-toa-dam.yaml"
# what the seminar moves for Bộ Y tế as of 01/10/2025 (the other unit does not move)
SEMINAR_MOVES = [("2.1.d", "missing", "met"), ("2.1.f", "missing", "partial"), ("3.a", "missing", "met"),
                 ("3.c", "partial", "met")]


def commit(root, message="change"):
    git(root, "add", "-A")
    git(root, "commit", "-qm", message)


def write(root, rel, text):
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def git_repo(make_repo):
    """A tracker repo (two units, no records) committed on branch main."""
    def make(files=None, **kw):
        root = make_repo(files, **kw)
        git(root, "init", "-q", "-b", "main")
        commit(root, "base")
        return root
    return make


def diff_json(cli, root, *args):
    result = cli(["diff", *args, "--format", "json", "--repo", root])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def moves_of(data, unit):
    found = next(u for u in data["units"] if u["id"] == unit)
    return [(m["id"], m["before"], m["after"]) for m in found["moves"]]


def status_score(cli, root, unit, *args):
    data = json.loads(cli(["status", "--format", "json", "--repo", root, *args]).stdout)
    return next(u["score"] for u in data["units"] if u["id"] == unit)


# ---------------------------------------------------------------- what moves, in each format

def test_table_against_the_working_tree(git_repo, cli):
    root = git_repo()
    before = status_score(cli, root, "bo-y-te", *AS_OF)
    write(root, SEMINAR_FILE, SEMINAR)  # not committed
    after = status_score(cli, root, "bo-y-te", *AS_OF)
    result = cli(["diff", "HEAD", *AS_OF, "--repo", root])
    assert result.exit_code == 0, result.output
    assert (before, after) == (3, 22)  # the same scores `status` gives on each side
    assert result.stdout == (
        "Thay đổi từ HEAD đến bản đang làm việc\n"
        "Giai đoạn 2025 (18/08/2025 – 31/12/2025), đến ngày 01/10/2025\n"
        "\n"
        "Đảng ủy Bộ Y tế  3 → 22 (+19)\n"
        "  2.1.d ✗ → ✓  Nội dung: điển hình tiên tiến, mô hình hiệu quả\n"
        "  2.1.f ✗ → ◐  Kết hợp trực tiếp và trực tuyến\n"
        "  3.a   ✗ → ✓  Triển khai ngay sau khi nhận văn bản\n"
        "  3.c   ◐ → ✓  Duy trì thường xuyên, liên tục\n"
        "  Hồ sơ: hoạt động 0 → 1\n"
        "\n"
        "1 đơn vị không thay đổi.\n"
        "✓ đạt  ◐ một phần  ✗ chưa đạt  ⏳ chưa đến hạn  · không áp dụng\n")


def test_json(git_repo, cli):
    root = git_repo()
    write(root, SEMINAR_FILE, SEMINAR)
    data = diff_json(cli, root, "HEAD", *AS_OF)
    assert list(data) == ["from_rev", "to_rev", "as_of", "directive", "sample", "phase", "missing_at_from",
                          "from_as_of", "units", "unchanged"]
    assert (data["from_rev"], data["to_rev"], data["as_of"], data["from_as_of"]) == (
        "HEAD", None, "2025-10-01", "2025-10-01")
    assert data["phase"] == {"id": "2025", "name": "Giai đoạn 2025", "from": "2025-08-18", "to": "2025-12-31"}
    assert data["missing_at_from"] is None and data["unchanged"] == 1
    [unit] = data["units"]
    assert {k: unit[k] for k in ("id", "state_before", "state_after", "score_before", "score_after")} == {
        "id": "bo-y-te", "state_before": "active", "state_after": "active", "score_before": 3, "score_after": 22}
    assert (unit["counts_before"]["event"], unit["counts_after"]["event"]) == (0, 1)
    assert moves_of(data, "bo-y-te") == SEMINAR_MOVES


def test_json_is_the_same_in_every_language(git_repo, cli):
    root = git_repo()
    write(root, SEMINAR_FILE, SEMINAR)
    vi = diff_json(cli, root, "HEAD", *AS_OF)
    en = diff_json(cli, root, "HEAD", *AS_OF, "--lang", "en")
    assert en == vi and en["phase"]["name"] == "Giai đoạn 2025"  # as `status --format json` names it


def test_markdown(git_repo, cli):
    root = git_repo()
    write(root, SEMINAR_FILE, SEMINAR)
    result = cli(["diff", "HEAD", *AS_OF, "-f", "markdown", "--repo", root])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:4] == ["## Thay đổi từ `HEAD` đến bản đang làm việc", "",
                         "Giai đoạn 2025 (18/08/2025 – 31/12/2025), đến ngày 01/10/2025", ""]
    assert "| Đơn vị | Điểm | Yêu cầu thay đổi | Hồ sơ |" in lines
    [row] = [line for line in lines if line.startswith("| Đảng ủy")]
    assert row.startswith("| Đảng ủy Bộ Y tế | 3 → 22 (+19) | 2.1.d ✗ → ✓ Nội dung: điển hình tiên tiến, "
                          "mô hình hiệu quả<br>2.1.f ✗ → ◐ ")
    assert row.endswith("| hoạt động 0 → 1 |")
    assert "1 đơn vị không thay đổi." in lines


def test_english_table(git_repo, cli):
    root = git_repo()
    write(root, SEMINAR_FILE, SEMINAR)
    out = cli(["diff", "HEAD", *AS_OF, "--lang", "en", "--repo", root]).stdout
    # 100 columns (tests/conftest.py): the title and the window fit on one line
    assert out.startswith("Changes from HEAD to the working tree — Phase 2025 (18/08/2025 – 31/12/2025), "
                          "as of 01/10/2025\n")
    assert "  2.1.d ✗ → ✓  Topic: exemplary models and good practice\n" in out
    assert "  3.c   ◐ → ✓  Kept going without gaps\n" in out
    assert "  Records: events 0 → 1\n" in out
    assert "1 unit(s) unchanged.\n" in out
    assert "Thay đổi" not in out and "Hồ sơ" not in out


def test_nothing_changed(git_repo, cli):
    root = git_repo()
    write(root, "README.md", "ghi chú\n")  # a change that is not the tracker's data
    for fmt, said in (("table", "Không có thay đổi nào.\n"), ("markdown", "Không có thay đổi nào.\n")):
        result = cli(["diff", "HEAD", "-f", fmt, "--repo", root])
        assert result.exit_code == 0 and result.stdout.endswith(said), result.output
        assert "không thay đổi" not in result.stdout and "✓ đạt" not in result.stdout
    data = diff_json(cli, root, "HEAD")
    assert data["units"] == [] and data["unchanged"] == 2


# ---------------------------------------------------------------- which two states

def test_two_commits_leave_the_working_tree_out(git_repo, cli):
    root = git_repo()
    write(root, SEMINAR_FILE, SEMINAR)
    commit(root, "seminar")
    product = ("type: product\nunit: dai-truyen-hinh-viet-nam\nkind: reportage\ntitle: Phóng sự\n"
               "published: 2025-09-05\nchannels: [television]\ntopics: [public_services]\n")
    write(root, "activities/dai-truyen-hinh-viet-nam/2025-09-05-phong-su.yaml", product)  # not committed
    committed = diff_json(cli, root, "HEAD~1..HEAD", *AS_OF)
    assert (committed["from_rev"], committed["to_rev"]) == ("HEAD~1", "HEAD")
    assert [u["id"] for u in committed["units"]] == ["bo-y-te"]
    assert moves_of(committed, "bo-y-te") == SEMINAR_MOVES
    worktree = diff_json(cli, root, "HEAD~1", *AS_OF)
    assert [u["id"] for u in worktree["units"]] == ["bo-y-te", "dai-truyen-hinh-viet-nam"]
    assert ("2.1.c", "missing", "met") in moves_of(worktree, "dai-truyen-hinh-viet-nam")
    only_uncommitted = diff_json(cli, root, "HEAD", *AS_OF)
    assert [u["id"] for u in only_uncommitted["units"]] == ["dai-truyen-hinh-viet-nam"]


def test_range_with_three_dots_starts_where_the_branches_meet(git_repo, cli):
    root = git_repo()
    git(root, "checkout", "-q", "-b", "them")
    write(root, SEMINAR_FILE, SEMINAR)
    commit(root, "seminar on a branch")
    git(root, "checkout", "-q", "main")
    write(root, "units.yaml", UNITS + "  - id: bo-noi-vu\n    name: Đảng ủy Bộ Nội vụ\n    kind: ministry\n")
    commit(root, "a unit on main")
    two = diff_json(cli, root, "main..them", *AS_OF)  # main has a unit the branch has not
    assert {u["id"]: u["state_after"] for u in two["units"]} == {"bo-y-te": "active", "bo-noi-vu": "absent"}
    three = diff_json(cli, root, "main...them", *AS_OF)  # from where they meet: only the branch's change
    assert [u["id"] for u in three["units"]] == ["bo-y-te"]
    assert three["from_rev"] == git(root, "merge-base", "main", "them").strip()[:12] and three["to_rev"] == "them"


def test_a_unit_added_and_one_removed(git_repo, cli):
    root = git_repo()
    write(root, "units.yaml", UNITS.replace("  - id: dai-truyen-hinh-viet-nam", "  - id: bo-noi-vu\n"
                                            "    name: Đảng ủy Bộ Nội vụ\n    kind: ministry\n"
                                            "  - id: dai-truyen-hinh-viet-nam").split("  - id: dai-truyen")[0])
    commit(root, "units")
    result = cli(["diff", "HEAD~1..HEAD", *AS_OF, "--repo", root])
    assert result.exit_code == 0, result.output
    units = [line for line in result.stdout.splitlines() if line.startswith("Đảng ủy")]
    width = len("Đảng ủy Đài Truyền hình Việt Nam")  # names padded to the longest
    assert units == ["Đảng ủy Bộ Nội vụ".ljust(width) + "  mới được theo dõi, điểm 3",
                     "Đảng ủy Đài Truyền hình Việt Nam  không còn được theo dõi (điểm trước đó 3)"]
    assert "1 đơn vị không thay đổi." in result.stdout  # Bộ Y tế
    data = diff_json(cli, root, "HEAD~1..HEAD", *AS_OF)
    states = {u["id"]: (u["state_before"], u["state_after"], u["score_before"], u["score_after"], u["moves"])
              for u in data["units"]}
    assert states == {"bo-noi-vu": ("absent", "active", None, 3, []),
                      "dai-truyen-hinh-viet-nam": ("active", "absent", 3, None, [])}


def test_a_unit_transferred(git_repo, cli):
    root = git_repo({SEMINAR_FILE: SEMINAR})
    write(root, "units.yaml", UNITS.replace('    owners: ["@dang-uy/bo-y-te"]\n',
                                            '    owners: ["@dang-uy/bo-y-te"]\n    until: 2025-09-20\n'
                                            "    moved_to: Đảng ủy Bộ Tài chính\n"))
    data = diff_json(cli, root, "HEAD", *AS_OF)
    [unit] = data["units"]
    assert (unit["state_before"], unit["state_after"], unit["score_before"], unit["score_after"]) == (
        "active", "transferred", 22, None)
    assert unit["moves"] == []  # a transferred unit has no requirements: its score says it
    table = cli(["diff", "HEAD", *AS_OF, "--repo", root]).stdout
    assert "Đảng ủy Bộ Y tế  22 → — (đã chuyển)\n" in table


def test_tracker_new_at_the_revision(make_repo, cli, tmp_path):
    """The tracker is a folder of a bigger git repo, and did not exist at REV1: every unit is new."""
    outer = tmp_path / "outer"
    outer.mkdir()
    (outer / "khac.txt").write_text("x")
    git(outer, "init", "-q", "-b", "main")
    commit(outer, "base")
    tracker = outer / "tracker"
    make_repo({SEMINAR_FILE: SEMINAR}).rename(tracker)
    result = cli(["diff", "main", *AS_OF], cwd=tracker)
    assert result.exit_code == 0, result.output
    assert "Tại main chưa có kho theo dõi: mọi đơn vị đều là mới.\n" in result.stdout
    assert "Đảng ủy Bộ Y tế                   mới được theo dõi, điểm 22\n" in result.stdout
    data = diff_json(cli, tracker, "main", *AS_OF)
    assert data["missing_at_from"] == "tracker" and data["from_as_of"] is None
    assert [(u["id"], u["state_before"]) for u in data["units"]] == [
        ("bo-y-te", "absent"), ("dai-truyen-hinh-viet-nam", "absent")]


def test_only_one_unit(git_repo, cli):
    root = git_repo()
    write(root, SEMINAR_FILE, SEMINAR)
    data = diff_json(cli, root, "HEAD", *AS_OF, "--unit", "Y tế")
    assert [u["id"] for u in data["units"]] == ["bo-y-te"] and data["unchanged"] == 0
    other = diff_json(cli, root, "HEAD", *AS_OF, "--unit", "dai-truyen-hinh-viet-nam")
    assert other["units"] == [] and other["unchanged"] == 1
    result = cli(["diff", "HEAD", "--unit", "khong-co", "--repo", root])
    assert result.exit_code == 2 and 'Không có đơn vị "khong-co"' in result.stderr


# ---------------------------------------------------------------- phases

def test_phase_picks_the_window_on_both_sides(git_repo, cli):
    root = git_repo(settings=TWO_PHASES)
    write(root, SEMINAR_FILE, SEMINAR)  # inside 2025
    in_2026 = SEMINAR.replace("2025-09-01", "2026-02-02").replace("Tọa đàm", "Tọa đàm 2026")
    write(root, "activities/bo-y-te/2026-02-02-toa-dam.yaml", in_2026)
    first = diff_json(cli, root, "HEAD", "--phase", "2025", *AS_OF)
    assert first["phase"]["id"] == "2025" and first["phase"]["name"] == "Giai đoạn bứt phá 2025"
    assert moves_of(first, "bo-y-te") == SEMINAR_MOVES  # the 2026 record does not count in 2025
    second = diff_json(cli, root, "HEAD", "--phase", "2026", "--as-of", "2026-03-01")
    assert second["phase"]["id"] == "2026" and second["as_of"] == "2026-03-01" == second["from_as_of"]
    assert second["missing_at_from"] is None
    assert ("2.1.d", "missing", "met") in moves_of(second, "bo-y-te")
    assert [u["counts_after"]["event"] for u in second["units"]] == [1]  # only the 2026 record
    table = cli(["diff", "HEAD", "--phase", "2026", "--as-of", "2026-03-01", "--repo", root]).stdout
    assert table.startswith("Thay đổi từ HEAD đến bản đang làm việc\n"
                            "Năm tăng tốc 2026 (01/01/2026 – 31/12/2026), đến ngày 01/03/2026\n")


def test_phase_missing_at_the_revision(git_repo, cli):
    root = git_repo({SEMINAR_FILE: SEMINAR})  # one default phase, 2025
    write(root, "dxtrack.yaml", TWO_PHASES)       # phases added since
    data = diff_json(cli, root, "HEAD", "--phase", "2026", "--as-of", "2026-03-01")
    assert data["missing_at_from"] == "phase"
    assert data["from_as_of"] == "2025-12-31"  # the before side in its own (2025) phase, as far as it goes
    table = cli(["diff", "HEAD", "--phase", "2026", "--as-of", "2026-03-01", "--repo", root]).stdout
    assert ("Tại HEAD chưa có giai đoạn “Năm tăng tốc 2026”: bên trước được tính theo “Giai đoạn 2025”, "
            "đến ngày 31/12/2025.") in " ".join(table.splitlines())


def test_unknown_phase_is_exit_2(git_repo, cli):
    root = git_repo(settings=TWO_PHASES)
    result = cli(["diff", "HEAD", "--phase", "2030", "--repo", root])
    assert result.exit_code == 2
    assert result.stderr.startswith('Lỗi: Không có giai đoạn "2030" trong dxtrack.yaml')


# ---------------------------------------------------------------- the comparison is the job summary's

def test_diff_and_the_job_summary_list_the_same_moves(git_repo, cli, tmp_path):
    root = git_repo()
    write(root, SEMINAR_FILE, SEMINAR)
    summary = tmp_path / "summary.md"
    cli(["check", "--changed-since", "main", "--repo", root], env={"GITHUB_STEP_SUMMARY": str(summary)})
    listed = [line for line in summary.read_text(encoding="utf-8").splitlines() if line.startswith("- ")]
    table = cli(["diff", "main", "--repo", root]).stdout  # the same day: the summary's is the default one
    shown = [line.strip() for line in table.splitlines() if re.match(r"  [123]\.", line)]
    summary_moves = [line.split(" — ", 1)[1].split(" (")[0] for line in listed if "điểm" not in line]
    assert summary_moves and summary_moves == [" ".join(line.split()[:4]) for line in shown]
    score = next(line for line in listed if " — điểm " in line)
    assert score.split(" — điểm ")[1] in next(line for line in table.splitlines() if line.startswith("Đảng ủy"))


def test_api_diff_takes_a_folder(git_repo):
    from datetime import date

    from dxtrack import api

    root = git_repo()
    write(root, SEMINAR_FILE, SEMINAR)
    delta = api.diff(root, "HEAD", as_of=date(2025, 10, 1))
    assert [(u.id, u.score_before, u.score_after) for u in delta.changed] == [("bo-y-te", 3, 22)]
    assert [(m.id, m.before, m.after) for m in delta.changed[0].moves] == SEMINAR_MOVES
    assert delta.to_rev is None and delta.unchanged == 1


# ---------------------------------------------------------------- what is refused

def test_bad_ref_is_exit_2(git_repo, cli):
    root = git_repo()
    result = cli(["diff", "khong-co-nhanh", "--repo", root])
    assert result.exit_code == 2
    assert result.stderr.startswith('Lỗi: dxtrack diff: không có phiên bản "khong-co-nhanh" trong kho git này.')
    assert "fatal" not in result.stderr and "--changed-since" not in result.stderr
    en = cli(["--lang", "en", "diff", "HEAD..khong-co-nhanh", "--repo", root])
    assert en.exit_code == 2
    assert en.stderr.startswith('Error: dxtrack diff: there is no revision "khong-co-nhanh" in this git repository.')


@pytest.mark.parametrize("ref", ["--output=x.tar", "-p", "HEAD..--output=x.tar"])
def test_ref_that_looks_like_an_option_reaches_no_git(git_repo, cli, ref, tmp_path):
    root = git_repo()
    result = cli(["diff", "--repo", root, "--", ref], cwd=root)
    assert result.exit_code == 2
    shown = ref.split("..")[-1]
    assert f'không có phiên bản "{shown}"' in result.stderr
    assert not (root / "x.tar").exists() and not (tmp_path / "x.tar").exists()


def test_an_option_typed_as_a_revision_is_a_usage_error(git_repo, cli):
    root = git_repo()
    result = cli(["diff", "--output=x.tar", "--repo", root], cwd=root)
    assert result.exit_code == 2 and "--output" in result.stderr
    assert not (root / "x.tar").exists()


@pytest.mark.parametrize("text", ["HEAD..", "..HEAD", "HEAD...", "...HEAD", ".."])
def test_a_range_with_an_empty_side(git_repo, cli, text):
    root = git_repo()
    result = cli(["diff", text, "--repo", root])
    assert result.exit_code == 2
    assert result.stderr.startswith(f'Lỗi: "{text}" thiếu một phiên bản: viết REV1..REV2')


def test_not_a_git_repo(make_repo, cli):
    root = make_repo()
    if subprocess.run(["git", "-C", str(root), "rev-parse"], capture_output=True).returncode == 0:
        pytest.skip("the temporary folder is inside a git repository")
    result = cli(["diff", "main", "--repo", root])
    assert result.exit_code == 2
    assert result.stderr == (f"Lỗi: dxtrack diff chỉ dùng được trong một kho git, mà {root} "
                             "không nằm trong kho git nào.\n")


def test_no_tracker_at_rev2(make_repo, cli, tmp_path):
    outer = tmp_path / "outer"
    outer.mkdir()
    (outer / "khac.txt").write_text("x")
    git(outer, "init", "-q", "-b", "main")
    commit(outer, "base")
    tracker = outer / "tracker"
    make_repo().rename(tracker)
    commit(outer, "tracker")
    result = cli(["diff", "HEAD..HEAD~1"], cwd=tracker)
    assert result.exit_code == 2
    assert result.stderr == "Lỗi: Tại phiên bản HEAD~1 chưa có kho theo dõi (dxtrack.yaml) ở thư mục này.\n"


def test_tracker_broken_at_the_revision(git_repo, cli):
    root = git_repo(units="units:\n  - id: Bo Y Te\n    name: X\n    kind: ministry\n")
    write(root, "units.yaml", UNITS)
    result = cli(["diff", "HEAD", "--repo", root])
    assert result.exit_code == 2
    assert result.stderr.startswith("Lỗi: Tại phiên bản HEAD, dxtrack.yaml hoặc units.yaml có lỗi")
    broken_now = cli(["diff", "HEAD..HEAD", "--repo", root])  # the same revision on both sides
    assert broken_now.exit_code == 2 and "Tại phiên bản HEAD," in broken_now.stderr


def test_working_tree_broken(git_repo, cli):
    root = git_repo()
    write(root, "units.yaml", "units:\n  - id: Bo Y Te\n    name: X\n    kind: ministry\n")
    result = cli(["diff", "HEAD", "--repo", root])
    assert result.exit_code == 2
    assert result.stderr.startswith("Lỗi: Không đọc được units.yaml; chạy `dxtrack check` để xem lỗi.")


# ---------------------------------------------------------------- layout

def test_table_fits_80_columns(git_repo, cli):
    long_names = UNITS.replace("Đảng ủy Bộ Y tế", "Đảng ủy Tập đoàn Công nghiệp Than – Khoáng sản Việt Nam và "
                                                   "các đơn vị thành viên trực thuộc")
    root = git_repo(units=long_names)
    write(root, SEMINAR_FILE, SEMINAR)
    write(root, "dxtrack.yaml", TWO_PHASES)
    out = cli(["diff", "HEAD", "--phase", "2026", "--as-of", "2026-03-01", "--repo", root],
              env={"COLUMNS": "80"}).stdout
    assert max(cell_len(line) for line in out.splitlines()) <= 80, out
    assert "Tại HEAD chưa có giai đoạn" in out  # wrapped, not cut
    assert not any(line.endswith("…") for line in out.splitlines() if "giai đoạn" in line)


def test_sample_banner(git_repo, cli):
    root = git_repo(settings=SETTINGS.replace("sample: false", "sample: true"))
    write(root, SEMINAR_FILE, SEMINAR)
    assert cli(["diff", "HEAD", "--repo", root]).stdout.startswith(" DỮ LIỆU MINH HỌA")
    assert cli(["diff", "HEAD", "-f", "markdown", "--repo", root]).stdout.startswith("> **DỮ LIỆU MINH HỌA")
    assert diff_json(cli, root, "HEAD")["sample"] is True
