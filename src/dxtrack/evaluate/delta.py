"""Two states of a tracker compared: what the status does between them, as data.

`compare(before, after)` takes the Status at one git revision (None when the tracker did not
exist there) and at another (or the working tree), both evaluated in the same phase at the same
day (`before_window` gives the before side its window), and returns a `Delta`: one `UnitDelta`
per unit of either side, in `after`'s order and then the units only `before` had. It is the one
comparison of two states: `dxtrack diff` renders it (render/diff.py), and so does the GitHub job
summary of `check --changed-since` (render/summary.py).

A unit's state on a side is `active`, `transferred` (listed apart, no score) or `absent` (not in
units.yaml there, or not taking part in the phase). Its `moves` are the requirements whose status
differs, in catalog order, each `(id, before, after)` with `before` None when that side has no
status for it (a unit transferred there); a unit absent before has no moves: it is all new.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dxtrack.evaluate.status import Status, StatusValue, UnitStatus
from dxtrack.evaluate.window import Window
from dxtrack.models.phases import Phase, phase_at, phase_by_id, phases_of

ABSENT = "absent"


@dataclass(frozen=True)
class RequirementMove:
    """One requirement of one unit whose status differs between the two sides."""

    id: str
    before: StatusValue | None
    after: StatusValue | None


@dataclass(frozen=True)
class UnitDelta:
    """One unit on both sides: state, score and record counts before and after, and its moves."""

    id: str
    name: str
    state_before: str                 # active | transferred | absent
    state_after: str
    score_before: int | None
    score_after: int | None
    counts_before: dict[str, int] | None = None   # None when absent on that side
    counts_after: dict[str, int] | None = None
    moves: tuple[RequirementMove, ...] = ()

    @property
    def status_changed(self) -> bool:
        """Whether its state, score or any requirement's status differs."""
        return (self.state_before != self.state_after or self.score_before != self.score_after
                or bool(self.moves))

    @property
    def changed(self) -> bool:
        """Whether anything differs: the status, or only how many records count."""
        return self.status_changed or (self.counts_before or {}) != (self.counts_after or {})


@dataclass(frozen=True)
class Delta:
    """The comparison of two states (`before` None: no tracker there): every unit of either side."""

    before: Status | None
    after: Status
    units: tuple[UnitDelta, ...]
    from_rev: str | None = None       # the revisions compared, as the user named them
    to_rev: str | None = None         # None: the working tree
    phase_missing_before: bool = False  # the phase evaluated did not exist on the before side

    @property
    def as_of(self) -> date:
        return self.after.as_of

    @property
    def phase(self) -> Phase | None:
        return self.after.phase

    @property
    def changed(self) -> list[UnitDelta]:
        return [u for u in self.units if u.changed]

    @property
    def unchanged(self) -> int:
        """How many units are the same on both sides."""
        return sum(1 for u in self.units if not u.changed)


def compare(before: Status | None, after: Status) -> Delta:
    """What changes from `before` to `after`, unit by unit: `after`'s units in its order, then
    those only `before` lists, in its order."""
    old = {u.unit.id: u for u in before.units} if before else {}
    units = [_unit_delta(old.pop(u.unit.id, None), u) for u in after.units]
    units += [_unit_delta(u, None) for u in old.values()]
    return Delta(before, after, tuple(units))


def _unit_delta(before: UnitStatus | None, after: UnitStatus | None) -> UnitDelta:
    some = after or before
    assert some is not None
    moves: list[RequirementMove] = []
    if before is not None and after is not None:
        for rid, now in after.requirements.items():
            was = before.requirements.get(rid)
            if was is None or was.status != now.status:
                moves.append(RequirementMove(rid, was.status if was else None, now.status))
    return UnitDelta(
        id=some.unit.id, name=some.unit.name,
        state_before=before.state if before else ABSENT, state_after=after.state if after else ABSENT,
        score_before=before.score if before else None, score_after=after.score if after else None,
        counts_before=dict(before.counts) if before else None, counts_after=dict(after.counts) if after else None,
        moves=tuple(moves))


def before_window(repo, phase_id: str | None, as_of: date) -> tuple[Window, bool]:
    """The window to evaluate the before side `repo` in, to compare it with a status of phase
    `phase_id` at `as_of`: its phase of that id at that day, and False; when it has no such
    phase (phases were added since), the phase that day picks there (or its first), and True.
    The day is kept inside that phase's window (phases can have been moved too)."""
    assert repo.settings is not None
    phases = phases_of(repo.settings)
    phase = phase_by_id(phases, phase_id) if phase_id is not None else None
    missing = phase is None
    if phase is None:
        phase = phase_at(phases, as_of) or phases[0]
    day = phase.clamp(as_of)
    return Window(phase, day, None, phases), missing
