"""Status + Repo → ReportData: the content of the result report (SPEC §6).

Nothing here knows about Markdown or Word; the renderers lay out what this returns. This
module makes the header, sections I and V, the closing and puts the report together; the
other sections and the appendices are made beside it:

    results.py     II. Kết quả thực hiện (prose by requirement group, notable activities)
    shortfalls.py  III. Hạn chế, tồn tại (grouped by shortcoming)
    ahead.py       IV. Phương hướng, nhiệm vụ thời gian tới (overdue, then what falls due)
    appendix.py    Phụ lục 1–3 (the status matrix, counts per unit, every record)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dxtrack.check.document import Repo
from dxtrack.errors import SetupError
from dxtrack.evaluate.status import SYMBOLS, Status, UnitStatus
from dxtrack.i18n import current_lang, t
from dxtrack.models import Event, Unit, codes
from dxtrack.report.context import Context, as_object, join_words, names_of, plan_of, sentence, share, thousands
from dxtrack.report.model import Closing, Header, Para, ReportData, Section
from dxtrack.text import short_date, vi_date


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
    profile: str | None = None          # the .docx layout (--profile): hd36 | hd05; default by `signed`


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
    win = window(repo, opts.phase, asked)
    end = win.as_of
    start = opts.date_from or max(repo.settings.received, win.phase.start)
    if start > end and not opts.date_from:  # the user typed no --from: name the date they did give
        raise SetupError("setup.report_before_received", end=short_date(end), received=short_date(start))
    if start > end:
        raise SetupError("setup.report_period_order", start=short_date(start), end=short_date(end))
    return start, end


def build_report(repo: Repo, status: Status, opts: ReportOptions, start: date) -> ReportData:
    """The whole report for the units of `status` (or only `opts.unit`), from `start` to `status.as_of`."""
    from dxtrack.report.ahead import ahead
    from dxtrack.report.appendix import appendices
    from dxtrack.report.results import results
    from dxtrack.report.shortfalls import shortfalls

    ctx = _context(repo, status, opts, start)
    sections = [Section(t("report.s1"), leadership(ctx)), Section(t("report.s2"), results(ctx)),
                Section(t("report.s3"), shortfalls(ctx)), Section(t("report.s4"), ahead(ctx))]
    proposals = _proposals(ctx)
    if proposals:  # section V only when the settings hold proposals
        sections.append(Section(t("report.s5"), proposals))
    issuer = _issuer(ctx)
    header, closing = _header(ctx), _closing(ctx)
    signer, signer_title = _signer(ctx)
    blanks = tuple(name for name, value in (("number", _number(ctx)), ("signer", signer),
                                            ("signer_title", signer_title)) if not value)
    signing = t("report.issuer_unit", name=ctx.unit.unit.name if ctx.unit else ctx.org)  # the Standing Committee
    note = t("report.app.note", number=_number(ctx) or t("report.number_blank_value"),
             date=short_date(opts.signed or repo.today), issuer=signing)
    return ReportData(
        lang=current_lang(), banner=t("report.banner") if status.sample else None,
        banner_note=t("report.banner_note"), header=header, intro=_intro(ctx, issuer),
        sections=sections, ending=t("report.ending", directive=status.directive, issuer=issuer),
        closing=closing, legend_symbols=dict(SYMBOLS), appendices=appendices(ctx, note), blanks=blanks)


def _context(repo: Repo, status: Status, opts: ReportOptions, start: date) -> Context:
    """Who the report is about: every active unit, or the one asked for. A unit transferred
    during the phase is reported on as it stood on its last day (its `until`)."""
    unit = _unit_status(repo, status, opts.unit) if opts.unit is not None else None
    left = _as_it_left(repo, status, unit) if unit is not None and unit.state != "active" else None
    if left is not None:
        unit = left
    scope = [unit] if unit is not None and unit.state == "active" else ([] if unit else status.active)
    end = min(status.as_of, left.unit.until) if left is not None and left.unit.until else status.as_of
    ctx = Context(repo, status, opts, start, end, unit, scope, left=left)
    ctx.records = _records_in_window(repo, {u.unit.id for u in scope}, start, end)
    return ctx


def _as_it_left(repo: Repo, status: Status, unit: UnitStatus) -> UnitStatus | None:
    """The unit evaluated on its last day in the phase, when it left during it (None if it
    left before the phase began)."""
    from dxtrack.evaluate import evaluate

    until, phase = unit.unit.until, status.phase
    if until is None or phase is None or until < phase.start or until >= status.as_of:
        return None
    then = evaluate(repo, until, phase.id)
    return next((u for u in then.units if u.unit.id == unit.unit.id and u.state == "active"), None)


def _unit_status(repo: Repo, status: Status, query: str) -> UnitStatus:
    """The unit asked for by id, id prefix or name, as `dxtrack status UNIT` finds it; one
    of units.yaml that the status does not list (received after the phase, or after the
    report's last day) is a usage error that says so."""
    from dxtrack.evaluate.detail import not_in_phase
    from dxtrack.models.lookup import find_unit

    unit = find_unit(list(repo.units), query)
    found = next((u for u in status.units if u.unit.id == unit.id), None)
    if found is None:
        raise not_in_phase(unit, status)
    return found


def _records_in_window(repo: Repo, unit_ids: set[str], start: date, end: date) -> list:
    """Valid records of those units with a date in [start, end], by date then title."""
    found = [rec for _doc, rec in repo.records()
             if rec.unit in unit_ids and any(start <= d <= end for d in rec.dates())]
    return sorted(found, key=lambda r: (_first_in(r, start), r.title))


def _first_in(rec, start: date) -> date:
    return min(d for d in rec.dates() if d >= start) if any(d >= start for d in rec.dates()) else rec.when


# --- header, intro, closing -------------------------------------------------------------

def _date_words(d: date) -> str:
    return vi_date(d) if current_lang() == "vi" else d.strftime("%d %B %Y")


def _header(ctx: Context) -> Header:
    """SPEC §6.2. The organisation's report: its name (or `issuing_body`), and a superior
    body only when one is set. A unit's own report: the unit under the organisation's party
    organisation (`unit_superior_body`, default "Đảng bộ Chính phủ" from "Đảng ủy Chính phủ")."""
    rs, opts = ctx.status.settings.report, ctx.opts
    if ctx.unit is not None:
        issuing = opts.issuing_body or ctx.unit.unit.name
        superior = opts.superior_body or rs.unit_superior_body or _superior_of(ctx.org)
    else:
        issuing = opts.issuing_body or rs.issuing_body or ctx.org
        superior = opts.superior_body or rs.superior_body or ""
    number = _number(ctx)
    signed = opts.signed or ctx.repo.today
    return Header(
        superior_body=superior.upper(), issuing_body=issuing.upper(),
        number_line=t("report.number", number=number) if number else t("report.number_blank"),
        party=t("report.party"),
        place_date=t("report.place_date", place=opts.place or rs.place or "Hà Nội", date=_date_words(signed)),
        title=t("report.title"),
        subject=t("report.subject", directive=ctx.status.directive, organization=ctx.org),
        period=t("report.period_range", start=short_date(ctx.start), end=short_date(ctx.end)))


def _number(ctx: Context) -> str | None:
    """The report's number: the option, else (the organisation's report only) the setting."""
    return ctx.opts.number or (None if ctx.unit is not None else ctx.status.settings.report.number)


def _signer(ctx: Context) -> tuple[str | None, str | None]:
    """(signer, signer's title): the options, else (the organisation's report only) the settings;
    the organisation's signer never signs a unit's report."""
    rs, opts = ctx.status.settings.report, ctx.opts
    if ctx.unit is not None:
        return opts.signer, opts.signer_title
    return opts.signer or rs.signer, opts.signer_title or rs.signer_title


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
    from dxtrack.render.status_common import phase_name

    issued = (t("report.intro_issued", date=short_date(DIRECTIVE_ISSUED))
              if ctx.status.directive.startswith("380") else "")
    phase = phase_name(ctx.status.phase) if ctx.status.phase else ""
    return t("report.intro", directive=ctx.status.directive, issued=issued, organization=ctx.org,
             issuer=issuer, start=short_date(ctx.start), end=short_date(ctx.end), phase=phase)


def _closing(ctx: Context) -> Closing:
    """Nơi nhận goes upward: the bodies reported to ("(để b/c)") first, then the other
    recipients of the settings, the archive last with a full stop (SPEC §6.2)."""
    settings = ctx.status.settings
    rs = settings.report
    if ctx.unit is not None:  # to the organisation's standing committee and its secretariat
        upward = [t("report.recipient_superior", organization=ctx.org)]
        upward += [_dash(_to_report(settings.report_to))] if settings.report_to else []
        others: list[str] = []
        archive = t("report.archive_default")
    else:
        upward = [_dash(_to_report(settings.report_to))] if settings.report_to else []
        others = [_dash(r) for r in rs.recipients if not _same_body(r, settings.report_to)]
        archive = rs.archive or t("report.archive_default")
    signer, title = _signer(ctx)
    return Closing(
        recipients_label=t("report.recipients_label"),
        recipients=[*upward, *others, t("report.recipient_archive", archive=_bare(archive))],
        authority=(rs.signing_authority or t("report.signing_authority")).upper(),
        signer_title=title.upper() if title else t("report.blank_line"), signer=signer or t("report.blank_line"))


def _bare(text: str) -> str:
    """A recipient without the dash before it and the punctuation after it."""
    return text.strip().lstrip("-–").strip().rstrip(",;.").strip()


def _to_report(body: str) -> str:
    return body if "b/c" in body else t("report.to_report", body=_bare(body))


def _same_body(recipient: str, body: str | None) -> bool:
    """Whether a recipient of the settings is the body reported to (listed once, first)."""
    if not body:
        return False
    strip = t("report.to_report", body="").strip()
    return _bare(recipient).replace(strip, "").strip().casefold() == _bare(body).casefold()


def _dash(text: str) -> str:
    """A recipient line as the format writes it: "- Ban ..., " (a dash before, a comma after)."""
    text = text if text.startswith(("-", "–")) else f"- {text}"
    return text if text.endswith((",", ";", ".")) else f"{text},"


# --- I. leadership ------------------------------------------------------------------------

def leadership(ctx: Context) -> list:
    """Section I: who issued a plan, and by when; who has not; the dissemination held."""
    if ctx.unit is not None:
        return _unit_leadership(ctx)
    if not ctx.scope:
        return [Para(t("report.i.no_units"))]
    blocks = [Para(_plans_sentence(ctx)), Para(_dissemination(ctx))]
    blocks += [Para(transferred_text(us.unit, "report.i.transferred")) for us in ctx.status.transferred]
    return blocks


def _plans_sentence(ctx: Context) -> str:
    with_plan = [(us, plan_of(ctx, us)) for us in ctx.scope]
    issued = [p for _us, p in with_plan if p]
    missing = [us for us, p in with_plan if not p]
    if not issued:
        return t("report.i.plans_none")
    when = _issue_dates([p.issued for p in issued if p.issued])
    if not missing:
        return t("report.i.plans_all", total=len(ctx.scope), when=when)
    left = (t("report.i.plans_missing_one", unit=missing[0].unit.name) if len(missing) == 1 else
            t("report.i.plans_missing", count=len(missing), units=join_words(names_of(missing))))
    return sentence([t("report.i.plans_some", share=f"{len(issued)}/{len(ctx.scope)}", when=when), left])


def _issue_dates(dates: list[date]) -> str:
    """" trong tháng 9/2025", " ngày 25/08/2025" or " trong thời gian từ ngày … đến ngày …"."""
    if not dates:
        return ""
    first, last = min(dates), max(dates)
    if first == last:
        return t("report.i.on_day", date=short_date(first))
    if (first.year, first.month) == (last.year, last.month):
        return t("report.i.in_month", month=f"{first.month}/{first.year}")
    return t("report.i.between", start=short_date(first), end=short_date(last))


def _dissemination(ctx: Context) -> str:
    events = ctx.events(("dissemination",))
    if not events:
        return t("report.i.dissemination_none")
    people = sum(e.participants or 0 for e in events)
    held = {e.unit for e in events}
    extra = t("report.i.people", people=thousands(people)) if people else ""
    if ctx.unit is not None:
        if len(events) == 1:
            return t("report.i.dissemination_one", unit=ctx.unit.unit.name, event=_event_words(events[0]))
        return t("report.i.dissemination_unit", unit=ctx.unit.unit.name, count=len(events), people=extra,
                 list=join_words([_event_words(e) for e in events]))
    return t("report.i.dissemination", share=share(len(held), len(ctx.scope)), count=len(events), people=extra)


def _event_words(e: Event) -> str:
    people = t("report.i.event_people", people=thousands(e.participants)) if e.participants else ""
    return t("report.i.event", date=short_date(e.date), title=as_object(e.title, "event_kind", e.kind),
             mode=codes.label("mode", e.mode, current_lang()), people=people)


def _unit_leadership(ctx: Context) -> list:
    assert ctx.unit is not None
    unit = ctx.unit.unit
    if ctx.left is not None:
        blocks = [Para(transferred_text(unit, "report.i.unit_left"))]
    elif ctx.unit.state != "active":
        return [Para(transferred_text(unit, "report.i.unit_left_before"))]
    else:
        blocks = []
    plan = plan_of(ctx, ctx.unit)
    if plan is None:
        return blocks + [Para(t("report.i.unit_no_plan", unit=unit.name)), Para(_dissemination(ctx))]
    blocks.append(Para(" ".join(s for s in (t("report.i.unit_plan", unit=unit.name, plan=_plan_ref(plan)),
                                            _plan_details(plan)) if s)))
    blocks.append(Para(_dissemination(ctx)))
    return blocks


def _plan_ref(plan) -> str:
    if plan.number and plan.issued:
        return t("report.plan_ref", number=plan.number, date=short_date(plan.issued), title=plan.title)
    if plan.number:
        return t("report.plan_ref_nodate", number=plan.number, title=plan.title)
    return t("report.plan_ref_unnumbered", title=plan.title)


def _plan_details(plan) -> str:
    lang = current_lang()
    res = plan.resources
    budget = thousands(res.budget_vnd) if res and res.budget_vnd is not None else None
    parts = [("report.plan_audiences", join_words([codes.label("audience", a, lang) for a in plan.audiences])),
             ("report.plan_staff", res.staff if res else None), ("report.plan_means", res.means if res else None),
             ("report.plan_budget", budget), ("report.plan_platforms", join_words(list(plan.platforms)))]
    clauses = [t(key, value=value) for key, value in parts if value]
    clauses.append(t("report.plan_tasks", tasks=len(plan.tasks), reviews=len(plan.reviews)))
    return t("report.plan_details", details="; ".join(clauses))


def transferred_text(unit: Unit, key: str = "report.transferred_line") -> str:
    to = t("report.transferred_to", body=unit.moved_to) if unit.moved_to else ""
    return t(key, unit=unit.name, to=to, date=short_date(unit.until))


# --- V. proposals ---------------------------------------------------------------------------

def _proposals(ctx: Context) -> list:
    text = (ctx.status.settings.report.proposals or "").strip()
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
