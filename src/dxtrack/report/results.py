"""Section II of the report, "Kết quả thực hiện": by requirement group (1, 2.1, 2.2, 3), in
prose with figures ("11/14 đơn vị đã ...; Đảng ủy A và Đảng ủy B chưa ..."), then a short
selection of notable activities and products. The tables are in the appendices.

Each requirement's clauses are messages `report.ii.<id>.<status>` (the predicate that follows
the units named); a few requirements tell their partial or missing units apart by what is
missing (`VARIANTS`: `report.ii.<id>.<status>.<variant>`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from dxtrack.evaluate.status import RequirementStatus, UnitStatus
from dxtrack.i18n import current_lang, has, t
from dxtrack.models import Channel, Event, Product, codes
from dxtrack.models.codes import DIGITAL_OUTLETS, PRESS_OUTLETS
from dxtrack.report.context import (
    Context,
    as_object,
    capital,
    join_words,
    plan_of,
    sentence,
    share,
    status_of,
    subject,
    thousands,
)
from dxtrack.report.model import Para
from dxtrack.text import round_half_up, short_date, short_name, vi_sort_key

TOPICS = (("2.1.a", "significance"), ("2.1.b", "plan02"), ("2.1.c", "public_services"),
          ("2.1.d", "models"), ("2.1.e", "counter_misinformation"))
REVIEW_KINDS = ("inspection", "supervision", "preliminary_review", "final_review")
MASS_KINDS = ("mass_org_session", "cultural_event", "emulation")
PROGRAMME_KINDS = ("talkshow", "seminar", "online_exchange")
MULTIMEDIA_KINDS = ("video_clip", "reportage", "documentary", "infographic")
NOTABLE_COUNT = 8


def results(ctx: Context) -> list:
    """The blocks of section II."""
    if not ctx.scope:  # no unit, or a unit's own report of a unit gone before the phase
        return [Para(t("report.notable_none"))]
    blocks: list = [Para(_overview(ctx))]
    parts = [("1", _group_1), ("2.1", _group_21), ("2.2", _group_22), ("3", _group_3)]
    number = 0
    for group, make in parts:
        paragraphs = [p for p in make(ctx) if p]
        if paragraphs:
            number += 1
            blocks.append(Para(f"{number}. {t('report.group.' + group)}", "subheading"))
            blocks += [Para(p) for p in paragraphs]
    blocks.append(Para(f"{number + 1}. {t('report.notable')}", "subheading"))
    blocks += notable(ctx)
    return blocks


# --- the clauses of one requirement -----------------------------------------------------------

def _variant_outlet(rs: RequirementStatus) -> str:
    groups = [g for r in rs.reasons if r.code == "no_outlet" for g in r.params.get("outlets", [])]
    press = any(set(g) & set(PRESS_OUTLETS) for g in groups)
    digital = any(set(g) & set(DIGITAL_OUTLETS) for g in groups)
    return "press" if press and not digital else "digital" if digital and not press else ""


def _variant_mode(rs: RequirementStatus) -> str:
    modes = [m for r in rs.reasons if r.code == "no_event_mode" for m in r.params.get("modes", [])]
    return modes[0] if len(modes) == 1 else ""


def _variant_cells(rs: RequirementStatus) -> str:
    kinds = {k for r in rs.reasons if r.code == "no_event_kind" for g in r.params.get("kinds", []) for k in g}
    return "cell" if "party_cell_session" in kinds else "mass" if kinds else ""


def _variant_codes(*pairs: tuple[str, str]) -> Callable[[RequirementStatus], str]:
    """The variant of the first reason code (of `pairs`: code → variant) the status has."""
    def pick(rs: RequirementStatus) -> str:
        found = {r.code for r in rs.reasons}
        return next((variant for code, variant in pairs if code in found), "")
    return pick


VARIANTS: dict[str, Callable[[RequirementStatus], str]] = {
    "1.2": _variant_outlet,
    "2.1.f": _variant_mode,
    "2.1.g": _variant_cells,
    "2.1.h": _variant_codes(("no_products", "none"), ("few_product_kinds", "kinds"),
                            ("no_product_audience", "audience")),
    "2.2.c": _variant_codes(("no_leaders", "leaders"), ("no_event_kind", "leaders"),
                            ("no_product_kind", "multimedia")),
    "2.2.d": _variant_codes(("no_partners", "partners"), ("no_channel", "channel"), ("channel_stale", "channel")),
    "3.b": _variant_codes(("no_plan", "plan"), ("no_dated_tasks", "dated"), ("no_tasks", "dated")),
}


def status_clauses(ctx: Context, req_id: str, **params) -> list[str]:
    """The clauses saying who met `req_id`, who partly, who not, who is not yet due."""
    if not any(status_of(us, req_id) != "n/a" for us in ctx.scope):
        return []
    if ctx.unit is not None:
        return _unit_clauses(ctx, req_id, params)
    due = ctx.due_units(req_id)
    met = ctx.units_with(req_id, "met")
    lead = share(len(met), len(due)) if len(due) > 1 else subject(met)   # one unit due: by its name
    clauses = [t("report.ii.frame", share=lead, pred=_pred(req_id, "met", "", params))] if met else []
    kinds = [(status, variant, units) for status in ("partial", "missing")
             for variant, units in _by_variant(ctx, req_id, status)]
    if len(kinds) == 1 or (kinds and not has(f"report.ii.{req_id}.gap")):
        clauses += [f"{subject(units)} {_pred(req_id, status, variant, params)}" for status, variant, units in kinds]
    elif kinds:  # short: the units that fall short, in one clause (section III says how)
        clauses.append(f"{subject([u for *_, units in kinds for u in units])} {t(f'report.ii.{req_id}.gap', **params)}")
    later = ctx.units_with(req_id, "not_due")
    if later:
        who = t("report.others") if clauses else t("report.all_units")
        clauses.append(f"{who} {_pred(req_id, 'not_due', '', params)}")
    return clauses


def _unit_clauses(ctx: Context, req_id: str, params: dict) -> list[str]:
    us = ctx.scope[0]
    status = status_of(us, req_id)
    variant = VARIANTS[req_id](us.requirements[req_id]) if req_id in VARIANTS and status != "met" else ""
    return [f"{speaker(ctx)} {_pred(req_id, status, variant, params)}"]


def _by_variant(ctx: Context, req_id: str, status: str) -> list[tuple[str, list[UnitStatus]]]:
    found: dict[str, list[UnitStatus]] = {}
    for us in ctx.units_with(req_id, status):
        variant = VARIANTS[req_id](us.requirements[req_id]) if req_id in VARIANTS else ""
        found.setdefault(variant, []).append(us)
    return sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def _pred(req_id: str, status: str, variant: str, params: dict) -> str:
    base = f"report.ii.{req_id}.{status}"
    key = f"{base}.{variant}" if variant and has(f"{base}.{variant}") else base
    if not has(key):
        key = f"report.ii.{req_id}.partial" if status == "missing" else "report.ii.not_due"
    return t(key, **params)


def speaker(ctx: Context) -> str:
    """The subject of a sentence: "các đơn vị"; in a unit's own report the unit speaking of
    itself, "Đảng ủy" (its name is in section I)."""
    if ctx.unit is None:
        return t("report.all_units")
    name = ctx.unit.unit.name
    return t("report.self") if name.casefold().startswith(("đảng ủy", "đảng uỷ")) else t("report.self_unit")


# --- overview ---------------------------------------------------------------------------------

def _overview(ctx: Context) -> str:
    done = _counts(("report.ii.n_events", len(ctx.events())), ("report.ii.n_products", len(ctx.products())),
                   ("report.ii.n_channels", len(ctx.channels())), ("report.ii.n_reports", len(ctx.reports())))
    counts = t("report.ii.counts", who=speaker(ctx), done=done) if done else t("report.notable_none")
    due = sum(len(ctx.due_units(r.id)) > 0 for r in ctx.status.requirements)
    if ctx.unit is not None:
        us = ctx.scope[0]
        met = sum(status_of(us, r.id) == "met" for r in ctx.status.requirements)
        total = sum(status_of(us, r.id) in ("met", "partial", "missing") for r in ctx.status.requirements)
        score = t("report.ii.score_unit", who=speaker(ctx), date=short_date(ctx.end), met=met, total=total,
                  score=us.score or 0)
    elif ctx.scope:
        full = [us for us in ctx.scope if not any(str(rs.status) in ("partial", "missing")
                                                  for rs in us.requirements.values())]
        average = round_half_up(sum(us.score or 0 for us in ctx.scope), len(ctx.scope))
        score = t("report.ii.score_org" if full else "report.ii.score_org_none", date=short_date(ctx.end),
                  requirements=due, share=share(len(full), len(ctx.scope)), score=average)
    else:
        score = ""
    return f"{counts} {score}".strip()


# --- 1. direction, dissemination, organisation -------------------------------------------------

def _group_1(ctx: Context) -> list[str]:
    products = ctx.products()
    press = sum(bool(set(p.channels) & set(PRESS_OUTLETS)) for p in products)
    digital = sum(bool(set(p.channels) & set(DIGITAL_OUTLETS)) for p in products)
    outlets = t("report.ii.outlet_figures", press=press, digital=digital) if products else ""
    budgets = [p.resources.budget_vnd for us in ctx.scope if (p := _plan(ctx, us)) is not None
               and p.resources is not None and p.resources.budget_vnd]
    budget = t("report.ii.budget_figures", budget=thousands(sum(budgets))) if budgets and ctx.unit is None else ""
    held = _counts(("report.ii.n_reviews", len(ctx.events(REVIEW_KINDS))),
                   ("report.ii.n_praise", len(ctx.events(("commendation",)))))
    checks = t("report.ii.review_figures", who=speaker(ctx), held=held) if held else ""
    return [_join(sentence(status_clauses(ctx, "1.1")), _with(sentence(status_clauses(ctx, "1.2")), outlets)),
            _join(_with(sentence(status_clauses(ctx, "1.3")), budget),
                  _with(sentence(status_clauses(ctx, "1.4")), checks))]


def _counts(*pairs: tuple[str, int]) -> str:
    """"11 cuộc kiểm tra … và 8 hoạt động biểu dương …": the counts that are not nought."""
    return join_words([t(key, count=n) for key, n in pairs if n])


def _join(*texts: str) -> str:
    """Sentences as one paragraph."""
    return " ".join(s for s in texts if s)


def _with(first: str, second: str) -> str:
    return f"{first} {second}".strip() if first else ""


def _plan(ctx: Context, us: UnitStatus):
    return plan_of(ctx, us)


# --- 2.1 content and forms ------------------------------------------------------------------------

def _group_21(ctx: Context) -> list[str]:
    return [_topics(ctx), _forms(ctx), _cells(ctx), _products(ctx), _channels(ctx)]


def _topics(ctx: Context) -> str:
    """The five topics of Plan 03: how many units covered each, with how many records; those
    no unit covered, named apart."""
    lang = current_lang()
    covering = [r for r in ctx.records if isinstance(r, (Event, Product, Channel))]
    items, missing = [], []
    for req_id, topic in TOPICS:
        label = codes.label("topic", topic, lang)
        count = sum(topic in r.topics for r in covering)
        due, met = ctx.due_units(req_id), ctx.units_with(req_id, "met")
        if not due:
            continue
        if not met:
            missing.append(label)
        elif ctx.unit is not None:
            items.append(t("report.ii.topic_unit", topic=label, records=count))
        else:
            items.append(t("report.ii.topic_org", topic=label, units=len(met), total=len(due), records=count))
    key = "report.ii.topics_unit" if ctx.unit is not None else "report.ii.topics"
    parts = [t(key, who=speaker(ctx), items=join_words(items))] if items else []
    if missing:
        parts.append(t("report.ii.topics_missing" if items else "report.ii.topics_none", who=speaker(ctx),
                       topics=join_words(missing)))
    full = [us for us in ctx.scope if all(status_of(us, r) == "met" for r, _ in TOPICS)]
    if ctx.unit is None and full and len(items) == len(TOPICS):
        parts.append(t("report.ii.topics_all", share=share(len(full), len(ctx.scope))))
    return " ".join(parts)


def _forms(ctx: Context) -> str:
    events = ctx.events()
    modes = Counter(e.mode for e in events)
    people = sum(e.participants or 0 for e in events)
    figures = ""
    if events:
        extra = t("report.ii.forms_people", people=thousands(people)) if people else ""
        if len(modes) == 1:
            figures = t("report.ii.forms_one", who=speaker(ctx), events=len(events), people=extra,
                        mode=codes.label("mode", next(iter(modes)), current_lang()))
        else:
            parts = _counts(*((f"report.ii.n_{mode}", modes[mode]) for mode in ("in_person", "online", "hybrid")))
            figures = t("report.ii.forms", who=speaker(ctx), events=len(events), parts=parts, people=extra)
    return _with(figures, sentence(status_clauses(ctx, "2.1.f"))) if figures else \
        sentence(status_clauses(ctx, "2.1.f"))


def _cells(ctx: Context) -> str:
    held = _counts(("report.ii.n_cells", len(ctx.events(("party_cell_session",))),),
                   ("report.ii.n_mass", len(ctx.events(MASS_KINDS))))
    figures = t("report.ii.cells", who=speaker(ctx), held=held) if held else ""
    return _join(figures, sentence(status_clauses(ctx, "2.1.g")))


def _products(ctx: Context) -> str:
    products = ctx.products()
    need = ctx.status.settings.thresholds.min_product_kinds
    clauses = sentence(status_clauses(ctx, "2.1.h", need=need))
    if not products:
        return clauses
    return f"{t('report.ii.products', who=speaker(ctx), count=len(products), kinds=_kind_counts(products))} {clauses}"


def _kind_counts(products: list[Product]) -> str:
    lang = current_lang()
    counted = Counter(p.kind for p in products)
    ranked = sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))
    return ", ".join(t("report.ii.kind_count", count=n, kind=codes.label("product_kind", kind, lang))
                     for kind, n in ranked)


def _channels(ctx: Context) -> str:
    channels = ctx.channels()
    clauses = sentence(status_clauses(ctx, "2.1.i"))
    if not channels:
        return clauses
    updates = sum(sum(ctx.start <= d <= ctx.end for d in ch.dates()) for ch in channels)
    figures = t("report.ii.channels", who=speaker(ctx), count=len(channels), updates=updates)
    return f"{figures} {clauses}"


# --- 2.2 the press agencies ---------------------------------------------------------------------------

def _group_22(ctx: Context) -> list[str]:
    press = [us for us in ctx.scope if status_of(us, "2.2.a") != "n/a"]
    if not press:
        return []
    ids = {us.unit.id for us in press}
    products = [p for p in ctx.products() if p.unit in ids]
    lang = current_lang()
    by_outlet = Counter(c for p in products for c in p.channels)
    outlets = ", ".join(f"{by_outlet[o]} {t('report.ii.on')} {codes.label('outlet', o, lang)}"
                        for o in (*PRESS_OUTLETS, "digital_platform") if by_outlet[o])
    who = speaker(ctx) if ctx.unit is not None else t(
        "report.ii.press_who", names=join_words(sorted((short_name(us.unit.name) for us in press), key=vi_sort_key)))
    lead = capital(t("report.ii.press", who=who, count=len(products), outlets=outlets)) if products else ""
    programmes = [e for e in ctx.events(PROGRAMME_KINDS) if e.unit in ids]
    multimedia = sum(p.kind in MULTIMEDIA_KINDS for p in products)
    with_leaders = sum(bool(e.leaders) for e in programmes)
    held = _counts(("report.ii.n_programmes", len(programmes)), ("report.ii.n_multimedia", multimedia))
    if with_leaders and held:
        held = held.replace(t("report.ii.n_programmes", count=len(programmes)),
                            t("report.ii.n_programmes_leaders", count=len(programmes), leaders=with_leaders), 1)
    shows = t("report.ii.programmes", who=speaker(ctx) if ctx.unit else t("report.ii.press_them"), held=held) \
        if held else ""
    return [_join(lead, sentence(status_clauses(ctx, "2.2.a")), sentence(status_clauses(ctx, "2.2.b"))),
            _join(shows, sentence(status_clauses(ctx, "2.2.c")), sentence(status_clauses(ctx, "2.2.d")))]


# --- 3. timeliness and reporting ---------------------------------------------------------------------

def _group_3(ctx: Context) -> list[str]:
    th, phase = ctx.status.settings.thresholds, ctx.status.phase
    first = phase is None or not ctx.status.phases or ctx.status.phases[0].id == phase.id
    basis = t("report.ii.basis_received" if first else "report.ii.basis_phase")
    end = short_date(phase.end) if phase is not None and phase.end else "—"
    upcoming = [d for d in (phase.report_due if phase else ()) if d > ctx.end]
    report = short_date(min(upcoming)) if upcoming else "—"
    tasks = _task_figures(ctx)
    return [_join(sentence(status_clauses(ctx, "3.a", max=th.start_within_days, basis=basis)), tasks,
                  sentence(status_clauses(ctx, "3.b"))),
            _join(sentence(status_clauses(ctx, "3.c", max=th.max_gap_days)),
                  sentence(status_clauses(ctx, "3.d", end=end)), sentence(status_clauses(ctx, "3.e", report=report)))]


def _task_figures(ctx: Context) -> str:
    """"Các đơn vị đã hoàn thành 40/52 nhiệm vụ đến hạn …": the plan tasks due by the end of the
    period, inside the phase, and those done (3.b's reckoning)."""
    from dxtrack.evaluate import counted_records
    from dxtrack.evaluate.criteria.timing import task_done_on

    phase = ctx.status.phase
    due = done = late = 0
    for us in ctx.scope:
        plan = _plan(ctx, us)
        if plan is None or phase is None:
            continue
        counted = counted_records(us.unit, ctx.records_of(us.unit.id), phase.start, ctx.end)
        for task in plan.tasks:
            if task.due is None or not phase.holds(task.due) or task.due > ctx.end:
                continue
            due += 1
            when = task_done_on(task, counted, phase)
            done += when is not None
            late += when is not None and when > task.due
    if not due:
        return ""
    lateness = t("report.ii.tasks_late", late=late) if late else ""
    return t("report.ii.tasks", who=speaker(ctx), done=done, due=due, late=lateness)


# --- 5. notable activities and products ------------------------------------------------------------

def notable(ctx: Context) -> list:
    """About ten records, most significant first (on the press, with leaders, reaching most
    people), one or two of each topic and form, at most two of a unit in the organisation's
    report; each as a sentence "Ngày dd/mm/yyyy, <unit> tổ chức …"."""
    candidates = [r for r in ctx.records if isinstance(r, (Event, Product))]
    if not candidates:
        return [Para(t("report.notable_none"))]
    chosen = pick_notable(candidates, per_unit=2 if ctx.unit is None else NOTABLE_COUNT)
    return [Para(notable_text(ctx, r), "bullet") for r in chosen]


def significance(rec) -> tuple:
    """What makes a record stand out, in order: the press, leaders taking part, reach."""
    if isinstance(rec, Product):
        return (bool(set(rec.channels) & set(PRESS_OUTLETS)), False, max(rec.metrics.values(), default=0))
    return (False, bool(rec.leaders), rec.participants or 0)


def pick_notable(records: list, per_unit: int, count: int = NOTABLE_COUNT) -> list:
    ranked = sorted(records, key=lambda r: (significance(r), r.when, r.title), reverse=True)
    chosen: list = []
    taken: Counter = Counter()

    def take(rec) -> None:
        if rec not in chosen and taken[rec.unit] < per_unit and len(chosen) < count:
            chosen.append(rec)
            taken[rec.unit] += 1

    def best(fits) -> None:
        found = next((r for r in ranked if fits(r) and r not in chosen and taken[r.unit] < per_unit), None)
        if found is not None:
            take(found)

    for _req, topic in TOPICS:                     # the best of each topic first
        best(lambda r, topic=topic: topic in r.topics)
    for mode in ("in_person", "online", "hybrid"):  # and of each form
        best(lambda r, mode=mode: isinstance(r, Event) and r.mode == mode)
    for rec in ranked:
        take(rec)
    return sorted(chosen, key=lambda r: (significance(r), r.when), reverse=True)


def notable_text(ctx: Context, rec) -> str:
    lang = current_lang()
    unit = ctx.repo.unit(rec.unit)
    name = speaker(ctx) if ctx.unit is not None else unit.name if unit else rec.unit
    if isinstance(rec, Event):
        details = [codes.label("mode", rec.mode, lang)]
        if rec.participants:
            details.append(t("report.notable_people", people=thousands(rec.participants)))
        if rec.leaders:
            details.append(t("report.notable_leaders", leaders=join_words(list(rec.leaders))))
        return t("report.notable_event", date=short_date(rec.date), unit=name,
                 title=as_object(rec.title, "event_kind", rec.kind), details="; ".join(details))
    outlets = join_words([codes.label("outlet", c, lang) for c in rec.channels])
    views = rec.metrics.get("views")
    reach = t("report.notable_views", views=thousands(views)) if views else ""
    verb = t("report.notable_aired" if {"radio", "television"} & set(rec.channels) else "report.notable_posted")
    return t("report.notable_product", date=short_date(rec.published), unit=name, verb=verb,
             title=as_object(rec.title, "product_kind", rec.kind), outlets=outlets, views=reach)
