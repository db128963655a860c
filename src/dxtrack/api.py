"""The library interface the CLI and the tests call: load, check, evaluate.

discover → load → validate → link; each stage returns data, nothing is printed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dxtrack.check.findings import Finding, finding
from dxtrack.check.link import link
from dxtrack.check.load import load_path
from dxtrack.check.discover import SETTINGS_FILE, UNITS_FILE, discover, find_root
from dxtrack.check.document import Document, Repo
from dxtrack.check.validate import validate_document


def load_repo(root: Path | None = None, today: date | None = None) -> Repo:
    """Load, validate and link every file of the repo at `root` (found from cwd if None)."""
    repo = Repo(root=repo_root(root), today=today or date.today())
    for source in discover(repo.root):
        doc = Document(source)
        repo.documents.append(doc)
        if source.kind == "stray":
            doc.findings.append(finding(source.rel, (1, 1), "DX002"))
            continue
        if source.kind == "unreadable":
            doc.findings.append(finding(source.rel, (1, 1), "DX115", **source.problem))
            continue
        loaded = load_path(repo.root / source.rel, source.rel)
        doc.data, doc.spans, doc.findings = loaded.data, loaded.spans, loaded.findings
        validate_document(doc)
    _collect(repo)
    link(repo)
    repo.findings = sorted(f for doc in repo.documents for f in doc.findings)
    repo.findings = _missing_files(repo) + repo.findings
    return repo


def _collect(repo: Repo) -> None:
    """Settings, units and plans of the valid documents."""
    for doc in repo.documents:
        if doc.model is None:
            if doc.source.kind == "units" and isinstance(doc.data, dict):
                repo.units = _good_units(doc.data.get("units"))
            continue
        kind = doc.source.kind
        if kind == "settings":
            repo.settings = doc.model
        elif kind == "units":
            repo.units = list(doc.model.units)
        elif kind == "plan" and doc.model.unit not in repo.plans:
            repo.plans[doc.model.unit] = doc.model


def _good_units(entries) -> list:
    """The entries of an invalid units.yaml that are valid by themselves (their errors are reported)."""
    from pydantic import ValidationError

    from dxtrack.models import Unit

    good = []
    for entry in entries if isinstance(entries, list) else []:
        try:
            good.append(Unit.model_validate(entry))
        except ValidationError:
            pass
    return good


def _missing_files(repo: Repo) -> list[Finding]:
    present = {d.rel for d in repo.documents}
    return [finding(name, (1, 1), "DX001", name=name) for name in (SETTINGS_FILE, UNITS_FILE)
            if name not in present]


def check(repo: Repo, paths: list[Path] | None = None, changed_since: str | None = None) -> list[Finding]:
    """The findings of the repo, or only those in files under `paths` and changed since
    the git revision `changed_since` (cross-file rules still apply to the whole repo)."""
    found = list(repo.findings)
    if paths:
        wanted = [repo_relative(repo.root, p) for p in paths]
        found = [f for f in found if is_under(f.file, wanted)]
    if changed_since:
        from dxtrack.check.changed import changed_files

        changed = changed_files(repo.root, changed_since)
        found = [f for f in found if f.file in changed]
    return found


def repo_root(root: Path | None) -> Path:
    """The repo at `root`, or the first one above it (or above the current folder if None)."""
    if root is not None and (Path(root) / SETTINGS_FILE).is_file():
        return Path(root).resolve()
    return find_root(root)


def is_under(rel: str, wanted: list[str]) -> bool:
    """Whether the repo path `rel` is one of `wanted` or inside one (all of it if none)."""
    return not wanted or any(w in ("", ".") or rel == w or rel.startswith(w + "/") for w in wanted)


def repo_relative(root: Path, path: Path) -> str:
    """`path` (as typed, from the current folder) relative to the repo root, POSIX."""
    from dxtrack.errors import SetupError

    full = (Path.cwd() / path).resolve() if not Path(path).is_absolute() else Path(path).resolve()
    if not full.exists() or not full.is_relative_to(root):
        raise SetupError("setup.bad_path", value=str(path))
    return full.relative_to(root).as_posix()


def default_as_of(repo: Repo) -> date:
    """Today, but no later than the end of the phase: after it ends, status is as of its end."""
    end = repo.settings.phase_end if repo.settings else None
    return min(repo.today, end) if end else repo.today


def evaluate(repo: Repo, as_of: date | None = None):
    """The Status of every unit at `as_of` (see dxtrack.status)."""
    from dxtrack.evaluate import evaluate as run

    return run(repo, as_of or default_as_of(repo))


def find_unit(repo: Repo, query: str):
    """The unit of `repo` that `query` names: its id, a unique id prefix, or (part of) its
    name; else a SetupError (with the closest id as a hint)."""
    from dxtrack.evaluate.units import find_unit as find

    return find(repo.units, query)


def unit_detail(repo: Repo, status, query: str):
    """One unit in detail at the status's date: its status, plan tasks, months, recent records."""
    from dxtrack.evaluate.detail import unit_detail as detail

    return detail(repo, status, find_unit(repo, query))
