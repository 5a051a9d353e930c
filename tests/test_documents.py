"""The document registry: every genre renders, checks, diffs and makes its public version; a
genre added to the registry without an example here fails the first test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from notawriter import documents
from notawriter.cli import main
from notawriter.errors import did_you_mean
from notawriter.lint import check_note
from notawriter.notefile import load_note
from notawriter.render import render_note, template_path

ROOT = Path(__file__).resolve().parent.parent
#: One bundled example per genre.
EXAMPLES = {
    "beslisnota": ROOT / "examples" / "kabinetsreactie-iob.yaml",
    "kamervragen": ROOT / "examples" / "kamervragen-iob.yaml",
}


def test_every_genre_has_an_example() -> None:
    assert set(documents.genres()) == set(EXAMPLES)
    assert next(iter(documents.genres())) == documents.DEFAULT_SOORT


@pytest.fixture(params=sorted(EXAMPLES))
def genre_note(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[documents.Genre, Path]:
    note = tmp_path / EXAMPLES[request.param].name
    shutil.copy(EXAMPLES[request.param], note)
    return documents.genres()[request.param], note


def test_example_loads_as_its_genre(genre_note: tuple[documents.Genre, Path]) -> None:
    genre, note = genre_note
    nota = load_note(note)
    assert type(nota) is genre.model
    assert documents.genre_of(nota) is genre


def test_render_makes_the_documents_the_registry_lists(genre_note: tuple[documents.Genre, Path], tmp_path: Path) -> None:
    genre, note = genre_note
    report = render_note(note, out_dir=tmp_path / "uit")
    made = [d.name for d in genre.made(load_note(note))]
    assert made  # every genre makes at least one document
    assert sorted(p.name for p in report.written) == sorted(f"{note.stem}-{name}.docx" for name in made)


def test_openbaar_makes_a_public_version_without_personal_data(genre_note: tuple[documents.Genre, Path], tmp_path: Path) -> None:
    genre, note = genre_note
    report = render_note(note, out_dir=tmp_path / "uit", openbaar=True)
    public = [p for p in report.written if p.stem.endswith("-openbaar")]
    assert public, "geen openbare versie gemaakt"
    from tests.helpers import docx_text

    for path in public:
        assert "[[" not in docx_text(path)
    # every document is public: a redacted copy, or itself when it has nothing to redact
    assert {p.stem.removesuffix("-openbaar") for p in report.written} == {f"{note.stem}-{d.name}" for d in genre.made(load_note(note))}


def test_check_runs_the_templates_and_the_genre(genre_note: tuple[documents.Genre, Path]) -> None:
    genre, note = genre_note
    findings = check_note(note)
    assert not [f for f in findings if f.is_error], [f.line() for f in findings]
    assert not [f for f in findings if f.path.endswith(".docx")], "de meegeleverde sjablonen passen bij het genre"


def test_diff_compares_the_genres_text(genre_note: tuple[documents.Genre, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    genre, note = genre_note
    other = tmp_path / "ander.yaml"
    yaml = YAML()
    data = yaml.load(note.read_text(encoding="utf-8"))
    if genre.soort == "beslisnota":
        data["kamerbrief"]["slot"] = "Een nieuwe slotalinea."
        changed = "+Een nieuwe slotalinea."
    else:
        data["antwoorden"][0]["tekst"] = "Een nieuw antwoord."
        changed = "+Een nieuw antwoord."
    with other.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    assert main(["diff", str(note), str(other)]) == 0
    assert changed in capsys.readouterr().out
    assert genre.text(load_note(note), None)  # the compared text is not empty


def test_a_users_template_folder_needs_only_the_required_templates(tmp_path: Path) -> None:
    folder = tmp_path / "sjablonen"
    folder.mkdir()
    for name in documents.required_templates():
        shutil.copy(template_path(name), folder / f"{name}.docx")
    assert template_path("antwoorden", folder) == template_path("antwoorden")
    assert template_path("nota", folder) == folder / "nota.docx"


def test_every_registered_template_is_shipped() -> None:
    for name in documents.template_names():
        assert template_path(name).is_file(), name


@pytest.mark.parametrize(
    ("word", "choices", "hint"),
    [
        ("kamervraag", ["beslisnota", "kamervragen"], "bedoelde u 'kamervragen'? "),
        ("Boomsma-24", ["boomsma-24"], "bedoelde u 'boomsma-24'? "),
        ("xyz", ["beslisnota", "kamervragen"], ""),
    ],
)
def test_did_you_mean(word: str, choices: list[str], hint: str) -> None:
    assert did_you_mean(word, choices) == hint
