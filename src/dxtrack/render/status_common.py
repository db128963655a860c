"""Words and small helpers shared by the status renderers (table, markdown, csv)."""

from __future__ import annotations

from datetime import date

from dxtrack.catalog import title_of
from dxtrack.evaluate.status import SYMBOLS, Requirement, Status, UnitStatus
from dxtrack.i18n import current_lang, t
from dxtrack.models import RECORD_TYPE_NAMES
from dxtrack.text import round_half_up, short_date, short_name

BARS = "▁▂▃▄▅▆▇█"

# Generic shortenings, applied in order while a name is too long for its column.
ABBREVIATIONS = (("Việt Nam", "VN"), ("Truyền hình VN", "THVN"), ("Tiếng nói VN", "TNVN"), ("Tập đoàn", "TĐ"),
                 ("Tổng công ty", "TCT"), ("Ngân hàng", "NH"), ("Công nghiệp", "CN"), ("Chính phủ", "CP"))


def title(req: Requirement) -> str:
    return title_of(req, current_lang())




def sub_id(req: Requirement) -> str:
    """`2.1.e` → `e`, `1.3` → `3`: the id within its group."""
    return req.id[len(req.group) + 1:] if req.id.startswith(req.group + ".") else req.id


def fit_name(name: str, width: int) -> str:
    """The unit's name in at most `width` cells: prefix dropped, abbreviated, then cut."""
    from rich.cells import cell_len, set_cell_size

    text = short_name(name)
    if cell_len(text) > width and " và " in text:
        text = _initials(text)
    for long, short in ABBREVIATIONS:
        if cell_len(text) <= width:
            break
        text = text.replace(long, short)
    if cell_len(text) > width:
        text = set_cell_size(text, width - 1).rstrip() + "…"
    return text


def _initials(text: str) -> str:
    """`Bộ Khoa học và Công nghệ` → `Bộ KH&CN` (the usual way such names are shortened)."""
    head, _, rest = text.partition(" ")
    parts = [p.strip() for p in rest.replace(",", " ").split(" và ")]
    if not head or any(not p for p in parts):
        return text
    return head + " " + "&".join("".join(w[0].upper() for w in p.split()) for p in parts)


def status_word(status: str) -> str:
    return t(f"status.word.{status}")


def legend() -> str:
    return "  ".join(f"{SYMBOLS[s]} {status_word(s)}" for s in SYMBOLS)


def banner() -> str:
    return t("status.banner")


def heading(status: Status) -> str:
    return t("status.title", directive=status.directive, as_of=short_date(status.as_of))


def phase_name(phase) -> str:
    """A phase's name; the default one made in the current language ("Giai đoạn 2025")."""
    return phase.name or t("phase.default_name", id=phase.id)


def phase_dict(phase) -> dict | None:
    """`{id, name, from, to}` (SPEC §4). A default name is given as the tracker's language
    writes it ("Giai đoạn 2025"), in every language: the JSON differs between languages only
    in its `text` fields (SPEC §3), and a name written in dxtrack.yaml is not translated either."""
    from dxtrack.i18n import t_in

    if phase is None:
        return None
    return {**phase.as_dict(), "name": phase.name or t_in("vi", "phase.default_name", id=phase.id)}


def phase_window(phase) -> str:
    """`01/01/2026 – 31/12/2026` (`từ 18/08/2025` when it has no end)."""
    if phase.end is None:
        return t("phase.open_window", start=short_date(phase.start))
    return f"{short_date(phase.start)} – {short_date(phase.end)}"


def phase_lines(status: Status) -> list[str]:
    """The phase evaluated, with its window, and a word when an --as-of after its end was
    taken as its end (SPEC §3)."""
    if status.phase is None:
        return []
    lines = [t("phase.line", name=phase_name(status.phase), window=phase_window(status.phase))]
    if status.as_of_requested is not None:
        lines.append(t("phase.as_of_clamped", requested=short_date(status.as_of_requested),
                       end=short_date(status.as_of)))
    return lines


def average(status: Status) -> int | None:
    scores = [u.score for u in status.active if u.score is not None]
    if not scores:
        return None
    return round_half_up(sum(scores), len(scores))


def summary(status: Status) -> str:
    avg = average(status)
    return t("status.summary", count=len(status.active), avg="—" if avg is None else avg)


def transferred_line(u: UnitStatus) -> str:
    return t("status.transferred_line", name=short_name(u.unit.name), moved_to=u.unit.moved_to or "—",
             until=short_date(u.unit.until))


def counts_line(u: UnitStatus) -> str:
    parts = [f"{u.counts.get(k, 0)} {t('status.type.' + k)}" for k in RECORD_TYPE_NAMES]
    return ", ".join(parts)


def month_label(year: int, month: int) -> str:
    return f"{month:02d}/{year % 100:02d}"


def bar(count: int, peak: int) -> str:
    """One cell of the month strip: `·` for none, else a block as tall as the count."""
    if count <= 0 or peak <= 0:
        return "·"
    return BARS[max(0, min(len(BARS) - 1, (count * len(BARS) - 1) // peak))]


def task_symbol(state: str) -> str:
    return {"done": "✓", "late": "◐", "overdue": "✗", "due_today": "!", "upcoming": "⏳", "open": "·"}[state]


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def unit_facts(detail) -> list[str]:
    """The lines under a unit's title: kind, receipt, score, last activity, counts."""
    from dxtrack.models import codes

    u = detail.status
    lines = [t("status.unit_facts", kind=codes.label("unit_kind", u.unit.kind, current_lang()),
               received=short_date(detail.received) + (
                   t("status.unit_start", start=short_date(detail.start))
                   if detail.start and detail.start > detail.received else ""),
               score="—" if u.score is None else f"{u.score}/100",
               last=short_date(u.last_activity)),
             t("status.unit_counts", counts=counts_line(u))]
    if u.left_out:
        lines.append(t("status.unit_left_out", count=u.left_out))
    if u.plan_left_out:  # it has no plan because the file has errors: said, not left to look like none
        lines.append(t("status.unit_plan_left_out", file=u.plan_left_out))
    return lines


def plan_heading(plan) -> str:
    number = plan.number or t("status.plan_no_number")
    issued = f" ({short_date(plan.issued)})" if plan.issued else ""
    return t("status.plan_heading", number=number, issued=issued)


def task_note(task) -> str:
    """`đã thực hiện 10/09/2025`, `quá hạn`, ... for a TaskState."""
    return t(f"status.task.{task.state}", done=short_date(task.done_on))
