"""Tests for notawriter.notepath: one path language for check, set and lib."""

from __future__ import annotations

from pathlib import Path

import pytest

from notawriter import edit, libsync, lint, notepath
from notawriter.cli import main
from notawriter.errors import NotaError
from notawriter.notefile import load_note

# Recommendations numbered out of order: number 2 sits at position 0, number 1 at position 1.
NOTE = """\
schema_version: 1
kop:
  onderwerp: X
beslispunten:
- key: migratie
  tekst: Kiest u?
  opties:
  - key: overnemen
    label: Overnemen
    tekstsuggestie: Wij nemen over.
  - key: niet
    label: Niet overnemen
aanbevelingen:
- nummer: '2'
  tekst: Tweede in het rapport.
- nummer: '1'
  tekst: Eerste in het rapport.
- nummer: 3a
  tekst: Derde.
"""


@pytest.fixture
def note(tmp_path: Path) -> Path:
    path = tmp_path / "nota.yaml"
    path.write_text(NOTE, encoding="utf-8")
    return path


def test_parse_names_positions_keys_and_named_keys() -> None:
    steps = notepath.parse("beslispunten[migratie].opties[0].label")
    assert [(s.kind, s.value) for s in steps] == [
        ("name", "beslispunten"),
        ("key", "migratie"),
        ("name", "opties"),
        ("index", "0"),
        ("name", "label"),
    ]
    named = notepath.parse("aanbevelingen[nummer=2].reactie")[1]
    assert (named.kind, named.field, named.value, named.written()) == ("key", "nummer", "2", "[nummer=2]")


def test_format_path_and_parse_loc_are_each_others_inverse() -> None:
    loc = ["beslispunten", 0, "opties", 12, "tekstsuggestie"]
    assert notepath.format_path(loc) == "beslispunten[0].opties[12].tekstsuggestie"
    assert notepath.parse_loc(notepath.format_path(loc)) == loc


@pytest.mark.parametrize("text", ["", "kop..datum", "kop[", "[0]", "kop]x"])
def test_text_that_is_no_path_is_refused_with_examples(text: str) -> None:
    with pytest.raises(notepath.PathError, match="geen geldig veldpad; bijv. kop.onderwerp"):
        notepath.parse(text)


def test_set_position_counts_from_zero_even_when_numbers_are_keys(note: Path) -> None:
    edit.set_values(note, ["aanbevelingen[1].reactie=Over nummer 1."])
    recs = load_note(note).aanbevelingen
    assert (recs[1].nummer, recs[1].reactie) == ("1", "Over nummer 1.")
    assert recs[0].reactie is None


def test_set_numeric_key_is_written_field_equals_value(note: Path) -> None:
    edit.set_values(note, ["aanbevelingen[nummer=2].reactie=Over nummer 2."])
    recs = load_note(note).aanbevelingen
    assert (recs[0].nummer, recs[0].reactie) == ("2", "Over nummer 2.")


def test_set_key_that_is_not_only_digits_selects_by_key(note: Path) -> None:
    edit.set_values(note, ["aanbevelingen[3a].reactie=Ja.", "beslispunten[migratie].opties[niet].label=Nee"])
    nota = load_note(note)
    assert nota.aanbevelingen[2].reactie == "Ja."
    assert nota.beslispunten[0].opties[1].label == "Nee"


def test_dotted_numeric_key_is_ambiguous_and_names_both_forms(note: Path) -> None:
    before = note.read_bytes()
    with pytest.raises(NotaError) as exc:
        edit.set_values(note, ["aanbevelingen.2.reactie=x"])
    assert "'aanbevelingen.2' is dubbelzinnig" in exc.value.message
    assert "aanbevelingen[2] voor de positie (tellen vanaf 0)" in exc.value.message
    assert "aanbevelingen[nummer=2] voor de sleutel 2" in exc.value.message
    assert note.read_bytes() == before


def test_position_past_the_end_hints_at_the_key_of_that_number(tmp_path: Path) -> None:
    path = tmp_path / "nota.yaml"
    path.write_text(NOTE.replace("- nummer: 3a", "- nummer: '7'"), encoding="utf-8")
    with pytest.raises(NotaError) as exc:
        edit.set_values(path, ["aanbevelingen[7].reactie=x"])
    assert "aanbevelingen[7] bestaat niet; er zijn 3: aanbevelingen[0] t/m aanbevelingen[2]" in exc.value.message
    assert "bedoelde u aanbevelingen[nummer=7]?" in exc.value.message


def test_wrong_key_field_names_the_right_one(note: Path) -> None:
    with pytest.raises(NotaError, match=r"worden niet op 'key' gekozen; schrijf aanbevelingen\[nummer=2\]"):
        edit.set_values(note, ["aanbevelingen[key=2].reactie=x"])


def test_the_path_check_reports_is_the_path_set_accepts(note: Path) -> None:
    wanted = "beslispunten[0].opties[1].tekstsuggestie"
    assert wanted in {f.path for f in lint.check_note(note)}
    assert main(["set", str(note), f"{wanted}=Wij nemen niet over."]) == 0
    assert wanted not in {f.path for f in lint.check_note(note)}
    assert load_note(note).beslispunten[0].opties[1].tekstsuggestie == "Wij nemen niet over."


def test_item_label_writes_numeric_keys_so_that_they_read_back(note: Path) -> None:
    nota = load_note(note)
    labels = [libsync.item_label(nota, ["aanbevelingen", i]) for i in range(3)]
    assert labels == ["aanbevelingen[nummer=2]", "aanbevelingen[nummer=1]", "aanbevelingen[3a]"]
    assert libsync.item_label(nota, ["beslispunten", 0, "opties", 1]) == "beslispunten[migratie].opties[niet]"


def test_lib_add_reads_the_same_language(note: Path, tmp_path: Path) -> None:
    kind, loc = libsync.parse_item_path("beslispunten[migratie].opties[1]")
    assert kind == "optie"
    assert libsync.locate_item(load_note(note), loc, note, "beslispunten[migratie].opties[1]") == [
        "beslispunten",
        0,
        "opties",
        1,
    ]


def test_wizard_question_names_are_read_as_paths_with_their_tag_left_out() -> None:
    assert notepath.segments("beslispunten[1].opties[0].label#menu") == [
        ("beslispunten", "1"),
        ("opties", "0"),
        ("label", ""),
    ]
    assert notepath.segments("#overzicht") == []
    assert notepath.position_in("beslispunten[0].opties", "beslispunten[0].opties[3].label") == 3
    assert notepath.position_in("moties", "moties[2]#menu") == 2
    assert notepath.position_in("moties", "motiesx[1].key") is None


def test_lib_update_selects_an_item_by_any_spelling_of_its_path(tmp_path: Path) -> None:
    import shutil

    from notawriter import library

    lib_dir = tmp_path / "eigen"
    shutil.copytree(Path(__file__).parent / "fixtures" / "libraries" / "eigen", lib_dir)
    item = library.load_libraries([lib_dir]).get("optie", "proef-optie")
    note = tmp_path / "nota.yaml"
    note.write_text(
        "schema_version: 1\nkop:\n  onderwerp: X\nbeslispunten:\n  - key: keuze\n    opties:\n"
        "      - key: doen\n        label: Wel doen\n        samenvatting: het voorstel uitvoeren.\n"
        "        tekstsuggestie: Het kabinet voert het voorstel uit.\n        argumenten_voor:\n"
        "          - Het is goedkoop.\n        herkomst:\n          bibliotheek: proef\n          id: proef-optie\n"
        f"          hash: {item.content_hash()}\n      - key: laten\n",
        encoding="utf-8",
    )
    proef = lib_dir / "proef.yaml"
    for spelling, label in (("beslispunten[keuze].opties[0]", "Zeker"), ("beslispunten[0].opties[doen]", "Wel doen")):
        old = "Wel doen" if label == "Zeker" else "Zeker"
        proef.write_text(
            proef.read_text(encoding="utf-8").replace(f"label: {old}", f"label: {label}"), encoding="utf-8"
        )
        libs = library.load_libraries([lib_dir])
        applied = libsync.update(note, libs, id=spelling, yes=True, out=lambda _: None)
        assert [d.herkomst.id for d in applied] == ["proef-optie"]
        assert load_note(note).beslispunten[0].opties[0].label == label
