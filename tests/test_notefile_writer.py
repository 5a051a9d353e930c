"""The one writer of note files (notefile.write_note): every command that saves a note keeps the
file's own indentation and comments, and `set` still changes only the value it sets."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from notawriter import library, notefile
from notawriter.cli import main
from notawriter.notefile import load_note, save_note

TESTS = Path(__file__).parent
MOTIE = TESTS / "fixtures" / "tk" / "motie-boomsma-36600-XX-24.json"
REPORT = TESTS / "fixtures" / "reports" / "evaluatie-inburgering.txt"

# Four spaces for mappings; a list's dash four in and its item four further ('-   '): not the house style.
NOTE = """\
# Nota met vier spaties: dit commentaar blijft staan
schema_version: 1
kop:
    onderwerp: Kabinetsreactie   # werktitel
    aan: M
ondertekenaars:
    -   afkorting: M   # de minister
        titel: Minister van Buitenlandse Zaken
        naam: C.C.J. Veldkamp
beslispunten:
    -   key: keuze   # eigen commentaar bij het beslispunt
        tekst: |
            Gaat u akkoord met de keuze?
        akkoord: [M]
        opties:
            -   key: doen
                label: Wel doen
                samenvatting: het voorstel uitvoeren.
                tekstsuggestie: Het kabinet voert het voorstel uit.
                argumenten_voor:
                    -   Het is goedkoop.
                herkomst:
                    bibliotheek: proef
                    id: proef-optie
                    hash: HASH
            -   key: laten
                label: Niet doen
niet_openbaar: N.v.t.   # staat vast
"""


@pytest.fixture
def lib_dir(tmp_path: Path) -> Path:
    target = tmp_path / "eigen"
    shutil.copytree(TESTS / "fixtures" / "libraries" / "eigen", target)
    return target


@pytest.fixture
def note(tmp_path: Path, lib_dir: Path) -> Path:
    item = library.load_libraries([lib_dir]).get("optie", "proef-optie")
    path = tmp_path / "nota.yaml"
    path.write_text(NOTE.replace("HASH", item.content_hash()), encoding="utf-8")
    return path


def removed_and_added(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [d[2:] for d in diff if d.startswith("- ")], [d[2:] for d in diff if d.startswith("+ ")]


def assert_four_space_style(added: list[str]) -> None:
    """New lines follow the file's style: indentation in steps of four, list items as '-   key:'."""
    assert added
    for line in added:
        indent = len(line) - len(line.lstrip(" "))
        assert indent % 4 == 0, f"ingesprongen met {indent} spaties: {line!r}"
        stripped = line.lstrip(" ")
        if stripped.startswith("- "):
            assert stripped.startswith("-   "), f"streepje niet zoals in het bestand: {line!r}"


def test_motie_import_into_keeps_indentation_and_comments(note: Path) -> None:
    before = note.read_text(encoding="utf-8")
    assert main(["motie", "import", str(MOTIE), "--into", str(note)]) == 0
    removed, added = removed_and_added(before, note.read_text(encoding="utf-8"))
    assert removed == []
    assert_four_space_style(added)
    assert load_note(note).motie("boomsma-24").volgnummer == 24


def test_import_aanbevelingen_into_keeps_indentation_and_comments(note: Path) -> None:
    before = note.read_text(encoding="utf-8")
    assert main(["import-aanbevelingen", str(REPORT), "--into", str(note)]) == 0
    removed, added = removed_and_added(before, note.read_text(encoding="utf-8"))
    assert removed == []
    assert_four_space_style(added)
    assert len(load_note(note).aanbevelingen) == 3


def test_lib_update_keeps_indentation_and_comments(note: Path, lib_dir: Path) -> None:
    proef = lib_dir / "proef.yaml"
    proef.write_text(
        proef.read_text(encoding="utf-8").replace("label: Wel doen", "label: Zeker doen"), encoding="utf-8"
    )
    before = note.read_text(encoding="utf-8")
    assert main(["lib", "--library", str(lib_dir), "update", str(note), "--yes"]) == 0
    removed, added = removed_and_added(before, note.read_text(encoding="utf-8"))
    assert [r.strip().split(":")[0] for r in removed] == ["label", "hash"]
    assert [a.strip().split(":")[0] for a in added] == ["label", "hash"]
    assert_four_space_style(added)
    assert load_note(note).beslispunten[0].opties[0].label == "Zeker doen"


def test_wizard_save_keeps_indentation_and_comments(note: Path) -> None:
    before = note.read_text(encoding="utf-8")
    nota = load_note(note)
    nota.kop.aan = "M en R"
    nota.beslispunten[0].opties[1].tekstsuggestie = "Het kabinet laat het voorstel rusten.\nTweede regel."
    save_note(note, nota)  # what the wizard calls after every answer
    removed, added = removed_and_added(before, note.read_text(encoding="utf-8"))
    assert removed == ["    aan: M"]
    assert added[0] == "    aan: M en R"
    assert_four_space_style(added)
    assert load_note(note).beslispunten[0].opties[1].tekstsuggestie.endswith("Tweede regel.")


def test_set_changes_only_the_value(note: Path) -> None:
    before = note.read_text(encoding="utf-8")
    assert main(["set", str(note), "beslispunten[keuze].opties[1].label=Laten"]) == 0
    removed, added = removed_and_added(before, note.read_text(encoding="utf-8"))
    assert (removed, added) == (["                label: Niet doen"], ["                label: Laten"])


def test_a_byte_order_mark_is_kept_by_a_whole_file_save(note: Path) -> None:
    note.write_bytes(b"\xef\xbb\xbf" + note.read_bytes())
    assert main(["motie", "import", str(MOTIE), "--into", str(note)]) == 0
    assert note.read_bytes().startswith(b"\xef\xbb\xbf# Nota met vier spaties")


def test_a_save_of_a_note_changed_since_it_was_loaded_is_refused(note: Path) -> None:
    doc = notefile.load_document(note)
    note.write_text(note.read_text(encoding="utf-8").replace("aan: M", "aan: R"), encoding="utf-8")
    doc.data["kop"]["onderwerp"] = "Anders"
    with pytest.raises(Exception, match="is gewijzigd sinds notawriter het las"):
        notefile.save_document(doc)
    assert "aan: R" in note.read_text(encoding="utf-8")


def test_library_files_written_by_lib_add_and_motie_import_keep_their_style(note: Path, tmp_path: Path) -> None:
    lib = tmp_path / "mijn.yaml"
    lib.write_text(
        "# mijn bibliotheek\nbibliotheek: mijn\nmoties:\n    -   id: oud\n        key: oud   # blijft\n        volgnummer: 1\n",
        encoding="utf-8",
    )
    before = lib.read_text(encoding="utf-8")
    assert main(["motie", "import", str(MOTIE), "--to", str(lib)]) == 0
    assert main(["lib", "add", str(note), "beslispunten[keuze].opties[laten]", "--to", str(lib)]) == 0
    removed, added = removed_and_added(before, lib.read_text(encoding="utf-8"))
    assert removed == []
    assert_four_space_style(added)
    assert {i.id for i in library.load_library_file(lib).items} >= {"oud", "laten"}
