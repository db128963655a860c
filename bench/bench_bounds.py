"""Benchmark: hostile record files at the size limit, loaded in bounded time (issue 14).

    python bench/bench_bounds.py [--size BYTES] [--runs 5] [--only NAME,...] [--no-process]

Each case is one record file of about `--size` bytes (1 MiB, the limit, by default): its
load (`check.load.load_bytes`: decode, NFC, tabs, parse, spans) and its validation, timed in
this process, median of `--runs`; then `dxtrack check --format json --no-cache` on a repo
holding it, as a process (median of the same runs). The position of a non-NFC character
was found by a scan that grew with the square of the line's length: 557 s at 1 MiB before
issue 14. Not a test: machines are shared and noisy; run an older tree
(`PYTHONPATH=<checkout>/src`) with a smaller `--size` (e.g. 200000) to compare.
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

EVENT = ("type: event\nunit: bo-y-te\nkind: seminar\ntitle: Tọa đàm chuyển đổi số\ndate: 2025-09-01\n"
         "mode: online\n")
SETTINGS = ("directive: 380-CV/ĐU\norganization: Đảng ủy Chính phủ\nreceived: 2025-08-20\n"
            "phase_end: 2025-12-31\nreport_due: [2025-12-15]\n")
UNITS = "units:\n  - id: bo-y-te\n    name: Đảng ủy Bộ Y tế\n    kind: ministry\n"
RECORD = "activities/bo-y-te/2025-09-01-toa-dam.yaml"


def _fill(size: int, head: str, unit: str, tail: str = "") -> str:
    """`head`, then `unit` repeated up to about `size` UTF-8 bytes in all, then `tail`."""
    room = size - len((head + tail).encode()) - 1
    return head + unit * max(room // len(unit.encode()), 0) + tail + "\n"


CASES = {
    # one line: `note:` of ASCII, one "e" + combining acute (NFD "é") 20 characters from its end
    "non-NFC near the end, one line": lambda n: _fill(n, EVENT + "note: ", "a", "e\u0301" + "b" * 18),
    "non-NFC near the end, 80-column lines": lambda n: _fill(n, EVENT + "note: |\n", "  " + "a" * 77 + "\n",
                                                            "  e\u0301"),
    "one line of ASCII": lambda n: _fill(n, EVENT + "note: ", "a"),
    "one line of Vietnamese": lambda n: _fill(n, EVENT + "note: ", "ệ"),
    "a key of one line": lambda n: _fill(n, EVENT + '"', "k", '": 1'),
    "100k-item list (leaders)": lambda n: _fill(n, EVENT + "leaders:\n", "  - Ông A\n"),
    "control character at the end": lambda n: _fill(n, EVENT + "note: ", "a", "\x01"),
}


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_process(text: str) -> None:
    from dxtrack.check.discover import classify
    from dxtrack.check.load import load_bytes
    from dxtrack.check.validate import validate

    loaded = load_bytes(text.encode("utf-8"), RECORD)
    validate(classify(RECORD), loaded.data, loaded.spans)


def write_repo(root: Path, text: str) -> None:
    (root / "activities" / "bo-y-te").mkdir(parents=True)
    (root / "dxtrack.yaml").write_text(SETTINGS, encoding="utf-8")
    (root / "units.yaml").write_text(UNITS, encoding="utf-8")
    (root / RECORD).write_text(text, encoding="utf-8")


def as_process(root: Path, cache: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "DXTRACK_NO_CACHE": "1"}
    subprocess.run([sys.executable, "-m", "dxtrack", "check", "--format", "json", "--no-cache", "--repo", str(root)],
                   check=False, capture_output=True, env=env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1024 * 1024, help="bytes of each record file (1 MiB: the limit)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default="", help="case names (or parts of them), comma-separated")
    parser.add_argument("--no-process", action="store_true", help="in-process times only")
    args = parser.parse_args()
    wanted = [w.strip() for w in args.only.split(",") if w.strip()]
    print(f"{'case':40} {'bytes':>9} {'lines':>7}  {'load+validate':>13}  {'check (process)':>15}")
    with tempfile.TemporaryDirectory(prefix="dxtrack-bench-bounds-") as scratch:
        for number, (name, make) in enumerate(CASES.items()):
            if wanted and not any(w in name for w in wanted):
                continue
            text = make(args.size)
            loaded = median_time(lambda text=text: in_process(text), args.runs)
            shown = "—"
            if not args.no_process:
                root = Path(scratch) / f"repo-{number}"
                write_repo(root, text)
                shown = f"{median_time(lambda root=root: as_process(root, Path(scratch) / 'cache'), args.runs):.3f} s"
            print(f"{name:40} {len(text.encode()):>9,} {text.count(chr(10)):>7,}  {loaded:>11.3f} s  {shown:>15}")


if __name__ == "__main__":
    main()
