"""Field types shared by the models: codes (labels accepted), dates, links, slugs, text.

Each type raises a `PydanticCustomError` whose type starts with `dx_`; the
validation stage maps those to finding codes.
"""

from __future__ import annotations

import calendar
import re
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


def _check_url(value: Any) -> Any:
    if isinstance(value, str) and not re.match(r"^https?://[^\s/$.?#][^\s]*$", value.strip(), re.I):
        raise PydanticCustomError("dx_url", "not an http(s) URL", {"value": value})
    return value.strip() if isinstance(value, str) else value


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
    `1.000` as the text it was written as, so it is never taken for a smaller number."""
    if isinstance(value, str):
        text = value.strip()
        match = _THOUSANDS.match(text)
        if match:
            raise PydanticCustomError(
                "dx_thousands", "number written with thousands separators",
                {"value": text, "suggestion": re.sub(r"[^0-9]", "", text),
                 "separator_key": _SEPARATORS.get(match.group(1), "separator.space")})
    return value


NonNegInt = Annotated[int, Field(ge=0), BeforeValidator(_whole_number)]
PosInt = Annotated[int, Field(ge=1), BeforeValidator(_whole_number)]
