"""Evaluators over events: who they reached, their kinds, forms, leaders and partners."""

from __future__ import annotations

from dxtrack.evaluate.facts import Facts
from dxtrack.evaluate.registry import Outcome, evaluator, met, missing
from dxtrack.models import Event
from dxtrack.text import fold


@evaluator("event_audience", serves=("1.1",), kinds="codes:event_kind", audiences="codes:audience")
def event_audience(f: Facts, kinds: list[str], audiences: list[str]) -> Outcome:
    """Events of `kinds`, together, reach one of `audiences`."""
    events = [e for e in f.of(Event) if e.kind in kinds]
    if not events:
        return missing("no_event_kind", kinds=[list(kinds)])
    reached = {a for e in events for a in e.audiences}
    if reached & set(audiences):
        return met()
    return missing("event_audience", event_kinds=list(kinds), audiences=[list(audiences)])


@evaluator("event_kind", serves=("1.4", "2.1.g"), kinds="codes:event_kind")
def event_kind(f: Facts, kinds: list[str]) -> Outcome:
    """An event of one of `kinds`."""
    if any(e.kind in kinds for e in f.of(Event)):
        return met()
    return missing("no_event_kind", kinds=[list(kinds)])


@evaluator("event_mode", serves=("2.1.f",), modes="codes:mode")
def event_mode(f: Facts, modes: list[str]) -> Outcome:
    """An event held in one of `modes` (the first names it in the reason)."""
    if any(e.mode in modes for e in f.of(Event)):
        return met()
    return missing("no_event_mode", modes=[modes[0]])


@evaluator("event_leaders", serves=("2.2.c",), kinds="codes:event_kind")
def event_leaders(f: Facts, kinds: list[str]) -> Outcome:
    """An event of `kinds` that names the leaders taking part."""
    events = [e for e in f.of(Event) if e.kind in kinds]
    if any(e.leaders for e in events):
        return met()
    return missing("no_leaders" if events else "no_event_kind", kinds=[list(kinds)])


@evaluator("event_partners", serves=("2.2.d",))
def event_partners(f: Facts, partners: list[str]) -> Outcome:
    """Events, of any kind, name among their partners each of `partners` (matched like codes,
    and also without regard to punctuation and spacing: "Bộ Văn hóa Thể thao và Du lịch",
    the directive's own spelling, is "Bộ Văn hóa, Thể thao và Du lịch")."""
    named = {_partner_key(p) for e in f.of(Event) for p in e.partners}
    absent = [p for p in partners if _partner_key(p) not in named]
    return missing("no_partners", partners=absent) if absent else met()


def _partner_key(name: str) -> str:
    return fold(name).replace(" ", "")
