"""The command-line parser's own messages (English), in Vietnamese."""

from __future__ import annotations

import re

MESSAGES = {
    "usage.try_help": ("Xem hướng dẫn: {command} -h", "Try '{command} -h' for help."),
}

_PATTERNS: list[tuple[re.Pattern, str]] = [(re.compile(p), r) for p, r in [
    (r"^No such option: (\S+)(?: \(Possible options: (.+)\))?$", r"Không có tùy chọn \1.{hint:\2}"),
    (r"^No such command '(.+)'\.$", r"Không có lệnh “\1”."),
    (r"^Option '(.+)' requires an argument\.$", r"Tùy chọn \1 cần một giá trị."),
    (r"^Option '(.+)' does not take a value\.$", r"Tùy chọn \1 không nhận giá trị."),
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
            text = match.expand(replacement.replace("{hint:\\2}", ""))
            if "{hint:" in replacement and match.group(2):
                text += f" Có phải ý bạn là {match.group(2)}?"
            return text
    return message
