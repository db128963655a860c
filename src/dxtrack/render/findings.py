"""Findings → text, JSON, GitHub annotations, GitLab Code Quality, SARIF.

Machine formats are written with plain string building, never through rich.

Nothing from the user's files reaches the output raw: a message's quoted text is escaped
where it is made (`i18n.finding_text`, by `text.quote_safe`); a file name is escaped where
a line prints it (text; GitHub, but for the line breaks that its own `%0A` keeps exact);
JSON (json, gitlab, sarif; `render.escape.json_text`, the one writer of JSON outputs) keeps
the file name exact as data, with every control, bidi or invisible character written as a
`\\uXXXX` escape (a name that is not UTF-8 holds its bytes as lone surrogates: `\\udcff`).

Where files are named from. The CI formats (github, gitlab, sarif) name each file from the top
of the git work tree that holds the tracker (`base`, the tracker's folder there, found by
`api.work_tree_prefix`; "" at the top or outside git), as GitHub, GitLab and code scanning
read paths: an annotation attaches, a location opens, for a tracker in a subfolder too. text
and json keep naming files from the tracker's root (SPEC §4: a person in the tracker's folder
reads `activities/...`, and json's `file` is the tracker's own path; their output depends on
the tracker's files alone, so the cache may replay it).

One line per finding. In text and github each finding is one line (`file:line:col: ...` or
one workflow command); a message of more than one line (no message has one today; a hint
never starts a line of its own) puts each further line on its own line indented by four
spaces, which tools matching `^file:line:col:` pass over.

Fingerprints (gitlab's `fingerprint`, SARIF's `partialFingerprints["dxtrackFinding/v1"]`) hash
the file's path, the code and the path of the key the finding is about (`Finding.key`),
and the finding's rank among those equal in all three (two tabs in one file): not the line,
the column or the words, so a finding keeps its identity when lines are inserted above it,
in another language, and on another day (DX206's message holds today's date).

SARIF: the schema of OASIS SARIF 2.1.0 with its formats (tests/fixtures/sarif-schema-2.1.0.json):
each `uri` percent-encoded from the file name's bytes (a space, `%`, `#`, `?`, Vietnamese
letters, a name that is not UTF-8) relative to the base id SRCROOT, the work tree's top (its
absolute URI left out, as SARIF allows: it names the machine and would change each run);
each rule's descriptions are the table of docs/findings.md (`CODES`) and its help points
there. No `helpUri`: it must be an absolute URI, and no published address of the docs is
known to be real, so none is made up.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from urllib.parse import quote

from dxtrack import __version__
from dxtrack.check.findings import CODES, Finding, Severity
from dxtrack.i18n import finding_text, in_language, t
from dxtrack.render.escape import json_text
from dxtrack.text import quote_safe


@in_language
def render_text(findings: list[Finding], files: int, color: bool = False, sample: bool = False,
                base: str = "") -> str:
    """`file:line:col: severity code message`, one line a finding (files named from the tracker's
    root, whatever `base`), then the counts."""
    lines = [t("check.banner")] if sample else []
    for f in findings:
        label = t(f"severity.{f.severity}")
        if color:
            label = _color(label, "31" if f.severity is Severity.ERROR else "33")
        first, *more = _lines(finding_text(f))
        lines.append(_not_a_command(f"{quote_safe(f.file)}:{f.line}:{f.column}: {label} {f.code} {first}"))
        lines += [CONTINUATION + _not_a_command(line.lstrip()) for line in more]
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    key = "check.summary_ok" if not findings else "check.summary"
    lines.append(t(key, errors=errors, warnings=warnings, files=files))
    return "\n".join(lines) + "\n"


# what a further line of a message starts with: `^file:line:col:` never matches it
CONTINUATION = "    "
_BREAKS = re.compile(r"\r\n|[\r\n]")


def _lines(message: str) -> list[str]:
    """A message's lines: the first, which the finding's line holds, and any further ones."""
    return _BREAKS.split(message) if "\n" in message or "\r" in message else [message]


def _not_a_command(line: str) -> str:
    """A line that GitHub Actions cannot take for a workflow command (`::warning ...`), even
    from a file whose name starts with `::`: such a line is written `./::...`."""
    return "./" + line if line.startswith("::") else line


def _color(text: str, code: str) -> str:
    return f"\x1b[{code}m{text}\x1b[0m"


@in_language
def render_json(findings: list[Finding], files: int, color: bool = False, sample: bool = False,
                base: str = "") -> str:
    ok = not any(f.severity is Severity.ERROR for f in findings)
    body = {"ok": ok, "files": files, "findings": [f.as_dict(finding_text(f)) for f in findings]}
    return json_text(body)


def escape_data(text: str) -> str:
    """As the Actions toolkit escapes a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """As the Actions toolkit escapes a command's property values."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


# GitHub shows at most this many annotations of each type (error, warning) of one step
GITHUB_SHOWN = 10


@in_language
def render_github(findings: list[Finding], files: int, color: bool = False, sample: bool = False,
                  base: str = "") -> str:
    """One workflow command a finding, its file named from the work tree's top (`base`); when
    more errors or warnings than GitHub shows, a notice of how many more there are."""
    lines = []
    for f in findings:
        # the file's line breaks are the toolkit's to escape (%0A): the runner decodes them back,
        # so the annotation finds the real file; what it has no escape for is shown as \x1b
        file = quote_safe(repo_path(f, base), keep="\r\n")
        where = (("file", file), ("line", f.line), ("col", f.column), ("title", f"dxtrack {f.code}"))
        props = ",".join(f"{k}={escape_property(str(v))}" for k, v in where)
        lines.append(f"::{f.severity} {props}::{escape_data(finding_text(f))}")
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    hidden = max(0, errors - GITHUB_SHOWN) + max(0, len(findings) - errors - GITHUB_SHOWN)
    if hidden:
        more = escape_data(t("check.github_more", count=hidden))
        lines.append(f"::notice title={escape_property('dxtrack')}::{more}")
    return "".join(line + "\n" for line in lines)


def repo_path(f: Finding, base: str = "") -> str:
    """The finding's file from the top of the work tree (`base`: the tracker's folder there)."""
    return f"{base}/{f.file}" if base else f.file


FINGERPRINT = "dxtrackFinding/v1"


def fingerprints(findings: list[Finding], base: str = "") -> list[str]:
    """Each finding's fingerprint (see the module's doc): a SHA-256, in hex, of its path from the
    work tree's top, its code, its key's path and its rank among the findings equal in those."""
    seen: Counter = Counter()
    found = []
    for f in findings:
        ident = (repo_path(f, base), f.code, repr(tuple(f.key)))
        rank = seen[ident]
        seen[ident] += 1
        # surrogateescape: a file name that is not UTF-8 is hashed as the bytes it is
        text = "\0".join((FINGERPRINT, *ident, str(rank)))
        found.append(hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest())
    return found


@in_language
def render_gitlab(findings: list[Finding], files: int, color: bool = False, sample: bool = False,
                  base: str = "") -> str:
    issues = [{
        "description": finding_text(f),
        "check_name": f.code,
        "fingerprint": mark,
        "severity": "major" if f.severity is Severity.ERROR else "minor",
        "location": {"path": repo_path(f, base), "lines": {"begin": f.line}},
    } for f, mark in zip(findings, fingerprints(findings, base), strict=True)]
    return json_text(issues)


SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "SRCROOT"


def sarif_uri(path: str) -> str:
    """A relative reference to the file at `path` (POSIX): the bytes of its name, each of them
    percent-encoded but for letters, digits, `-._~` and the `/` between folders (a name that
    is not UTF-8 is encoded as the bytes it is)."""
    return quote(path.encode("utf-8", "surrogateescape"), safe="/")


def _rule(code: str) -> dict:
    severity, meaning = CODES[code]
    effect = t(f"sarif.effect_{severity}")
    return {"id": code,
            "shortDescription": {"text": meaning},
            "fullDescription": {"text": t("sarif.rule_full", code=code, meaning=meaning,
                                          severity=t(f"severity.{severity}"), effect=effect)},
            "help": {"text": t("sarif.rule_help", code=code), "markdown": t("sarif.rule_help_md", code=code)},
            "defaultConfiguration": {"level": str(severity)}}


@in_language
def render_sarif(findings: list[Finding], files: int, color: bool = False, sample: bool = False,
                 base: str = "") -> str:
    used = sorted({f.code for f in findings})
    results = [{
        "ruleId": f.code,
        "ruleIndex": used.index(f.code),
        "level": str(f.severity),
        "message": {"text": finding_text(f)},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": sarif_uri(repo_path(f, base)), "uriBaseId": SRCROOT},
            "region": {"startLine": f.line, "startColumn": f.column}}}],
        "partialFingerprints": {FINGERPRINT: mark},
    } for f, mark in zip(findings, fingerprints(findings, base), strict=True)]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "dxtrack", "version": __version__,
                                      "informationUri": "https://github.com/dang-uy-chinh-phu/dxtrack",
                                      "rules": [_rule(code) for code in used]}},
                  "originalUriBaseIds": {SRCROOT: {"description": {"text": t("sarif.srcroot")}}},
                  "results": results}],
    }
    return json_text(log)


def default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
