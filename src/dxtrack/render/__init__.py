"""Stage 6, render: plain data in, text out, words made here (with `dxtrack.i18n`).

One registry for every output: (what, --format name) → "module:function". Renderer
modules are imported only when chosen, so `dxtrack --version` stays quick. Every renderer
takes `lang=` (see `i18n.in_language`).

    findings      check: text, json, github, gitlab, sarif      (render/findings.py)
    status        the matrix: table, json, csv, markdown        (render/status_*.py)
                  and xlsx (bytes, a workbook: render/status_xlsx.py), html (one
                  self-contained page: render/status_html.py, templates/status.html.j2)
    unit          one unit in detail: the same formats
    requirements  the catalog: table, json, markdown            (render/status_requirements.py)
    due           what falls due: table, json, ics              (render/due.py)
    diff          two revisions compared: table, json, markdown (render/diff.py)
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

REGISTRY: dict[str, dict[str, str]] = {
    "findings": {name: f"dxtrack.render.findings:render_{name}"
                 for name in ("text", "json", "github", "gitlab", "sarif")},
    "status": {name: f"dxtrack.render.status_{name}:render_matrix"
               for name in ("table", "json", "csv", "markdown", "xlsx", "html")},
    "unit": {name: f"dxtrack.render.status_{name}:render_unit"
             for name in ("table", "json", "csv", "markdown", "xlsx", "html")},
    "requirements": {name: f"dxtrack.render.status_requirements:render_{name}"
                     for name in ("table", "json", "markdown")},
    "due": {name: f"dxtrack.render.due:render_{name}" for name in ("table", "json", "ics")},
    "diff": {name: f"dxtrack.render.diff:render_{name}" for name in ("table", "json", "markdown")},
}


def formats(what: str) -> list[str]:
    """The --format names of output `what`."""
    return list(REGISTRY[what])


def renderer(what: str, name: str) -> Callable[..., Any]:
    """The renderer of output `what` in format `name` (which must be one of `formats(what)`)."""
    module, function = REGISTRY[what][name].split(":")
    return getattr(importlib.import_module(module), function)
