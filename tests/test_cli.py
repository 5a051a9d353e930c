"""cli.py: thin wiring — fast help, schema output, one-line errors."""

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from notawriter.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kabinetsreactie-iob.yaml"


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


@pytest.mark.parametrize(
    "argv,expected,hint",
    [
        (["rendr", "nota.yaml"], "ongeldige keuze: 'rendr'", "zie 'notawriter --help'"),
        (["choose", "nota.yaml"], "de volgende argumenten ontbreken: BESLISPUNT, OPTIE", "zie 'notawriter choose --help'"),
        (["render", "nota.yaml", "--bestaat-niet"], "onbekende argumenten: --bestaat-niet", "zie 'notawriter render --help'"),
        (["render", "nota.yaml", "-o"], "argument -o/--output: verwacht één waarde", "zie 'notawriter render --help'"),
    ],
    ids=["misspelled-command", "missing-argument", "unknown-option", "option-without-value"],
)
def test_usage_errors_are_one_dutch_line_and_exit_2(argv: list[str], expected: str, hint: str, capsys) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    first, second = err.splitlines()
    assert first.startswith("fout: ") and expected in first
    assert second == hint
    for english in ("usage", "error", "invalid choice", "required", "unrecognized", "expected"):
        assert english not in err


def test_help_is_dutch(capsys) -> None:
    assert main(["--help"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("gebruik: notawriter") and "opties:" in text and "toon deze hulp" in text
    assert "usage:" not in text and "options:" not in text and "show this help" not in text
    assert main(["choose", "--help"]) == 0
    text = capsys.readouterr().out
    assert "gebruik: notawriter choose" in text and "-o MAP, --output MAP" in text and "usage:" not in text


def test_dutch_argparse_does_not_leak_to_other_parsers(capsys) -> None:
    main(["--help"])
    import argparse

    assert "usage:" in argparse.ArgumentParser(prog="ander").format_help()


def test_choose_with_output_folder_writes_the_documents_there(tmp_path: Path, capsys) -> None:
    note = tmp_path / "iob.yaml"
    shutil.copy(EXAMPLE, note)
    out = tmp_path / "uit"
    assert main(["choose", str(note), "migratie", "overnemen", "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["iob-kamerbrief.docx", "iob-nota.docx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["iob.yaml", "uit"]
    assert "Keuze vastgelegd: migratie = overnemen" in capsys.readouterr().out


def test_edit_help_names_every_wizard_section(capsys) -> None:
    from notawriter.wizard.flow import SECTIONS

    assert main(["edit", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert all(name in help_text for name in SECTIONS), [n for n in SECTIONS if n not in help_text]


def _every_argument(parser: Any, path: str = "notawriter") -> Iterator[tuple[str, Any]]:
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _every_argument(sub, f"{path} {name}")
        elif action.help is not argparse.SUPPRESS:
            yield path, action


def test_every_option_and_argument_has_a_help_text() -> None:
    from notawriter.cli import build_parser

    missing = [f"{path} {'/'.join(a.option_strings) or a.dest}" for path, a in _every_argument(build_parser()) if not a.help]
    assert missing == []


def test_lib_list_help_names_every_library_kind(capsys) -> None:
    from notawriter.library import KINDS

    assert main(["lib", "list", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--kind SOORT" in help_text and "KIND" not in help_text
    assert [kind for kind in KINDS if kind not in help_text] == []


@pytest.mark.parametrize("argv", [["lib", "list"], ["schema"]])
def test_output_to_a_closed_pipe_stops_quietly(argv: list[str]) -> None:
    import os

    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone, as after `| head -1`
    try:
        result = subprocess.run(
            [sys.executable, "-m", "notawriter", *argv], stdout=write_end, stderr=subprocess.PIPE, text=True
        )
    finally:
        os.close(write_end)
    assert result.stderr == "" and result.returncode == 141
