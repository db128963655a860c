"""Status → the terminal: the units × requirements matrix, and one unit in detail.

Built with rich for colour (none when `color` is False, e.g. NO_COLOR or not a
terminal) and laid out by hand so that the matrix fits an 80-column terminal: short
unit names, one 2-cell slot per requirement (⏳ is two cells wide), grouped columns.

Nothing from the user's files is read as rich markup (the console has none: a title `[/]`
or `[link=…]` prints as it is, never a style or an OSC 8 link), and every text from them is
shown with its control and invisible characters escaped (`text.quote_safe`: `\\x1b`, `\\n`).
"""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from dxtrack.catalog import groups
from dxtrack.evaluate.status import SYMBOLS, Status, UnitStatus
from dxtrack.i18n import current_lang, in_language, t
from dxtrack.i18n.reasons import reason_texts
from dxtrack.render import status_common as common
from dxtrack.text import not_a_command, quote_safe, short_date, short_name

STYLES = {"met": "green", "partial": "yellow", "missing": "bold red", "not_due": "cyan", "n/a": "dim"}
TASK_STYLES = {"overdue": "bold red", "late": "yellow", "done": "green", "due_today": "bold yellow"}
FIXED = 1 + 44 + 3 + 4 + 2 + 10   # after the name: slots (the last one's space included),
#                                   group gaps, score, last activity
MIN_NAME = 14


def console(width: int, color: bool) -> Console:
    """The console every terminal renderer writes into: styles only from `Text(..., style=)`,
    never from markup in a string (markup=False), no emoji codes, no highlighting."""
    return Console(file=io.StringIO(), width=max(width, 40), force_terminal=color, no_color=not color,
                   color_system="standard" if color else None, markup=False, highlight=False, emoji=False,
                   soft_wrap=False, legacy_windows=False)


def output(con: Console) -> str:
    """What was printed into `con`, lines right-stripped; no line a workflow command (a unit
    named `::error …` starts a row of the matrix: `text.not_a_command`)."""
    buffer = con.file
    assert isinstance(buffer, io.StringIO)  # the file console() writes into
    return not_a_command("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))


def pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - cell_len(text))
    return gap + text if right else text + gap


def score_style(score: int | None) -> str:
    if score is None:
        return "dim"
    return "green" if score >= 80 else "yellow" if score >= 50 else "bold red"


def print_top(con: Console, status: Status, subtitle: str) -> None:
    if status.sample:
        con.print(Text(" " + common.banner() + " ", style="bold black on yellow"))
    con.print(Text(subtitle, style="bold"))
    for line in common.phase_lines(status):
        con.print(Text(line))


# ---------------------------------------------------------------- the matrix

@in_language
def render_matrix(status: Status, width: int = 80, color: bool = False) -> str:
    con = console(width, color)
    print_top(con, status, common.heading(status))
    if not status.units:
        con.print(t("status.no_units"))
        return output(con)
    name_width = max(MIN_NAME, min(width - FIXED, max(cell_len(quote_safe(short_name(u.unit.name)))
                                                      for u in status.units)))
    grouped = groups(status.requirements)
    con.print()
    for line in header_lines(grouped, name_width):
        con.print(Text(line, style="bold"), overflow="crop", no_wrap=True)
    rows = [matrix_row(unit, grouped, name_width) for unit in status.active]
    for row in rows:
        con.print(row, overflow="crop", no_wrap=True)
    if max((row.cell_len for row in rows), default=0) > con.width:  # say so, never hide columns silently
        con.print(Text(t("status.cropped", width=con.width), style="yellow"))
    print_footer(con, status)
    return output(con)


def header_lines(grouped, name_width: int) -> list[str]:
    top, bottom = " " * (name_width + 1), pad(t("status.col.unit"), name_width) + " "
    for index, (group, reqs) in enumerate(grouped):
        gap = " " if index else ""
        top += gap + pad(group, 2 * len(reqs))
        bottom += gap + "".join(pad(common.sub_id(r), 2) for r in reqs)
    bottom += pad(t("status.col.score"), 4, right=True) + "  " + t("status.col.last")
    return [top.rstrip(), bottom]


def matrix_row(unit: UnitStatus, grouped, name_width: int) -> Text:
    row = Text(pad(common.fit_name(quote_safe(unit.unit.name), name_width), name_width) + " ")
    for index, (_group, reqs) in enumerate(grouped):
        if index:
            row.append(" ")
        for req in reqs:
            state = unit.requirements[req.id].status
            row.append(pad(SYMBOLS[state], 2), style=STYLES[state])
    score = "—" if unit.score is None else str(unit.score)
    row.append(pad(score, 4, right=True), style=score_style(unit.score))
    row.append("  " + short_date(unit.last_activity))
    return row


def print_footer(con: Console, status: Status) -> None:
    con.print()
    con.print(common.legend())
    con.print(common.summary(status))
    if status.left_out:
        con.print(Text(t("status.left_out", count=status.left_out), style="yellow"))
    if status.transferred:
        con.print()
        con.print(Text(t("status.transferred_heading", count=len(status.transferred)), style="bold"))
        for unit in status.transferred:
            con.print(Padding(common.transferred_line(unit), (0, 0, 0, 2)))
    con.print()
    con.print(Text(t("status.hint"), style="dim"))


# ---------------------------------------------------------------- one unit

@in_language
def render_unit(detail, status: Status, width: int = 80, color: bool = False) -> str:
    con = console(width, color)
    unit = detail.status
    print_top(con, status, t("status.unit_title", name=unit.unit.name, id=unit.unit.id,
                                as_of=short_date(status.as_of)))
    for line in common.unit_facts(detail):
        con.print(line)
    if unit.state == "transferred":
        con.print(Text(common.transferred_line(unit), style="bold"))
    else:
        print_requirements(con, status, unit)
    print_tasks(con, detail)
    print_months(con, detail)
    print_recent(con, detail)
    return output(con)


def print_requirements(con: Console, status: Status, unit: UnitStatus) -> None:
    for group, reqs in groups(status.requirements):
        con.print()
        con.print(Text(t(f"status.group.{group}"), style="bold"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(min_width=2, no_wrap=True)
        grid.add_column(min_width=5, no_wrap=True)
        grid.add_column(ratio=1)
        for req in reqs:
            result = unit.requirements[req.id]
            text = Text(common.title(req))
            for reason in reason_texts(result.reasons, current_lang()) if result.status != "n/a" else []:
                text.append("\n" + reason, style="dim" if result.status == "not_due" else "")
            grid.add_row(Text(SYMBOLS[result.status], style=STYLES[result.status]), req.id, text)
        con.print(grid)


def print_tasks(con: Console, detail) -> None:
    con.print()
    plan = detail.status.plan
    if plan is None:
        con.print(Text(t("status.no_plan", id=detail.status.unit.id), style="bold"))
        return
    con.print(Text(common.plan_heading(plan), style="bold"))
    if not detail.tasks:
        con.print("  " + t("status.no_tasks"))
        return
    grid = Table.grid(padding=(0, 1))
    grid.add_column(min_width=2, no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(min_width=10, no_wrap=True)
    grid.add_column(ratio=1)
    for task in detail.tasks:
        style = TASK_STYLES.get(task.state, "")
        grid.add_row(Text(common.task_symbol(task.state), style=style), Text(quote_safe(task.id)),
                     short_date(task.due), Text(quote_safe(task.title) + " — " + common.task_note(task), style=style))
    con.print(grid)


def print_months(con: Console, detail) -> None:
    months = detail.months[-max(1, (con.width - 2) // 6):]
    if not months:
        return
    peak = max(count for _y, _m, count in months)
    con.print()
    con.print(Text(t("status.months_heading"), style="bold"))
    con.print("  " + " ".join(pad(common.month_label(y, m), 5) for y, m, _c in months))
    bars = Text("  ")
    for _y, _m, count in months:
        bars.append(pad(common.bar(count, peak) * 2, 5) + " ", style="bold red" if count == 0 else "")
    con.print(bars)
    con.print("  " + " ".join(pad(str(c), 5) for _y, _m, c in months))


def print_recent(con: Console, detail) -> None:
    if not detail.recent:
        return
    con.print()
    con.print(Text(t("status.recent_heading"), style="bold"))
    grid = Table.grid(padding=(0, 1))
    kinds = {record.type for _when, record in detail.recent}
    grid.add_column(min_width=10, no_wrap=True)
    grid.add_column(min_width=max(cell_len(t("status.type1." + k)) for k in kinds), no_wrap=True)
    grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    for when, record in detail.recent:
        grid.add_row(short_date(when), t("status.type1." + record.type), Text(quote_safe(record.title)))
    con.print(grid)
