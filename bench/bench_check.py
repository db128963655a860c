"""Benchmark: load + check + evaluate a large synthetic tracker repo, and CLI start-up.

    python bench/bench_check.py [--units 40] [--records 250]

Prints seconds per stage (best of 3). Not a test: machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

KINDS = ["dissemination", "party_cell_session", "seminar", "training", "final_review"]


def build(root: Path, units: int, records: int) -> None:
    (root / "dxtrack.yaml").write_text(
        "organization: Đảng ủy Chính phủ\nreceived: 2025-08-20\nphase_end: 2025-12-31\n"
        "report_due: [2025-12-15]\n", encoding="utf-8")
    lines = ["units:"]
    for u in range(units):
        lines += [f"  - id: don-vi-{u}", f"    name: Đảng ủy Đơn vị {u}", "    kind: ministry"]
        (root / "plans").mkdir(exist_ok=True)
        (root / "plans" / f"don-vi-{u}.yaml").write_text(
            f"unit: don-vi-{u}\ntitle: Kế hoạch truyền thông\ntasks:\n  - id: t1\n    title: Quán triệt\n"
            "    owner: Ban Tuyên giáo\n    due: 2025-09-15\n", encoding="utf-8")
        folder = root / "activities" / f"don-vi-{u}"
        folder.mkdir(parents=True)
        for r in range(records):
            day = date(2025, 8, 20) + timedelta(days=r % 130)
            (folder / f"{day}-hoat-dong-{r}.yaml").write_text(
                f"type: event\nunit: don-vi-{u}\nkind: {KINDS[r % len(KINDS)]}\n"
                f"title: Hoạt động số {r} về chuyển đổi số\ndate: {day}\nmode: in_person\n"
                "topics: [plan02, significance]\naudiences: [party_members, civil_servants]\n"
                "plan_task: t1\n", encoding="utf-8")
    (root / "units.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def best(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--records", type=int, default=250)
    args = parser.parse_args()
    from dxtrack import api

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build(root, args.units, args.records)
        total = args.units * args.records
        repo_holder = {}
        load = best(lambda: repo_holder.update(repo=api.load_repo(root)))
        repo = repo_holder["repo"]
        print(f"files: {len(repo.documents)}  findings: {len(repo.findings)}")
        print(f"load+validate+link: {load:.2f} s  ({load / total * 1000:.2f} ms/record)")
        try:
            evaluate = best(lambda: api.evaluate(repo))
            print(f"evaluate: {evaluate:.2f} s")
        except ImportError:
            print("evaluate: not available")
        version = best(lambda: subprocess.run([sys.executable, "-m", "dxtrack", "--version"],
                                              check=True, capture_output=True))
        print(f"python -m dxtrack --version: {version:.3f} s")


if __name__ == "__main__":
    main()
