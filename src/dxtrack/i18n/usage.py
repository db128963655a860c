"""The command-line parser's own messages (English), in Vietnamese.

`translate_usage_error` reads what the parser's exception knows (which option, which
argument, what was typed) where it says it, and the message by its known form otherwise.
"""

from __future__ import annotations

import re
from typing import Any

MESSAGES = {
    "usage.try_help": ("Xem hướng dẫn: {command} -h", "Try '{command} -h' for help."),
}


def _quoted(names: str) -> str:
    """`'status', 'schema'` (Python reprs, as the parser writes them) as “status”, “schema”."""
    return ", ".join(f"“{n}”" for n in re.findall(r"'([^']*)'", names)) or names


_PATTERNS: list[tuple[re.Pattern, Any]] = [(re.compile(p), r) for p, r in [
    (r"^No such option: (\S+)(?: \(Possible options: (.+)\))?$",
     lambda m: f"Không có tùy chọn {m[1]}." + (f" Có phải ý bạn là {m[2]}?" if m[2] else "")),
    (r"^No such command '(.+?)'\.(?: Did you mean (.+)\?)?$",
     lambda m: f"Không có lệnh “{m[1]}”." + (f" Có phải ý bạn là {_quoted(m[2])}?" if m[2] else "")),
    (r"^Option '(.+)' requires an argument\.$", r"Tùy chọn \1 cần một giá trị."),
    (r"^Option '(.+)' requires (\d+) arguments\.$", r"Tùy chọn \1 cần \2 giá trị."),
    (r"^Option '(.+)' does not take a value\.$", r"Tùy chọn \1 không nhận giá trị."),
    (r"^Argument '(.+)' takes (\d+) values\.$", r"Đối số \1 cần \2 giá trị."),
    (r"^Got unexpected extra argument(?:s|\(s\))? \((.+)\)$", r"Thừa đối số: \1."),
    (r"^Missing argument '(.+)'\.?$", r"Thiếu đối số \1."),
    (r"^Missing option '(.+)'\.?$", r"Thiếu tùy chọn \1."),
    (r"^Missing command\.?$", r"Thiếu lệnh."),
    (r"^Invalid value for '?(.+?)'?: .*(?:integer|int).*$", r"Giá trị của \1 phải là một số nguyên."),
    (r"^Invalid value for '?(.+?)'?: .*(?:float|number).*$", r"Giá trị của \1 phải là một số."),
    (r"^Invalid value for '?(.+?)'?: '(.+)' is not one of (.+)\.$",
     r"“\2” không phải là giá trị hợp lệ của \1; chọn một trong: \3."),
    (r"^Invalid value for '?(.+?)'?: (.+)$", r"Giá trị của \1 không hợp lệ: \2"),
]]


def translate_usage(message: str) -> str:
    """`message` of the parser in Vietnamese, where its form is known; else as it is."""
    for pattern, replacement in _PATTERNS:
        match = pattern.match(message.strip())
        if match:
            return replacement(match) if callable(replacement) else match.expand(replacement)
    return message


def _param_name(exc: Any) -> str | None:
    """The option (`--participants`, `--unit / -u`) or argument a parser exception is about."""
    param = getattr(exc, "param", None)
    if param is None:
        hint = getattr(exc, "param_hint", None)
        if hint is None:
            return None
        return hint if isinstance(hint, str) else " / ".join(hint)
    opts = list(getattr(param, "opts", None) or [])
    if getattr(param, "param_type_name", "") == "option" and opts:
        return " / ".join(opts)
    return str(getattr(param, "metavar", None) or param.name)


_VALUE_PROBLEMS = {  # pydantic's error types (how typer converts values), in Vietnamese
    "int_parsing": "phải là một số nguyên", "int_from_float": "phải là một số nguyên",
    "float_parsing": "phải là một số", "bool_parsing": "phải là có hoặc không (true/false)",
    "date_parsing": "phải là một ngày (YYYY-MM-DD)", "date_from_datetime_parsing": "phải là một ngày (YYYY-MM-DD)",
}


def _value_problem(exc: Any) -> str | None:
    """What is wrong with a value typer could not convert, from the converter's own error."""
    cause = exc.__cause__
    errors = getattr(cause, "errors", None)
    if not callable(errors):
        return None
    try:
        kinds = [e.get("type") for e in errors()]
    except Exception:  # not pydantic's: fall back to the message's form
        return None
    return next((_VALUE_PROBLEMS[k] for k in kinds if k in _VALUE_PROBLEMS), None)


def translate_usage_error(exc: Any) -> str:
    """A parser exception (click's UsageError and its kinds) in Vietnamese."""
    if getattr(exc, "dx_message", None):  # raised by dxtrack itself, already in the user's words
        return str(exc.dx_message)
    kind = type(exc).__name__
    name = _param_name(exc)
    if kind == "MissingParameter" and name:
        what = getattr(exc, "param_type", None) or getattr(getattr(exc, "param", None), "param_type_name", "")
        return f"Thiếu {'đối số' if what == 'argument' else 'tùy chọn'} {name}."
    if kind == "BadParameter" and name:
        problem = _value_problem(exc)
        if problem:
            return f"Giá trị của {name} {problem}."
    if kind == "NoSuchOption":
        option = getattr(exc, "option_name", "")
        if option and exc.message == f"No such option: {option}":
            text = f"Không có tùy chọn {option}."
            possible = sorted(getattr(exc, "possibilities", None) or [])
            return text + (f" Có phải ý bạn là {', '.join(possible)}?" if possible else "")
    return translate_usage(exc.format_message())
