"""`units.yaml`: the subordinate party committees tracked (SPEC §2.2)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from dxtrack.models.types import MODEL_CONFIG, Date, Line, Owner, Slug, UnitKind


class Unit(BaseModel):
    model_config = MODEL_CONFIG
    id: Slug = Field(description="Slug [a-z0-9-]+, also the folder name under activities/")
    name: Line = Field(description="Tên đảng ủy, e.g. Đảng ủy Bộ Tài chính")
    kind: UnitKind
    owners: list[Owner] = Field(default_factory=list, description="GitHub users or teams, for CODEOWNERS")
    received: Date | None = Field(None, description="Date the unit received the directive")
    until: Date | None = Field(None, description="Date the unit left this organisation")
    moved_to: Line | None = Field(None, description="Where the unit moved, with until")

    def received_on(self, default: date) -> date:
        return self.received or default

    def transferred_by(self, as_of: date) -> bool:
        return self.until is not None and self.until < as_of


class UnitsFile(BaseModel):
    model_config = MODEL_CONFIG
    units: list[Unit] = Field(default_factory=list)
