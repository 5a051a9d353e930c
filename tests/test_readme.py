"""README: the two fresh-machine commands work where the system Python refuses `pip install` (PEP 668).

The commands are read from the README itself (the first two ```sh blocks of "Snel beginnen"), so
the test follows what a newcomer copies. `.ci/run` must call the test command verbatim.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def readme_commands() -> list[str]:
    """The ```sh blocks of the quick-start section, in order."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Snel beginnen", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def externally_managed_python() -> str | None:
    """A base interpreter that refuses `pip install` outside a venv (EXTERNALLY-MANAGED marker)."""
    candidates = ["/usr/bin/python3", "/usr/local/bin/python3", shutil.which("python3") or ""]
    for exe in candidates:
        if not exe or not os.path.exists(exe):
            continue
        probe = subprocess.run(
            [exe, "-c", "import sysconfig, ensurepip; print(sysconfig.get_path('stdlib'))"],
            capture_output=True,
            text=True,
        )
        if probe.returncode == 0 and (Path(probe.stdout.strip()) / "EXTERNALLY-MANAGED").exists():
            return exe
    return None


def test_readme_has_exactly_two_fresh_machine_commands() -> None:
    commands = readme_commands()
    assert len(commands) == 2
    install_and_render, install_and_test = commands
    assert "notawriter render examples/" in install_and_render
    assert "pytest" in install_and_test
    for command in commands:
        assert command.startswith("python3 -m venv .venv && "), command
        assert "\n" not in command


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()


def _copy_checkout(dest: Path) -> None:
    """The checkout's tracked and new files (no .venv, no outputs): what a fresh clone holds."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        src = ROOT / name
        if src.is_file():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)


def test_readme_commands_work_with_an_externally_managed_python(tmp_path: Path) -> None:
    base = externally_managed_python()
    if base is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("geen systeem-Python met EXTERNALLY-MANAGED-markering en venv gevonden (apt-get install python3-venv)")
        pytest.skip("no system Python with an EXTERNALLY-MANAGED marker here")
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    checkout = tmp_path / "notawriter"
    _copy_checkout(checkout)
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "python3").symlink_to(base)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON", "PIP_"))}
    env["PATH"] = f"{bindir}{os.pathsep}/usr/bin{os.pathsep}/bin"
    env["NOTAWRITER_SKIP_OFFICE"] = "1"

    # The premise: this interpreter refuses a plain pip install (PEP 668).
    refused = subprocess.run(
        ["python3", "-m", "pip", "install", "--dry-run", "."], cwd=checkout, env=env, capture_output=True, text=True
    )
    assert refused.returncode != 0 and "externally-managed-environment" in (refused.stdout + refused.stderr)

    install_and_render, install_and_test = readme_commands()
    first = subprocess.run(["bash", "-c", install_and_render], cwd=checkout, env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr[-2000:]
    assert (checkout / "uitvoer" / "kabinetsreactie-iob-nota.docx").stat().st_size > 10_000
    assert (checkout / "uitvoer" / "kabinetsreactie-iob-kamerbrief.docx").stat().st_size > 10_000

    # The test command verbatim, its pytest narrowed to one small file through PYTEST_ADDOPTS.
    env["PYTEST_ADDOPTS"] = "-q -p no:cacheprovider tests/test_markup.py"
    second = subprocess.run(["bash", "-c", install_and_test], cwd=checkout, env=env, capture_output=True, text=True)
    assert second.returncode == 0, (second.stdout + second.stderr)[-2000:]
    assert re.search(r"\d+ passed", second.stdout)


def test_every_subpackage_is_installed() -> None:
    """pyproject lists packages by hand: a new subpackage missing there breaks only installed copies."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "notawriter").rglob("__init__.py")
    }
    assert found <= listed, sorted(found - listed)
