"""The appendices of the report, after the signature, each on a new page (SPEC §6.1):
1. the status matrix (units × requirements, the marks and their key, the scores);
2. activities and products per unit (by form: in person, online, hybrid; participants; by kind);
3. every record of the period, by unit (date, kind, title, form or outlet; the address)."""

from __future__ import annotations

from collections import Counter

from dxtrack.catalog import groups, title_of
from dxtrack.evaluate.status import STATUSES, UnitStatus
from dxtrack.i18n import current_lang, t
from dxtrack.i18n.reasons import reason_texts
from dxtrack.models import Channel, Event, Product, Report, codes
from dxtrack.report.context import Context, names_of, thousands
from dxtrack.report.model import Bars, Legend, Link, Mark, Para, Section, Table
from dxtrack.text import round_half_up, short_date


def appendices(ctx: Context, note: str) -> list[Section]:
    """The three appendices; `note` is the line under each heading ("(Kèm theo Báo cáo số …)")."""
    made = [(t("report.app.1", directive=ctx.status.directive), _matrix(ctx)),
            (t("report.app.2"), _activities(ctx)), (t("report.app.3"), _records(ctx))]
    return [Section(t("report.app.heading", n=n, title=title), blocks, note)
            for n, (title, blocks) in enumerate(made, start=1)]


# --- 1. the status matrix ----------------------------------------------------------------------

def _matrix(ctx: Context) -> list:
    if ctx.unit is not None:
        return _unit_matrix(ctx)
    if not ctx.scope:
        return [Para(t("report.app.no_units"))]
    blocks: list = [Legend({s: t(f"report.status.{s}") for s in STATUSES}, t("report.legend"))]
    number = 0
    for group, reqs in groups(ctx.status.requirements):
        rows = [[us.unit.name, *[_mark(us, r.id) for r in reqs]] for us in ctx.scope
                if any(_mark(us, r.id).status != "n/a" for r in reqs)]
        if not rows:
            continue
        number += 1
        widths = [max(4.0, 7.0 - 0.35 * len(reqs))] + [1.0] * len(reqs)
        ids = "; ".join(f"{r.id} — {title_of(r, current_lang())}" for r in reqs)
        blocks += [Para(f"{number}. {t('report.group.' + group)}", "subheading"),
                   Table([t("report.col_unit"), *[r.id for r in reqs]], rows, widths,
                         centre=tuple(range(1, len(reqs) + 1))),
                   Para(t("report.legend_ids", value=ids), "note")]
    average = round_half_up(sum(us.score or 0 for us in ctx.scope), len(ctx.scope))
    blocks += [Para(f"{number + 1}. {t('report.scores')}", "subheading"),
               Bars([t("report.col_unit"), t("report.col_bar"), t("report.col_score")],
                    [(us.unit.name, us.score or 0) for us in ctx.scope]),
               Para(t("report.average", count=len(ctx.scope), score=average))]
    if ctx.status.transferred:
        from dxtrack.report.build import transferred_text

        blocks.append(Para(t("report.app.transferred"), "lead"))
        blocks += [Para(transferred_text(us.unit), "bullet") for us in ctx.status.transferred]
    return blocks


def _mark(us: UnitStatus, req_id: str) -> Mark:
    rs = us.requirements.get(req_id)
    return Mark(str(rs.status) if rs else "n/a")


def _unit_matrix(ctx: Context) -> list:
    us = ctx.scope[0] if ctx.scope else None
    if us is None:
        return [Para(t("report.app.no_units"))]
    rows = []
    for req in ctx.status.requirements:
        rs = us.requirements.get(req.id)
        status = str(rs.status) if rs else "n/a"
        notes = "; ".join(r.rstrip(".") for r in reason_texts(rs.reasons, current_lang())) if rs else ""
        rows.append([req.id, title_of(req, current_lang()), t(f"report.status.{status}"),
                     notes + "." if notes else ""])
    headers = [t("report.col_req"), t("report.col_content"), t("report.col_result"), t("report.col_notes")]
    return [Table(headers, rows, [1.3, 4.0, 1.6, 5.0], centre=(0, 2)),
            Para(t("report.unit_score", unit=us.unit.name, score=us.score or 0))]


# --- 2. activities and products per unit --------------------------------------------------------

def _activities(ctx: Context) -> list:
    if not ctx.records:
        return [Para(t("report.notable_none"))]
    headers = [t("report.col_unit"), t("report.col_events"), t("report.col_in_person"), t("report.col_online"),
               t("report.col_hybrid"), t("report.col_people"), t("report.col_products"), t("report.col_channels"),
               t("report.col_reports")]
    rows = [_count_row(us.unit.name, ctx.records_of(us.unit.id)) for us in ctx.scope]
    if ctx.unit is None and len(rows) > 1:
        rows.append(_count_row(t("report.col_total"), ctx.records))
    blocks: list = [Para(t("report.app.by_unit"), "lead"),
                    Table(headers, rows, [3.6] + [1.1] * 8, centre=tuple(range(1, 9)))]
    for cls, list_name, title in ((Event, "event_kind", "report.app.by_event_kind"),
                                  (Product, "product_kind", "report.app.by_product_kind"),
                                  (Channel, "channel_kind", "report.app.by_channel_kind")):
        table = _kind_table(ctx, cls, list_name)
        if table is not None:
            blocks += [Para(t(title), "lead"), table]
    return blocks


def _count_row(name: str, records: list) -> list:
    events = [r for r in records if isinstance(r, Event)]
    modes = Counter(e.mode for e in events)
    people = sum(e.participants or 0 for e in events)
    return [name, str(len(events)), str(modes["in_person"]), str(modes["online"]), str(modes["hybrid"]),
            thousands(people), str(sum(isinstance(r, Product) for r in records)),
            str(sum(isinstance(r, Channel) for r in records)), str(sum(isinstance(r, Report) for r in records))]


def _kind_table(ctx: Context, cls, list_name: str) -> Table | None:
    found = [r for r in ctx.records if isinstance(r, cls)]
    if not found:
        return None
    lang = current_lang()
    counted = Counter(r.kind for r in found)
    units: dict[str, set[str]] = {}
    for r in found:
        units.setdefault(r.kind, set()).add(r.unit)
    ranked = sorted(counted, key=lambda k: (-counted[k], k))
    if ctx.unit is not None:
        rows = [[codes.label(list_name, k, lang), str(counted[k])] for k in ranked]
        return Table([t("report.col_kind"), t("report.col_count")], rows, [6.0, 2.0], centre=(1,))
    rows = [[codes.label(list_name, k, lang), str(counted[k]), str(len(units[k]))] for k in ranked]
    return Table([t("report.col_kind"), t("report.col_count"), t("report.col_units")], rows, [6.0, 2.0, 2.0],
                 centre=(1, 2))


# --- 3. every record of the period ------------------------------------------------------------------

def _records(ctx: Context) -> list:
    if not ctx.records:
        return [Para(t("report.notable_none"))]
    headers = [t("report.col_no"), t("report.col_date"), t("report.col_kind"), t("report.col_title"),
               t("report.col_outlet")]
    widths = [0.8, 2.0, 2.2, 5.6, 2.6]
    blocks: list = []
    for us in ctx.scope:
        records = sorted(ctx.records_of(us.unit.id), key=lambda r: (_first_in(r, ctx), r.title))
        if not records:
            continue
        rows = [[str(n), short_date(_first_in(r, ctx)), *_record_cells(ctx, r)]
                for n, r in enumerate(records, start=1)]
        if ctx.unit is None:
            blocks.append(Para(us.unit.name, "lead"))
        blocks.append(Table(headers, rows, widths, centre=(0, 1)))
    missing = names_of([us for us in ctx.scope if not ctx.records_of(us.unit.id)])
    if missing and ctx.unit is None:
        blocks.append(Para(t("report.app.no_records", units=", ".join(missing)), "note"))
    return blocks


def _first_in(rec, ctx: Context):
    inside = [d for d in rec.dates() if ctx.start <= d <= ctx.end]
    return min(inside) if inside else rec.when


def _record_cells(ctx: Context, rec) -> list:
    """Kind, title (a Link when the record has an address), and form or outlet."""
    lang = current_lang()
    url = getattr(rec, "url", None) or next((e.url for e in rec.evidence if e.url), None)
    title = Link(rec.title, str(url)) if url else rec.title
    if isinstance(rec, Event):
        where = codes.label("mode", rec.mode, lang)
        if rec.participants:
            where += t("report.app.people", people=thousands(rec.participants))
        return [codes.label("event_kind", rec.kind, lang), title, where]
    if isinstance(rec, Product):
        return [codes.label("product_kind", rec.kind, lang), title,
                ", ".join(codes.label("outlet", c, lang) for c in rec.channels)]
    if isinstance(rec, Channel):
        updates = sum(ctx.start <= d <= ctx.end for d in rec.dates())
        return [codes.label("channel_kind", rec.kind, lang), title,
                codes.label("outlet", rec.outlet, lang) + t("report.app.updates", count=updates)]
    number = t("report.app.report_number", number=rec.number) if getattr(rec, "number", None) else ""
    return [t("report.app.kind_report"), Link(rec.title + number, str(url)) if url else rec.title + number, ""]
