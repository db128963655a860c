"""Find a tracker repo, list its files, and hold what was loaded from it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dxtrack.findings import Finding, has_errors
from dxtrack.models import Plan, RecordBase, Settings, Unit

SETTINGS_FILE = "dxtrack.yaml"
UNITS_FILE = "units.yaml"
PLANS_DIR = "plans"
ACTIVITIES_DIR = "activities"
YAML_SUFFIXES = (".yaml", ".yml")


class SetupError(Exception):
    """A problem of setup (no repo, bad option): the CLI prints it and exits 2."""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key = key
        self.params = params


def find_root(start: Path | None = None) -> Path:
    """The first folder from `start` upwards that holds dxtrack.yaml (like git finds .git)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    raise SetupError("setup.no_repo", start=str(here))


@dataclass(frozen=True)
class SourceFile:
    """A data file of the repo: its path relative to the root (POSIX) and what it holds."""

    rel: str
    kind: str  # settings | units | plan | record | stray | unreadable (a folder that cannot be listed)
    unit_dir: str | None = None  # the folder a record sits in, or a plan's file stem
    problem: dict | None = field(default=None, compare=False, hash=False)  # why an unreadable one is


def classify(rel: str) -> SourceFile:
    parts = rel.split("/")
    if rel == SETTINGS_FILE:
        return SourceFile(rel, "settings")
    if rel == UNITS_FILE:
        return SourceFile(rel, "units")
    is_yaml = rel.endswith(YAML_SUFFIXES)
    if parts[0] == PLANS_DIR and len(parts) == 2 and is_yaml:
        return SourceFile(rel, "plan", parts[1].rsplit(".", 1)[0])
    if parts[0] == ACTIVITIES_DIR and len(parts) == 3 and is_yaml:
        return SourceFile(rel, "record", parts[1])
    return SourceFile(rel, "stray")


def _is_doc(name: str) -> bool:
    return name.lower() in {"readme.md", "readme", ".gitkeep", ".keep"} or name.startswith(".")


def discover(root: Path) -> list[SourceFile]:
    """Every data file of the repo, sorted; stray files in plans/ or activities/ too."""
    found = [classify(name) for name in (SETTINGS_FILE, UNITS_FILE) if (root / name).exists()]
    for top in (PLANS_DIR, ACTIVITIES_DIR):
        base = root / top
        if not base.is_dir():
            continue
        refused = []  # a folder that cannot be listed is reported, not silently skipped
        for dirpath, dirnames, filenames in os.walk(base, onerror=refused.append):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                if _is_doc(name):
                    continue
                rel = (Path(dirpath) / name).relative_to(root).as_posix()
                found.append(classify(rel))
        found += [_unreadable(root, exc) for exc in refused]
    return sorted(found, key=lambda s: s.rel)


def _unreadable(root: Path, exc: OSError) -> SourceFile:
    rel = Path(exc.filename).relative_to(root).as_posix()
    parts = rel.split("/")
    from dxtrack.fsutil import problem_params

    unit_dir = parts[1] if parts[0] == ACTIVITIES_DIR and len(parts) > 1 else None
    return SourceFile(rel, "unreadable", unit_dir, problem_params(exc))


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
