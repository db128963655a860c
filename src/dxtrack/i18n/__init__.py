"""Messages in Vietnamese (default) and English: every sentence the user reads.

Every submodule of this package defines ``MESSAGES = {key: (vi, en)}``; they are
merged on first use, so each area of the program keeps its own texts.
"""

from __future__ import annotations

import functools
import importlib
import os
import pkgutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

R = TypeVar("R")

LANGS = ("vi", "en")
# The language words are made in. No module sets it for another: the CLI binds it once per
# invocation (its edge), and every API entry point that makes words binds the `lang` it is
# given for the length of that call (`language`). A ContextVar, so threads and nested calls
# each keep their own.
_lang: ContextVar[str] = ContextVar("dxtrack_lang", default="vi")
_messages: dict[str, tuple[str, str]] = {}


def resolve_lang(lang: str | None) -> str:
    """`lang`, or `DXTRACK_LANG`, or Vietnamese; anything unknown is Vietnamese."""
    chosen = (lang or os.environ.get("DXTRACK_LANG") or "vi").strip().lower()[:2]
    return chosen if chosen in LANGS else "vi"


def bind_lang(lang: str | None) -> str:
    """Bind the language for the rest of this context (the CLI does, once per command)."""
    chosen = resolve_lang(lang)
    _lang.set(chosen)
    return chosen


def current_lang() -> str:
    return _lang.get()


@contextmanager
def language(lang: str | None) -> Iterator[str]:
    """Words made inside the block are in `lang` (None: keep the language already bound)."""
    if lang is None:
        yield _lang.get()
        return
    token = _lang.set(resolve_lang(lang))
    try:
        yield _lang.get()
    finally:
        _lang.reset(token)


def in_language(render: Callable[..., R]) -> Callable[..., R]:
    """A renderer that takes `lang=` and makes its words in it."""
    @functools.wraps(render)
    def wrapper(*args: Any, lang: str | None = None, **kwargs: Any) -> R:
        with language(lang):
            return render(*args, **kwargs)
    return wrapper


def _load() -> dict[str, tuple[str, str]]:
    if not _messages:
        for info in pkgutil.iter_modules(__path__):
            module = importlib.import_module(f"{__name__}.{info.name}")
            _messages.update(getattr(module, "MESSAGES", {}))
    return _messages


def t(msg_key: str, /, **params) -> str:
    """The message `msg_key` in the current language, formatted with `params`.

    A parameter named `x_key` is itself a message key: its text fills `{x}`.
    """
    return t_in(_lang.get(), msg_key, **params)


# Messages whose parameters are a document's content (`dxtrack report`), not text quoted in a
# message: the report's writers escape it for their format (Markdown, the .docx XML).
_DOCUMENT_KEYS = ("report.",)


def safe_param(value: Any) -> Any:
    """A parameter as a message may quote it: text (a key, a value, a path the user wrote) with
    its control, bidi and invisible characters shown as escapes (`text.quote_safe`); numbers,
    dates and lists (formatted by repr, which escapes them already) as they are."""
    from dxtrack.text import quote_safe

    if isinstance(value, str):
        return quote_safe(value)
    if isinstance(value, os.PathLike):
        path = os.fspath(value)
        return quote_safe(path) if isinstance(path, str) else value
    return value


def t_in(lang: str, msg_key: str, /, **params) -> str:
    """The message `msg_key` in `lang`.

    Every parameter that is text is quoted safely (`safe_param`): a setup error naming what
    the user typed (`dxtrack status $'\\e[31mx'`), a finding quoting a key, can never write
    escape codes to the terminal or start a line in a CI log. The words of a `x_key`
    parameter are the program's own and are not escaped again.
    """
    pair = _load().get(msg_key)
    if pair is None:
        return msg_key
    text = pair[1 if lang == "en" else 0]
    if not msg_key.startswith(_DOCUMENT_KEYS):
        params = {n: v if n.endswith("_key") else safe_param(v) for n, v in params.items()}
    plain = {n: v for n, v in params.items() if not n.endswith("_key")}
    for name in [n for n in params if n.endswith("_key")]:
        params[name[:-4]] = t_in(lang, params[name], **plain)  # its own {placeholders} filled too
    if lang != "en":
        params = {n: _Grouped(v) if type(v) is int else v for n, v in params.items()}
    return text.format(**params) if params else text


class _Grouped(int):
    """A whole number as Vietnamese prose writes it where a message asks for groups (`{n:,}`):
    10.052, not 10,052 (in English `{n:,}` gives 10,052 as Python does)."""

    def __format__(self, spec: str) -> str:
        return int.__format__(self, spec).replace(",", ".") if "," in spec else int.__format__(self, spec)


def finding_text(found: Any, lang: str | None = None) -> str:
    """The message of a finding (`check.findings.Finding`): its code's sentence, then its hint."""
    chosen = resolve_lang(lang) if lang else _lang.get()
    # every parameter that quotes the user's file (a key, a value, a suggestion, a path) is
    # escaped by t_in, so every format gets safe text
    params = dict(found.params)
    if params.get("list") and params.get("suggestion"):  # "did you mean" names the code's label
        from dxtrack.models.codes import label

        params["label"] = label(params["list"], params["suggestion"], chosen)
    text = t_in(chosen, found.code, **params)
    if found.hint_key:
        text += " " + t_in(chosen, found.hint_key, **params)
    return text


def has(key: str) -> bool:
    return key in _load()
