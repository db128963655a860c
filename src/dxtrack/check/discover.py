"""Stage 1, discover: find the tracker repo and list its data files, each classified."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

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


class Stat(NamedTuple):
    """What is kept of a file's lstat: its kind and what git's index trusts to tell a change
    (the full `os.stat_result` is ten times larger, and there is one per file)."""

    st_mode: int
    st_size: int
    st_mtime_ns: int
    st_ctime_ns: int
    st_ino: int
    st_dev: int

    @classmethod
    def of(cls, seen: os.stat_result) -> Stat:
        return cls(seen.st_mode, seen.st_size, seen.st_mtime_ns, seen.st_ctime_ns, seen.st_ino, seen.st_dev)


@dataclass(frozen=True)
class SourceFile:
    """A data file of the repo: its path relative to the root (POSIX) and what it holds."""

    rel: str
    kind: str  # settings | units | plan | record | stray | unreadable (a folder that cannot be listed)
    unit_dir: str | None = None  # the folder a record sits in, or a plan's file stem
    phase: str | None = None  # the phase a plan is for: plans/<phase>/<unit>.yaml (SPEC §2.3)
    problem: dict | None = field(default=None, compare=False, hash=False)  # why an unreadable one is
    # what discovery saw, so that reading needs no second look: the file's own lstat (None if
    # it could not be taken), and whether a folder on the way to it is a symbolic link
    stat: Stat | None = field(default=None, compare=False, hash=False, repr=False)
    link_above: bool = field(default=False, compare=False, hash=False, repr=False)


def classify(rel: str, stat: Stat | None = None, link_above: bool = False) -> SourceFile:
    """What the file at `rel` holds, by where it is (with what discovery saw of it)."""
    parts = rel.split("/")
    kind, unit_dir = "stray", None
    if rel in (SETTINGS_FILE, UNITS_FILE):
        kind = "settings" if rel == SETTINGS_FILE else "units"
    phase = None
    if rel.endswith(YAML_SUFFIXES) and parts[0] == PLANS_DIR and len(parts) in (2, 3):
        kind, unit_dir = "plan", parts[-1].rsplit(".", 1)[0]
        phase = parts[1] if len(parts) == 3 else None
    elif rel.endswith(YAML_SUFFIXES) and parts[0] == ACTIVITIES_DIR and len(parts) == 3:
        kind, unit_dir = "record", parts[1]
    return SourceFile(rel, kind, unit_dir, phase, stat=stat, link_above=link_above)


def _is_doc(name: str) -> bool:
    return name.lower() in {"readme.md", "readme", ".gitkeep", ".keep"} or name.startswith(".")


def discover(root: Path) -> list[SourceFile]:
    """Every data file of the repo, sorted; stray files in plans/ or activities/ too.

    One `os.scandir` per folder: each file's lstat comes with the listing (for `read` and the
    cache), and only the top folders can be symbolic links on the way to a file, since a
    linked folder further down is not entered (as `os.walk` does not follow links)."""
    base = os.fspath(root)
    found = [classify(name, _lstat(os.path.join(base, name)))
             for name in (SETTINGS_FILE, UNITS_FILE) if (root / name).exists()]
    for top in (PLANS_DIR, ACTIVITIES_DIR):
        path = os.path.join(base, top)
        if not os.path.isdir(path):
            continue
        refused: list[OSError] = []  # a folder that cannot be listed is reported, not silently skipped
        _walk(path, top + "/", os.path.islink(path), found, refused)
        found += [_unreadable(root, exc) for exc in refused]
    return sorted(found, key=lambda s: s.rel)


def _walk(path: str, prefix: str, link_above: bool, found: list[SourceFile], refused: list[OSError]) -> None:
    """The files under the folder at `path` (shown as `prefix`), as `os.walk` would list them:
    folders whose name starts with a dot and linked folders are not entered."""
    try:
        with os.scandir(path) as listing:
            entries = list(listing)
    except OSError as exc:
        refused.append(exc)
        return
    for entry in entries:
        name = entry.name
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if not name.startswith(".") and not entry.is_symlink():
                _walk(entry.path, prefix + name + "/", link_above, found, refused)
        elif not _is_doc(name):
            try:
                stat: Stat | None = Stat.of(entry.stat(follow_symlinks=False))
            except OSError:
                stat = None
            found.append(classify(prefix + name, stat, link_above))


def _lstat(path: str) -> Stat | None:
    try:
        return Stat.of(os.lstat(path))
    except OSError:
        return None


def _unreadable(root: Path, exc: OSError) -> SourceFile:
    rel = Path(exc.filename).relative_to(root).as_posix()
    parts = rel.split("/")
    from dxtrack.fsutil import problem_params

    unit_dir = parts[1] if parts[0] == ACTIVITIES_DIR and len(parts) > 1 else None
    return SourceFile(rel, "unreadable", unit_dir, problem=problem_params(exc))
