"""Findings: problems in the user's files, as plain data.

Each code is documented once, in `i18n/findings.py` (its message) and in
`CODES` below (its severity and what it means, word for word the table of docs/findings.md:
SARIF's rule descriptions are these).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import total_ordering


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


# code → (severity, what it means; English, for the docs)
CODES: dict[str, tuple[Severity, str]] = {
    "DX001": (Severity.ERROR, "dxtrack.yaml or units.yaml is missing from the repo root"),
    "DX002": (Severity.WARNING, "a file in plans/ or activities/ that is not data (not .yaml): not read"),
    "DX003": (Severity.ERROR, "a YAML file in plans/ or activities/ that is not where data is read (a hidden file, "
                              "a suffix not in lower case, a subfolder, activities/ itself): not counted"),
    "DX101": (Severity.ERROR, "YAML syntax error"),
    "DX102": (Severity.ERROR, "tab character used for indentation"),
    "DX103": (Severity.ERROR, "the same key twice in one mapping"),
    "DX104": (Severity.ERROR, "YAML anchor, alias or merge key (refused: no alias bombs)"),
    "DX105": (Severity.ERROR, "YAML tag such as !!python/object (refused: no code)"),
    "DX106": (Severity.ERROR, "the file is empty"),
    "DX107": (Severity.ERROR, "the file is not a mapping of fields"),
    "DX108": (Severity.ERROR, "nesting deeper than any dxtrack file needs"),
    "DX109": (Severity.ERROR, "the file is larger than 1 MiB"),
    "DX110": (Severity.ERROR, "binary content (NUL bytes)"),
    "DX111": (Severity.ERROR, "the file is not UTF-8 (the message says which encoding it looks like)"),
    "DX112": (Severity.WARNING, "the file starts with a byte-order mark (BOM)"),
    "DX113": (Severity.WARNING, "text not in Unicode NFC"),
    "DX114": (Severity.ERROR, "a data file that is a symbolic link (or under one) or not a regular file: not read"),
    "DX115": (Severity.ERROR, "a data file or folder the system does not let dxtrack read (e.g. permissions)"),
    "DX116": (Severity.ERROR, "a control character in text (a terminal escape code, a bidi override)"),
    "DX201": (Severity.ERROR, "unknown field (with a 'did you mean' hint)"),
    "DX202": (Severity.ERROR, "a required field is missing"),
    "DX203": (Severity.ERROR, "a value of the wrong type"),
    "DX204": (Severity.ERROR, "a value that is not in its code list (with a 'did you mean' hint)"),
    "DX205": (Severity.ERROR, "a date that is not a real date in YYYY-MM-DD form"),
    "DX206": (Severity.ERROR, "a date in the future"),
    "DX207": (Severity.ERROR, "a date before the directive (18/08/2025)"),
    "DX208": (Severity.ERROR, "a unit or phase id that is not a slug ([a-z0-9-]+)"),
    "DX209": (Severity.ERROR, "a URL that is not http(s), or holds a space, a control or invisible character, "
                              "`<`, `>`, `\"` or `\\` (they could break out of a link in the HTML and Markdown "
                              "outputs)"),
    "DX210": (Severity.ERROR, "an evidence file outside the repo, through a symlink, missing, with a name too long "
                              "for a file system (over 255 bytes, or 4096 the whole path), or in a folder that "
                              "cannot be read"),
    "DX211": (Severity.ERROR, "a record whose `type` is missing or unknown"),
    "DX212": (Severity.ERROR, "inconsistent values in one file (e.g. a period that ends before it starts)"),
    "DX213": (Severity.ERROR, "a number written with thousands separators (1.000, 150.000.000, 1,000): write 1000"),
    "DX214": (Severity.ERROR, "an owner that is not @org/team, @user or an e-mail address"),
    "DX301": (Severity.ERROR, "the record's or plan's unit is not in units.yaml"),
    "DX302": (Severity.ERROR, "the record's unit differs from its folder (or the plan's from its file name)"),
    "DX303": (Severity.ERROR, "plan_task names a task that is not in the unit's plan"),
    "DX304": (Severity.ERROR, "duplicate record: same unit, date and title as another file"),
    "DX305": (Severity.ERROR, "two entries with the same id (units in units.yaml, tasks in a plan)"),
    "DX306": (Severity.WARNING, "a record dated after its unit's `until` (the unit was transferred)"),
    "DX307": (Severity.ERROR, "`moved_to` without `until`, or `until` before `received`"),
    "DX308": (Severity.ERROR, "a second plan for the same unit (one plan per unit and phase)"),
    "DX309": (Severity.ERROR, "a plan in a folder of plans/ that is not the id of a phase in dxtrack.yaml"),
}


@total_ordering
@dataclass(frozen=True)
class Finding:
    """One problem: where it is, its stable code, and what to do about it.

    Two findings are equal when every field is (so two missing fields at one spot are two
    findings). They sort by place and code, then by parameters and hint (see `sort_key`).
    """

    file: str
    line: int
    column: int
    code: str
    # a value may be a list (a `type: [event]` quoted back), so the hash leaves params out
    params: tuple = field(default=(), hash=False)
    hint_key: str | None = None
    # the path of the key the finding is about, in its file (`("tasks", 2, "owner")`), as the
    # check asked for its place (`Document.pos`); () for a problem of the whole file or one the
    # loader found before there were keys. It names the finding across line shifts, languages
    # and days (the CI formats' fingerprints); where it is, is line and column, so two findings
    # equal in those are equal whatever path led there
    key: tuple = field(default=(), compare=False)

    def sort_key(self) -> tuple:
        """(file, line, column, code, params, hint): params as text, since their values
        may be of mixed types (a number here, a list there) that do not compare."""
        return (self.file, self.line, self.column, self.code, repr(self.params), self.hint_key or "")

    def __lt__(self, other: Finding) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    @property
    def severity(self) -> Severity:
        return CODES[self.code][0]

    def as_dict(self, message: str) -> dict:
        """The finding as SPEC §4's JSON shows it, with its `message` (worded by the caller,
        `i18n.finding_text`)."""
        return {"file": self.file, "line": self.line, "column": self.column,
                "code": self.code, "severity": str(self.severity), "message": message}


class Pos(tuple):
    """(line, column) of a key in its file, knowing the key's path (`Document.pos` makes them;
    `finding` keeps the path as the finding's `key`). A plain tuple everywhere else."""

    key: tuple

    def __new__(cls, line: int, column: int, key: tuple = ()) -> Pos:
        made = super().__new__(cls, (line, column))
        made.key = tuple(key)
        return made

    def __reduce__(self):  # pickles as the pair it is, with its path
        return Pos, (self[0], self[1], self.key)


def finding(file: str, pos: tuple[int, int], code: str, hint: str | None = None, **params) -> Finding:
    """A Finding at `pos` (line, column; 1-based) with message parameters; a `Pos` gives it
    its key's path."""
    return Finding(file, pos[0], pos[1], code, tuple(sorted(params.items())), hint, getattr(pos, "key", ()))


def has_errors(findings) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
