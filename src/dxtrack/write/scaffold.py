"""`dxtrack init`: the files of a new tracker repo that passes `dxtrack check` as created.

`files()` gives path → text; `create()` writes them atomically, never over a file
that exists. The Vietnamese texts here are the content of the new repo itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from dxtrack import __version__

PROJECT_REPO = "dang-uy-chinh-phu/dxtrack"
PROJECT_URL = f"https://github.com/{PROJECT_REPO}"

SETTINGS = """\
# yaml-language-server: $schema=schemas/dxtrack.schema.json
# Cài đặt của kho theo dõi thực hiện Công văn 380-CV/ĐU (xem README.md).
# organization: cơ quan theo dõi; report_to: nơi nhận báo cáo.
directive: 380-CV/ĐU
organization: {organization}
report_to: Ban Tuyên giáo và Dân vận Đảng ủy Chính phủ
received: 2025-08-20                      # ngày các đơn vị nhận Công văn (mặc định)
# Các giai đoạn của Kế hoạch 02: mỗi giai đoạn được đánh giá lại từ đầu (các yêu cầu 3.a–3.e).
# Kế hoạch riêng cho một giai đoạn đặt ở plans/<mã giai đoạn>/<mã đơn vị>.yaml.
phases:
  - id: "2025"                            # mã giai đoạn (số thì đặt trong ngoặc kép)
    name: Giai đoạn khởi động, bứt phá 2025
    to: 2025-12-31                        # ngày kết thúc (tổng kết, yêu cầu 3.d)
    report_due: [2025-12-15]              # các hạn báo cáo kết quả lên cấp trên (yêu cầu 3.e)
  - id: "2026"
    name: Năm tăng tốc 2026
    from: 2026-01-01
    to: 2026-12-31
    report_due: [2026-06-15, 2026-12-15]
thresholds:
  start_within_days: 15                   # 3.a: bắt đầu trong số ngày này kể từ khi nhận
  max_gap_days: 30                        # 3.c: không quá số ngày này không có hoạt động
  min_product_kinds: 3                    # 2.1.h: số loại sản phẩm truyền thông tối thiểu
sample: false
# owners: ["@to-chuc/ban-tuyen-giao"]     # người duyệt dxtrack.yaml, units.yaml (dxtrack codeowners)
# Đầu và cuối của báo cáo kết quả (dxtrack report). Mục nào để trống thì dùng mặc định ghi
# bên cạnh; số ký hiệu, người ký, chức vụ để trống thì báo cáo chừa chỗ trống để ghi tay.
report:
  superior_body:                          # cơ quan cấp trên, ví dụ ĐẢNG BỘ CHÍNH PHỦ; trống: không có dòng này
  issuing_body:                           # cơ quan ban hành, ví dụ ĐẢNG ỦY CHÍNH PHỦ; trống: organization
  unit_superior_body:                     # cấp trên trong báo cáo của một đơn vị (--unit), ví dụ ĐẢNG BỘ CHÍNH PHỦ
  number:                                 # số ký hiệu của báo cáo, ví dụ 15-BC/ĐU
  place:                                  # địa danh ở dòng ngày tháng, ví dụ Hà Nội (mặc định)
  signer:                                 # họ tên người ký, ví dụ Nguyễn Văn A
  signer_title:                           # chức vụ người ký: BÍ THƯ hoặc PHÓ BÍ THƯ
  signing_authority:                      # thẩm quyền ký; trống: T/M BAN THƯỜNG VỤ
  recipients: []                          # nơi nhận, sau nơi báo cáo lên (report_to), ví dụ [Các đảng ủy trực thuộc]
  archive:                                # dòng cuối của Nơi nhận; trống: Lưu Văn phòng Đảng ủy
  proposals:                              # mục V. Đề xuất, kiến nghị; nhiều dòng thì viết "proposals: |" rồi xuống dòng
  profile:                                # thể thức .docx: hd36 hoặc hd05; trống: theo ngày ký (hd05 từ 27/5/2026)
"""

UNITS = """\
# yaml-language-server: $schema=schemas/units.schema.json
# Các đảng ủy trực thuộc được theo dõi. Mỗi đơn vị một mục; `id` cũng là tên thư mục
# activities/<id>/ và tệp plans/<id>.yaml. Thêm đơn vị mới theo mẫu dưới đây.
units:
  - id: bo-tai-chinh
    name: Đảng ủy Bộ Tài chính
    kind: ministry                        # ministry | agency | press | enterprise | bank | other
    owners: []                            # ví dụ ["@to-chuc/bo-tai-chinh"], để tạo CODEOWNERS
"""

WORKFLOW = """\
# Kiểm tra dữ liệu ở mỗi lần đẩy lên và mỗi pull request: chú thích từng dòng sai,
# và tóm tắt (lỗi, thay đổi về tình hình thực hiện) ở trang kết quả của job.
name: dxtrack check
on:
  push:
  pull_request:
permissions:
  contents: read
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0                  # cần lịch sử git để so với nhánh gốc của pull request
      - uses: {repo}@v{version}
        with:
          changed-only: "true"            # pull request: chỉ tính lỗi ở các tệp được sửa
"""

PRE_COMMIT = """\
# Kiểm tra trước mỗi lần commit: pip install pre-commit && pre-commit install
repos:
  - repo: {url}
    rev: v{version}
    hooks:
      - id: dxtrack-check
"""

GITATTRIBUTES = "*.yaml text eol=lf\n*.yml text eol=lf\n*.md text eol=lf\n"

README = """\
# Kho theo dõi thực hiện Công văn 380-CV/ĐU

Kho này ghi kế hoạch, hoạt động và sản phẩm truyền thông về chuyển đổi số của các đảng ủy
trực thuộc, theo Công văn 380-CV/ĐU của Đảng ủy Chính phủ. Công cụ `dxtrack` kiểm tra dữ liệu
và cho biết đơn vị nào còn chậm.

## Cài đặt

    python -m pip install dxtrack

## Cấu trúc

    dxtrack.yaml                  cài đặt: cơ quan theo dõi, ngày nhận văn bản, hạn báo cáo
    units.yaml                    các đảng ủy trực thuộc
    plans/<đơn vị>.yaml           kế hoạch truyền thông của từng đơn vị
    activities/<đơn vị>/*.yaml    mỗi tệp một bản ghi: hoạt động, sản phẩm, chuyên mục, báo cáo
    schemas/                      mẫu kiểm tra cho trình soạn thảo (VS Code + YAML)

## Việc thường làm

| việc | lệnh |
|---|---|
| Thêm đơn vị | sửa `units.yaml` theo mẫu có sẵn |
| Thêm kế hoạch của đơn vị | `dxtrack new plan --unit bo-tai-chinh` |
| Thêm một hoạt động | `dxtrack new event` (máy sẽ hỏi từng mục còn thiếu) |
| Thêm sản phẩm, chuyên mục, báo cáo | `dxtrack new product`, `dxtrack new channel`, `dxtrack new report` |
| Kiểm tra dữ liệu | `dxtrack check` |
| Chuẩn hóa tệp (nhãn → mã, Unicode) | `dxtrack fmt` |
| Xem đơn vị nào còn chậm | `dxtrack status` |
| Viết báo cáo | `dxtrack report -o bao-cao.docx` (số ký hiệu, người ký: mục `report:` trong `dxtrack.yaml`) |
| Phân quyền duyệt theo đơn vị | `dxtrack codeowners -o .github/CODEOWNERS` |

Cán bộ các đơn vị gửi bản ghi mới bằng pull request. Mỗi pull request được kiểm tra tự động
(`.github/workflows/dxtrack.yml`): dòng sai được chỉ ra ngay trong pull request, và trang kết quả
cho biết thay đổi làm tình hình của đơn vị chuyển thế nào (ví dụ `2.1.e ✗ → ✓`).

Kiểm tra cả trên máy trước khi commit: `pip install pre-commit && pre-commit install`.

Mở kho bằng VS Code với tiện ích YAML (Red Hat) để được gợi ý tên trường và mã.
"""


def vscode_settings() -> str:
    settings = {
        "yaml.schemas": {
            "./schemas/dxtrack.schema.json": "dxtrack.yaml",
            "./schemas/units.schema.json": "units.yaml",
            "./schemas/plan.schema.json": ["plans/*.yaml", "plans/*/*.yaml"],
            "./schemas/record.schema.json": "activities/*/*.yaml",
        },
        "files.encoding": "utf8",
        "files.eol": "\n",
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2},
    }
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def _scalar(text: str) -> str:
    """`text` as a YAML scalar that reads back as `text`: plain when that reads back the same,
    else double-quoted (JSON's quoting, or YAML's own, which escapes what a YAML reader refuses)."""
    import yaml

    def reads_back(written: str) -> bool:
        try:
            return yaml.safe_load(written) == text
        except yaml.YAMLError:
            return False

    if "#" not in text and reads_back(text):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    if reads_back(quoted):
        return quoted
    quoted = yaml.safe_dump(text, default_style='"', allow_unicode=True, width=1 << 30).rstrip("\n")
    if not reads_back(quoted):
        raise ValueError(f"no YAML scalar reads back as {text!r}")  # never written wrong: an internal error
    return quoted


def check_organization(text: str) -> str:
    """The organization as dxtrack.yaml holds it (spaces at the ends dropped), when `check`
    accepts it there as a one-line text; else a setup error saying why: empty, bytes that are
    not UTF-8 text (a surrogate escape from the command line), or a line break or other control
    character (it would end the YAML line, or hide in a report and in CI logs)."""
    from pydantic import TypeAdapter, ValidationError

    from dxtrack.errors import SetupError
    from dxtrack.models.types import MODEL_CONFIG, Line

    if any("\ud800" <= ch <= "\udfff" for ch in text):
        raise SetupError("init.org_not_utf8", value=text)
    try:
        return TypeAdapter(Line, config=MODEL_CONFIG).validate_python(text)
    except ValidationError as exc:
        char = (exc.errors()[0].get("ctx") or {}).get("char")
        if char:
            raise SetupError("init.org_control", value=text, char=char) from None
        raise SetupError("init.org_empty") from None


def files(organization: str = "Đảng ủy Chính phủ") -> dict[str, str]:
    """Path (POSIX, relative) → text of every file of a new tracker repo. SetupError when
    `organization` is not a one-line text `check` accepts (`check_organization`)."""
    from dxtrack.models.schema import export_schemas

    found = {
        "dxtrack.yaml": SETTINGS.format(organization=_scalar(check_organization(organization))),
        "units.yaml": UNITS,
        "plans/.gitkeep": "",
        "activities/.gitkeep": "",
        ".github/workflows/dxtrack.yml": WORKFLOW.format(repo=PROJECT_REPO, version=__version__),
        ".pre-commit-config.yaml": PRE_COMMIT.format(url=PROJECT_URL, version=__version__),
        ".vscode/settings.json": vscode_settings(),
        ".gitattributes": GITATTRIBUTES,
        "README.md": README,
    }
    found.update({f"schemas/{name}": text for name, text in export_schemas().items()})
    return found


@dataclass
class Created:
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # existed already: left as they were


def is_empty(folder: Path) -> bool:
    """No entries besides `.git` (a fresh `git init` still counts as empty)."""
    return not folder.exists() or all(p.name == ".git" for p in folder.iterdir())


def create(folder: Path, organization: str = "Đảng ủy Chính phủ") -> Created:
    """Write the files of a new tracker repo under `folder`, keeping any that exist; none at
    all when one would be written through a symbolic link in `folder` (fsutil.WriteRefused)."""
    from dxtrack.fsutil import WriteRefused, safe_target, write_atomic

    done = Created()
    made = files(organization)
    for rel in made:  # before anything is written (`init --force` into a folder holding links)
        try:
            safe_target(folder, folder / rel)
        except WriteRefused as exc:
            if exc.key != "os.not_regular":  # a folder where a file would be: kept, as any file there
                raise
    for rel, text in made.items():
        path = folder / rel
        if path.exists() and not path.is_symlink():
            done.kept.append(rel)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            write_atomic(path, text.encode("utf-8"), root=folder)
            done.written.append(rel)
        except FileExistsError:
            done.kept.append(rel)
    return done
