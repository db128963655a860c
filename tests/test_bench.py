"""The benchmark's generator (bench/generate.py) makes valid repos: `dxtrack check` finds no error
in one, and it holds the records asked for. No timing here: bench/bench.py measures."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

GENERATE = Path(__file__).resolve().parent.parent / "bench" / "generate.py"


def _generator():
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_generated_repo_is_valid_and_has_the_records_asked_for(tmp_path, cli, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / "repo"
    written = _generator().generate(root, 30, 4, seed=7)
    records = sorted((root / "activities").rglob("*.yaml"))
    assert len(written) == len(records) == 30
    units = sorted(p.name for p in (root / "activities").iterdir())
    assert len(units) == 4 and sorted(p.stem for p in (root / "plans").glob("*.yaml")) == units
    kinds = {line.split(": ", 1)[1] for p in records for line in p.read_text(encoding="utf-8").splitlines()
             if line.startswith("type: ")}
    assert kinds == {"event", "product", "channel", "report"}

    result = cli(["check", "--format", "json", "--repo", root])
    findings = json.loads(result.stdout)
    findings = findings.get("findings", findings) if isinstance(findings, dict) else findings
    errors = [f for f in findings if f.get("severity") == "error"]
    assert errors == [] and result.exit_code == 0, result.stdout


def test_the_generator_is_deterministic(tmp_path):
    generate = _generator().generate
    first = generate(tmp_path / "a", 12, 3, seed=1)
    second = generate(tmp_path / "b", 12, 3, seed=1)
    assert [p.relative_to(tmp_path / "a") for p in first] == [p.relative_to(tmp_path / "b") for p in second]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
