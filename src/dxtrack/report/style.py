"""The .docx layout numbers: the built-in `docx_style.yaml`, overridden by the repo's own.

A repo's file may change any key; it may not add keys the layout does not know (a typo
would otherwise be silently ignored) nor change a value's kind (a number stays a number).
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from dxtrack.errors import SetupError
from dxtrack.i18n import t
from dxtrack.report.templates import BUILTIN, REPO_DIR

STYLE_FILE = "docx_style.yaml"
ALIGNS = ("left", "center", "right", "justify")
# what any text element ({size_pt: ..., bold: ...}) may set, with the kind of value each takes
ELEMENT_KEYS = {"bold": False, "italic": False, "underline": False, "align": "center", "color": "000000",
                "space_before_pt": 0, "space_after_pt": 0, "first_line_indent_mm": 0, "line_spacing": 1.0}
_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")


def load_style(root: Path | None = None) -> dict:
    """The layout: built-in defaults, with the repo's `templates/docx_style.yaml` merged in."""
    import yaml

    style = yaml.safe_load((BUILTIN / STYLE_FILE).read_text(encoding="utf-8"))
    own = Path(root) / REPO_DIR / STYLE_FILE if root else None
    if own is None or not own.is_file():
        return style
    rel = f"{REPO_DIR}/{STYLE_FILE}"
    try:
        override = yaml.safe_load(own.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SetupError("setup.report_bad_style", file=rel, problem=" ".join(str(exc).split())) from None
    if override is None:
        return style
    problem = _merge(style, override, "")
    if problem:
        raise SetupError("setup.report_bad_style", file=rel, problem=problem)
    return style


def _merge(base: dict, over, path: str) -> str | None:
    """Merge `over` into `base` in place; a plain-words problem, or None when all is well."""
    if not isinstance(over, dict):
        return t("report.style_not_mapping")
    for key, value in over.items():
        where = f"{path}.{key}" if path else str(key)
        if key not in base and "size_pt" in base and key in ELEMENT_KEYS:
            base[key] = ELEMENT_KEYS[key]  # a text element may take any of these
        if key not in base:
            close = difflib.get_close_matches(str(key), [str(k) for k in base], n=1)
            hint = t("report.did_you_mean", value=close[0]) if close else ""
            return t("report.style_unknown_key", key=where, hint=hint)
        problem = _merge_value(base, key, value, where)
        if problem:
            return problem
    return None


def _merge_value(base: dict, key, value, where: str) -> str | None:
    default = base[key]
    if isinstance(default, dict):
        return _merge(default, value, where) if isinstance(value, dict) else _bad(where, "mapping", value)
    if isinstance(default, bool):
        if not isinstance(value, bool):
            return _bad(where, "bool", value)
    elif isinstance(default, (int, float)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            return _bad(where, "number", value)
    elif not isinstance(value, str) or not value.strip():
        return _bad(where, "text", value)
    elif str(key).endswith(("color", "fill")) and not _HEX.match(value):
        return _bad(where, "colour", value)
    elif key == "align" and value not in ALIGNS:
        return _bad(where, "align", value)
    base[key] = value
    return None


def _bad(where: str, expected: str, value) -> str:
    return t("report.style_bad_value", key=where, expected_key=f"report.expected_{expected}", value=value)
