"""What falls due (`evaluate.due.DueList`) → the terminal, JSON, an iCalendar file.

- table: grouped per unit (units in the order of their soonest item, each unit's items
  soonest first), one line an item: a mark (✗ overdue, ! today, ⏳ coming up), the date, how
  far it is ("quá hạn 12 ngày"), what it is (and, in one unit's list, who is in charge of a
  task); laid out for 80 columns, coloured only when asked (as `status_table`).
- json: `{as_of, as_of_requested?, phase: {id, name, from, to}, days, until, sample, items:
  [{unit, unit_name, kind, ref, title, due, state, days, params}]}`, in the order of the
  list (due date, then unit); `days` is negative when overdue; only `title` and a default
  phase name depend on the language.
- ics: an RFC 5545 calendar (written by the icalendar library), one all-day VEVENT per item.
  Its UID is made of what identifies the item, never of the run, the language or (except
  for an item that is a date: a report's due date) its due date:
  `<kind>/<unit>/<ref>/<phase>@<organization slug>.dxtrack`, the ref percent-encoded. So a
  calendar that subscribes to the file moves an event whose date changed (a task's new
  due date, a channel's next update) instead of adding another, and drops what is done.
  DTSTAMP is `as_of` at 00:00 UTC: two exports of the same data as of the same day are
  byte for byte the same.

Text from the user's files (names, titles, ids) is shown with control and invisible
characters escaped (`text.quote_safe`) in the table and JSON; in the calendar icalendar
escapes what RFC 5545 needs and the rest is escaped the same way.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from urllib.parse import quote

from dxtrack.evaluate.due import DueItem, DueList
from dxtrack.i18n import current_lang, in_language, t
from dxtrack.models import codes
from dxtrack.models.phases import add_days
from dxtrack.render import status_common
from dxtrack.text import quote_safe, short_date, short_name, slugify

MARKS = {"overdue": "✗", "today": "!", "upcoming": "⏳"}
STYLES = {"overdue": "bold red", "today": "bold yellow", "upcoming": "cyan"}


# ---------------------------------------------------------------- words shared by the formats

def phase_name(due: DueList) -> str:
    return quote_safe(status_common.phase_name(due.phase))


def phase_window(due: DueList) -> str:
    """`18/08/2025 – 31/12/2025` (`từ 18/08/2025` when the phase has no end)."""
    return status_common.phase_window(due.phase)


def what(item: DueItem) -> str:
    """What the item is, in the current language: "Nhiệm vụ t1: Hội nghị quán triệt"."""
    p = item.params
    if item.kind == "task":
        return t("due.what.task", id=item.ref or "", title=p["title"])
    if item.kind == "review":
        label = codes.label("review_kind", p["review_kind"], current_lang())
        return t("due.what.review", label=label[:1].upper() + label[1:] if current_lang() == "vi" else label)
    if item.kind == "channel":
        return t("due.what.channel", title=p["title"], cadence=p["cadence_days"],
                 last=short_date(date.fromisoformat(p["last"])))
    return t(f"due.what.{item.kind}")


def distance(item: DueItem, due: DueList) -> str:
    """How far the item is from `as_of`: "quá hạn 12 ngày", "hôm nay", "còn 5 ngày" ("đến
    hạn" on an `as_of` that is not today)."""
    days = item.days(due.as_of)
    if days < 0:
        return t("due.overdue_day") if days == -1 else t("due.overdue_days", days=-days)
    if days == 0:
        return t("due.today") if due.as_of == due.today else t("due.on_as_of")
    return t("due.tomorrow") if days == 1 else t("due.in_days", days=days)


def details(item: DueItem, owner: bool = True) -> list[str]:
    """The item's other facts (a task's owner, a review's note), as lines."""
    p = item.params
    found = [t("due.owner", owner=p["owner"])] if owner and p.get("owner") else []
    return found + ([t("due.note", note=p["note"])] if p.get("note") else [])


def unit_label(item: DueItem) -> str:
    return quote_safe(short_name(item.unit_name))


def range_line(due: DueList) -> str:
    key = "due.range_end" if due.phase.end is not None and due.until == due.phase.end and \
        due.until < add_days(due.as_of, due.days) else "due.range"
    return t(key, as_of=short_date(due.as_of), until=short_date(due.until), days=due.days)


def notes(due: DueList) -> list[str]:
    """A word when the list is as of the phase's end rather than the day asked for, or today."""
    end = short_date(due.phase.end)
    if due.requested is not None:
        return [t("due.as_of_clamped", requested=short_date(due.requested), end=end)]
    return [t("due.phase_over", end=end)] if due.phase_over and due.as_of == due.phase.end else []


# ---------------------------------------------------------------- table

@in_language
def render_table(due: DueList, width: int = 80, color: bool = False) -> str:
    from rich.table import Table
    from rich.text import Text

    from dxtrack.render.status_table import console, output

    con = console(width, color)
    if due.sample:
        con.print(Text(" " + t("status.banner") + " ", style="bold black on yellow"))
    con.print(Text(t("due.title", phase=phase_name(due), window=phase_window(due)), style="bold"))
    for line in [range_line(due), *notes(due)]:
        con.print(Text(line))
    if not due.items:
        con.print()
        con.print(Text(_empty(due), style="green"))
        return output(con)
    on_key = "due.counts_today" if due.as_of == due.today else "due.counts_on"
    con.print(Text(t("due.counts", on_key=on_key, as_of=short_date(due.as_of),
                     **{s: len(due.of_state(s)) for s in ("overdue", "today", "upcoming")})))
    for _unit, items in _by_unit(due.items):
        con.print()
        con.print(Text(f"{quote_safe(items[0].unit_name)} ({items[0].unit_id})", style="bold"))
        grid = Table.grid(padding=(0, 1), pad_edge=False)
        for min_width in (3, 10, 10):
            grid.add_column(min_width=min_width, no_wrap=True)
        grid.add_column(ratio=1)
        for item in items:
            style = STYLES[item.state]
            text = Text(quote_safe(what(item)))
            for line in details(item, owner=due.unit is not None):  # a task's owner: for one unit's list
                text.append("\n" + quote_safe(line), style="dim")
            grid.add_row(Text(" " + MARKS[item.state], style=style), short_date(item.due),
                         Text(distance(item, due), style=style), text)
        con.print(grid)
    con.print()
    con.print(Text(t("due.legend", on_key="due.legend_today" if due.as_of == due.today else "due.legend_on",
                     as_of=short_date(due.as_of)), style="dim"))
    con.print(Text(t("due.hint"), style="dim"))
    return output(con)


def _empty(due: DueList) -> str:
    if due.unit_name is not None:
        return t("due.empty_unit", name=short_name(due.unit_name), days=due.days)
    return t("due.empty", days=due.days)


def _by_unit(items: tuple[DueItem, ...]) -> list[tuple[str, list[DueItem]]]:
    """The items per unit, units in the order of their soonest item (the list's order)."""
    groups: dict[str, list[DueItem]] = {}
    for item in items:
        groups.setdefault(item.unit_id, []).append(item)
    return list(groups.items())


# ---------------------------------------------------------------- JSON

def due_dict(due: DueList) -> dict:
    found: dict = {"as_of": due.as_of.isoformat()}
    if due.requested is not None:
        found["as_of_requested"] = due.requested.isoformat()
    found.update({
        "phase": status_common.phase_dict(due.phase),
        "days": due.days, "until": due.until.isoformat(), "sample": due.sample,
        "items": [item_dict(i, due.as_of) for i in due.items],
    })
    return found


def item_dict(item: DueItem, as_of: date) -> dict:
    return {"unit": item.unit_id, "unit_name": item.unit_name, "kind": item.kind, "ref": item.ref,
            "title": what(item), "due": item.due.isoformat(), "state": item.state, "days": item.days(as_of),
            "params": item.params}


@in_language
def render_json(due: DueList, width: int = 80, color: bool = False) -> str:
    from dxtrack.render.escape import json_text  # JSON with every control or invisible character escaped

    return json_text(due_dict(due))


# ---------------------------------------------------------------- iCalendar

def uid(item: DueItem, due: DueList) -> str:
    """`task/bo-y-te/t1/2025@dang-uy-chinh-phu.dxtrack`: the item's identity (see the module's doc)."""
    # surrogateescape: a ref that is a file name not in UTF-8 is encoded as the bytes it is
    ref = [quote(item.ref, safe="", errors="surrogateescape")] if item.ref is not None else []
    parts = [item.kind, item.unit_id, *ref, due.phase.id]
    return "/".join(parts) + f"@{slugify(due.organization) or 'tracker'}.dxtrack"


@in_language
def render_ics(due: DueList, width: int = 80, color: bool = False) -> str:
    from icalendar import Calendar

    from dxtrack import __version__

    cal = Calendar()
    cal.add("prodid", f"-//dxtrack//dxtrack {__version__}//{current_lang().upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = t("due.ics.calname", organization=due.organization, phase=phase_name(due))
    cal.add("x-wr-calname", quote_safe(t("due.ics.sample", name=name) if due.sample else name))
    stamp = datetime.combine(due.as_of, time(0, 0), tzinfo=UTC)
    for item in due.items:
        cal.add_component(_event(item, due, stamp))
    return cal.to_ical().decode("utf-8")


def _event(item: DueItem, due: DueList, stamp: datetime):
    from icalendar import Event

    event = Event()
    event.add("uid", uid(item, due))
    event.add("dtstamp", stamp)
    event.add("dtstart", item.due)
    event.add("dtend", add_days(item.due, 1))  # 31/12/9999: the calendar ends there
    event.add("summary", quote_safe(t("due.ics.summary", unit=short_name(item.unit_name), what=what(item))))
    lines = [what(item), *details(item), t("due.ics.unit", name=item.unit_name),
             t("due.ics.phase", phase=phase_name(due), window=phase_window(due)),
             t("due.ics.directive", directive=due.directive, organization=due.organization)]
    if due.sample:
        lines.insert(0, t("status.banner"))
    event.add("description", "\n".join(quote_safe(line) for line in lines))
    event.add("transp", "TRANSPARENT")
    event.add("categories", [item.kind])
    return event
