"""Field types shared by the models: codes (labels accepted), dates, links, slugs, text.

Each type raises a `PydanticCustomError` whose type starts with `dx_`; the
validation stage maps those to finding codes.
"""

from __future__ import annotations

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
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _to_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    text = str(value).strip() if isinstance(value, (str, int)) else repr(value)
    if isinstance(value, str) and _ISO.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    suggestion = ""
    match = _DMY.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        with suppress(ValueError):  # no such day: no suggestion
            suggestion = date(year, month, day).isoformat()
    raise PydanticCustomError("dx_date", "invalid date", {"value": text, "suggestion": suggestion})


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

NonNegInt = Annotated[int, Field(ge=0)]
PosInt = Annotated[int, Field(ge=1)]
