"""Evaluators over media products: outlets, kinds, topics, audiences."""

from __future__ import annotations

from dxtrack.evaluate.facts import Facts
from dxtrack.evaluate.registry import Outcome, evaluator, met, missing
from dxtrack.models import Product


@evaluator("product_outlet", serves=("1.2", "2.2.a"), outlets="codes:outlet")
def product_outlet(f: Facts, outlets: list[str]) -> Outcome:
    """A product published on one of `outlets` (its `channels`)."""
    if any(set(p.channels) & set(outlets) for p in f.of(Product)):
        return met()
    return missing("no_outlet", outlets=[list(outlets)])


@evaluator("product_kind", serves=("2.2.c",), kinds="codes:product_kind")
def product_kind(f: Facts, kinds: list[str]) -> Outcome:
    if any(p.kind in kinds for p in f.of(Product)):
        return met()
    return missing("no_product_kind", kinds=[list(kinds)])


@evaluator("product_topic", serves=("2.2.b",), topic="codes:topic")
def product_topic(f: Facts, topic: str) -> Outcome:
    """A product covers `topic`."""
    if any(topic in p.topics for p in f.of(Product)):
        return met()
    return missing("no_product_topic", topics=[topic])


@evaluator("product_kinds", serves=("2.1.h",), threshold="threshold")
def product_kinds(f: Facts, threshold: str) -> Outcome:
    """Products of at least the threshold's number of distinct kinds."""
    need = f.threshold(threshold)
    kinds = sorted({p.kind for p in f.of(Product)})
    if not kinds:
        return missing("no_products")
    if len(kinds) >= need:
        return met()
    return missing("few_product_kinds", count=len(kinds), kinds=kinds, need=need)


@evaluator("products_name_audiences", serves=("2.1.h",))
def products_name_audiences(f: Facts) -> Outcome:
    """Every product names its audiences (fails when there is no product)."""
    products = f.of(Product)
    if not products:
        return missing("no_products")
    unnamed = [p.title for p in products if not p.audiences]
    return missing("no_product_audience", titles=unnamed) if unnamed else met()
