"""The Word layer (notawriter/word/) is the only code that imports python-docx or docxtpl."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "notawriter"
WORD_LIBRARIES = ("docx", "docxtpl")


def word_imports(path: Path) -> list[str]:
    """The python-docx/docxtpl modules a source file imports (at any depth, also inside functions)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        found += [n for n in names if n.split(".")[0] in WORD_LIBRARIES]
    return found


def test_only_the_word_package_imports_python_docx_or_docxtpl() -> None:
    outside = {
        str(path.relative_to(PACKAGE)): imports
        for path in sorted(PACKAGE.rglob("*.py"))
        if "word" not in path.relative_to(PACKAGE).parts[:1] and (imports := word_imports(path))
    }
    assert outside == {}


def test_the_word_package_does_import_them() -> None:
    """(The scan finds imports inside functions: the Word layer has them only there.)"""
    assert word_imports(PACKAGE / "word" / "template.py") == ["docxtpl"]
