"""The result report (`dxtrack report`): content built once, laid out as Markdown or .docx.

    build.py     Status + Repo → ReportData (sections I–V of SPEC §6)
    markdown.py  ReportData → Markdown through templates/report.md.j2
    docx.py      ReportData → .docx laid out by templates/docx_style.yaml (a profile of it)
    pdf.py       .docx → PDF through LibreOffice, when it is installed
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dxtrack.check.document import Repo
from dxtrack.errors import SetupError
from dxtrack.evaluate.status import Status
from dxtrack.report.build import ReportOptions


@dataclass(frozen=True)
class ReportOutput:
    """A report made: its bytes, the settings it leaves blank (among "number", "signer",
    "signer_title"), and the layout profile it took (a .docx or .pdf; None for Markdown)."""

    data: bytes
    blanks: tuple[str, ...] = ()
    profile: str | None = None


def _markdown(data, repo: Repo, opts: ReportOptions) -> tuple[bytes, str | None]:
    from dxtrack.report.markdown import render_markdown

    return render_markdown(data, repo.root).encode("utf-8"), None


def _docx(data, repo: Repo, opts: ReportOptions) -> tuple[bytes, str | None]:
    from dxtrack.report.docx import render_docx
    from dxtrack.report.style import load_layout

    settings = repo.settings.report.profile if repo.settings else None
    profile, style = load_layout(repo.root, opts.profile or settings, opts.signed or repo.today)
    return render_docx(data, style), profile


def _pdf(data, repo: Repo, opts: ReportOptions) -> tuple[bytes, str | None]:
    from dxtrack.report.pdf import docx_to_pdf

    docx, profile = _docx(data, repo, opts)
    return docx_to_pdf(docx), profile


FORMATS = {"md": _markdown, "docx": _docx, "pdf": _pdf}
SUFFIXES = {".md": "md", ".markdown": "md", ".docx": "docx", ".pdf": "pdf"}   # -o FILE's suffix → format
NEEDS_FILE = ("docx", "pdf")   # written to a file (-o), never to the terminal


def report_format(fmt: str | None, output: Path | None) -> str:
    """The format to write: `fmt`, else the one `output`'s suffix names, else md. A SetupError,
    before any work, for a format or a suffix it cannot write, the two at odds, .docx or .pdf
    without a file, or .pdf without LibreOffice."""
    from dxtrack.report.pdf import find_office

    suffix = output.suffix.lower() if output is not None else ""
    named = SUFFIXES.get(suffix)
    if suffix and named is None:
        raise SetupError("setup.report_bad_suffix", suffix=suffix, choices=_suffix_choices())
    kind = (fmt or named or "md").lower()
    if kind not in FORMATS:
        raise SetupError("setup.bad_format", value=fmt, choices=", ".join(FORMATS))
    if named and kind != named:
        raise SetupError("setup.report_suffix_mismatch", path=str(output), suffix=suffix, fmt=kind)
    if kind in NEEDS_FILE and output is None:
        raise SetupError("setup.report_needs_output", fmt=kind)
    if kind == "pdf" and find_office() is None:
        raise SetupError("setup.report_no_office", docx=str(Path(str(output)).with_suffix(".docx")))
    return kind


def _suffix_choices() -> str:
    """".md, .docx hoặc .pdf": the first suffix of each format."""
    from dxtrack.i18n import t

    first = [next(s for s, f in SUFFIXES.items() if f == kind) for kind in FORMATS]
    return ", ".join(first[:-1]) + t("report_layout.or") + first[-1]


def report_profile(name: str | None) -> str | None:
    """`name` if it is a layout profile (or None); a SetupError naming the profiles if not."""
    from dxtrack.report.style import PROFILES

    if name is not None and name not in PROFILES:
        raise SetupError("setup.report_bad_profile", value=name, choices=", ".join(PROFILES))
    return name


def report_period(repo: Repo, opts: ReportOptions):
    """(start, end) of the report: the period asked for, or the whole phase up to as-of."""
    from dxtrack.report.build import report_period as period

    return period(repo, opts)


def render_report(repo: Repo, status: Status, opts: ReportOptions, start, fmt: str) -> ReportOutput:
    """The report of `status` (the repo evaluated at the period's end) in format `fmt`."""
    from dxtrack.check.pipeline import no_cyclic_gc
    from dxtrack.report.build import build_report

    if fmt not in FORMATS:
        raise SetupError("setup.bad_format", value=fmt, choices=", ".join(FORMATS))
    report_profile(opts.profile)
    with no_cyclic_gc():
        data = build_report(repo, status, opts, start)
        made, profile = FORMATS[fmt](data, repo, opts)
    return ReportOutput(made, tuple(getattr(data, "blanks", ())), profile)


def make_report(repo: Repo, status: Status, opts: ReportOptions, start, fmt: str) -> bytes:
    """The report of `status` in format `fmt`, as bytes (see render_report)."""
    return render_report(repo, status, opts, start, fmt).data


__all__ = ["FORMATS", "SUFFIXES", "ReportOptions", "ReportOutput", "make_report", "render_report",
           "report_format", "report_period", "report_profile"]
