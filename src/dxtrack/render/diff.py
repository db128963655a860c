"""Delta → `dxtrack diff`: what changed in the status between two revisions, as a table
(plain text that fits the terminal's width), JSON or Markdown.

The comparison itself is `evaluate.delta.compare` (the job summary of `check --changed-since`
renders the same data, render/summary.py). Only the units that changed are listed, each with
its score before and after and the requirements that moved (`2.1.e ◐ → ✓`), then how many did
not change. Text from the user's files and the revisions typed is shown escaped
(`text.quote_safe`; `t` escapes its parameters).
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

from dxtrack.catalog import title_of
from dxtrack.evaluate.delta import ABSENT, Delta, UnitDelta
from dxtrack.evaluate.status import SYMBOLS
from dxtrack.i18n import current_lang, in_language, t
from dxtrack.models import RECORD_TYPE_NAMES
from dxtrack.render import status_common as common
from dxtrack.render.escape import Markdown, json_text, md_code, md_text
from dxtrack.render.status_markdown import table
from dxtrack.text import not_a_command, quote_safe, short_date

NONE = "—"
MAX_NAME = 44   # cells of a unit's name in the table before it is shortened


# ---------------------------------------------------------------- words shared by the formats

def heading(delta: Delta, markdown: bool = False) -> str:
    """`Thay đổi từ HEAD~3 đến bản đang làm việc` (the revisions in code spans in Markdown)."""
    shown = md_code if markdown else (lambda ref: ref)
    to = {"to_rev_key": "diff.worktree"} if delta.to_rev is None else {"to_rev": shown(delta.to_rev)}
    return t("diff.title", from_rev=shown(delta.from_rev or NONE), **to)


def window_line(delta: Delta) -> str:
    """`Giai đoạn 2025 (18/08/2025 – 31/12/2025), đến ngày 31/12/2025`."""
    phase = delta.phase
    if phase is None:
        return t("diff.as_of", as_of=short_date(delta.as_of))
    named = t("phase.line", name=common.phase_name(phase), window=common.phase_window(phase))
    return t("diff.window", phase=named, as_of=short_date(delta.as_of))


def notes(delta: Delta, markdown: bool = False) -> list[str]:
    """What the reader should know about the sides: no tracker or no such phase before, the
    before side at another day, an --as-of taken as the phase's end."""
    rev = md_code(delta.from_rev or NONE) if markdown else delta.from_rev or NONE
    name = (lambda phase: md_text(common.phase_name(phase))) if markdown else common.phase_name
    lines = []
    if delta.after.as_of_requested is not None:
        lines.append(t("phase.as_of_clamped", requested=short_date(delta.after.as_of_requested),
                       end=short_date(delta.as_of)))
    before = delta.before
    if before is None:
        lines.append(t("diff.no_tracker_before", rev=rev))
        return lines
    if delta.phase_missing_before and delta.phase is not None and before.phase is not None:
        lines.append(t("diff.phase_missing", rev=rev, phase=name(delta.phase),
                       other=name(before.phase), as_of=short_date(before.as_of)))
    elif before.as_of != delta.as_of:
        lines.append(t("diff.before_as_of", rev=rev, day=short_date(delta.as_of), as_of=short_date(before.as_of)))
    return lines


def score_text(unit: UnitDelta) -> str:
    """`62 → 71 (+9)`; `mới được theo dõi, điểm 0`; `62 → — (đã chuyển)`."""
    before, after = unit.score_before, unit.score_after
    if unit.state_before == ABSENT:
        return t("diff.unit_new", score=_score(after))
    if unit.state_after == ABSENT:
        return t("diff.unit_gone", score=_score(before))
    text = f"{_score(before)} → {_score(after)}"
    if before is not None and after is not None and before != after:
        text += f" ({after - before:+d})"
    if unit.state_after == "transferred" and unit.state_before != "transferred":
        text += f" ({t('diff.transferred')})"
    return text


def records_text(unit: UnitDelta) -> str:
    """`hoạt động 3 → 5, sản phẩm 1 → 2`: the record counts that changed ("" if none did)."""
    if unit.counts_before is None or unit.counts_after is None:
        return ""
    parts = [f"{t('status.type.' + kind)} {unit.counts_before.get(kind, 0)} → {unit.counts_after.get(kind, 0)}"
             for kind in RECORD_TYPE_NAMES if unit.counts_before.get(kind, 0) != unit.counts_after.get(kind, 0)]
    return ", ".join(parts)


def _score(score: int | None) -> str:
    return NONE if score is None else str(score)


def _symbol(status: str | None) -> str:
    return NONE if status is None else SYMBOLS[status]


def _titles(delta: Delta) -> dict[str, str]:
    return {r.id: title_of(r, current_lang()) for r in delta.after.requirements}


def _ending(delta: Delta) -> list[str]:
    """How many units did not change, or that nothing did."""
    if not delta.changed:
        return [t("diff.no_changes")]
    return [t("diff.unchanged", count=delta.unchanged)] if delta.unchanged else []


# ---------------------------------------------------------------- table

@in_language
def render_table(delta: Delta, width: int = 80, color: bool = False) -> str:
    """Plain text (no colour) no wider than `width` (60 at the least): the title, the window,
    each unit that changed with its moves under it, the count of the others."""
    width = max(width, 60)
    lines = [f" {common.banner()} "] if delta.after.sample else []
    title, window = heading(delta), window_line(delta)
    lines += [f"{title} — {window}"] if cell_len(title) + 3 + cell_len(window) <= width else [title, window]
    lines += [part for note in notes(delta) for part in _wrap(note, width)]
    changed = delta.changed
    names = [quote_safe(unit.name) for unit in changed]
    name_width = min(max((cell_len(n) for n in names), default=0), MAX_NAME, width // 2)
    titles = _titles(delta)
    id_width = max((len(m.id) for unit in changed for m in unit.moves), default=0)
    spaced = True
    for unit in changed:
        block = unit_lines(unit, name_width, id_width, titles, width)
        if spaced or len(block) > 1:  # a unit with its moves under it stands apart; one-line units run on
            lines.append("")
        lines += block
        spaced = len(block) > 1
    lines += [""] + _ending(delta)
    if any(unit.moves for unit in changed):
        lines.append(common.legend())
    return not_a_command("".join(_fit(line, width) + "\n" for line in lines))  # a unit named `::error …`


def unit_lines(unit: UnitDelta, name_width: int, id_width: int, titles: dict[str, str], width: int) -> list[str]:
    """The unit's name and score, then one line per requirement that moved, then its records."""
    shown = quote_safe(unit.name)
    name = shown if cell_len(shown) <= name_width else common.fit_name(shown, name_width)
    lines = [_pad(name, name_width) + "  " + score_text(unit)]
    for move in unit.moves:
        lines.append(f"  {move.id.ljust(id_width)} {_pad(_symbol(move.before), 2)}→ {_pad(_symbol(move.after), 2)}"
                     f" {titles.get(move.id, '')}")
    records = records_text(unit)
    if records:
        lines += _wrap(t("diff.records", changes=records), width, "  ", "    ")
    return lines


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """`text` in lines of at most `width` (a sentence is never cut, unlike a title)."""
    import textwrap

    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest, break_long_words=False,
                         break_on_hyphens=False) or [first]


def _pad(text: str, cells: int) -> str:
    return text + " " * max(0, cells - cell_len(text))


def _fit(line: str, width: int) -> str:
    """`line` cut to `width` cells, with `…` where it was cut."""
    line = line.rstrip()
    return line if cell_len(line) <= width else set_cell_size(line, width - 1).rstrip() + "…"


# ---------------------------------------------------------------- JSON

def delta_dict(delta: Delta) -> dict:
    """`{from_rev, to_rev, as_of, [as_of_requested,] directive, sample, phase, missing_at_from,
    from_as_of, units, unchanged}`: the units that changed, each `{id, name, state_before,
    state_after, score_before, score_after, counts_before, counts_after, moves: [{id, before,
    after}]}`. Keys, codes and statuses are the same in every language."""
    after, before = delta.after, delta.before
    requested = {"as_of_requested": common.iso(after.as_of_requested)} if after.as_of_requested else {}
    missing = "tracker" if before is None else "phase" if delta.phase_missing_before else None
    return {
        "from_rev": delta.from_rev,
        "to_rev": delta.to_rev,
        "as_of": common.iso(delta.as_of),
        **requested,
        "directive": after.directive,
        "sample": after.sample,
        "phase": common.phase_dict(delta.phase),
        "missing_at_from": missing,
        "from_as_of": common.iso(before.as_of) if before else None,
        "units": [unit_dict(u) for u in delta.changed],
        "unchanged": delta.unchanged,
    }


def unit_dict(unit: UnitDelta) -> dict:
    return {
        "id": unit.id,
        "name": unit.name,
        "state_before": unit.state_before,
        "state_after": unit.state_after,
        "score_before": unit.score_before,
        "score_after": unit.score_after,
        "counts_before": _counts(unit.counts_before),
        "counts_after": _counts(unit.counts_after),
        "moves": [{"id": m.id, "before": None if m.before is None else str(m.before),
                   "after": None if m.after is None else str(m.after)} for m in unit.moves],
    }


def _counts(counts: dict[str, int] | None) -> dict[str, int] | None:
    return None if counts is None else {k: counts.get(k, 0) for k in RECORD_TYPE_NAMES}


@in_language
def render_json(delta: Delta, width: int = 80, color: bool = False) -> str:
    return json_text(delta_dict(delta))


# ---------------------------------------------------------------- Markdown

@in_language
def render_markdown(delta: Delta, width: int = 80, color: bool = False) -> str:
    """A heading, the window, one table of the units that changed (score, moves, records)."""
    lines = [f"> **{common.banner()}**", ""] if delta.after.sample else []
    lines += [f"## {heading(delta, markdown=True)}", "", md_text(window_line(delta)), ""]
    said = notes(delta, markdown=True)
    lines += ["  \n".join(said), ""] if said else []
    titles = _titles(delta)
    rows = [[u.name, score_text(u),
             Markdown("<br>".join(md_text(f"{m.id} {_symbol(m.before)} → {_symbol(m.after)} {titles.get(m.id, '')}")
                                  for m in u.moves)),
             records_text(u)] for u in delta.changed]
    blocks = [table([t("status.col.unit"), t("status.col.score"), t("diff.col.moves"), t("diff.col.records")],
                    rows)] if rows else []
    blocks += [_ending(delta)] if _ending(delta) else []
    blocks += [[common.legend()]] if any(u.moves for u in delta.changed) else []
    return "\n".join(lines + [line for block in blocks for line in [*block, ""]]).rstrip("\n") + "\n"
