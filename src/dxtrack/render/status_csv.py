"""Status → CSV: one row per unit (the matrix), or one row per requirement (one unit).

Status codes (met, partial, ...) in the cells, ISO dates; no banner line (a comment
row would break spreadsheet imports — a sample repo's status is marked in table,
markdown and JSON).
"""

from __future__ import annotations

import csv
import io

from dxtrack.evaluate.status import Status, UnitStatus
from dxtrack.i18n import current_lang, in_language
from dxtrack.i18n.reasons import reason_texts
from dxtrack.models import RECORD_TYPE_NAMES
from dxtrack.render.status_common import iso, title
from dxtrack.text import starts_like_formula

COUNTS = RECORD_TYPE_NAMES


def _safe(value):
    """A text cell a spreadsheet would take for a formula (`text.starts_like_formula`, the test
    the workbooks' cells use too: =HYPERLINK(...), +, -, @, or a tab or carriage return before
    one) gets a leading apostrophe, as OWASP advises for CSV: Excel and Calc then show it as
    the text it is."""
    return "'" + value if starts_like_formula(value) else value


def _write(rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([_safe(cell) for cell in row] for row in rows)
    return out.getvalue()


@in_language
def render_matrix(status: Status, width: int = 80, color: bool = False) -> str:
    ids = [r.id for r in status.requirements]
    head = ["id", "name", "kind", "state", "score", "last_activity", *COUNTS, "left_out", *ids]
    return _write([head, *(_unit_row(u, ids) for u in status.units)])


def _unit_row(u: UnitStatus, ids: list[str]) -> list:
    cells = [u.unit.id, u.unit.name, u.unit.kind, u.state, "" if u.score is None else u.score,
             iso(u.last_activity) or "", *(u.counts.get(k, 0) for k in COUNTS), u.left_out]
    return cells + [u.requirements[i].status if i in u.requirements else "" for i in ids]


@in_language
def render_unit(detail, status: Status, width: int = 80, color: bool = False) -> str:
    u = detail.status
    rows = [["unit", "requirement", "title", "status", "reasons"]]
    for req in status.requirements:
        result = u.requirements.get(req.id)
        if result is not None:
            reasons = " ".join(reason_texts(result.reasons, current_lang()))
            rows.append([u.unit.id, req.id, title(req), result.status, reasons])
    return _write(rows)
