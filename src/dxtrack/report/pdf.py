"""The .docx report converted to PDF by LibreOffice, when it is installed.

LibreOffice runs headless in a temporary folder with a profile of its own there, so it
works while the user has LibreOffice open (a shared profile would make the conversion
silently do nothing) and leaves nothing behind; it is stopped, with all it started,
after TIMEOUT_S seconds.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from dxtrack.errors import SetupError
from dxtrack.i18n import t

OFFICE_COMMANDS = ("soffice", "libreoffice")
TIMEOUT_S = 180          # a first run sets up its profile (seconds); a long report takes more


def find_office() -> str | None:
    """The LibreOffice command on PATH (soffice, else libreoffice), or None."""
    for name in OFFICE_COMMANDS:
        found = shutil.which(name)
        if found:
            return found
    return None


def docx_to_pdf(docx: bytes, timeout: float = TIMEOUT_S) -> bytes:
    """The PDF of the .docx `docx`; a SetupError when LibreOffice is missing, fails or hangs."""
    office = find_office()
    if office is None:
        raise SetupError("setup.report_no_office", docx="bao-cao.docx")
    with tempfile.TemporaryDirectory(prefix="dxtrack-pdf-") as tmp:
        folder = Path(tmp)
        source, out = folder / "bao-cao.docx", folder / "out"
        source.write_bytes(docx)
        command = [office, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                   "--norestore", "--nologo", "--convert-to", "pdf", "--outdir", str(out), str(source)]
        problem = _run(command, timeout)
        result = out / "bao-cao.pdf"
        if not result.is_file():
            raise SetupError("setup.report_pdf_failed", problem=problem or t("report_layout.pdf_no_output"))
        return result.read_bytes()


def _run(command: list[str], timeout: float) -> str:
    """Run LibreOffice; the last line it wrote to stderr (for a message), or ""."""
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, start_new_session=True)
    except OSError as exc:
        raise SetupError("setup.report_pdf_failed", problem=exc.strerror or str(exc)) from None
    try:
        _out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise SetupError("setup.report_pdf_timeout", seconds=round(timeout)) from None
    lines = [line.strip() for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""


def _stop(process: subprocess.Popen) -> None:
    """Stop LibreOffice and what it started (its own process group: start_new_session)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):  # gone already; or no process groups
        process.kill()
    process.communicate()
