"""Status → JSON, exactly as SPEC §4 says (plain writes, ISO dates, nothing wrapped)."""

from __future__ import annotations

import json

from dxtrack.evaluate.status import Status, UnitStatus
from dxtrack.i18n import in_language
from dxtrack.models import RECORD_TYPE_NAMES
from dxtrack.render.status_common import iso, phase_dict, title


def status_dict(status: Status, units: list[UnitStatus] | None = None) -> dict:
    """`{as_of, [as_of_requested,] directive, sample, phase, requirements, units}`; `units`
    defaults to all of them."""
    requested = {"as_of_requested": iso(status.as_of_requested)} if status.as_of_requested else {}
    return {
        "as_of": iso(status.as_of),
        **requested,
        "directive": status.directive,
        "sample": status.sample,
        "phase": phase_dict(status.phase),
        "requirements": [{"id": r.id, "title": title(r), "binds": r.binds} for r in status.requirements],
        "units": [unit_dict(u) for u in (status.units if units is None else units)],
    }


def reason_dict(reason) -> dict:
    """`{code, params, text}`: the reason as data, and its sentence in the current language."""
    from dxtrack.i18n import current_lang
    from dxtrack.i18n.reasons import reason_text

    return {"code": reason.code, "params": reason.params, "text": reason_text(reason, current_lang())}


def unit_dict(u: UnitStatus) -> dict:
    return {
        "id": u.unit.id,
        "name": u.unit.name,
        "kind": u.unit.kind,
        "state": u.state,
        "score": u.score,
        "last_activity": iso(u.last_activity),
        "counts": {k: u.counts.get(k, 0) for k in RECORD_TYPE_NAMES},
        "requirements": {rid: {"status": str(r.status), "reasons": [reason_dict(x) for x in r.reasons]}
                         for rid, r in u.requirements.items()},
    }


@in_language
def render_matrix(status: Status, width: int = 80, color: bool = False) -> str:
    return dumps(status_dict(status)) + "\n"


@in_language
def render_unit(detail, status: Status, width: int = 80, color: bool = False) -> str:
    """The same object, with only this unit in `units`."""
    return dumps(status_dict(status, [detail.status])) + "\n"


class _Unsupported(Exception):
    """A value `dumps` leaves to the json module."""


def dumps(data: object) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)`, the same text, written without the
    json module's pure-Python encoder (the one `indent` selects), a matter of seconds for a
    status of hundreds of units; anything but plain JSON data goes to the json module."""
    parts: list[str] = []
    try:
        _write(data, parts, "\n")
    except _Unsupported:
        return json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(parts)


_STR = json.encoder.encode_basestring  # what ensure_ascii=False encodes strings with (the C one)


def _write(value: object, out: list[str], newline: str) -> None:
    """`value` into `out`; `newline` is a line break and the indent of the current level."""
    if isinstance(value, str):
        out.append(_STR(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        first = True
        for key, item in value.items():
            if not isinstance(key, str):
                raise _Unsupported
            out.append(("{" if first else ",") + inner + _STR(key) + ": ")
            first = False
            _write(item, out, inner)
        out.append(newline + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        first = True
        for item in value:
            out.append(("[" if first else ",") + inner)
            first = False
            _write(item, out, inner)
        out.append(newline + "]")
    else:  # floats (nan, inf), other types: as the json module does them, or its error
        raise _Unsupported
