"""The requirement catalog: Công văn 380-CV/ĐU as data (`requirements.yaml`, shipped here).

`load_catalog()` → the 22 requirements as `status.Requirement`, in the directive's order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Requirement:
    """One entry of the requirement catalog (the directive as data)."""

    id: str                 # "2.1.e"
    section: str            # "2.1"
    title: str              # short Vietnamese title
    title_en: str
    text: str               # the directive's own words
    binds: str              # "all" | "press"
    criteria: tuple = ()    # evaluator names and their parameters, as in the catalog file
    group: str = ""         # "1", "2.1", "2.2", "3": for grouping in tables and reports
    measure: str = ""       # how it is measured, in plain Vietnamese ({threshold} placeholders)
    measure_en: str = ""



CATALOG_FILE = "requirements.yaml"
GROUPS = ("1", "2.1", "2.2", "3")


@lru_cache(maxsize=1)
def load_catalog() -> tuple[Requirement, ...]:
    """Every requirement of the catalog file (validated: unique ids, known groups)."""
    import yaml

    text = resources.files(__package__).joinpath(CATALOG_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    found = tuple(_requirement(entry) for entry in data["requirements"])
    _check(found)
    return found


def _requirement(entry: dict) -> Requirement:
    criteria = tuple(dict(c) for c in entry.get("criteria", ()))
    return Requirement(
        id=str(entry["id"]), section=str(entry["section"]), title=entry["title"],
        title_en=entry["title_en"], text=" ".join(entry["text"].split()), binds=entry["binds"],
        criteria=criteria, group=str(entry.get("group", entry["section"])),
        measure=" ".join(entry.get("measure", "").split()),
        measure_en=" ".join(entry.get("measure_en", "").split()),
    )


def _check(requirements: tuple[Requirement, ...]) -> None:
    """A broken catalog is a bug of the package: fail loudly, at once. (Its criteria are held
    against the evaluators by `dxtrack.evaluate.registry.check_catalog`.)"""
    ids = [r.id for r in requirements]
    if len(ids) != len(set(ids)):
        raise ValueError(f"duplicate requirement ids in {CATALOG_FILE}")
    for req in requirements:
        unknown = [c for c in req.criteria if not isinstance(c.get("rule"), str)]
        if unknown or not req.criteria or req.binds not in ("all", "press") or req.group not in GROUPS:
            raise ValueError(f"bad requirement {req.id} in {CATALOG_FILE}: {unknown or req.binds}")


def by_id() -> dict[str, Requirement]:
    return {r.id: r for r in load_catalog()}


def groups(requirements: list[Requirement]) -> list[tuple[str, list[Requirement]]]:
    """The requirements by group ("1", "2.1", "2.2", "3"), groups in that order, each in catalog order."""
    found: dict[str, list[Requirement]] = {}
    for req in requirements:
        found.setdefault(req.group, []).append(req)
    return sorted(found.items(), key=lambda kv: GROUPS.index(kv[0]) if kv[0] in GROUPS else len(GROUPS))


def title_of(req: Requirement, lang: str) -> str:
    return req.title_en if lang == "en" and req.title_en else req.title


def measure_of(req: Requirement, lang: str, thresholds) -> str:
    """How the requirement is measured, with this repo's thresholds filled in."""
    text = req.measure_en if lang == "en" else req.measure
    values = thresholds.model_dump() if hasattr(thresholds, "model_dump") else dict(thresholds)
    return text.format(**values)
