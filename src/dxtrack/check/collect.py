"""Between validate and link: the settings, units and plans that the validated documents hold."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field

from pydantic import ValidationError

from dxtrack.check.document import Document
from dxtrack.models import Plan, Settings, Unit, UnitsFile


@dataclass(frozen=True)
class Collected:
    """What the cross-file rules and the Repo need to know of the repo as a whole."""

    settings: Settings | None = None
    units: tuple[Unit, ...] = ()
    plans: Mapping[str, Plan] = field(default_factory=dict)  # unit id → its first plan (plans/<unit>.yaml)
    # ids of units.yaml entries that are invalid (reported there): their records are left
    # out, not reported again as of a unit that does not exist
    broken_units: frozenset[str] = frozenset()
    # units with a plan that is invalid, or misplaced (reported there): no DX303 for tasks it may hold
    broken_plans: frozenset[str] = frozenset()
    # phase id → unit id → its plan for that phase (plans/<phase>/<unit>.yaml)
    phase_plans: Mapping[str, Mapping[str, Plan]] = field(default_factory=dict)


def collect(documents: Iterable[Document]) -> Collected:
    """Validated documents → their settings, units and plans (the first plan of a unit wins;
    a second one is DX308; a plan whose `unit` is not its file name is no unit's plan, DX302).
    Units come from a broken units.yaml too: the entries that are good by themselves, so that
    one bad entry is reported once, not again in each record."""
    settings: Settings | None = None
    units: tuple[Unit, ...] = ()
    plans: dict[str, Plan] = {}
    phase_plans: dict[str, dict[str, Plan]] = {}
    broken_units: frozenset[str] = frozenset()
    broken_plans: set[str] = set()
    for doc in documents:
        kind, model = doc.source.kind, doc.model
        if model is None:
            if kind == "units" and isinstance(doc.data, dict):
                units = good_units(doc.data.get("units"))
                broken_units = bad_unit_ids(doc.data.get("units"), units)
            elif kind == "plan":
                broken_plans |= _plan_units(doc)
        elif kind == "settings" and isinstance(model, Settings):
            settings = model
        elif kind == "units" and isinstance(model, UnitsFile):
            units = tuple(model.units)
        elif kind == "plan" and isinstance(model, Plan):
            if model.unit != doc.source.unit_dir:  # DX302: ignored, never the plan of the unit it names
                broken_plans |= _plan_units(doc)
                continue
            into = plans if doc.source.phase is None else phase_plans.setdefault(doc.source.phase, {})
            into.setdefault(model.unit, model)
    planned = set(plans).union(*phase_plans.values())
    return Collected(settings, units, plans, broken_units, frozenset(broken_plans - planned), phase_plans)


def good_units(entries) -> tuple[Unit, ...]:
    """The entries of an invalid units.yaml that are valid by themselves (their errors are reported)."""
    return tuple(unit for _index, unit in good_unit_entries(entries))


def good_unit_entries(entries) -> list[tuple[int, Unit]]:
    """(index, unit) for each entry of an invalid units.yaml that is valid by itself."""
    good = []
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        with suppress(ValidationError):  # its errors are the findings of units.yaml
            good.append((i, Unit.model_validate(entry)))
    return good


def bad_unit_ids(entries, good: tuple[Unit, ...]) -> frozenset[str]:
    """The ids (as written) of the entries of an invalid units.yaml that are invalid, except an
    id that a valid entry also has (that unit exists; the repeat is DX305)."""
    valid = {unit.id for unit in good}
    ids = {entry["id"].strip() for entry in (entries if isinstance(entries, list) else [])
           if isinstance(entry, dict) and isinstance(entry.get("id"), str)}
    return frozenset(i for i in ids if i and i not in valid)


def _plan_units(doc: Document) -> set[str]:
    """The unit an invalid (or misplaced) plan is for: its `unit` as written, and the unit its
    file name says."""
    found = {doc.source.unit_dir} if doc.source.unit_dir else set()
    unit = doc.data.get("unit") if isinstance(doc.data, dict) else None
    if isinstance(unit, str) and unit.strip():
        found.add(unit.strip())
    return found
