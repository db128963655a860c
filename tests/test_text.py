"""Vietnamese text helpers: NFC, folding, slugs, alphabetical order, dates."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from dxtrack.text import fold, nfc, short_date, slugify, vi_date, vi_sort_key


def test_nfc():
    decomposed = unicodedata.normalize("NFD", "Đảng ủy")
    assert decomposed != "Đảng ủy" and nfc(decomposed) == "Đảng ủy"


@pytest.mark.parametrize("text, folded", [
    ("Hội nghị quán triệt", "hoi nghi quan triet"),
    ("HỘI NGHỊ QUÁN TRIỆT", "hoi nghi quan triet"),
    (unicodedata.normalize("NFD", "hội nghị"), "hoi nghi"),
    ("Đảng ủy Bộ Tài chính", "dang uy bo tai chinh"),
    ("  ý nghĩa,  tầm quan trọng! ", "y nghia tam quan trong"),
    ("in_person", "in person"),
    ("Ư ơ Ă â", "u o a a"),
    ("", ""),
])
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize("text, slug", [
    ("Hội nghị quán triệt", "hoi-nghi-quan-triet"),
    ("Phóng sự \"Dịch vụ công toàn trình: người dân không phải đi lại\"",
     "phong-su-dich-vu-cong-toan-trinh-nguoi-dan-khong-phai-di-lai"),
    ("Đảng ủy Bộ Y tế", "dang-uy-bo-y-te"),
    ("!!!", ""),
])
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_slugify_cuts_at_a_word():
    slug = slugify("Hội nghị quán triệt Kế hoạch số 02-KH/BCĐTW về chuyển đổi số liên thông đồng bộ", max_len=30)
    assert slug == "hoi-nghi-quan-triet-ke-hoach"
    assert slugify("a" * 80, max_len=60) == "a" * 60


def test_vietnamese_alphabetical_order():
    names = ["Đà Nẵng", "Dương", "Ân", "An", "Ăn", "Bắc", "Ông", "Ơn", "Ong", "Uy", "Ưu", "Yên"]
    assert sorted(names, key=vi_sort_key) == ["An", "Ăn", "Ân", "Bắc", "Dương", "Đà Nẵng", "Ong", "Ông", "Ơn",
                                              "Uy", "Ưu", "Yên"]


def test_tones_order_after_letters():
    assert sorted(["mạ", "má", "mã", "mả", "mà", "ma"], key=vi_sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert sorted(["mạc", "mà"], key=vi_sort_key) == ["mà", "mạc"]  # letters decide before tones


def test_unit_names_in_order():
    units = ["Đảng ủy Bộ Y tế", "Đảng ủy Bộ Tài chính", "Đảng ủy Bộ Công an", "Đảng ủy Bộ Công Thương",
             "Đảng ủy Đài Truyền hình Việt Nam", "Đảng ủy Bộ Xây dựng", "Đảng ủy Ngân hàng Nhà nước"]
    assert sorted(units, key=vi_sort_key) == [
        "Đảng ủy Bộ Công an", "Đảng ủy Bộ Công Thương", "Đảng ủy Bộ Tài chính", "Đảng ủy Bộ Xây dựng",
        "Đảng ủy Bộ Y tế", "Đảng ủy Đài Truyền hình Việt Nam", "Đảng ủy Ngân hàng Nhà nước"]


def test_sort_key_ignores_normal_form():
    a, b = "Đảng ủy", unicodedata.normalize("NFD", "Đảng ủy")
    assert vi_sort_key(a)[:2] == vi_sort_key(b)[:2]


@pytest.mark.parametrize("day, text", [
    (date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
    (date(2026, 1, 15), "ngày 15 tháng 01 năm 2026"),
    (date(2025, 8, 18), "ngày 18 tháng 8 năm 2025"),
    (date(2025, 12, 3), "ngày 03 tháng 12 năm 2025"),
])
def test_vi_date(day, text):
    assert vi_date(day) == text


def test_short_date():
    assert short_date(date(2026, 2, 5)) == "05/02/2026"
    assert short_date(None) == "—"


def test_fold_is_its_definition_for_every_character():
    """fold drops the marks of U+0300–U+036F with one regex where it can: the same as its
    definition — after NFKD and case folding, every mark on a Latin letter (or on no letter)
    dropped, every letter and digit kept (a letter of another script with its own marks),
    anything else a space — for every character of the first two planes."""
    import unicodedata

    from dxtrack.text import fold

    def by_definition(text: str) -> str:
        def bare(text: str, words: bool) -> str:
            out, base = [], ""
            for c in text:
                if unicodedata.category(c).startswith("M"):
                    latin = base.isascii() or unicodedata.name(base, "").startswith("LATIN ")
                    out.append(c if base.isalpha() and not latin else "")
                else:
                    base = c if c.isalnum() else ""
                    out.append(c if c.isalnum() or not words else " ")
            return "".join(out)

        text = text.replace("đ", "d").replace("Đ", "D").replace("\u00d0", "D").replace("\u00f0", "d")
        text = unicodedata.normalize("NFKD", bare(unicodedata.normalize("NFKD", text), False).casefold())
        return " ".join(bare(text, True).split())

    chars = "".join(chr(c) for c in range(0x80, 0x20000) if not 0xD800 <= c < 0xE000)
    for start in range(0, len(chars), 5):
        chunk = "a" + chars[start:start + 5] + "b"
        assert fold.__wrapped__(chunk) == by_definition(chunk), repr(chunk)
    for text in ["Hội nghị quán triệt", "x\u0301\u034fy", "straße", "ĐẢNG ỦY", "\u0300\u034f\u0301", "Ban (КОПИЯ 假)"]:
        assert fold(text) == by_definition(text)
