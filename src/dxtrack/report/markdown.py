"""ReportData → Markdown, through the Jinja2 template `report.md.j2` (a repo's own wins)."""

from __future__ import annotations

import re
from pathlib import Path

from dxtrack.evaluate.status import SYMBOLS
from dxtrack.render.escape import md_cell as plain_cell
from dxtrack.render.escape import md_link, md_text
from dxtrack.report.model import Link, Mark, ReportData
from dxtrack.report.templates import render_template, template_env

TEMPLATE = "report.md.j2"
BAR_CELLS = 20


def md_escape(text) -> str:
    """Plain text that Markdown shows as it is: the one Markdown escaper (`render.escape.md_text`)."""
    return md_text(text)


def md_cell(value, symbols: dict[str, str] | None = None) -> str:
    """One table cell: text (`render.escape.md_cell`), a link (`md_link`) or a status mark."""
    if isinstance(value, Mark):
        return (symbols or SYMBOLS).get(value.status, value.status)
    if isinstance(value, Link):
        return md_link(value.text, value.url)
    return plain_cell(value)


def unicode_bar(score: int, cells: int = BAR_CELLS) -> str:
    """`██████████░░░░░░░░░░` for 50: full blocks for the score, light shade for the rest."""
    score = max(0, min(100, int(score)))
    full = int(score * cells / 100 + 0.5)
    return "█" * full + "░" * (cells - full)


def render_markdown(data: ReportData, root: Path | None = None) -> str:
    """The report as Markdown text (ends with one newline), through the repo's own
    `templates/report.md.j2` or the built-in one, in the sandbox (`report.templates`)."""
    env = template_env(root, autoescape=False, error_key="setup.report_bad_template", keep_trailing_newline=True,
                       trim_blocks=True, lstrip_blocks=True)
    env.filters.update(md=md_escape, cell=lambda v: md_cell(v, data.legend_symbols), bar=unicode_bar)
    text = render_template(env, TEMPLATE, report=data, symbols=data.legend_symbols)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
