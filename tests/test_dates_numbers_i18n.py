"""Counts in prose are grouped as each language writes them: 10.052 tệp, 10,052 files."""

from __future__ import annotations

from dxtrack.i18n import t_in


def test_counts_are_grouped_the_vietnamese_way_in_vietnamese():
    assert t_in("vi", "check.summary_ok", files=10052) == "Không có lỗi trong 10.052 tệp."
    assert t_in("en", "check.summary_ok", files=10052) == "No problems in 10,052 file(s)."
    assert t_in("vi", "check.summary", errors=1, warnings=1200, files=218) == "1 lỗi, 1.200 cảnh báo trong 218 tệp."


def test_numbers_not_asked_to_be_grouped_stay_as_they_are():
    # a line number, a year: never grouped
    assert "dòng 1234" in t_in("vi", "DX103", key="title", first=1234)
    assert "năm 2025" in t_in("vi", "date.february", year=2025, days=28)
    assert t_in("vi", "status.left_out", count=True).startswith("1 ")  # a bool is no count to group
