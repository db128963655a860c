"""Reading a workbook a unit sent, which is not to be trusted: its size is limited (the file,
what it unpacks to, the rows and columns of each sheet), it is opened read-only with the
values as last saved (a formula is never evaluated: its cached value is read, and macros are
never loaded), and openpyxl parses its XML through defusedxml (no entity expansion).

`read_workbook(path)` gives each worksheet's title and its non-empty rows (the row number as
the spreadsheet shows it, and the values); anything that stops it is a SetupError.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dxtrack.errors import SetupError

MAX_BYTES = 20 * 1024 * 1024          # the .xlsx file
MAX_UNPACKED = 200 * 1024 * 1024      # what its parts unpack to (no zip bomb)
MAX_ROWS = 20_000                     # rows of one sheet
MAX_COLUMNS = 200                     # columns of one sheet


@dataclass(frozen=True)
class SheetRows:
    """One worksheet: its title and its non-empty rows as (row number, values), trailing empty
    cells cut."""

    title: str
    rows: tuple[tuple[int, tuple[Any, ...]], ...]


def read_workbook(path: Path) -> list[SheetRows]:
    """Every worksheet of the .xlsx file at `path`, in order; a SetupError when it is missing,
    too large, not a readable .xlsx, or has a sheet over the row or column limit."""
    raw = _read_bytes(path)
    _check_zip(raw, path)
    try:
        with warnings.catch_warnings():  # "extension not supported" and the like: nothing for the user
            warnings.simplefilter("ignore")
            from openpyxl import load_workbook

            wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=True, keep_vba=False, keep_links=False)
            try:
                return [_sheet_rows(ws) for ws in wb.worksheets]
            finally:
                wb.close()
    except SetupError:
        raise
    except Exception as exc:  # openpyxl's parsers raise many kinds on a broken file: each is "not readable"
        raise SetupError("sheets.not_xlsx", path=str(path), problem_key="sheets.why.broken",
                         detail=f"{type(exc).__name__}: {exc}"[:200]) from None


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise SetupError("sheets.not_found", path=str(path))
    if not path.is_file():
        raise SetupError("sheets.not_a_file", path=str(path))
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SetupError("sheets.too_big", path=str(path), size=size, limit=MAX_BYTES)
    with open(path, "rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:  # it grew since
        raise SetupError("sheets.too_big", path=str(path), size=len(raw), limit=MAX_BYTES)
    return raw


def _check_zip(raw: bytes, path: Path) -> None:
    """An .xlsx is a zip file whose parts unpack to a bounded size."""
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise SetupError("sheets.not_xlsx", path=str(path), problem_key="sheets.why.not_zip", detail="")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SetupError("sheets.not_xlsx", path=str(path), problem_key="sheets.why.broken",
                         detail=f"{type(exc).__name__}: {exc}"[:200]) from None
    if unpacked > MAX_UNPACKED:
        raise SetupError("sheets.unpacked_too_big", path=str(path), limit=MAX_UNPACKED)


def _sheet_rows(ws: Any) -> SheetRows:
    """The non-empty rows of a read-only worksheet, within the limits."""
    if (ws.max_column or 0) > MAX_COLUMNS:
        raise SetupError("sheets.too_many_columns", sheet=ws.title, limit=MAX_COLUMNS)
    rows = []
    for number, values in enumerate(ws.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True), start=1):
        if number > MAX_ROWS:
            raise SetupError("sheets.too_many_rows", sheet=ws.title, limit=MAX_ROWS)
        cut = list(values)
        while cut and _blank(cut[-1]):
            cut.pop()
        if len(cut) > MAX_COLUMNS:
            raise SetupError("sheets.too_many_columns", sheet=ws.title, limit=MAX_COLUMNS)
        if cut:
            rows.append((number, tuple(cut)))
    return SheetRows(ws.title, tuple(rows))


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
