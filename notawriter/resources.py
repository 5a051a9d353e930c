"""Where the shipped templates and option libraries are, installed or from a source checkout."""

from __future__ import annotations

from pathlib import Path


def shipped_dir(name: str) -> Path:
    """The folder of shipped data `name` ('templates' or 'options').

    Installed, they are the subpackages notawriter.templates / notawriter.options (pyproject maps
    the top-level folders there). Run from a source checkout (e.g. `python -m pytest` in the repo,
    where ./notawriter shadows the installed package), they are the folders beside the package.
    """
    beside = Path(__file__).resolve().parent.parent / name
    if beside.is_dir() and (beside / "__init__.py").exists():
        return beside
    from importlib.resources import files

    return Path(str(files(f"notawriter.{name}")))
