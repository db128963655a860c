"""The evaluators the catalog names, registered where they are written, and how their
outcomes make a requirement's status and a unit's score.

An evaluator is a function `(facts, **params) -> Outcome`, registered with
`@evaluator(name, serves=(requirement ids,))`. `check_catalog` holds the catalog against
this registry (every rule known, every parameter accepted, every id served as declared),
so a broken catalog fails a test, not a user. The evaluators register when `dxtrack.evaluate`
imports `evaluate.criteria`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from dxtrack.catalog import Requirement
from dxtrack.evaluate.facts import Facts
from dxtrack.evaluate.reasons import REASONS, merge_reasons
from dxtrack.evaluate.status import Reason, StatusValue
from dxtrack.text import round_half_up


@dataclass
class Outcome:
    status: StatusValue                # met | partial | missing | not_due
    reasons: list[Reason] = field(default_factory=list)


@dataclass(frozen=True)
class Evaluator:
    name: str
    run: Callable[..., Outcome]
    serves: tuple[str, ...]
    accepts: dict[str, str] = field(default_factory=dict)  # parameter → what its values must be


# what a parameter's values may be: a code list's codes, a threshold's name, or a fixed set
def _allowed(kind: str) -> set[str]:
    from dxtrack.models import Thresholds, codes

    if kind == "threshold":
        return set(Thresholds.model_fields)
    if kind.startswith("codes:"):
        return set(codes.choices(kind.removeprefix("codes:")))
    if kind.startswith("one of:"):
        return set(kind.removeprefix("one of:").split(","))
    raise ValueError(f"unknown parameter kind {kind}")


EVALUATORS: dict[str, Evaluator] = {}


def evaluator(name: str, serves: Iterable[str], **accepts: str):
    """Register the decorated function as the evaluator `name` of the catalog ids `serves`;
    `accepts` says what the values of a parameter must be (`kinds="codes:event_kind"`,
    `threshold="threshold"`), so that the catalog check can hold each value against it."""
    def register(run: Callable[..., Outcome]) -> Callable[..., Outcome]:
        if name in EVALUATORS:
            raise ValueError(f"evaluator {name} registered twice")
        EVALUATORS[name] = Evaluator(name, run, tuple(serves), dict(accepts))
        return run
    return register


def met() -> Outcome:
    return Outcome(StatusValue.MET)


def outcome(status: StatusValue, code: str, **params) -> Outcome:
    if code not in REASONS:
        raise ValueError(f"undocumented reason code {code}")
    return Outcome(status, [Reason(code, params)])


def missing(code: str, **params) -> Outcome:
    return outcome(StatusValue.MISSING, code, **params)


def run_criterion(facts: Facts, criterion: dict) -> Outcome:
    params = {k: v for k, v in criterion.items() if k != "rule"}
    return EVALUATORS[criterion["rule"]].run(facts, **params)


def combine(outcomes: list[Outcome]) -> tuple[StatusValue, list[Reason]]:
    """A requirement's status and reasons from its criteria's outcomes: met when all hold,
    partial when some do, missing when none do. Criteria not yet due are set aside; if all
    are, the requirement is not due."""
    due = [o for o in outcomes if o.status != StatusValue.NOT_DUE]
    if not due:
        return StatusValue.NOT_DUE, merge_reasons([r for o in outcomes for r in o.reasons])
    states = {o.status for o in due}
    status = StatusValue.MET if states == {StatusValue.MET} else \
        StatusValue.MISSING if states == {StatusValue.MISSING} else StatusValue.PARTIAL
    return status, merge_reasons([r for o in due for r in o.reasons])


def score(statuses: Iterable[str]) -> int | None:
    """100 × (met + ½ partial) / (requirements neither not_due nor n/a), rounded half up."""
    counted = [s for s in statuses if s not in (StatusValue.NOT_DUE, StatusValue.NA)]
    if not counted:
        return None
    met_count = sum(1 for s in counted if s == StatusValue.MET)
    partial = sum(1 for s in counted if s == StatusValue.PARTIAL)
    return round_half_up(100 * (2 * met_count + partial), 2 * len(counted))


def check_catalog(requirements: Iterable[Requirement]) -> None:
    """Raise ValueError when the catalog names an unknown evaluator or parameter, or
    uses an evaluator for an id it does not declare it serves (and the other way round)."""
    used: dict[str, set[str]] = {}
    for req in requirements:
        for criterion in req.criteria:
            name = criterion.get("rule")
            if name not in EVALUATORS:
                raise ValueError(f"requirement {req.id}: unknown evaluator {name!r}")
            _check_params(req.id, EVALUATORS[name], criterion)
            used.setdefault(name, set()).add(req.id)
    for name, ev in EVALUATORS.items():
        if used.get(name, set()) != set(ev.serves):
            raise ValueError(f"evaluator {name} serves {sorted(ev.serves)}, the catalog uses it for "
                             f"{sorted(used.get(name, set()))}")


def _check_params(req_id: str, ev: Evaluator, criterion: dict) -> None:
    params = {k: v for k, v in criterion.items() if k != "rule"}
    try:
        inspect.signature(ev.run).bind(None, **params)
    except TypeError as exc:
        raise ValueError(f"requirement {req_id}: evaluator {ev.name}: {exc}") from None
    for name, kind in ev.accepts.items():
        given = params.get(name)
        values = given if isinstance(given, list) else [] if given is None else [given]
        wrong = [v for v in values if v not in _allowed(kind)]
        if wrong:
            raise ValueError(f"requirement {req_id}: evaluator {ev.name}: {name} {wrong} not among {kind}")
