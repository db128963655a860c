"""The code lists of SPEC §2.5, each code with its Vietnamese (and English) label.

On input a code may also be written as its label (or an alias), matched without
regard to case, diacritics, punctuation or Unicode normal form (`text.fold`).
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass

from dxtrack.text import fold


@dataclass(frozen=True)
class Code:
    code: str
    vi: str
    en: str
    aliases: tuple[str, ...] = ()


def _codes(*rows) -> dict[str, Code]:
    return {row[0]: Code(*row) for row in rows}


LISTS: dict[str, dict[str, Code]] = {
    "topic": _codes(
        ("significance", "ý nghĩa, tầm quan trọng của chuyển đổi số", "significance of digital transformation",
         ("ý nghĩa", "tầm quan trọng", "lợi ích của chuyển đổi số",
          "ý nghĩa, tầm quan trọng, vai trò, lợi ích của chuyển đổi số liên thông, đồng bộ")),  # SPEC §2.5
        ("plan02", "quan điểm, mục tiêu, nhiệm vụ của Kế hoạch 02", "Plan 02: aims, tasks and progress",
         ("kế hoạch 02", "kế hoạch số 02",
          "quan điểm, mục tiêu, yêu cầu, nhiệm vụ, giải pháp của Kế hoạch 02 và tiến độ")),
        ("public_services", "dịch vụ công trực tuyến toàn trình", "end-to-end online public services",
         ("dịch vụ công", "dịch vụ công trực tuyến",
          "dịch vụ công trực tuyến toàn trình, liên thông; giải pháp công nghệ mới; kết quả đôn đốc")),
        ("models", "điển hình tiên tiến, mô hình hiệu quả", "exemplary models and good practice",
         ("điển hình", "mô hình hiệu quả", "cách làm sáng tạo",
          "điển hình tiên tiến, mô hình hiệu quả, cách làm sáng tạo")),
        ("counter_misinformation", "đấu tranh, phản bác thông tin sai trái", "countering misinformation",
         ("phản bác", "đấu tranh phản bác", "thông tin xấu độc",
          "đấu tranh, phản bác quan điểm sai trái, thông tin xấu độc")),
    ),
    "audience": _codes(
        ("party_committees", "cấp ủy, tổ chức đảng", "party committees", ("cấp ủy",)),
        ("leaders", "người đứng đầu, lãnh đạo", "leaders", ("lãnh đạo", "người đứng đầu")),
        ("party_members", "đảng viên", "party members", ("cán bộ, đảng viên",)),
        ("civil_servants", "công chức", "civil servants"),
        ("public_employees", "viên chức", "public employees"),
        ("workers", "người lao động", "workers", ("lao động",)),
        ("citizens", "người dân", "citizens", ("nhân dân",)),
        ("businesses", "doanh nghiệp", "businesses"),
    ),
    "event_kind": _codes(
        ("dissemination", "hội nghị quán triệt", "dissemination meeting", ("quán triệt",)),
        ("party_cell_session", "sinh hoạt chuyên đề chi bộ", "party-cell session", ("sinh hoạt chi bộ",)),
        ("mass_org_session", "sinh hoạt đoàn thể", "mass-organisation session"),
        ("cultural_event", "hoạt động văn hóa, văn nghệ", "cultural event", ("văn hóa văn nghệ",)),
        ("emulation", "thi đua, khen thưởng", "emulation movement", ("thi đua",)),
        ("training", "tập huấn, bồi dưỡng", "training", ("tập huấn",)),
        ("talkshow", "talkshow", "talk show"),
        ("seminar", "tọa đàm", "seminar"),
        ("online_exchange", "giao lưu trực tuyến", "online exchange"),
        ("coordination", "phối hợp", "coordination"),
        ("inspection", "kiểm tra", "inspection"),
        ("supervision", "giám sát", "supervision"),
        ("preliminary_review", "sơ kết", "preliminary review"),
        ("final_review", "tổng kết", "final review"),
        ("commendation", "biểu dương, nhân rộng mô hình", "commendation", ("biểu dương",)),
    ),
    "product_kind": _codes(
        ("infographic", "infographic", "infographic"),
        ("video_clip", "video clip", "video clip", ("clip", "clip ngắn")),
        ("reportage", "phóng sự", "reportage"),
        ("short_film", "phim ngắn", "short film"),
        ("documentary", "phim tài liệu", "documentary"),
        ("newsletter", "bản tin nội bộ", "internal newsletter", ("bản tin",)),
        ("podcast", "podcast", "podcast"),
        ("article", "bài viết", "article", ("tin bài",)),
        ("talkshow", "talkshow", "talk show"),
    ),
    "outlet": _codes(
        ("print", "báo in", "print press", ("báo giấy",)),
        ("online_press", "báo điện tử", "online press"),
        ("radio", "phát thanh", "radio"),
        ("television", "truyền hình", "television"),
        ("digital_platform", "nền tảng số", "digital platform"),
        ("website", "trang thông tin điện tử", "website", ("cổng thông tin điện tử", "cổng thông tin")),
        ("social", "mạng xã hội", "social media"),
        ("internal", "nội bộ", "internal"),
    ),
    "mode": _codes(
        ("in_person", "trực tiếp", "in person"),
        ("online", "trực tuyến", "online"),
        ("hybrid", "kết hợp trực tiếp và trực tuyến", "hybrid", ("kết hợp",)),
    ),
    "channel_kind": _codes(
        ("dedicated_page", "chuyên trang", "dedicated page"),
        ("section", "chuyên mục", "section"),
        ("article_series", "loạt bài", "article series"),
        ("periodic_newsletter", "bản tin định kỳ", "periodic newsletter"),
    ),
    "unit_kind": _codes(
        ("ministry", "bộ", "ministry", ("bộ, ngành",)),
        ("agency", "cơ quan thuộc Chính phủ", "government agency", ("cơ quan",)),
        ("press", "cơ quan báo chí", "press agency", ("báo chí",)),
        ("enterprise", "doanh nghiệp nhà nước", "state enterprise", ("tập đoàn", "tổng công ty")),
        ("bank", "ngân hàng", "bank"),
        ("other", "khác", "other"),
    ),
    "review_kind": _codes(
        ("inspection", "kiểm tra", "inspection"),
        ("supervision", "giám sát", "supervision"),
        ("preliminary_review", "sơ kết", "preliminary review"),
        ("final_review", "tổng kết", "final review"),
    ),
}

PRESS_OUTLETS = ("print", "online_press", "radio", "television")
DIGITAL_OUTLETS = ("digital_platform", "website", "social")


_LABEL_CHARS = re.compile(r"^[\w\s,.;:!?/&()'’\"“”\-–]+$")  # no YAML marks: #, |, [, {, *


def _index(codes: dict[str, Code]) -> dict[str, str]:
    index: dict[str, str] = {}
    for c in codes.values():
        for name in (c.code, c.vi, c.en, *c.aliases):
            index.setdefault(fold(name), c.code)
        index[fold(c.code)] = c.code
    return index


_INDEX = {name: _index(codes) for name, codes in LISTS.items()}
_LONGEST_NAME = {name: max(map(len, index)) for name, index in _INDEX.items()}


def resolve(list_name: str, value: str) -> str | None:
    """The code for `value` (a code or a label, in any case or normal form), or None."""
    if value in LISTS[list_name]:
        return value
    bare = "".join(c for c in unicodedata.normalize("NFD", value) if not unicodedata.combining(c))
    if not _LABEL_CHARS.match(bare):  # "#print", "print#" are not "print"
        return None
    return _INDEX[list_name].get(fold(value))


@functools.lru_cache(maxsize=4096)
def suggest(list_name: str, value: str) -> str | None:
    """The nearest code to a mistyped value, for "did you mean". Remembered: a file that
    repeats one wrong value in each of 100,000 list items costs one search, not 100,000; and
    a value longer than any label (no typo of one) is not compared at all."""
    index = _INDEX[list_name]
    key = fold(value)
    if len(key) > _LONGEST_NAME[list_name] * 3:  # difflib's ratio is then below 0.5
        return None
    if len(key) >= 3:  # part of a label: "hoi nghi" → "hội nghị quán triệt"
        containing = sorted((name for name in index if key in name), key=len)
        if containing:
            return index[containing[0]]
    close = difflib.get_close_matches(key, list(index), n=1, cutoff=0.6)
    return index[close[0]] if close else None


def label(list_name: str, code: str, lang: str = "vi") -> str:
    entry = LISTS[list_name].get(code)
    if entry is None:
        return code
    return entry.en if lang == "en" else entry.vi


def choices(list_name: str) -> list[str]:
    return list(LISTS[list_name])
