"""Startup: `notawriter --help` versus `python -c pass`, cold processes, side by side.

Goal: --help ≤ 5 × a bare interpreter. Also checks that --help imports none of the heavy
libraries (docxtpl, docx, pydantic, prompt_toolkit, ruamel, babel, jinja2, lxml).

    python bench/bench_startup.py [--runs 20]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    Row,
    interleaved,
    notawriter_command,
    print_machine,
    print_table,
    quiet_env,
    time_process,
    wall_cpu,
)

GOAL_RATIO = 5.0
HEAVY = ("docxtpl", "docx", "pydantic", "pydantic_core", "prompt_toolkit", "questionary", "ruamel", "babel", "jinja2", "lxml")


def heavy_imports_of_help() -> list[str]:
    """Top-level packages of HEAVY that `python -X importtime -m notawriter --help` imports."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "notawriter", "--help"],
        env=quiet_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True,
    )
    found = set()
    for line in proc.stderr.splitlines():
        if "|" not in line:
            continue
        module = line.rsplit("|", 1)[1].strip()
        if module.split(".")[0] in HEAVY:
            found.add(module.split(".")[0])
    return sorted(found)


def run(runs: int = 20) -> list[Row]:
    print_machine("startup (cold processes)")
    cli = notawriter_command()
    series = interleaved(
        {
            "notawriter --help": lambda: time_process([*cli, "--help"]),
            "python -c pass": lambda: time_process([sys.executable, "-c", "pass"]),
        },
        runs,
    )
    for s in series.values():
        print(f"  {s.name:20s} {s.ms()}")
    cli_s, bare = series["notawriter --help"], series["python -c pass"]
    ratio = cli_s.median / bare.median
    print(f"  ratio                {ratio:8.2f}×  (goal ≤ {GOAL_RATIO:.0f}×)")
    heavy = heavy_imports_of_help()
    print(f"  heavy imports by --help: {', '.join(heavy) if heavy else 'none'}")
    return [
        Row("startup", "notawriter --help", wall_cpu(cli_s)),
        Row("startup", "python -c pass", wall_cpu(bare)),
        Row("startup", "--help / python", f"{ratio:.2f}×", f"≤ {GOAL_RATIO:.0f}×", ratio <= GOAL_RATIO),
        Row("startup", "heavy imports by --help", ", ".join(heavy) or "none", "none", not heavy),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    print_table(run(parser.parse_args().runs))


if __name__ == "__main__":
    main()
