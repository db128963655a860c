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
    plans: Mapping[str, Plan] = field(default_factory=dict)  # unit id → its first plan


def collect(documents: Iterable[Document]) -> Collected:
    """Validated documents → their settings, units and plans (the first plan of a unit wins;
    a second one is DX308). Units come from a broken units.yaml too: the entries that are
    good by themselves, so that one bad entry is reported once, not again in each record."""
    settings: Settings | None = None
    units: tuple[Unit, ...] = ()
    plans: dict[str, Plan] = {}
    for doc in documents:
        kind, model = doc.source.kind, doc.model
        if model is None:
            if kind == "units" and isinstance(doc.data, dict):
                units = good_units(doc.data.get("units"))
        elif kind == "settings" and isinstance(model, Settings):
            settings = model
        elif kind == "units" and isinstance(model, UnitsFile):
            units = tuple(model.units)
        elif kind == "plan" and isinstance(model, Plan):
            plans.setdefault(model.unit, model)
    return Collected(settings, units, plans)


def good_units(entries) -> tuple[Unit, ...]:
    """The entries of an invalid units.yaml that are valid by themselves (their errors are reported)."""
    good = []
    for entry in entries if isinstance(entries, list) else []:
        with suppress(ValidationError):  # its errors are the findings of units.yaml
            good.append(Unit.model_validate(entry))
    return tuple(good)
