"""The values shell completion offers (`dxtrack status --format <TAB>`, `--unit <TAB>`, ...).

typer asks for them through the `autocompletion=` of an option (`cli.common.completes`,
which imports this module only when a value is being completed): the shell runs
`_DXTRACK_COMPLETE=complete_bash COMP_WORDS=... COMP_CWORD=... dxtrack` (the script
`dxtrack --show-completion` prints), typer parses the words typed so far, asks the option, keeps
the values that start with what is typed and prints them one a line.

Quick: nothing of the pipeline runs. A format comes from the render registry; a unit id from
`units.yaml`, a phase id from `dxtrack.yaml`, of the tracker found from `--repo` or the current
folder, each read by the loader `check` uses, and the code lists without the models
(`api.completion_ids`, `api.completion_codes`: `check.peek`).

Safe: an id is offered only if it is a slug, so a hostile `units.yaml` (an id with a newline, a
control character, `$(...)`, a space) adds nothing to the command line; an explanation (shown by
zsh and fish, not bash) only if it is plain words. A completion never fails and never prints a
word of its own: any problem offers nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

Offer = list[str | tuple[str, str]]

# the --format and --profile names of `report` (report.FORMATS, report.style.PROFILES), written
# out here: those modules import the whole report (tests/cli/test_completion.py keeps them equal)
REPORT_FORMATS = ("md", "docx", "pdf")
REPORT_PROFILES = ("hd36", "hd05")
# an explanation shown beside a value: plain words, nothing a shell or rich's markup reads
_PLAIN = re.compile(r"[\w .,()/&+'-]{1,80}")
MAX_OFFERED = 500  # a units.yaml of thousands of units offers its first ones


def offer(name: str, ctx: Any, args: Sequence[str]) -> Offer:
    """The values completer `name` offers (a list typer filters by what is typed); [] when
    anything goes wrong."""
    try:
        return list(COMPLETERS[name](ctx, *args))[:MAX_OFFERED]
    except Exception:  # a completion offers nothing rather than a traceback
        return []


def formats(ctx: Any, what: str) -> Offer:
    """The --format names of output `what` (render registry), or `report`'s."""
    if what == "report":
        return list(REPORT_FORMATS)
    from dxtrack import api

    return list(api.formats(what))


def profiles(ctx: Any) -> Offer:
    return list(REPORT_PROFILES)


def langs(ctx: Any) -> Offer:
    from dxtrack.i18n import LANGS

    return list(LANGS)


def units(ctx: Any) -> Offer:
    """The ids in units.yaml of the tracker, with each unit's name as the explanation."""
    from dxtrack import api

    return [_explained(unit, name) for unit, name in api.completion_ids(_repo_given(ctx), "units")]


def phases(ctx: Any) -> Offer:
    """The phase ids of dxtrack.yaml, with each phase's name."""
    from dxtrack import api

    return [_explained(phase, name) for phase, name in api.completion_ids(_repo_given(ctx), "phases")]


def codes(ctx: Any, list_name: str) -> Offer:
    """The codes of a code list (SPEC §2.5), each with its label in the current language;
    `list_name` "kind" is the kind list of the record `new` makes (event_kind for `new event`)."""
    from dxtrack import api
    from dxtrack.i18n import current_lang

    if list_name == "kind":
        list_name = f"{getattr(getattr(ctx, 'command', None), 'name', '')}_kind"
    en = current_lang() == "en"
    return [_explained(code, english if en else vietnamese) for code, vietnamese, english in
            api.completion_codes(list_name)]


COMPLETERS: dict[str, Callable[..., Offer]] = {
    "formats": formats, "profiles": profiles, "langs": langs, "units": units, "phases": phases, "codes": codes,
}


def _explained(value: str, words: object) -> str | tuple[str, str]:
    """`value`, with `words` as its explanation when they are plain (one line, no markup)."""
    if isinstance(words, str) and _PLAIN.fullmatch(words):
        return value, words
    return value


def _repo_given(ctx: Any) -> Path | None:
    """The --repo of the command line so far (the command's, else the app's), or None."""
    while ctx is not None:
        given = (getattr(ctx, "params", None) or {}).get("repo")
        if given:
            return Path(given)
        ctx = getattr(ctx, "parent", None)
    return None
