"""diff.py: an adviser sees, paragraph by paragraph, what a choice changes in the Kamerbrief."""

import shutil
from pathlib import Path

from notawriter.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kabinetsreactie-iob.yaml"


def test_diff_between_two_choices_shows_only_the_variant_paragraphs(capsys) -> None:
    assert main(["diff", str(EXAMPLE), "--choose", "migratie=overnemen", "--vs", "migratie=niet-overnemen"]) == 0
    out = capsys.readouterr().out
    removed = [line for line in out.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line for line in out.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert removed and added
    assert all("Het kabinet deelt de noodzaak" in line for line in removed)
    assert any("Het kabinet deelt de opvatting" in line for line in added)
    assert "migratie=overnemen" in out.splitlines()[0]


def test_diff_between_two_note_files(tmp_path: Path, capsys) -> None:
    other = tmp_path / "ander.yaml"
    shutil.copy(EXAMPLE, other)
    other.write_text(other.read_text().replace("Geachte voorzitter,", "Geachte Voorzitter,"), encoding="utf-8")
    assert main(["diff", str(EXAMPLE), str(other)]) == 0
    out = capsys.readouterr().out
    assert "-Geachte voorzitter," in out and "+Geachte Voorzitter," in out


def test_no_difference_says_so(capsys) -> None:
    assert main(["diff", str(EXAMPLE), "--choose", "migratie=overnemen", "--vs", "migratie=overnemen"]) == 0
    assert "Geen verschil" in capsys.readouterr().out


def test_diff_without_a_second_side_explains_usage(capsys) -> None:
    assert main(["diff", str(EXAMPLE)]) == 2
    assert "--vs" in capsys.readouterr().err


def test_an_unknown_choice_after_vs_is_named_as_vs(tmp_path: Path, capsys) -> None:
    note = tmp_path / "iob.yaml"
    shutil.copy(EXAMPLE, note)
    assert main(["diff", str(note), "--choose", "migratie=overnemen", "--vs", "sdx=overnemen"]) == 2
    assert capsys.readouterr().err.startswith("fout: --vs sdx=overnemen: beslispunt 'sdx' bestaat niet")
