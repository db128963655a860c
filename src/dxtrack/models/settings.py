"""`dxtrack.yaml`: the settings of one tracker repo (SPEC §2.1)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TypeAlias

from pydantic import BaseModel, Field

from dxtrack.models import codes
from dxtrack.models.phases import DIRECTIVE_ISSUED, PhaseSetting
from dxtrack.models.types import MODEL_CONFIG, Date, Days, FreeText, Line, Owner, Text, whole_number

__all__ = ["DIRECTIVE_ISSUED", "PhaseSetting", "ReportProfile", "ReportSettings", "Settings", "Thresholds"]

# the layout profiles of the .docx report (SPEC §6.3; their numbers: templates/docx_style.yaml)
ReportProfile = Literal["hd36", "hd05"]


if TYPE_CHECKING:
    ProductKinds: TypeAlias = int
else:  # no more kinds can be asked for than there are
    ProductKinds = whole_number(1, len(codes.LISTS["product_kind"]))


class Thresholds(BaseModel):
    model_config = MODEL_CONFIG
    start_within_days: Days = Field(15, description="Rule 3.a: days from receipt to the first activity")
    max_gap_days: Days = Field(30, description="Rule 3.c: longest allowed stretch without any record")
    min_product_kinds: ProductKinds = Field(3, description="Rule 2.1.h: distinct kinds of media products")


class ReportSettings(BaseModel):
    """Header and closing of the result report (`dxtrack report`); every field optional."""

    model_config = MODEL_CONFIG
    superior_body: Text | None = Field(None, description="Cơ quan cấp trên, e.g. ĐẢNG BỘ CHÍNH PHỦ")
    unit_superior_body: Text | None = Field(
        None, description="Superior body in the header of a unit's own report (--unit), e.g. ĐẢNG BỘ CHÍNH PHỦ; "
                          "default: the organisation's party organisation")
    issuing_body: Text | None = Field(None, description="Cơ quan ban hành, e.g. ĐẢNG ỦY CHÍNH PHỦ")
    number: Text | None = Field(None, description="Số ký hiệu, e.g. 12-BC/ĐU")
    place: Text | None = Field(None, description="Địa danh, e.g. Hà Nội")
    signer: Text | None = Field(None, description="Người ký")
    signer_title: Text | None = Field(None, description="BÍ THƯ or PHÓ BÍ THƯ")
    signing_authority: Text | None = Field(None, description="T/M BAN THƯỜNG VỤ")
    recipients: list[Text] = Field(default_factory=list, description="Nơi nhận")
    archive: Text | None = Field(None, description="The last line of Nơi nhận, e.g. Lưu VT, Ban TGDV; "
                                                   "default: Lưu Văn phòng Đảng ủy")
    proposals: FreeText | None = Field(None, description="Đề xuất, kiến nghị (section V)")
    profile: ReportProfile | None = Field(
        None, description="Thể thức .docx: hd36 (Hướng dẫn 36-HD/VPTW) or hd05 (Hướng dẫn 05-HD/VPTW, "
                          "from 27/05/2026); default by the signing date")


class Settings(BaseModel):
    model_config = MODEL_CONFIG
    directive: Text = Field("380-CV/ĐU", description="The directive tracked")
    organization: Line = Field(description="Who tracks, e.g. Đảng ủy Chính phủ")
    report_to: Text | None = Field(None, description="Where results are reported")
    received: Date = Field(description="Default date the units received the directive")
    phase_end: Date | None = Field(None, description="End of the Plan 02 phase (rule 3.d); not with `phases`")
    report_due: list[Date] = Field(default_factory=list,
                                   description="Dates a result report is due (rule 3.e); not with `phases`")
    phases: list[PhaseSetting] | None = Field(
        None, description="The phases of Plan 02, in order (SPEC §2.1.1); instead of phase_end and report_due")
    thresholds: Thresholds = Field(default_factory=Thresholds)
    sample: bool = Field(False, description="Illustrative sample data: outputs carry a banner")
    owners: list[Owner] = Field(default_factory=list,
                               description="The secretariat's owners for CODEOWNERS (settings, units, templates)")
    report: ReportSettings = Field(default_factory=ReportSettings)
