"""Findings → text, JSON, GitHub annotations, GitLab Code Quality, SARIF.

Machine formats are written with plain string building, never through rich.

Nothing from the user's files reaches the output raw: a message's quoted text is escaped
where it is made (`i18n.finding_text`, by `text.quote_safe`); a file name is escaped where
a line prints it (text; GitHub, but for the line breaks that its own `%0A` keeps exact);
JSON (json, gitlab, sarif; `render.escape.json_text`, the one writer of JSON outputs) keeps
the file name exact as data, with every control, bidi or invisible character written as a
`\\uXXXX` escape (a name that is not UTF-8 holds its bytes as lone surrogates: `\\udcff`).
"""

from __future__ import annotations

import hashlib
import os

from dxtrack import __version__
from dxtrack.check.findings import CODES, Finding, Severity
from dxtrack.i18n import finding_text, in_language, t
from dxtrack.render.escape import json_text
from dxtrack.text import quote_safe


@in_language
def render_text(findings: list[Finding], files: int, color: bool = False, sample: bool = False) -> str:
    lines = [t("check.banner")] if sample else []
    for f in findings:
        label = t(f"severity.{f.severity}")
        if color:
            label = _color(label, "31" if f.severity is Severity.ERROR else "33")
        lines.append(_not_a_command(f"{quote_safe(f.file)}:{f.line}:{f.column}: {label} {f.code} {finding_text(f)}"))
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    key = "check.summary_ok" if not findings else "check.summary"
    lines.append(t(key, errors=errors, warnings=warnings, files=files))
    return "\n".join(lines) + "\n"


def _not_a_command(line: str) -> str:
    """A line that GitHub Actions cannot take for a workflow command (`::warning ...`), even
    from a file whose name starts with `::`: such a line is written `./::...`."""
    return "./" + line if line.startswith("::") else line


def _color(text: str, code: str) -> str:
    return f"\x1b[{code}m{text}\x1b[0m"


@in_language
def render_json(findings: list[Finding], files: int, color: bool = False, sample: bool = False) -> str:
    ok = not any(f.severity is Severity.ERROR for f in findings)
    body = {"ok": ok, "files": files, "findings": [f.as_dict(finding_text(f)) for f in findings]}
    return json_text(body)


def escape_data(text: str) -> str:
    """As the Actions toolkit escapes a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """As the Actions toolkit escapes a command's property values."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


@in_language
def render_github(findings: list[Finding], files: int, color: bool = False, sample: bool = False) -> str:
    lines = []
    for f in findings:
        # the file's line breaks are the toolkit's to escape (%0A): the runner decodes them back,
        # so the annotation finds the real file; what it has no escape for is shown as \x1b
        file = quote_safe(f.file, keep="\r\n")
        where = (("file", file), ("line", f.line), ("col", f.column), ("title", f"dxtrack {f.code}"))
        props = ",".join(f"{k}={escape_property(str(v))}" for k, v in where)
        lines.append(f"::{f.severity} {props}::{escape_data(finding_text(f))}")
    return "".join(line + "\n" for line in lines)


def _fingerprint(f: Finding, message: str) -> str:
    # surrogateescape: a file name that is not UTF-8 is hashed as the bytes it is
    key = f"{f.file}:{f.line}:{f.column}:{f.code}:{message}"
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()


@in_language
def render_gitlab(findings: list[Finding], files: int, color: bool = False, sample: bool = False) -> str:
    issues = [{
        "description": message,
        "check_name": f.code,
        "fingerprint": _fingerprint(f, message),
        "severity": "major" if f.severity is Severity.ERROR else "minor",
        "location": {"path": f.file, "lines": {"begin": f.line}},
    } for f, message in ((f, finding_text(f)) for f in findings)]
    return json_text(issues)


@in_language
def render_sarif(findings: list[Finding], files: int, color: bool = False, sample: bool = False) -> str:
    used = sorted({f.code for f in findings})
    rules = [{"id": code, "shortDescription": {"text": CODES[code][1]},
              "defaultConfiguration": {"level": str(CODES[code][0])}} for code in used]
    results = [{
        "ruleId": f.code,
        "ruleIndex": used.index(f.code),
        "level": str(f.severity),
        "message": {"text": finding_text(f)},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": f.file, "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": f.line, "startColumn": f.column}}}],
    } for f in findings]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "dxtrack", "version": __version__,
                                      "informationUri": "https://github.com/dang-uy-chinh-phu/dxtrack",
                                      "rules": rules}},
                  "results": results}],
    }
    return json_text(log)


def default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
