"""JSON Schemas (draft-07, for yaml-language-server and check-jsonschema) of every file kind.

They say yes where `dxtrack check` says yes and no where it says no, as far as draft-07 can
(tests/test_schema_agreement.py lists what only `check` can tell):

- a code field offers the codes for completion (`enum`, each with its label in
  `enumDescriptions`; codes hold no comma, so completing one inside `[...]` keeps the list
  whole) and accepts any other text too (`anyOf`), since `check` takes a label in any case,
  with or without diacritics, in NFD, in English, or an alias (`codes.resolve`), which no
  finite list spells out;
- a date is a day that exists, YYYY-MM-DD (the only form `check` takes; dd/mm/yyyy gets a
  hint there and is refused here): months of 30 and 31 days, 29 February only in a leap year
  of the Gregorian calendar (a year divisible by 4, not by 100 unless by 400: a pattern can
  say it, through the last two digits and the first two), years 0001 to 9999;
- a record's `type` picks its schema (`if`/`then`), so a wrong value of `type` is one error,
  and a record of no known type is checked as `check` checks it: the fields any record may have;
- text takes a number too (`check` reads `title: 2025` as the text "2025"), not blanks alone;
- titles and descriptions in Vietnamese, then English; error texts (`errorMessage`, which
  yaml-language-server and VS Code show instead of their own) in Vietnamese.

Words are data here, as the labels of `models.codes` are: a schema holds both languages at once.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from dxtrack.models import Plan, Record, Settings, UnitsFile, codes, types
from dxtrack.models.records import RECORD_TYPES
from dxtrack.text import fold

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
_BASE_URL = "https://dxtrack.example/schemas/"
SCHEMA_FILES: dict[str, tuple[type[BaseModel] | None, str]] = {
    "dxtrack.schema.json": (Settings, "settings"),
    "units.schema.json": (UnitsFile, "units"),
    "plan.schema.json": (Plan, "plan"),
    "record.schema.json": (None, "record"),
}

# key → (Vietnamese, English): file titles (file.*), definitions (def.*), fields (field.<name>,
# or field.<Definition>.<name> where one definition means something of its own), error texts
_WORDS: dict[str, tuple[str, str]] = {
    "file.settings": ("dxtrack.yaml — cài đặt của kho theo dõi", "dxtrack.yaml — the tracker's settings"),
    "file.units": ("units.yaml — các đảng ủy trực thuộc được theo dõi", "units.yaml — the party committees tracked"),
    "file.plan": ("plans/<đơn vị>.yaml — kế hoạch truyền thông của một đơn vị",
                         "plans/<unit>.yaml — a unit's communication plan"),
    "file.record": ("activities/<đơn vị>/*.yaml — hoạt động, sản phẩm, chuyên mục, báo cáo",
                           "activities/<unit>/*.yaml — an event, product, channel or report"),
    "def.Event": ("Hoạt động (hội nghị, sinh hoạt, tập huấn…)", "An event (meeting, session, training…)"),
    "def.Product": ("Sản phẩm truyền thông (phóng sự, video, bài viết…)",
                           "A media product (reportage, video, article…)"),
    "def.Channel": ("Chuyên trang, chuyên mục hay loạt bài cập nhật định kỳ",
                           "A page, section or series updated regularly"),
    "def.Report": ("Báo cáo kết quả của đơn vị", "A unit's result report"),
    "def.AnyRecord": ("Bản ghi chưa rõ loại: ghi \"type\" là event, product, channel hoặc report",
                             "A record of no known type: set \"type\" to event, product, channel or report"),
    "def.Evidence": ("Minh chứng: một đường dẫn (url) hoặc một tệp trong kho (file), không cả hai",
                            "Evidence: a link (url) or a file in the repo (file), not both"),
    "def.Period": ("Kỳ báo cáo: từ ngày (from) đến ngày (to)", "Reporting period: from and to"),
    "def.Resources": ("Nguồn lực thực hiện kế hoạch", "Resources of the plan"),
    "def.Task": ("Một nhiệm vụ của kế hoạch", "A task of the plan"),
    "def.Review": ("Một lần kiểm tra, giám sát, sơ kết hay tổng kết", "An inspection, supervision or review"),
    "def.Unit": ("Một đảng ủy trực thuộc", "A subordinate party committee"),
    "def.PhaseSetting": ("Một giai đoạn của Kế hoạch 02", "A phase of Plan 02"),
    "def.Thresholds": ("Các ngưỡng đánh giá (số ngày, số loại sản phẩm)",
                              "Evaluation thresholds (days, kinds of products)"),
    "def.ReportSettings": ("Phần đầu và phần cuối của báo cáo kết quả (dxtrack report); đều không bắt buộc",
                                  "Header and closing of the result report (dxtrack report); all optional"),
    "type.event": ("hoạt động", "event"),
    "type.product": ("sản phẩm truyền thông", "media product"),
    "type.channel": ("chuyên trang, chuyên mục, loạt bài", "page, section or series"),
    "type.report": ("báo cáo kết quả", "result report"),
    "codes": ("Ghi mã (gợi ý khi gõ) hoặc nhãn tiếng Việt, tiếng Anh, không phân biệt hoa thường, dấu: {pairs}",
                     "A code (offered as you type) or its Vietnamese or English label, in any case"),
    "error.date": ("Ngày phải có thật và viết dạng YYYY-MM-DD, ví dụ 2025-09-05",
                          "A date must exist and be written YYYY-MM-DD, e.g. 2025-09-05"),
    "error.url": ("Đường dẫn phải bắt đầu bằng http:// hoặc https:// và không chứa dấu cách, <, >, \" hay \\",
                         "A link must start with http:// or https:// and hold no space, <, >, \" or \\"),
    "error.slug": ("Chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ bo-y-te",
                          "Only lower-case letters without accents, digits and hyphens, e.g. bo-y-te"),
    "error.owner": ("Ghi @tổ-chức/nhóm, @tên-người-dùng hoặc một địa chỉ e-mail",
                           "Write @org/team, @user or an e-mail address"),
    "error.text": ("Không được để trống", "Must not be empty"),
    "error.evidence": ("Ghi url hoặc file, một trong hai", "Give url or file, one of the two"),
    "field.type": ("Loại bản ghi: event (hoạt động), product (sản phẩm), channel (chuyên trang, chuyên mục), "
                   "report (báo cáo)", "Record type: event, product, channel or report"),
    "field.unit": ("Mã đơn vị (id trong units.yaml), ví dụ bo-y-te", "Unit id (from units.yaml), e.g. bo-y-te"),
    "field.title": ("Tiêu đề", "Title"),
    "field.kind": ("Hình thức", "Kind"),
    "field.Unit.kind": ("Loại đơn vị", "Kind of unit"),
    "field.Review.kind": ("Loại: kiểm tra, giám sát, sơ kết, tổng kết",
                                 "Kind: inspection, supervision, preliminary or final review"),
    "field.date": ("Ngày, dạng YYYY-MM-DD", "Date, YYYY-MM-DD"),
    "field.Event.date": ("Ngày tổ chức, dạng YYYY-MM-DD", "Date held, YYYY-MM-DD"),
    "field.Report.date": ("Ngày báo cáo, dạng YYYY-MM-DD", "Date of the report, YYYY-MM-DD"),
    "field.mode": ("Cách tổ chức: trực tiếp, trực tuyến hay kết hợp", "How it was held: in person, online or hybrid"),
    "field.topics": ("Nội dung tuyên truyền (mã chủ đề)", "Topics covered (topic codes)"),
    "field.audiences": ("Đối tượng tuyên truyền", "Audiences reached"),
    "field.participants": ("Số người tham dự", "Number of participants"),
    "field.leaders": ("Lãnh đạo dự, chủ trì", "Leaders who attended or chaired"),
    "field.partners": ("Cơ quan, đơn vị phối hợp", "Partner bodies"),
    "field.plan_task": ("Mã nhiệm vụ trong kế hoạch của đơn vị (id của tasks)",
                               "Id of a task in the unit's plan"),
    "field.evidence": ("Minh chứng: đường dẫn hoặc tệp trong thư mục evidence/",
                              "Evidence: links or files under evidence/"),
    "field.note": ("Ghi chú", "Note"),
    "field.published": ("Ngày đăng, phát sóng, dạng YYYY-MM-DD", "Date published or aired, YYYY-MM-DD"),
    "field.channels": ("Kênh đăng, phát (ít nhất một)", "Outlets it appeared on (at least one)"),
    "field.url": ("Đường dẫn http(s)", "An http(s) link"),
    "field.metrics": ("Số liệu lượt xem, thích, chia sẻ…: tên → số nguyên",
                             "Views, likes, shares…: name → whole number"),
    "field.outlet": ("Kênh", "Outlet"),
    "field.started": ("Ngày bắt đầu, dạng YYYY-MM-DD", "Date started, YYYY-MM-DD"),
    "field.cadence_days": ("Cập nhật ít nhất mỗi bao nhiêu ngày", "Updated at least every so many days"),
    "field.updates": ("Các ngày cập nhật, dạng YYYY-MM-DD", "Dates of updates, YYYY-MM-DD"),
    "field.number": ("Số ký hiệu, ví dụ 12-BC/ĐU", "Document number, e.g. 12-BC/ĐU"),
    "field.period": ("Kỳ báo cáo", "Reporting period"),
    "field.from": ("Từ ngày, dạng YYYY-MM-DD", "From, YYYY-MM-DD"),
    "field.to": ("Đến ngày, dạng YYYY-MM-DD", "To, YYYY-MM-DD"),
    "field.PhaseSetting.from": ("Ngày đầu giai đoạn (giai đoạn đầu: mặc định ngày ban hành Công văn)",
                                       "First day (the first phase: the directive's date by default)"),
    "field.PhaseSetting.to": ("Ngày cuối giai đoạn", "Last day of the phase"),
    "field.file": ("Đường dẫn tệp trong kho, dưới evidence/", "A path under evidence/ in this repo"),
    "field.issued": ("Ngày ban hành, dạng YYYY-MM-DD", "Date issued, YYYY-MM-DD"),
    "field.resources": ("Nguồn lực: nhân sự, phương tiện, kinh phí", "Resources: staff, means, budget"),
    "field.platforms": ("Nền tảng, kênh sử dụng", "Platforms used"),
    "field.tasks": ("Các nhiệm vụ", "Tasks"),
    "field.reviews": ("Các lần kiểm tra, giám sát, sơ kết, tổng kết", "Inspections, supervision and reviews"),
    "field.staff": ("Nhân sự", "Staff"),
    "field.means": ("Phương tiện", "Means"),
    "field.budget_vnd": ("Kinh phí (đồng), số nguyên không dấu chấm", "Budget in đồng, a whole number without dots"),
    "field.id": ("Mã", "Id"),
    "field.Task.id": ("Mã nhiệm vụ (bản ghi trỏ tới bằng plan_task)", "Task id (records name it in plan_task)"),
    "field.Unit.id": ("Mã đơn vị: chữ thường không dấu, số, dấu gạch ngang; cũng là tên thư mục trong activities/",
                             "Unit id [a-z0-9-]+, also its folder under activities/"),
    "field.PhaseSetting.id": ("Mã giai đoạn: chữ thường không dấu, số, dấu gạch ngang; "
                              "số thì đặt trong ngoặc kép: \"2026\"",
                                     "Phase id [a-z0-9-]+, quoted when it is a number: \"2026\""),
    "field.owner": ("Tập thể, cá nhân phụ trách", "Who is responsible"),
    "field.due": ("Hạn, dạng YYYY-MM-DD", "Due date, YYYY-MM-DD"),
    "field.name": ("Tên", "Name"),
    "field.Unit.name": ("Tên đảng ủy, ví dụ Đảng ủy Bộ Tài chính", "Name, e.g. Đảng ủy Bộ Tài chính"),
    "field.PhaseSetting.name": ("Tên giai đoạn, ví dụ Năm tăng tốc 2026", "Phase name, e.g. Năm tăng tốc 2026"),
    "field.owners": ("Người duyệt cho CODEOWNERS: @tổ-chức/nhóm, @tên-người-dùng hoặc e-mail",
                            "Owners for CODEOWNERS: @org/team, @user or an e-mail address"),
    "field.received": ("Ngày nhận Công văn, dạng YYYY-MM-DD", "Date the directive was received, YYYY-MM-DD"),
    "field.until": ("Ngày đơn vị chuyển đi (không còn trực thuộc)", "Date the unit left this organisation"),
    "field.moved_to": ("Nơi đơn vị chuyển đến (cùng với until)", "Where the unit moved (with until)"),
    "field.units": ("Các đảng ủy trực thuộc", "The subordinate party committees"),
    "field.directive": ("Văn bản được theo dõi", "The directive tracked"),
    "field.organization": ("Cơ quan theo dõi, ví dụ Đảng ủy Chính phủ", "Who tracks, e.g. Đảng ủy Chính phủ"),
    "field.report_to": ("Nơi báo cáo kết quả", "Where results are reported"),
    "field.phase_end": ("Ngày kết thúc giai đoạn Kế hoạch 02 (quy tắc 3.d); không dùng cùng phases",
                               "End of the Plan 02 phase (rule 3.d); not with phases"),
    "field.report_due": ("Các hạn nộp báo cáo kết quả, dạng YYYY-MM-DD", "Dates a result report is due"),
    "field.phases": ("Các giai đoạn của Kế hoạch 02, theo thứ tự; thay cho phase_end và report_due",
                            "The phases of Plan 02, in order; instead of phase_end and report_due"),
    "field.thresholds": ("Các ngưỡng đánh giá", "Evaluation thresholds"),
    "field.sample": ("Dữ liệu minh họa: các kết quả xuất ra có dòng cảnh báo",
                            "Illustrative sample data: outputs carry a banner"),
    "field.report": ("Phần đầu, phần cuối của báo cáo kết quả", "Header and closing of the result report"),
    "field.start_within_days": ("Quy tắc 3.a: số ngày từ khi nhận đến hoạt động đầu tiên",
                                       "Rule 3.a: days from receipt to the first activity"),
    "field.max_gap_days": ("Quy tắc 3.c: số ngày dài nhất không có bản ghi nào",
                                  "Rule 3.c: longest stretch without any record"),
    "field.min_product_kinds": ("Quy tắc 2.1.h: số loại sản phẩm truyền thông tối thiểu",
                                       "Rule 2.1.h: least number of kinds of media products"),
    "field.superior_body": ("Cơ quan cấp trên, ví dụ ĐẢNG BỘ CHÍNH PHỦ", "Superior body, e.g. ĐẢNG BỘ CHÍNH PHỦ"),
    "field.unit_superior_body": ("Cơ quan cấp trên ở đầu báo cáo của một đơn vị (--unit)",
                                        "Superior body in the header of a unit's own report (--unit)"),
    "field.issuing_body": ("Cơ quan ban hành, ví dụ ĐẢNG ỦY CHÍNH PHỦ", "Issuing body, e.g. ĐẢNG ỦY CHÍNH PHỦ"),
    "field.ReportSettings.number": ("Số ký hiệu của báo cáo, ví dụ 12-BC/ĐU", "Report number, e.g. 12-BC/ĐU"),
    "field.place": ("Địa danh, ví dụ Hà Nội", "Place, e.g. Hà Nội"),
    "field.signer": ("Người ký", "Signer"),
    "field.signer_title": ("Chức vụ người ký: BÍ THƯ hoặc PHÓ BÍ THƯ", "Signer's title"),
    "field.signing_authority": ("Thẩm quyền ký, ví dụ T/M BAN THƯỜNG VỤ", "Signing authority"),
    "field.recipients": ("Nơi nhận", "Recipients"),
    "field.archive": ("Dòng cuối của Nơi nhận, ví dụ Lưu VT, Ban TGDV; mặc định: Lưu Văn phòng Đảng ủy",
                             "Last line of the recipients; default: Lưu Văn phòng Đảng ủy"),
    "field.proposals": ("Đề xuất, kiến nghị (mục V)", "Proposals (section V)"),
    "field.profile": ("Thể thức .docx: hd36 (Hướng dẫn 36-HD/VPTW) hoặc hd05 (Hướng dẫn 05-HD/VPTW, từ 27/05/2026)",
                             "Layout of the .docx: hd36 or hd05 (from 27/05/2026)"),
}


def words(key: str) -> tuple[str, str]:
    """The Vietnamese and English texts of `key` in `_WORDS`."""
    return _WORDS[key]


def _both(key: str) -> str:
    vi, en = _WORDS[key]
    return f"{vi}\n\n{en}"


# --- patterns -----------------------------------------------------------------------------

# Digits are [0-9], never \d: Python's \d takes any script's digits, ECMAScript's only ASCII.
_YEAR = "(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"  # 0001..9999, as date.fromisoformat
_LEAP_YEAR = ("(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])"   # divisible by 4, not a century
              "|(?:0[48]|[2468][048]|[13579][26])00)")          # a century divisible by 400
DATE_PATTERN = (r"^\s*(?:" + _YEAR + "-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
                "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
                "|02-(?:0[1-9]|1[0-9]|2[0-8]))"
                "|" + _LEAP_YEAR + r"-02-29)\s*$")


def _unsafe_class() -> str:
    """The characters of the Basic Multilingual Plane a link may not hold (`types._url_char`:
    controls, invisible format characters, line and paragraph separators), as \\uXXXX ranges
    of a regex class, which Python and ECMAScript read alike."""
    ranges: list[list[int]] = []
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)


_NOT_IN_URL = _unsafe_class() + r'<>"\\'
URL_PATTERN = (r"^\s*[hH][tT][tT][pP][sS]?://[^/$.?#" + _NOT_IN_URL + "][^" + _NOT_IN_URL + r"]*\s*$")
OWNER_PATTERN = r"^\s*(?:" + types._OWNER.pattern + r")\s*$"


# --- the nodes that replace what pydantic says of each type of models.types ----------------

PLAIN_WORD = "^[a-z0-9_]+$"  # what a code looks like: such a word that is no code is a mistyped one


def _code_node(list_name: str) -> dict[str, Any]:
    """A code field: its codes offered (with their labels beside them), any label taken. Text
    that looks like a code (PLAIN_WORD) must be one, or a label folded to such a word
    (`dissemination_meeting`, `truc_tiep`): those are listed inside `not`, where no editor
    looks for completions, so only the codes are offered."""
    entries = list(codes.LISTS[list_name].values())
    pairs = "; ".join(f"{e.code} = {e.vi}" for e in entries)
    folded = sorted({fold(name).replace(" ", "_") for e in entries for name in (e.vi, e.en, *e.aliases)}
                    - {e.code for e in entries})
    vi, en = _WORDS["codes"]
    return {"anyOf": [{"enum": [e.code for e in entries],
                       "enumDescriptions": [f"{e.vi} — {e.en}" for e in entries]},
                      {"type": "string", "not": {"pattern": PLAIN_WORD, "not": {"enum": folded}}}],
            "description": f"{vi.format(pairs=pairs)}\n\n{en}"}


def _replacements() -> list[tuple[dict, dict]]:
    """(what pydantic says of a type, what the schema says instead), for every type of
    models.types a field uses; told apart by what pydantic says, annotations left out."""
    code_types = {name: getattr(types, attr) for name, attr in (
        ("topic", "Topic"), ("audience", "Audience"), ("event_kind", "EventKind"), ("product_kind", "ProductKind"),
        ("outlet", "Outlet"), ("mode", "Mode"), ("channel_kind", "ChannelKind"), ("unit_kind", "UnitKind"),
        ("review_kind", "ReviewKind"))}
    assert set(code_types) == set(codes.LISTS), "a code list without its type here"
    table = [(_plain(TypeAdapter(kind).json_schema()), _code_node(name)) for name, kind in code_types.items()]
    table += [
        (_plain(TypeAdapter(types.Date).json_schema()),
         {"type": "string", "pattern": DATE_PATTERN, "errorMessage": _WORDS["error.date"][0]}),
        (_plain(TypeAdapter(types.Url).json_schema()),
         {"type": "string", "pattern": URL_PATTERN, "errorMessage": _WORDS["error.url"][0]}),
        (_plain(TypeAdapter(types.Slug).json_schema()),  # a number is read as its text, "2026"
         {"type": ["string", "integer"], "pattern": types.SLUG.pattern, "minimum": 0,
          "errorMessage": _WORDS["error.slug"][0]}),
        (_plain(TypeAdapter(types.Owner).json_schema()),
         {"type": "string", "pattern": OWNER_PATTERN, "errorMessage": _WORDS["error.owner"][0]}),
        (_plain(TypeAdapter(types.Text).json_schema()),  # also Line: a number is read as its text
         {"type": ["string", "number"], "minLength": 1, "pattern": r"\S",
          "patternErrorMessage": _WORDS["error.text"][0]}),
        (_plain(TypeAdapter(types.FreeText).json_schema()), {"type": ["string", "number"]}),
    ]
    seen = [json.dumps(raw, sort_keys=True) for raw, _ in table]
    assert len(seen) == len(set(seen)), "two types that pydantic describes alike"
    return table


_ANNOTATIONS = ("title", "description", "default")


def _plain(node: dict) -> dict:
    return {k: v for k, v in node.items() if k not in _ANNOTATIONS}


def _replace_types(node: Any, table: list[tuple[dict, dict]]) -> Any:
    if isinstance(node, list):
        return [_replace_types(item, table) for item in node]
    if not isinstance(node, dict):
        return node
    plain = _plain(node)
    for raw, new in table:
        if plain == raw:
            return {**{k: v for k, v in node.items() if k in _ANNOTATIONS}, **json.loads(json.dumps(new))}
    return {key: _replace_types(value, table) for key, value in node.items()}


def _is_codes(node: Any) -> bool:
    return isinstance(node, dict) and any("enumDescriptions" in branch for branch in node.get("anyOf", []))


def _describe(definition: str, schema: dict) -> dict:
    """`schema` (a definition, or a file's top) with its own and its fields' words."""
    out = dict(schema)
    if f"def.{definition}" in _WORDS:
        out["title"], _ = _WORDS[f"def.{definition}"]
        out["description"] = _both(f"def.{definition}")
    properties = {}
    for name, prop in schema.get("properties", {}).items():
        key = f"field.{definition}.{name}" if f"field.{definition}.{name}" in _WORDS else f"field.{name}"
        prop = {k: v for k, v in prop.items() if k != "title"}
        prop["description"] = _both(key)
        for node in (prop, prop.get("items") or {}):  # a code, or a list of codes: their labels too
            if _is_codes(node):
                prop["description"] += "\n\n" + node["description"]
        properties[name] = prop
    if properties:
        out["properties"] = properties
    return out


def _to_draft07(schema: dict) -> dict:
    """Move `$defs` to `definitions` and rewrite the references (draft-07 has no $defs)."""
    text = json.dumps(schema, ensure_ascii=False).replace('"#/$defs/', '"#/definitions/')
    schema = json.loads(text)
    if "$defs" in schema:
        schema["definitions"] = schema.pop("$defs")
    return schema


def _strip_discriminator(node):
    if isinstance(node, dict):
        node.pop("discriminator", None)
        for value in node.values():
            _strip_discriminator(value)
    elif isinstance(node, list):
        for value in node:
            _strip_discriminator(value)
    return node


def _evidence(schema: dict) -> dict:
    """Evidence names a link or a file, one of the two (`Evidence._one_target`)."""
    return {**schema, "oneOf": [{"required": ["url"]}, {"required": ["file"]}]}


def _record_schema(definitions: dict) -> dict:
    """The record schema: `type` (one of four) picks the definition of its type; a record of
    no known type is checked as `check` checks it, as any record (`AnyRecord`)."""
    names = {record_type: model.__name__ for record_type, model in RECORD_TYPES.items()}
    merged: dict[str, Any] = {}
    for name in names.values():
        for field, prop in definitions[name]["properties"].items():
            if field == "type":
                continue
            same = field not in merged or _plain(merged[field]) == _plain(prop)
            merged[field] = prop if same else {}  # `kind`: its list depends on `type`
    required = sorted(set.intersection(*(set(definitions[n].get("required", [])) for n in names.values())) - {"type"})
    definitions["AnyRecord"] = {"type": "object", "additionalProperties": False,
                                "properties": {"type": {}, **merged}, "required": required}
    return {
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"enum": list(names), "description": _both("field.type"),
                                "enumDescriptions": [_both(f"type.{t}") for t in names]}},
        "allOf": [{"if": {"properties": {"type": {"const": t}}, "required": ["type"]},
                   "then": {"$ref": f"#/definitions/{name}"}} for t, name in names.items()]
        + [{"if": {"properties": {"type": {"enum": list(names)}}, "required": ["type"]},
            "else": {"$ref": "#/definitions/AnyRecord"}}],
        "definitions": definitions,
    }


def build_schema(name: str) -> dict:
    """The schema named `name` (one of SCHEMA_FILES) as a dict."""
    model, file_key = SCHEMA_FILES[name]
    if model is None:
        raw = TypeAdapter(Record).json_schema(mode="validation", ref_template="#/$defs/{model}")
    else:
        raw = model.model_json_schema(mode="validation")
    raw = _replace_types(_strip_discriminator(_to_draft07(raw)), _replacements())
    definitions = {key: _describe(key, value) for key, value in raw.pop("definitions", {}).items()}
    if "Evidence" in definitions:
        definitions["Evidence"] = _evidence(definitions["Evidence"])
    if model is None:
        schema = _record_schema(definitions)
        definitions["AnyRecord"] = _describe("AnyRecord", definitions["AnyRecord"])
    else:
        schema = _describe(model.__name__, raw)
        if definitions:
            schema["definitions"] = definitions
    header = {"$schema": DRAFT_07, "$id": _BASE_URL + name, "title": _WORDS[f"file.{file_key}"][0],
              "description": _both(f"file.{file_key}")}
    return {**header, **{k: v for k, v in schema.items() if k not in ("title", "description")}}


def export_schemas() -> dict[str, str]:
    """File name → JSON text of every schema (deterministic)."""
    return {name: json.dumps(build_schema(name), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            for name in SCHEMA_FILES}


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in export_schemas().items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
