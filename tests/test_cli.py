"""cli.py: thin wiring — fast help, schema output, one-line errors."""

import json
import subprocess
import sys
from pathlib import Path

from notawriter.cli import main


def test_help_does_not_import_the_heavy_stack() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from notawriter.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try: main(['--help'])\n"
        "    except SystemExit: pass\n"
        "heavy = [m for m in ('pydantic', 'docxtpl', 'docx', 'prompt_toolkit', 'questionary', 'ruamel.yaml', 'babel') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_python_dash_m_works() -> None:
    result = subprocess.run([sys.executable, "-m", "notawriter", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("notawriter ")


def test_schema_command_prints_the_json_schema(capsys) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "notawriter-nota" and "beslispunten" in schema["properties"]


def test_schema_to_file(tmp_path: Path) -> None:
    target = tmp_path / "nota.schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert json.loads(target.read_text())["properties"]["kop"]


def test_missing_note_is_one_dutch_line(tmp_path: Path, capsys) -> None:
    assert main(["render", str(tmp_path / "bestaat-niet.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("fout: ") and "bestaat niet" in err and err.count("\n") == 1


def test_no_command_prints_help_and_exits_2(capsys) -> None:
    assert main([]) == 2
    assert "render" in capsys.readouterr().out
