"""The evaluated status: plain data that `dxtrack status` and `dxtrack report` render.

Produced by `dxtrack.evaluate.evaluate(repo, as_of)` (also `dxtrack.api.evaluate`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from dxtrack.catalog import Requirement
from dxtrack.models import Plan, Settings, Unit

STATUSES = ("met", "partial", "missing", "not_due", "n/a")
SYMBOLS = {"met": "✓", "partial": "◐", "missing": "✗", "not_due": "⏳", "n/a": "·"}


@dataclass
class RequirementStatus:
    status: str                      # one of STATUSES
    reasons: list[str] = field(default_factory=list)  # plain-language, in the current language


@dataclass
class UnitStatus:
    unit: Unit
    state: str                       # "active" | "transferred"
    score: int | None                # None when transferred
    last_activity: date | None
    counts: dict[str, int]           # event, product, channel, report
    requirements: dict[str, RequirementStatus]   # empty when transferred
    plan: Plan | None = None
    left_out: int = 0                # record files not counted because they have errors


@dataclass
class Status:
    as_of: date
    directive: str
    sample: bool
    settings: Settings
    requirements: list[Requirement]
    units: list[UnitStatus]          # Vietnamese alphabetical order of name
    left_out: int = 0

    @property
    def active(self) -> list[UnitStatus]:
        return [u for u in self.units if u.state == "active"]

    @property
    def transferred(self) -> list[UnitStatus]:
        return [u for u in self.units if u.state == "transferred"]
