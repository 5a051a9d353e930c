"""Tests for notawriter.library: library files, search path, copies with herkomst, drift, lib add."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from notawriter import library, libsync
from notawriter.cli import main
from notawriter.errors import NotaError, NoteFileError
from notawriter.notefile import load_note, validate

FIXTURES = Path(__file__).parent / "fixtures" / "libraries"
SHIPPED = ("appreciaties", "argumenten", "beslispunten", "migratie", "ondertekenaars")


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user environment or project config leaks into a test."""
    monkeypatch.delenv(library.ENV_VAR, raising=False)
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)


def copy_fixture(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(FIXTURES / name, target)
    return target


def write_note(path: Path, body: str = "") -> Path:
    path.write_text("schema_version: 1\nkop:\n  onderwerp: X\n" + body, encoding="utf-8")
    return path


def tracked_option_note(tmp_path: Path, lib_dir: Path) -> Path:
    """A note holding a copy of 'proef-optie' with its herkomst, plus comments to keep."""
    item = library.load_libraries([lib_dir]).get("optie", "proef-optie")
    return write_note(
        tmp_path / "nota.yaml",
        "# commentaar bovenaan de beslispunten\n"
        "beslispunten:\n"
        "  - key: keuze  # eigen commentaar bij het beslispunt\n"
        "    opties:\n"
        "      - key: doen\n"
        "        label: Wel doen\n"
        "        samenvatting: het voorstel uitvoeren.\n"
        "        tekstsuggestie: Het kabinet voert het voorstel uit.\n"
        "        argumenten_voor:\n"
        "          - Het is goedkoop.\n"
        "        herkomst:\n"
        "          bibliotheek: proef\n"
        "          id: proef-optie\n"
        f"          hash: {item.content_hash()}\n"
        "      - key: laten\n"
        "niet_openbaar: N.v.t.  # staat vast\n",
    )


def edit_library_label(lib_dir: Path, new_label: str) -> None:
    path = lib_dir / "proef.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("label: Wel doen", f"label: {new_label}"), encoding="utf-8"
    )


# --- shipped libraries ----------------------------------------------------------------------------


def test_shipped_libraries_load_and_every_item_instantiates() -> None:
    libs = library.load_libraries()
    assert {lib.name for lib in libs.files} == set(SHIPPED)
    assert libs.warnings == []
    for item in libs.items():
        copy = library.instantiate(item)
        if item.kind == "argument":
            assert isinstance(copy, str) and copy
        else:
            assert copy.herkomst.hash == item.content_hash()


def test_shipped_libraries_offer_the_standard_items() -> None:
    libs = library.load_libraries()
    assert {i.id for i in libs.items("optie")} >= {
        "overnemen",
        "deels-overnemen",
        "niet-overnemen",
        "staand-beleid",
        "migratie-risicoanalyse-overnemen",
        "migratie-risicoanalyse-niet-overnemen",
    }
    assert {i.id for i in libs.items("beslispunten")} >= {
        "eenheid-kabinetsbeleid",
        "akkoord-kamerbrief",
        "akkoord-bijlage",
        "akkoord-verzending",
    }
    # functions, not people: no name is current without a period of office (issue 12)
    assert {i.id: i.data["naam"] for i in libs.items("ondertekenaar")} == {"M": "", "R": ""}
    assert all(n.sinds is not None and n.tot is not None for i in libs.items("ondertekenaar") for n in i.names)
    assert len(libs.items("argument")) >= 5


def test_shipped_boomsma_motion_is_cited_as_in_the_reference_note() -> None:
    motion = library.instantiate(library.load_libraries().get("motie", "boomsma-24"))
    assert [(i.naam, i.fractie) for i in motion.indieners] == [("Boomsma", "NSC")]
    assert motion.medeindienende_fracties == ["SGP", "CU"]
    assert (motion.dossier, motion.toevoeging, motion.volgnummer, motion.status) == ("36 600", "XX", 24, "aangehouden")
    assert motion.verzoek.startswith("verzoekt de regering")


def test_migration_option_with_its_motion_fits_in_a_note(tmp_path: Path) -> None:
    libs = library.load_libraries()
    item = libs.get("optie", "migratie-risicoanalyse-overnemen")
    assert library.required_motions(item) == ["boomsma-24"]
    option = library.instantiate(item)
    other = library.instantiate(libs.get("optie", "migratie-risicoanalyse-niet-overnemen"))
    motion = library.instantiate(libs.get("motie", "boomsma-24"))
    data = {
        "schema_version": 1,
        "kop": {"onderwerp": "X"},
        "beslispunten": [{"key": "migratie", "opties": [option.model_dump(), other.model_dump()]}],
        "moties": [motion.model_dump()],
    }
    nota = validate(data, tmp_path / "nota.yaml")
    assert nota.beslispunten[0].opties[0].key == "overnemen"


# --- items and hashes -----------------------------------------------------------------------------


def test_instantiate_carries_herkomst_with_library_id_and_hash() -> None:
    item = library.load_libraries([FIXTURES / "eigen"]).get("optie", "proef-optie")
    option = library.instantiate(item)
    assert option.key == "doen"
    assert (option.herkomst.bibliotheek, option.herkomst.id) == ("proef", "proef-optie")
    assert option.herkomst.hash == item.content_hash()
    assert len(item.content_hash()) == 12 and int(item.content_hash(), 16) >= 0


def test_ids_default_to_key_and_afkorting() -> None:
    libs = library.load_libraries([FIXTURES / "eigen"])
    assert library.instantiate(libs.get("motie", "proef-motie")).key == "proef-motie"
    assert library.instantiate(libs.get("ondertekenaar", "S")).afkorting == "S"
    assert library.instantiate(libs.get("argument", "proef-argument")) == "Het kost tijd."


def test_content_hash_ignores_id_herkomst_and_formatting(tmp_path: Path) -> None:
    a = tmp_path / "a.yaml"
    b = tmp_path / "b.yaml"
    a.write_text("opties:\n  - id: x\n    key: k\n    label: L\n", encoding="utf-8")
    b.write_text(
        "opties:\n  - {id: y, label: 'L', key: k, samenvatting: '',\n"
        "     herkomst: {bibliotheek: z, id: q, hash: '0'}}\n",
        encoding="utf-8",
    )
    first = library.load_library_file(a).items[0]
    second = library.load_library_file(b).items[0]
    assert first.content_hash() == second.content_hash()


def test_get_without_kind_refuses_an_id_used_by_two_kinds(tmp_path: Path) -> None:
    (tmp_path / "twee.yaml").write_text("opties:\n  - id: x\nargumenten:\n  - id: x\n    tekst: T\n", encoding="utf-8")
    libs = library.load_libraries([tmp_path / "twee.yaml"])
    assert libs.get("argument", "x").data == {"tekst": "T"}
    with pytest.raises(NotaError, match="'x' is niet eenduidig; geef de soort mee: optie:x, argument:x"):
        libs.get(None, "x")


def test_get_unknown_id_suggests_a_near_match() -> None:
    with pytest.raises(NotaError, match="bedoelde u overnemen"):
        library.load_libraries().get("optie", "overneme")


# --- search path ----------------------------------------------------------------------------------


def test_search_path_order_is_flags_env_config_shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dirs = {name: tmp_path / name for name in ("vlag", "env1", "env2", "project", "gedeeld")}
    for d in dirs.values():
        d.mkdir()
    monkeypatch.setenv(library.ENV_VAR, f"{dirs['env1']}{library.os.pathsep}{dirs['env2']}")
    (dirs["project"] / "notawriter.yaml").write_text("bibliotheken: [../gedeeld]\n", encoding="utf-8")
    note = write_note(dirs["project"] / "nota.yaml")
    path = library.search_path([dirs["vlag"]], note)
    assert [p.resolve() for p in path] == [
        dirs["vlag"].resolve(),
        dirs["env1"].resolve(),
        dirs["env2"].resolve(),
        dirs["gedeeld"].resolve(),
        library.shipped_dir().resolve(),
    ]


def test_config_file_in_cwd_is_used_without_a_note(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "eigen", Path.cwd() / "bib")
    (Path.cwd() / "notawriter.yaml").write_text("bibliotheken:\n  - bib\n", encoding="utf-8")
    assert library.load_libraries().get("optie", "proef-optie").library == "proef"


def test_env_var_library_is_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(library.ENV_VAR, str(FIXTURES / "eigen"))
    assert library.load_libraries().get("beslispunt", "proef-beslispunt").library == "proef"


def test_missing_folder_in_config_names_file_line_and_field(tmp_path: Path) -> None:
    (tmp_path / "notawriter.yaml").write_text("# project\nbibliotheken:\n  - bestaat-niet\n", encoding="utf-8")
    note = write_note(tmp_path / "nota.yaml")
    with pytest.raises(NoteFileError) as exc:
        library.load_libraries([], note)
    assert "notawriter.yaml, regel 3, veld 'bibliotheken[0]'" in exc.value.message
    assert "map 'bestaat-niet' bestaat niet" in exc.value.message


def test_missing_folders_from_flag_and_env_are_clear_errors(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lib", "--library", "nergens", "list"]) == 2
    assert "--library nergens: map bestaat niet" in capsys.readouterr().err
    monkeypatch.setenv(library.ENV_VAR, "ook-nergens")
    assert main(["lib", "list"]) == 2
    assert "NOTAWRITER_LIBRARY: map 'ook-nergens' bestaat niet" in capsys.readouterr().err


def test_earlier_entry_shadows_later_with_a_warning_naming_both_files(capsys: pytest.CaptureFixture[str]) -> None:
    libs = library.load_libraries([FIXTURES / "schaduw"])
    assert libs.get("optie", "overnemen").library == "mijn-appreciaties"
    assert main(["lib", "--library", str(FIXTURES / "schaduw"), "list", "--kind", "optie"]) == 0
    captured = capsys.readouterr()
    mine = (FIXTURES / "schaduw" / "mijn-appreciaties.yaml").resolve()
    assert captured.err.splitlines() == [
        f"waarschuwing: {(library.shipped_dir() / 'appreciaties.yaml').resolve()}: 1 van de 4 item(s) worden niet "
        f"gebruikt (optie 'overnemen'): {mine} staat eerder in het zoekpad en heeft items met dezelfde id "
        "(eerder in het zoekpad gaat voor)"
    ]
    assert "Overnemen (eigen formulering)" in captured.out


# --- bad library files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        (
            "fout-veld",
            [
                "fout.yaml, regel 5, veld 'opties[1].labl'",
                "optie 'verkeerd'",
                "onbekend veld 'labl'",
                "bedoelde u 'label'",
            ],
        ),
        ("dubbel", ["dubbel.yaml, regel 6, veld 'argumenten[2].id'", "id 'een' komt twee keer voor", "ook op regel 2"]),
        ("geen-yaml", ["kapot.yaml, regel", "aanhalingsteken niet gesloten"]),
        ("geen-id", ["geen-id.yaml, regel 2, veld 'argumenten[0].id'", "item zonder id"]),
    ],
)
def test_bad_library_file_exits_2_with_location_and_writes_nothing(
    folder: str, expected: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib_dir = copy_fixture(folder, tmp_path)
    note = tracked_option_note(tmp_path, copy_fixture("eigen", tmp_path))
    before = {p: p.read_bytes() for p in [note, *lib_dir.iterdir()]}
    assert main(["lib", "--library", str(lib_dir), "update", str(note), "--yes"]) == 2
    err = capsys.readouterr().err
    for part in expected:
        assert part in err
    assert err.count("\n") == 1 and err.startswith("fout: ")
    assert {p: p.read_bytes() for p in before} == before


def test_unknown_top_level_key_suggests_the_kind(tmp_path: Path) -> None:
    bad = tmp_path / "b.yaml"
    bad.write_text("optie:\n  - id: x\n", encoding="utf-8")
    with pytest.raises(NoteFileError, match="regel 1, veld 'optie': onbekend veld 'optie'; bedoelde u 'opties'"):
        library.load_library_file(bad)


def test_item_validation_error_is_in_dutch_with_item_id(tmp_path: Path) -> None:
    bad = tmp_path / "b.yaml"
    bad.write_text("moties:\n  - key: m1\n    volgnummer: nul\n", encoding="utf-8")
    with pytest.raises(NoteFileError) as exc:
        library.load_library_file(bad)
    assert "regel 3, veld 'moties[0].volgnummer': motie 'm1': moet een heel getal zijn" in exc.value.message


# --- drift: status and update ---------------------------------------------------------------------


def test_status_is_clean_until_the_library_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib_dir = copy_fixture("eigen", tmp_path)
    note = tracked_option_note(tmp_path, lib_dir)
    assert libsync.status(note, library.load_libraries([lib_dir])) == []
    edit_library_label(lib_dir, "Zeker doen")
    drifts = libsync.status(note, library.load_libraries([lib_dir]))
    assert [(d.kind, d.path, d.index_path, d.herkomst.id, d.vanished) for d in drifts] == [
        ("optie", "beslispunten[keuze].opties[doen]", "beslispunten[0].opties[0]", "proef-optie", False)
    ]
    assert main(["lib", "--library", str(lib_dir), "status", str(note)]) == 0
    out = capsys.readouterr().out
    assert "beslispunten[keuze].opties[doen]: optie 'proef-optie' is gewijzigd in bibliotheek 'proef'" in out
    assert "1 item(s) uit bibliotheken gevolgd, 1 gewijzigd of verdwenen" in out


def test_used_library_files_are_the_origins_of_tracked_copies(tmp_path: Path) -> None:
    lib_dir = copy_fixture("eigen", tmp_path)
    note = tracked_option_note(tmp_path, lib_dir)
    assert libsync.used_library_files(note, [lib_dir]) == [(lib_dir / "proef.yaml").resolve()]


def test_vanished_library_item_is_reported_and_skipped_by_update(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib_dir = copy_fixture("eigen", tmp_path)
    note = tracked_option_note(tmp_path, lib_dir)
    path = lib_dir / "proef.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: proef-optie", "id: andere-optie"), encoding="utf-8")
    drifts = libsync.status(note, library.load_libraries([lib_dir]))
    assert [(d.vanished, d.library_found) for d in drifts] == [(True, True)]
    before = note.read_bytes()
    assert main(["lib", "--library", str(lib_dir), "update", str(note)]) == 0
    assert "staat niet meer in bibliotheek 'proef'" in capsys.readouterr().out
    assert note.read_bytes() == before


def test_update_with_yes_applies_change_and_keeps_comments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib_dir = copy_fixture("eigen", tmp_path)
    note = tracked_option_note(tmp_path, lib_dir)
    edit_library_label(lib_dir, "Zeker doen")
    assert main(["lib", "--library", str(lib_dir), "update", str(note), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "-label: Wel doen" in out and "+label: Zeker doen" in out and "--- in de nota" in out
    text = note.read_text(encoding="utf-8")
    assert "# commentaar bovenaan de beslispunten" in text
    assert "# eigen commentaar bij het beslispunt" in text and "# staat vast" in text
    option = load_note(note).beslispunten[0].opties[0]
    new_hash = library.load_libraries([lib_dir]).get("optie", "proef-optie").content_hash()
    assert (option.label, option.herkomst.hash) == ("Zeker doen", new_hash)
    assert libsync.status(note, library.load_libraries([lib_dir])) == []


def test_update_keeps_a_key_renamed_in_the_note(tmp_path: Path) -> None:
    lib_dir = copy_fixture("eigen", tmp_path)
    note = tracked_option_note(tmp_path, lib_dir)
    note.write_text(note.read_text(encoding="utf-8").replace("- key: doen", "- key: uitvoeren"), encoding="utf-8")
    edit_library_label(lib_dir, "Zeker doen")
    assert [d.change for d in libsync.status(note, library.load_libraries([lib_dir]))] == [libsync.Change.LIBRARY]
    applied = libsync.update(note, library.load_libraries([lib_dir]), yes=True, out=lambda _: None)
    assert [d.herkomst.id for d in applied] == ["proef-optie"]
    option = load_note(note).beslispunten[0].opties[0]
    assert (option.key, option.label) == ("uitvoeren", "Zeker doen")


def test_update_without_tty_and_without_yes_refuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib_dir = copy_fixture("eigen", tmp_path)
    note = tracked_option_note(tmp_path, lib_dir)
    edit_library_label(lib_dir, "Zeker doen")
    before = note.read_bytes()
    assert main(["lib", "--library", str(lib_dir), "update", str(note)]) == 2
    captured = capsys.readouterr()
    assert "geen terminal om te bevestigen; voeg --yes toe" in captured.err
    assert "+label: Zeker doen" in captured.out  # the diff is still shown
    assert note.read_bytes() == before


def test_update_asks_confirm_per_item_and_writes_nothing_when_declined(tmp_path: Path) -> None:
    lib_dir = copy_fixture("eigen", tmp_path)
    note = tracked_option_note(tmp_path, lib_dir)
    edit_library_label(lib_dir, "Zeker doen")
    before = note.read_bytes()
    questions: list[str] = []

    def decline(question: str) -> bool:
        questions.append(question)
        return False

    applied = libsync.update(note, library.load_libraries([lib_dir]), confirm=decline, out=lambda _: None)
    assert applied == [] and note.read_bytes() == before
    assert questions == ["Wijziging in optie 'proef-optie' overnemen?"]


def test_update_of_unknown_id_names_what_changed(tmp_path: Path) -> None:
    lib_dir = copy_fixture("eigen", tmp_path)
    note = tracked_option_note(tmp_path, lib_dir)
    edit_library_label(lib_dir, "Zeker doen")
    with pytest.raises(NotaError, match="'iets' heeft geen wijziging in een bibliotheek; gewijzigd: proef-optie"):
        libsync.update(note, library.load_libraries([lib_dir]), id="iets", yes=True)


# --- lib add --------------------------------------------------------------------------------------


def test_lib_add_creates_library_and_tracks_the_item(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = write_note(
        tmp_path / "nota.yaml",
        "beslispunten:\n  - key: bp\n    opties:\n      - key: eigen\n        label: Eigen optie\n"
        "        tekstsuggestie: |\n          Regel een.\n          Regel twee.\n      - key: anders\n"
        "moties:\n  - key: m1\n    volgnummer: 7\n",
    )
    lib_dir = tmp_path / "bib"
    target = lib_dir / "eigen.yaml"
    assert (
        main(
            [
                "lib",
                "--library",
                str(lib_dir.parent / "bib"),
                "add",
                str(note),
                "beslispunten[0].opties[0]",
                "--to",
                str(target),
            ]
        )
        == 0
    )
    assert "optie 'eigen' bewaard in" in capsys.readouterr().out
    item = library.load_library_file(target).items[0]
    assert (item.kind, item.id, item.library, item.data["label"]) == ("optie", "eigen", "eigen", "Eigen optie")
    assert item.data["tekstsuggestie"] == "Regel een.\nRegel twee.\n"
    option = load_note(note).beslispunten[0].opties[0]
    assert (option.herkomst.bibliotheek, option.herkomst.id, option.herkomst.hash) == (
        "eigen",
        "eigen",
        item.content_hash(),
    )
    assert libsync.status(note, library.load_libraries([lib_dir])) == []
    assert main(["lib", "--library", str(lib_dir), "add", str(note), "moties[0]", "--to", str(target)]) == 0
    assert [i.id for i in library.load_library_file(target).items] == ["eigen", "m1"]


def test_lib_add_keeps_comments_and_refuses_an_existing_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib_dir = copy_fixture("eigen", tmp_path)
    target = lib_dir / "proef.yaml"
    note = write_note(tmp_path / "nota.yaml", "moties:\n  - key: nieuw\n  - key: proef-motie\n")
    assert main(["lib", "--library", str(lib_dir), "add", str(note), "moties[0]", "--to", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("# Een kleine bibliotheek voor de tests.")
    assert "nieuw" in {i.id for i in library.load_library_file(target).items}
    capsys.readouterr()
    before = {p: p.read_bytes() for p in (note, target)}
    assert main(["lib", "--library", str(lib_dir), "add", str(note), "moties[1]", "--to", str(target)]) == 2
    assert "motie 'proef-motie' staat al in deze bibliotheek" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in before} == before


def test_lib_add_outside_the_search_path_hints_how_to_track(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = write_note(tmp_path / "nota.yaml", "moties:\n  - key: m1\n")
    assert main(["lib", "add", str(note), "moties[0]", "--to", str(tmp_path / "elders" / "m.yaml")]) == 0
    assert "staat niet in het zoekpad" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("beslispunten[0].opties[5]", "bestaat niet in de nota"),
        ("kop.onderwerp", "pad 'kop.onderwerp' wordt niet herkend"),
        ("moties[0].opties[0]", "alleen beslispunten hebben opties"),
    ],
)
def test_lib_add_rejects_bad_paths(tmp_path: Path, path: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    note = write_note(
        tmp_path / "nota.yaml",
        "beslispunten:\n  - key: bp\n    opties:\n      - key: a\n      - key: b\nmoties:\n  - key: m\n",
    )
    assert main(["lib", "add", str(note), path, "--to", str(tmp_path / "x.yaml")]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.yaml").exists()


# --- list and show --------------------------------------------------------------------------------


def test_lib_list_filters_by_kind(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lib", "list", "--kind", "ondertekenaars"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["SOORT", "ID", "BIBLIOTHEEK", "OMSCHRIJVING"]
    assert [line.split()[:3] for line in lines[1:]] == [
        ["ondertekenaar", "M", "ondertekenaars"],
        ["ondertekenaar", "R", "ondertekenaars"],
    ]


def test_lib_list_rejects_an_unknown_kind(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lib", "list", "--kind", "foo"]) == 2
    assert "soort 'foo' bestaat niet; kies uit: optie, argument" in capsys.readouterr().err


def test_lib_show_prints_the_item_as_a_copy_for_a_note(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lib", "show", "staand-beleid"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("# optie 'staand-beleid' uit bibliotheek 'appreciaties'")
    assert lines[1].startswith("# In een nota: plak dit onder 'opties:' van een beslispunt")
    assert "'notawriter edit NOTA.yaml --section beslispunten'" in lines[1]
    assert lines[2] == "- key: staand-beleid" and "  tekstsuggestie: |" in lines
    assert lines[-4:] == [
        "  herkomst:",
        "    bibliotheek: appreciaties",
        "    id: staand-beleid",
        f"    hash: {lines[0][-12:]}",
    ]
    assert main(["lib", "show", "motie:boomsma-24"]) == 0
    assert "  volgnummer: 24" in capsys.readouterr().out.splitlines()


#: Where `lib show` output goes in a note, by kind: the note around it, and how far it is indented.
PASTE_SITES = {
    "optie": ("beslispunten:\n  - key: bp\n    opties:\n      - key: eigen\n{paste}", 6),
    "argument": (
        "beslispunten:\n  - key: bp\n    opties:\n      - key: a\n        argumenten_voor:\n{paste}      - key: b\n",
        10,
    ),
    "motie": ("moties:\n  - key: eigen\n{paste}", 2),
    "beslispunt": ("beslispunten:\n  - tekst: Eigen.\n{paste}", 2),
    "ondertekenaar": ("ondertekenaars:\n{paste}", 2),
}


def shown(capsys: pytest.CaptureFixture[str], item: library.LibraryItem, extra: list[Path]) -> str:
    assert main(["lib", "show", f"{item.kind}:{item.id}", *[f"--library={d}" for d in extra]]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("lib_dirs", [[], [FIXTURES / "eigen"]], ids=["meegeleverd", "eigen"])
def test_lib_show_output_pasted_into_a_note_loads_and_is_tracked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lib_dirs: list[Path]
) -> None:
    libs = library.load_libraries(lib_dirs)
    items = [i for i in libs.items() if i.path.parent in lib_dirs] if lib_dirs else libs.items()
    assert {i.kind for i in items} == set(PASTE_SITES)
    for n, item in enumerate(items):
        site, indent = PASTE_SITES[item.kind]
        body = site.format(paste=textwrap.indent(shown(capsys, item, lib_dirs), " " * indent))
        motions = [m for m in library.required_motions(item) if item.kind != "motie"]
        if motions:
            body += "moties:\n" + "".join(
                textwrap.indent(shown(capsys, libs.get("motie", m), lib_dirs), "  ") for m in motions
            )
        nota = load_note(write_note(tmp_path / f"nota-{n}.yaml", body))  # a validation error fails the test
        copies = [(kind, obj.herkomst.id, obj.herkomst.hash) for kind, _, obj in libsync.tracked(nota)]
        if item.kind != "argument":  # an argument is copied as its text, without herkomst
            assert (item.kind, item.id, item.content_hash()) in copies
        assert libsync.status(tmp_path / f"nota-{n}.yaml", libs) == []


# --- libraries next to notes, keys in item paths, libraries off the search path --------------------


def test_notes_in_a_library_folder_are_skipped_but_a_named_file_is_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib_dir = copy_fixture("eigen", tmp_path)
    write_note(lib_dir / "nota.yaml", "moties:\n  - key: m1\n")
    (lib_dir / "nota copy.yaml").write_text("kop:\n  onderwerp: Y\n", encoding="utf-8")
    (lib_dir / "iets-anders.yaml").write_text("naam: geen bibliotheek\n", encoding="utf-8")
    assert main(["lib", "list", "--library", str(lib_dir)]) == 0
    out = capsys.readouterr().out
    assert "proef-optie" in out and "m1" not in out
    assert [lib.name for lib in library.load_libraries([lib_dir]).files][0] == "proef"
    assert main(["lib", "list", "--library", str(lib_dir / "nota.yaml")]) == 2
    assert "veld 'schema_version': onbekend veld" in capsys.readouterr().err
    (lib_dir / "typo.yaml").write_text("optie:\n  - id: x\n", encoding="utf-8")
    assert main(["lib", "list", "--library", str(lib_dir)]) == 2
    assert "onbekend veld 'optie'; bedoelde u 'opties'" in capsys.readouterr().err


def test_lib_add_next_to_the_note_then_its_advice_works(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import re

    folder = tmp_path / "project"
    folder.mkdir()
    note = write_note(folder / "nota.yaml", "moties:\n  - key: m1\n    volgnummer: 7\n")
    assert main(["lib", "add", str(note), "moties[m1]", "--to", str(folder / "mijn.yaml")]) == 0
    err = capsys.readouterr().err
    assert "staat niet in het zoekpad" in err and f"--library {folder}" in err
    assert main(["lib", "status", str(note), "--library", str(folder)]) == 0
    assert "1 item(s) uit bibliotheken gevolgd, 0 gewijzigd of verdwenen" in capsys.readouterr().out
    config = re.search(r"zet '(bibliotheken: \[[^\]]*\])' in (\S+)", err)
    assert config is not None and Path(config.group(2)) == folder / library.CONFIG_NAME
    (folder / library.CONFIG_NAME).write_text(config.group(1) + "\n", encoding="utf-8")
    assert main(["lib", "status", str(note)]) == 0
    assert "1 item(s) uit bibliotheken gevolgd, 0 gewijzigd of verdwenen" in capsys.readouterr().out


def test_lib_add_accepts_keys_like_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = write_note(
        tmp_path / "nota.yaml",
        "beslispunten:\n  - key: andere\n  - key: budget\n    opties:\n      - key: houden\n      - key: verlagen\n"
        "        label: Verlagen\n"
        "moties:\n  - key: boomsma-24\n    volgnummer: 24\n"
        "ondertekenaars:\n  - afkorting: M\n    titel: Minister\n    naam: A. Minister\n",
    )
    target = tmp_path / "bib" / "eigen.yaml"
    for path in (
        "beslispunten[budget].opties[verlagen]",
        "moties[boomsma-24]",
        "ondertekenaars[M]",
        "beslispunten[budget]",
    ):
        assert main(["lib", "--library", str(tmp_path / "bib"), "add", str(note), path, "--to", str(target)]) == 0
    items = library.load_library_file(target).items
    assert [(i.kind, i.id) for i in items] == [
        ("optie", "verlagen"),
        ("motie", "boomsma-24"),
        ("beslispunt", "budget"),
        ("ondertekenaar", "M"),
    ]
    nota = load_note(note)
    assert nota.beslispunten[1].opties[1].herkomst is not None and nota.beslispunten[1].opties[0].herkomst is None
    assert nota.moties[0].herkomst is not None and nota.ondertekenaars[0].herkomst is not None
    capsys.readouterr()
    assert main(["lib", "add", str(note), "beslispunten[budget].opties[verlaag]", "--to", str(target)]) == 2
    err = capsys.readouterr().err
    assert "optie 'verlaag' staat niet in beslispunten[budget].opties" in err
    assert "bedoelde u 'verlagen'? kies uit: houden, verlagen" in err
    assert main(["lib", "add", str(note), "ondertekenaars[X]", "--to", str(target)]) == 2
    assert "ondertekenaar 'X' staat niet in ondertekenaars; kies uit: M" in capsys.readouterr().err


def test_status_after_add_outside_the_search_path_says_the_library_is_not_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = write_note(tmp_path / "nota.yaml", "moties:\n  - key: x\n    volgnummer: 1\n")
    elders = tmp_path / "elders"
    assert main(["lib", "add", str(note), "moties[x]", "--to", str(elders / "mijn.yaml")]) == 0
    capsys.readouterr()
    assert main(["lib", "status", str(note)]) == 0
    out = capsys.readouterr().out
    assert "bibliotheek 'mijn' is niet gevonden in het zoekpad; voeg --library" in out
    assert "staat niet meer in" not in out
    assert "0 gewijzigd of verdwenen, 1 niet te controleren" in out
    assert main(["lib", "status", str(note), "--library", str(elders)]) == 0
    assert "0 gewijzigd of verdwenen\n" in capsys.readouterr().out


# --- drift: copies edited in the note -------------------------------------------------------------

#: Edits a user makes to copies of the appreciaties options in a note (field -> new value).
USER_TEXT = "Het kabinet neemt deze aanbeveling over en legt de risicoanalyse wettelijk vast per 2026.\n"
USER_ARGUMENT = "De Kamer vroeg hier al om in de motie-Boomsma."
LOCAL_EDITS = {
    # edited in the note; the library changes the same field (tekstsuggestie) -> conflict
    "overnemen": lambda o: {
        "tekstsuggestie": USER_TEXT,
        "argumenten_voor": [*o.argumenten_voor, USER_ARGUMENT],
        "moties": ["boomsma-24"],
    },
    # edited in the note; the library changes another field (samenvatting) -> merged
    "deels-overnemen": lambda o: {"argumenten_tegen": [*o.argumenten_tegen, "Het kost extra tijd."]},
    # not edited in the note; the library changes it -> updated
    "niet-overnemen": lambda o: {},
    # edited in the note only -> left alone, not outdated
    "staand-beleid": lambda o: {"label": "Past in staand beleid"},
}
LIBRARY_EDITS = [
    ("Het kabinet neemt deze aanbeveling over.", "Het kabinet neemt deze aanbeveling volledig over."),
    ("het doel van de aanbeveling onderschrijven, maar", "het doel van de aanbeveling delen, maar"),
    ("de aanbeveling niet overnemen en dat motiveren.", "de aanbeveling niet overnemen en dat goed motiveren."),
]


def my_appreciaties(tmp_path: Path) -> Path:
    """A user library folder 'mylib' with its own appreciaties.yaml (a copy of the shipped one)."""
    lib_dir = tmp_path / "mylib"
    lib_dir.mkdir()
    shutil.copy(library.shipped_dir() / "appreciaties.yaml", lib_dir / "appreciaties.yaml")
    return lib_dir


def option_block(option: object) -> str:
    """An option as it sits under 'opties:' in a note, as the wizard writes it."""
    from notawriter.notefile import dump_yaml, model_yaml

    return textwrap.indent(textwrap.dedent(dump_yaml([model_yaml(option)], modeline=False)), " " * 6)  # type: ignore[arg-type]


def edited_note(tmp_path: Path, lib_dir: Path, ids: list[str]) -> tuple[Path, dict[str, str]]:
    """A note with copies of these options from lib_dir, edited as in LOCAL_EDITS; returns the blocks too."""
    libs = library.load_libraries([lib_dir])
    blocks = {}
    for option_id in ids:
        copy = library.instantiate(libs.get("optie", option_id))
        blocks[option_id] = option_block(copy.model_copy(update=LOCAL_EDITS[option_id](copy)))
    body = "beslispunten:\n  - key: migratie\n    tekst: Appreciatie van de aanbeveling.\n    opties:\n"
    body += "".join(blocks.values()) + "moties:\n  - key: boomsma-24\n    volgnummer: 24\n"
    return write_note(tmp_path / "nota.yaml", body), blocks


def change_library(lib_dir: Path) -> None:
    path = lib_dir / "appreciaties.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in LIBRARY_EDITS:
        assert text.count(old) == 1
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def test_a_fresh_copy_of_every_shipped_item_counts_as_unedited(tmp_path: Path) -> None:
    """The note's copy is hashed like the library item: a copy as the wizard writes it is not 'edited'."""
    from notawriter.notefile import save_note

    libs = library.load_libraries()
    copies: dict[str, list[object]] = {kind: [] for kind in library.KINDS}
    options: dict[str, list[object]] = {}  # per library: option keys are unique per decision point
    for item in libs.items():
        if item.kind == "argument":
            continue
        copy = library.instantiate(item)
        comparison = libsync.compare(item.kind, copy, item)
        assert (comparison.library_changed, comparison.local) == (False, ()), item.id
        (options.setdefault(item.library, []) if item.kind == "optie" else copies[item.kind]).append(copy)
    points = [{"key": name, "opties": opties} for name, opties in options.items()]
    data = {"schema_version": 1, "kop": {"onderwerp": "X"}, "beslispunten": [*copies["beslispunt"], *points]}
    nota = validate({**data, "moties": copies["motie"], "ondertekenaars": copies["ondertekenaar"]}, tmp_path / "n.yaml")
    save_note(tmp_path / "nota.yaml", nota)  # as the wizard saves
    assert len(libsync.tracked(load_note(tmp_path / "nota.yaml"))) == len(libs.items()) - len(libs.items("argument"))
    assert libsync.status(tmp_path / "nota.yaml", libs) == []
    # the note's own fields (a renamed key, who approves) are not edits of the copy
    point = libs.get("beslispunt", "akkoord-kamerbrief")
    mine = library.instantiate(point).model_copy(update={"key": "brief", "akkoord": ["M", "R"]})
    assert libsync.compare("beslispunt", mine, point).change is None
    edited = mine.model_copy(update={"tekst": "Eigen tekst."})
    assert libsync.compare("beslispunt", edited, point) == libsync.Comparison(False, point.data, ("tekst",))


def test_status_says_whether_the_library_the_note_or_both_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib_dir = my_appreciaties(tmp_path)
    note, _ = edited_note(tmp_path, lib_dir, list(LOCAL_EDITS))
    change_library(lib_dir)
    assert main(["lib", "status", str(note), "--library", str(lib_dir)]) == 0
    out = capsys.readouterr().out.splitlines()
    lib_file = str(lib_dir / "appreciaties.yaml")
    conflict = next(line for line in out if line.startswith("beslispunten[migratie].opties[overnemen]: "))
    assert "gewijzigd in bibliotheek 'appreciaties'" in conflict and lib_file in conflict
    assert "én aangepast in de nota" in conflict
    assert "tekstsuggestie" in conflict and "--overschrijf-aanpassingen" in conflict
    merged = next(line for line in out if line.startswith("beslispunten[migratie].opties[deels-overnemen]: "))
    assert "én aangepast in de nota" in merged and "laat uw aanpassingen staan" in merged
    safe = next(line for line in out if line.startswith("beslispunten[migratie].opties[niet-overnemen]: "))
    assert "gewijzigd in bibliotheek 'appreciaties'" in safe and lib_file in safe and "veilig" in safe
    assert not any("staand-beleid" in line for line in out)  # edited in the note only: nothing to do
    assert out[-1] == (
        "4 item(s) uit bibliotheken gevolgd, 3 gewijzigd of verdwenen (2 daarvan ook in de nota aangepast), "
        "1 alleen in de nota aangepast"
    )
    changes = {d.herkomst.id: d.change for d in libsync.status(note, library.load_libraries([lib_dir]))}
    assert changes == {
        "overnemen": libsync.Change.CONFLICT,
        "deels-overnemen": libsync.Change.MERGE,
        "niet-overnemen": libsync.Change.LIBRARY,
        "staand-beleid": libsync.Change.LOCAL,
    }


def test_update_yes_keeps_a_copy_edited_in_note_and_library_and_applies_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib_dir = my_appreciaties(tmp_path)
    note, blocks = edited_note(tmp_path, lib_dir, list(LOCAL_EDITS))
    change_library(lib_dir)
    assert main(["lib", "update", str(note), "--library", str(lib_dir), "--yes"]) == 0
    out = capsys.readouterr().out
    data = note.read_bytes()
    for kept in ("overnemen", "staand-beleid"):
        assert blocks[kept].encode("utf-8") in data  # byte-identical, herkomst included
    nota = load_note(note)
    options = {o.key: o for o in nota.beslispunten[0].opties}
    mine = options["overnemen"]
    assert (mine.tekstsuggestie, mine.argumenten_voor[-1], mine.moties) == (USER_TEXT, USER_ARGUMENT, ["boomsma-24"])
    assert "«" not in (mine.tekstsuggestie or "")
    libs = library.load_libraries([lib_dir])
    assert options["niet-overnemen"].samenvatting == "de aanbeveling niet overnemen en dat goed motiveren."
    merged = options["deels-overnemen"]
    assert merged.samenvatting.startswith("het doel van de aanbeveling delen, maar")
    assert merged.argumenten_tegen[-1] == "Het kost extra tijd."
    assert merged.herkomst is not None
    assert merged.herkomst.hash == libs.get("optie", "deels-overnemen").content_hash()
    skipped = [line for line in out.splitlines() if line.startswith("beslispunten[migratie].opties[overnemen]: ")]
    assert len(skipped) == 1 and "niet bijgewerkt" in skipped[0] and "--overschrijf-aanpassingen" in skipped[0]
    assert "uw aanpassingen in argumenten_tegen blijven staan" in out
    assert out.splitlines()[-1] == (
        f"{note}: 2 item(s) bijgewerkt uit de bibliotheek; 1 niet bijgewerkt omdat het ook in de nota is aangepast "
        "(zie hierboven)"
    )
    changes = {d.herkomst.id: d.change for d in libsync.status(note, libs)}
    assert changes == {
        "overnemen": libsync.Change.CONFLICT,  # still reported: its herkomst is unchanged
        "deels-overnemen": libsync.Change.LOCAL,
        "staand-beleid": libsync.Change.LOCAL,
    }


def test_update_with_only_a_conflict_writes_nothing_and_says_how_to_proceed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib_dir = my_appreciaties(tmp_path)
    note, _ = edited_note(tmp_path, lib_dir, ["overnemen", "staand-beleid"])
    change_library(lib_dir)
    before = note.read_bytes()
    assert main(["lib", "update", str(note), "--library", str(lib_dir), "--yes"]) == 2
    captured = capsys.readouterr()
    assert note.read_bytes() == before
    assert "beslispunten[migratie].opties[overnemen]: " in captured.out
    assert "+" + USER_TEXT.strip() not in captured.out  # no diff without the flag
    error = captured.err.splitlines()[-1]  # after the warning that mylib shadows the shipped appreciaties
    assert error.startswith(f"fout: {note}: niets bijgewerkt") and "--overschrijf-aanpassingen" in error


def test_update_overwrites_local_edits_only_with_the_flag_after_showing_the_diff(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib_dir = my_appreciaties(tmp_path)
    note, blocks = edited_note(tmp_path, lib_dir, ["overnemen", "staand-beleid"])
    change_library(lib_dir)
    args = ["lib", "update", str(note), "overnemen", "--library", str(lib_dir), "--overschrijf-aanpassingen"]
    before = note.read_bytes()
    assert main(args) == 2  # no terminal, no --yes: the diff, then a refusal
    captured = capsys.readouterr()
    assert "-  " + USER_TEXT.strip() in captured.out and "geen terminal om te bevestigen" in captured.err
    assert note.read_bytes() == before
    assert main([*args, "--yes"]) == 0
    out = capsys.readouterr().out
    assert "-  " + USER_TEXT.strip() in out and f"-  - {USER_ARGUMENT}" in out and "-moties:" in out
    assert "+  Het kabinet neemt deze aanbeveling volledig over. «Wat het kabinet gaat doen" in out
    item = library.load_libraries([lib_dir]).get("optie", "overnemen")
    option = load_note(note).beslispunten[0].opties[0]
    assert library.content_of(option) == item.data and option.herkomst is not None
    assert option.herkomst.hash == item.content_hash()
    assert blocks["staand-beleid"].encode("utf-8") in note.read_bytes()
    assert [d.herkomst.id for d in libsync.status(note, library.load_libraries([lib_dir]))] == ["staand-beleid"]


def test_update_leaves_a_copy_edited_only_in_the_note_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib_dir = my_appreciaties(tmp_path)
    note, _ = edited_note(tmp_path, lib_dir, ["niet-overnemen", "staand-beleid"])
    before = note.read_bytes()
    assert main(["lib", "status", str(note), "--library", str(lib_dir)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "2 item(s) uit bibliotheken gevolgd, 0 gewijzigd of verdwenen, 1 alleen in de nota aangepast"
    ]
    for flags in (["--yes"], ["--yes", "--overschrijf-aanpassingen"]):
        assert main(["lib", "update", str(note), "--library", str(lib_dir), *flags]) == 0
        assert "alle items uit bibliotheken zijn bij" in capsys.readouterr().out
        assert note.read_bytes() == before


def test_a_shadowed_library_file_is_one_warning_naming_both_paths(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib_dir = my_appreciaties(tmp_path)
    assert main(["lib", "list", "--library", str(lib_dir)]) == 0
    warnings = capsys.readouterr().err.splitlines()
    mine = (lib_dir / "appreciaties.yaml").resolve()
    shipped = (library.shipped_dir() / "appreciaties.yaml").resolve()
    assert len(warnings) == 1
    assert warnings[0].startswith(f"waarschuwing: {shipped}: ")
    assert f"wordt niet gebruikt: {mine} staat eerder in het zoekpad" in warnings[0]
    assert "alle 4 item(s) met dezelfde id" in warnings[0]


def test_update_merges_edits_in_other_fields_after_asking(tmp_path: Path) -> None:
    lib_dir = my_appreciaties(tmp_path)
    note, blocks = edited_note(tmp_path, lib_dir, ["deels-overnemen", "staand-beleid"])
    change_library(lib_dir)
    before = note.read_bytes()
    questions: list[str] = []
    shown: list[str] = []

    def answer(yes: bool) -> Callable[[str], bool]:
        def ask(question: str) -> bool:
            questions.append(question)
            return yes

        return ask

    assert libsync.update(note, library.load_libraries([lib_dir]), confirm=answer(False), out=shown.append) == []
    assert note.read_bytes() == before
    assert questions == ["Wijziging in optie 'deels-overnemen' overnemen (uw aanpassingen blijven staan)?"]
    assert "+samenvatting: het doel van de aanbeveling delen, maar" in shown[0]
    assert "Het kost extra tijd." not in shown[0]  # kept, so not in the diff
    applied = libsync.update(note, library.load_libraries([lib_dir]), confirm=answer(True), out=shown.append)
    assert [d.herkomst.id for d in applied] == ["deels-overnemen"]
    text = note.read_text(encoding="utf-8")
    assert "samenvatting: het doel van de aanbeveling delen, maar" in text and "- Het kost extra tijd." in text
    assert blocks["staand-beleid"] in text


def test_keep_edits_marks_the_library_change_as_seen_and_changes_nothing_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib_dir = my_appreciaties(tmp_path)
    note, _ = edited_note(tmp_path, lib_dir, ["overnemen", "staand-beleid"])
    old_hash = library.load_libraries([lib_dir]).get("optie", "overnemen").content_hash()
    change_library(lib_dir)
    new_hash = library.load_libraries([lib_dir]).get("optie", "overnemen").content_hash()
    before = note.read_bytes()
    flags = ["--overschrijf-aanpassingen", "--behoud-aanpassingen"]
    assert main(["lib", "update", str(note), "--library", str(lib_dir), "--yes", *flags]) == 2
    assert "niet toegestaan samen met" in capsys.readouterr().err
    assert main(["lib", "update", str(note), "--library", str(lib_dir), "--yes", "--behoud-aanpassingen"]) == 0
    out = capsys.readouterr().out
    assert "uw versie blijft staan ==" in out and "+  Het kabinet neemt deze aanbeveling volledig over." in out
    assert note.read_bytes() == before.replace(f"hash: {old_hash}".encode(), f"hash: {new_hash}".encode())
    changes = [(d.herkomst.id, d.change) for d in libsync.status(note, library.load_libraries([lib_dir]))]
    assert changes == [("overnemen", libsync.Change.LOCAL), ("staand-beleid", libsync.Change.LOCAL)]
