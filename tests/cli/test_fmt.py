"""`dxtrack fmt`: labels → codes, NFC, everything else kept byte for byte."""

from __future__ import annotations

import unicodedata

EVENT = """\
# ghi chú đầu tệp
type: event
unit: bo-y-te
kind: "Hội nghị quán triệt"   # nhãn, không phải mã
title: Hội nghị   quán triệt
date: 2025-09-01

mode: trực tuyến
topics: [ý nghĩa, 'Kế hoạch 02', plan02]
audiences:
  - đảng viên    # chú thích trong danh sách
  - Người lao động
"""

EVENT_FORMATTED = """\
# ghi chú đầu tệp
type: event
unit: bo-y-te
kind: dissemination   # nhãn, không phải mã
title: Hội nghị   quán triệt
date: 2025-09-01

mode: online
topics: [significance, plan02, plan02]
audiences:
  - party_members    # chú thích trong danh sách
  - workers
"""

REL = "activities/bo-y-te/2025-09-01-hoi-nghi.yaml"


def test_fmt_rewrites_labels_keeps_the_rest(make_repo, cli):
    root = make_repo({REL: EVENT})
    result = cli(["fmt", "--repo", root])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"đã chuẩn hóa {REL}\n1 tệp được chuẩn hóa, 2 tệp đã chuẩn.\n"
    assert (root / REL).read_text(encoding="utf-8") == EVENT_FORMATTED
    again = cli(["fmt", "--check", "--repo", root])
    assert again.exit_code == 0
    assert again.stdout == "0 tệp cần chuẩn hóa (chạy `dxtrack fmt`), 3 tệp đã chuẩn.\n"


def test_fmt_check_lists_and_writes_nothing(make_repo, cli):
    root = make_repo({REL: EVENT})
    result = cli(["fmt", "--check", "--repo", root])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"cần chuẩn hóa {REL}"
    assert (root / REL).read_text(encoding="utf-8") == EVENT


def test_fmt_nfc_and_bom(make_repo, cli):
    nfd = unicodedata.normalize("NFD", EVENT_FORMATTED)
    root = make_repo({REL: b"\xef\xbb\xbf" + nfd.encode("utf-8")})
    warned = cli(["check", "--repo", root])
    assert "DX112" in warned.stdout and "DX113" in warned.stdout
    assert cli(["fmt", "--repo", root]).exit_code == 0
    assert (root / REL).read_bytes() == EVENT_FORMATTED.encode("utf-8")
    clean = cli(["check", "--repo", root])
    assert clean.stdout == "Không có lỗi trong 3 tệp.\n"


def test_fmt_plan_and_units_fields(make_repo, cli):
    units = "units:\n  - id: bo-y-te\n    name: Đảng ủy Bộ Y tế\n    kind: Bộ    # loại\n"
    plan = ("unit: bo-y-te\ntitle: Kế hoạch\naudiences: [công chức, viên chức]\n"
            "tasks:\n  - id: t1\n    title: Tọa đàm\n    topics: [điển hình]\n"
            "reviews:\n  - kind: sơ kết\n    due: 2025-10-31\n")
    root = make_repo({"plans/bo-y-te.yaml": plan}, units=units)
    assert cli(["fmt", "--repo", root]).exit_code == 0
    assert (root / "units.yaml").read_text(encoding="utf-8").endswith("    kind: ministry    # loại\n")
    assert (root / "plans/bo-y-te.yaml").read_text(encoding="utf-8") == (
        "unit: bo-y-te\ntitle: Kế hoạch\naudiences: [civil_servants, public_employees]\n"
        "tasks:\n  - id: t1\n    title: Tọa đàm\n    topics: [models]\n"
        "reviews:\n  - kind: preliminary_review\n    due: 2025-10-31\n")


def test_fmt_product_and_channel_kinds(make_repo, cli):
    product = ("type: product\nunit: bo-y-te\nkind: phóng sự\ntitle: P\npublished: 2025-09-20\n"
               "channels: [truyền hình, Báo điện tử]\n")
    channel = ("type: channel\nunit: bo-y-te\nkind: chuyên mục\ntitle: C\noutlet: trang thông tin điện tử\n"
               "started: 2025-09-01\ncadence_days: 7\n")
    root = make_repo({"activities/bo-y-te/p.yaml": product, "activities/bo-y-te/c.yaml": channel})
    assert cli(["fmt", "--repo", root]).exit_code == 0
    assert "kind: reportage\n" in (root / "activities/bo-y-te/p.yaml").read_text(encoding="utf-8")
    assert "channels: [television, online_press]\n" in (root / "activities/bo-y-te/p.yaml").read_text(
        encoding="utf-8")
    text = (root / "activities/bo-y-te/c.yaml").read_text(encoding="utf-8")
    assert "kind: section\n" in text and "outlet: website\n" in text


def test_fmt_leaves_unknown_values_and_free_text(make_repo, cli):
    text = EVENT_FORMATTED.replace("mode: online", "mode: qua điện thoại").replace(
        "title: Hội nghị   quán triệt", "title: trực tuyến")
    root = make_repo({REL: text})
    result = cli(["fmt", "--check", "--repo", root])
    assert result.exit_code == 0
    assert (root / REL).read_text(encoding="utf-8") == text


def test_fmt_skips_a_file_it_cannot_parse(make_repo, cli):
    broken = "type: event\nkind: hội nghị quán triệt\ntitle: [chưa đóng\n"
    root = make_repo({"activities/bo-y-te/hong.yaml": broken, REL: EVENT})
    result = cli(["fmt", "--repo", root])
    assert result.exit_code == 1
    assert "bỏ qua activities/bo-y-te/hong.yaml:4:1: Lỗi cú pháp YAML" in result.stderr
    assert (root / "activities/bo-y-te/hong.yaml").read_text(encoding="utf-8") == broken
    assert (root / REL).read_text(encoding="utf-8") == EVENT_FORMATTED


def test_fmt_skips_non_utf8(make_repo, cli):
    raw = "kind: hội nghị\n".encode("utf-16")
    root = make_repo({"activities/bo-y-te/u16.yaml": raw})
    result = cli(["fmt", "--repo", root])
    assert result.exit_code == 1
    assert "UTF-16" in result.stderr
    assert (root / "activities/bo-y-te/u16.yaml").read_bytes() == raw


def test_fmt_only_given_paths(make_repo, cli):
    other = "activities/dai-truyen-hinh-viet-nam/2025-09-01-x.yaml"
    root = make_repo({REL: EVENT, other: EVENT.replace("bo-y-te", "dai-truyen-hinh-viet-nam")})
    result = cli(["fmt", "activities/bo-y-te"], cwd=root)
    assert result.exit_code == 0, result.output
    assert (root / REL).read_text(encoding="utf-8") == EVENT_FORMATTED
    assert "kind: \"Hội nghị quán triệt\"" in (root / other).read_text(encoding="utf-8")


def test_fmt_bad_path_is_exit_2(make_repo, cli):
    root = make_repo()
    result = cli(["fmt", "khong-co", "--repo", root], cwd=root)
    assert result.exit_code == 2
    assert 'Không có tệp hay thư mục "khong-co"' in result.stderr


def test_fmt_never_writes_a_file_whose_meaning_would_change(make_repo, cli, monkeypatch):
    """The guard behind every splice: if the rewritten file would not hold the same data
    (codes for labels aside), the file is skipped and left exactly as it was."""
    from dxtrack.write import fmt

    monkeypatch.setattr(fmt, "_replacement", lambda scalar, code: code + "x")
    root = make_repo({REL: EVENT})
    before = (root / REL).read_bytes()
    result = cli(["fmt", "--repo", root])
    assert result.exit_code == 1
    assert "Không chuẩn hóa tự động được tệp này" in result.stderr
    assert (root / REL).read_bytes() == before


def test_block_header_comment_without_space_stays_a_comment():
    from dxtrack.write.fmt import format_bytes

    result = format_bytes(b"type: channel\noutlet: |#note\n  truy\xe1\xbb\x81n h\xc3\xacnh\n", "activities/x/a.yaml", "record")
    assert result.new == b"type: channel\noutlet: television #note\n"


def test_a_comment_right_after_a_quoted_label_stays_a_comment():
    from dxtrack.write.fmt import format_bytes

    raw = "audiences:\n  - 'vien chuc'#ghi chú\n".encode()
    result = format_bytes(raw, "plans/bo-y-te.yaml", "plan")
    assert result.problem is None
    assert result.new.decode() == "audiences:\n  - public_employees #ghi chú\n"
