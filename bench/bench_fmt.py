"""Benchmark of `dxtrack fmt` on one large record full of labels (issue 14: the old fmt rebuilt
the whole text for each label it replaced, quadratic in the file's size).

    python bench/bench_fmt.py [--size 880000] [--runs 3]
    PYTHONPATH=<another checkout>/src python bench/bench_fmt.py   # the same against another tree

Makes a record of about --size bytes (an event whose `audiences` is a flow list of labels,
`[đảng viên, công chức, viên chức, ...]`: one label every 12 bytes or so), then times, median
of --runs: `format_bytes` in-process (read, parse, splice, the same-meaning guard) and, once,
a whole `dxtrack fmt --check` process on a repo holding the file. Not a test: nothing asserts
a time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAD = ("type: event\nunit: bo-y-te\nkind: Hội nghị quán triệt\ntitle: Hội nghị\ndate: 2025-09-01\n"
        "mode: trực tuyến\naudiences: [")
LABELS = ("đảng viên", "công chức", "viên chức")
SETTINGS = ("directive: 380-CV/ĐU\norganization: Đảng ủy Chính phủ\nreport_to: Ban Tuyên giáo\n"
            "received: 2025-08-20\nphase_end: 2025-12-31\nreport_due: [2025-12-15]\nsample: false\n")
UNITS = "units:\n  - id: bo-y-te\n    name: Đảng ủy Bộ Y tế\n    kind: ministry\n"


def record(size: int) -> tuple[bytes, int]:
    """A record of about `size` bytes and the number of labels in it."""
    parts, total, count = [HEAD], len(HEAD.encode()), 0
    while total < size:
        part = LABELS[count % len(LABELS)] + ", "
        parts.append(part)
        total += len(part.encode())
        count += 1
    parts.append(LABELS[0] + "]\n")
    return "".join(parts).encode("utf-8"), count + 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=880_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from dxtrack.write.fmt import format_bytes

    raw, labels = record(args.size)
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        result = format_bytes(raw, "activities/bo-y-te/a.yaml", "record")
        times.append(time.perf_counter() - start)
    assert result.problem is None and result.changed, result.problem
    print(f"record: {len(raw):,} bytes, {labels:,} labels")
    print(f"format_bytes, in-process: {statistics.median(times):.2f} s (median of {args.runs})")

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "repo"
        (root / "activities" / "bo-y-te").mkdir(parents=True)
        (root / "dxtrack.yaml").write_text(SETTINGS, encoding="utf-8")
        (root / "units.yaml").write_text(UNITS, encoding="utf-8")
        (root / "activities" / "bo-y-te" / "a.yaml").write_bytes(raw)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "dxtrack", "fmt", "--check", "--repo", str(root)],
                              capture_output=True, env={**os.environ, "XDG_CACHE_HOME": scratch})
        print(f"dxtrack fmt --check, one process: {time.perf_counter() - start:.2f} s (exit {done.returncode})")


if __name__ == "__main__":
    main()
