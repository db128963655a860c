"""The .docx layout numbers: the built-in `docx_style.yaml`, overridden by the repo's own.

The style file holds named profiles (SPEC §6.3): `hd36` complete, `hd05` what it changes
(`extends: hd36`), each with the first signing date it applies to (`from`). A report takes
the profile asked for (`--profile`, `report.profile`) or the one of its signing date.

A repo's `templates/docx_style.yaml` may change any key: its top-level keys apply to every
profile, its `profiles: {NAME: {...}}` to that profile only (after the top-level ones). It may
not add keys the layout does not know (a typo would otherwise be silently ignored), nor
change a value's kind (a number stays a number, within bounds that keep the writer sane; a
text stays one short line, with no control character the .docx could not hold).

The file is untrusted, as every file of a repo: it is read only as a regular file inside
the repo, never through a symbolic link (`render.templates.read_repo_file`), at most
MAX_STYLE_BYTES, by a YAML loader that refuses anchors and aliases (no alias bombs), tags
(no custom types), a key given twice and integers of more than MAX_DIGITS digits. Each
problem is a SetupError naming the file.
"""

from __future__ import annotations

import copy
import difflib
import io
import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import get_args

from dxtrack.errors import SetupError
from dxtrack.i18n import t
from dxtrack.models.settings import ReportProfile
from dxtrack.report.templates import BUILTIN, REPO_DIR, RepoFileRefused, read_repo_file
from dxtrack.text import is_unsafe_char

STYLE_FILE = "docx_style.yaml"
PROFILES: tuple[str, ...] = get_args(ReportProfile)
MAX_STYLE_BYTES = 256 * 1024   # a style file is a few kilobytes
MAX_DIGITS = 30                # an integer of the style file (the largest it may take has 4)
MAX_TEXT = 200                 # a text of it: a font's name, a language, a symbol, the rule's text
SHOWN = 60                     # characters of a bad value a message quotes
ALIGNS = ("left", "center", "right", "justify")
CHOICES = {"rule": ("drawn", "text")}  # keys that take one of a few words
# what any text element ({size_pt: ..., bold: ...}) may set, with the kind of value each takes
ELEMENT_KEYS = {"bold": False, "italic": False, "underline": False, "align": "center", "color": "000000",
                "space_before_pt": 0, "space_after_pt": 0, "first_line_indent_mm": 0, "line_spacing": 1.0,
                "line_spacing_exact_pt": 0}
# the largest number a key may take, by how its name ends (the last: any other number, a count)
LIMITS = (("_mm", 2000), ("_pt", 1000), ("line_spacing", 10), ("", 200))
_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")


@dataclass
class _Profile:
    start: date        # `from`: the first signing date the profile is for
    layout: dict


def load_style(root: Path | None = None, profile: str | None = None, on: date | None = None) -> dict:
    """The layout of `profile` (None: the profile of the signing date `on`, default today)."""
    return load_layout(root, profile, on)[1]


def load_layout(root: Path | None = None, profile: str | None = None,
                on: date | None = None) -> tuple[str, dict]:
    """(profile name, layout): the built-in profiles with the repo's `templates/docx_style.yaml`
    merged in; a SetupError naming the file for a bad override, or for an unknown profile."""
    profiles = _builtin_profiles()
    override = _read_override(root)
    rel = f"{REPO_DIR}/{STYLE_FILE}"
    if override is not None:
        problem = _apply_override(profiles, override)
        if problem:
            raise SetupError("setup.report_bad_style", file=rel, problem=problem)
    name = profile or pick_profile(profiles, on or date.today())
    if name not in profiles:
        raise SetupError("setup.report_bad_profile", value=name, choices=", ".join(profiles))
    layout = profiles[name].layout
    problem = _room_problem(layout)
    if problem:
        raise SetupError("setup.report_bad_style", file=rel if override is not None else STYLE_FILE,
                         problem=problem)
    return name, layout


def pick_profile(profiles: dict[str, _Profile], on: date) -> str:
    """The profile with the latest `from` on or before `on` (before them all: the earliest)."""
    ordered = sorted(profiles, key=lambda n: profiles[n].start)
    started = [n for n in ordered if profiles[n].start <= on]
    return (started or ordered)[-1 if started else 0]


def _builtin_profiles() -> dict[str, _Profile]:
    import yaml

    raw = yaml.safe_load((BUILTIN / STYLE_FILE).read_text(encoding="utf-8"))["profiles"]
    profiles: dict[str, _Profile] = {}
    for name, spec in raw.items():
        spec = dict(spec)
        start, parent = spec.pop("from"), spec.pop("extends", None)
        layout = copy.deepcopy(profiles[parent].layout) if parent else {}
        problem = _merge(layout, spec, name) if parent else None
        if problem:  # the built-in file is ours: a test loads every profile
            raise ValueError(f"{STYLE_FILE}: {problem}")
        profiles[name] = _Profile(start, layout if parent else spec)
    return profiles


def _read_override(root: Path | None):
    """The repo's style file as YAML data, None when there is none (or it is empty)."""
    import yaml

    if not root:
        return None
    rel = f"{REPO_DIR}/{STYLE_FILE}"
    try:
        text = read_repo_file(Path(root), rel, MAX_STYLE_BYTES)
    except RepoFileRefused as exc:
        raise SetupError("setup.report_bad_style", file=rel, problem=exc.words()) from None
    if text is None:
        return None
    try:
        stream = io.StringIO(text)
        stream.name = rel  # yaml's messages name the file: in "templates/docx_style.yaml", line 2
        return yaml.load(stream, Loader=_strict_loader())  # noqa: S506 (a safe loader)
    except RecursionError:  # thousands of [ or { inside each other
        raise SetupError("setup.report_bad_style", file=rel, problem=t("report_layout.style_too_deep")) from None
    except yaml.YAMLError as exc:
        raise SetupError("setup.report_bad_style", file=rel, problem=" ".join(str(exc).split())) from None


def _strict_loader():
    import yaml
    from yaml.constructor import ConstructorError

    class StrictLoader(yaml.SafeLoader):
        """yaml's safe loader, refusing what a style file never needs: anchors and aliases (no
        alias bombs: a few lines that expand to gigabytes), tags (`!!python/object`, `!x`), a key
        given twice (one would silently win), an integer of more than MAX_DIGITS digits (Python
        cannot even print one of 4,300) and a date that does not exist."""

        def compose_node(self, parent, index):
            event = self.peek_event()
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise yaml.composer.ComposerError(None, None, t("report_layout.style_alias"), event.start_mark)
            if getattr(event, "tag", None) is not None:
                tag = event.tag.replace("tag:yaml.org,2002:", "!!")  # as it was written
                raise yaml.composer.ComposerError(None, None, t("report_layout.style_tag", tag=tag), event.start_mark)
            return super().compose_node(parent, index)

        def construct_mapping(self, node, deep=False):
            seen: set = set()
            for key_node, _value in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                if key is not None and key in seen:
                    raise ConstructorError(None, None, t("report_layout.style_twice", key=key), key_node.start_mark)
                seen.add(key)
            return super().construct_mapping(node, deep)

        def construct_yaml_int(self, node):
            if len(str(node.value).lstrip("+-").replace("_", "")) > MAX_DIGITS:
                raise ConstructorError(None, None, t("report_layout.style_long_number", most=MAX_DIGITS),
                                       node.start_mark)
            return super().construct_yaml_int(node)

        def construct_yaml_timestamp(self, node):
            try:
                return super().construct_yaml_timestamp(node)
            except ValueError as exc:  # 2025-02-31
                raise ConstructorError(None, None, t("report_layout.style_bad_date", value=node.value,
                                                     problem=str(exc)), node.start_mark) from None

    StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_yaml_int)
    StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_yaml_timestamp)
    return StrictLoader


def _apply_override(profiles: dict[str, _Profile], override) -> str | None:
    """Merge the repo's file into every profile; a plain-words problem, or None."""
    if not isinstance(override, dict):
        return t("report.style_not_mapping")
    common = {k: v for k, v in override.items() if k != "profiles"}
    own = override.get("profiles") or {}
    if not isinstance(own, dict):
        return _bad("profiles", "mapping", own)
    for name in own:
        if name not in profiles:
            return _unknown(f"profiles.{name}", name, profiles)
    for name, profile in profiles.items():
        problem = _merge(profile.layout, common, "") or _merge_profile(profile, own.get(name), f"profiles.{name}")
        if problem:
            return problem
    return None


def _merge_profile(profile: _Profile, delta, where: str) -> str | None:
    if delta is None:
        return None
    if not isinstance(delta, dict):
        return _bad(where, "mapping", delta)
    delta = dict(delta)
    if "from" in delta:
        start = delta.pop("from")
        if not isinstance(start, date) or isinstance(start, datetime):
            return _bad(f"{where}.from", "date", start)
        profile.start = start
    return _merge(profile.layout, delta, where)


def _merge(base: dict, over, path: str) -> str | None:
    """Merge `over` into `base` in place; a plain-words problem, or None when all is well."""
    if not isinstance(over, dict):
        return t("report.style_not_mapping")
    for key, value in over.items():
        where = f"{path}.{key}" if path else str(key)
        if key not in base and "size_pt" in base and key in ELEMENT_KEYS:
            base[key] = ELEMENT_KEYS[key]  # a text element may take any of these
        if key not in base:
            return _unknown(where, key, base)
        problem = _merge_value(base, key, value, where)
        if problem:
            return problem
    return None


def _unknown(where: str, key, known) -> str:
    close = difflib.get_close_matches(str(key), [str(k) for k in known], n=1)
    hint = t("report.did_you_mean", value=close[0]) if close else ""
    return t("report.style_unknown_key", key=where, hint=hint)


def _merge_value(base: dict, key, value, where: str) -> str | None:
    default = base[key]
    if isinstance(default, dict):
        return _merge(default, value, where) if isinstance(value, dict) else _bad(where, "mapping", value)
    if isinstance(default, bool):
        if not isinstance(value, bool):
            return _bad(where, "bool", value)
    elif isinstance(default, (int, float)):
        problem = _number_problem(str(key), value, where)
        if problem:
            return problem
    elif not isinstance(value, str) or not value.strip():
        return _bad(where, "text", value)
    elif len(value) > MAX_TEXT or any(is_unsafe_char(c) or c in "\ufffe\uffff" for c in value):
        return _bad(where, "line", value, most=MAX_TEXT)
    elif str(key).endswith(("color", "fill")) and not _HEX.match(value):
        return _bad(where, "colour", value)
    elif key == "align" and value not in ALIGNS:
        return _bad(where, "align", value)
    elif key in CHOICES and value not in CHOICES[key]:
        return _bad(where, "choice", value, choices=", ".join(CHOICES[key]))
    base[key] = value
    return None


def _number_problem(key: str, value, where: str) -> str | None:
    """Why `value` is no number for `key`: not a number, NaN or infinite, below 0 or absurdly large."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return _bad(where, "number", value)
    limit = next(most for end, most in LIMITS if key.endswith(end))
    if (isinstance(value, float) and not math.isfinite(value)) or not 0 <= value <= limit:
        return _bad(where, "range", value, most=limit)
    return None


def _room_problem(layout: dict) -> str | None:
    """Why the page leaves no room for text (margins wider or taller than the paper), or None."""
    page = layout["page"]
    width = page["width_mm"] - page["margin_left_mm"] - page["margin_right_mm"]
    height = page["height_mm"] - page["margin_top_mm"] - page["margin_bottom_mm"]
    if min(width, height) < 20:
        return t("report_layout.style_no_room", width=page["width_mm"], height=page["height_mm"])
    return None


def _bad(where: str, expected: str, value, **params) -> str:
    key = f"report.expected_{expected}" if expected in _OLD_KINDS else f"report_layout.expected_{expected}"
    shown = str(value) if len(str(value)) <= SHOWN else str(value)[:SHOWN - 1] + "…"
    return t("report.style_bad_value", key=where, expected_key=key, value=shown, **params)


_OLD_KINDS = ("number", "text", "bool", "colour", "align", "mapping")
