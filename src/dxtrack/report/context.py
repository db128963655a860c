"""What every part of the report's content reads: the repo, the status, the period, the units
reported on and their records; and the small helpers its sentences share (lists of names,
numbers with Vietnamese thousands dots, "11/14 đơn vị")."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from dxtrack.check.document import Repo
from dxtrack.evaluate.status import Status, UnitStatus
from dxtrack.i18n import current_lang, t
from dxtrack.models import Channel, Event, Product, Report, codes
from dxtrack.text import fold, vi_sort_key

if TYPE_CHECKING:
    from dxtrack.report.build import ReportOptions

NAMES_SHOWN = 2     # a clause of section II names at most this many units, else counts them (III names all)


@dataclass
class Context:
    repo: Repo
    status: Status
    opts: ReportOptions
    start: date
    end: date                                   # the day the statuses are as of
    unit: UnitStatus | None                     # set for a single unit's report
    scope: list[UnitStatus] = field(default_factory=list)   # active units reported on
    records: list = field(default_factory=list)             # records of `scope` in the window
    # a unit's own report of a unit transferred in the phase: evaluated as of its `until`
    left: UnitStatus | None = None

    @property
    def org(self) -> str:
        return self.status.settings.organization

    def records_of(self, unit_id: str) -> list:
        return [r for r in self.records if r.unit == unit_id]

    def events(self, kinds: tuple[str, ...] | None = None) -> list[Event]:
        return [r for r in self.records if isinstance(r, Event) and (kinds is None or r.kind in kinds)]

    def products(self) -> list[Product]:
        return [r for r in self.records if isinstance(r, Product)]

    def channels(self) -> list[Channel]:
        return [r for r in self.records if isinstance(r, Channel)]

    def reports(self) -> list[Report]:
        return [r for r in self.records if isinstance(r, Report)]

    def due_units(self, req_id: str) -> list[UnitStatus]:
        """The units of `scope` the requirement binds and is due for (met, partial or missing)."""
        return [us for us in self.scope if status_of(us, req_id) in ("met", "partial", "missing")]

    def units_with(self, req_id: str, *statuses: str) -> list[UnitStatus]:
        return [us for us in self.scope if status_of(us, req_id) in statuses]


def status_of(us: UnitStatus, req_id: str) -> str:
    rs = us.requirements.get(req_id)
    return str(rs.status) if rs else "n/a"


def names_of(units: list[UnitStatus]) -> list[str]:
    return sorted((us.unit.name for us in units), key=vi_sort_key)


def join_words(items: list[str]) -> str:
    """`A, B và C` (`A; B và C` when an item holds a comma itself)."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    glue = "; " if any("," in i for i in items) else ", "
    conj = t("report.word.and")
    if any(conj in i for i in items):  # "Bộ Nông nghiệp và Môi trường và Bộ Xây dựng" would mislead
        return glue.join(items)
    return glue.join(items[:-1]) + conj + items[-1]


def thousands(n: int) -> str:
    """1.250 in Vietnamese, 1,250 in English."""
    return f"{n:,}".replace(",", "." if current_lang() == "vi" else ",")


def share(count: int, total: int) -> str:
    """"11/14 đơn vị"; "Tất cả 14 đơn vị" when count is total (more than one)."""
    if count == total and total > 1:
        return t("report.share_all", total=total)
    return t("report.share", count=count, total=total)


def subject(units: list[UnitStatus], limit: int = NAMES_SHOWN) -> str:
    """The units as the subject of a clause: their names, or "4 đơn vị" when there are more."""
    names = names_of(units)
    return join_words(names) if len(names) <= limit else t("report.n_units", count=len(names))


def sentence(clauses: list[str]) -> str:
    """Clauses as one sentence: "a; b; c." with a capital first letter."""
    text = "; ".join(c.strip().rstrip(".;") for c in clauses if c and c.strip())
    return capital(text) + "." if text else ""


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def plan_of(ctx: Context, us: UnitStatus):
    """The unit's plan for the phase, if issued by the end of the period."""
    phase = ctx.status.phase.id if ctx.status.phase else None
    plan = us.plan or ctx.repo.plan_for(us.unit.id, phase)
    if plan is None or (plan.issued and plan.issued > ctx.end):
        return None
    return plan


# the first words of titles that name what the record is ("Hội nghị …", "Phóng sự …"): written
# in lower case after the verb; a title starting otherwise is named by its kind ("bài viết “…”")
GENERIC_STARTS = ("hội nghị", "hội thảo", "hội thi", "cuộc thi", "lễ", "tọa đàm", "talkshow", "giao lưu",
                  "sinh hoạt", "tập huấn", "bồi dưỡng", "quán triệt", "phổ biến", "chương trình", "loạt",
                  "chuyên mục", "chuyên trang", "bản tin", "phóng sự", "phim", "video", "clip", "infographic",
                  "podcast", "bài viết", "tuyên truyền", "kiểm tra", "giám sát", "sơ kết", "tổng kết",
                  "biểu dương", "phối hợp", "hoạt động", "ngày hội", "diễn đàn", "triển lãm")


def as_object(title: str, list_name: str, kind: str) -> str:
    """A record's title as the object of "tổ chức", "đăng tải": "hội nghị quán triệt …" for
    "Hội nghị quán triệt …", "bài viết “Dữ liệu cá nhân …”" for a title that names no kind."""
    label = codes.label(list_name, kind, current_lang())
    folded = fold(title)
    starts = (*GENERIC_STARTS, label)
    if current_lang() == "vi" and any(folded.startswith(fold(s)) for s in starts):
        return title[:1].lower() + title[1:]
    if any(folded.startswith(fold(s)) for s in starts) or list_name == "event_kind":
        return title
    return t("report.notable_named", kind=label, title=title)
