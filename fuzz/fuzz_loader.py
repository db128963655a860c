"""Atheris (libFuzzer) target: the loader, the models and what is built on them.

Each input is the content of one file of a small tracker repo — a record, `units.yaml`,
`dxtrack.yaml` or a plan, chosen by the input's last byte —; the rest of the repo stays
valid. The property: whatever the bytes, dxtrack answers with findings (or, for settings
it cannot use, a SetupError: exit 2), never an exception. Two stages per input:

1. in memory: `load_bytes` then `validate` of the bytes as that kind of file (fast: the
   YAML loader, the fast path, the models);
2. the whole repo with the file in place: `load_repo` (read, load, validate, link), the
   findings rendered in every `check` format, the status evaluated and rendered as table,
   json, csv and markdown, and every rendered text checked for raw control characters.

Run it (see fuzz/README.md):

    pip install atheris
    python fuzz/fuzz_loader.py -max_total_time=600 fuzz/corpus

DXTRACK_FUZZ_KEEP_GOING=1 records each distinct failure in fuzz/crashes/ (one file per
exception type and place, with the input and its traceback) and goes on instead of stopping
at the first.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
import traceback
from datetime import date
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["dxtrack", "yaml"]):
    from dxtrack import api
    from dxtrack.check.discover import classify
    from dxtrack.check.load import load_bytes
    from dxtrack.check.validate import validate
    from dxtrack.errors import SetupError
    from dxtrack.i18n import bind_lang, finding_text

HERE = Path(__file__).resolve().parent
TODAY = date(2026, 12, 1)  # the seeds (the sample records) are dated 2025 and 2026
AS_OF = date(2025, 12, 31)

SETTINGS = """\
directive: 380-CV/ĐU
organization: Đảng ủy Chính phủ
report_to: Ban Tuyên giáo và Dân vận Đảng ủy Chính phủ
received: 2025-08-20
phase_end: 2025-12-31
report_due: [2025-11-01]
thresholds:
  start_within_days: 15
  max_gap_days: 30
  min_product_kinds: 3
sample: false
"""
UNITS = """\
units:
  - id: bo-y-te
    name: Đảng ủy Bộ Y tế
    kind: ministry
    owners: ["@dang-uy/bo-y-te"]
  - id: dai-truyen-hinh
    name: Đảng ủy Đài Truyền hình Việt Nam
    kind: press
    owners: ["@dang-uy/vtv"]
"""
PLAN = """\
unit: bo-y-te
number: 45-KH/ĐU
issued: 2025-08-28
title: Kế hoạch truyền thông
audiences: [party_members]
resources: {staff: Ban Tuyên giáo, means: Cổng TTĐT, budget_vnd: 1000}
platforms: [website]
tasks:
  - id: t1
    title: Hội nghị quán triệt
    owner: Ban Tuyên giáo
    due: 2025-09-15
    topics: [plan02]
reviews:
  - kind: final_review
    due: 2025-12-31
"""
RECORD = """\
type: event
unit: bo-y-te
kind: dissemination
title: Hội nghị quán triệt Kế hoạch 02
date: 2025-09-05
mode: in_person
topics: [plan02, significance]
audiences: [party_members]
plan_task: t1
partners: [Bộ Văn hóa, Thể thao và Du lịch]
evidence:
  - url: https://moh.gov.vn/a
"""
BASE = {"dxtrack.yaml": SETTINGS, "units.yaml": UNITS, "plans/bo-y-te.yaml": PLAN,
        "activities/bo-y-te/2025-09-05-hoi-nghi.yaml": RECORD}
# the file the input's last byte picks
TARGETS = ["activities/bo-y-te/2025-09-05-hoi-nghi.yaml", "activities/bo-y-te/2025-10-01-moi.yaml",
           "units.yaml", "dxtrack.yaml", "plans/bo-y-te.yaml"]
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
FINDING_FORMATS = ("text", "github", "gitlab", "sarif", "json")
STATUS_FORMATS = ("table", "json", "csv", "markdown")

ROOT = Path(tempfile.mkdtemp(prefix="dxtrack-fuzz-"))
KEEP_GOING = os.environ.get("DXTRACK_FUZZ_KEEP_GOING", "") not in ("", "0")
SEEN: set[str] = set()


def reset() -> None:
    """The base repo, as it was: the files of BASE and nothing else."""
    for rel in TARGETS:
        path = ROOT / rel
        if path.exists() and rel not in BASE:
            path.unlink()
    for rel, text in BASE.items():
        path = ROOT / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def clean(text: str, what: str) -> None:
    found = RAW_CONTROL.search(text)
    if found:
        raise AssertionError(f"{what}: raw U+{ord(found.group()):04X} in the output")


def stage_memory(rel: str, raw: bytes) -> None:
    loaded = load_bytes(raw, rel)
    for f in loaded.findings:
        assert f.line >= 1 and f.column >= 1, f
        clean(finding_text(f), "a finding's message")
    validate(classify(rel), loaded.data, loaded.spans)


def stage_repo(rel: str, raw: bytes) -> None:
    reset()
    (ROOT / rel).write_bytes(raw)
    repo = api.load_repo(ROOT, TODAY)
    findings = api.check(repo)
    for fmt in FINDING_FORMATS:
        out = api.render("findings", fmt, findings, len(repo.documents), color=False, sample=False)
        clean(out, f"check -f {fmt}")
        if fmt in ("gitlab", "sarif", "json"):
            json.loads(out)
        if fmt == "github":
            commands = [line for line in out.splitlines() if line.lstrip().startswith("::")]
            assert len(commands) == len(findings), "a planted workflow command"
    try:
        status = api.evaluate(repo, AS_OF)
    except SetupError:
        return  # settings it cannot use: exit 2, said in words by the CLI
    for fmt in STATUS_FORMATS:
        out = api.render("status", fmt, status, width=100, color=False)
        clean(out, f"status -f {fmt}")
        if fmt == "json":
            json.loads(out)


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    rel = TARGETS[fdp.ConsumeIntInRange(0, len(TARGETS) - 1)]
    raw = fdp.ConsumeBytes(fdp.remaining_bytes())
    try:
        stage_memory(rel, raw)
        stage_repo(rel, raw)
    except Exception as exc:
        if not KEEP_GOING:
            raise
        record(exc, rel, raw)


def record(exc: Exception, rel: str, raw: bytes) -> None:
    """Keep one example of each distinct failure (exception type and the innermost dxtrack
    frame) in fuzz/crashes/."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "dxtrack" in f.filename] or \
        traceback.extract_tb(exc.__traceback__)[-1:]
    where = f"{frames[-1].filename.split('src/')[-1]}:{frames[-1].lineno}" if frames else "?"
    signature = f"{type(exc).__name__} {where}"
    if signature in SEEN:
        return
    SEEN.add(signature)
    name = hashlib.sha256(signature.encode()).hexdigest()[:12]
    folder = HERE / "crashes"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.bin").write_bytes(raw)
    (folder / f"{name}.txt").write_text(
        f"{signature}\nfile: {rel}\ninput: {raw!r}\n\n" + "".join(traceback.format_exception(exc)),
        encoding="utf-8", errors="backslashreplace")
    print(f"\n== new failure {signature} ({rel}) → fuzz/crashes/{name}.txt", file=sys.stderr, flush=True)


def main() -> None:
    bind_lang("vi")
    os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp(prefix="dxtrack-fuzz-cache-"))
    reset()
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
