"""Status → one self-contained HTML page (SPEC §4, `dxtrack status --format html -o FILE`).

For people who do not run dxtrack: a file opened from disk or from an e-mail. Nothing on it
is fetched from anywhere: CSS and SVG are inline, there is no script, no font and no image,
and the page's own Content-Security-Policy (`default-src 'none'`) refuses any request a
changed copy might try. The only links out are the records' own http(s) URLs, as plain
`<a href>` a reader may follow.

What it shows: the title with the directive, the phase and its window, `as_of`, the git
commit the page was made from, the sample banner; the matrix units × requirements, lowest
score first (sorted on the page itself, so no script is needed to read it), each cell a
mark, a word (its `title` and visually hidden text) and a background pattern, so that it
reads in black and white and to a screen reader; a section per unit (its anchor id is the
unit's id, linked from its row): the requirements with their reasons in words, the plan's
tasks, activity by month (an SVG strip), recent records with their links, what falls due;
the transferred units apart; the catalog. Readable at 375 px (only the matrix scrolls
sideways, inside its own box) and printable on A4 landscape.

`page_model` turns the Status (the same data every renderer gets), the units' details
(`evaluate.detail.UnitDetail`) and what falls due (`evaluate.due.DueList`) into plain words
and numbers; the Jinja2 template `templates/status.html.j2` lays them out. The template runs
autoescaped in Jinja2's sandbox (`dxtrack.render.templates`, as the report's); a tracker repo
may put its own `templates/status.html.j2` in its place, as it may for the report. Text from
the repo's files is escaped by the autoescaping, after `text.quote_safe` has made its control
and invisible characters visible; a URL becomes a link only when it is http(s) (`safe_url`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from dxtrack.catalog import groups, measure_of
from dxtrack.evaluate.status import SYMBOLS, Status, UnitStatus
from dxtrack.i18n import current_lang, in_language, t
from dxtrack.i18n.reasons import reason_texts
from dxtrack.models import codes
from dxtrack.render import status_common as common
from dxtrack.text import quote_safe, short_date, short_name

TEMPLATE = "status.html.j2"
# The page fetches nothing: no request of any kind, inline styles only (and data: images,
# should a repo's own template want one). No script: none is needed, and a mail gateway
# may strip or refuse an HTML attachment that carries one.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
# CSS class of each status (a `/` has no place in a class name)
CSS = {"met": "met", "partial": "partial", "missing": "missing", "not_due": "notdue", "n/a": "na"}
DUE_MARKS = {"overdue": "✗", "today": "!", "upcoming": "⏳"}
KIND_LISTS = {"event": "event_kind", "product": "product_kind", "channel": "channel_kind"}
RECENT = 8  # records shown per unit (the terminal shows 6)
PHONE_NAME = 16  # a unit's name in the matrix on a phone: shortened as the terminal does ("Bộ NN&MT")


@in_language
def render_matrix(status: Status, width: int = 80, color: bool = False, details: Iterable = (),
                  due=None, revision: dict | None = None, templates: Path | None = None) -> str:
    """The page of every unit the status lists. `details` (UnitDetail of each unit), `due`
    (a DueList) and `revision` (`{commit, dirty}`, None: no git) come from
    `dxtrack.api.status_page`; without them the page has the matrix and the reasons only.
    `width` and `color` are those of every status renderer, unused: the page has its own."""
    return render_page(page_model(status, status.units, details, due, revision), templates)


@in_language
def render_unit(detail, status: Status, width: int = 80, color: bool = False, details: Iterable = (),
                due=None, revision: dict | None = None, templates: Path | None = None) -> str:
    """The same page with the one unit `detail` (`dxtrack status UNIT --format html`); `details`
    is not needed (the unit's own detail is given), and taken as `status_page` gives it."""
    return render_page(page_model(status, [detail.status], [detail], due, revision), templates)


def render_page(page: dict, root: Path | None = None) -> str:
    """The page model through the template (the repo's own at `root`/templates first),
    autoescaped, in the sandbox (`render.templates`)."""
    from dxtrack.render.templates import render_template, template_env

    env = template_env(root, autoescape=True, error_key="html.bad_template", trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True)
    return render_template(env, TEMPLATE, page=page)


# ---------------------------------------------------------------- the page model

def page_model(status: Status, units: list[UnitStatus], details: Iterable = (), due=None,
               revision: dict | None = None) -> dict:
    """Everything the template shows, as words and numbers (no markup): see the module's doc."""
    from dxtrack import __version__

    by_id = {d.status.unit.id: d for d in details}
    due_by_unit: dict[str, list] = {}
    for item in due.items if due is not None else ():
        due_by_unit.setdefault(item.unit_id, []).append(item)
    active = worst_first([u for u in units if u.state == "active"])
    one = units[0] if len(units) == 1 else None
    return {
        "lang": current_lang(),
        "csp": CSP,
        "doc_title": _doc_title(status, one),
        "head": _head(status, revision),
        "sample": status.sample,
        "banner": common.banner() if status.sample else "",
        "banner_note": t("html.banner_note"),
        "words": _words(status, due),
        "legend": [{"css": CSS[s], "mark": SYMBOLS[s], "word": common.status_word(s)} for s in SYMBOLS],
        "groups": [{"id": g, "title": t(f"status.group.{g}"),
                    "reqs": [{"id": r.id, "sub": common.sub_id(r), "title": common.title(r)} for r in reqs]}
                   for g, reqs in groups(status.requirements)],
        "rows": [_row(u, status) for u in active],
        "summary": common.summary(status) if one is None else "",
        "left_out": t("status.left_out", count=status.left_out) if status.left_out and one is None else "",
        "index": [{"id": u.unit.id, "name": quote_safe(short_name(u.unit.name)), "score": _score_text(u.score)}
                  for u in units if u.state == "active"] if one is None else [],
        "units": [_unit(u, by_id.get(u.unit.id), status, due, due_by_unit.get(u.unit.id, [])) for u in active],
        "transferred": [_transferred(u) for u in units if u.state == "transferred"],
        "catalog": _catalog(status),
        "made_by": t("html.made_by", version=__version__),
    }


def worst_first(units: list[UnitStatus]) -> list[UnitStatus]:
    """Lowest score first; equal scores in the status's order (Vietnamese alphabetical), and
    a unit with no score (nothing due yet) last."""
    return sorted(units, key=lambda u: (u.score is None, u.score or 0))


def _doc_title(status: Status, one: UnitStatus | None) -> str:
    as_of = short_date(status.as_of)
    if one is not None:
        return t("html.unit_doc_title", name=quote_safe(short_name(one.unit.name)), directive=status.directive,
                 as_of=as_of)
    return t("html.doc_title", directive=status.directive, as_of=as_of)


def _head(status: Status, revision: dict | None) -> dict:
    phase = status.phase
    return {
        "title": t("html.title", directive=quote_safe(status.directive)),
        "organization": t("html.tracked_by", organization=quote_safe(status.settings.organization)),
        "phase": (f"{quote_safe(common.phase_name(phase))} ({common.phase_window(phase)})" if phase else ""),
        "phase_notes": common.phase_lines(status)[1:],
        "as_of": short_date(status.as_of),
        "as_of_iso": status.as_of.isoformat(),
        "commit": revision_text(revision, dirty=False),
        "dirty": t("html.dirty") if revision and revision.get("commit") and revision.get("dirty") else "",
    }


def revision_text(revision: dict | None, dirty: bool = True) -> str:
    """`a1b2c3d`, `a1b2c3d + thay đổi chưa commit` (with `dirty`, when it is), or `không có git`."""
    if not revision or not revision.get("commit"):
        return t("html.no_git")
    commit = quote_safe(str(revision["commit"]))
    return f"{commit} {t('html.dirty')}" if dirty and revision.get("dirty") else commit


def _words(status: Status, due) -> dict:
    """The fixed words of the page, by the name the template uses."""
    keys = ("phase", "as_of", "commit", "nav", "nav.matrix", "nav.units", "nav.transferred", "nav.catalog",
            "matrix_heading", "matrix_order", "scroll_hint", "legend_heading", "legend_print", "score_bands",
            "units_heading", "back", "requirements_heading", "tasks_heading", "months_heading",
            "months_note", "recent_heading", "no_recent", "catalog_heading", "no_units", "index")
    words = {key.replace(".", "_"): t(f"html.{key}") for key in keys}
    words.update(unit=t("status.col.unit"), score=t("status.col.score"), last=t("status.col.last"),
                 quoted=t("html.quoted", directive=quote_safe(status.directive)),
                 matrix_caption=t("html.matrix_caption", as_of=short_date(status.as_of)),
                 transferred_note=t("html.transferred_note", organization=quote_safe(status.settings.organization)),
                 due_heading=t("html.due_heading", until=short_date(due.until)) if due is not None else "")
    return words


def score_band(score: int | None) -> str:
    """good (80 and above), fair (50 to 79), weak (below 50), none: the terminal's colours."""
    if score is None:
        return "none"
    return "good" if score >= 80 else "fair" if score >= 50 else "weak"


def _score_text(score: int | None) -> str:
    return t("html.no_score") if score is None else t("html.score_of", score=score)


def _row(u: UnitStatus, status: Status) -> dict:
    name = quote_safe(short_name(u.unit.name))
    cells = []
    for req in status.requirements:
        state = str(u.requirements[req.id].status)
        word = common.status_word(state)
        cells.append({"css": CSS[state], "mark": SYMBOLS[state], "word": word,
                      "title": t("html.cell", unit=name, id=req.id, title=common.title(req), word=word)})
    short = quote_safe(common.fit_name(u.unit.name, PHONE_NAME))
    return {"id": u.unit.id, "name": name, "full_name": quote_safe(u.unit.name),
            "short": short if short != name else "",  # shown instead of `name` on a phone
            "link_title": t("html.unit_link", name=quote_safe(u.unit.name)),
            "score": u.score, "score_text": "—" if u.score is None else str(u.score),
            "band": score_band(u.score), "band_word": t(f"html.score_band.{score_band(u.score)}")
            if u.score is not None else t("html.no_score"),
            "last": short_date(u.last_activity), "last_iso": u.last_activity.isoformat() if u.last_activity else "",
            "cells": cells}


def _unit(u: UnitStatus, detail, status: Status, due, due_items: list) -> dict:
    return {
        "id": u.unit.id,
        "name": quote_safe(u.unit.name),
        "score": u.score, "score_text": _score_text(u.score), "band": score_band(u.score),
        "facts": [quote_safe(line) for line in common.unit_facts(detail)] if detail is not None
        else [common.counts_line(u)],
        "groups": [{"title": t(f"status.group.{g}"), "reqs": [_requirement(r, u) for r in reqs]}
                   for g, reqs in groups(status.requirements)],
        "plan": _plan(detail),
        "months": months_chart(detail.months) if detail is not None else None,
        "recent": [_record(when, record) for when, record in detail.recent[:RECENT]] if detail is not None else [],
        "due": _due(due_items, due),
    }


def _requirement(req, u: UnitStatus) -> dict:
    result = u.requirements[req.id]
    state = str(result.status)
    if state == "n/a":
        reasons = [t("html.not_applicable")]
    else:
        reasons = [quote_safe(text) for text in reason_texts(result.reasons, current_lang())]
    return {"id": req.id, "title": common.title(req), "css": CSS[state], "mark": SYMBOLS[state],
            "word": common.status_word(state), "reasons": reasons}


def _plan(detail) -> dict | None:
    """The plan's heading and tasks (None when the unit's detail is not given)."""
    if detail is None:
        return None
    plan = detail.status.plan
    if plan is None:
        return {"heading": t("status.no_plan", id=detail.status.unit.id), "tasks": [], "empty": ""}
    tasks = [{"id": quote_safe(task.id), "css": "task-" + task.state.replace("_", ""),
              "mark": common.task_symbol(task.state), "due": short_date(task.due),
              "title": quote_safe(task.title), "note": common.task_note(task),
              "owner": t("html.owner", owner=quote_safe(task.owner)) if task.owner else ""}
             for task in detail.tasks]
    return {"heading": quote_safe(common.plan_heading(plan)), "tasks": tasks,
            "empty": t("status.no_tasks") if not tasks else ""}


def months_chart(months: list[tuple[int, int, int]], bar: int = 26, gap: int = 6, height: int = 48) -> dict | None:
    """The month strip as SVG geometry: one bar a month, as tall as its count (its count above
    it; an empty month a × on the baseline), its label under it, its words in a `<title>`."""
    if not months:
        return None
    peak = max(count for _y, _m, count in months) or 1
    top, step = 14, bar + gap  # room above the tallest bar for its count
    bars = []
    for index, (year, month, count) in enumerate(months):
        tall = round(height * count / peak) if count else 0
        x = index * step + gap // 2
        words = (t("html.month_bar", month=f"{month:02d}/{year}", count=count) if count
                 else t("html.month_empty", month=f"{month:02d}/{year}"))
        bars.append({"x": x, "y": top + height - tall, "h": tall, "w": bar, "cx": x + bar // 2, "count": count,
                     "label": common.month_label(year, month), "title": words})
    return {"width": len(months) * step, "height": top + height + 18, "base": top + height, "bars": bars}


def safe_url(url: object) -> str | None:
    """`url` if it is an http(s) URL with a host and nothing that could break out of it
    (spaces, control characters), else None: only such a URL becomes a link."""
    if not isinstance(url, str) or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def _link(url: object, word: str) -> dict | None:
    """A link part of a record's line: `word (host)` to an http(s) `url`, or None."""
    href = safe_url(url)
    if href is None:
        return None
    return {"href": href, "text": f"{word} ({quote_safe(urlsplit(href).hostname or '')})"}


def _record(when: date, record) -> dict:
    """One recent record: its date, what it is, its title, and a line of parts (participants,
    links, evidence files): `{text, href}`, `href` only for an http(s) URL."""
    kind = getattr(record, "kind", None)
    what = t(f"status.type1.{record.type}")
    if kind and record.type in KIND_LISTS:
        what += f" · {codes.label(KIND_LISTS[record.type], kind, current_lang())}"
    parts: list[dict | None] = []
    if getattr(record, "participants", None):
        parts.append({"text": t("html.participants", count=record.participants), "href": None})
    parts.append(_link(getattr(record, "url", None), t("html.link")))
    parts += [_link(e.url, t("html.evidence")) for e in record.evidence if e.url]
    parts += [{"text": t("html.evidence_file", path=e.file), "href": None} for e in record.evidence if e.file]
    return {"date": short_date(when), "date_iso": when.isoformat(), "what": what, "title": quote_safe(record.title),
            "parts": [part for part in parts if part]}


def _due(items: list, due) -> dict | None:
    """The unit's `items` of the DueList `due`, in words (None when no DueList was given)."""
    if due is None:
        return None
    from dxtrack.render.due import details, distance, what

    entries = [{"css": "due-" + item.state, "mark": DUE_MARKS[item.state], "date": short_date(item.due),
                "distance": distance(item, due), "what": quote_safe(what(item)),
                "details": [quote_safe(line) for line in details(item)]} for item in items]
    return {"entries": entries, "none": t("html.due_none", until=short_date(due.until)) if not entries else ""}


def _transferred(u: UnitStatus) -> dict:
    """A transferred unit: where it went and when (no score, no requirements: SPEC §3)."""
    return {"id": u.unit.id, "name": quote_safe(u.unit.name), "line": quote_safe(common.transferred_line(u))}


def _catalog(status: Status) -> list[dict]:
    lang = current_lang()
    binds = {"all": t("requirements.binds.all"), "press": t("requirements.binds.press")}
    return [{"id": r.id, "title": common.title(r),
             "binds": t("requirements.binds", who=binds.get(r.binds, r.binds)),
             "text": r.text, "measure": measure_of(r, lang, status.settings.thresholds) if r.measure else ""}
            for r in status.requirements]
