"""The loader: bytes → data + spans, every bad input a finding, never an exception."""

from __future__ import annotations

import os
import threading
import unicodedata

import pytest

from dxtrack.i18n import finding_text
from dxtrack.check.load import MAX_BYTES, Loaded, decode, guess_encoding, load_bytes, load_path, load_text

# TCVN3 (ABC, TCVN 5712:1993 VN3): ĂÂÊÔƠƯĐ at 0xA1–0xA7, ăâêôơưđ at 0xA8–0xAE, the toned
# lowercase letters from 0xB5 ("_" marks the places VN1 gives to capitals, unused in ABC).
# ABC has no toned capitals: they are written with the lowercase code in a capital font.
_TCVN3_FROM_B5 = "àảãáạ_ằẳẵắ_______ặầẩẫấậè_ẻẽéẹềểễếệìỉ___ĩíịò_ỏõóọồổỗốộờởỡớợù_ủũúụừửữứựỳỷỹýỵ"
TCVN3 = {ch: 0xA1 + i for i, ch in enumerate("ĂÂÊÔƠƯĐăâêôơưđ")}
TCVN3.update({ch: 0xB5 + i for i, ch in enumerate(_TCVN3_FROM_B5) if ch != "_"})
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def encode_tcvn3(text: str) -> bytes:
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        out.append(ord(ch) if ord(ch) < 0x80 else TCVN3.get(ch, TCVN3.get(ch.lower())))
    return bytes(out)


def encode_cp1258(text: str) -> bytes:
    """As Windows converts to code page 1258: precomposed where it can, else letter + tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            out += (base + "".join(c for c in parts if c in _TONES)).encode("cp1258")
    return bytes(out)


def encode_as(text: str, encoding: str) -> bytes:
    """`text` in one of the encodings the bad-input table names."""
    special = {"tcvn3": encode_tcvn3, "cp1258": encode_cp1258}
    return special[encoding](text) if encoding in special else text.encode(encoding)


def codes(loaded: Loaded) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in loaded.findings]


RECORD = """\
type: event
unit: bo-y-te
kind: dissemination
title: Hội nghị quán triệt Kế hoạch số 02-KH/BCĐTW về chuyển đổi số
date: 2025-09-05
mode: in_person
note: Đồng chí Bí thư Đảng ủy Bộ chủ trì, các đồng chí trong Ban Thường vụ dự.
"""


def test_tcvn3_table_is_the_abc_one():
    # spot checks against the published TCVN3 table
    assert encode_tcvn3("àáạâđêôơưộịề") == bytes([0xB5, 0xB8, 0xB9, 0xA9, 0xAE, 0xAA, 0xAB, 0xAC, 0xAD,
                                                   0xE9, 0xDE, 0xD2])
    assert len(set(TCVN3.values())) == len(TCVN3) == 14 + 60  # ĂÂÊÔƠƯĐăâêôơưđ, 12 vowels × 5 tones


def test_cp1258_encoder_decomposes_like_windows():
    assert encode_cp1258("á") == b"\xe1"
    assert encode_cp1258("ộ") == b"\xf4\xf2"  # ô + dot below
    assert unicodedata.normalize("NFC", encode_cp1258(RECORD).decode("cp1258")) == RECORD


def test_valid_record_loads_with_spans():
    loaded = load_bytes(RECORD.encode(), "a.yaml")
    assert loaded.findings == []
    assert loaded.data["title"] == "Hội nghị quán triệt Kế hoạch số 02-KH/BCĐTW về chuyển đổi số"
    assert loaded.spans[()] == (1, 1)
    assert loaded.spans[("mode",)] == (6, 1)


def test_dates_stay_text_so_bad_dates_are_findings_later():
    loaded = load_text("date: 2025-02-31\nupdates: [2025-09-01]\n", "a.yaml")
    assert loaded.data == {"date": "2025-02-31", "updates": ["2025-09-01"]}


def test_spans_of_list_items_and_nested_keys():
    text = "tasks:\n  - id: t1\n    title: A\n  - id: t2\n    due: 2025-09-15\nplatforms: [web, zalo]\n"
    spans = load_text(text, "p.yaml").spans
    assert spans[("tasks", 0)] == (2, 5)
    assert spans[("tasks", 1, "due")] == (5, 5)
    assert spans[("platforms", 1)] == (6, 18)


@pytest.mark.parametrize("text, encoding, expected", [
    (RECORD, "tcvn3", "TCVN3 (ABC)"),
    ("title: Hội nghị\n", "tcvn3", "TCVN3 (ABC)"),
    ("title: Nghị quyết về việc kiểm điểm\n", "tcvn3", "TCVN3 (ABC)"),
    ("title: Sinh hoạt chuyên đề chi bộ về dịch vụ công\n", "tcvn3", "TCVN3 (ABC)"),
    ("note: Nhiều điều\n", "tcvn3", "TCVN3 (ABC)"),
    ("title: Ý kiến\n", "tcvn3", "TCVN3 (ABC)"),
    (RECORD, "cp1258", "Windows-1258"),
    ("title: Báo cáo tháng\n", "cp1258", "Windows-1258"),
    ("title: Nghị quyết về việc kiểm điểm\n", "cp1258", "Windows-1258"),
    ("note: Nhiều điều\n", "cp1258", "Windows-1258"),
    ("title: Đảng ủy\n", "cp1258", "Windows-1258"),
])
def test_guess_encoding_of_realistic_vietnamese(text, encoding, expected):
    assert guess_encoding(encode_as(text, encoding)) == expected


def test_guess_encoding_of_other_bytes():
    assert guess_encoding(b"plain ascii") == "ASCII"
    assert guess_encoding(b"\x80\x81\x82 abc") == "Windows-1252 / Latin-1"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_named(encoding):
    text, found = decode(RECORD.encode(encoding), "a.yaml")
    assert text is None
    assert [(f.code, dict(f.params)["encoding"]) for f in found] == [("DX111", "UTF-16")]


def test_short_utf16_with_bom_is_named():
    assert codes(load_bytes("a: 1".encode("utf-16"), "a.yaml")) == [("DX111", 1, 1)]


def test_not_utf8_points_at_the_first_bad_byte():
    loaded = load_bytes(encode_cp1258("unit: bo-y-te\ntitle: Đảng ủy\n"), "a.yaml")
    assert codes(loaded) == [("DX111", 2, 8)]
    assert "Windows-1258" in finding_text(loaded.findings[0])


def test_bom_is_dropped_with_a_warning():
    loaded = load_bytes(b"\xef\xbb\xbfunit: bo-y-te\n", "a.yaml")
    assert loaded.data == {"unit": "bo-y-te"}
    assert codes(loaded) == [("DX112", 1, 1)]
    assert loaded.findings[0].severity == "warning"


def test_non_nfc_is_normalised_with_a_warning():
    loaded = load_text("unit: bo-y-te\ntitle: " + unicodedata.normalize("NFD", "Đảng ủy") + "\n", "a.yaml")
    assert loaded.data["title"] == "Đảng ủy"
    assert unicodedata.is_normalized("NFC", loaded.data["title"])
    assert codes(loaded) == [("DX113", 2, 9)]


def test_bom_and_nfc_warnings_together():
    raw = b"\xef\xbb\xbf" + unicodedata.normalize("NFD", "title: Hội\n").encode()
    assert [f.code for f in load_bytes(raw, "a.yaml").findings] == ["DX112", "DX113"]


def test_size_limit_before_reading(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: 1\n" + b"#" * MAX_BYTES)
    assert codes(load_path(big, "big.yaml")) == [("DX109", 1, 1)]
    assert codes(load_bytes(b"#" * (MAX_BYTES + 1), "big.yaml")) == [("DX109", 1, 1)]
    exactly = b"a: 1\n" + b"#" * (MAX_BYTES - 5)
    assert load_bytes(exactly, "ok.yaml").data == {"a": 1}


def test_links_and_pipes_are_not_read(tmp_path):
    (tmp_path / "repo" / "plans").mkdir(parents=True)
    (tmp_path / "secret.yaml").write_text("type: BI_MAT\n")
    os.symlink(tmp_path / "secret.yaml", tmp_path / "repo" / "plans" / "a.yaml")
    os.symlink(tmp_path / "nowhere.yaml", tmp_path / "repo" / "plans" / "b.yaml")
    fifo = tmp_path / "repo" / "plans" / "c.yaml"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_text, args=("type: event\n",), daemon=True)
    writer.start()  # should the loader open the pipe anyway, it reads this instead of hanging
    try:
        for name in ("a", "b", "c"):
            loaded = load_path(tmp_path / "repo" / "plans" / f"{name}.yaml", f"plans/{name}.yaml")
            assert (loaded.data, codes(loaded)) == (None, [("DX114", 1, 1)])
    finally:
        reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # lets the writer finish
        writer.join()
        os.close(reader)


def test_link_on_the_way_to_the_file(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.yaml").write_text("unit: x\n")
    (tmp_path / "repo").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "repo" / "plans")
    assert codes(load_path(tmp_path / "repo" / "plans" / "a.yaml", "plans/a.yaml")) == [("DX114", 1, 1)]
    # a link above the repo root is not the repo's business
    os.symlink(tmp_path / "real", tmp_path / "via")
    assert load_path(tmp_path / "via" / "a.yaml", "a.yaml").data == {"unit": "x"}


def test_unreadable_path_is_a_finding(tmp_path):
    found = load_path(tmp_path / "nope.yaml", "nope.yaml").findings
    assert [(f.code, f.line) for f in found] == [("DX115", 1)]  # the system refused: not a YAML error


@pytest.mark.parametrize("text, expected", [
    ("a: &x 1\nb: *x\n", ("DX104", 1, 4)),
    ("a: [1]\nb: *x\n", ("DX104", 2, 4)),
    ("base: {a: 1}\nc:\n  <<: {a: 1}\n", ("DX104", 3, 3)),
    ("a: !!python/object:os.system 1\n", ("DX105", 1, 4)),
    ("a: !!binary aGVsbG8=\n", ("DX105", 1, 4)),
    ("a: !local x\n", ("DX105", 1, 4)),
    ("%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n", ("DX105", 3, 4)),
])
def test_anchors_aliases_merge_keys_and_tags_are_refused(text, expected):
    loaded = load_text(text, "a.yaml")
    assert loaded.data is None
    assert codes(loaded) == [expected]


def test_markers_inside_strings_are_fine():
    text = "title: \"Tôi & bạn * 3 <<\"\nnote: 'a !b'\nurl: https://x.vn/#&a\n"
    loaded = load_text(text, "a.yaml")
    assert loaded.findings == []
    assert loaded.data["title"] == "Tôi & bạn * 3 <<"


def test_complex_key_is_refused():
    assert codes(load_text("? [a, b]\n: 1\n", "a.yaml")) == [("DX101", 1, 3)]


def test_non_string_keys_become_text():
    assert load_text("1: a\ntrue: b\n", "a.yaml").data == {"1": "a", "True": "b"}


def test_duplicate_key_names_the_first_line():
    loaded = load_text("unit: a\ntitle: x\n\ntitle: y\n", "a.yaml")
    assert codes(loaded) == [("DX103", 4, 1)]
    assert "dòng 2" in finding_text(loaded.findings[0])


@pytest.mark.parametrize("text, expected", [
    ("", ("DX106", 1, 1)),
    ("   \n\n", ("DX106", 1, 1)),
    ("---\n...\n", ("DX106", 1, 1)),
    ("- a\n- b\n", ("DX107", 1, 1)),
    ("\n\njust text\n", ("DX107", 3, 1)),
    ("42\n", ("DX107", 1, 1)),
])
def test_empty_or_not_a_mapping(text, expected):
    assert codes(load_text(text, "a.yaml")) == [expected]


def test_multiple_documents_are_a_syntax_error():
    loaded = load_text("a: 1\n---\nb: 2\n", "a.yaml")
    assert [f.code for f in loaded.findings] == ["DX101"]
    assert loaded.findings[0].line == 2


def test_depth_limit_allows_what_records_need():
    text = "report:\n  recipients:\n    - name: x\n      evidence:\n        - {url: a}\n"
    assert load_text(text, "a.yaml").findings == []


def test_deep_block_nesting_is_refused():
    text = "".join(" " * i + f"k{i}:\n" for i in range(20)) + " " * 20 + "k: 1\n"
    loaded = load_text(text, "a.yaml")
    assert [f.code for f in loaded.findings] == ["DX108"]
    assert loaded.findings[0].line == 10


def test_deep_flow_nesting_is_refused_before_parsing():
    loaded = load_text("a: " + "[" * 10000 + "]" * 10000 + "\n", "a.yaml")
    assert codes(loaded) == [("DX108", 1, 1)]


def test_tab_indentation():
    assert codes(load_text("a:\n  b: 1\n\tc: 2\n", "a.yaml")) == [("DX102", 3, 1)]
    # a tab between a key and its value is not indentation
    assert load_text("a:\t1\n", "a.yaml").data == {"a": 1}


def test_nul_bytes_and_control_characters():
    assert codes(load_bytes(b"a: 1\x00\x00\n", "a.yaml")) == [("DX110", 1, 1)]
    assert codes(load_bytes(b"a: 1\nb: x\x1by\n", "a.yaml")) == [("DX110", 2, 5)]
    # carriage returns are line ends, not binary
    assert load_bytes(b"a: 1\r\nb: 2\r\n", "a.yaml").data == {"a": 1, "b": 2}


def test_syntax_error_position():
    loaded = load_text("a: 1\nb: [1, 2\nc: 3\n", "a.yaml")
    assert codes(loaded) == [("DX101", 3, 2)]
    assert finding_text(loaded.findings[0]).startswith("Lỗi cú pháp YAML: dấu ngoặc vuông hoặc ngoặc nhọn mở ở phía trên chưa được đóng")


@pytest.mark.parametrize("text, expected, words", [
    ("unit: x\ntitle: A: B\n", ("DX101", 2, 9), "dấu ngoặc kép"),
    ("unit: x\ntitle: 'A\n\n", ("DX101", 2, 8), "chưa được đóng"),
    ("unit: x\ntitle A\nmode: b\n", ("DX101", 2, 1), "thiếu dấu hai chấm"),
    ("unit: x\n- a\n", ("DX101", 2, 1), "thụt lề"),
    ("unit: x\ntitle: `A`\n", ("DX101", 2, 8), "dấu ngoặc kép"),
    ("%FOO bar\n---\na: 1\n", ("DX101", 1, 5), "found unknown directive name"),
])
def test_syntax_errors_in_plain_words(text, expected, words):
    loaded = load_text(text, "a.yaml")
    assert codes(loaded) == [expected]
    assert words in finding_text(loaded.findings[0])


# ---- issue 9: every tab and duplicate key in one run; numbers with thousands dots ------------

def test_every_duplicate_key_of_every_mapping_is_told_and_the_data_kept():
    text = ("title: a\nevidence:\n  - url: https://x.vn/a\n    url: https://x.vn/b\n"
            "title: b\nnote: x\ntitle: c\n")
    loaded = load_text(text, "a.yaml")
    assert codes(loaded) == [("DX103", 4, 5), ("DX103", 5, 1), ("DX103", 7, 1)]
    assert [dict(f.params)["first"] for f in loaded.findings] == [3, 1, 1]
    # the first of each key is kept, so the later checks still run on the file
    assert loaded.data == {"title": "a", "evidence": [{"url": "https://x.vn/a"}], "note": "x"}
    assert loaded.spans[("title",)] == (1, 1)


def test_duplicates_inside_a_left_out_value_are_told_too():
    loaded = load_text("a:\n  b: 1\na:\n  c: 1\n  c: 2\n", "a.yaml")
    assert codes(loaded) == [("DX103", 3, 1), ("DX103", 5, 3)]
    assert loaded.data == {"a": {"b": 1}} and ("a", "c") not in loaded.spans


def test_every_tab_is_told_with_the_duplicate_keys_beside_it():
    text = "type: event\nevidence:\n\t- url: https://x.vn/a\n\t- url: https://x.vn/b\ntype: product\n"
    loaded = load_text(text, "a.yaml")
    assert codes(loaded) == [("DX102", 3, 1), ("DX102", 4, 1), ("DX103", 5, 1)]
    assert loaded.data is None


def test_tabs_that_break_the_structure_are_told_without_a_guessed_syntax_error():
    loaded = load_text("type: event\n\tunit: bo-y-te\n\tkind: x\n", "a.yaml")
    assert codes(loaded) == [("DX102", 2, 1), ("DX102", 3, 1)]


@pytest.mark.parametrize("written", ["1.000", "80.000", "1.500", "150.000.000"])
def test_a_number_with_thousands_dots_stays_as_written(written):
    loaded = load_text(f"participants: {written}\nlist: [{written}]\nquoted: '{written}'\n", "a.yaml")
    assert loaded.data == {"participants": written, "list": [written], "quoted": written}


@pytest.mark.parametrize("written, value", [("1.5", 1.5), ("1.0", 1.0), ("1000.5", 1000.5), ("12.3456", 12.3456),
                                            ("1000", 1000), ("1,000", "1,000"), ("1 000", "1 000")])
def test_other_numbers_read_as_yaml_reads_them(written, value):
    assert load_text(f"x: {written}\n", "a.yaml").data == {"x": value}


def test_a_number_that_is_none_is_kept_as_text_not_a_crash():
    """`0x_` matches YAML 1.1's integer pattern but is no number: PyYAML's int() raised."""
    loaded = load_bytes(b"a: 0x_\nb: -0b_\nc: 0x1F\n", "x.yaml")
    assert loaded.findings == [] and loaded.data == {"a": "0x_", "b": "-0b_", "c": 31}
