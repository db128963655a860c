"""What the check stages pass along: one checked document, and the whole checked repo.

Both are frozen: a stage that adds findings builds a new Document (`dataclasses.replace`),
and the Repo is built once, at the end of `dxtrack.check.check_repo`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from pydantic import BaseModel

from dxtrack.check.discover import SourceFile
from dxtrack.check.findings import Finding, Pos, Severity, has_errors
from dxtrack.models import Plan, RecordBase, Settings, Unit, UnitsFile


@lru_cache(maxsize=16)
def reloaded(raw: bytes) -> tuple[object, dict]:
    """(data, spans) that `raw` loads to: what a valid Document kept its bytes for. Loading
    depends on the bytes alone, so this is what they gave when the file was checked."""
    from dxtrack.check.load import load_bytes

    loaded = load_bytes(raw, "")
    return loaded.data, loaded.spans


def position(spans: dict, path: tuple) -> Pos:
    """(line, column) of the key at `path` in `spans`, or of its nearest parent; (1, 1) if none.
    A `Pos`: it keeps `path` as asked, which a finding made at it keeps (`Finding.key`)."""
    asked = path
    while path and path not in spans:
        path = path[:-1]
    line, column = spans.get(path, (1, 1))
    return Pos(line, column, asked)


@dataclass(frozen=True, init=False, eq=False, slots=True)
class Document:
    """One file: its data, where each key sits, its model (if valid), its findings.

    Holds nothing of the rest of the repo, so it pickles and can be cached or sent
    between processes as it is. The data, spans and model are not to be changed.

    A valid file (one with a model) given the bytes it was loaded from (`raw`) keeps those
    bytes instead of its data and spans: `data`, `spans` and `pos` load them again when
    asked (rarely: for a finding's position), which gives exactly what was loaded, so
    thousands of valid records hold their model and their bytes only.
    """

    source: SourceFile
    model: BaseModel | None = field(default=None, hash=False)
    findings: tuple[Finding, ...] = ()
    # a record not counted though it has no error of its own: its unit's entry in units.yaml
    # is invalid (one cause, reported there once; set by link)
    excluded: bool = False
    # (data, spans) as loaded, or the bytes they are loaded from again (see the class's doc);
    # `dataclasses.replace` passes it on
    content: tuple[object, dict] | bytes = field(default=(None, {}), hash=False, repr=False)

    def __init__(self, source: SourceFile, data: object = None, spans: dict | None = None,
                 model: BaseModel | None = None, findings: Iterable[Finding] = (), excluded: bool = False,
                 *, raw: bytes | None = None, content: tuple[object, dict] | bytes | None = None):
        if content is None:
            content = raw if raw is not None and model is not None else (data, {} if spans is None else spans)
        for name, value in (("source", source), ("model", model), ("findings", tuple(findings)),
                            ("excluded", excluded), ("content", content)):
            object.__setattr__(self, name, value)  # a list of findings given stays the caller's

    @property
    def data(self) -> object:
        """The file's data as loaded (None if the loader refused it)."""
        content = self.content
        return (reloaded(content) if isinstance(content, bytes) else content)[0]

    @property
    def spans(self) -> dict:
        """Path tuple → (line, column) of each key and item (see check.load.Spans)."""
        content = self.content
        return (reloaded(content) if isinstance(content, bytes) else content)[1]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return self is other or (
            (self.source, self.model, self.findings, self.excluded) == (other.source, other.model, other.findings,
                                                                        other.excluded)
            and self.data == other.data and self.spans == other.spans)

    def __hash__(self) -> int:
        return hash((self.source, self.findings, self.excluded))

    @property
    def rel(self) -> str:
        return self.source.rel

    def pos(self, path: tuple) -> Pos:
        """(line, column) of the key at `path`, or of its nearest parent."""
        return position(self.spans, path)

    @property
    def ok(self) -> bool:
        return self.model is not None and not has_errors(self.findings)

    @property
    def usable(self) -> bool:
        """Whether what the file holds may be used: it is `ok`, or it is a units.yaml whose
        errors are all inside its entries (its good entries are the units; the bad ones are
        reported there and their records left out, SPEC §5)."""
        if self.ok:
            return True
        if self.source.kind != "units" or not isinstance(self.data, dict) or not isinstance(
                self.data.get("units"), list):
            return False
        if any(f.code < "DX200" and f.severity is Severity.ERROR for f in self.findings):
            return False  # the loader refused part of the file: what it holds is not what was written
        from pydantic import ValidationError

        try:
            UnitsFile.model_validate({**self.data, "units": []})
        except ValidationError:
            return False
        return True

    @property
    def is_left_out(self) -> bool:
        """A data file that is not counted: a record (or an unreadable folder of them) with
        errors, or whose unit's entry in units.yaml has them (`excluded`); a plan with errors,
        or whose `unit` is not its file name; a file that looks like data but is not where data
        is read, or a linked folder (a stray with a `problem`, see `discover.classify`)."""
        kind = self.source.kind
        if kind in ("record", "unreadable"):
            return not self.ok or self.excluded
        if kind == "plan":
            return not self.ok or getattr(self.model, "unit", None) != self.source.unit_dir
        return kind == "stray" and self.source.problem is not None


@dataclass(frozen=True)
class Repo:
    """Everything checked in one tracker repo, after validation and linking.

    Built once; `documents`, `units` and `findings` become tuples and `plans` a read-only
    mapping, and the lookups `unit()` and `left_out()` are indexed here, once.
    """

    root: Path
    today: date
    documents: tuple[Document, ...] = ()
    settings: Settings | None = None
    units: tuple[Unit, ...] = ()
    plans: Mapping[str, Plan] = field(default_factory=dict)  # unit id → plans/<unit>.yaml
    findings: tuple[Finding, ...] = ()  # all of them, in the order they are reported
    phase_plans: Mapping[str, Mapping[str, Plan]] = field(default_factory=dict)  # phase → unit → plan
    _units_by_id: Mapping[str, Unit] = field(init=False, repr=False, compare=False)
    _left_out: Mapping[str | None, int] = field(init=False, repr=False, compare=False)
    # (phase id or None, unit id) → the plan file left out that would serve there (see plan_for)
    _plans_left_out: Mapping[tuple[str | None, str], str] = field(init=False, repr=False, compare=False)
    # (document, record) of every valid record, and of those counted: found once, asked often
    _records: tuple = field(init=False, repr=False, compare=False)
    _counted: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        documents, units = tuple(self.documents), tuple(self.units)
        records = tuple((d, d.model) for d in documents
                        if d.source.kind == "record" and isinstance(d.model, RecordBase))
        built = {"documents": documents, "units": units,
                 "plans": MappingProxyType(dict(self.plans)), "findings": tuple(self.findings),
                 "phase_plans": MappingProxyType({k: MappingProxyType(dict(v)) for k, v in self.phase_plans.items()}),
                 "_units_by_id": MappingProxyType(units_by_id(units)),
                 "_left_out": MappingProxyType(_count_left_out(documents)),
                 "_plans_left_out": MappingProxyType(_plans_left_out(documents)),
                 "_records": records, "_counted": tuple(pair for pair in records if not pair[0].is_left_out)}
        for name, value in built.items():
            object.__setattr__(self, name, value)  # the one time a frozen Repo is written

    def records(self, *, valid_only: bool = True) -> list[tuple[Document, RecordBase]]:
        """(document, record) pairs; by default only the records counted (see `Document.is_left_out`)."""
        return list(self._counted if valid_only else self._records)

    def plan_for(self, unit_id: str, phase_id: str | None) -> Plan | None:
        """The unit's plan for a phase: its own (plans/<phase>/<unit>.yaml), or else the one
        that serves every phase without one (plans/<unit>.yaml) (SPEC §2.3). None when the
        file that would serve is left out (`plan_left_out`): a plan with errors does not
        count, and the general plan does not stand in for a phase's own plan with errors.
        (`plans` and `phase_plans` hold every valid plan, as `plan_task` links against them.)"""
        if phase_id is not None:
            if (phase_id, unit_id) in self._plans_left_out:
                return None
            own = self.phase_plans.get(phase_id, {}).get(unit_id)
            if own is not None:
                return own
        return None if (None, unit_id) in self._plans_left_out else self.plans.get(unit_id)

    def plan_left_out(self, unit_id: str, phase_id: str | None) -> str | None:
        """The plan file (its path) that would serve the unit in the phase but is left out for
        its errors, or None (the unit has a plan that counts there, or no plan file at all)."""
        if phase_id is not None:
            own = self._plans_left_out.get((phase_id, unit_id))
            if own is not None or self.phase_plans.get(phase_id, {}).get(unit_id) is not None:
                return own
        return self._plans_left_out.get((None, unit_id))

    def unit(self, unit_id: str) -> Unit | None:
        """The unit with id `unit_id` (the first, if units.yaml repeats it), or None."""
        return self._units_by_id.get(unit_id)

    def left_out(self, unit_id: str | None = None) -> int:
        """Data files not counted (`Document.is_left_out`: records and plans with errors, files
        that look like data in the wrong place; an unreadable or linked folder counts as one)
        of the unit `unit_id` (in its folder, or its plans), or all of them if None."""
        return self._left_out.get(unit_id, 0)


def units_by_id(units: Iterable[Unit]) -> dict[str, Unit]:
    """Unit id → unit."""
    found: dict[str, Unit] = {}
    for unit in units:
        found.setdefault(unit.id, unit)  # a repeated id is DX305; the first one is the unit
    return found


def _plans_left_out(documents: Iterable[Document]) -> dict[tuple[str | None, str], str]:
    """(phase id or None, unit id by the file name) → the first plan file left out there, where
    no plan file there counts (a second plan, DX308, is left out beside the first that counts)."""
    plans = [((d.source.phase, d.source.unit_dir), d) for d in documents
             if d.source.kind == "plan" and d.source.unit_dir is not None]
    counted = {key for key, doc in plans if not doc.is_left_out}
    found: dict[tuple[str | None, str], str] = {}
    for (phase, unit), doc in plans:
        if unit is not None and doc.is_left_out and (phase, unit) not in counted:
            found.setdefault((phase, unit), doc.rel)
    return found


def _count_left_out(documents: Iterable[Document]) -> dict[str | None, int]:
    """Left-out files by the folder they sit in, and under None the total."""
    counts: Counter = Counter()
    for doc in documents:
        if doc.is_left_out:
            counts[None] += 1
            if doc.source.unit_dir is not None:
                counts[doc.source.unit_dir] += 1
    return dict(counts)
