"""Phases (SPEC §2.1.1): the windows in which the catalog is evaluated afresh.

`phases_of(settings)` gives the phases of a tracker as plain data: those of its `phases`
list, or, without one, the one default phase made of `phase_end` and the top-level
`report_due`. The choices of SPEC §2.1.1 are here too: the current phase of a day, the phase
an `--as-of` date picks, and whether a unit takes part in a phase and from when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pydantic import BaseModel, Field

from dxtrack.models.types import MODEL_CONFIG, Date, Slug, Text

DIRECTIVE_ISSUED = date(2025, 8, 18)  # Công văn 380-CV/ĐU, Hà Nội, ngày 18 tháng 8 năm 2025


def add_days(day: date, days: int) -> date:
    """The day `days` after `day` (before it, if negative), or the calendar's last (first) day
    where that is past 9999-12-31 (before 0001-01-01): a phase ending on 9999-12-31, a
    threshold of 3,650 days from late 9999 or `due --days 3000000` reach no day the calendar
    has, and no sum of days may raise (OverflowError would hide every finding)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def later_by(day: date, days: int) -> date | None:
    """The day `days` (≥ 0) after `day`, or None if the calendar has none (after 9999-12-31)."""
    return day + timedelta(days=days) if (date.max - day).days >= days else None


class PhaseSetting(BaseModel):
    """One entry of `phases` in dxtrack.yaml, as written."""

    model_config = MODEL_CONFIG
    id: Slug = Field(description='Slug [a-z0-9-]+, quoted when it is a number: "2026"')
    name: Text | None = Field(None, description="Tên giai đoạn, e.g. Năm tăng tốc 2026")
    from_: Date | None = Field(None, alias="from",
                               description="First day (the first phase: the directive's date by default)")
    to: Date = Field(description="Last day of the phase")
    report_due: list[Date] = Field(default_factory=list, description="Dates a result report is due in this phase")


@dataclass(frozen=True)
class Phase:
    """A window of evaluation. `name` None is the default name, worded at the edge
    ("Giai đoạn 2025", "Phase 2025"); `end` None is open-ended (no `phase_end`)."""

    id: str
    name: str | None
    start: date
    end: date | None
    report_due: tuple[date, ...] = ()

    def holds(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def clamp(self, day: date) -> date:
        """`day`, but inside the window: no later than its end, no earlier than its start."""
        day = min(day, self.end) if self.end is not None else day
        return max(day, self.start)

    def as_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "from": self.start.isoformat(),
                "to": self.end.isoformat() if self.end else None}


def phases_of(settings) -> tuple[Phase, ...]:
    """The phases of a tracker (`settings` a `Settings`), in order. A later phase without
    `from` (an error of check) starts the day after the one before it."""
    if settings.phases:
        found: list[Phase] = []
        for entry in settings.phases:
            start = entry.from_ or (add_days(found[-1].end, 1) if found and found[-1].end
                                    else DIRECTIVE_ISSUED)
            found.append(Phase(entry.id, entry.name, start, entry.to, tuple(sorted(set(entry.report_due)))))
        return tuple(found)
    year = (settings.phase_end or settings.received).year
    return (Phase(str(year), None, DIRECTIVE_ISSUED, settings.phase_end,
                  tuple(sorted(set(settings.report_due)))),)


def phase_by_id(phases: tuple[Phase, ...], phase_id: str) -> Phase | None:
    return next((p for p in phases if p.id == phase_id), None)


def current_phase(phases: tuple[Phase, ...], today: date) -> Phase:
    """The phase whose window holds `today`; before the first, the first; after the last (or
    between two), the last one that has started."""
    started = [p for p in phases if p.start <= today]
    holding = [p for p in started if p.holds(today)]
    return holding[0] if holding else started[-1] if started else phases[0]


def phase_at(phases: tuple[Phase, ...], day: date) -> Phase | None:
    """The phase an `--as-of` date picks: the one holding it; between two phases or after the
    last, the one before it; None before the first (a usage error)."""
    started = [p for p in phases if p.start <= day]
    return started[-1] if started else None


def unit_start(received: date, phase: Phase) -> date:
    """A unit's start in a phase: the later of its receipt and the phase's first day."""
    return max(received, phase.start)


def takes_part(received: date, phase: Phase, as_of: date | None = None) -> bool:
    """Whether a unit is listed in `phase` (at `as_of`): received by its end, and by `as_of`
    (a unit is tracked only from its receipt, SPEC §2.2; one that left before the phase
    started is listed, apart, as transferred)."""
    return (phase.end is None or received <= phase.end) and (as_of is None or received <= as_of)
