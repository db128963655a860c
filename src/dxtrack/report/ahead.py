"""Section IV of the report, "Phương hướng, nhiệm vụ thời gian tới": what is overdue and still
open, then what falls due next — the items of `dxtrack due` (`evaluate.due.due_items`) in the
report's window, by unit. At the end of a phase: what the next period must finish, and the
next phase, if there is one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from dxtrack.evaluate.due import DueItem, due_items
from dxtrack.evaluate.window import Window
from dxtrack.i18n import current_lang, t
from dxtrack.models import codes
from dxtrack.models.phases import add_days
from dxtrack.report.context import Context, as_object, capital, join_words
from dxtrack.report.model import Para
from dxtrack.text import short_date, short_name, vi_sort_key

HORIZON_DAYS = 60          # what falls due this far ahead (and no later than the phase's end)
SHARED_KINDS = ("report", "final_review")   # deadlines that say nothing of their unit: one line for all


def ahead(ctx: Context) -> list:
    """The blocks of section IV."""
    phase = ctx.status.phase
    if ctx.unit is not None and not ctx.scope:  # a unit's own report, the unit gone before the phase
        return _handed_over(ctx, [])
    if phase is None or not ctx.scope:
        return [Para(_keep(ctx))]
    ended = phase.end is not None and ctx.end >= phase.end
    # plan tasks, reviews, reports; a channel's next update is said once for all, in the last sentence
    items = [i for i in _items(ctx) if i.kind != "channel"]
    if ctx.left is not None:
        return _handed_over(ctx, items)
    open_ = [i for i in items if i.state == "overdue" or (ended and i.state == "today")]
    coming = [i for i in items if i not in open_]
    blocks: list = []
    if ended:
        blocks.append(Para(_phase_over(ctx)))
        blocks += _listed(ctx, open_, "report.iv.carry_intro") if open_ else [Para(t("report.iv.nothing_left"))]
    else:
        blocks += _listed(ctx, open_, "report.iv.overdue_intro")
        until = short_date(_until(ctx))
        blocks += _listed(ctx, coming, "report.iv.coming_intro", until=until) if coming else \
            [Para(t("report.iv.nothing_coming", until=until))]
    blocks.append(Para(_keep(ctx)))
    return blocks


def _until(ctx: Context) -> date:
    """The last day of what falls due: the horizon, but no later than the phase's end."""
    phase = ctx.status.phase
    horizon = add_days(ctx.end, HORIZON_DAYS)
    return min(horizon, phase.end) if phase is not None and phase.end else horizon


def _items(ctx: Context) -> list[DueItem]:
    phase = ctx.status.phase
    assert phase is not None
    ids = {us.unit.id for us in ctx.scope}
    unit = ctx.scope[0].unit.id if ctx.unit is not None else None
    found = due_items(ctx.repo, Window(phase, ctx.end, None, ctx.status.phases), HORIZON_DAYS, unit)
    return [i for i in found.items if i.unit_id in ids]


def _phase_over(ctx: Context) -> str:
    from dxtrack.render.status_common import phase_name

    phase = ctx.status.phase
    assert phase is not None and phase.end is not None
    later = [p for p in ctx.status.phases if p.start > phase.end]
    text = t("report.iv.phase_over", phase=phase_name(phase), end=short_date(phase.end))
    if later:
        return text + " " + t("report.iv.next_phase", phase=phase_name(later[0]), start=short_date(later[0].start))
    return text


def _listed(ctx: Context, items: list[DueItem], intro: str, **params) -> list:
    """An introducing sentence, then the lines: in the organisation's report one per kind of
    deadline every unit has (reports, reviews: the units and their dates), then one per unit for
    its own tasks and channels; in a unit's own report one per item."""
    if not items:
        return []
    blocks: list = [Para(t(intro, **params))]
    if ctx.unit is not None:
        return blocks + [Para(capital(item_text(i)) + ".", "bullet") for i in items]
    shared: dict[str, list[DueItem]] = {}
    by_unit: dict[str, list[DueItem]] = {}
    for item in items:
        key = _shared_key(item)
        if key:
            shared.setdefault(key, []).append(item)
        else:
            by_unit.setdefault(item.unit_name, []).append(item)
    for key, group in sorted(shared.items(), key=lambda kv: (min(i.due for i in kv[1]), kv[0])):
        blocks.append(Para(t("report.iv.unit_line", unit=capital(_what(key)), items=_who_when(ctx, group)), "bullet"))
    for name in sorted(by_unit, key=vi_sort_key):
        texts = [item_text(i) for i in by_unit[name]]
        blocks.append(Para(t("report.iv.unit_line", unit=name, items="; ".join(texts)), "bullet"))
    return blocks


def _shared_key(item: DueItem) -> str | None:
    """What a deadline is, when it says nothing of its unit: a report date, the final review,
    a planned review of a kind (None for a unit's own task or channel)."""
    if item.kind == "review":
        kind = item.params.get("review_kind")
        return "final_review" if kind == "final_review" else f"review:{kind}"
    return item.kind if item.kind in SHARED_KINDS else None


def _what(key: str) -> str:
    if key.startswith("review:"):
        return t("report.iv.what.review", kind=codes.label("review_kind", key.split(":", 1)[1], current_lang()))
    return t(f"report.iv.what.{key}")


def _who_when(ctx: Context, group: list[DueItem]) -> str:
    """"các đơn vị (hạn 15/12/2026)", "A, B (hạn 31/12/2026)" or "A (18/12/2026), B (20/12/2026)"."""
    days = sorted({i.due for i in group})
    names = sorted({i.unit_name for i in group}, key=vi_sort_key)
    every = len(names) == len(ctx.scope) and len(names) > 1
    if len(days) == 1:
        who = t("report.all_units") if every else join_words([short_name(n) for n in names])
        return t("report.iv.by_date", who=who, date=short_date(days[0]))
    if every:  # every unit, each by the date of its own plan
        return t("report.iv.all_by", date=short_date(days[-1]))
    ordered = sorted(group, key=lambda i: (i.due, vi_sort_key(i.unit_name)))
    return join_words([t("report.iv.on_date", who=short_name(i.unit_name), date=short_date(i.due)) for i in ordered])


def _task(i: DueItem) -> str:
    return t("report.iv.task", title=i.params.get("title", i.ref or ""), date=short_date(i.due))


def _review(i: DueItem) -> str:
    return t("report.iv.review", kind=codes.label("review_kind", i.params["review_kind"], current_lang()),
             date=short_date(i.due))


def _channel(i: DueItem) -> str:
    last = i.params.get("last")
    what = as_object(i.params.get("title", ""), "channel_kind", i.params["channel_kind"])
    return t("report.iv.channel", what=what, last=short_date(date.fromisoformat(last)) if last else "—")


ITEM_TEXTS: dict[str, Callable[[DueItem], str]] = {
    "task": _task,
    "review": _review,
    "report": lambda i: t("report.iv.report", date=short_date(i.due)),
    "final_review": lambda i: t("report.iv.final_review", date=short_date(i.due)),
    "channel": _channel,
}


def item_text(item: DueItem) -> str:
    return ITEM_TEXTS[item.kind](item)


def _keep(ctx: Context) -> str:
    settings = ctx.status.settings
    body = settings.report_to or ""
    if body.endswith(" " + ctx.org):  # "Ban Tuyên giáo và Dân vận Đảng ủy Chính phủ": "(qua Ban … và Dân vận)"
        body = body[: -len(ctx.org) - 1]
    via = t("report.iv.via", body=body) if body else ""
    from dxtrack.report.results import speaker

    return capital(t("report.iv.keep", who=speaker(ctx), organization=ctx.org, via=via))


def _handed_over(ctx: Context, items: list[DueItem]) -> list:
    assert ctx.unit is not None
    unit = ctx.unit.unit
    to = t("report.transferred_to", body=unit.moved_to) if unit.moved_to else ""
    blocks: list = [Para(t("report.iv.transferred", unit=unit.name, to=to,
                           date=short_date(unit.until)))]
    if items:
        blocks.append(Para(t("report.iv.handover_intro")))
        blocks += [Para(capital(item_text(i)) + ".", "bullet") for i in items]
    return blocks
