"""The evaluated status: plain data that every renderer (table, JSON, CSV, Markdown, the
report) turns into words. No sentence is made here: a reason is a code and its parameters.

Produced by `dxtrack.evaluate.evaluate(repo, as_of, phase)` (also `dxtrack.api.evaluate`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from dxtrack.catalog import Requirement
from dxtrack.models import Plan, Settings, Unit
from dxtrack.models.phases import Phase


class StatusValue(StrEnum):
    """The status of one requirement for one unit (SPEC §3)."""

    MET = "met"
    PARTIAL = "partial"
    MISSING = "missing"
    NOT_DUE = "not_due"
    NA = "n/a"


STATUSES = tuple(s.value for s in StatusValue)
SYMBOLS = {"met": "✓", "partial": "◐", "missing": "✗", "not_due": "⏳", "n/a": "·"}


@dataclass(frozen=True)
class Reason:
    """Why a requirement is not met: a stable code (documented in `evaluate.reasons`) and its
    parameters, JSON-ready (dates as ISO strings, codes as codes, lists as lists)."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params}


@dataclass
class RequirementStatus:
    status: StatusValue
    reasons: list[Reason] = field(default_factory=list)


@dataclass
class UnitStatus:
    unit: Unit
    state: str                       # "active" | "transferred"
    score: int | None                # None when transferred
    last_activity: date | None
    counts: dict[str, int]           # event, product, channel, report
    requirements: dict[str, RequirementStatus]   # empty when transferred
    plan: Plan | None = None
    left_out: int = 0                # data files of the unit not counted (Document.is_left_out)
    plan_left_out: str | None = None  # with no plan: the plan file left out for its errors


@dataclass
class Status:
    as_of: date
    directive: str
    sample: bool
    settings: Settings
    requirements: list[Requirement]
    units: list[UnitStatus]          # Vietnamese alphabetical order of name
    left_out: int = 0                # data files not counted, in the whole repo (Repo.left_out)
    phase: Phase | None = None       # the phase evaluated (None only in a Status made by hand)
    as_of_requested: date | None = None  # the --as-of given, when it was taken as the phase's end
    phases: tuple[Phase, ...] = ()   # every phase of the tracker, in order

    @property
    def active(self) -> list[UnitStatus]:
        return [u for u in self.units if u.state == "active"]

    @property
    def transferred(self) -> list[UnitStatus]:
        return [u for u in self.units if u.state == "transferred"]
