"""The evaluators, one module per group of criteria; importing this package registers them."""

from dxtrack.evaluate.criteria import channels, events, plan, products, timing, topics  # noqa: F401
