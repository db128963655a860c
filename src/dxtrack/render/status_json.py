"""Status → JSON, exactly as SPEC §4 says (plain writes, ISO dates, nothing wrapped), by the
JSON outputs' one writer (`render.escape.json_text`: control and invisible characters escaped)."""

from __future__ import annotations

from dxtrack.evaluate.status import Status, UnitStatus
from dxtrack.i18n import in_language
from dxtrack.models import RECORD_TYPE_NAMES
from dxtrack.render.escape import json_dumps as dumps  # noqa: F401 - the plain writer, as it was named here
from dxtrack.render.escape import json_text
from dxtrack.render.status_common import iso, phase_dict, title


def status_dict(status: Status, units: list[UnitStatus] | None = None) -> dict:
    """`{as_of, [as_of_requested,] directive, sample, phase, requirements, units[, left_out]}`;
    `units` defaults to all of them; `left_out`, the data files not counted, when there are any."""
    requested = {"as_of_requested": iso(status.as_of_requested)} if status.as_of_requested else {}
    return {
        "as_of": iso(status.as_of),
        **requested,
        "directive": status.directive,
        "sample": status.sample,
        "phase": phase_dict(status.phase),
        "requirements": [{"id": r.id, "title": title(r), "binds": r.binds} for r in status.requirements],
        "units": [unit_dict(u) for u in (status.units if units is None else units)],
        **({"left_out": status.left_out} if status.left_out else {}),
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
        **({"left_out": u.left_out} if u.left_out else {}),  # its data files not counted, if any
    }


@in_language
def render_matrix(status: Status, width: int = 80, color: bool = False) -> str:
    return json_text(status_dict(status))


@in_language
def render_unit(detail, status: Status, width: int = 80, color: bool = False) -> str:
    """The same object, with only this unit in `units`."""
    return json_text(status_dict(status, [detail.status]))


