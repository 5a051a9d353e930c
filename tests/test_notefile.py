"""notefile.py: load with errors naming file, line and field; save readable YAML atomically."""

from pathlib import Path

import pytest

from notawriter.errors import NoteFileError
from notawriter.model import Nota
from notawriter.notefile import load_document, load_note, save_note


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "nota.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "text,fragment",
    [
        ("kop:\n\tonderwerp: x\n", "tab gevonden"),
        ("kop: {onderwerp: x}\nkop: {onderwerp: y}\n", "'kop' komt twee keer voor"),
        ("- een\n- twee\n", "bevat een lijst"),
        ("", "is leeg"),
        ("kop:\n  onderwerp: x\n  onderwrep: y\n", "bedoelde u 'onderwerp'"),
        ("kop:\n  onderwerp: x\nschema_version: 2\n", "schema_version 2 wordt niet ondersteund"),
        ("kop:\n  onderwerp: x\nbeslispunten: geen\n", "moet een lijst zijn"),
        ("kop:\n  onderwerp: x\n  referentie: 2407961\n", "zet de waarde tussen aanhalingstekens: '2407961'"),
        ("kop:\n  onderwerp: true\n", "zet de waarde tussen aanhalingstekens: 'true'"),
        ("kop:\n  onderwerp:\n", "vul een waarde in"),
    ],
)
def test_errors_name_file_and_say_what_is_allowed(tmp_path: Path, text: str, fragment: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(NoteFileError) as info:
        load_note(path)
    assert fragment in info.value.message and str(path) in info.value.message


def test_error_points_at_the_line_of_the_field(tmp_path: Path) -> None:
    path = write(tmp_path, "schema_version: 1\nkop:\n  onderwerp: x\nbeslispunten:\n  - tekst: t\n    akkoord: [Q]\n")
    with pytest.raises(NoteFileError) as info:
        load_note(path)
    assert info.value.line == 6 and info.value.field == "beslispunten[0].akkoord"


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "windows.yaml"
    path.write_bytes(b"\xef\xbb\xbfschema_version: 1\r\nkop:\r\n  onderwerp: Uit Kladblok\r\n")
    assert load_note(path).kop.onderwerp == "Uit Kladblok"


def test_save_then_load_round_trips_and_uses_block_text(tmp_path: Path) -> None:
    nota = Nota.model_validate({"kop": {"onderwerp": "X", "datum": "6-1-2025"}, "aanleiding": "Een.\n\nTwee."})
    path = tmp_path / "n.yaml"
    save_note(path, nota)
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    assert "aanleiding: |" in text and "datum: '2025-01-06'" in text or "datum: 2025-01-06" in text
    assert load_note(path) == nota


def test_load_document_keeps_the_round_trip_data(tmp_path: Path) -> None:
    path = write(tmp_path, "# mijn opmerking\nschema_version: 1\nkop:\n  onderwerp: x  # inline\n")
    doc = load_document(path)
    assert doc.nota.kop.onderwerp == "x" and doc.data["kop"]["onderwerp"] == "x"


COMMENTED = """\
# Mijn nota — opmerkingen blijven staan
schema_version: 1
kop:
  onderwerp: Test   # het onderwerp
  datum: 2025-01-06
ondertekenaars:
  - {afkorting: M, titel: Minister, naam: A}
beslispunten:
  # het eerste punt
  - akkoord: [M]
    tekst: de Kamerbrief
  - key: b
    akkoord: [M]
    tekst: keuze   # over b
    opties:
      - {key: x, label: X}
      - {key: y, label: Y}
"""


def test_saving_an_unchanged_note_keeps_the_file_as_written(tmp_path: Path) -> None:
    path = write(tmp_path, COMMENTED)
    save_note(path, load_note(path))
    assert path.read_text() == COMMENTED


def test_saving_changes_only_what_changed_and_keeps_comments(tmp_path: Path) -> None:
    path = write(tmp_path, COMMENTED)
    nota = load_note(path)
    nota.beslispunten[1].keuze = "y"
    nota.kop.referentie = "BZ1"
    del nota.beslispunten[0]
    save_note(path, nota)
    text = path.read_text()
    assert load_note(path) == nota
    assert "# Mijn nota" in text and "# het onderwerp" in text and "# over b" in text
    # 'y' quoted: a YAML 1.1 reader (many editors and tools) would read a plain y as true
    assert "  referentie: BZ1\n" in text and "    keuze: 'y'\n" in text
    assert "de Kamerbrief" not in text
    assert "      - {key: x, label: X}\n" in text  # untouched items keep their flow style


@pytest.mark.parametrize("answer", ["yes", "Off", "n", "12:30", "~"])
def test_saving_quotes_text_a_yaml_1_1_reader_would_misread(tmp_path: Path, answer: str) -> None:
    from ruamel.yaml import YAML

    path = write(tmp_path, COMMENTED)
    nota = load_note(path)
    nota.kop.aan = answer
    save_note(path, nota)
    assert load_note(path).kop.aan == answer
    yaml11 = YAML(typ="safe", pure=True)
    yaml11.version = (1, 1)
    assert yaml11.load(path.read_text())["kop"]["aan"] == answer


def test_an_answer_replacing_an_empty_text_is_not_quoted(tmp_path: Path) -> None:
    path = write(tmp_path, "schema_version: 1\nkop:\n  onderwerp: X\nondertekenaars:\n  - afkorting: M\n    titel: ''\n    naam: ''\n")
    nota = load_note(path)
    nota.ondertekenaars[0].titel = "Minister van Klimaat en Groene Groei"
    nota.ondertekenaars[0].naam = "S.T.M. Hermans"
    save_note(path, nota)
    text = path.read_text()
    assert "    titel: Minister van Klimaat en Groene Groei\n" in text and "    naam: S.T.M. Hermans\n" in text
    assert load_note(path) == nota
