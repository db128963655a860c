"""The result report (`dxtrack report`): content built once, laid out as Markdown or .docx.

    build.py     Status + Repo → ReportData (sections I–V of SPEC §6)
    markdown.py  ReportData → Markdown through templates/report.md.j2
    docx.py      ReportData → .docx laid out by templates/docx_style.yaml
"""

from __future__ import annotations

from dxtrack.check.document import Repo
from dxtrack.errors import SetupError
from dxtrack.evaluate.status import Status
from dxtrack.report.build import ReportOptions


def _markdown(data, repo: Repo) -> bytes:
    from dxtrack.report.markdown import render_markdown

    return render_markdown(data, repo.root).encode("utf-8")


def _docx(data, repo: Repo) -> bytes:
    from dxtrack.report.docx import render_docx
    from dxtrack.report.style import load_style

    return render_docx(data, load_style(repo.root))


FORMATS = {"md": _markdown, "docx": _docx}


def report_period(repo: Repo, opts: ReportOptions):
    """(start, end) of the report: the period asked for, or the whole phase up to as-of."""
    from dxtrack.report.build import report_period as period

    return period(repo, opts)


def make_report(repo: Repo, status: Status, opts: ReportOptions, start, fmt: str) -> bytes:
    """The report of `status` (the repo evaluated at the period's end) in format `fmt`, as bytes."""
    from dxtrack.check.pipeline import no_cyclic_gc
    from dxtrack.report.build import build_report

    if fmt not in FORMATS:
        raise SetupError("setup.bad_format", value=fmt, choices=", ".join(FORMATS))
    with no_cyclic_gc():
        return FORMATS[fmt](build_report(repo, status, opts, start), repo)


__all__ = ["FORMATS", "ReportOptions", "make_report", "report_period"]
