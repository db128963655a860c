"""Status → Markdown (for the web and pull requests): plain writes, GitHub tables.

Every cell, and every line that holds text from the user's files (a unit's name, a title, a
plan's number, the directive and phase names of dxtrack.yaml), is escaped by the one Markdown
escaper (`render.escape`): no raw HTML, no link, no `|` or line break splitting a table."""

from __future__ import annotations

from dxtrack.evaluate.status import SYMBOLS, Status
from dxtrack.i18n import current_lang, in_language, t
from dxtrack.i18n.reasons import reason_texts
from dxtrack.render import status_common as common
from dxtrack.render.escape import md_cell, md_text
from dxtrack.text import short_date, short_name


def cell(value) -> str:
    """One table cell (`render.escape.md_cell`; a `render.escape.Markdown` value as it is)."""
    return md_cell(value)


def table(head: list[str], rows: list[list], align: list[str] | None = None) -> list[str]:
    rule = [{"r": "---:", "c": ":---:"}.get(a, "---") for a in (align or ["l"] * len(head))]
    lines = ["| " + " | ".join(cell(h) for h in head) + " |", "| " + " | ".join(rule) + " |"]
    return lines + ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]


def top(status: Status, heading: str) -> list[str]:
    lines = [f"> **{common.banner()}**", ""] if status.sample else []
    phase = [md_text(line) for line in common.phase_lines(status)]
    return lines + [f"## {md_text(heading)}", "", *([*phase, ""] if phase else [])]


@in_language
def render_matrix(status: Status, width: int = 80, color: bool = False) -> str:
    lines = top(status, common.heading(status))
    ids = [r.id for r in status.requirements]
    head = [t("status.col.unit"), *ids, t("status.col.score"), t("status.col.last")]
    rows = [[short_name(u.unit.name), *(SYMBOLS[u.requirements[i].status] for i in ids),
             "—" if u.score is None else u.score, short_date(u.last_activity)] for u in status.active]
    lines += table(head, rows, ["l", *["c"] * len(ids), "r", "l"])
    lines += ["", md_text(common.legend()), "", md_text(common.summary(status))]
    if status.left_out:
        lines += ["", t("status.left_out", count=status.left_out)]
    if status.transferred:
        lines += ["", f"### {t('status.transferred_heading', count=len(status.transferred))}", ""]
        lines += [f"- {md_text(common.transferred_line(u))}" for u in status.transferred]
    lines += ["", "### " + t("status.col.requirement"), ""]
    lines += [f"- **{md_text(r.id)}** {md_text(common.title(r))}" for r in status.requirements]
    return "\n".join(lines) + "\n"


@in_language
def render_unit(detail, status: Status, width: int = 80, color: bool = False) -> str:
    u = detail.status
    lines = top(status, t("status.unit_title", name=u.unit.name, id=u.unit.id, as_of=short_date(status.as_of)))
    lines += [line + "  " for line in common.unit_facts(detail)] + [""]  # the program's words and numbers
    if u.state == "transferred":
        lines += [md_text(common.transferred_line(u)), ""]
    else:
        rows = [[f"{SYMBOLS[res.status]} {common.status_word(res.status)}", f"{r.id} {common.title(r)}",
                 " ".join(reason_texts(res.reasons, current_lang())) if res.status != "n/a" else ""]
                for r in status.requirements if (res := u.requirements[r.id])]
        lines += table([t("status.col.status"), t("status.col.requirement"), t("status.col.reasons")], rows)
        lines += [""]
    lines += tasks(detail) + months(detail)
    return "\n".join(lines).rstrip("\n") + "\n"


def tasks(detail) -> list[str]:
    plan = detail.status.plan
    if plan is None:
        return [f"### {md_text(t('status.no_plan', id=detail.status.unit.id))}", ""]
    lines = [f"### {md_text(common.plan_heading(plan))}", ""]
    rows = [[f"{common.task_symbol(s.state)} {s.id}", short_date(s.due), s.title, common.task_note(s)]
            for s in detail.tasks]
    if not rows:
        return lines + [t("status.no_tasks"), ""]
    return lines + table([t("status.col.task"), t("status.col.due"), "", ""], rows) + [""]


def months(detail) -> list[str]:
    if not detail.months:
        return []
    peak = max(c for _y, _m, c in detail.months)
    head = [t("status.col.month"), *(common.month_label(y, m) for y, m, _c in detail.months)]
    bars = ["", *(common.bar(c, peak) for _y, _m, c in detail.months)]
    counts = [t("status.col.count"), *(c for _y, _m, c in detail.months)]
    return [f"### {t('status.months_heading')}", ""] + table(head, [bars, counts]) + [""]
