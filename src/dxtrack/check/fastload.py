"""A single-pass loader for *plain* YAML files: the fast path in front of `load._parse`.

    load_plain(text, resolve_plain, first_chars, max_depth) -> (data, spans) | None

One pass over the parser's events (libyaml's CParser when present) builds the data and
the span index that the reference (`yaml.compose`, then `load._Builder`) builds from the
node tree, for the files the reference takes without a finding. For anything else or
unusual it returns None, "ask the reference": a syntax error, an empty stream or
document, a root that is not a mapping, more than one document, a %YAML/%TAG directive,
an anchor, alias or explicit tag, a duplicate key, a key that is not a scalar or whose
value is not a str, nesting past `max_depth`, a plain scalar the reference would refuse
or fail on. The reference stays the judge of every unusual file.

Scalars: quoted, literal and folded ones are their text. A plain one is its text unless
its first character (or the empty string) is in `first_chars`, the first characters for
which the loader's implicit resolvers can give another tag; then it is
`resolve_plain(text)`, which asks the reference's own resolver and constructor (with
load's `_AS_WRITTEN` rule), memoised, and raises `Decline` (a ValueError) where the
reference would refuse the scalar.

`load_plain` is the C implementation (`dxtrack.check._yamlc`) when it is built and
`DXTRACK_PURE_PYTHON` is unset or empty, the pure-Python one otherwise.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from dxtrack.check.load import _STR, MAX_DEPTH, _Builder, _Loader, _Refused

__all__ = ["FIRST_CHARS", "IMPLEMENTATIONS", "Decline", "load_plain", "load_plain_default",
           "load_plain_python", "resolve_plain"]

LoadPlain = Callable[[str, Callable[[str], object], str, int], "tuple[dict, dict] | None"]


class Decline(ValueError):
    """The reference would refuse this plain scalar: the file is left to it."""


# ---- plain scalars, resolved by the reference's own machinery ---------------------------

# every first character a resolver is registered for; "" (the empty scalar) is in any str
if None in _Loader.yaml_implicit_resolvers:  # pragma: no cover - SafeLoader has no wildcard
    raise ImportError("a wildcard implicit resolver: every plain scalar would need resolving")
FIRST_CHARS = "".join(sorted(ch for ch, found in _Loader.yaml_implicit_resolvers.items() if ch and found))

_MARK = yaml.Mark("<plain>", 0, 0, 0, None, None)  # type: ignore[arg-type]
_PLAIN = (True, False)  # a plain scalar's `implicit`
_resolver = _Loader("")  # resolve() reads only the class's resolvers
_resolve_tag = _resolver.resolve
_MEMO: dict[str, object] = {}
_MEMO_LIMIT = 4096
_DECLINED = object()


def _resolve_uncached(value: str) -> object:
    tag = _resolve_tag(yaml.ScalarNode, value, _PLAIN)
    if tag == _STR:
        return value
    # the reference's own scalar path (tag checks, _AS_WRITTEN, the constructor), on the
    # node compose would make
    node = yaml.ScalarNode(tag, value, _MARK, _MARK, None)
    try:
        return _BUILDER.build(node, (), 0)
    except _Refused:
        return _DECLINED
    finally:  # nothing is kept from one call to the next
        _BUILDER.seen.clear()
        _BUILDER.constructor.constructed_objects.clear()


_BUILDER = _Builder("<plain>", {})


def resolve_plain(value: str) -> object:
    """What the reference makes of a plain scalar written `value`; `Decline` if it refuses it.

    A ValueError of the constructor (`0x_`) is raised as the reference raises it."""
    found = _MEMO.get(value, _MEMO)
    if found is _MEMO:
        found = _resolve_uncached(value)  # a ValueError is not memoised: raised again next time
        if len(_MEMO) >= _MEMO_LIMIT:
            _MEMO.clear()
        _MEMO[value] = found
    if found is _DECLINED:
        raise Decline(value)
    return found


# ---- the pure-Python loader --------------------------------------------------------------

# the parser alone (the loader's constructor and resolver are not needed for events): libyaml's
# when the loader is libyaml's, else the loader itself
_Parser: Any = _Loader
try:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]  # the stubs do not list it

    if issubclass(_Loader, CParser):
        _Parser = CParser
except ImportError:  # pragma: no cover - libyaml missing
    pass


def load_plain_python(text: str, resolve_plain: Callable[[str], object], first_chars: str,
                      max_depth: int) -> tuple[dict, dict] | None:
    """(data, spans) as the reference gives them for a plain file, or None: ask the reference."""
    try:
        return _load(text, resolve_plain, first_chars, max_depth)
    except (yaml.YAMLError, ValueError, RecursionError):
        return None


def _load(text: str, resolve: Callable[[str], object], first_chars: str, max_depth: int) -> Any:
    parser = _Parser(text)
    try:
        get = parser.get_event
        if type(get()) is not StreamStartEvent:
            return None
        event = get()
        if type(event) is not DocumentStartEvent or event.version is not None or event.tags:
            return None
        event = get()
        if type(event) is not MappingStartEvent or event.anchor is not None or event.tag is not None:
            return None
        mark: Any = event.start_mark
        spans: dict[tuple, tuple[int, int]] = {(): (mark.line + 1, mark.column + 1)}
        data: dict = {}
        # the open collection: `here` (a dict or a list), its `path`, its `depth`, `is_map`,
        # and in a mapping the `key` read and waiting for its value (None: a key comes next)
        here: Any = data
        path: tuple = ()
        depth, is_map, key = 0, True, None
        stack: list = []
        push = stack.append
        pop = stack.pop
        while True:
            event = get()
            kind = type(event)
            if kind is ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    return None
                value = event.value
                if not event.style and value[:1] in first_chars:
                    value = resolve(value)
                if key is None:
                    if is_map:  # a key
                        if type(value) is not str or value in here:
                            return None
                        mark = event.start_mark
                        spans[(*path, value)] = (mark.line + 1, mark.column + 1)
                        key = value
                        continue
                    if depth >= max_depth:
                        return None
                    mark = event.start_mark
                    spans[(*path, len(here))] = (mark.line + 1, mark.column + 1)
                    here.append(value)
                    continue
                if depth >= max_depth:
                    return None
                here[key] = value
                key = None
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                if not stack:
                    break
                here, path, depth, is_map = pop()
                key = None
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None or event.tag is not None or depth >= max_depth:
                    return None
                new: Any = {} if kind is MappingStartEvent else []
                if key is not None:
                    here[key] = new
                    into: tuple = (*path, key)
                elif is_map:
                    return None  # a collection as a key
                else:
                    into = (*path, len(here))
                    mark = event.start_mark
                    spans[into] = (mark.line + 1, mark.column + 1)
                    here.append(new)
                push((here, path, depth, is_map))
                here, path, depth, is_map, key = new, into, depth + 1, kind is MappingStartEvent, None
            else:  # an alias, or an event out of place
                return None
        if type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
            return None  # a second document (or a parse error, raised)
        return data, spans
    finally:
        parser.dispose()


# ---- the implementation used -------------------------------------------------------------

IMPLEMENTATIONS: dict[str, LoadPlain] = {"python": load_plain_python}
try:
    from dxtrack.check._yamlc import load_plain as _load_plain_c  # type: ignore[import-untyped,import-not-found,unused-ignore]
except ImportError:
    pass
else:
    IMPLEMENTATIONS["c"] = _load_plain_c

load_plain: LoadPlain = (IMPLEMENTATIONS["python"] if os.environ.get("DXTRACK_PURE_PYTHON")
                         else IMPLEMENTATIONS.get("c", load_plain_python))


def load_plain_default(text: str) -> tuple[dict, dict] | None:
    """The chosen implementation, with this module's resolve_plain, FIRST_CHARS and load's MAX_DEPTH."""
    return load_plain(text, resolve_plain, FIRST_CHARS, MAX_DEPTH)
