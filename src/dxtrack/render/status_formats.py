"""The registry of `dxtrack status --format` values: name → (matrix renderer, unit renderer).

A matrix renderer takes (status, width, color); a unit renderer (detail, status, width, color).
Renderer modules are imported only when chosen.
"""

from __future__ import annotations

import importlib

FORMATS = {
    "table": "dxtrack.render.status_table",
    "json": "dxtrack.render.status_json",
    "csv": "dxtrack.render.status_csv",
    "markdown": "dxtrack.render.status_markdown",
}


def renderers(name: str):
    """(render_matrix, render_unit) of format `name` (which must be in FORMATS)."""
    module = importlib.import_module(FORMATS[name])
    return module.render_matrix, module.render_unit
