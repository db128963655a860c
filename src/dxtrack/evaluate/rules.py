"""The evaluators the requirement catalog names (SPEC §3).

Each evaluator takes the `Facts` of one unit at one date (its counted records, its plan,
the settings) and the parameters written in the catalog, and returns an `Outcome`: a
status (met, partial, missing, not_due) with the reasons for it. `combine` turns the
outcomes of a requirement's criteria into its status: met when all hold, partial when
some do, missing when none do. Nothing here prints; reason texts live in i18n/status.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from dxtrack.models import codes
from dxtrack.i18n import get_lang, t
from dxtrack.models import Channel, Event, Plan, Product, RecordBase, Report, Settings, Unit
from dxtrack.text import fold, short_date


# ---------------------------------------------------------------- data shapes

@dataclass(frozen=True)
class Counted:
    """A record that counts at `as_of`, with only its dates on or before that day."""

    record: RecordBase
    dates: tuple[date, ...]

    @property
    def first(self) -> date:
        return self.dates[0]

    @property
    def last(self) -> date:
        return self.dates[-1]


def count_record(record: RecordBase, cutoff: date) -> Counted | None:
    """The record as it counts at `cutoff`, or None when it has no date by then."""
    dates = tuple(sorted(d for d in record.dates() if d <= cutoff))
    return Counted(record, dates) if dates else None


@dataclass
class Facts:
    """What the evaluators look at: one unit, at one date."""

    unit: Unit
    plan: Plan | None
    settings: Settings
    as_of: date
    records: list[Counted] = field(default_factory=list)

    @property
    def received(self) -> date:
        return self.unit.received_on(self.settings.received)

    def of(self, kind: type) -> list:
        return [c.record for c in self.records if isinstance(c.record, kind)]

    def counted(self, kind: type) -> list[Counted]:
        return [c for c in self.records if isinstance(c.record, kind)]

    def dates(self) -> list[date]:
        return sorted(d for c in self.records for d in c.dates)

    def threshold(self, name: str) -> int:
        return int(getattr(self.settings.thresholds, name))


@dataclass(frozen=True)
class Reason:
    """Why a criterion does not hold: a message key, the items it names, its parameters.

    Reasons with the same key and parameters are merged, their items listed together
    (`join`: "list" → a, b; "and" → a và b).
    """

    key: str
    items: tuple[str, ...] = ()
    params: tuple = ()
    join: str = "list"


@dataclass
class Outcome:
    status: str                       # met | partial | missing | not_due
    reasons: list[Reason] = field(default_factory=list)


def met() -> Outcome:
    return Outcome("met")


def outcome(status: str, key: str, items=(), join: str = "list", **params) -> Outcome:
    return Outcome(status, [Reason(key, tuple(items), tuple(sorted(params.items())), join)])


def missing(key: str, items=(), join: str = "list", **params) -> Outcome:
    return outcome("missing", key, items, join, **params)


# ---------------------------------------------------------------- wording helpers

def label(list_name: str, code: str) -> str:
    return codes.label(list_name, code, get_lang())


def either(list_name: str, values) -> str:
    """`a, b hoặc c`: the labels of `values`, as alternatives."""
    names = [label(list_name, v) for v in values]
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + t("word.or") + names[-1]


def day(d: date | None) -> str:
    return short_date(d)


def days_between(start: date, end: date) -> int:
    """Day counts are differences of dates: 2025-08-20 to 2025-08-28 is 8 days."""
    return (end - start).days


def no_plan() -> Outcome:
    return missing("reason.no_plan")


# ---------------------------------------------------------------- evaluators: events

def event_audience(f: Facts, kinds: list[str], audiences: list[str]) -> Outcome:
    """Events of `kinds`, together, reach one of `audiences`."""
    events = [e for e in f.of(Event) if e.kind in kinds]
    if not events:
        return missing("reason.no_event_kind", [either("event_kind", kinds)])
    reached = {a for e in events for a in e.audiences}
    if reached & set(audiences):
        return met()
    return missing("reason.event_audience", [either("audience", audiences)],
                   kinds=either("event_kind", kinds))


def event_kind(f: Facts, kinds: list[str]) -> Outcome:
    """An event of one of `kinds`."""
    if any(e.kind in kinds for e in f.of(Event)):
        return met()
    return missing("reason.no_event_kind", [either("event_kind", kinds)])


def event_mode(f: Facts, modes: list[str]) -> Outcome:
    """An event held in one of `modes` (the first names it in the reason)."""
    if any(e.mode in modes for e in f.of(Event)):
        return met()
    return missing("reason.no_event_mode", [label("mode", modes[0])], join="and")


def event_leaders(f: Facts, kinds: list[str]) -> Outcome:
    """An event of `kinds` that names the leaders taking part."""
    events = [e for e in f.of(Event) if e.kind in kinds]
    if any(e.leaders for e in events):
        return met()
    key = "reason.no_leaders" if events else "reason.no_event_kind"
    return missing(key, [either("event_kind", kinds)])


def event_partners(f: Facts, partners: list[str]) -> Outcome:
    """Events, of any kind, name among their partners each of `partners` (matched like codes)."""
    named = {fold(p) for e in f.of(Event) for p in e.partners}
    absent = [p for p in partners if fold(p) not in named]
    if not absent:
        return met()
    return missing("reason.no_partners", absent)


# ---------------------------------------------------------------- evaluators: products

def product_outlet(f: Facts, outlets: list[str]) -> Outcome:
    """A product published on one of `outlets` (its `channels`)."""
    if any(set(p.channels) & set(outlets) for p in f.of(Product)):
        return met()
    return missing("reason.no_outlet", [either("outlet", outlets)])


def product_kind(f: Facts, kinds: list[str]) -> Outcome:
    if any(p.kind in kinds for p in f.of(Product)):
        return met()
    return missing("reason.no_product_kind", [either("product_kind", kinds)])


def product_topic(f: Facts, topic: str) -> Outcome:
    """A product covers `topic`."""
    if any(topic in p.topics for p in f.of(Product)):
        return met()
    return missing("reason.no_product_topic", [label("topic", topic)])


def product_kinds(f: Facts, threshold: str) -> Outcome:
    """Products of at least the threshold's number of distinct kinds."""
    need = f.threshold(threshold)
    kinds = sorted({p.kind for p in f.of(Product)})
    if not kinds:
        return missing("reason.no_products")
    if len(kinds) >= need:
        return met()
    names = ", ".join(label("product_kind", k) for k in kinds)
    return missing("reason.few_product_kinds", count=len(kinds), kinds=names, need=need)


def products_name_audiences(f: Facts) -> Outcome:
    """Every product names its audiences (fails when there is no product)."""
    products = f.of(Product)
    if not products:
        return missing("reason.no_products")
    unnamed = [p for p in products if not p.audiences]
    if not unnamed:
        return met()
    shown = [f"“{p.title}”" for p in unnamed[:3]]
    if len(unnamed) > 3:
        shown.append(t("word.more", count=len(unnamed) - 3))
    return missing("reason.no_product_audience", shown)


# ---------------------------------------------------------------- evaluators: topics

def topic_covered(f: Facts, topic: str) -> Outcome:
    """An event or product covers `topic` (partial: only a plan task lists it)."""
    records = f.of(Event) + f.of(Product)
    if any(topic in r.topics for r in records):
        return met()
    name = label("topic", topic)
    if f.plan and any(topic in task.topics for task in f.plan.tasks):
        return outcome("partial", "reason.topic_only_planned", topic=name)
    return missing("reason.topic_missing", topic=name)


# ---------------------------------------------------------------- evaluators: channels

def channel_kept_up(f: Facts, kinds: list[str] | None = None, stale_is_partial: bool = False) -> Outcome:
    """A channel (of `kinds`) whose last date is at most `cadence_days` before as_of."""
    channels = [c for c in f.counted(Channel) if kinds is None or c.record.kind in kinds]
    if not channels:
        return missing("reason.no_channel", [either("channel_kind", kinds or codes.choices("channel_kind"))])
    if any(days_between(c.last, f.as_of) <= c.record.cadence_days for c in channels):
        return met()
    best = min(channels, key=lambda c: days_between(c.last, f.as_of) - c.record.cadence_days)
    kind_set = {c.record.kind for c in channels}
    what = label("channel_kind", best.record.kind) if len(kind_set) == 1 else t("word.channel")
    status = "partial" if stale_is_partial else "missing"
    return outcome(status, "reason.channel_stale", what=what, days=best.record.cadence_days,
                   last=day(best.last))


# ---------------------------------------------------------------- evaluators: the plan

PLAN_FIELDS = {
    "number_issued": lambda p: bool(p.number) and p.issued is not None,
    "audiences": lambda p: bool(p.audiences),
    "staff": lambda p: bool(p.resources and p.resources.staff),
    "means": lambda p: bool(p.resources and p.resources.means),
    "budget": lambda p: p.resources is not None and p.resources.budget_vnd is not None
    and p.resources.budget_vnd >= 0,
    "platforms": lambda p: bool(p.platforms),
}


def plan_exists(f: Facts) -> Outcome:
    return met() if f.plan else no_plan()


def plan_has(f: Facts, field: str) -> Outcome:
    """The plan states `field` (one of PLAN_FIELDS)."""
    if f.plan is None:
        return no_plan()
    if PLAN_FIELDS[field](f.plan):
        return met()
    return missing("reason.plan_lacks", [t(f"plan_field.{field}")])


def tasks_have_owner(f: Facts) -> Outcome:
    """Every plan task has an owner (fails when the plan has no task)."""
    if f.plan is None:
        return no_plan()
    if not f.plan.tasks:
        return missing("reason.no_tasks")
    orphans = [f"{task.id} “{task.title}”" for task in f.plan.tasks if not task.owner]
    return missing("reason.task_no_owner", orphans) if orphans else met()


def plan_reviews(f: Facts, kinds: list[str]) -> Outcome:
    """The plan schedules a review of one of `kinds`."""
    if f.plan is None:
        return no_plan()
    if any(r.kind in kinds for r in f.plan.reviews):
        return met()
    return missing("reason.no_review", [either("review_kind", kinds)])


# ---------------------------------------------------------------- evaluators: time

def first_record_within(f: Facts, threshold: str) -> Outcome:
    """The first record within the threshold's days of receipt (partial: later;
    not_due while that window is still open and nothing is recorded)."""
    limit = f.threshold(threshold)
    dates = f.dates()
    if dates:
        late = days_between(f.received, dates[0])
        if late <= limit:
            return met()
        return outcome("partial", "reason.started_late", first=day(dates[0]), days=late, limit=limit)
    if days_between(f.received, f.as_of) <= limit:
        return outcome("not_due", "reason.start_window_open", limit=limit,
                       end=day(date.fromordinal(f.received.toordinal() + limit)))
    return missing("reason.never_started", received=day(f.received))


def task_done_on(task, records: list[Counted]) -> date | None:
    """The earliest date of a record linked to `task` by `plan_task`, or None."""
    linked = [c.first for c in records if c.record.plan_task == task.id]
    return min(linked) if linked else None


def tasks_on_time(f: Facts) -> Outcome:
    """Every plan task due by as_of has a linked record dated on or before its due date."""
    if f.plan is None:
        return no_plan()
    dated = [task for task in f.plan.tasks if task.due is not None]
    if not dated:
        return missing("reason.no_dated_tasks")
    due = [task for task in dated if task.due <= f.as_of]
    if not due:
        return outcome("not_due", "reason.no_task_due", next=day(min(task.due for task in dated)))
    late, undone = [], []
    for task in due:
        done = task_done_on(task, f.records)
        if done is None:
            undone.append(t("reason.task_item", id=task.id, due=day(task.due)))
        elif done > task.due:
            late.append(t("reason.task_late_item", id=task.id, due=day(task.due), done=day(done)))
    if not late and not undone:
        return met()
    reasons = [Reason("reason.tasks_undone", tuple(undone))] if undone else []
    reasons += [Reason("reason.tasks_late", tuple(late))] if late else []
    on_time = len(due) - len(late) - len(undone)
    return Outcome("partial" if on_time else "missing", reasons)


def longest_gap(f: Facts, threshold: str) -> Outcome:
    """The longest stretch without any record, from receipt to as_of, is at most the
    threshold (partial: at most twice that)."""
    limit = f.threshold(threshold)
    points = [f.received, *[d for d in f.dates() if d > f.received], f.as_of]
    gaps = [(days_between(a, b), a, b) for a, b in zip(points, points[1:])]
    length, start, end = max(gaps, key=lambda g: g[0]) if gaps else (0, f.received, f.as_of)
    if length <= limit:
        return met()
    status = "partial" if length <= 2 * limit else "missing"
    return outcome(status, "reason.gap", days=length, start=day(start), end=day(end), limit=limit)


def final_review(f: Facts) -> Outcome:
    """A final_review event; not_due before phase_end, unless it already exists.

    Due on phase_end itself: the status as of the phase's last day (the default as-of
    once the phase is over) is the phase's final assessment, and the review belongs in it."""
    if any(e.kind == "final_review" for e in f.of(Event)):
        return met()
    end = f.settings.phase_end
    if end is None or f.as_of < end:
        return outcome("not_due", "reason.phase_open", end=day(end))
    return missing("reason.no_final_review", end=day(end))


def reports_on_time(f: Facts) -> Outcome:
    """For each report_due date passed, a report dated on or before it (partial: some,
    or late); not_due before the first. Each report answers one due date, in order."""
    reports = sorted(c.first for c in f.counted(Report))
    results = []
    for due in sorted(f.settings.report_due):
        sent = reports.pop(0) if reports else None
        if sent is not None and sent <= due:
            results.append(("met", None))
        elif due >= f.as_of:
            break  # not yet due, nothing sent for it yet
        elif sent is not None:
            results.append(("partial", t("reason.report_late_item", due=day(due), sent=day(sent))))
        else:
            results.append(("missing", t("reason.report_item", due=day(due))))
    if not results:
        first = min(f.settings.report_due, default=None)
        return outcome("not_due", "reason.report_not_due" if first else "reason.report_no_dates",
                       due=day(first))
    states = {s for s, _ in results}
    status = "met" if states == {"met"} else "missing" if states == {"missing"} else "partial"
    late = tuple(text for s, text in results if s == "partial")
    absent = tuple(text for s, text in results if s == "missing")
    reasons = ([Reason("reason.reports_missing", absent)] if absent else []) + \
              ([Reason("reason.reports_late", late)] if late else [])
    return Outcome(status, reasons)


RULES = {
    "event_audience": event_audience, "event_kind": event_kind, "event_mode": event_mode,
    "event_leaders": event_leaders, "event_partners": event_partners,
    "product_outlet": product_outlet, "product_kind": product_kind, "product_topic": product_topic,
    "product_kinds": product_kinds, "products_name_audiences": products_name_audiences,
    "topic_covered": topic_covered, "channel_kept_up": channel_kept_up,
    "plan_exists": plan_exists, "plan_has": plan_has, "tasks_have_owner": tasks_have_owner,
    "plan_reviews": plan_reviews, "first_record_within": first_record_within,
    "tasks_on_time": tasks_on_time, "longest_gap": longest_gap, "final_review": final_review,
    "reports_on_time": reports_on_time,
}


# ---------------------------------------------------------------- combining

def run_criterion(f: Facts, criterion: dict) -> Outcome:
    params = {k: v for k, v in criterion.items() if k != "rule"}
    return RULES[criterion["rule"]](f, **params)


def combine(outcomes: list[Outcome]) -> tuple[str, list[str]]:
    """A requirement's status and reason texts from its criteria's outcomes.

    Criteria not yet due are set aside; if all are, the requirement is not due."""
    due = [o for o in outcomes if o.status != "not_due"]
    if not due:
        return "not_due", reason_texts([r for o in outcomes for r in o.reasons])
    states = {o.status for o in due}
    status = "met" if states == {"met"} else "missing" if states == {"missing"} else "partial"
    return status, reason_texts([r for o in due for r in o.reasons])


def reason_texts(reasons: list[Reason]) -> list[str]:
    """Merge reasons of the same key and parameters, then word them."""
    merged: dict[tuple, list[str]] = {}
    for r in reasons:
        items = merged.setdefault((r.key, r.params, r.join), [])
        items.extend(i for i in r.items if i not in items)
    texts = [t(key, items=join_items(items, how), **dict(params)) for (key, params, how), items in merged.items()]
    return [text[:1].upper() + text[1:] for text in texts]


def join_items(items: list[str], how: str) -> str:
    if how == "and" and len(items) > 1:
        return ", ".join(items[:-1]) + t("word.and") + items[-1]
    return ("; " if any("," in i for i in items) else ", ").join(items)


def score(statuses: list[str]) -> int | None:
    """100 × (met + ½ partial) / (requirements neither not_due nor n/a), rounded half up."""
    counted = [s for s in statuses if s not in ("not_due", "n/a")]
    if not counted:
        return None
    value = Fraction(100 * (2 * counted.count("met") + counted.count("partial")), 2 * len(counted))
    return int(value + Fraction(1, 2))
