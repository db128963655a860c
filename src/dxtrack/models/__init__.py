"""Pydantic models, one module per file kind."""

from dxtrack.models.plan import Plan, Resources, Review, Task
from dxtrack.models.records import (
    RECORD_TYPES, Channel, Event, Evidence, Period, Product, Record, RecordBase, Report,
)
from dxtrack.models.settings import ReportSettings, Settings, Thresholds
from dxtrack.models.units import Unit, UnitsFile

__all__ = [
    "Plan", "Resources", "Review", "Task", "RECORD_TYPES", "Channel", "Event", "Evidence",
    "Period", "Product", "Record", "RecordBase", "Report", "ReportSettings", "Settings",
    "Thresholds", "Unit", "UnitsFile",
]

RECORD_TYPE_NAMES: tuple[str, ...] = tuple(RECORD_TYPES)
