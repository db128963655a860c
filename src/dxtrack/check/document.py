"""What the check stages pass along: one loaded document, and the whole checked repo."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dxtrack.check.discover import SourceFile
from dxtrack.check.findings import Finding, has_errors
from dxtrack.models import Plan, RecordBase, Settings, Unit


@dataclass
class Document:
    """One loaded file: its data, where each key sits, its model (if valid), its findings."""

    source: SourceFile
    data: object = None
    spans: dict = field(default_factory=dict)
    model: object = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def rel(self) -> str:
        return self.source.rel

    def pos(self, path: tuple) -> tuple[int, int]:
        """(line, column) of the key at `path`, or of its nearest parent."""
        while path and path not in self.spans:
            path = path[:-1]
        return self.spans.get(path, (1, 1))

    @property
    def ok(self) -> bool:
        return self.model is not None and not has_errors(self.findings)


@dataclass
class Repo:
    """Everything loaded from one tracker repo, after validation and linking."""

    root: Path
    today: date
    documents: list[Document] = field(default_factory=list)
    settings: Settings | None = None
    units: list[Unit] = field(default_factory=list)
    plans: dict[str, Plan] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)  # all of them, sorted

    def records(self, *, valid_only: bool = True) -> list[tuple[Document, RecordBase]]:
        """(document, record) pairs; by default only records without error findings."""
        return [(d, d.model) for d in self.documents
                if d.source.kind == "record" and d.model is not None and (d.ok or not valid_only)]

    def unit(self, unit_id: str) -> Unit | None:
        return next((u for u in self.units if u.id == unit_id), None)

    def left_out(self, unit_id: str | None = None) -> int:
        """Record files not counted because they have errors (an unreadable folder counts as one)."""
        return sum(1 for d in self.documents
                   if d.source.kind in ("record", "unreadable") and not d.ok
                   and (unit_id is None or d.source.unit_dir == unit_id))
