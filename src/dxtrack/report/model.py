"""The report as plain data: what both renderers (Markdown, .docx) lay out.

Blocks are small dataclasses told apart by `kind`, so a Jinja2 template can
dispatch on `block.kind` and the .docx renderer through a registry.
A table cell is a str, a Link (text with an address) or a Mark (a status). Links appear
only in the appendices (the list of records); the .docx prints them as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True)
class Mark:
    status: str          # one of dxtrack.status.STATUSES


@dataclass
class Para:
    text: str
    style: str = "body"  # body | bullet | subheading | lead (a bold lead-in line) | note
    kind: str = "para"


@dataclass
class Table:
    headers: list[str]
    rows: list[list]                 # cells: str | Link | Mark
    widths: list[float]              # relative column widths
    centre: tuple[int, ...] = ()     # columns whose cells are centred
    kind: str = "table"


@dataclass
class Legend:
    """The key to the status marks (each renderer shows its own symbols)."""

    labels: dict[str, str]           # status → its words
    title: str = ""
    kind: str = "legend"


@dataclass
class Bars:
    """Score bars: one row per unit (name, score 0–100)."""

    headers: list[str]               # unit, bar, score
    rows: list[tuple[str, int]]
    kind: str = "bars"


@dataclass
class Section:
    heading: str
    blocks: list = field(default_factory=list)
    note: str = ""                   # a line under the heading: "(Kèm theo Báo cáo số …)" of an appendix


@dataclass
class Header:
    superior_body: str               # may be empty
    issuing_body: str
    number_line: str                 # "Số 12-BC/ĐU"
    party: str                       # "ĐẢNG CỘNG SẢN VIỆT NAM"
    place_date: str                  # "Hà Nội, ngày 05 tháng 02 năm 2026"
    title: str                       # "BÁO CÁO"
    subject: str
    period: str


@dataclass
class Closing:
    recipients_label: str
    recipients: list[str]            # upward first ("(để b/c)"), the last "- Lưu Văn phòng Đảng ủy."
    authority: str                   # "T/M BAN THƯỜNG VỤ"
    signer_title: str                # "BÍ THƯ"
    signer: str                      # a line of dots when not set: written in by hand


@dataclass
class ReportData:
    lang: str
    banner: str | None               # "DỮ LIỆU MINH HỌA" for sample data
    banner_note: str
    header: Header
    intro: str
    sections: list[Section]
    ending: str
    closing: Closing
    legend_symbols: dict[str, str] = field(default_factory=dict)  # status → symbol (Markdown)
    # after the closing, each on a new page: "Phụ lục 1. …" (the tables of the report)
    appendices: list[Section] = field(default_factory=list)
    # the settings left blank in the header and closing, among "number", "signer", "signer_title"
    # (the report shows a visible blank for each; the CLI names them)
    blanks: tuple[str, ...] = ()
