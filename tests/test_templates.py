"""A user's own Word templates: `check --templates` finds what `render` would refuse (unknown fields
at any depth, broken Jinja tags) and warns about missing styles; `render` says the same, in Dutch.

The broken templates are the shipped ones, edited with python-docx in tmp_path.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from notawriter.cli import main
from notawriter.errors import TemplateError
from notawriter.lint import Finding, check_note
from notawriter.render import render_note, template_path
from notawriter.word.tplcheck import tag_problem
from tests.test_lint import TODAY, write

Edit = Callable[[Any], None]


def templates(tmp_path: Path, **edits: Edit) -> Path:
    """A folder with the shipped nota, kamerbrief and bijlage; `edits` change a copy in place (by name)."""
    folder = tmp_path / "sjablonen"
    folder.mkdir()
    for name in ("nota", "kamerbrief", "bijlage"):
        target = folder / f"{name}.docx"
        shutil.copy(template_path(name), target)
        if name in edits:
            document = Document(str(target))
            edits[name](document)
            document.save(str(target))
    return folder


def paragraph_with(document: Any, text: str) -> Any:
    for table in document.tables:  # the letter's Datum/Betreft block is a table
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    if text in p.text:
                        return p
    return next(p for p in document.paragraphs if text in p.text)


def add_to_subject(*runs: str) -> Edit:
    def edit(document: Any) -> None:
        paragraph = paragraph_with(document, "{{ kop.onderwerp }}")
        for run in runs:
            paragraph.add_run(run)

    return edit


def append(*paragraphs: str) -> Edit:
    def edit(document: Any) -> None:
        for text in paragraphs:
            document.add_paragraph(text)

    return edit


def template_findings(found: list[Finding], name: str) -> list[Finding]:
    return [f for f in found if f.path == name]


def render_error(tmp_path: Path, folder: Path) -> str:
    with pytest.raises(TemplateError) as caught:
        render_note(write(tmp_path), tmp_path / "uit", templates=folder)
    return caught.value.message


# --- fields -------------------------------------------------------------------------------------


def test_check_finds_an_unknown_nested_field_that_render_refuses(tmp_path: Path) -> None:
    folder = templates(tmp_path, nota=add_to_subject(" {{ kop.dossiernummer }}"))
    found = check_note(write(tmp_path), templates=folder, today=TODAY)
    errors = [f for f in template_findings(found, "nota.docx") if f.is_error]
    assert len(errors) == 1, [f.line() for f in found]
    assert "'{{ kop.dossiernummer }}'" in errors[0].message
    assert "kop heeft: " in errors[0].message and "onderwerp" in errors[0].message
    assert main(["check", str(write(tmp_path)), "--templates", str(folder)]) == 2


def test_every_unknown_field_is_listed_in_one_finding(tmp_path: Path) -> None:
    folder = templates(tmp_path, nota=add_to_subject(" {{ kop.dossiernummer }}", " {{ ministerie_naam }}"))
    found = check_note(write(tmp_path), templates=folder, today=TODAY)
    errors = [f for f in template_findings(found, "nota.docx") if f.is_error]
    assert len(errors) == 1, [f.line() for f in found]
    assert "'{{ kop.dossiernummer }}', '{{ ministerie_naam }}'" in errors[0].message
    assert "\n" not in errors[0].line()


def test_render_names_the_unknown_field_in_dutch(tmp_path: Path) -> None:
    folder = templates(tmp_path, nota=add_to_subject(" {{ kop.dossiernummer }}", " {{ ministerie_naam }}"))
    message = render_error(tmp_path, folder)
    assert "nota.docx" in message and "'{{ kop.dossiernummer }}'" in message and "'{{ ministerie_naam }}'" in message
    assert "kop heeft: aan, " in message
    assert "dict object" not in message and "has no attribute" not in message and "\n" not in message


def test_fields_of_a_loop_variable_are_checked(tmp_path: Path) -> None:
    def signer_function(document: Any) -> None:
        paragraph_with(document, "{{ o.titel }}").add_run(" {{ o.functie }}")

    folder = templates(tmp_path, kamerbrief=signer_function)
    found = check_note(write(tmp_path), templates=folder, today=TODAY)
    errors = [f for f in template_findings(found, "kamerbrief.docx") if f.is_error]
    assert len(errors) == 1 and "'{{ o.functie }}' (o heeft: naam, titel)" in errors[0].message, [f.line() for f in found]
    assert "o.functie" in render_error(tmp_path, folder)


def test_a_loop_over_a_list_empty_in_this_note_is_still_checked(tmp_path: Path) -> None:
    def misspelled(document: Any) -> None:
        for paragraph in document.tables[0].rows[2].cells[0].paragraphs:
            for run in paragraph.runs:
                run.text = run.text.replace("r.nummer", "r.nummr")

    folder = templates(tmp_path, bijlage=misspelled)
    found = check_note(write(tmp_path), templates=folder, today=TODAY)  # no recommendations: no rows
    errors = [f for f in template_findings(found, "bijlage.docx") if f.is_error]
    assert len(errors) == 1 and "'{{ r.nummr }}'" in errors[0].message, [f.line() for f in found]


def test_a_loop_over_a_text_part_is_named_by_check_and_render(tmp_path: Path) -> None:
    folder = templates(tmp_path, nota=append("{%p for b in moties %}", "{{ b }}", "{%p endfor %}"))
    found = check_note(write(tmp_path), templates=folder, today=TODAY)
    errors = [f for f in template_findings(found, "nota.docx") if f.is_error]
    assert len(errors) == 1 and "loopt met {% for %} over 'moties'" in errors[0].message, [f.line() for f in found]
    message = render_error(tmp_path, folder)
    assert "over 'moties'; dat is al opgemaakte tekst" in message and "WordFlow" not in message


def test_guarded_and_defaulted_fields_are_no_error(tmp_path: Path) -> None:
    folder = templates(
        tmp_path,
        nota=append(
            "{% if kop.dossier is defined and kop.dossier %}{{ kop.dossier }}{% endif %}",
            "{{ kop.kenmerk | default('') }}{% set k = kop %}{{ k.onderwerp }}",
            "{% for key, value in kop.items() %}{{ key }}{% endfor %}{{ kop.onderwerp.upper() }}",
        ),
    )
    found = check_note(write(tmp_path), templates=folder, today=TODAY)
    assert [f.line() for f in found if f.is_error] == []
    render_note(write(tmp_path), tmp_path / "uit", templates=folder)  # and render agrees


# --- Jinja syntax -------------------------------------------------------------------------------


def remove_closing_braces(document: Any) -> None:
    for run in paragraph_with(document, "{{ kop.onderwerp }}").runs:
        run.text = run.text.replace("}}", "")


def test_a_missing_closing_brace_is_named_at_its_paragraph(tmp_path: Path) -> None:
    folder = templates(tmp_path, nota=remove_closing_braces)
    found = check_note(write(tmp_path), templates=folder, today=TODAY)
    errors = [f for f in template_findings(found, "nota.docx") if f.is_error]
    assert len(errors) == 1, [f.line() for f in found]
    message = errors[0].message
    assert "een {{ zonder }} in de alinea '{{ kop.onderwerp'" in message, message
    assert "endif" not in message and "Encountered" not in message
    assert not message.startswith(str(folder))  # the finding's path names the file, once
    rendered = render_error(tmp_path, folder)
    assert "nota.docx" in rendered and "een {{ zonder }} in de alinea '{{ kop.onderwerp'" in rendered
    assert "Encountered" not in rendered and "\n" not in rendered


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (("{%p if kop.van %}", "Van de nota"), "een {%p if kop.van %} zonder {% endif %}"),
        (("{%p endif %}",), "een {%p endif %} zonder {% if … %} ervoor"),
        (("{%p for o in kop.aan %}", "x", "{%p endif %}"), "een {%p endif %} waar {% endfor %} hoort"),
        (("Zie {% iff kop.van %}x{% endif %}",), "onbekende code {% iff kop.van %}"),
        (("Betreft {{ kop.onderwerp %}",), "een {{ afgesloten met %} in plaats van }} in de alinea 'Betreft"),
        (("{{ kop.onderwerp | hoofdletters }}",), "onbekend filter '|hoofdletters'"),
    ],
)
def test_broken_tags_are_described_in_dutch(tmp_path: Path, paragraphs: tuple[str, ...], expected: str) -> None:
    folder = templates(tmp_path, nota=append(*paragraphs))
    found = check_note(write(tmp_path), templates=folder, today=TODAY)
    errors = [f.message for f in template_findings(found, "nota.docx") if f.is_error]
    assert len(errors) == 1 and expected in errors[0], errors
    assert expected in render_error(tmp_path, folder)


def test_a_broken_tag_in_the_header_says_so(tmp_path: Path) -> None:
    def header(document: Any) -> None:
        document.sections[0].header.add_paragraph("Datum {{ kop.datum ")

    folder = templates(tmp_path, nota=header)
    found = check_note(write(tmp_path), templates=folder, today=TODAY)
    errors = [f.message for f in template_findings(found, "nota.docx") if f.is_error]
    assert len(errors) == 1 and "in de koptekst: een {{ zonder }} in de alinea 'Datum {{ kop.datum'" in errors[0], errors


def test_tag_problem_ignores_balanced_text_and_lone_closers() -> None:
    assert tag_problem(("{{ a }} }} tekst", "{%p if a %}", "{# {{ #}", "{%p endif %}")) is None
    assert tag_problem(("{{ a", "{{ b }}")) == "een {{ zonder }} in de alinea '{{ a'"


# --- styles -------------------------------------------------------------------------------------


def delete_styles(*names: str) -> Edit:
    def edit(document: Any) -> None:
        for name in names:
            document.styles[name].delete()

    return edit


def test_missing_styles_are_a_warning_naming_their_use_and_fallback(tmp_path: Path) -> None:
    folder = templates(tmp_path, nota=delete_styles("List Bullet", "Nota Label", "Heading 2"))
    found = check_note(write(tmp_path), templates=folder, today=TODAY)
    warned = template_findings(found, "nota.docx")
    assert len(warned) == 1 and not warned[0].is_error, [f.line() for f in found]
    message = warned[0].message
    assert "List Bullet (opsommingen) ontbreekt: wordt Normal" in message
    assert "Nota Label (" in message and "Heading 2 (tussenkoppen) ontbreekt: wordt Heading 1" in message
    assert main(["check", str(write(tmp_path)), "--templates", str(folder)]) == 0


def test_only_the_styles_a_document_needs_are_reported(tmp_path: Path) -> None:
    # The Kamerbrief has no 'Nota Label' paragraphs; its open choices are marked 'Nota Alternatief'.
    folder = templates(tmp_path, kamerbrief=delete_styles("Nota Label", "Nota Alternatief"))
    found = check_note(write(tmp_path), templates=folder, today=TODAY)
    warned = [f.message for f in template_findings(found, "kamerbrief.docx")]
    assert len(warned) == 1 and "Nota Alternatief (" in warned[0] and "Nota Label" not in warned[0], warned


def test_a_style_the_template_itself_uses_but_lacks_is_reported(tmp_path: Path) -> None:
    folder = templates(tmp_path, nota=delete_styles("Subtitle"))
    found = check_note(write(tmp_path), templates=folder, today=TODAY)
    warned = [f.message for f in template_findings(found, "nota.docx")]
    assert len(warned) == 1 and "Subtitle (in het sjabloon zelf gebruikt) ontbreekt: wordt Normal" in warned[0], warned
