"""Stage 1, discover: find the tracker repo and list its data files, each classified."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from dxtrack.errors import SetupError

SETTINGS_FILE = "dxtrack.yaml"
UNITS_FILE = "units.yaml"
PLANS_DIR = "plans"
ACTIVITIES_DIR = "activities"
YAML_SUFFIXES = (".yaml", ".yml")


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
        refused: list[OSError] = []  # a folder that cannot be listed is reported, not silently skipped
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
