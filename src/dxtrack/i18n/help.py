"""Help texts of the commands and options, in both languages.

The commands are written with their Vietnamese help; `translate` gives the text in
the language asked for (click's own English texts get Vietnamese too).
"""

from __future__ import annotations

import re

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
    ("Giai đoạn (mã trong dxtrack.yaml, ví dụ 2025); mặc định giai đoạn hiện tại.",
     "The phase (its id in dxtrack.yaml, e.g. 2025); default the current phase."),
    # commands
    ("dxtrack — theo dõi thực hiện Công văn 380-CV/ĐU về truyền thông chuyển đổi số.",
     "dxtrack — track Công văn 380-CV/ĐU on digital-transformation communication."),
    ("Kiểm tra dữ liệu của kho theo dõi; mã thoát 1 nếu có lỗi.",
     "Check the tracker repo's data; exit code 1 if there are errors."),
    ("Không dùng bộ nhớ đệm (cache): đọc lại mọi tệp.", "Do not use the cache: read every file again."),
    ("Chỉ báo lỗi trong các tệp, thư mục này (quy tắc liên tệp vẫn áp dụng).",
     "Report only findings in these files or folders (cross-file rules still apply)."),
    ("text | json | github | gitlab | sarif (github tự chọn trong GitHub Actions).",
     "text | json | github | gitlab | sarif (github is chosen by itself in GitHub Actions)."),
    ("Chỉ tính lỗi trong các tệp đổi từ phiên bản git này (tên nhánh, thẻ hay mã commit, ví dụ main).",
     "Count only findings in files changed since this git revision (a branch, tag or commit, e.g. main)."),
    ("Tình hình thực hiện: đơn vị × yêu cầu (✓ đạt, ◐ một phần, ✗ chưa đạt, ⏳ chưa đến hạn, · không áp dụng).",
     "Progress: units × requirements (✓ met, ◐ partial, ✗ missing, ⏳ not due, · n/a)."),
    ("Mã đơn vị (hoặc một phần tên): xem chi tiết một đơn vị.", "A unit id (or part of its name): one unit in detail."),
    ("table | json | csv | markdown | html | xlsx (xlsx cần -o).",
     "table | json | csv | markdown | html | xlsx (xlsx needs -o)."),
    ("Danh mục yêu cầu của Công văn 380-CV/ĐU: mã, tên, trích nguyên văn, đối tượng áp dụng.",
     "The requirement catalog of Công văn 380-CV/ĐU: ids, titles, quoted text, who it binds."),
    ("Chỉ các yêu cầu này (ví dụ 2.1.e 3.c).", "Only these requirements (e.g. 2.1.e 3.c)."),
    ("table | json | markdown.", "table | json | markdown."),
    ("Viết báo cáo kết quả thực hiện (Markdown, .docx theo thể thức văn bản của Đảng, hoặc .pdf qua LibreOffice).",
     "Write the result report (Markdown, .docx in the Party document format, or .pdf through LibreOffice)."),
    ("Báo cáo của một đơn vị (id trong units.yaml).", "The report of one unit (its id in units.yaml)."),
    ("Đầu kỳ báo cáo (YYYY-MM-DD).", "Start of the reporting period (YYYY-MM-DD)."),
    ("Cuối kỳ báo cáo; đánh giá tính đến ngày này.", "End of the reporting period; status as of that day."),
    ("md | docx | pdf (mặc định theo đuôi tệp -o, không có thì md; pdf cần LibreOffice).",
     "md | docx | pdf (default: from the -o file's suffix, else md; pdf needs LibreOffice)."),
    ("Ghi vào tệp .md, .docx hoặc .pdf (.pdf cần cài LibreOffice); md không có -o: in ra màn hình.",
     "Write to this .md, .docx or .pdf file (.pdf needs LibreOffice installed); md without -o: print it."),
    ("Thể thức .docx: hd36 (Hướng dẫn 36-HD/VPTW) hoặc hd05 (Hướng dẫn 05-HD/VPTW, từ 27/5/2026); "
     "mặc định theo ngày ký.",
     "The .docx layout: hd36 (Hướng dẫn 36-HD/VPTW) or hd05 (Hướng dẫn 05-HD/VPTW, from 27/5/2026); "
     "default by the signing date."),
    ("Cho phép thay thế tệp -o đã có.", "Allow replacing an existing -o file."),
    ("Số ký hiệu, ví dụ 12-BC/ĐU.", "Document number, e.g. 12-BC/ĐU."),
    ("Địa danh, ví dụ Hà Nội.", "Place name, e.g. Hà Nội."),
    ("Ngày ký (mặc định hôm nay).", "Signing date (default today)."),
    ("Họ tên người ký.", "The signer's full name."),
    ("Chức vụ người ký: BÍ THƯ, PHÓ BÍ THƯ.", "The signer's title: BÍ THƯ, PHÓ BÍ THƯ."),
    ("Tạo một kho theo dõi mới: cài đặt, đơn vị, thư mục, kiểm tra tự động, README.",
     "Create a new tracker repo: settings, units, folders, CI checks, README."),
    ("Thư mục của kho mới (mặc định: thư mục hiện tại).", "Folder of the new repo (default: the current folder)."),
    ("Cơ quan theo dõi.", "The organisation that tracks."),
    ("Hệ thống CI: github (.github/workflows/dxtrack.yml) hoặc gitlab (.gitlab-ci.yml).",
     "The CI system: github (.github/workflows/dxtrack.yml) or gitlab (.gitlab-ci.yml)."),
    ("Nơi CI, pre-commit và README cài dxtrack: một gói pip, địa chỉ git+https://…@v… hoặc đường dẫn.",
     "Where CI, pre-commit and the README install dxtrack from: a pip package, a git+https://…@v… "
     "address or a path."),
    ("Thêm vào thư mục không trống (tệp đã có vẫn được giữ nguyên).",
     "Add to a non-empty folder (existing files are kept as they are)."),
    ("Chuẩn hóa tệp: nhãn tiếng Việt → mã, Unicode NFC; giữ nguyên chú thích và thứ tự.",
     "Normalise files: Vietnamese labels → codes, Unicode NFC; comments and order kept."),
    ("Chỉ chuẩn hóa các tệp, thư mục này (mặc định: cả kho).",
     "Only these files or folders (default: the whole repo)."),
    ("Chỉ báo tệp nào cần chuẩn hóa (mã thoát 1), không ghi gì.",
     "Only list the files that would change (exit code 1); write nothing."),
    ("Tạo tệp CODEOWNERS từ owners trong units.yaml (và dxtrack.yaml cho ban thư ký).",
     "Make a CODEOWNERS file from the owners in units.yaml (and dxtrack.yaml for the secretariat)."),
    ("Ghi vào tệp này (ví dụ .github/CODEOWNERS) thay vì in ra màn hình.",
     "Write to this file (e.g. .github/CODEOWNERS) instead of printing."),
    ("Ghi đè tệp đã có.", "Replace an existing file."),
    ("Xuất JSON Schema (draft-07) cho trình soạn thảo và check-jsonschema.",
     "Export the JSON Schemas (draft-07) for editors and check-jsonschema."),
    ("Ghi bốn tệp schema vào thư mục này (mặc định: in record.schema.json ra màn hình).",
     "Write the four schema files to this folder (default: print record.schema.json)."),
    ("Schema in ra khi không có --out: dxtrack | units | plan | record.",
     "The schema printed without --out: dxtrack | units | plan | record."),
    ("Cho phép thay thế các tệp schema đã có trong --out.", "Allow replacing schema files already in --out."),
    ("Tạo một bản ghi hay kế hoạch mới, hợp lệ (hỏi các trường còn thiếu khi chạy trong terminal).",
     "Write a new, valid record or plan (asks for missing fields in a terminal)."),
    # dxtrack due
    ("Việc quá hạn và việc đến hạn trong những ngày tới, theo đơn vị (bảng, JSON hoặc lịch .ics).",
     "What is overdue and what falls due in the next days, per unit (table, JSON or an .ics calendar)."),
    ("Số ngày tới cần xem (mặc định 30).", "How many days ahead to look (default 30)."),
    ("Chỉ một đơn vị (mã hoặc một phần tên).", "Only one unit (its id or part of its name)."),
    ("table | json | ics (lịch RFC 5545).", "table | json | ics (an RFC 5545 calendar)."),
    ("Ghi vào tệp này thay vì in ra màn hình.", "Write to this file instead of printing."),
    # dxtrack diff (its --unit shares the pair of due's)
    ("Tình hình thay đổi thế nào giữa hai phiên bản git: yêu cầu đổi trạng thái, điểm, theo đơn vị.",
     "How the status changed between two git revisions: requirements that moved, scores, per unit."),
    ("Phiên bản git để so sánh: REV1 (so với bản đang làm việc) hoặc REV1..REV2.",
     "The git revisions to compare: REV1 (against the working tree) or REV1..REV2."),
    # dxtrack new ...
    ("Một hội nghị, buổi sinh hoạt, chương trình đã tổ chức.", "A meeting, session or programme held."),
    ("Mã đơn vị (id trong units.yaml), ví dụ bo-y-te.", "Unit id (as in units.yaml), e.g. bo-y-te."),
    ("Loại (mã hoặc nhãn tiếng Việt).", "Kind (a code or its Vietnamese label)."),
    ("Tiêu đề.", "Title."),
    ("Ngày (YYYY-MM-DD hoặc dd/mm/yyyy).", "Date (YYYY-MM-DD or dd/mm/yyyy)."),
    ("Hình thức: in_person | online | hybrid.", "Mode: in_person | online | hybrid."),
    ("Nội dung tuyên truyền (lặp lại được): significance, plan02, ...",
     "Topic (repeatable): significance, plan02, ..."),
    ("Đối tượng (lặp lại được): party_members, citizens, ...", "Audience (repeatable): party_members, citizens, ..."),
    ("Số người tham dự.", "Number of participants."),
    ("Lãnh đạo tham dự (lặp lại được).", "A leader taking part (repeatable)."),
    ("Cơ quan phối hợp (lặp lại được).", "A coordination partner (repeatable)."),
    ("Mã nhiệm vụ trong kế hoạch của đơn vị, ví dụ t1.", "Id of a task in the unit's plan, e.g. t1."),
    ("Đường dẫn (http/https).", "Link (http/https)."),
    ("Minh chứng (lặp lại được): https://... hoặc evidence/tệp.",
     "Evidence (repeatable): https://... or evidence/file."),
    ("Ghi chú.", "Note."),
    ("In nội dung tệp ra màn hình, không ghi.", "Print the file instead of writing it."),
    ("Một sản phẩm truyền thông đã đăng, phát.", "A media product published."),
    ("Ngày đăng, phát (YYYY-MM-DD).", "Publication date (YYYY-MM-DD)."),
    ("Kênh (lặp lại được): television, website, ...", "Outlet (repeatable): television, website, ..."),
    ("Số lượt xem.", "Number of views."),
    ("Một chuyên trang, chuyên mục, loạt bài hay bản tin định kỳ được duy trì.",
     "A dedicated page, section, article series or periodic newsletter kept up."),
    ("Loại hình: print | online_press | radio | television | website | social | internal.",
     "Outlet: print | online_press | radio | television | website | social | internal."),
    ("Ngày bắt đầu (YYYY-MM-DD).", "Start date (YYYY-MM-DD)."),
    ("Chu kỳ cập nhật đã cam kết (ngày).", "Promised update interval (days)."),
    ("Ngày cập nhật (lặp lại được).", "An update date (repeatable)."),
    ("Một báo cáo kết quả đã gửi lên cấp trên.", "A result report sent upward."),
    ("Kỳ báo cáo: từ ngày.", "Reporting period: from."),
    ("Kỳ báo cáo: đến ngày.", "Reporting period: to."),
    ("Kế hoạch truyền thông của một đơn vị (plans/<đơn vị>.yaml).", "A unit's communication plan (plans/<unit>.yaml)."),
    ("Số ký hiệu, ví dụ 45-KH/ĐU.", "Document number, e.g. 45-KH/ĐU."),
    ("Ngày ban hành (YYYY-MM-DD).", "Date issued (YYYY-MM-DD)."),
    ("Nhân sự thực hiện.", "Staff."),
    ("Phương tiện.", "Means."),
    ("Kinh phí (đồng).", "Budget (VND)."),
    ("Nền tảng (lặp lại được): website, zalo, ...", "Platform (repeatable): website, zalo, ..."),
    # export xlsx, import
    ("Xuất dữ liệu của kho theo dõi ra bảng tính Excel (xlsx).",
     "Export the tracker's data to an Excel workbook (xlsx)."),
    ("Bảng tính Excel: đơn vị, kế hoạch, nhiệm vụ, mọi bản ghi (mỗi loại một trang); dxtrack import đọc lại.",
     "An Excel workbook: units, plans, plan tasks, every record (a sheet per type); dxtrack import reads it back."),
    ("Tệp .xlsx sẽ ghi (mặc định du-lieu-dxtrack.xlsx, với --template mau-nhap-lieu-dxtrack.xlsx).",
     "The .xlsx file to write (default du-lieu-dxtrack.xlsx; with --template mau-nhap-lieu-dxtrack.xlsx)."),
    ("Mẫu trống để đơn vị điền: danh sách chọn, trang Hướng dẫn giải thích từng cột.",
     "A blank template for a unit to fill in: dropdowns, and a notes sheet explaining each column."),
    ("Nhập bản ghi từ bảng tính Excel: mỗi dòng thành một tệp, như dxtrack new ghi; dòng đã có thì bỏ qua.",
     "Import records from an Excel workbook: each row becomes a file, as dxtrack new writes it; rows already "
     "there are skipped."),
    ("Bảng tính .xlsx (theo mẫu của dxtrack export xlsx).",
     "The .xlsx workbook (in the layout of dxtrack export xlsx)."),
    ("Có dòng lỗi vẫn ghi các dòng đúng (mặc định: có lỗi thì không ghi gì).",
     "Write the good rows even when some are bad (by default nothing is written if any row is bad)."),
    ("Chỉ cho biết sẽ ghi những tệp nào, không ghi.", "Only say which files would be written; write nothing."),
]


_TO_EN = {vi: en for vi, en in PAIRS}
_TO_VI = {en: vi for vi, en in PAIRS}


def translate(text: str, lang: str) -> str:
    """`text` (Vietnamese or English) in `lang`; unknown texts are returned as they are."""
    table = _TO_EN if lang == "en" else _TO_VI
    return table.get(text.strip(), text)


def known(text: str) -> bool:
    return text.strip() in _TO_EN or text.strip() in _TO_VI


# The help formatter's own words: its headings and the usage line's prefix (click writes them in
# English; the formatter is given these instead in Vietnamese mode).
HEADINGS: dict[str, tuple[str, str]] = {
    "Usage: ": ("Cách dùng: ", "Usage: "),
    "Options": ("Tùy chọn", "Options"),
    "Arguments": ("Đối số", "Arguments"),
    "Commands": ("Lệnh", "Commands"),
}

# The placeholders of the usage line: "[OPTIONS]" of every command, "COMMAND [ARGS]..." of a group.
USAGE_OPTIONS = ("[tùy chọn]", "[OPTIONS]")
USAGE_SUBCOMMAND = ("<lệnh> [đối số]...", "COMMAND [ARGS]...")

# What an option's value is (its metavar), by the option's name: `--as-of <ngày>`. An option not
# named here gets one by its type (METAVAR_BY_TYPE), so no type name of Python (`<str>`,
# `<list[Path]>`) reaches the help.
_DATE = ("<ngày>", "<date>")
METAVARS: dict[str, tuple[str, str]] = {
    "--lang": ("vi|en", "vi|en"),
    "--repo": ("<thư mục>", "<folder>"),
    "--as-of": _DATE, "--from": _DATE, "--to": _DATE, "--date": _DATE, "--published": _DATE,
    "--started": _DATE, "--update": _DATE, "--issued": _DATE, "--period-from": _DATE, "--period-to": _DATE,
    "--format": ("<định dạng>", "<format>"),
    "--days": ("<số ngày>", "<days>"),
    "--phase": ("<giai đoạn>", "<phase>"),
    "--changed-since": ("<phiên bản>", "<ref>"),
    "--unit": ("<đơn vị>", "<unit>"),
    "--output": ("<tệp>", "<file>"),
    "--out": ("<thư mục>", "<folder>"),
    "--name": ("<tên>", "<name>"),
    "--organization": ("<tên cơ quan>", "<name>"),
    "--ci": ("github|gitlab", "github|gitlab"),
    "--source": ("<nguồn cài>", "<source>"),
    "--number": ("<số ký hiệu>", "<number>"),
    "--place": ("<địa danh>", "<place>"),
    "--signer": ("<họ tên>", "<name>"),
    "--signer-title": ("<chức vụ>", "<title>"),
    "--kind": ("<loại>", "<kind>"),
    "--title": ("<tiêu đề>", "<title>"),
    "--mode": ("<hình thức>", "<mode>"),
    "--topic": ("<nội dung>", "<topic>"),
    "--audience": ("<đối tượng>", "<audience>"),
    "--participants": ("<số người>", "<number>"),
    "--leader": ("<họ tên>", "<name>"),
    "--partner": ("<cơ quan>", "<partner>"),
    "--plan-task": ("<mã nhiệm vụ>", "<task id>"),
    "--url": ("<đường dẫn>", "<url>"),
    "--evidence": ("<minh chứng>", "<evidence>"),
    "--note": ("<ghi chú>", "<note>"),
    "--channel": ("<kênh>", "<outlet>"),
    "--views": ("<số lượt>", "<number>"),
    "--outlet": ("<loại hình>", "<outlet>"),
    "--cadence-days": ("<số ngày>", "<days>"),
    "--staff": ("<nhân sự>", "<staff>"),
    "--means": ("<phương tiện>", "<means>"),
    "--budget-vnd": ("<số đồng>", "<VND>"),
    "--platform": ("<nền tảng>", "<platform>"),
}
METAVAR_BY_TYPE: dict[str, tuple[str, str]] = {
    "int": ("<số>", "<number>"), "float": ("<số>", "<number>"),
    "path": ("<đường dẫn>", "<path>"), "text": ("<chữ>", "<text>"),
}
# An argument's name in the usage line and its help row, by the parameter's name: `[đơn vị]`.
ARGUMENTS: dict[str, tuple[str, str]] = {
    "paths": ("đường dẫn", "PATH"),
    "unit": ("đơn vị", "UNIT"),
    "ids": ("mã yêu cầu", "ID"),
    "folder": ("thư mục", "DIR"),
    "revisions": ("REV1[..REV2]", "REV1[..REV2]"),
    "file": ("tệp", "FILE"),
}

_EXTRA = re.compile(r"\[(?:default: (?P<default>.*?))?(?:; )?(?P<required>required)?\]$")


def translate_heading(heading: str, lang: str) -> str:
    """A heading of the help formatter (Usage, Options...) in `lang`; others as they are."""
    pair = HEADINGS.get(heading)
    return pair[1 if lang == "en" else 0] if pair else heading


def translate_extra(help_text: str, lang: str) -> str:
    """An option's help with the formatter's trailing `[default: x; required]` in `lang`."""
    if lang == "en":
        return help_text
    match = _EXTRA.search(help_text)
    if not match or not (match.group("default") is not None or match.group("required")):
        return help_text
    parts = ([f"mặc định: {match.group('default')}"] if match.group("default") is not None else []) + (
        ["bắt buộc"] if match.group("required") else [])
    return help_text[:match.start()] + "[" + "; ".join(parts) + "]"


def metavar(opts: list[str], kind: str, lang: str) -> str:
    """What the value of the option named `opts` is, in `lang`; `kind` is its type (int, path, text)."""
    pair = next((METAVARS[o] for o in opts if o in METAVARS), None) or METAVAR_BY_TYPE.get(
        kind, METAVAR_BY_TYPE["text"])
    return pair[1 if lang == "en" else 0]


def argument_name(name: str, lang: str) -> str:
    pair = ARGUMENTS.get(name, ("giá trị", name.upper()))
    return pair[1 if lang == "en" else 0]
