"""End to end, cold processes, side by side in one run:

- notawriter render examples/kabinetsreactie-iob.yaml -o TMP   (both documents)
- pandoc <reference>.md -o TMP/x.docx                         (the same nota as Markdown)
- python -c "import docxtpl, pydantic, ruamel.yaml, babel.dates"   (the import floor)

and, to explain the figures: the same render on a first run (no template cache:
NOTAWRITER_NO_CACHE=1), and the floor with pydantic.main imported (`import pydantic` is lazy).
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
    FLOOR_WITH_MODELS,
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
        "render, first run": lambda: _render(cli, out, {"NOTAWRITER_NO_CACHE": "1"}),
        "floor + pydantic.main": lambda: time_process([sys.executable, "-c", FLOOR_WITH_MODELS]),
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
    first, models = series["render, first run"], series["floor + pydantic.main"]
    first_over = (first.median - floor.median) * 1000
    models_over = (render.median - models.median) * 1000
    print(f"  first run - floor    {first_over:8.1f} ms  (no template cache yet)")
    print(f"  render - (floor + pydantic.main) {models_over:6.1f} ms  (what the floor leaves out when `import pydantic` is lazy)")
    rows = [
        Row("e2e", "cold render (2 docs)", wall_cpu(render), seconds=render.median),
        Row("e2e", "import floor", wall_cpu(floor), seconds=floor.median),
        Row("e2e", "render − floor", f"{over:.0f} ms{cpu_note}", f"≤ {GOAL_OVER_FLOOR_MS:.0f} ms", over <= GOAL_OVER_FLOOR_MS),
        Row("e2e", "  first run − floor", f"{first_over:.0f} ms (no template cache)"),
        Row("e2e", "  render − (floor + pydantic.main)", f"{models_over:.0f} ms"),
    ]
    if "pandoc" in series:
        pandoc = series["pandoc"]
        ratio = render.median / pandoc.median
        cpu_ratio = ""
        if render.cpu_median and pandoc.cpu_median:
            cpu_ratio = f" (CPU {render.cpu_median / pandoc.cpu_median:.2f}×)"
        print(f"  notawriter / pandoc  {ratio:8.2f}×{cpu_ratio}  (reported; cold start is mostly imports)")
        rows.insert(2, Row("e2e", "pandoc (same nota, .md)", wall_cpu(pandoc), seconds=pandoc.median))
        rows.append(Row("e2e", "notawriter / pandoc (cold)", f"{ratio:.2f}×{cpu_ratio}"))
    else:
        rows.append(Row("e2e", "notawriter / pandoc", "skipped (no pandoc)"))
    return rows


def _render(cli: list[str], out: Path, env: dict[str, str] | None = None) -> tuple[float, float] | float:
    # A fresh folder each time: the timed run writes both documents rather than finding them unchanged.
    target = out / "docs"
    shutil.rmtree(target, ignore_errors=True)
    return time_process([*cli, "render", str(EXAMPLE), "-o", str(target)], env=env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE, help="Markdown of the nota for pandoc")
    args = parser.parse_args()
    print_table(run(args.runs, args.reference))


if __name__ == "__main__":
    main()
