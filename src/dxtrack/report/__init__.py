"""The result report (`dxtrack report`): content built once, laid out as Markdown or .docx.

    build.py     Status + Repo → ReportData (sections I–V of SPEC §6)
    markdown.py  ReportData → Markdown through templates/report.md.j2
    docx.py      ReportData → .docx laid out by templates/docx_style.yaml
"""

from __future__ import annotations

from dxtrack.report.build import ReportOptions
from dxtrack.check.document import Repo
from dxtrack.errors import SetupError


def _markdown(data, repo: Repo) -> bytes:
    from dxtrack.report.markdown import render_markdown

    return render_markdown(data, repo.root).encode("utf-8")


def _docx(data, repo: Repo) -> bytes:
    from dxtrack.report.docx import render_docx
    from dxtrack.report.style import load_style

    return render_docx(data, load_style(repo.root))


FORMATS = {"md": _markdown, "docx": _docx}


def make_report(repo: Repo, opts: ReportOptions, fmt: str) -> bytes:
    """The report of `repo` in format `fmt` (a key of FORMATS), as bytes."""
    from dxtrack import api
    from dxtrack.report.build import build_report, report_period

    if fmt not in FORMATS:
        raise SetupError("setup.bad_format", value=fmt, choices=", ".join(FORMATS))
    if repo.settings is None:
        raise SetupError("setup.broken_repo", file="dxtrack.yaml")
    start, end = report_period(repo, opts)
    status = api.evaluate(repo, end)
    return FORMATS[fmt](build_report(repo, status, opts, start), repo)


__all__ = ["FORMATS", "ReportOptions", "make_report"]
