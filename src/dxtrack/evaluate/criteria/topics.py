"""Evaluators over the five content topics of the directive (2.1.a–e)."""

from __future__ import annotations

from dxtrack.evaluate.facts import Facts
from dxtrack.evaluate.registry import Outcome, evaluator, met, missing, outcome
from dxtrack.evaluate.status import StatusValue
from dxtrack.models import Event, Product


@evaluator("topic_covered", serves=("2.1.a", "2.1.b", "2.1.c", "2.1.d", "2.1.e"),
           topic="codes:topic")
def topic_covered(f: Facts, topic: str) -> Outcome:
    """An event or product covers `topic` (partial: only a plan task lists it)."""
    records = f.of(Event) + f.of(Product)
    if any(topic in r.topics for r in records):
        return met()
    if f.plan and any(topic in task.topics for task in f.plan.tasks):
        return outcome(StatusValue.PARTIAL, "topic_only_planned", topic=topic)
    return missing("topic_missing", topic=topic)
