"""Hypothesis: the fast path changes nothing a caller of the loader sees.

`load_bytes` with the single-pass loader in front of the reference, and with the reference
alone (the fast path made to decline), give the same data, spans and findings, for the
grammar's YAML-ish text, its mutations, and raw token soup (tabs, BOMs, NFD, control bytes).
"""

from __future__ import annotations

from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_loader_props import YAMLISH

from dxtrack.check import fastload
from dxtrack.check.load import load_bytes
from test_fastload import document, mutated, same  # tests/ is on sys.path (rootdir conftest)

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_unchanged(raw: bytes) -> None:
    for name, load_plain in sorted(fastload.IMPLEMENTATIONS.items()):
        with mock.patch.object(fastload, "load_plain", load_plain):
            fast = load_bytes(raw, "x.yaml")
        with mock.patch.object(fastload, "load_plain_default", lambda text: None):
            slow = load_bytes(raw, "x.yaml")
        assert same(fast.data, slow.data), (name, raw)
        assert fast.spans == slow.spans and list(fast.spans) == list(slow.spans), (name, raw)
        assert fast.findings == slow.findings, (name, raw)


@SETTINGS
@given(st.one_of(document(), mutated()), st.sampled_from(["", "\ufeff", "\t"]))
def test_load_bytes_is_unchanged_by_the_fast_path(text, prefix):
    assert_unchanged((prefix + text).encode("utf-8"))


@SETTINGS
@given(YAMLISH)
def test_token_soup_is_unchanged_by_the_fast_path(text):
    assert_unchanged(text.encode("utf-8", errors="surrogatepass"))
