"""Section III of the report, "Hạn chế, tồn tại": grouped by shortcoming, not by unit.

The shortcomings come from the requirement statuses: each reason (a code and its
parameters, `evaluate.reasons`) of a partial or missing requirement is one shortcoming
(`SHORTFALLS`: reason code → key, parameters, and what to say of the one unit in brackets).
A unit is named once per shortcoming; the sentences go from the one that affects most units
to the one that affects fewest: "4 đơn vị chưa tổ chức tổng kết cuối giai đoạn: A, B, C và D."
A unit with nothing recorded in the period gets one sentence, and no other.

Each shortcoming's words are the predicate `report.iii.<key>` (what follows the units), and
optionally `report.iii.<key>.same` holding `{detail}`, used when every unit has the same one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from dxtrack.i18n import current_lang, has, t
from dxtrack.models import codes
from dxtrack.models.codes import PRESS_OUTLETS
from dxtrack.report.context import Context, capital, join_words, plan_of
from dxtrack.report.model import Para
from dxtrack.text import short_date, short_name, vi_sort_key


@dataclass
class Shortfall:
    key: str
    params: dict
    order: int                                       # first found: catalog order breaks ties
    group: str = ""                                  # the requirement group it was first found in
    units: dict[str, str | None] = field(default_factory=dict)   # unit name → its detail


Found = list[tuple[str, dict, str | None]]          # (key, params, detail) of one reason


def _label(list_name: str, code: str) -> str:
    return codes.label(list_name, code, current_lang())


def _either(list_name: str, group: list[str]) -> str:
    names = [_label(list_name, c) for c in group]
    return t("report.word.or").join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


def _day(value: str | None) -> str:
    from datetime import date

    return short_date(date.fromisoformat(value)) if value else "—"


def _days_late(report: dict) -> int:
    from datetime import date

    return (date.fromisoformat(report["sent"]) - date.fromisoformat(report["due"])).days


def _event_kind(req: str, p: dict) -> Found:
    kinds = {k for g in p.get("kinds", []) for k in g}
    for kind, key in (("dissemination", "no_dissemination"), ("commendation", "no_commendation"),
                      ("party_cell_session", "no_party_cell"), ("mass_org_session", "no_mass_org"),
                      ("talkshow", "no_programme")):
        if kind in kinds:
            return [(key, {}, None)]
    return [("no_event_kind", {"kinds": join_words([_either("event_kind", g) for g in p.get("kinds", [])])}, None)]


def _outlet(req: str, p: dict) -> Found:
    groups = p.get("outlets", [])
    if req.startswith("2.2"):
        return [("press_outlets", {}, join_words([_either("outlet", g) for g in groups]))]
    found: Found = []
    if any(set(g) & set(PRESS_OUTLETS) for g in groups):
        found.append(("no_press", {}, None))
    if any(not set(g) & set(PRESS_OUTLETS) for g in groups):
        found.append(("no_digital", {}, None))
    return found


def _mode(req: str, p: dict) -> Found:
    modes = p.get("modes", [])
    if len(modes) > 1:
        return [("no_events", {}, None)]
    return [("no_online" if modes == ["online"] else "no_in_person", {}, None)]


def _tasks(key: str) -> Callable[[str, dict], Found]:
    return lambda req, p: [(key, {}, t("report.iii.n_task", count=len(p.get("tasks", []))))]


def _plain(key: str) -> Callable[[str, dict], Found]:
    return lambda req, p: [(key, {}, None)]


SHORTFALLS: dict[str, Callable[[str, dict], Found]] = {
    "no_plan": lambda req, p: [("no_plan", {}, t("report.iii.plan_left_out", file=p["file"]) if p.get("file")
                                else None)],
    "plan_lacks": lambda req, p: [("plan_lacks", {"field": t("plan_field." + f)}, None) for f in p["fields"]],
    "no_tasks": _plain("no_tasks"),
    "task_no_owner": _tasks("task_no_owner"),
    "no_review": _plain("no_review"),
    "no_event_kind": _event_kind,
    "event_audience": lambda req, p: [("dissemination_reach", {}, t(
        "report.iii.not_reached", who=join_words([_either("audience", g) for g in p.get("audiences", [])])))],
    "no_event_mode": _mode,
    "no_leaders": _plain("no_programme"),
    "no_partners": lambda req, p: [("no_partners", {}, join_words(list(p.get("partners", []))))],
    "no_outlet": _outlet,
    "no_product_kind": _plain("no_multimedia"),
    "no_product_topic": lambda req, p: [("press_topics", {},
                                         join_words([_label("topic", x) for x in p.get("topics", [])]))],
    "no_products": _plain("no_products"),
    "few_product_kinds": lambda req, p: [("few_kinds", {"need": p["need"]},
                                          join_words([_label("product_kind", k) for k in p.get("kinds", [])]))],
    "no_product_audience": lambda req, p: [("product_audience", {},
                                            t("report.iii.n_product", count=len(p.get("titles", []))))],
    "topic_missing": lambda req, p: [("topic", {"topic": _label("topic", p["topic"])}, None)],
    "topic_only_planned": lambda req, p: [("topic", {"topic": _label("topic", p["topic"])},
                                           t("report.iii.only_planned"))],
    "no_channel": _plain("no_channel"),
    "channel_stale": lambda req, p: [("channel_stale", {}, t("report.iii.last_update", date=_day(p.get("last"))))],
    "started_late": lambda req, p: [("started_late", {"max": p["max"], "since": t("report.iii.since_" + p["basis"])},
                                     t("report.iii.first_record", date=_day(p["first"])))],
    "never_started": _plain("never_started"),
    "no_dated_tasks": _plain("no_dated_tasks"),
    "tasks_undone": _tasks("tasks_undone"),
    "tasks_late": _tasks("tasks_late"),
    "gap_too_long": lambda req, p: [("long_gap", {"max": p["max"]}, t("report.iii.gap", days=p["days"]))],
    "no_final_review": _plain("no_final_review"),
    "reports_missing": lambda req, p: [("reports_missing", {}, join_words([_day(d) for d in p.get("due", [])]))],
    "reports_late": lambda req, p: [("reports_late", {}, join_words(
        [t("report.iii.late_report", days=_days_late(x)) for x in p.get("reports", [])]))],
}


def shortfalls(ctx: Context) -> list:
    """The blocks of section III: a sentence per shortcoming of several units, most units
    first; then, per unit, one sentence holding the shortcomings that are its alone."""
    found = collect(ctx)
    lone = ctx.unit is not None
    blocks: list = [Para(t("report.iii.intro"))] if found and not lone else []
    if lone:
        blocks += [Para(shortfall_text(s, lone=True)) for s in found]
    else:
        blocks += [Para(text) for text in _themes([s for s in found if len(s.units) > 1])]
        alone = _alone(found)
        if alone:  # the shortcomings that are one unit's alone: one paragraph, a sentence per unit
            blocks.append(Para(" ".join(alone)))
    if lone and not ctx.scope:  # gone before the phase: nothing assessed
        blocks.append(Para(t("report.iii.not_assessed")))
    elif not found and ctx.scope:
        blocks.append(Para(t("report.iii.none_unit", unit=ctx.scope[0].unit.name) if lone else t("report.iii.none")))
    left_out = ctx.unit.left_out if ctx.unit else ctx.status.left_out
    if left_out:
        blocks.append(Para(t("report.left_out", count=left_out), "note"))
    return blocks


def collect(ctx: Context) -> list[Shortfall]:
    """Every shortcoming of the units reported on, most units first (then in catalog order)."""
    found: dict[tuple, Shortfall] = {}

    def add(key: str, params: dict, detail: str | None, unit: str, group: str = "") -> None:
        entry = found.setdefault((key, tuple(sorted(params.items()))), Shortfall(key, params, len(found), group))
        entry.units.setdefault(unit, detail)

    for us in ctx.scope:
        if not ctx.records_of(us.unit.id):
            add("no_activity" if plan_of(ctx, us) else "no_activity_no_plan", {}, None, us.unit.name)
            continue
        for req in ctx.status.requirements:
            rs = us.requirements.get(req.id)
            if rs is None or str(rs.status) not in ("partial", "missing"):
                continue
            for reason in rs.reasons:
                make = SHORTFALLS.get(reason.code)
                items = make(req.id, reason.params) if make else \
                    [("requirement", {"title": _title(req)}, None)]
                for key, params, detail in items:
                    add(key, params, detail, us.unit.name, req.group)
    for s in found.values():  # what another shortcoming of the unit already says
        for name in [n for n in s.units if any(name_in(found, n, k) for k in IMPLIED_BY.get(s.key, ()))]:
            del s.units[name]
    return sorted((s for s in found.values() if s.units), key=lambda s: (-len(s.units), s.order))


# a shortcoming left unsaid for a unit that has one of these (no products at all says "no press product")
IMPLIED_BY: dict[str, tuple[str, ...]] = {
    "no_press": ("no_products",), "no_digital": ("no_products",), "few_kinds": ("no_products",),
    "press_outlets": ("no_products",), "no_multimedia": ("no_products",), "press_topics": ("no_products",),
    "channel_stale": ("no_channel",), "dissemination_reach": ("no_dissemination",),
    "no_online": ("no_events",), "no_in_person": ("no_events",),
}


def name_in(found: dict, unit: str, key: str) -> bool:
    return any(s.key == key and unit in s.units for s in found.values())


def _themes(found: list[Shortfall]) -> list[str]:
    """The shortcomings of several units, a paragraph per requirement group (direction; content
    and forms; the press; timeliness), most units first inside it; units with nothing recorded
    first of all."""
    from dxtrack.catalog import GROUPS

    paragraphs = [shortfall_text(s) for s in found if not s.group]
    for group in GROUPS:
        sentences = [shortfall_text(s) for s in found if s.group == group]
        if sentences:
            paragraphs.append(" ".join(sentences))
    return paragraphs


def _alone(found: list[Shortfall]) -> list[str]:
    """"Đảng ủy A chưa …; chưa …; chưa …": the shortcomings of one unit only, a sentence per unit."""
    by_unit: dict[str, list[str]] = {}
    topics: dict[str, list[str]] = {}   # the topics a unit alone has not covered: one clause
    for s in found:
        if len(s.units) == 1:
            ((name, detail),) = s.units.items()
            if s.key == "topic":
                if name not in topics:
                    topics[name] = []
                    by_unit.setdefault(name, []).append("")   # its place among the unit's clauses
                topics[name].append(s.params["topic"] + (t("report.iii.bracket", detail=detail) if detail else ""))
            else:
                by_unit.setdefault(name, []).append(_predicate(s, detail))
    for name, covered in topics.items():
        by_unit[name] = [p or t("report.iii.topic", topic=join_words(covered)) for p in by_unit[name]]
    return [t("report.iii.one", unit=name, pred="; ".join(preds))
            for name, preds in sorted(by_unit.items(), key=lambda kv: (-len(kv[1]), vi_sort_key(kv[0])))]


def _predicate(s: Shortfall, detail: str | None) -> str:
    """What follows the unit named, with its detail: the `.same` words, or the detail in brackets."""
    base = f"report.iii.{s.key}"
    if detail and has(base + ".same"):
        return t(base + ".same", detail=detail, **s.params)
    return t(base, **s.params) + (t("report.iii.bracket", detail=detail) if detail else "")


def _title(req) -> str:
    from dxtrack.catalog import title_of

    return title_of(req, current_lang())


def shortfall_text(s: Shortfall, lone: bool = False) -> str:
    """One sentence: "4 đơn vị chưa …: A, B, C và D.", "Một số đơn vị chưa …: A (chi tiết), B
    (chi tiết).", "Đảng ủy A chưa … (chi tiết)."; in a unit's own report the predicate alone:
    "Chưa …". A detail all the units share is said once (`.same`), or left out. Units listed
    after a colon go by their short names ("Bộ Y tế" for "Đảng ủy Bộ Y tế"), as lists do."""
    names = sorted(s.units, key=vi_sort_key)
    details = [s.units[n] for n in names]
    if lone or len(names) == 1:
        pred = _predicate(s, details[0])
        return capital(pred) + "." if lone else t("report.iii.one", unit=names[0], pred=pred)
    base = f"report.iii.{s.key}"
    if len(set(details)) == 1:  # the same for all (or none): a plain list of names
        same = details[0]
        pred = t(base + ".same", detail=same, **s.params) if same and has(base + ".same") else t(base, **s.params)
        return t("report.iii.many", count=len(names), pred=pred, units=join_words([short_name(n) for n in names]))
    listed = [t("report.iii.with_detail", name=short_name(n), detail=d) if d else short_name(n)
              for n, d in zip(names, details, strict=True)]
    return t("report.iii.some", pred=t(base, **s.params), units=join_words(listed))
