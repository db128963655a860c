"""New records and plans for `dxtrack new`: field values → a validated YAML file's text.

`draft(repo, kind, values)` builds the file in the SPEC's key order, with codes for
labels and dates as YYYY-MM-DD, and checks it with the same models and cross-file
rules as `dxtrack check` (plus: not a duplicate). A plan without tasks or reviews gets
them as a commented template. `check_field(repo, kind, name, value)` checks one answer
by itself, with the same stages, so that a prompt can refuse it at once. Nothing is
written here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import yaml

from dxtrack.check.discover import ACTIVITIES_DIR, PLANS_DIR, classify
from dxtrack.check.document import Document, Repo
from dxtrack.check.findings import Finding, finding, has_errors
from dxtrack.models import RecordBase, codes
from dxtrack.models.fields import FIELDS, date_field, required_fields
from dxtrack.models.types import SLUG
from dxtrack.text import fold, nfc, slugify

SCHEMA_LINE = {"record": "# yaml-language-server: $schema=../../schemas/record.schema.json\n",
               "plan": "# yaml-language-server: $schema=../schemas/plan.schema.json\n"}


def missing_fields(kind: str, values: dict) -> list[str]:
    """Required fields of `kind` that `values` leaves empty."""
    return [name for name in required_fields(kind) if values.get(name) in (None, "", [], ())]


@dataclass
class Draft:
    """A file ready to write: where, what, and what checking it found."""

    rel: str
    data: dict
    text: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)


def build(kind: str, values: dict) -> dict:
    """The file's data in the SPEC's key order: codes for labels, NFC text, empties left out;
    a fixed field (a record's `type`) takes its one value whatever `values` holds."""
    data = {}
    for spec in FIELDS[kind]:
        value = spec.const if spec.const is not None else values.get(spec.name)
        if value in (None, "", [], {}, ()):
            continue
        value = _clean(value, spec.code_list)
        if value not in ("", [], {}):  # a mapping of empty fields is left out (no `resources: {}`)
            data[spec.name] = value
    return data


def _clean(value, list_name: str | None):
    if isinstance(value, (list, tuple)):
        return [_clean(v, list_name) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v, None) for k, v in value.items() if v not in (None, "", [], {})}
    if isinstance(value, str):
        value = nfc(value.strip())
        return (codes.resolve(list_name, value) or value) if list_name else value
    return value


def file_rel(kind: str, data: dict, taken) -> str:
    """activities/<unit>/<date>-<slug>.yaml (a -2, -3... suffix if taken) or plans/<unit>.yaml."""
    unit = str(data.get("unit", ""))
    if not SLUG.match(unit):  # a path is never built from what was typed (`../x`, `a/b`)
        unit = slugify(unit) or "_"
    if kind == "plan":
        return f"{PLANS_DIR}/{unit}.yaml"
    when = data.get(date_field(kind))
    stem = f"{when.isoformat() if isinstance(when, date) else when}-{slugify(str(data.get('title', ''))) or kind}"
    rel, n = f"{ACTIVITIES_DIR}/{unit}/{stem}.yaml", 1
    while taken(rel):
        n += 1
        rel = f"{ACTIVITIES_DIR}/{unit}/{stem}-{n}.yaml"
    return rel


class _Dumper(yaml.SafeDumper):
    """Block mappings; lists of plain values in flow style, as in the SPEC's examples."""

    def increase_indent(self, flow=False, indentless=False):
        """Block lists indented under their key (`  - url: ...`), as in the sample data."""
        return super().increase_indent(flow, False)


def _represent_list(dumper, items):
    flow = all(isinstance(i, (str, int, date)) for i in items)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flow)


_Dumper.add_representer(list, _represent_list)


def render(kind: str, data: dict) -> str:
    """The file's text: the schema line, then the YAML; a plan's missing `tasks` and
    `reviews` follow as a commented template (in the current language)."""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
    if kind == "plan":
        from dxtrack.i18n import t

        body += "".join("\n" + t(f"new.plan_template.{name}").rstrip("\n") + "\n"
                        for name in ("tasks", "reviews") if name not in data)
    return SCHEMA_LINE["plan" if kind == "plan" else "record"] + body


def draft(repo: Repo, kind: str, values: dict, taken: Callable[[str], bool] | None = None) -> Draft:
    """Build, place and check a new file of `kind` in `repo` (nothing is written). `taken`
    says whether a file name is in use besides the repo's files (those `import` is about to
    write), so that two new files never get one name."""
    data = build(kind, values)
    rel = file_rel(kind, data, lambda r: (repo.root / r).exists() or (taken is not None and taken(r)))
    text = render(kind, data)
    result = Draft(rel, data, text)
    result.findings = check_new(repo, rel, text)
    if any(f.code == "DX304" for f in result.findings):  # refused as a duplicate: name the plain
        result.rel = file_rel(kind, data, lambda r: False)  # file name, not a `-2` never written
    return result


def check_new(repo: Repo, rel: str, text: str) -> list[Finding]:
    """The findings `dxtrack check` would give the file `rel` holding `text`, and duplicates."""
    doc = _checked(repo, rel, text)
    found = list(doc.findings)
    if isinstance(doc.model, RecordBase) and doc.source.kind == "record":
        found.extend(_duplicates(repo, doc, doc.model))
    return sorted(set(found))


def _checked(repo: Repo, rel: str, text: str) -> Document:
    """The file `rel` holding `text`, through the stages of `dxtrack check` (load, validate,
    link against the repo's settings, units and plans)."""
    from dxtrack.check.collect import Collected
    from dxtrack.check.link import link
    from dxtrack.check.load import load_text
    from dxtrack.check.validate import validate_document

    loaded = load_text(text, rel)
    doc = validate_document(Document(classify(rel), loaded.data, loaded.spans, findings=tuple(loaded.findings)))
    (doc,) = link([doc], repo.today, repo.root, Collected(repo.settings, repo.units, repo.plans,
                                                         phase_plans=repo.phase_plans))
    return doc


def check_field(repo: Repo, kind: str, name: str, value, unit: str | None = None) -> list[Finding]:
    """The findings `dxtrack check` gives field `name` of a new `kind` file when it holds
    `value` (a nested field is named with a dot: `resources.budget_vnd`), sorted.

    The field is checked by itself, through the same stages as a whole file: a file
    holding `value`, the unit `unit` (for a plan task) and stand-ins that pass for the
    other required fields is loaded, validated and linked, and the findings placed at
    this field are kept: its model's types (codes, dates, links, whole numbers, text
    without control characters) and the date rules of the link stage (not in the
    future, not before the directive). Rules between fields and duplicates are the
    whole file's (`draft`)."""
    path = tuple(name.split("."))
    values = _stand_ins(repo, kind)
    if unit:
        values["unit"] = unit
    target = values
    for key in path[:-1]:
        target = target.setdefault(key, {})
    target[path[-1]] = value
    data = build(kind, values)
    rel = file_rel(kind, data, lambda r: False)
    doc = _checked(repo, rel, render(kind, data))
    spots = {pos for key, pos in doc.spans.items() if key[:len(path)] == path}
    return sorted(f for f in set(doc.findings) if (f.line, f.column) in spots and f.code != "DX202")


def _stand_ins(repo: Repo, kind: str) -> dict:
    """A value `check` accepts for each required field of `kind` (the repo's first unit,
    a code's first value, today, the least whole number, a word)."""
    values: dict = {"unit": repo.units[0].id if repo.units else "x"}
    for spec in FIELDS[kind]:
        if not spec.required or spec.const is not None or spec.name in values:
            continue
        one: object
        if spec.code_list:
            one = codes.choices(spec.code_list)[0]
        elif spec.is_date:
            one = repo.today
        elif spec.is_int:
            one = spec.minimum or 0
        else:
            one = "x"
        values[spec.name] = [one] if spec.many else one
    return values


def _duplicates(repo: Repo, doc: Document, new: RecordBase) -> list[Finding]:
    return [finding(doc.rel, doc.pos(("title",)), "DX304", other=other.rel)
            for other, record in repo.records(valid_only=False)
            if record.unit == new.unit and record.when == new.when and fold(record.title) == fold(new.title)]
