"""Pydantic models, one module per file kind; `fields` describes them as plain data."""

from dxtrack.models.fields import RECORD_TYPE_NAMES
from dxtrack.models.plan import Plan, Resources, Review, Task
from dxtrack.models.records import (
    RECORD_TYPES,
    Channel,
    Event,
    Evidence,
    Period,
    Product,
    Record,
    RecordBase,
    Report,
)
from dxtrack.models.settings import ReportSettings, Settings, Thresholds
from dxtrack.models.units import Unit, UnitsFile

__all__ = [
    "Plan", "Resources", "Review", "Task", "RECORD_TYPES", "RECORD_TYPE_NAMES", "Channel", "Event",
    "Evidence", "Period", "Product", "Record", "RecordBase", "Report", "ReportSettings", "Settings",
    "Thresholds", "Unit", "UnitsFile",
]
