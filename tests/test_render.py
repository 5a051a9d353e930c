"""render.py: the bundled example becomes a faithful nota and Kamerbrief; regeneration is safe."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from notawriter import markup
from notawriter.cli import main
from notawriter.notefile import load_note
from notawriter.render import render_note
from tests.helpers import (
    body_paragraphs,
    docx_text,
    footnote_references,
    footnotes,
    normalise,
    part_names,
    part_xml,
    styled_paragraphs,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kabinetsreactie-iob.yaml"

REFERENCE_SECTIONS = [
    "Aanleiding",
    "Geadviseerd besluit",
    "Leeswijzer",
    "Kernpunten IOB-rapport",
    "Kernpunten kabinetsreactie",
    "Toelichting",
    "Relevante moties",
    "Communicatie en woordvoering",
    "Informatie die niet openbaar gemaakt kan worden",
    "Bijlage(n)",
]


@pytest.fixture
def example(tmp_path: Path) -> Path:
    note = tmp_path / "iob.yaml"
    shutil.copy(EXAMPLE, note)
    return note


@pytest.fixture
def rendered(example: Path) -> tuple[Path, Path]:
    render_note(example)
    return example.with_name("iob-nota.docx"), example.with_name("iob-kamerbrief.docx")


def plain(text: str | None) -> str:
    return normalise(" ".join(block.plain for block in markup.parse(text)))


def test_render_writes_both_documents_next_to_the_note(example: Path) -> None:
    report = render_note(example)
    assert [p.name for p in report.written] == ["iob-nota.docx", "iob-kamerbrief.docx"]
    assert all(p.parent == example.parent for p in report.written)


def test_nota_has_every_reference_section_in_order(rendered: tuple[Path, Path]) -> None:
    nota, _ = rendered
    headings = [text for style, text in styled_paragraphs(nota) if style.startswith("Heading 1")]
    positions = [headings.index(s) for s in REFERENCE_SECTIONS]
    assert positions == sorted(positions), headings


def test_nota_contains_every_decision_point_option_argument_and_motion(rendered: tuple[Path, Path], example: Path) -> None:
    nota_doc, _ = rendered
    text = normalise(" ".join(body_paragraphs(nota_doc)))
    nota = load_note(example)
    expected: list[str] = []
    for bp in nota.beslispunten:
        expected.append(plain(bp.tekst))
        for optie in bp.opties:
            expected += [optie.label, plain(optie.samenvatting), plain(optie.tekstsuggestie)]
            expected += [plain(a) for a in optie.argumenten_voor + optie.argumenten_tegen]
    for motie in nota.moties:
        expected.append(plain(motie.verzoek))
    missing = [e[:60] for e in expected if e and e not in text]
    assert not missing


def test_header_fields_are_in_the_header_column_and_first_page(rendered: tuple[Path, Path]) -> None:
    nota, _ = rendered
    headers = " ".join(part_xml(nota, n) for n in part_names(nota) if n.startswith("word/header"))
    for value in ("6 januari 2025", "BZ2407961", "31 januari 2025", "11 november 2024", "Onze referentie"):
        assert value in headers
    assert "M en R" in headers and "TER BESLISSING" in headers  # Aan and the type line beside the column
    body = body_paragraphs(nota)
    assert "M en R" not in body and "TER BESLISSING" not in body


def test_reference_column_repeats_on_later_pages(rendered: tuple[Path, Path]) -> None:
    nota, _ = rendered
    doc = Document(str(nota))
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    later = " ".join(p.text for t in section.header.tables for c in t._cells for p in c.paragraphs)
    assert "Datum" in later and "6 januari 2025" in later and "BZ2407961" in later


def test_motions_are_real_footnotes_cited_from_the_body(rendered: tuple[Path, Path]) -> None:
    nota, _ = rendered
    notes = footnotes(nota)
    refs = footnote_references(nota)
    assert refs and sorted(set(refs)) == sorted(notes)
    cited = [notes[r] for r in refs if "Kamerstuk 36 600 XX, nr. 24" in notes[r]]  # the others are free footnotes
    assert cited and "verzoekt de regering" in cited[0]


def test_styles_are_real_word_styles_in_verdana(rendered: tuple[Path, Path]) -> None:
    nota, _ = rendered
    styles = {style for style, _ in styled_paragraphs(nota)}
    assert {"Title", "Heading 1", "Heading 2", "List Bullet", "List Bullet 2"} <= styles
    doc = Document(str(nota))
    assert doc.styles["Normal"].font.name == "Verdana"
    assert 'w:styleId="FootnoteText"' in part_xml(nota, "word/styles.xml")


def test_decision_points_are_grouped_per_approver(rendered: tuple[Path, Path]) -> None:
    body = body_paragraphs(rendered[0])
    both, single = body.index("Uw beider akkoord (M+R) met:"), body.index("Uw akkoord (M) met:")
    assert both < single


def test_open_decision_shows_every_variant_marked(rendered: tuple[Path, Path], example: Path) -> None:
    _, brief = rendered
    text = normalise(" ".join(body_paragraphs(brief)))
    migratie = load_note(example).beslispunt("migratie")
    for optie in migratie.opties:
        assert plain(optie.tekstsuggestie)[:200] in text
    assert "[Optie A – " in text and "[Optie B – " in text


@pytest.mark.parametrize("chosen,other", [("overnemen", "niet-overnemen"), ("niet-overnemen", "overnemen")])
def test_choose_renders_exactly_one_variant(example: Path, chosen: str, other: str) -> None:
    before = example.read_bytes()
    render_note(example, choose={"migratie": chosen})
    text = normalise(" ".join(body_paragraphs(example.with_name("iob-kamerbrief.docx"))))
    migratie = load_note(example).beslispunt("migratie")
    assert plain(migratie.optie(chosen).tekstsuggestie)[:200] in text
    assert plain(migratie.optie(other).tekstsuggestie)[:200] not in text
    assert "[Optie" not in text
    assert example.read_bytes() == before  # --choose does not touch the note


def test_rendering_is_deterministic(example: Path, tmp_path: Path) -> None:
    render_note(example, out_dir=tmp_path / "a")
    render_note(example, out_dir=tmp_path / "b")
    for name in ("iob-nota.docx", "iob-kamerbrief.docx"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_unchanged_output_is_not_rewritten(example: Path) -> None:
    first = render_note(example)
    stamp = first.written[0].stat().st_mtime_ns
    second = render_note(example)
    assert second.written == [] and len(second.unchanged) == 2
    assert first.written[0].stat().st_mtime_ns == stamp


def test_regenerates_over_its_own_untouched_output(example: Path) -> None:
    render_note(example)
    text = example.read_text().replace("afgestemde kabinetsreactie", "afgestemde reactie van het kabinet")
    example.write_text(text)
    report = render_note(example)
    assert [p.name for p in report.written] == ["iob-nota.docx"]  # only the aanleiding changed
    assert [p.name for p in report.unchanged] == ["iob-kamerbrief.docx"]


def test_refuses_to_overwrite_a_document_edited_in_word(rendered: tuple[Path, Path], example: Path, capsys) -> None:
    nota, _ = rendered
    doc = Document(str(nota))
    doc.add_paragraph("Met de hand toegevoegd")
    doc.save(str(nota))
    edited = nota.read_bytes()
    example.write_text(example.read_text().replace("afgestemde kabinetsreactie", "afgestemde reactie van het kabinet"))

    assert main(["render", str(example)]) == 2
    err = capsys.readouterr().err
    assert "gewijzigd" in err and "--force" in err and "Traceback" not in err
    assert nota.read_bytes() == edited

    assert main(["render", str(example), "--force"]) == 0
    backups = list(example.parent.glob("iob-nota.backup-*.docx"))
    assert len(backups) == 1 and backups[0].read_bytes() == edited
    assert "Met de hand toegevoegd" not in docx_text(nota)


def test_output_folder_option(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "uit" / "map"
    assert main(["render", str(example), "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["iob-kamerbrief.docx", "iob-nota.docx"]


def test_own_templates_folder_is_used(example: Path, tmp_path: Path) -> None:
    templates = tmp_path / "sjablonen"
    templates.mkdir()
    for name in ("nota", "kamerbrief"):
        doc = Document(str(ROOT / "templates" / f"{name}.docx"))
        doc.add_paragraph("Huisstijl van het eigen ministerie")
        doc.save(str(templates / f"{name}.docx"))
    render_note(example, templates=templates)
    assert "Huisstijl van het eigen ministerie" in docx_text(example.with_name("iob-nota.docx"))


def test_invalid_note_gives_one_line_and_writes_nothing(tmp_path: Path, capsys) -> None:
    note = tmp_path / "kapot.yaml"
    note.write_text("schema_version: 1\nkop:\n  onderwerp: Test\n  datum: 31-2-2025\n")
    assert main(["render", str(note)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "kapot.yaml" in err and "regel 4" in err and "kop.datum" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kapot.yaml"]


def test_yaml_syntax_error_names_the_line(tmp_path: Path, capsys) -> None:
    note = tmp_path / "kapot.yaml"
    note.write_text("schema_version: 1\nkop:\n  onderwerp: 'niet gesloten\n  aan: M\n")
    assert main(["render", str(note)]) == 2
    err = capsys.readouterr().err
    assert "kapot.yaml, regel" in err and "aanhalingsteken" in err


REPORT = ROOT.parent / "shared" / "reference" / "iob-rapport-mensenrechtenbeleid-2017-2022.txt"


@pytest.mark.skipif(not REPORT.exists(), reason="reference report not available")
def test_freshly_imported_report_renders_with_placeholders_and_bijlage(tmp_path: Path) -> None:
    from docx import Document as open_docx

    note = tmp_path / "reactie.yaml"
    assert main(["import-aanbevelingen", str(REPORT), "-o", str(note)]) == 0
    report = render_note(note)
    names = [p.name for p in report.written]
    assert names == ["reactie-nota.docx", "reactie-kamerbrief.docx", "reactie-bijlage.docx"]

    brief = normalise(" ".join(body_paragraphs(tmp_path / "reactie-kamerbrief.docx")))
    assert brief.count("[Reactie van het kabinet nog in te vullen]") == 23
    for number in ("1a", "2f", "3a", "3b-1", "3b-4", "3c-5", "3d-2"):
        assert f"Aanbeveling {number}:" in brief

    nota_text = normalise(" ".join(body_paragraphs(tmp_path / "reactie-nota.docx")))
    assert "Over alle 23 aanbevelingen moet het kabinet nog besluiten." in nota_text

    table = open_docx(str(tmp_path / "reactie-bijlage.docx")).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Nr.", "Aanbeveling", "Appreciatie", "Reactie van het kabinet"]
    assert len(table.rows) == 1 + 23
    assert table.rows[1].cells[0].text == "1a" and table.rows[1].cells[2].text == "nog te bepalen"


def test_letterhead_shows_the_sending_ministry_of_the_note(example: Path) -> None:
    text = example.read_text(encoding="utf-8")
    text = text.replace("ministerie: Ministerie van Buitenlandse Zaken", "ministerie: Ministerie van Klimaat en Groene Groei")
    text = text.replace("retouradres: Postbus 20061, 2500 EB Den Haag", "retouradres: Postbus 20401, 2500 EK Den Haag")
    example.write_text(text, encoding="utf-8")
    render_note(example)
    letter = docx_text(example.with_name("iob-kamerbrief.docx"))
    assert "Ministerie van Klimaat en Groene Groei" in letter
    assert "> Retouradres Postbus 20401, 2500 EK Den Haag" in letter
    assert "Buitenlandse Zaken" not in letter.split("Geachte voorzitter,")[0]


@pytest.mark.parametrize("lock", [".~lock.iob-nota.docx#", "~$b-nota.docx"])
def test_a_document_open_in_an_office_suite_is_not_overwritten(example: Path, capsys, lock: str) -> None:
    render_note(example)
    nota = example.with_name("iob-nota.docx")
    before = nota.read_bytes()
    (example.parent / lock).write_text("gebruiker", encoding="utf-8")
    example.write_text(example.read_text(encoding="utf-8").replace("afgestemde kabinetsreactie", "afgestemde reactie"), encoding="utf-8")
    assert main(["render", str(example)]) == 2
    assert "is geopend in Word of LibreOffice" in capsys.readouterr().err
    assert nota.read_bytes() == before


def test_render_says_what_check_calls_errors_and_still_writes(example: Path, capsys) -> None:
    # unfinished content (no signatory), not broken markup: a warning, and the documents are made
    assert main(["set", str(example), "kamerbrief.ondertekening=[]"]) == 0
    capsys.readouterr()
    assert main(["render", str(example)]) == 0
    out = capsys.readouterr().out
    assert "waarschuwing: kamerbrief.ondertekening: niemand ondertekent de Kamerbrief" in out
    assert example.with_name("iob-nota.docx").exists()


def test_a_finished_note_renders_without_warnings(example: Path, capsys) -> None:
    assert main(["render", str(example)]) == 0
    assert "waarschuwing" not in capsys.readouterr().out


def test_an_older_public_version_is_pointed_out_when_the_internal_one_changes(example: Path, capsys) -> None:
    assert main(["render", str(example), "--openbaar"]) == 0
    assert main(["set", str(example), "kop.kamer=1-2-2025"]) == 0
    capsys.readouterr()
    assert main(["render", str(example)]) == 0
    out = capsys.readouterr().out
    assert "iob-nota-openbaar.docx: is niet bijgewerkt; maak de openbare versie opnieuw met --openbaar" in out
    assert main(["render", str(example)]) == 0  # nothing changed now: nothing to point out
    assert "niet bijgewerkt" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("verzoek", "ends"),
    [
        ("verzoekt de regering het beleid te herzien,", "verzoekt de regering het beleid te herzien."),
        ("verzoekt de regering het beleid te herzien;", "verzoekt de regering het beleid te herzien."),
        ("verzoekt de regering het beleid te herzien.", "verzoekt de regering het beleid te herzien."),
        ("", "nr. 2 (ingediend)."),
    ],
)
def test_a_motion_footnote_ends_in_one_full_stop(verzoek: str, ends: str) -> None:
    from notawriter.model import Motie
    from notawriter.word.footnotes import footnote_runs

    motie = Motie.model_validate({"key": "m", "dossier": "36600", "volgnummer": 2, "verzoek": verzoek})
    text = "".join(getattr(run, "text", "") for run in footnote_runs(motie))
    assert text.endswith(ends), text


def test_an_output_path_through_a_file_is_refused_in_dutch(example: Path, tmp_path: Path, capsys) -> None:
    (tmp_path / "bestand").write_text("geen map")
    assert main(["render", str(example), "-o", str(tmp_path / "bestand" / "sub")]) == 2
    err = capsys.readouterr().err
    assert "een deel van het pad is een bestand, geen map" in err and "Not a directory" not in err


def test_a_bijlage_left_from_removed_recommendations_is_pointed_out(tmp_path: Path, capsys) -> None:
    note = tmp_path / "reactie.yaml"
    note.write_text(
        "schema_version: 1\nkop:\n  onderwerp: Reactie\n  aan: M\n  datum: 2025-01-06\n"
        "aanbevelingen:\n  - nummer: '1'\n    tekst: Doe A.\n",
        encoding="utf-8",
    )
    assert main(["render", str(note)]) == 0
    assert note.with_name("reactie-bijlage.docx").exists()
    note.write_text(note.read_text(encoding="utf-8").split("aanbevelingen:")[0], encoding="utf-8")
    capsys.readouterr()
    assert main(["render", str(note)]) == 0
    assert "reactie-bijlage.docx: hoort niet meer bij deze nota" in capsys.readouterr().out


def test_a_note_with_nothing_to_guide_through_has_no_leeswijzer(tmp_path: Path) -> None:
    note = tmp_path / "kort.yaml"
    note.write_text(
        "schema_version: 1\nkop:\n  onderwerp: Kort\n  aan: M\n  datum: 2025-01-06\n"
        "ondertekenaars:\n  - {afkorting: M, titel: Minister, naam: A}\n"
        "beslispunten:\n  - {akkoord: [M], tekst: Akkoord met de brief.}\n",
        encoding="utf-8",
    )
    render_note(note)
    text = docx_text(note.with_name("kort-nota.docx"))
    assert "Akkoord met de brief." in text and "Leeswijzer" not in text and "Deze nota schetst" not in text
