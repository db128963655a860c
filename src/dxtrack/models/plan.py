"""`plans/<unit>.yaml`: a unit's communication plan (SPEC §2.3).

Only `unit` and `title` are required, so an incomplete plan is valid and scores partial.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, Field

from dxtrack.models.types import MODEL_CONFIG, Audience, Date, Money, ReviewKind, Text, Topic


class Resources(BaseModel):
    model_config = MODEL_CONFIG
    staff: Text | None = Field(None, description="Nhân sự")
    means: Text | None = Field(None, description="Phương tiện")
    budget_vnd: Money | None = Field(None, description="Kinh phí (đồng)")


class Task(BaseModel):
    model_config = MODEL_CONFIG
    id: Text
    title: Text
    owner: Text | None = Field(None, description="Tập thể, cá nhân phụ trách")
    due: Date | None = None
    topics: list[Topic] = Field(default_factory=list)


class Review(BaseModel):
    model_config = MODEL_CONFIG
    kind: ReviewKind
    due: Date
    note: Text | None = None


class Plan(BaseModel):
    model_config = MODEL_CONFIG
    # the order of keys in a plan dxtrack writes (as in SPEC §2.3's example)
    KEY_ORDER: ClassVar[tuple[str, ...]] = ("unit", "number", "issued", "title", "audiences", "resources",
                                            "platforms", "tasks", "reviews")
    unit: Text
    title: Text
    number: Text | None = Field(None, description="Số ký hiệu, e.g. 45-KH/ĐU")
    issued: Date | None = None
    audiences: list[Audience] = Field(default_factory=list)
    resources: Resources | None = None
    platforms: list[Text] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    reviews: list[Review] = Field(default_factory=list)

    def task(self, task_id: str) -> Task | None:
        return next((t for t in self.tasks if t.id == task_id), None)
