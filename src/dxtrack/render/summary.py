"""The GitHub Actions job summary of `dxtrack check` (Markdown for $GITHUB_STEP_SUMMARY).

It lists the findings and, for a pull request checked with `--changed-since REF`,
what the change does to the status: the repo is evaluated as it is and as it was at
REF (taken out of git into a temporary folder), both at the same `as_of` date, and
each requirement whose status moves is listed per unit: `Đảng ủy Bộ Y tế — 2.1.e ✗ → ✓`.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dxtrack.check.findings import Finding, Severity
from dxtrack.i18n import finding_text, t
from dxtrack.check.discover import SETTINGS_FILE
from dxtrack.check.document import Repo
from dxtrack.errors import SetupError
from dxtrack.evaluate.status import SYMBOLS, Status
from dxtrack.text import short_date

MAX_ROWS = 500
NONE = "—"


@dataclass(frozen=True)
class Move:
    """One unit's requirement (or score, or presence) changing between two revisions."""

    unit: str          # the unit's name
    what: str          # a requirement id, or "score" / "unit"
    before: str
    after: str
    title: str = ""


def findings_markdown(findings: list[Finding], files: int, changed_since: str | None = None) -> str:
    """A heading, the counts, and a table of the findings (file:line, code, message)."""
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    key = "check.summary" if findings else "check.summary_ok"
    lines = ["## dxtrack check", "", t(key, errors=errors, warnings=len(findings) - errors, files=files)]
    if changed_since:
        lines[-1] += " " + t("summary.changed_only", ref=changed_since)
    if findings:
        lines += ["", t("summary.table_header"), "|---|---|---|---|"]
        for f in findings[:MAX_ROWS]:
            mark = "❌" if f.severity is Severity.ERROR else "⚠️"
            lines.append(f"| `{f.file}:{f.line}` | {mark} {f.code} | {t('severity.' + f.severity)} "
                         f"| {_cell(finding_text(f))} |")
        if len(findings) > MAX_ROWS:
            lines.append(t("summary.more", count=len(findings) - MAX_ROWS))
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def status_moves(before: Status | None, after: Status) -> list[Move]:
    """What changes from `before` to `after`, unit by unit, in `after`'s order."""
    old = {u.unit.id: u for u in before.units} if before else {}
    titles = {r.id: r.title for r in after.requirements}
    moves: list[Move] = []
    for unit in after.units:
        prev = old.pop(unit.unit.id, None)
        name = unit.unit.name
        if prev is None:
            moves.append(Move(name, "unit", NONE, _score(unit.score)))
            continue
        if prev.score != unit.score:
            moves.append(Move(name, "score", _score(prev.score), _score(unit.score)))
        for req_id, status in unit.requirements.items():
            was = prev.requirements.get(req_id)
            if was is None or was.status != status.status:
                moves.append(Move(name, req_id, SYMBOLS.get(was.status, NONE) if was else NONE,
                                  SYMBOLS[status.status], titles.get(req_id, "")))
    moves += [Move(u.unit.name, "unit", _score(u.score), NONE) for u in old.values()]
    return moves


def _score(score: int | None) -> str:
    return NONE if score is None else str(score)


def moves_markdown(moves: list[Move], ref: str, as_of: date) -> str:
    lines = [f"### {t('summary.delta_heading', ref=ref, as_of=short_date(as_of))}", ""]
    if not moves:
        return "\n".join(lines + [t("summary.no_moves")]) + "\n"
    for m in moves:
        if m.what == "score":
            lines.append(f"- {m.unit} — {t('summary.score')} {m.before} → {m.after}")
        elif m.what == "unit":
            key = "summary.unit_added" if m.before == NONE else "summary.unit_removed"
            lines.append(f"- {m.unit} — {t(key, score=m.after if m.before == NONE else m.before)}")
        else:
            lines.append(f"- {m.unit} — {m.what} {m.before} → {m.after}" + (f" ({m.title})" if m.title else ""))
    return "\n".join(lines) + "\n"


def delta_markdown(repo: Repo, ref: str) -> str:
    """The status moves between `ref` and the working tree, or a line saying why there are none."""
    from dxtrack import api

    try:
        as_of = api.default_as_of(repo)
        after = api.evaluate(repo, as_of)
    except SetupError:
        return t("summary.delta_unavailable") + "\n"
    with tempfile.TemporaryDirectory(prefix="dxtrack-base-") as tmp:
        base = materialise(repo.root, ref, Path(tmp))
        try:
            before = api.evaluate(api.load_repo(base, today=repo.today), as_of) if base else None
        except SetupError:
            before = None
    return moves_markdown(status_moves(before, after), ref, as_of)


def materialise(root: Path, ref: str, dest: Path) -> Path | None:
    """The tracker repo at `root` as it was at git revision `ref`, extracted under `dest`;
    None when there was none there (or git cannot say)."""
    prefix = _git(root, "rev-parse", "--show-prefix")
    if prefix is None:
        return None
    prefix = prefix.decode().strip().rstrip("/")
    archive = _git(root, "archive", "--format=tar", f"{ref}:{prefix}" if prefix else ref)
    if archive is None:
        return None
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(dest, filter="data")
        else:  # pragma: no cover - Python before 3.11.4
            tar.extractall(dest)
    return dest if (dest / SETTINGS_FILE).is_file() else None


def _git(root: Path, *args: str) -> bytes | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def job_summary(repo: Repo, findings: list[Finding], changed_since: str | None = None) -> str:
    """The whole Markdown summary of one `dxtrack check` run."""
    text = findings_markdown(findings, len(repo.documents), changed_since)
    if changed_since:
        text += "\n" + delta_markdown(repo, changed_since)
    return text


def append_summary(path: str, repo: Repo, findings: list[Finding], changed_since: str | None = None) -> bool:
    """Append the summary to the file at `path` ($GITHUB_STEP_SUMMARY); False if it cannot be written."""
    text = job_summary(repo, findings, changed_since)
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text + "\n")
    except OSError:
        return False
    return True
