"""Records under `activities/<unit>/`: event, product, channel, report (SPEC §2.4)."""

from __future__ import annotations

import datetime
from datetime import date
from typing import TYPE_CHECKING, ClassVar, Literal, get_args

from pydantic import BaseModel, Field, model_validator
from pydantic_core import PydanticCustomError

from dxtrack.models.types import (
    MODEL_CONFIG,
    Audience,
    ChannelKind,
    Date,
    Days,
    EventKind,
    FreeText,
    Metric,
    Mode,
    Outlet,
    People,
    ProductKind,
    Text,
    Topic,
    Url,
)


class Evidence(BaseModel):
    model_config = MODEL_CONFIG
    url: Url | None = None
    file: Text | None = Field(None, description="A path under evidence/ in this repo")
    note: Text | None = None

    @model_validator(mode="after")
    def _one_target(self):
        if (self.url is None) == (self.file is None):
            raise PydanticCustomError("dx_evidence", "url or file")
        return self


class RecordBase(BaseModel):
    """Fields every record has. Each record type's `KEY_ORDER` is the order of keys in the
    files dxtrack writes (as in SPEC §2.4's examples), which differs from the order of
    declaration; `models.fields` lists the fields in it."""

    model_config = MODEL_CONFIG
    KEY_ORDER: ClassVar[tuple[str, ...]] = ()
    if TYPE_CHECKING:
        type: str  # every record type declares it, as the Literal of its one value
    unit: Text
    title: Text
    topics: list[Topic] = Field(default_factory=list)
    audiences: list[Audience] = Field(default_factory=list)
    plan_task: Text | None = Field(None, description="Id of a task in the unit's plan")
    evidence: list[Evidence] = Field(default_factory=list)
    note: FreeText | None = None

    @property
    def when(self) -> date:
        """The record's own date (for file names, sorting, duplicates)."""
        raise NotImplementedError

    def dates(self) -> list[date]:
        """Every date the record counts on (SPEC §3)."""
        return [self.when]


class Event(RecordBase):
    KEY_ORDER = ("type", "unit", "kind", "title", "date", "mode", "topics", "audiences", "participants",
                 "leaders", "partners", "plan_task", "evidence", "note")
    type: Literal["event"]
    kind: EventKind
    date: Date
    mode: Mode
    participants: People | None = None
    leaders: list[Text] = Field(default_factory=list)
    partners: list[Text] = Field(default_factory=list)

    @property
    def when(self) -> datetime.date:  # `date` is a field here
        return self.date


class Product(RecordBase):
    KEY_ORDER = ("type", "unit", "kind", "title", "published", "channels", "topics", "audiences", "url",
                 "metrics", "plan_task", "evidence", "note")
    type: Literal["product"]
    kind: ProductKind
    published: Date
    channels: list[Outlet] = Field(min_length=1)
    url: Url | None = None
    metrics: dict[str, Metric] = Field(default_factory=dict)

    @property
    def when(self) -> date:
        return self.published


class Channel(RecordBase):
    KEY_ORDER = ("type", "unit", "kind", "title", "outlet", "started", "cadence_days", "updates", "url",
                 "topics", "audiences", "plan_task", "evidence", "note")
    type: Literal["channel"]
    kind: ChannelKind
    outlet: Outlet
    started: Date
    cadence_days: Days
    updates: list[Date] = Field(default_factory=list)
    url: Url | None = None

    @property
    def when(self) -> date:
        return self.started

    def dates(self) -> list[date]:
        return [self.started, *self.updates]

    def last_date(self) -> date:
        return max(self.dates())


class Period(BaseModel):
    model_config = MODEL_CONFIG
    from_: Date = Field(alias="from")
    to: Date


class Report(RecordBase):
    KEY_ORDER = ("type", "unit", "number", "title", "date", "period", "topics", "audiences", "plan_task",
                 "evidence", "note")
    type: Literal["report"]
    number: Text | None = None
    date: Date
    period: Period | None = None

    @property
    def when(self) -> datetime.date:  # `date` is a field here
        return self.date


Record = Event | Product | Channel | Report
# each record type by the one value its `type` field allows, in the order of `Record`
RECORD_TYPES: dict[str, type[RecordBase]] = {
    get_args(model.model_fields["type"].annotation)[0]: model for model in get_args(Record)
}
