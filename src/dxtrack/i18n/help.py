"""Help texts of the commands and options, in both languages.

The commands are written with their Vietnamese help; `translate` gives the text in
the language asked for (click's own English texts get Vietnamese too).
"""

from __future__ import annotations

PAIRS: list[tuple[str, str]] = [
    # click and typer's own options
    ("Hiện hướng dẫn này rồi thoát.", "Show this message and exit."),
    ("Cài tính năng tự hoàn thành lệnh cho shell đang dùng.", "Install completion for the current shell."),
    ("In đoạn mã tự hoàn thành lệnh cho shell đang dùng, để chép hoặc sửa.",
     "Show completion for the current shell, to copy it or customize the installation."),
    # global options and the app
    ("dxtrack — theo dõi thực hiện Công văn 380-CV/ĐU.", "dxtrack — track Công văn 380-CV/ĐU."),
    ("In số phiên bản rồi thoát.", "Print the version and exit."),
    ("Ngôn ngữ: vi (mặc định) hoặc en; cũng đặt được bằng DXTRACK_LANG.",
     "Language: vi (default) or en; DXTRACK_LANG works too."),
    ("Thư mục kho theo dõi (mặc định: tìm dxtrack.yaml từ thư mục hiện tại trở lên).",
     "The tracker repo folder (default: the first dxtrack.yaml from here upwards)."),
    ("Đánh giá tại ngày này (YYYY-MM-DD); mặc định hôm nay, không quá ngày kết thúc giai đoạn.",
     "Evaluate as of this date (YYYY-MM-DD); default today, but no later than the phase end."),
]

_TO_EN = {vi: en for vi, en in PAIRS}
_TO_VI = {en: vi for vi, en in PAIRS}


def translate(text: str, lang: str) -> str:
    """`text` (Vietnamese or English) in `lang`; unknown texts are returned as they are."""
    table = _TO_EN if lang == "en" else _TO_VI
    return table.get(text.strip(), text)


def known(text: str) -> bool:
    return text.strip() in _TO_EN or text.strip() in _TO_VI
