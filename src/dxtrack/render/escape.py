"""The one escaping of user text for Markdown and for JSON, used by every output that writes
them (status, diff, the job summary, the report; findings, status, due, diff, requirements).

Markdown (`md_text`, `md_cell`, `md_code`, `md_url`, `md_link`): text from the user's files
shows as the text it is — no emphasis, link, heading, list or table made by accident, no raw
HTML (`<img onerror=…>`, `<script>`, `<!--`, `<details>`) and no entity (`&lt;`), a line break
never ends a paragraph or a table row, and every control, bidi or invisible character is
shown as its escape (`text.quote_safe`). Each function takes time linear in its text.

JSON (`json_text`): as people read it (Vietnamese unescaped, indented by 2), with every
control, bidi or invisible character, DEL, C1 and lone surrogate (a file name that is not
UTF-8) written as a `\\uXXXX` escape, so that a JSON output never carries one raw and can
always be encoded as UTF-8.

The terminal's escaping is `text.quote_safe` (rich markup is never read: `status_table.console`).
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from dxtrack.text import is_unsafe_char, quote_safe

# ---------------------------------------------------------------- Markdown

# Backslash-escaped anywhere (CommonMark escapes any ASCII punctuation): code, emphasis, links
# and images, raw HTML and autolinks, tables, headings, entities (&), strikethrough (~).
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&~])")
_BREAK = re.compile(r"[\r\n]+")


def _one_line(text: str) -> str:
    """`text` with every line break, and the blanks around it, made one space, and a tab a
    space. Linear: the text is split at its breaks, and each piece stripped (a regex like
    `[ \\t]*[\\r\\n]+` tries each space of a long run as the start of a match: quadratic)."""
    text = text.replace("\t", " ")
    if "\n" not in text and "\r" not in text:
        return text
    return " ".join(part.strip(" ") for part in _BREAK.split(text))


def md_text(text: object) -> str:
    """Plain text that Markdown shows as it is, on one line (see the module's doc): the one
    Markdown escaper of text from the user's files, in a paragraph, a heading, a list item or
    a table cell (`report.md.j2`'s `md` filter). A leading `:` is escaped too (`\\:`, shown
    as `:`): text that starts a line cannot start a GitHub Actions workflow command there."""
    flat = _SPECIAL.sub(r"\\\1", quote_safe(_one_line(str(text)).strip()))
    return "\\" + flat if flat.startswith(":") else flat


class Markdown(str):
    """Text that is Markdown already, made of escaped parts (`md_cell` leaves it as it is)."""


def md_cell(value: object) -> str:
    """One cell of a Markdown table: the text (`md_text`), which no `|`, line break or
    backtick can split or end early; None is an empty cell; `Markdown` as it is."""
    if isinstance(value, Markdown):
        return str(value)
    return "" if value is None else md_text(value)


def md_code(text: object) -> str:
    """`text` as an inline code span (in a table cell too): shown escaped (`quote_safe`, line
    breaks as `\\n`), fenced by more backticks than any run inside it, a `|` escaped for the
    table (GitHub's tables read `\\|` inside a code span as `|`)."""
    shown = quote_safe(str(text)).replace("|", "\\|")
    runs = [len(run) for run in re.findall(r"`+", shown)]
    if not runs:
        return f"`{shown}`" if shown.strip() else f"` {shown} `"
    fence = "`" * (max(runs) + 1)
    return f"{fence} {shown} {fence}"


def md_url(url: object) -> str:
    """A link destination as `<…>`: whitespace, `<`, `>`, `\\`, `"`, a backtick, `|` (a table
    splits at it, even there) and every control or invisible character percent-encoded, so
    that nothing ends the destination, or the table cell, early."""
    return "<" + "".join(_url_char(ch) for ch in str(url)) + ">"


def _url_char(ch: str) -> str:
    if ch.isspace() or ch in '<>\\"`|' or is_unsafe_char(ch):
        return quote(ch, safe="", errors="replace")
    return ch


def md_link(text: object, url: object) -> str:
    """`[text](<url>)`: the text escaped (`md_text`), the address as `md_url`."""
    return f"[{md_text(text)}]({md_url(url)})"


# ---------------------------------------------------------------- JSON

# What JSON with ensure_ascii=False may leave raw, less the letters and marks of Vietnamese
# (Latin-1 letters, Latin Extended-A and -B, combining marks, Latin Extended Additional):
# each match is looked at, and written as an escape if it is a control or format character.
_MAYBE_UNSAFE = re.compile("[^\x00-\x7e\u00c0-\u024f\u0300-\u036f\u1e00-\u1eff]")


def _json_escape(match: re.Match) -> str:
    ch = match.group()
    if not is_unsafe_char(ch):
        return ch
    code = ord(ch)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xd800 + (code >> 10):04x}\\u{0xdc00 + (code & 0x3ff):04x}"


def json_text(data: object) -> str:
    """The whole text of a JSON output (ends with a newline): `json_dumps(data)` with every
    control, bidi or invisible character that json leaves raw (DEL, C1, U+202E…, lone
    surrogates) written as an escape."""
    return _MAYBE_UNSAFE.sub(_json_escape, json_dumps(data)) + "\n"


class _Unsupported(Exception):
    """A value `json_dumps` leaves to the json module."""


def json_dumps(data: object) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)`, the same text, written without the
    json module's pure-Python encoder (the one `indent` selects), a matter of seconds for a
    status of hundreds of units; anything but plain JSON data goes to the json module."""
    parts: list[str] = []
    try:
        _write(data, parts, "\n")
    except _Unsupported:
        return json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(parts)


_STR = json.encoder.encode_basestring  # what ensure_ascii=False encodes strings with (the C one)


def _write(value: object, out: list[str], newline: str) -> None:
    """`value` into `out`; `newline` is a line break and the indent of the current level."""
    if isinstance(value, str):
        out.append(_STR(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        first = True
        for key, item in value.items():
            if not isinstance(key, str):
                raise _Unsupported
            out.append(("{" if first else ",") + inner + _STR(key) + ": ")
            first = False
            _write(item, out, inner)
        out.append(newline + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        first = True
        for item in value:
            out.append(("[" if first else ",") + inner)
            first = False
            _write(item, out, inner)
        out.append(newline + "]")
    else:  # floats (nan, inf), other types: as the json module does them, or its error
        raise _Unsupported
