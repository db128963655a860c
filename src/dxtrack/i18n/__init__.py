"""Messages in Vietnamese (default) and English.

Every submodule of this package defines ``MESSAGES = {key: (vi, en)}``; they are
merged on first use, so each area of the program keeps its own texts.
"""

from __future__ import annotations

import importlib
import os
import pkgutil

LANGS = ("vi", "en")
_state = {"lang": None}
_messages: dict[str, tuple[str, str]] = {}


def set_lang(lang: str | None) -> str:
    """Choose the language; None means `DXTRACK_LANG` or Vietnamese."""
    chosen = (lang or os.environ.get("DXTRACK_LANG") or "vi").strip().lower()[:2]
    _state["lang"] = chosen if chosen in LANGS else "vi"
    return _state["lang"]


def get_lang() -> str:
    return _state["lang"] or set_lang(None)


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
    return t_in(get_lang(), msg_key, **params)


def t_in(lang: str, msg_key: str, /, **params) -> str:
    """The message `msg_key` in `lang`."""
    pair = _load().get(msg_key)
    if pair is None:
        return msg_key
    text = pair[1 if lang == "en" else 0]
    plain = {n: v for n, v in params.items() if not n.endswith("_key")}
    for name in [n for n in params if n.endswith("_key")]:
        params[name[:-4]] = t_in(lang, params[name], **plain)  # its own {placeholders} filled too
    return text.format(**params) if params else text


def has(key: str) -> bool:
    return key in _load()
