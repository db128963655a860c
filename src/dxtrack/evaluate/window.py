"""Which phase and which day a command looks at (SPEC §2.1.1, §3): the evaluation window.

`window(repo, phase_id, as_of)` resolves `--phase` and `--as-of` as the SPEC says, once, for
every command that reads the status (`status`, `report`, `due`, `diff`):
- `--phase ID` picks that phase (an unknown id is a usage error naming the ids there are);
- else an `--as-of` date picks the phase whose window holds it (between two phases, or after
  the last, the one before; before the first, a usage error);
- else the current phase (the one holding today; see `models.phases.current_phase`).
The day is `--as-of`, or today, but never after the phase's `to` (an `--as-of` after it is
taken as its `to`, and `requested` keeps the date given) and never before its `from` (an
`--as-of` before it is a usage error).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dxtrack.errors import SetupError
from dxtrack.models.phases import Phase, current_phase, phase_at, phase_by_id, phases_of
from dxtrack.text import short_date


@dataclass(frozen=True)
class Window:
    """One phase, one day inside it."""

    phase: Phase
    as_of: date
    requested: date | None = None   # the --as-of given, when it was taken as the phase's `to`
    phases: tuple[Phase, ...] = ()  # every phase of the tracker, in order

    @property
    def start(self) -> date:
        return self.phase.start


def window(repo, phase_id: str | None = None, as_of: date | None = None) -> Window:
    """The phase and day to evaluate `repo` (a `Repo` with settings) at."""
    assert repo.settings is not None
    phases = phases_of(repo.settings)
    if phase_id is not None:
        phase = phase_by_id(phases, phase_id)
        if phase is None:
            raise SetupError("setup.unknown_phase", value=phase_id, choices=", ".join(p.id for p in phases))
    elif as_of is not None:
        picked = phase_at(phases, as_of)
        if picked is None:
            raise SetupError("setup.as_of_before_phases", value=short_date(as_of),
                             start=short_date(phases[0].start), phase=phases[0].id)
        phase = picked
    else:
        phase = current_phase(phases, repo.today)
    if as_of is None:
        return Window(phase, phase.clamp(repo.today), None, phases)
    if as_of < phase.start:
        raise SetupError("setup.as_of_before_phase", value=short_date(as_of), start=short_date(phase.start),
                         phase=phase.id)
    if phase.end is not None and as_of > phase.end:
        return Window(phase, phase.end, as_of, phases)
    return Window(phase, as_of, None, phases)

