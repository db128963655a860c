"""The workbook `export xlsx` writes and `import` reads, as data.

A sheet per record type (event, product, channel, report: the sheets `import` reads), then
units, plans and plan tasks (for reading), the notes and the hidden lists behind the
dropdowns. A sheet's columns are its fields in file order, read from `models.fields`: one
column per field, a nested mapping's keys each a column of their own (`period.from`), a
product's views a column (`metrics.views`) and its other metrics one more (`metrics`).

Each sheet has two header rows: row 1, hidden, holds each column's field key (what `import`
maps columns by, whatever the labels say); row 2 the header labels, in the language of the
workbook. A sheet made by hand may have the labels alone in row 1 (`import` reads them too).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from dxtrack.models.fields import FIELDS, RECORD_TYPE_NAMES, FieldSpec, describe, field_spec
from dxtrack.models.units import Unit

KEY_ROW, LABEL_ROW, FIRST_ROW = 1, 2, 3     # the rows of a sheet `export` writes
METRICS = ("views",)                        # a product's metrics with a column of their own
SEPARATOR = "; "                            # between the values of a list in one cell
NOTE_SEPARATOR = " | "                      # between an evidence link and its note


class Value(StrEnum):
    """What a column holds, and so how its cell is written and read."""

    TEXT = "text"
    UNIT = "unit"           # a unit id (units.yaml), its dropdown drawn from the repo
    URL = "url"
    CODE = "code"           # one code of a list, written as its label
    CODES = "codes"         # several codes, labels separated by "; "
    TEXTS = "texts"         # several names, separated by "; "
    DATE = "date"           # a real date, shown dd/mm/yyyy
    DATES = "dates"         # several dates as dd/mm/yyyy text, separated by "; "
    INT = "int"
    EVIDENCE = "evidence"   # links or files, each with its note after " | "
    METRICS = "metrics"     # name: number pairs
    REVIEWS = "reviews"     # a plan's reviews: kind and due date (for reading only)


@dataclass(frozen=True)
class Column:
    """One column: the field it holds (a dotted key for a nested one), what it holds, whether
    a record must have it, and the code list it draws from."""

    key: str
    value: Value
    required: bool = False
    code_list: str | None = None

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.key.split("."))


@dataclass(frozen=True)
class Sheet:
    """One sheet: its id (a record type, or units, plans, tasks) and its columns; `imported`
    for the record sheets, the ones `import` reads."""

    id: str
    columns: tuple[Column, ...]
    imported: bool = False

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)


def _value(spec: FieldSpec) -> Value:
    if spec.many and spec.fields:
        return Value.EVIDENCE if spec.name == "evidence" else Value.REVIEWS
    if spec.many:
        return Value.CODES if spec.code_list else Value.DATES if spec.is_date else Value.TEXTS
    if spec.code_list:
        return Value.CODE
    if spec.is_date:
        return Value.DATE
    if spec.is_int:
        return Value.INT
    return Value.URL if spec.is_url else Value.TEXT


def columns_of(specs: tuple[FieldSpec, ...], skip: tuple[str, ...] = ()) -> tuple[Column, ...]:
    """The columns of the fields `specs` (but `skip`), in their order: a fixed field (a
    record's `type`) has none, a nested mapping one per key, the `unit` a unit column."""
    found: list[Column] = []
    for spec in specs:
        if spec.const is not None or spec.name in skip:
            continue
        if spec.mapping:
            found += [Column(f"{spec.name}.{name}", Value.INT) for name in METRICS]
            found.append(Column(spec.name, Value.METRICS))
        elif spec.fields and not spec.many:  # a period, a plan's resources: a column per key
            found += [Column(f"{spec.name}.{sub.name}", _value(sub), code_list=sub.code_list) for sub in spec.fields]
        else:
            value = Value.UNIT if spec.name == "unit" else _value(spec)
            found.append(Column(spec.name, value, spec.required, spec.code_list))
    return tuple(found)


def _record_sheet(kind: str) -> Sheet:
    return Sheet(kind, columns_of(FIELDS[kind]), imported=True)


def _task_specs() -> tuple[FieldSpec, ...]:
    tasks = field_spec("plan", "tasks")
    return tasks.fields if tasks else ()


RECORD_SHEETS: tuple[Sheet, ...] = tuple(_record_sheet(kind) for kind in RECORD_TYPE_NAMES)
UNITS_SHEET = Sheet("units", columns_of(describe(Unit)))
PLANS_SHEET = Sheet("plans", (Column("unit", Value.UNIT), Column("phase", Value.TEXT))
                    + columns_of(FIELDS["plan"], skip=("unit", "tasks")))
TASKS_SHEET = Sheet("tasks", (Column("unit", Value.UNIT), Column("phase", Value.TEXT)) + columns_of(_task_specs()))
VIEW_SHEETS: tuple[Sheet, ...] = (UNITS_SHEET, PLANS_SHEET, TASKS_SHEET)
NOTES, CATALOG = "notes", "catalog"          # the notes sheet, the hidden sheet of the dropdowns' lists
# the code lists the catalog sheet holds (in this order), a column each after the unit ids
CATALOG_LISTS = ("event_kind", "product_kind", "channel_kind", "mode", "outlet", "topic", "audience")


def record_sheet(kind: str) -> Sheet:
    """The sheet of record type `kind`."""
    return next(s for s in RECORD_SHEETS if s.id == kind)


def how(column: Column, units: list[str] | tuple[str, ...] = ()) -> dict[str, str]:
    """How to write a value of `column`, as message parameters: `how_key` (a `sheets.how.*`
    message) and `choices` (the labels of its code list in the current language, or the unit
    ids `units`)."""
    from dxtrack.i18n import current_lang
    from dxtrack.models import codes

    kind = column.value
    if kind is Value.UNIT:
        return {"how_key": "sheets.how.unit", "choices": ", ".join(units) or "-"}
    if kind in (Value.CODE, Value.CODES) and column.code_list:
        lang = current_lang()
        labels = "; ".join(codes.label(column.code_list, c, lang) for c in codes.choices(column.code_list))
        return {"how_key": f"sheets.how.{kind}", "choices": labels}
    return {"how_key": f"sheets.how.{kind}"}
