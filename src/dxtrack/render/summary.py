"""The GitHub Actions job summary of `dxtrack check` (Markdown for $GITHUB_STEP_SUMMARY).

It lists the findings and, for a pull request checked with `--changed-since REF`,
what the change does to the status: given the comparison of the status as it is and as it
was at REF (`api.status_delta`: both evaluated in the same phase at the same `as_of` date, and
compared by `evaluate.delta.compare`, as `dxtrack diff` does), each requirement whose status
moves is listed per unit: `Đảng ủy Bộ Y tế — 2.1.e ✗ → ✓`.

Text from the user's files and options (a file name, a unit's name, a message quoting a key,
the `--changed-since` ref) is escaped for Markdown (`render.escape`): the summary is Markdown
that GitHub shows, where raw HTML (`<img onerror=…>`) would run in a reviewer's view, a `|`
would split a table and a bidi override could reorder what a reviewer reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dxtrack.catalog import title_of
from dxtrack.check.findings import Finding, Severity
from dxtrack.evaluate.delta import ABSENT, Delta
from dxtrack.evaluate.status import SYMBOLS
from dxtrack.i18n import current_lang, finding_text, in_language, t
from dxtrack.render.escape import md_cell, md_code, md_text
from dxtrack.render.findings import repo_path
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


def findings_markdown(findings: list[Finding], files: int, changed_since: str | None = None,
                      base: str = "") -> str:
    """A heading, the counts, and a table of the findings (file:line, code, message), each file
    named as the annotations name it: from the work tree's top (`base`, see render.findings)."""
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    key = "check.summary" if findings else "check.summary_ok"
    lines = ["## dxtrack check", "", t(key, errors=errors, warnings=len(findings) - errors, files=files)]
    if changed_since:
        lines[-1] += " " + t("summary.changed_only", ref=md_code(changed_since))
    if findings:
        lines += ["", t("summary.table_header"), "|---|---|---|---|"]
        for f in findings[:MAX_ROWS]:
            mark = "❌" if f.severity is Severity.ERROR else "⚠️"
            lines.append(f"| {md_code(f'{repo_path(f, base)}:{f.line}')} | {mark} {f.code} "
                         f"| {t('severity.' + f.severity)} "
                         f"| {md_cell(finding_text(f))} |")
        if len(findings) > MAX_ROWS:
            lines.append(t("summary.more", count=len(findings) - MAX_ROWS))
    return "\n".join(lines) + "\n"


def status_moves(delta: Delta) -> list[Move]:
    """The moves of `delta` (see `evaluate.delta.compare`) as the summary lists them, unit by
    unit: a unit new or gone in one line, else its score and each requirement that moves."""
    titles = {r.id: title_of(r, current_lang()) for r in delta.after.requirements}
    moves: list[Move] = []
    for unit in delta.units:
        if ABSENT in (unit.state_before, unit.state_after):
            moves.append(Move(unit.name, "unit", _score(unit.score_before) if unit.state_before != ABSENT else NONE,
                              _score(unit.score_after) if unit.state_after != ABSENT else NONE))
            continue
        if unit.score_before != unit.score_after:
            moves.append(Move(unit.name, "score", _score(unit.score_before), _score(unit.score_after)))
        moves += [Move(unit.name, m.id, _symbol(m.before), _symbol(m.after), titles.get(m.id, ""))
                  for m in unit.moves]
    return moves


def _symbol(status: str | None) -> str:
    return NONE if status is None else SYMBOLS.get(status, NONE)


def _score(score: int | None) -> str:
    return NONE if score is None else str(score)


def moves_markdown(moves: list[Move], ref: str, as_of: date) -> str:
    lines = [f"### {t('summary.delta_heading', ref=md_code(ref), as_of=short_date(as_of))}", ""]
    if not moves:
        return "\n".join(lines + [t("summary.no_moves")]) + "\n"
    for m in moves:
        m = Move(md_text(m.unit), md_text(m.what), m.before, m.after, md_text(m.title))
        if m.what == "score":
            lines.append(f"- {m.unit} — {t('summary.score')} {m.before} → {m.after}")
        elif m.what == "unit":
            key = "summary.unit_added" if m.before == NONE else "summary.unit_removed"
            lines.append(f"- {m.unit} — {t(key, score=m.after if m.before == NONE else m.before)}")
        else:
            lines.append(f"- {m.unit} — {m.what} {m.before} → {m.after}" + (f" ({m.title})" if m.title else ""))
    return "\n".join(lines) + "\n"


def delta_markdown(delta: Delta | None, ref: str) -> str:
    """The status moves between `ref` (before) and the working tree (after), or a line
    saying why there are none (`delta` None: the status could not be evaluated)."""
    if delta is None:
        return t("summary.delta_unavailable") + "\n"
    return moves_markdown(status_moves(delta), ref, delta.as_of)


@in_language
def job_summary(findings: list[Finding], files: int, changed_since: str | None = None,
                delta: Delta | None = None, base: str = "") -> str:
    """The whole Markdown summary of one `dxtrack check` run; with `changed_since`, the
    status `delta` that the change makes (`api.status_delta`)."""
    text = findings_markdown(findings, files, changed_since, base)
    if changed_since:
        text += "\n" + delta_markdown(delta, changed_since)
    return text
