"""ReportData → Markdown, through the Jinja2 template `report.md.j2` (a repo's own wins)."""

from __future__ import annotations

import re
from pathlib import Path

from dxtrack.errors import SetupError
from dxtrack.evaluate.status import SYMBOLS
from dxtrack.report.model import Link, Mark, ReportData
from dxtrack.report.templates import display_path, template_dirs

TEMPLATE = "report.md.j2"
BAR_CELLS = 20
_LINES = re.compile(r"[ \t]*[\r\n]+[ \t]*")  # a line break inside a value would break the layout
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(text: str) -> str:
    """Plain text that Markdown shows as it is (no emphasis, links or tables made by accident)."""
    return _SPECIAL.sub(r"\\\1", _LINES.sub(" ", str(text)).strip())


def md_cell(value, symbols: dict[str, str] | None = None) -> str:
    """One table cell: text, a link or a status mark."""
    if isinstance(value, Mark):
        return (symbols or SYMBOLS).get(value.status, value.status)
    if isinstance(value, Link):
        return f"[{md_escape(value.text)}](<{value.url.replace('>', '%3E').replace(' ', '%20')}>)"
    return md_escape(value)


def unicode_bar(score: int, cells: int = BAR_CELLS) -> str:
    """`██████████░░░░░░░░░░` for 50: full blocks for the score, light shade for the rest."""
    score = max(0, min(100, int(score)))
    full = int(score * cells / 100 + 0.5)
    return "█" * full + "░" * (cells - full)


def render_markdown(data: ReportData, root: Path | None = None) -> str:
    """The report as Markdown text (ends with one newline)."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(d) for d in template_dirs(root)]),
                             autoescape=False, keep_trailing_newline=True, trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters.update(md=md_escape, cell=lambda v: md_cell(v, data.legend_symbols), bar=unicode_bar)
    try:
        template = env.get_template(TEMPLATE)
        text = template.render(report=data, symbols=data.legend_symbols)
    except jinja2.TemplateError as exc:
        where = display_path(Path(getattr(exc, "filename", None) or TEMPLATE), root)
        lineno = getattr(exc, "lineno", None)  # a syntax error knows its line
        line = f" (dòng {lineno})" if lineno else ""
        raise SetupError("setup.report_bad_template", file=where + line, problem=str(exc)) from None
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
