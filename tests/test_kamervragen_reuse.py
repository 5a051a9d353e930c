"""Reusing texts in answers: a standard answer from a library is copied with its herkomst, so
`lib status` reports a changed library text and `lib update` takes it over; `lib add` saves an
answer of a note as a standard answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from notawriter.cli import main
from notawriter.kamervragen.model import KamervragenNota
from notawriter.library import load_libraries
from notawriter.notefile import load_note
from notawriter.wizard import kamervragen as wizard
from tests.test_kamervragen_wizard import FIXTURES, Scripted

LIBRARY = """\
bibliotheek: standaardantwoorden
antwoorden:
  - id: ekv-mensenrechten
    tekst: Bij een aanvraag voor een exportkredietverzekering worden de risico's voor mens en milieu in kaart gebracht.
"""


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "bibliotheek"
    folder.mkdir()
    (folder / "standaard.yaml").write_text(LIBRARY, encoding="utf-8")
    return folder


@pytest.fixture
def answered(tmp_path: Path, library: Path) -> Path:
    note = tmp_path / "kv.yaml"
    asker = Scripted(
        {
            "antwoorden#1": wizard.LIBRARY,
            "antwoorden#1.bibliotheek": "ekv-mensenrechten",
            "antwoorden#2": wizard.SKIP,
            "antwoorden#3": wizard.SKIP,
        }
    )
    libs = load_libraries([library], note_path=note)
    assert wizard.run(note, asker, source=str(FIXTURES / "layout-kaal.txt"), libs=libs) == 0
    return note


def test_a_standard_answer_is_copied_with_its_origin(answered: Path) -> None:
    nota = load_note(answered)
    assert isinstance(nota, KamervragenNota)
    (antwoord,) = nota.antwoorden
    assert antwoord.vragen == [1]
    assert antwoord.tekst.startswith("Bij een aanvraag voor een exportkredietverzekering")
    assert antwoord.herkomst is not None and antwoord.herkomst.id == "ekv-mensenrechten"


def test_lib_status_reports_a_changed_library_text_and_update_takes_it(
    answered: Path, library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = library / "standaard.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("mens en milieu", "mens, dier en milieu"), encoding="utf-8")
    main(["lib", "status", str(answered), "--library", str(library)])
    out = capsys.readouterr().out
    assert "antwoorden[0]" in out and "1 gewijzigd" in out
    assert main(["lib", "update", str(answered), "--yes", "--library", str(library)]) == 0
    nota = load_note(answered)
    assert isinstance(nota, KamervragenNota)
    assert "mens, dier en milieu" in nota.antwoorden[0].tekst
    assert nota.antwoorden[0].vragen == [1]  # the note's own field stays


def test_lib_add_saves_an_answer_without_its_question_numbers(answered: Path, tmp_path: Path) -> None:
    assert main(["set", str(answered), "antwoorden[0].tekst=Een eigen antwoord."]) == 0
    target = tmp_path / "eigen.yaml"
    assert main(["lib", "add", str(answered), "antwoorden[0]", "--to", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert "antwoorden:" in text and "Een eigen antwoord." in text and "vragen" not in text
    nota = load_note(answered)
    assert isinstance(nota, KamervragenNota)
    assert nota.antwoorden[0].herkomst is not None and nota.antwoorden[0].herkomst.bibliotheek == "eigen"


# --- from another note ------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def two_notes(tmp_path: Path) -> tuple[Path, Path]:
    import shutil

    answers = tmp_path / "antwoorden.yaml"
    earlier = tmp_path / "reactie.yaml"
    shutil.copy(ROOT / "examples" / "kamervragen-iob.yaml", answers)
    shutil.copy(ROOT / "examples" / "kabinetsreactie-iob.yaml", earlier)
    assert main(["choose", str(earlier), "migratie", "niet-overnemen", "--no-render"]) == 0
    return answers, earlier


def test_an_answer_takes_the_chosen_option_of_another_note(two_notes: tuple[Path, Path]) -> None:
    answers, earlier = two_notes
    assert main(["kamervragen", "neem", str(answers), "--uit", str(earlier), "--vraag", "7", "--beslispunt", "migratie"]) == 0
    nota = load_note(answers)
    assert isinstance(nota, KamervragenNota)
    chosen = load_note(earlier).beslispunt("migratie").optie("niet-overnemen").tekstsuggestie
    antwoord = nota.antwoord_op(7)
    assert antwoord is not None and antwoord.tekst == chosen
    assert antwoord.herkomst is not None and antwoord.herkomst.bibliotheek == "nota:reactie.yaml"


def test_a_change_in_the_other_note_is_reported_and_taken_over(two_notes: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    answers, earlier = two_notes
    main(["kamervragen", "neem", str(answers), "--uit", str(earlier), "--vraag", "7", "--beslispunt", "migratie"])
    main(["set", str(earlier), "beslispunten[migratie].opties[niet-overnemen].tekstsuggestie=Het kabinet neemt deze aanbeveling niet over."])
    capsys.readouterr()
    main(["lib", "status", str(answers)])
    assert "is gewijzigd in bibliotheek 'nota:reactie.yaml'" in capsys.readouterr().out
    assert main(["lib", "update", str(answers), "--yes"]) == 0
    updated = load_note(answers)
    assert isinstance(updated, KamervragenNota)
    antwoord = updated.antwoord_op(7)
    assert antwoord is not None and antwoord.tekst == "Het kabinet neemt deze aanbeveling niet over."


def test_an_open_decision_point_cannot_be_taken(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    answers = tmp_path / "antwoorden.yaml"
    shutil.copy(ROOT / "examples" / "kamervragen-iob.yaml", answers)
    earlier = ROOT / "examples" / "kabinetsreactie-iob.yaml"
    assert main(["kamervragen", "neem", str(answers), "--uit", str(earlier), "--vraag", "7", "--beslispunt", "migratie"]) == 2
    assert "heeft nog geen keuze" in capsys.readouterr().err


def test_a_motion_is_taken_from_another_note(two_notes: tuple[Path, Path]) -> None:
    answers, earlier = two_notes
    assert main(["kamervragen", "neem", str(answers), "--uit", str(earlier), "--motie", "boomsma-24"]) == 0
    nota = load_note(answers)
    (motie,) = nota.moties
    assert motie.key == "boomsma-24" and motie.volgnummer == 24
    assert motie.herkomst is not None and motie.herkomst.id == "moties[boomsma-24]"
