"""Field types shared by the models: codes (labels accepted), dates, links, slugs, text.

Each type raises a `PydanticCustomError` whose type starts with `dx_`; the
validation stage maps those to finding codes.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from dxtrack.models import codes

MODEL_CONFIG = ConfigDict(extra="forbid", coerce_numbers_to_str=True, str_strip_whitespace=True,
                          populate_by_name=True)

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
# a whole number with thousands separators, the same one throughout: 1.000, 150.000.000,
# 1,000, 1 000 (a space, a no-break space or a narrow one)
_THOUSANDS = re.compile(r"^[0-9]{1,3}([., \u00a0\u202f])[0-9]{3}(?:\1[0-9]{3})*$")
_SEPARATORS = {".": "separator.dot", ",": "separator.comma"}  # anything else is a space
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def date_problem(value: Any) -> tuple[str, dict[str, int]] | None:
    """Why `value`, written like a date (YYYY-MM-DD, or dd/mm/yyyy), names no day: a message
    key (`date.*`) and its parameters, e.g. ("date.short_month", {"month": 9, "days": 30}) for
    2025-09-31; None if it is no date in those forms or a day that exists.

    The one place that says so, for the DX205 finding and for the date options of the CLI."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = _YMD.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    elif match := _DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
    else:
        return None
    if not 1 <= year <= 9999:  # no calendar for it: told as a wrong form
        return None
    if not 1 <= month <= 12:
        return "date.no_month", {"month": month}
    days = calendar.monthrange(year, month)[1]
    if day == 0:
        return "date.no_day_zero", {}
    if day <= days:
        return None
    if month == 2:
        return "date.february", {"year": year, "days": days}
    return "date.short_month", {"month": month, "days": days}


def _to_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    text = str(value).strip() if isinstance(value, (str, int)) else repr(value)
    if isinstance(value, str) and _ISO.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    impossible = date_problem(value)
    if impossible:  # the right form, but no such day: say why (September has 30 days)
        problem_key, params = impossible
        raise PydanticCustomError("dx_date", "no such date",
                                  {"value": text, "suggestion": "", "problem_key": problem_key, **params})
    suggestion = ""
    match = _DMY.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        with suppress(ValueError):  # no such day: no suggestion
            suggestion = date(year, month, day).isoformat()
    raise PydanticCustomError("dx_date", "invalid date",
                              {"value": text, "suggestion": suggestion, "problem_key": "date.form"})


def read_date(value: Any) -> date | None:
    """The date `value` holds (as a date field reads it: YYYY-MM-DD), or None if it holds none."""
    try:
        return _to_date(value)
    except PydanticCustomError:
        return None


@dataclass(frozen=True)
class CodeList:
    """Marks a code type with the code list it draws from, so that `models.fields` can tell
    which list a field uses (pydantic leaves metadata it does not know alone)."""

    name: str


def _code_type(list_name: str) -> Any:
    def check(value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)  # `mode: 5` is no code either (it was let through as the text "5")
        if not isinstance(value, str):
            return value
        found = codes.resolve(list_name, value)
        if found is None:
            raise PydanticCustomError("dx_code", "unknown code", {"list": list_name, "value": value})
        return found

    entries = codes.LISTS[list_name].values()
    schema = {"type": "string", "enum": sorted({e.code for e in entries} | {e.vi for e in entries}),
              "description": "; ".join(f"{e.code} = {e.vi}" for e in entries)}
    return Annotated[str, CodeList(list_name), BeforeValidator(check), WithJsonSchema(schema)]


_URL = re.compile(r"^https?://[^\s/$.?#]", re.I)
_URL_REFUSED = frozenset('<>"\\')  # they end an HTML attribute, a Markdown link, a quoted path


def _url_char(text: str) -> str | None:
    """The first character of `text` a link may not hold raw: whitespace, a control, bidi or
    invisible character (it could hide or reorder what a reader sees), `<`, `>`, `"` or `\\`;
    shown as itself if it is visible, else as U+XXXX."""
    from dxtrack.text import is_unsafe_char

    for ch in text:
        if ch.isspace() or is_unsafe_char(ch):
            return f"U+{ord(ch):04X}"
        if ch in _URL_REFUSED:
            return ch
    return None


def _check_url(value: Any) -> Any:
    """An http(s) URL with a host, holding no character that could break out of a link
    (`_url_char`); the problem is told as DX209's `problem_key`."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not _URL.match(text):
        raise PydanticCustomError("dx_url", "not an http(s) URL", {"value": value, "problem_key": "url.scheme"})
    char = _url_char(text)
    if char is not None:
        raise PydanticCustomError("dx_url", "a character a URL cannot hold",
                                  {"value": value, "problem_key": "url.char", "char": char})
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _no_control(value: str) -> str:
    """Refuse control characters (terminal escape codes, bidi overrides) in text: they
    could rewrite what a terminal, a report or a CI log shows. Tabs and line breaks are fine."""
    found = _CONTROL.search(value)
    if found:
        raise PydanticCustomError("dx_control", "control character", {"char": f"U+{ord(found.group()):04X}"})
    return value


def _check_slug(value: Any) -> Any:
    if isinstance(value, str) and not SLUG.match(value):
        raise PydanticCustomError("dx_slug", "not a slug", {"value": value})
    return value


Date = Annotated[date, BeforeValidator(_to_date),
                 WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"})]
Url = Annotated[str, BeforeValidator(_check_url),
                WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})]
Slug = Annotated[str, BeforeValidator(_check_slug),
                 WithJsonSchema({"type": "string", "pattern": SLUG.pattern})]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_no_control)]
FreeText = Annotated[str, AfterValidator(_no_control)]

_LINE_BREAK = re.compile(r"[\n\r\x0b\x0c\x85\u2028\u2029]")
# An owner as CODEOWNERS takes one: @org/team, @user, or an e-mail address (SPEC §5)
_OWNER = re.compile(r"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9][A-Za-z0-9._-]*)?"
                    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def _one_line(value: str) -> str:
    """Refuse a line break in a one-line field (a name): written into CODEOWNERS or a CI log,
    it would start a line of its own."""
    found = _LINE_BREAK.search(value)
    if found:
        raise PydanticCustomError("dx_control", "line break", {"char": f"U+{ord(found.group()):04X}"})
    return value


def _check_owner(value: str) -> str:
    if not _OWNER.fullmatch(value):
        raise PydanticCustomError("dx_owner", "not an owner", {"value": value})
    return value


Line = Annotated[Text, AfterValidator(_one_line)]
Owner = Annotated[Text, AfterValidator(_one_line), AfterValidator(_check_owner),
                  WithJsonSchema({"type": "string", "pattern": _OWNER.pattern})]

if TYPE_CHECKING:
    # a type checker cannot follow an alias made by a call; each code type is a str to it
    Topic: TypeAlias = str
    Audience: TypeAlias = str
    EventKind: TypeAlias = str
    ProductKind: TypeAlias = str
    Outlet: TypeAlias = str
    Mode: TypeAlias = str
    ChannelKind: TypeAlias = str
    UnitKind: TypeAlias = str
    ReviewKind: TypeAlias = str
else:
    Topic = _code_type("topic")
    Audience = _code_type("audience")
    EventKind = _code_type("event_kind")
    ProductKind = _code_type("product_kind")
    Outlet = _code_type("outlet")
    Mode = _code_type("mode")
    ChannelKind = _code_type("channel_kind")
    UnitKind = _code_type("unit_kind")
    ReviewKind = _code_type("review_kind")

def _whole_number(value: Any) -> Any:
    """Refuse a number written with thousands separators (`1.000`, `150.000.000`, `1,000`,
    `1 000`): to a Vietnamese reader it is 1000, to YAML 1.0 or text. The loader keeps such a
    `1.000` as the text it was written as, so it is never taken for a smaller number. A
    yes/no (`participants: true`) is no number, though Python counts True as 1."""
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    if isinstance(value, str):
        text = value.strip()
        match = _THOUSANDS.match(text)
        if match:
            raise PydanticCustomError(
                "dx_thousands", "number written with thousands separators",
                {"value": text, "suggestion": re.sub(r"[^0-9]", "", text),
                 "separator_key": _SEPARATORS.get(match.group(1), "separator.space")})
    return value


# an integer literal as YAML writes one (with a sign, `_` between digits, 0x / 0o / 0b)
_INT_LITERAL = re.compile(r"[-+]?(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9][0-9_]*)")
_DIGITS_CHECKED = 30  # a decimal of more digits is out of every field's range, told without reading it


def _out_of_range(value: Any, most: int) -> str | None:
    """"big" if `value` is a number, or the text of one, over `most` ("small" for the text of
    a negative one too long to read): found without ever turning 4,300 digits into an int,
    which Python refuses (and back into text). None otherwise: a number below the least is
    told by `Field(ge=...)`, and what is no number at all by the int type."""
    number: int | float | None = None
    if isinstance(value, str) and _INT_LITERAL.fullmatch(text := value.strip()):
        digits = text.lstrip("+-").replace("_", "")
        if len(digits.lstrip("0")) > _DIGITS_CHECKED and digits[:2].lower() not in ("0x", "0o", "0b"):
            return "small" if text.startswith("-") else "big"
        with suppress(ValueError):  # `0x_`: no number
            # at most 30 decimal digits, or a power-of-two base (no digit limit, linear)
            number = int(text.replace("_", ""), 0 if digits[:2].lower() in ("0x", "0o", "0b") else 10)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        number = value
    return "big" if number is not None and number > most else None  # NaN is no number over it


def _in_range(least: int, most: int) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        side = _out_of_range(value, most)
        if side is not None:
            raise PydanticCustomError("dx_int_range", "whole number out of range",
                                      {"min": least, "max": most, "side": side})
        return value

    return check


def whole_number(least: int, most: int) -> Any:
    """A whole number from `least` to `most`: one outside is a `dx_int_range` error naming the
    range, however many digits it is written with (a 5,000-digit `participants`, a threshold
    of 3,000,000 days); one written with thousands dots is `dx_thousands`. `Field(ge=least)`
    is what `models.fields` reads as its least value; the schema says both bounds."""
    return Annotated[int, Field(ge=least, json_schema_extra={"maximum": most}),
                     BeforeValidator(_in_range(least, most)), BeforeValidator(_whole_number)]


MAX_DAYS = 3650            # ten years: a threshold or a cadence in days
MAX_PEOPLE = 100_000_000   # participants: the country's population
MAX_METRIC = 10**12        # views, likes, shares of one product
MAX_VND = 10**15           # a plan's budget in đồng (a million billion)

if TYPE_CHECKING:
    Days: TypeAlias = int
    People: TypeAlias = int
    Metric: TypeAlias = int
    Money: TypeAlias = int
else:
    Days = whole_number(1, MAX_DAYS)
    People = whole_number(0, MAX_PEOPLE)
    Metric = whole_number(0, MAX_METRIC)
    Money = whole_number(0, MAX_VND)
