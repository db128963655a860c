"""Evaluators over channels (dedicated pages, sections, series, newsletters) kept up."""

from __future__ import annotations

from dxtrack.evaluate.facts import Facts, days_between, iso
from dxtrack.evaluate.registry import Outcome, evaluator, met, missing, outcome
from dxtrack.evaluate.status import StatusValue
from dxtrack.models import Channel
from dxtrack.models.codes import choices


@evaluator("channel_kept_up", serves=("2.1.i", "2.2.d"), kinds="codes:channel_kind")
def channel_kept_up(f: Facts, kinds: list[str] | None = None, stale_is_partial: bool = False) -> Outcome:
    """A channel (of `kinds`) whose last date is at most `cadence_days` before as_of."""
    channels = [c for c in f.counted(Channel) if kinds is None or c.record.kind in kinds]
    if not channels:
        return missing("no_channel", kinds=[list(kinds or choices("channel_kind"))])
    if any(days_between(c.last, f.as_of) <= c.record.cadence_days for c in channels):
        return met()
    best = min(channels, key=lambda c: days_between(c.last, f.as_of) - c.record.cadence_days)
    kind = best.record.kind if len({c.record.kind for c in channels}) == 1 else None
    status = StatusValue.PARTIAL if stale_is_partial else StatusValue.MISSING
    return outcome(status, "channel_stale", kind=kind, cadence_days=best.record.cadence_days,
                   last=iso(best.last))
