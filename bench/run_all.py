"""Run every benchmark in one go and print one summary table (see bench/README.md).

    python bench/run_all.py [--quick] [--reference PATH] [--skip scale pdf]

--quick uses fewer runs (a first look, not figures to quote).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_e2e  # noqa: E402
import bench_pdf  # noqa: E402
import bench_phases  # noqa: E402
import bench_scale  # noqa: E402
import bench_startup  # noqa: E402
import bench_warm  # noqa: E402
from common import DEFAULT_REFERENCE, Row, machine, print_table  # noqa: E402

PARTS = ("e2e", "phases", "startup", "warm", "scale", "pdf")


def _warm_against_pandoc(rows: list[Row]) -> list[Row]:
    """What a user changing options feels: a re-render as `watch` does it, against pandoc's
    whole conversion of the same nota (both measured in this run)."""
    seconds = {row.figure: row.seconds for row in rows if row.seconds is not None}
    warm, pandoc = seconds.get("load + render + write"), seconds.get("pandoc (same nota, .md)")
    if warm is None or pandoc is None:
        return []
    ratio = warm / pandoc
    return [Row("warm", "load + render + write / pandoc", f"{ratio:.2f}× ({pandoc / warm:.1f}× faster)", "< 1×", ratio < 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs: a first look")
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE, help="Markdown of the nota for pandoc")
    parser.add_argument("--skip", nargs="*", choices=PARTS, default=[], help="parts to leave out")
    args = parser.parse_args()
    quick = args.quick
    started = time.perf_counter()
    load = os.getloadavg() if hasattr(os, "getloadavg") else None

    rows: list[Row] = []
    if "e2e" not in args.skip:
        rows += bench_e2e.run(runs=5 if quick else 15, reference=args.reference)
        print()
    if "phases" not in args.skip:
        rows += bench_phases.run(runs=5 if quick else 11)
        print()
    if "startup" not in args.skip:
        rows += bench_startup.run(runs=5 if quick else 20)
        print()
    if "warm" not in args.skip:
        rows += bench_warm.run(runs=10 if quick else 40)
        rows += _warm_against_pandoc(rows)
        print()
    if "scale" not in args.skip:
        rows += bench_scale.run(runs=1 if quick else 3)
        print()
    if "pdf" not in args.skip:
        rows += bench_pdf.run(runs=1 if quick else 3, warm_runs=2 if quick else 8)
        print()

    print("== summary")
    print(f"machine: {machine()}")
    if load is not None:
        print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (other work on the machine skews wall times)")
    print(f"took {time.perf_counter() - started:.0f} s{' (--quick)' if quick else ''}")
    print()
    print_table(rows)


if __name__ == "__main__":
    main()
