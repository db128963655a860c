"""A tracker's ids and the code lists, read quickly, without the pipeline: what shell
completion offers (`dxtrack status <TAB>`, through `api.completion_ids` and `api.completion_codes`).

A file is read by the loader of the check (`load.load_path`: a regular file reached through no
link, at most `read.MAX_BYTES`, no anchors, aliases or tags; it never raises on bad input), and
only ids that are slugs are kept: one with a newline, a control character, a space or `$(...)`
in a hostile units.yaml is left out (a completion puts its values on the command line as they
are). Nothing is validated beyond that and nothing is told: a file that does not load gives none.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from dxtrack.check.discover import SETTINGS_FILE, UNITS_FILE

# models.types.SLUG (unit and phase ids), written out here: that module imports pydantic
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

Named = tuple[str, str | None]  # (id, the name beside it, if any: not checked)


def ids(root: Path, what: str) -> list[Named]:
    """(id, name) of the units (`what` "units", from units.yaml) or the phases ("phases", from
    dxtrack.yaml: its `phases`, or the one phase named by the year of `phase_end`, else of
    `received`, as `models.phases.phases_of` names it) of the tracker at `root`."""
    if what == "units":
        data = _data(root, UNITS_FILE)
        entries = data.get("units") if isinstance(data, dict) else None
        return _named(entries)
    data = _data(root, SETTINGS_FILE)
    if not isinstance(data, dict):
        return []
    if "phases" in data:
        return _named(data["phases"])
    day = data.get("phase_end") or data.get("received")
    year = day[:4] if isinstance(day, str) and re.fullmatch(r"\d{4}-[\d-]+", day) else None
    return [(year, None)] if year else []


def codes(list_name: str) -> list[tuple[str, str, str]]:
    """(code, Vietnamese label, English label) of every code of a code list (SPEC §2.5)."""
    return [(code, entry.vi, entry.en) for code, entry in _code_lists()[list_name].items()]


def _data(root: Path, name: str) -> object:
    from dxtrack.check.load import load_path

    return load_path(root / name, name).data


def _named(entries: object) -> list[Named]:
    found: list[Named] = []
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("id"), str) and SLUG.fullmatch(entry["id"]):
            name = entry.get("name")
            found.append((entry["id"], name if isinstance(name, str) else None))
    return found


def _code_lists() -> dict[str, Any]:
    """`models.codes.LISTS`, without importing the package `dxtrack.models` first (its
    `__init__` builds every pydantic model, a fifth of a second a completion has no need of):
    the module's file is run on its own, as a private module; it needs only `dxtrack.text`."""
    import importlib.util

    if "dxtrack.models" in sys.modules:  # already paid for (a test, a long-lived process)
        from dxtrack.models.codes import LISTS

        return LISTS
    private = "_dxtrack_codes_for_completion"
    if private not in sys.modules:
        spec = importlib.util.spec_from_file_location(private, Path(__file__).parent.parent / "models" / "codes.py")
        if spec is None or spec.loader is None:  # pragma: no cover - not installed as files
            from dxtrack.models.codes import LISTS

            return LISTS
        module = importlib.util.module_from_spec(spec)
        sys.modules[private] = module  # dataclasses look their module up while the class is made
        spec.loader.exec_module(module)
    return sys.modules[private].LISTS
