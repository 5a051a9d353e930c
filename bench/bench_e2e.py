"""End to end, cold processes, side by side in one run:

- notawriter render examples/kabinetsreactie-iob.yaml -o TMP   (both documents)
- pandoc <reference>.md -o TMP/x.docx                         (the same nota as Markdown)
- python -c "import docxtpl, pydantic, ruamel.yaml, babel.dates"   (the import floor)

Prints medians, notawriter / pandoc, and cold render minus the floor (goal: ≤ floor + 60 ms).

    python bench/bench_e2e.py [--runs 15] [--reference PATH]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    DEFAULT_REFERENCE,
    EXAMPLE,
    FLOOR_IMPORTS,
    Row,
    fresh_dir,
    interleaved,
    notawriter_command,
    print_machine,
    print_table,
    time_process,
    wall_cpu,
)

GOAL_OVER_FLOOR_MS = 60.0


def run(runs: int = 15, reference: Path = DEFAULT_REFERENCE) -> list[Row]:
    print_machine("end to end (cold processes)")
    out = fresh_dir("e2e")
    cli = notawriter_command()
    commands = {
        "notawriter render": lambda: _render(cli, out),
        "import floor": lambda: time_process([sys.executable, "-c", FLOOR_IMPORTS]),
    }
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        print("pandoc: not installed, skipped (apt-get install -y pandoc)")
    elif not reference.is_file():
        print(f"pandoc: reference {reference} not found, skipped (give one with --reference)")
        pandoc = None
    else:
        commands["pandoc"] = lambda: time_process([pandoc, str(reference), "-o", str(out / "x.docx")])
    print(f"notawriter: {' '.join(cli)}; runs: {runs} (interleaved, after one warm-up round)")
    series = interleaved(commands, runs)
    shutil.rmtree(out, ignore_errors=True)

    for s in series.values():
        print(f"  {s.name:20s} {s.ms()}")
    render, floor = series["notawriter render"], series["import floor"]
    over = (render.median - floor.median) * 1000
    cpu_over = None
    if render.cpu_median is not None and floor.cpu_median is not None:
        cpu_over = (render.cpu_median - floor.cpu_median) * 1000
    cpu_note = f" (CPU {cpu_over:.0f})" if cpu_over is not None else ""
    print(f"  render - floor       {over:8.1f} ms{cpu_note}  (goal ≤ {GOAL_OVER_FLOOR_MS:.0f} ms)")
    rows = [
        Row("e2e", "cold render (2 docs)", wall_cpu(render)),
        Row("e2e", "import floor", wall_cpu(floor)),
        Row("e2e", "render − floor", f"{over:.0f} ms{cpu_note}", f"≤ {GOAL_OVER_FLOOR_MS:.0f} ms", over <= GOAL_OVER_FLOOR_MS),
    ]
    if "pandoc" in series:
        pandoc = series["pandoc"]
        ratio = render.median / pandoc.median
        cpu_ratio = ""
        if render.cpu_median and pandoc.cpu_median:
            cpu_ratio = f" (CPU {render.cpu_median / pandoc.cpu_median:.2f}×)"
        print(f"  notawriter / pandoc  {ratio:8.2f}×{cpu_ratio}  (goal < 1×)")
        rows.insert(2, Row("e2e", "pandoc (same nota, .md)", wall_cpu(pandoc)))
        rows.append(Row("e2e", "notawriter / pandoc", f"{ratio:.2f}×{cpu_ratio}", "< 1×", ratio < 1))
    else:
        rows.append(Row("e2e", "notawriter / pandoc", "skipped (no pandoc)"))
    return rows


def _render(cli: list[str], out: Path) -> tuple[float, float] | float:
    # A fresh folder each time: the timed run writes both documents rather than finding them unchanged.
    target = out / "docs"
    shutil.rmtree(target, ignore_errors=True)
    return time_process([*cli, "render", str(EXAMPLE), "-o", str(target)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE, help="Markdown of the nota for pandoc")
    args = parser.parse_args()
    print_table(run(args.runs, args.reference))


if __name__ == "__main__":
    main()
