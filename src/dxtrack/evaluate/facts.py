"""What the evaluators look at: one unit at one date, its counted records, its plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Generic, TypeGuard, TypeVar

from dxtrack.models import Plan, RecordBase, Settings, Unit
from dxtrack.models.phases import Phase, phases_of, unit_start

R = TypeVar("R", bound=RecordBase)


@dataclass(frozen=True)
class Counted(Generic[R]):
    """A record that counts at `as_of`, with only its dates on or before that day."""

    record: R
    dates: tuple[date, ...]

    @property
    def first(self) -> date:
        return self.dates[0]

    @property
    def last(self) -> date:
        return self.dates[-1]


def count_record(record: R, start: date, cutoff: date) -> Counted[R] | None:
    """The record as it counts in the window from `start` to `cutoff` (its dates there), or
    None when it has none there: a channel started before a phase counts in it by its dates
    inside it (SPEC §3)."""
    dates = tuple(sorted(d for d in record.dates() if start <= d <= cutoff))
    return Counted(record, dates) if dates else None


@dataclass
class Facts:
    """One unit, in one phase, at one date."""

    unit: Unit
    plan: Plan | None
    settings: Settings
    as_of: date
    records: list[Counted[RecordBase]] = field(default_factory=list)
    phase: Phase | None = None  # None: the tracker's current one (its first, without `phases`)
    # with no plan: the plan file that would serve but is left out for its errors (its path)
    plan_left_out: str | None = None
    # `of(kind)` once per kind: every evaluator asks for the events or the products again
    _of: dict[type, list] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self):
        if self.phase is None:
            self.phase = phases_of(self.settings)[0]

    @property
    def window(self) -> Phase:
        assert self.phase is not None  # __post_init__
        return self.phase

    @property
    def received(self) -> date:
        """The unit's start in the phase: the later of its receipt and the phase's `from`
        ("received" in 3.a–3.e; SPEC §3)."""
        return unit_start(self.unit.received_on(self.settings.received), self.window)

    @property
    def start_basis(self) -> str:
        """What the unit's start in the phase is: its receipt ("received"), or the phase's
        first day ("phase"), when it received the directive before the phase began."""
        return "phase" if self.received > self.unit.received_on(self.settings.received) else "received"

    def of(self, kind: type[R]) -> list[R]:
        """The records of `kind` (a new list each time: callers may change it)."""
        found = self._of.get(kind)
        if found is None:
            found = self._of[kind] = [c.record for c in self.records if isinstance(c.record, kind)]
        return list(found)

    def counted(self, kind: type[R]) -> list[Counted[R]]:
        return [c for c in self.records if _counts_as(c, kind)]

    def dates(self) -> list[date]:
        return sorted(d for c in self.records for d in c.dates)

    def communication_dates(self) -> list[date]:
        """The dates of the records that communicate (events, products, channels): a result
        report sent upward is not communication (3.a, 3.c; SPEC §3)."""
        from dxtrack.models import Report

        return sorted(d for c in self.records if not isinstance(c.record, Report) for d in c.dates)

    def threshold(self, name: str) -> int:
        return int(getattr(self.settings.thresholds, name))


def _counts_as(counted: Counted[RecordBase], kind: type[R]) -> TypeGuard[Counted[R]]:
    return isinstance(counted.record, kind)


def days_between(start: date, end: date) -> int:
    """Day counts are differences of dates: 2025-08-20 to 2025-08-28 is 8 days."""
    return (end - start).days


def iso(d: date | None) -> str | None:
    """A date as a reason parameter carries it: ISO text (JSON-ready), or None."""
    return d.isoformat() if d else None
