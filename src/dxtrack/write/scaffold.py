"""`dxtrack init`: the files of a new tracker repo that passes `dxtrack check` as created.

`files()` gives path → text; `create()` writes them atomically, never over a file
that exists. The Vietnamese texts here are the content of the new repo itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from dxtrack import __version__

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

# Where the generated CI files and the pre-commit hook install dxtrack from (`init --source`):
# a pip requirement (dxtrack==0.2.0), a git URL (git+https://…/dxtrack@v0.2.0) or a local path.
DEFAULT_SOURCE = f"dxtrack=={__version__}"
CI_SYSTEMS = ("github", "gitlab")
# One line of the characters a requirement, a URL or a path needs; no space, quote, `$`, backtick,
# backslash, `;`, `|`, `&`, `(`, `{`, `*`, `?`, `#` or control character: the text goes into YAML and
# (always quoted) into shell commands, and none of them can end the quoting or start a command.
SOURCE_START = r"[A-Za-z0-9./]"                  # never `-`: an option of pip
SOURCE_CHAR = r"[A-Za-z0-9._+\-/:@=<>!~,\[\]%]"
SOURCE_PATTERN = SOURCE_START + SOURCE_CHAR + "*"
SOURCE_MAX = 500

WORKFLOW = """\
# Kiểm tra dữ liệu ở mỗi lần đẩy lên và mỗi pull request: chú thích từng dòng sai,
# và tóm tắt (lỗi, thay đổi về tình hình thực hiện) ở trang kết quả của job. Báo cáo
# bao-cao.docx được lưu ở mục Artifacts của lần chạy, kể cả khi dữ liệu còn lỗi.
name: dxtrack check
on:
  push:
  pull_request:
permissions:
  contents: read
env:
  DXTRACK_SOURCE: {source}    # nơi cài dxtrack (dxtrack init --source)
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0                  # cần lịch sử git để so với nhánh gốc của pull request
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Cài dxtrack
        run: python -m pip install -- "$DXTRACK_SOURCE"
      - name: dxtrack check
        env:
          BASE_REF: ${{ github.base_ref }}
        run: |
          # pull request: chỉ tính lỗi ở các tệp được sửa
          if [ -n "$BASE_REF" ]; then
            git fetch --no-tags -- origin "$BASE_REF" || true
            dxtrack check --format github "--changed-since=origin/$BASE_REF"
          else
            dxtrack check --format github
          fi
      - name: Báo cáo kết quả
        if: always()
        run: dxtrack report -o bao-cao.docx
      - uses: actions/upload-artifact@v4
        if: always()
        with:
          name: bao-cao
          path: bao-cao.docx
"""

GITLAB_CI = """\
# Kiểm tra dữ liệu ở mỗi lần đẩy lên và mỗi merge request: các lỗi hiện ở mục Code Quality
# của merge request và trong nhật ký của job dxtrack-check. Báo cáo bao-cao.docx được lưu ở
# mục Artifacts của job dxtrack-report, kể cả khi dữ liệu còn lỗi.
workflow:
  rules:                                  # một pipeline cho mỗi lần đẩy: của merge request nếu có
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS
      when: never
    - if: $CI_COMMIT_BRANCH
variables:
  DXTRACK_SOURCE: {source}    # nơi cài dxtrack (dxtrack init --source)
default:
  image: python:3.12
  before_script:
    - python -m pip install --quiet -- "$DXTRACK_SOURCE"
dxtrack-check:
  script:
    - dxtrack check --format gitlab > gl-code-quality-report.json || true
    - dxtrack check                       # các lỗi trong nhật ký; job thất bại khi còn lỗi
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality-report.json
dxtrack-report:
  script:
    - dxtrack report -o bao-cao.docx
  artifacts:
    when: always
    paths:
      - bao-cao.docx
"""

PRE_COMMIT = """\
# Kiểm tra trước mỗi lần commit: python -m pip install pre-commit && pre-commit install
# pre-commit tự cài dxtrack từ additional_dependencies (dxtrack init --source).
repos:
  - repo: local
    hooks:
      - id: dxtrack-check
        name: dxtrack check
        entry: dxtrack check
        language: python
        additional_dependencies: [{source}]
        pass_filenames: false
        always_run: true                  # cả commit chỉ xóa tệp cũng phải qua dxtrack check
"""

GITATTRIBUTES = "*.yaml text eol=lf\n*.yml text eol=lf\n*.md text eol=lf\n"
GITIGNORE = "# môi trường ảo của README (Cài đặt)\n.venv/\n"

README_CI = {
    "github": """\
Cán bộ các đơn vị gửi bản ghi mới bằng pull request. Mỗi pull request được kiểm tra tự động
(`.github/workflows/dxtrack.yml`): dòng sai được chỉ ra ngay trong pull request, và trang kết quả
cho biết thay đổi làm tình hình của đơn vị chuyển thế nào (ví dụ `2.1.e ✗ → ✓`). Báo cáo
`bao-cao.docx` của mỗi lần chạy nằm ở mục Artifacts của trang kết quả.""",
    "gitlab": """\
Cán bộ các đơn vị gửi bản ghi mới bằng merge request. Mỗi merge request được kiểm tra tự động
(`.gitlab-ci.yml`): các lỗi hiện ở mục Code Quality của merge request và trong nhật ký của job
`dxtrack-check`. Báo cáo `bao-cao.docx` của mỗi lần chạy nằm ở mục Artifacts của job
`dxtrack-report`, kể cả khi dữ liệu còn lỗi.""",
}
CODEOWNERS_AT = {"github": ".github/CODEOWNERS", "gitlab": ".gitlab/CODEOWNERS"}
CI_FILE = {"github": ".github/workflows/dxtrack.yml", "gitlab": ".gitlab-ci.yml"}
CI_TEMPLATE = {"github": WORKFLOW, "gitlab": GITLAB_CI}
VSCODE_EXTENSIONS = json.dumps({"recommendations": ["redhat.vscode-yaml"]}, indent=2) + "\n"

README = """\
# Kho theo dõi thực hiện Công văn 380-CV/ĐU

Kho này ghi kế hoạch, hoạt động và sản phẩm truyền thông về chuyển đổi số của các đảng ủy
trực thuộc, theo Công văn 380-CV/ĐU của Đảng ủy Chính phủ. Công cụ `dxtrack` kiểm tra dữ liệu
và cho biết đơn vị nào còn chậm.

## Cài đặt

Cần Python 3.11 trở lên (Debian, Ubuntu: cài thêm gói `python3-venv`). Trong thư mục của kho:

    python3 -m venv .venv && . .venv/bin/activate && python -m pip install "{source}"

Lệnh này tạo môi trường ảo `.venv` (không đưa lên git: `.gitignore`) và cài dxtrack vào đó;
mỗi lần mở cửa sổ dòng lệnh mới, chạy `. .venv/bin/activate` trước các lệnh `dxtrack`.

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
| Phân quyền duyệt theo đơn vị | `dxtrack codeowners -o {codeowners}` |

{ci}

Kiểm tra cả trên máy trước khi commit (trong `.venv`): `python -m pip install pre-commit && pre-commit install`.

Mở kho bằng VS Code và cài tiện ích YAML (Red Hat) mà VS Code gợi ý khi mở kho, để được gợi ý
tên trường và mã.
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
    from dxtrack.text import holds_bytes

    if holds_bytes(text):
        raise SetupError("init.org_not_utf8", value=text)
    try:
        return TypeAdapter(Line, config=MODEL_CONFIG).validate_python(text)
    except ValidationError as exc:
        char = (exc.errors()[0].get("ctx") or {}).get("char")
        if char:
            raise SetupError("init.org_control", value=text, char=char) from None
        raise SetupError("init.org_empty") from None


def check_source(text: str) -> str:
    """Where to install dxtrack from (`init --source`), as the generated files hold it: one line
    of at most SOURCE_MAX characters matching SOURCE_PATTERN (a pip requirement, a git URL, a
    path; never an option of pip). Else a setup error saying what is wrong with it: empty, too
    long, the first character it cannot hold, or a start that pip would take for an option."""
    import re

    from dxtrack.errors import SetupError
    from dxtrack.text import holds_bytes

    if holds_bytes(text):
        raise SetupError("option.not_utf8", option="--source", value=text)
    if not text.strip():
        raise SetupError("init.source_empty", example=DEFAULT_SOURCE)
    if len(text) > SOURCE_MAX:
        raise SetupError("init.source_long", length=len(text), max=SOURCE_MAX)
    bad = next((ch for ch in text if not re.fullmatch(SOURCE_CHAR, ch)), None)
    if bad is not None:
        raise SetupError("init.source_char", value=text, char=repr(bad), example=DEFAULT_SOURCE)
    if not re.fullmatch(SOURCE_START, text[0]):
        raise SetupError("init.source_start", value=text, char=repr(text[0]), example=DEFAULT_SOURCE)
    return text


def check_ci(name: str) -> str:
    """`name` if it is a CI system init writes a file for; else a setup error naming them."""
    from dxtrack.errors import SetupError

    if name not in CI_SYSTEMS:
        raise SetupError("init.bad_ci", value=name, choices=", ".join(CI_SYSTEMS))
    return name


def _quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar that reads back as `text` (always quoted: a source
    such as `dxtrack==0.2.0` or one starting with `[` or `@` is never read as anything else)."""
    import yaml

    quoted = json.dumps(text, ensure_ascii=False)
    if yaml.safe_load(quoted) != text:
        raise ValueError(f"no quoted YAML scalar reads back as {text!r}")  # never written wrong
    return quoted


def _fill(template: str, **values: str) -> str:
    """`template` with each `{name}` replaced (the CI files hold `${{ ... }}` of their own)."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", value)
    return template


def files(organization: str = "Đảng ủy Chính phủ", ci: str = "github",
          source: str = DEFAULT_SOURCE) -> dict[str, str]:
    """Path (POSIX, relative) → text of every file of a new tracker repo, with the CI file of
    `ci` (github: a GitHub Actions workflow; gitlab: .gitlab-ci.yml) and every place that
    installs dxtrack (README, CI file, pre-commit hook) installing `source`. SetupError when
    `organization` is not a one-line text `check` accepts (`check_organization`), `ci` is not
    one of CI_SYSTEMS or `source` is not one `check_source` accepts."""
    from dxtrack.models.schema import export_schemas

    organization = check_organization(organization)
    ci, source = check_ci(ci), check_source(source)
    found = {
        "dxtrack.yaml": SETTINGS.format(organization=_scalar(organization)),
        "units.yaml": UNITS,
        "plans/.gitkeep": "",
        "activities/.gitkeep": "",
        CI_FILE[ci]: _fill(CI_TEMPLATE[ci], source=_quoted(source)),
        ".pre-commit-config.yaml": _fill(PRE_COMMIT, source=_quoted(source)),
        ".vscode/settings.json": vscode_settings(),
        ".vscode/extensions.json": VSCODE_EXTENSIONS,
        ".gitattributes": GITATTRIBUTES,
        ".gitignore": GITIGNORE,
        "README.md": _fill(README, source=source, ci=README_CI[ci], codeowners=CODEOWNERS_AT[ci]),
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


def create(folder: Path, organization: str = "Đảng ủy Chính phủ", ci: str = "github",
           source: str = DEFAULT_SOURCE) -> Created:
    """Write the files of a new tracker repo under `folder` (`files`), keeping any that exist;
    none at all when one would be written through a symbolic link in `folder` (fsutil.WriteRefused)."""
    from dxtrack.fsutil import WriteRefused, safe_target, write_atomic

    done = Created()
    made = files(organization, ci, source)
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
