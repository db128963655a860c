"""Benchmark: load + check + evaluate a large synthetic tracker repo, and CLI start-up.

    python bench/bench_check.py [--units 40] [--records 250]

Prints seconds per stage (best of 3) and, side by side in the same run, the "parse floor"
(PyYAML's CSafeLoader `yaml.load` of every file, in this process) and each stage as a ratio
of it; then the whole commands `check` and `status` as processes, against the floor as a
process. Not a test: machines are shared and noisy; quote the ratios.
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


def parse_floor(root: Path) -> None:
    """Read and parse every YAML file of the repo with libyaml: what any checker must pay."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in sorted(root.rglob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=loader)  # noqa: S506 - the safe loader


FLOOR_SCRIPT = ("import sys, yaml, pathlib\n"
                "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
                "    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)\n")


def process(*args: str) -> None:
    subprocess.run([sys.executable, *args], check=False, capture_output=True)


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
        floor = best(lambda: parse_floor(root))
        print(f"files: {len(repo.documents)}  findings: {len(repo.findings)}")
        print(f"parse floor (yaml.load of every file): {floor:.2f} s")
        print(f"load+validate+link: {load:.2f} s  ({load / total * 1000:.2f} ms/record, "
              f"{load / floor:.2f} of the floor)")
        try:
            evaluate = best(lambda: api.evaluate(repo))
            print(f"evaluate: {evaluate:.2f} s")
        except ImportError:
            print("evaluate: not available")
        floor_process = best(lambda: process("-c", FLOOR_SCRIPT, str(root)))
        for command in ("check", "status"):
            taken = best(lambda c=command: process("-m", "dxtrack", c, "--format", "json", "--repo", str(root)))
            print(f"dxtrack {command} --format json: {taken:.2f} s  ({taken / floor_process:.2f} of the floor "
                  f"as a process, {floor_process:.2f} s)")
        version = best(lambda: subprocess.run([sys.executable, "-m", "dxtrack", "--version"],
                                              check=True, capture_output=True))
        typer = best(lambda: process("-c", "import typer"))
        print(f"python -m dxtrack --version: {version:.3f} s  ({version / typer:.2f} of `import typer`)")


if __name__ == "__main__":
    main()
