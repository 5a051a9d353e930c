"""Every shipped template and every document the bundled examples produce is valid Office 2019 XML.

openxml-audit (pure Python) checks a package against the Office schema and Word's own rules: what
it flags, Word may repair or refuse. The examples are rendered with --openbaar, so the public
versions are checked too.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from notawriter.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _audit_command() -> list[str]:
    found = shutil.which("openxml-audit") or str(Path(sys.executable).with_name("openxml-audit"))
    if not Path(found).exists():
        pytest.skip("openxml-audit is not installed (pip install '.[test]')")
    return [found]


def test_templates_and_example_documents_have_no_schema_errors(tmp_path: Path) -> None:
    command = _audit_command()
    out = tmp_path / "docs"
    out.mkdir()
    for template in (ROOT / "templates").glob("*.docx"):
        shutil.copy2(template, out / f"sjabloon-{template.name}")
    notes = [n for n in EXAMPLES if n.name != "notawriter.yaml"]
    assert notes, "the bundled examples"
    for note in notes:
        assert main(["render", str(note), "-o", str(out), "--openbaar"]) == 0, note
    documents = sorted(out.glob("*.docx"))
    assert len(documents) >= 10  # 4+ templates, 3 + 4 documents of the two examples, public versions
    result = subprocess.run(
        [*command, "-f", "office2019", "-r", "-o", "json", "-m", "5", str(out)], capture_output=True, text=True
    )
    reports = json.loads(result.stdout)
    assert {Path(r["file"]).name for r in reports} == {d.name for d in documents}
    errors = {Path(r["file"]).name: r["errors"] for r in reports if r["error_count"]}
    assert errors == {}
