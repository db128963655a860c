"""Finding a unit from what a user typed: its id, an id prefix, or (part of) its name."""

from __future__ import annotations

from collections.abc import Sequence

from dxtrack.errors import SetupError
from dxtrack.models.units import Unit
from dxtrack.text import fold, short_name


def find_unit(units: Sequence[Unit], query: str) -> Unit:
    """A unit by id, unique id prefix, or (part of) its name; else a SetupError with hints."""
    key = fold(query)
    if not query.strip():  # an empty query is a prefix of every id
        raise SetupError("setup.unknown_unit", value=query, hint_key="word.empty")
    tests = (lambda u: u.id == query, lambda u: fold(u.name) == key or fold(short_name(u.name)) == key,
             lambda u: u.id.startswith(query), lambda u: key and key in fold(u.name))
    for test in tests:
        hits = [u for u in units if test(u)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            names = ", ".join(u.id for u in sorted(hits, key=lambda u: u.id))
            raise SetupError("setup.ambiguous_unit", value=query, choices=names)
    close = _closest_unit(units, query)
    raise SetupError("setup.unknown_unit", value=query, suggestion=close or "",
                     hint_key="status.did_you_mean" if close else "word.empty")


def _closest_unit(units: Sequence[Unit], query: str) -> str | None:
    """The id of the unit whose id or short name is closest to `query`, if any is close."""
    import difflib

    names = {u.id: u.id for u in units} | {fold(short_name(u.name)): u.id for u in units}
    close = difflib.get_close_matches(fold(query).replace(" ", "-"), list(names), n=1, cutoff=0.5) or \
        difflib.get_close_matches(fold(query), list(names), n=1, cutoff=0.5)
    return names[close[0]] if close else None
