"""The GitHub Actions job summary of `dxtrack check` (Markdown for $GITHUB_STEP_SUMMARY).

It lists the findings and, for a pull request checked with `--changed-since REF`,
what the change does to the status: given the status as it is and as it was at REF
(`api.job_summary` evaluates both, at the same `as_of` date), each requirement whose
status moves is listed per unit: `Đảng ủy Bộ Y tế — 2.1.e ✗ → ✓`.

Text from the user's files and options (a file name, a unit's name, the `--changed-since`
ref) is escaped (`text.quote_safe`) like every message's quoted text: the summary is
Markdown that GitHub shows, where a bidi override could reorder what a reviewer reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dxtrack.check.findings import Finding, Severity
from dxtrack.evaluate.status import SYMBOLS, Status
from dxtrack.i18n import finding_text, in_language, t
from dxtrack.text import quote_safe, short_date

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
        lines[-1] += " " + t("summary.changed_only", ref=changed_since)  # t escapes the ref
    if findings:
        lines += ["", t("summary.table_header"), "|---|---|---|---|"]
        for f in findings[:MAX_ROWS]:
            mark = "❌" if f.severity is Severity.ERROR else "⚠️"
            lines.append(f"| {_code_span(f'{quote_safe(f.file)}:{f.line}')} | {mark} {f.code} "
                         f"| {t('severity.' + f.severity)} "
                         f"| {_cell(finding_text(f))} |")
        if len(findings) > MAX_ROWS:
            lines.append(t("summary.more", count=len(findings) - MAX_ROWS))
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return quote_safe(text).replace("|", "\\|")


def _code_span(text: str) -> str:
    """`text` as Markdown code in a table cell: a backtick in a file name cannot end it early."""
    text = _cell(text)
    return f"`` {text} ``" if "`" in text else f"`{text}`"


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
    lines = [f"### {t('summary.delta_heading', ref=ref, as_of=short_date(as_of))}", ""]  # ref: escaped by t
    if not moves:
        return "\n".join(lines + [t("summary.no_moves")]) + "\n"
    for m in moves:
        m = Move(quote_safe(m.unit), quote_safe(m.what), m.before, m.after, quote_safe(m.title))
        if m.what == "score":
            lines.append(f"- {m.unit} — {t('summary.score')} {m.before} → {m.after}")
        elif m.what == "unit":
            key = "summary.unit_added" if m.before == NONE else "summary.unit_removed"
            lines.append(f"- {m.unit} — {t(key, score=m.after if m.before == NONE else m.before)}")
        else:
            lines.append(f"- {m.unit} — {m.what} {m.before} → {m.after}" + (f" ({m.title})" if m.title else ""))
    return "\n".join(lines) + "\n"


def delta_markdown(delta: tuple[Status | None, Status] | None, ref: str) -> str:
    """The status moves between `ref` (before) and the working tree (after), or a line
    saying why there are none (`delta` None: the status could not be evaluated)."""
    if delta is None:
        return t("summary.delta_unavailable") + "\n"
    before, after = delta
    return moves_markdown(status_moves(before, after), ref, after.as_of)


@in_language
def job_summary(findings: list[Finding], files: int, changed_since: str | None = None,
                delta: tuple[Status | None, Status] | None = None) -> str:
    """The whole Markdown summary of one `dxtrack check` run; with `changed_since`, the
    status `delta` (before, after) that the change makes."""
    text = findings_markdown(findings, files, changed_since)
    if changed_since:
        text += "\n" + delta_markdown(delta, changed_since)
    return text
