"""Stage 1, discover: find the tracker repo and list its data files, each classified."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from dxtrack.errors import SetupError

SETTINGS_FILE = "dxtrack.yaml"
UNITS_FILE = "units.yaml"
PLANS_DIR = "plans"
ACTIVITIES_DIR = "activities"
YAML_SUFFIXES = (".yaml", ".yml")
# names that are never data and never a finding: a folder's notes and keep-files (README,
# README.md, .gitkeep, ...), and dxtrack's own temporary files, `.<name>.XXXXXXXX.tmp`
# (fsutil.write_atomic: mkstemp with prefix ".<name>." and suffix ".tmp"), left by a kill
_NOTES = frozenset({"readme", ".gitkeep", ".keep", ".gitignore", ".gitattributes"})
_TEMP_FILE = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp", re.S)


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
    # the folder a record (or a stray under activities/<unit>/) sits in, or a plan's file stem
    unit_dir: str | None = None
    phase: str | None = None  # the phase a plan is for: plans/<phase>/<unit>.yaml (SPEC §2.3)
    # why an unreadable one is; for a stray that is left out (misplaced data, a linked folder),
    # its finding's code and parameters (see `stray_finding`)
    problem: dict | None = field(default=None, compare=False, hash=False)
    # what discovery saw, so that reading needs no second look: the file's own lstat (None if
    # it could not be taken), and whether a folder on the way to it is a symbolic link
    stat: Stat | None = field(default=None, compare=False, hash=False, repr=False)
    link_above: bool = field(default=False, compare=False, hash=False, repr=False)


def classify(rel: str, stat: Stat | None = None, link_above: bool = False) -> SourceFile:
    """What the file at `rel` holds, by where it is (with what discovery saw of it).

    A file that looks like data (a YAML file, whatever the case of its suffix) in plans/ or
    activities/ but not where dxtrack reads data — a hidden file, a suffix not in lower case,
    a subfolder too deep, activities/ itself — is a stray with a `problem`: it is told
    (DX003) and counted among the files left out, never lost in silence."""
    parts = rel.split("/")
    name = parts[-1]
    kind, unit_dir, phase, problem = "stray", None, None, None
    if rel in (SETTINGS_FILE, UNITS_FILE):
        kind = "settings" if rel == SETTINGS_FILE else "units"
    elif parts[0] == PLANS_DIR and len(parts) in (2, 3) and _is_data_name(name):
        kind, unit_dir = "plan", name.rsplit(".", 1)[0]
        phase = parts[1] if len(parts) == 3 else None
    elif parts[0] == ACTIVITIES_DIR and len(parts) == 3 and _is_data_name(name):
        kind, unit_dir = "record", parts[1]
    elif parts[0] in (PLANS_DIR, ACTIVITIES_DIR) and len(parts) > 1 and name.lower().endswith(YAML_SUFFIXES):
        problem = _misplaced(parts)
        unit_dir = parts[1] if parts[0] == ACTIVITIES_DIR and len(parts) > 2 else None
    return SourceFile(rel, kind, unit_dir, phase, problem=problem, stat=stat, link_above=link_above)


def _is_data_name(name: str) -> bool:
    return name.endswith(YAML_SUFFIXES) and not name.startswith(".")


def _misplaced(parts: list[str]) -> dict:
    """The DX003 parameters of a YAML file at `parts` that is not where data is read: why, and
    where it would be read."""
    name, top = parts[-1], parts[0]
    if top == ACTIVITIES_DIR and len(parts) == 2:
        return {"code": "DX003", "problem_key": "misplaced.activities_top", "name": name}
    if top == ACTIVITIES_DIR and len(parts) > 3:
        return {"code": "DX003", "problem_key": "misplaced.activities_deep", "unit": parts[1], "name": name}
    if top == PLANS_DIR and len(parts) > 3:
        return {"code": "DX003", "problem_key": "misplaced.plans_deep", "name": name}
    if name.startswith("."):
        return {"code": "DX003", "problem_key": "misplaced.hidden", "name": name}
    stem, _, suffix = name.rpartition(".")
    return {"code": "DX003", "problem_key": "misplaced.suffix", "name": name,
            "suggestion": f"{stem}.{suffix.lower()}"}


def stray_finding(source: SourceFile):
    """The finding of a stray file: DX002 (a warning) for a file that is not data, DX003 for one
    that looks like data but is not where it is read, DX114 for a linked folder (not entered)."""
    from dxtrack.check.findings import finding

    params = dict(source.problem or {})
    return finding(source.rel, (1, 1), params.pop("code", "DX002"), **params)


def is_ignored(name: str) -> bool:
    """A file in plans/ or activities/ that discovery does not list at all: a note or keep-file
    (README, README.md, .gitkeep), a hidden file that is not YAML (.DS_Store, an editor's swap
    file), an editor's lock (`.#name.yaml`), and dxtrack's own temporary files
    (`.<name>.XXXXXXXX.tmp`)."""
    lower = name.lower()
    if _TEMP_FILE.fullmatch(name) or name.startswith(".#"):
        return True
    if lower.endswith(YAML_SUFFIXES):
        return False  # a YAML file is data, or told as misplaced
    return lower in _NOTES or lower.split(".", 1)[0] == "readme" or name.startswith(".")


def discover(root: Path) -> list[SourceFile]:
    """Every data file of the repo, sorted; stray files in plans/ or activities/ too (not the
    notes and temporary files of `is_ignored`), and each linked folder there (not entered).

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
    folders whose name starts with a dot and linked folders are not entered; a linked folder is
    listed itself, a stray (DX114), so that what it holds is not lost in silence."""
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
            if name.startswith("."):
                continue
            if entry.is_symlink():
                found.append(_linked_folder(prefix + name))
            else:
                _walk(entry.path, prefix + name + "/", link_above, found, refused)
        elif not is_ignored(name):
            try:
                stat: Stat | None = Stat.of(entry.stat(follow_symlinks=False))
            except OSError:
                stat = None
            found.append(classify(prefix + name, stat, link_above))


def _linked_folder(rel: str) -> SourceFile:
    parts = rel.split("/")
    unit_dir = parts[1] if parts[0] == ACTIVITIES_DIR and len(parts) > 1 else None
    return SourceFile(rel, "stray", unit_dir, problem={"code": "DX114"})


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
