"""Status + Repo → ReportData: the content of the result report (SPEC §6, sections I–V).

Nothing here knows about Markdown or Word; the renderers lay out what this returns.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from dxtrack.catalog import groups, title_of
from dxtrack.check.document import Repo
from dxtrack.errors import SetupError
from dxtrack.evaluate.status import STATUSES, SYMBOLS, Status, UnitStatus
from dxtrack.i18n import current_lang, t
from dxtrack.i18n.reasons import reason_texts
from dxtrack.models import Channel, Event, Product, Report, Unit, codes
from dxtrack.report.model import (
    Bars,
    Closing,
    Header,
    Legend,
    Link,
    Mark,
    Para,
    ReportData,
    Section,
    Table,
)
from dxtrack.text import round_half_up, short_date, vi_date

NOTABLE_LIMIT = 40          # most rows of the notable-activities table; the rest are counted
NOTABLE_PER_UNIT = 3        # in the organisation's report, per unit
GROUP_KEYS = ("1", "2.1", "2.2", "3")


@dataclass
class ReportOptions:
    """What the user chose on the command line (None: from settings, or the default)."""

    unit: str | None = None
    as_of: date | None = None
    date_from: date | None = None
    date_to: date | None = None
    signed: date | None = None          # the date on the place-and-date line (default: today)
    number: str | None = None
    place: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    superior_body: str | None = None
    issuing_body: str | None = None
    phase: str | None = None            # a phase id (--phase); default the one --as-of/--to or today picks


@dataclass
class Context:
    repo: Repo
    status: Status
    opts: ReportOptions
    start: date
    end: date
    unit: UnitStatus | None                     # set for a single unit's report
    scope: list[UnitStatus] = field(default_factory=list)   # active units reported on
    records: list = field(default_factory=list)             # records of `scope` in the window

    @property
    def org(self) -> str:
        return self.status.settings.organization


def report_period(repo: Repo, opts: ReportOptions) -> tuple[date, date]:
    """(first day, last day) of the report: --from/--to, or from the unit's start in the
    phase (the later of receipt and the phase's `from`) to --as-of; the last day inside the
    phase, as the status is (see evaluate.window)."""
    from dxtrack.evaluate import require_loaded
    from dxtrack.evaluate.window import window

    if opts.as_of and (opts.date_from or opts.date_to):
        raise SetupError("setup.report_period_mixed")
    require_loaded(repo)
    assert repo.settings is not None  # require_loaded
    asked = opts.date_to or opts.as_of
    if asked is not None and asked < repo.settings.received and not opts.date_from:
        raise SetupError("setup.report_before_received", end=short_date(asked),
                         received=short_date(repo.settings.received))
    end = window(repo, opts.phase, asked).as_of
    start = opts.date_from or max(repo.settings.received, window(repo, opts.phase, end).phase.start)
    if start > end and not opts.date_from:  # the user typed no --from: name the date they did give
        raise SetupError("setup.report_before_received", end=short_date(end), received=short_date(start))
    if start > end:
        raise SetupError("setup.report_period_order", start=short_date(start), end=short_date(end))
    return start, end


def build_report(repo: Repo, status: Status, opts: ReportOptions, start: date) -> ReportData:
    """The whole report for the units of `status` (or only `opts.unit`), from `start` to `status.as_of`."""
    unit = _unit_status(status, opts.unit) if opts.unit is not None else None
    scope = [unit] if unit and unit.state == "active" else ([] if unit else status.active)
    ctx = Context(repo, status, opts, start, status.as_of, unit, scope)
    ctx.records = _records_in_window(repo, {u.unit.id for u in scope}, start, status.as_of)
    sections = [Section(t("report.s1"), _leadership(ctx)), Section(t("report.s2"), _results(ctx)),
                Section(t("report.s3"), _shortfalls(ctx)), Section(t("report.s4"), _ahead(ctx)),
                Section(t("report.s5"), _proposals(ctx))]
    issuer = _issuer(ctx)
    return ReportData(
        lang=current_lang(), banner=t("report.banner") if status.sample else None,
        banner_note=t("report.banner_note"), header=_header(ctx), intro=_intro(ctx, issuer),
        sections=sections, ending=t("report.ending", directive=status.directive, issuer=issuer),
        closing=_closing(ctx), legend_symbols=dict(SYMBOLS))


def _unit_status(status: Status, query: str) -> UnitStatus:
    """The unit asked for by id, id prefix or name, as `dxtrack status UNIT` finds it."""
    from dxtrack.models.lookup import find_unit

    unit = find_unit([u.unit for u in status.units], query)
    return next(u for u in status.units if u.unit.id == unit.id)


def _records_in_window(repo: Repo, unit_ids: set[str], start: date, end: date) -> list:
    """Valid records of those units with a date in [start, end], by date then title."""
    found = [rec for _doc, rec in repo.records()
             if rec.unit in unit_ids and any(start <= d <= end for d in rec.dates())]
    return sorted(found, key=lambda r: (_first_in(r, start), r.title))


def _first_in(rec, start: date) -> date:
    return min(d for d in rec.dates() if d >= start) if any(d >= start for d in rec.dates()) else rec.when


# --- header, intro, closing -------------------------------------------------------------

def _upper(text: str) -> str:
    return text.upper()


def _date_words(d: date) -> str:
    return vi_date(d) if current_lang() == "vi" else d.strftime("%d %B %Y")


def _header(ctx: Context) -> Header:
    rs, opts = ctx.status.settings.report, ctx.opts
    issuing = opts.issuing_body or (ctx.unit.unit.name if ctx.unit else (rs.issuing_body or ctx.org))
    superior = opts.superior_body or rs.superior_body or _superior_of(ctx.org)
    number = opts.number or (None if ctx.unit else rs.number)
    signed = opts.signed or ctx.repo.today
    return Header(
        superior_body=_upper(superior), issuing_body=_upper(issuing),
        number_line=t("report.number", number=number) if number else t("report.number_blank"),
        party=t("report.party"),
        place_date=t("report.place_date", place=opts.place or rs.place or "Hà Nội", date=_date_words(signed)),
        title=t("report.title"),
        subject=t("report.subject", directive=ctx.status.directive, organization=ctx.org),
        period=t("report.period_range", start=short_date(ctx.start), end=short_date(ctx.end)))


def _superior_of(organization: str) -> str:
    """"Đảng ủy Chính phủ" → "Đảng bộ Chính phủ": the party organisation the committee leads."""
    words = organization.split(maxsplit=2)
    if len(words) >= 2 and " ".join(words[:2]).casefold() == "đảng ủy":
        return " ".join(["Đảng bộ", *words[2:]])
    return ""


def _issuer(ctx: Context) -> str:
    if ctx.unit:
        return t("report.issuer_unit", name=ctx.unit.unit.name)
    return t("report.issuer_org", name=ctx.org)


def _intro(ctx: Context, issuer: str) -> str:
    from dxtrack.models.settings import DIRECTIVE_ISSUED

    issued = (t("report.intro_issued", date=short_date(DIRECTIVE_ISSUED))
              if ctx.status.directive.startswith("380") else "")
    from dxtrack.render.status_common import phase_name

    phase = phase_name(ctx.status.phase) if ctx.status.phase else ""
    return t("report.intro", directive=ctx.status.directive, issued=issued, organization=ctx.org,
             issuer=issuer, start=short_date(ctx.start), end=short_date(ctx.end), phase=phase)


def _closing(ctx: Context) -> Closing:
    rs, opts = ctx.status.settings.report, ctx.opts
    if ctx.unit:
        recipients = [t("report.recipient_superior", organization=ctx.org)]
        if ctx.status.settings.report_to:
            recipients.append(t("report.recipient_report_to", body=ctx.status.settings.report_to))
        signer, title = opts.signer, opts.signer_title
    else:
        recipients = [_dash(r) for r in rs.recipients] or [t("report.recipient_units")]
        signer, title = opts.signer or rs.signer, opts.signer_title or rs.signer_title
    return Closing(
        recipients_label=t("report.recipients_label"),
        recipients=[*recipients, t("report.recipient_archive")],
        authority=_upper(rs.signing_authority or t("report.signing_authority")),
        signer_title=_upper(title or t("report.signer_title")), signer=signer or "")


def _dash(text: str) -> str:
    """A recipient line as the format writes it: "- Ban ..., " (a dash before, a comma after)."""
    text = text if text.startswith(("-", "–")) else f"- {text}"
    return text if text.endswith((",", ";", ".")) else f"{text},"


# --- I. leadership ------------------------------------------------------------------------

def _plan_of(ctx: Context, us: UnitStatus):
    phase = ctx.status.phase.id if ctx.status.phase else None
    plan = us.plan or ctx.repo.plan_for(us.unit.id, phase)
    if plan is None or (plan.issued and plan.issued > ctx.end):
        return None
    return plan


def _plan_ref(plan) -> str:
    if plan.number and plan.issued:
        return t("report.plan_ref", number=plan.number, date=short_date(plan.issued), title=plan.title)
    if plan.number:
        return t("report.plan_ref_nodate", number=plan.number, title=plan.title)
    return t("report.plan_ref_unnumbered", title=plan.title)


def _leadership(ctx: Context) -> list:
    if ctx.unit:
        return _unit_leadership(ctx, ctx.unit)
    with_plan = [(us, _plan_of(ctx, us)) for us in ctx.scope]
    issued = [(us, p) for us, p in with_plan if p]
    missing = [us.unit.name for us, p in with_plan if not p]
    blocks: list = [Para(t("report.plans_count", issued=len(issued), total=len(ctx.scope))
                         if issued else t("report.plans_none_issued"))]
    blocks += [Para(t("report.plan_line", unit=us.unit.name, plan=_plan_ref(p)), "bullet") for us, p in issued]
    if ctx.scope:
        blocks.append(Para(t("report.plans_missing", units=", ".join(missing)) if missing
                           else t("report.plans_all")))
    blocks.append(_dissemination(ctx))
    return blocks


def _unit_leadership(ctx: Context, us: UnitStatus) -> list:
    name = us.unit.name
    if us.state != "active":
        return [Para(_transferred_text(us.unit, "report.unit_transferred"))]
    plan = _plan_of(ctx, us)
    if plan is None:
        return [Para(t("report.unit_no_plan", unit=name)), _dissemination(ctx)]
    blocks: list = [Para(t("report.unit_plan", unit=name, plan=_plan_ref(plan)))]
    blocks += [Para(text, "bullet") for text in _plan_details(plan)]
    blocks.append(_dissemination(ctx))
    blocks += [Para(_event_line(e), "bullet") for e in ctx.records
               if isinstance(e, Event) and e.kind == "dissemination"]
    return blocks


def _plan_details(plan) -> list[str]:
    lang = current_lang()
    res = plan.resources
    budget = f"{res.budget_vnd:,}".replace(",", ".") if res and res.budget_vnd is not None else None
    parts = [("report.plan_audiences", ", ".join(codes.label("audience", a, lang) for a in plan.audiences)),
             ("report.plan_staff", res.staff if res else None), ("report.plan_means", res.means if res else None),
             ("report.plan_budget", budget), ("report.plan_platforms", ", ".join(plan.platforms))]
    lines = [t(key, value=value) for key, value in parts if value]
    return [*lines, t("report.plan_tasks", tasks=len(plan.tasks), reviews=len(plan.reviews))]


def _dissemination(ctx: Context) -> Para:
    events = [r for r in ctx.records if isinstance(r, Event) and r.kind == "dissemination"]
    if not events:
        return Para(t("report.dissemination_none"))
    people = sum(e.participants or 0 for e in events)
    extra = t("report.dissemination_people", people=_thousands(people)) if people else ""
    return Para(t("report.dissemination", count=len(events), people=extra))


def _event_line(e: Event) -> str:
    people = t("report.people", people=_thousands(e.participants)) if e.participants else ""
    return t("report.event_line", date=short_date(e.date), title=e.title,
             mode=codes.label("mode", e.mode, current_lang()), people=people)


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", "." if current_lang() == "vi" else ",")


def _transferred_text(unit: Unit, key: str) -> str:
    to = t("report.transferred_to", body=unit.moved_to) if unit.moved_to else ""
    return t(key, unit=unit.name, to=to, date=short_date(unit.until))


# --- II. results ----------------------------------------------------------------------------

def _results(ctx: Context) -> list:
    blocks: list = [Para(_counts_text(ctx))]
    blocks += [Para(text) for text in _kinds_texts(ctx)]
    blocks.append(Para(t("report.as_of_note", date=short_date(ctx.end)), "note"))
    for number, (group, reqs) in enumerate(_groups(ctx), start=1):
        blocks.append(Para(f"{number}. {_group_title(group)}", "subheading"))
        blocks += _unit_group_table(ctx.unit, reqs) if ctx.unit else _group_table(ctx, reqs)
        if number == 1 and ctx.scope and not ctx.unit:
            blocks.append(_legend())
    number = len(_groups(ctx)) + 1
    if ctx.scope:
        blocks += [Para(f"{number}. {t('report.scores')}", "subheading"), _bars(ctx), Para(_average(ctx))]
        number += 1
    blocks += [Para(f"{number}. {t('report.notable')}", "subheading"), *_notable(ctx)]
    if not ctx.unit and ctx.status.transferred:
        blocks.append(Para(f"{number + 1}. {t('report.transferred')}", "subheading"))
        blocks += [Para(_transferred_text(us.unit, "report.transferred_line"), "bullet")
                   for us in ctx.status.transferred]
    return blocks


def _counts_text(ctx: Context) -> str:
    kinds = {"event": Event, "product": Product, "channel": Channel, "report": Report}
    counts = {name: sum(isinstance(r, cls) for r in ctx.records) for name, cls in kinds.items()}
    return t("report.counts", **counts)


def _kinds_texts(ctx: Context) -> list[str]:
    lang, texts = current_lang(), []
    for cls, list_name, key in ((Event, "event_kind", "report.kinds_events"),
                                (Product, "product_kind", "report.kinds_products")):
        counted = Counter(r.kind for r in ctx.records if isinstance(r, cls))
        if counted:
            parts = [f"{codes.label(list_name, k, lang)} {n}" for k, n in
                     sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))]
            texts.append(t(key, value="; ".join(parts)))
    return texts


def _groups(ctx: Context) -> list[tuple[str, list]]:
    """Catalog requirements by group, in catalog order; press-only groups left out when no unit is bound."""
    return [(g, reqs) for g, reqs in groups(ctx.status.requirements) if _binds_anyone(ctx, reqs)]


def _binds_anyone(ctx: Context, reqs: list) -> bool:
    return any(us.requirements.get(r.id) and us.requirements[r.id].status != "n/a"
               for us in ctx.scope for r in reqs)


def _group_title(group: str) -> str:
    from dxtrack.i18n import has

    key = f"report.group.{group}"
    return t(key) if has(key) else t("report.group.other", group=group)


def _mark(us: UnitStatus, req_id: str) -> Mark:
    rs = us.requirements.get(req_id)
    return Mark(rs.status if rs else "n/a")


def _group_table(ctx: Context, reqs: list) -> list:
    """Units × requirements of one group; units the whole group does not bind are left out."""
    headers = [t("report.col_unit"), *[r.id for r in reqs]]
    marks = [(us, [_mark(us, r.id) for r in reqs]) for us in ctx.scope]
    rows: list[list] = [[us.unit.name, *row] for us, row in marks if any(m.status != "n/a" for m in row)]
    # the more requirements, the narrower the name column, so that "2.1.h" fits on one line
    widths = [max(4.0, 7.0 - 0.35 * len(reqs))] + [1.0] * len(reqs)
    table = Table(headers, rows, widths, centre=tuple(range(1, len(reqs) + 1)))
    ids = "; ".join(f"{r.id} — {_req_title(r)}" for r in reqs)
    return [table, Para(t("report.legend_ids", value=ids), "note")]


def _unit_group_table(us: UnitStatus, reqs: list) -> list:
    if us.state != "active":
        return []
    rows = []
    for r in reqs:
        rs = us.requirements.get(r.id)
        status = rs.status if rs else "n/a"
        # one unit: room enough for the status in words, no key to the marks needed
        notes = join_reasons(reason_texts(rs.reasons, current_lang())) if rs else ""
        rows.append([r.id, _req_title(r), t(f"report.status.{status}"), notes])
    headers = [t("report.col_req"), t("report.col_content"), t("report.col_result"), t("report.col_notes")]
    return [Table(headers, rows, [1.3, 4.0, 1.6, 5.0], centre=(0, 2))]


def _req_title(req) -> str:
    return title_of(req, current_lang())


def _legend() -> Legend:
    return Legend({s: t(f"report.status.{s}") for s in STATUSES}, t("report.legend"))


def _bars(ctx: Context) -> Bars:
    headers = [t("report.col_unit"), t("report.col_bar"), t("report.col_score")]
    return Bars(headers, [(us.unit.name, us.score or 0) for us in ctx.scope])


def _average(ctx: Context) -> str:
    if ctx.unit:
        return t("report.unit_score", unit=ctx.unit.unit.name, score=ctx.unit.score or 0)
    scores = [us.score or 0 for us in ctx.scope]
    average = round_half_up(sum(scores), len(scores))
    return t("report.average", count=len(scores), score=average)


def _notable(ctx: Context) -> list:
    candidates = [r for r in ctx.records if isinstance(r, (Event, Product, Channel))]
    if not candidates:
        return [Para(t("report.notable_none"))]
    chosen = _pick_notable(candidates, NOTABLE_PER_UNIT if not ctx.unit else NOTABLE_LIMIT)
    rows = [_notable_row(ctx, r) for r in chosen]
    headers = [t("report.col_date"), t("report.col_unit"), t("report.col_kind"),
               t("report.col_title"), t("report.col_outlet")]
    widths = [2.0, 2.6, 1.8, 4.5, 2.1]
    if ctx.unit:  # one unit: its name in every row says nothing
        headers, widths = headers[:1] + headers[2:], widths[:1] + widths[2:]
        rows = [row[:1] + row[2:] for row in rows]
    blocks: list = [Table(headers, rows, widths, centre=(0,))]
    if len(candidates) > len(chosen):
        blocks.append(Para(t("report.notable_more", count=len(candidates) - len(chosen)), "note"))
    return blocks


def _pick_notable(records: list, per_unit: int) -> list:
    """Per unit, the records that reached most people (views, participants), then the latest; by date."""
    by_unit: dict[str, list] = {}
    for rec in records:
        by_unit.setdefault(rec.unit, []).append(rec)
    chosen = []
    for recs in by_unit.values():
        ranked = sorted(recs, key=lambda r: (_reach(r), r.when), reverse=True)
        chosen += ranked[:per_unit]
    return sorted(chosen[:NOTABLE_LIMIT * 2], key=lambda r: (r.when, r.title))[:NOTABLE_LIMIT]


def _reach(rec) -> int:
    if isinstance(rec, Product):
        return max(rec.metrics.values(), default=0) + 1
    if isinstance(rec, Event):
        return rec.participants or 0
    return 0


def _notable_row(ctx: Context, rec) -> list:
    lang = current_lang()
    unit = ctx.repo.unit(rec.unit)
    if isinstance(rec, Event):
        kind, where = codes.label("event_kind", rec.kind, lang), codes.label("mode", rec.mode, lang)
    elif isinstance(rec, Product):
        kind = codes.label("product_kind", rec.kind, lang)
        where = ", ".join(codes.label("outlet", c, lang) for c in rec.channels)
    else:
        kind, where = codes.label("channel_kind", rec.kind, lang), codes.label("outlet", rec.outlet, lang)
    url = getattr(rec, "url", None) or next((e.url for e in rec.evidence if e.url), None)
    title = Link(rec.title, str(url)) if url else rec.title
    return [short_date(_first_in(rec, ctx.start)), unit.name if unit else rec.unit, kind, title, where]


# --- III. shortfalls ------------------------------------------------------------------------

def _shortfalls(ctx: Context) -> list:
    blocks: list = []
    all_met = []
    for us in ctx.scope:
        lines = _shortfall_lines(ctx, us)
        if not lines:
            all_met.append(us.unit.name)
        elif ctx.unit:
            blocks += lines
        else:
            blocks += [Para(t("report.short_unit", unit=us.unit.name, score=us.score or 0), "lead"), *lines]
    if all_met:
        blocks.append(Para(t("report.short_none") if ctx.unit else
                           t("report.short_all_met", units=", ".join(all_met))))
    left_out = ctx.unit.left_out if ctx.unit else ctx.status.left_out
    if left_out:
        blocks.append(Para(t("report.left_out", count=left_out), "note"))
    return blocks


def _shortfall_lines(ctx: Context, us: UnitStatus) -> list[Para]:
    lines = []
    for req in ctx.status.requirements:
        rs = us.requirements.get(req.id)
        if rs is None or rs.status not in ("missing", "partial"):
            continue
        status = t(f"report.status.{rs.status}")
        reasons = join_reasons(reason_texts(rs.reasons, current_lang()), end="")
        key = "report.short_line" if reasons else "report.short_line_bare"
        text = t(key, id=req.id, title=_req_title(req), status=status, reasons=reasons)
        lines.append(Para(text if text.endswith(".") else text + ".", "bullet"))
    return lines


# --- IV. ahead, V. proposals -----------------------------------------------------------------

def _ahead(ctx: Context) -> list:
    items = sorted(_coming_due(ctx), key=lambda item: item[0])
    blocks: list = [Para(t("report.next_intro") if items else t("report.next_none"))]
    blocks += [Para(text, "bullet") for _when, text in items]
    has_shortfalls = any(rs.status in ("missing", "partial") for us in ctx.scope
                         for rs in us.requirements.values())
    blocks.append(Para(t("report.next_fix") if has_shortfalls else t("report.next_keep")))
    return blocks


def _coming_due(ctx: Context) -> list[tuple[tuple, str]]:
    lang, items = current_lang(), []
    for us in ctx.scope:
        plan = _plan_of(ctx, us)
        for task in (plan.tasks if plan else []):
            if task.due and task.due > ctx.end:
                owner = t("report.next_owner", owner=task.owner) if task.owner else ""
                items.append(((task.due, us.unit.name), t("report.next_task", date=short_date(task.due),
                              unit=us.unit.name, title=task.title, owner=owner)))
        for review in (plan.reviews if plan else []):
            if review.due > ctx.end:
                items.append(((review.due, us.unit.name), t("report.next_review", date=short_date(review.due),
                              unit=us.unit.name, kind=codes.label("review_kind", review.kind, lang))))
    phase = ctx.status.phase
    if phase is not None:
        items += [((d, ""), t("report.next_report_due", date=short_date(d))) for d in phase.report_due if d > ctx.end]
        if phase.end and phase.end > ctx.end:
            items.append(((phase.end, ""), t("report.next_phase_end", date=short_date(phase.end))))
    return items


def _proposals(ctx: Context) -> list:
    text = (ctx.status.settings.report.proposals or "").strip()
    if not text:
        return [Para(t("report.proposals_none"))]
    return [Para(p[1:].strip(), "bullet") if p.startswith(("-", "+")) else Para(p) for p in _paragraphs(text)]


def _paragraphs(text: str) -> list[str]:
    """Paragraphs of a YAML text: a blank line, or a line starting with "-", begins a new one."""
    found: list[list[str]] = []
    fresh = True
    for line in text.replace("\r\n", "\n").split("\n"):
        line = line.strip()
        if not line:
            fresh = True
            continue
        if fresh or line.startswith(("-", "+")):
            found.append([])
        found[-1].append(line)
        fresh = False
    return [" ".join(lines) for lines in found]


def join_reasons(reasons: list[str], end: str = ".") -> str:
    """Reasons as one sentence: `a; b.` (each reason's own full stop dropped)."""
    text = "; ".join(r.rstrip(".") for r in reasons)
    return text + end if text else ""
