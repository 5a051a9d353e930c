"""The letterhead: the sender block on page 1 of the nota and the Kamerbrief, configured in the
project config (notawriter.yaml) and overridable per note; the letter's reference column extras
(Uw referentie, counted Bijlage(n)), the date placeholder; and template details a reviewer sees
(second-level bullet glyph, space after a list, no letter-spacing in the title)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from notawriter.cli import main
from notawriter.errors import NoteFileError
from notawriter.letterhead import lines
from notawriter.render import render_note, template_path
from notawriter.resources import shipped_dir
from notawriter.view.flows import BODY, BULLET1, BULLET2, Flow
from notawriter.word.paragraphs import LIST_SPACE_AFTER, ParagraphBuilder
from tests.conftest import EXAMPLE, require_soffice
from tests.helpers import convert_to_pdf, paragraphs_of, zip_members

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BZ = "Ministerie van Buitenlandse Zaken"
CONFIG = """\
afzender:
  ministerie: Ministerie van Buitenlandse Zaken
  directie: Directie Multilaterale Organisaties en Mensenrechten
  bezoekadres: |
    Rijnstraat 8
    2515 XP Den Haag
  retouradres: Postbus 20061, 2500 EB Den Haag
  contact: |
    Jan Jansen
    T 070 348 6486
  logo: beeld/logo.png
"""


def note_without_letterhead(folder: Path) -> Path:
    """The example with its own `kamerbrief.afzender` taken out: the letterhead comes from the project."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text, count = re.subn(r"\n  afzender:\n(    .*\n)+", "\n", text)
    assert count == 1
    note = folder / "iob.yaml"
    note.write_text(text, encoding="utf-8")
    return note


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A note folder with a notawriter.yaml giving the letterhead (with the shipped placeholder logo)."""
    (tmp_path / "beeld").mkdir()
    shutil.copy(shipped_dir("templates") / "logo-plaatshouder.png", tmp_path / "beeld" / "logo.png")
    (tmp_path / "notawriter.yaml").write_text(CONFIG, encoding="utf-8")
    return note_without_letterhead(tmp_path)


def first_page_header(docx: Path) -> tuple[str, list[str]]:
    """The first page's header part (name, its paragraphs' text), found through the section's titlePg reference."""
    section = Document(str(docx)).sections[0]
    part = section.first_page_header.part
    return str(part.partname).lstrip("/"), paragraphs_of(part.blob)


def later_header(docx: Path) -> list[str]:
    return paragraphs_of(Document(str(docx)).sections[0].header.part.blob)


def after(paragraphs: list[str], label: str) -> str:
    index = [p.strip() for p in paragraphs].index(label)
    return next(p for p in paragraphs[index + 1 :] if p.strip())


def set_in_letter(note: Path, **fields: str) -> None:
    """Add fields right under `kamerbrief:` of a note."""
    text = note.read_text(encoding="utf-8")
    extra = "".join(f"  {key}: {value}\n" for key, value in fields.items())
    note.write_text(text.replace("\nkamerbrief:\n", f"\nkamerbrief:\n{extra}", 1), encoding="utf-8")


# --- page 1 of both documents ---------------------------------------------------------------------


def test_letterhead_text_is_on_page_one_of_both_documents_in_libreoffice(project: Path, tmp_path: Path) -> None:
    require_soffice()
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext niet gevonden")
    render_note(project)
    docs = [project.with_name("iob-nota.docx"), project.with_name("iob-kamerbrief.docx")]
    pdfs, log = convert_to_pdf(docs, tmp_path / "pdf")
    pages = {}
    for docx, pdf in pdfs.items():
        assert pdf is not None, log
        out = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True)
        pages[docx.stem] = [line.strip() for line in out.stdout.splitlines()]
    for name, page in pages.items():
        # the ministry on one line (it used to break in the 6.5 pt column), the addresses stacked
        assert BZ in page, name
        for line in ("Rijnstraat 8", "2515 XP Den Haag", "Postbus 20061", "2500 EB Den Haag", "Jan Jansen"):
            assert line in page, (name, line)
    nota_page = " ".join(pages["iob-nota"])
    letter_page = " ".join(pages["iob-kamerbrief"])
    assert "Directie Multilaterale Organisaties" in nota_page
    assert "Directie Multilaterale" not in letter_page  # a letter to parliament comes from the ministry
    assert "> Retouradres Postbus 20061, 2500 EB Den Haag" in letter_page


def test_letterhead_is_in_the_first_page_header_only_with_the_logo(project: Path) -> None:
    render_note(project)
    for name in ("iob-nota.docx", "iob-kamerbrief.docx"):
        docx = project.with_name(name)
        part, paragraphs = first_page_header(docx)
        for line in (BZ, "Rijnstraat 8", "2515 XP Den Haag", "Postbus 20061", "Contactpersoon", "Jan Jansen"):
            assert line in paragraphs, (name, line)
        assert BZ not in later_header(docx)  # later pages repeat only date and reference
        members = zip_members(docx)
        rels = members[part.replace("word/", "word/_rels/") + ".rels"].decode()
        image = re.search(r'Target="(media/[^"]+\.png)"', rels)
        assert image, name
        assert members[f"word/{image.group(1)}"] == (project.parent / "beeld" / "logo.png").read_bytes()
        assert "<wp:inline" in members[part].decode()


def test_without_a_logo_no_image_is_placed(project: Path) -> None:
    config = project.with_name("notawriter.yaml")
    config.write_text(CONFIG.replace("  logo: beeld/logo.png\n", ""), encoding="utf-8")
    render_note(project)
    members = zip_members(project.with_name("iob-kamerbrief.docx"))
    assert not [n for n in members if n.startswith("word/media/")]


def test_the_examples_folder_copied_elsewhere_renders_with_the_shipped_placeholder_logo(tmp_path: Path) -> None:
    copy = tmp_path / "elders"
    shutil.copytree(EXAMPLE.parent, copy)
    assert main(["render", str(copy / EXAMPLE.name), "-o", str(tmp_path / "uit")]) == 0
    members = zip_members(tmp_path / "uit" / f"{EXAMPLE.stem}-kamerbrief.docx")
    images = [data for name, data in members.items() if name.startswith("word/media/")]
    assert images == [(shipped_dir("templates") / "logo-plaatshouder.png").read_bytes()]


# --- the nota's Aan/Van/Via/Kopie aan block beside the reference column ----------------------------


def test_the_nota_addressee_block_is_the_left_cell_of_the_first_page_header_not_the_body(project: Path) -> None:
    render_note(project)
    docx = project.with_name("iob-nota.docx")
    part, paragraphs = first_page_header(docx)
    assert after(paragraphs, "Aan") == "M en R"
    assert after(paragraphs, "Van") == "Sanne de Vries, DMM/MR"
    assert after(paragraphs, "Kopie aan") == "A&M, OCW"
    assert "TER BESLISSING" in paragraphs
    # beside the column: the left cell of the same row whose right cell is the reference column
    left, right = Document(str(docx)).sections[0].first_page_header.tables[0].rows[0].cells
    assert [[c.text for c in row.cells] for row in left.tables[0].rows][0] == ["Aan", "M en R"]
    assert "TER BESLISSING" in left.text and "Onze referentie" in right.text
    body = paragraphs_of(zip_members(docx)["word/document.xml"])
    for text in ("Aan", "Van", "Kopie aan", "M en R", "Sanne de Vries, DMM/MR", "TER BESLISSING"):
        assert text not in body, text
    assert body[0] == "nota"  # the body opens with the title
    assert "Kopie aan" not in later_header(docx)  # later pages keep only date and reference


def test_empty_van_via_and_kopie_aan_leave_no_labelled_line_in_the_header(tmp_path: Path) -> None:
    note = tmp_path / "kort.yaml"
    note.write_text("schema_version: 1\nkop:\n  onderwerp: Kort\n  aan: M\n  datum: 2025-01-06\n", encoding="utf-8")
    render_note(note)
    _, paragraphs = first_page_header(note.with_name("kort-nota.docx"))
    assert after(paragraphs, "Aan") == "M"
    for label in ("Van", "Via", "Kopie aan"):
        assert label not in paragraphs, label
    assert not [p for p in paragraphs if "{%" in p or "{{" in p]


def test_via_shows_when_filled_and_the_public_header_redacts_van_and_via(tmp_path: Path) -> None:
    note = tmp_path / "kort.yaml"
    note.write_text(
        "schema_version: 1\nkop:\n  onderwerp: Kort\n  aan: M\n  datum: 2025-01-06\n"
        "  van: Pieter Bos, DMM\n  via: Els Smit (pDGIS)\n",
        encoding="utf-8",
    )
    render_note(note, openbaar=True)
    _, internal = first_page_header(note.with_name("kort-nota.docx"))
    assert after(internal, "Van") == "Pieter Bos, DMM" and after(internal, "Via") == "Els Smit (pDGIS)"
    public = note.with_name("kort-nota-openbaar.docx")
    _, paragraphs = first_page_header(public)
    assert after(paragraphs, "Van").endswith(", DMM") and "Pieter" not in after(paragraphs, "Van")
    assert after(paragraphs, "Via").endswith(" (pDGIS)") and "Smit" not in after(paragraphs, "Via")
    assert not [n for n, blob in zip_members(public).items() if b"Pieter" in blob or b"Smit" in blob]


def _words_on_page_one(pdf: Path) -> list[tuple[str, float, float]]:
    """(word, x, y) of page 1's words, top to bottom as pdftotext reads them."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True)
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', out.stdout)
    return [(word, float(x), float(y)) for x, y, word in found]


def test_page_one_of_the_nota_has_aan_beside_the_column_and_above_the_title_in_libreoffice(
    project: Path, tmp_path: Path
) -> None:
    require_soffice()
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext niet gevonden")
    render_note(project)
    pdfs, log = convert_to_pdf([project.with_name("iob-nota.docx")], tmp_path / "pdf")
    pdf = next(iter(pdfs.values()))
    assert pdf is not None, log
    words = _words_on_page_one(pdf)
    text = [w for w, _, _ in words]
    first = {word: (x, y) for word, x, y in reversed(words)}  # each word's first occurrence
    assert text.index("Aan") < text.index("nota")  # the Aan line is read before the title
    # beside the column: left of it, and higher on the page than its last rows; the title below it
    assert first["Aan"][0] < first["Datum"][0]
    assert first["Aan"][1] < first["Bijlage(n)"][1] < first["nota"][1]
    assert first["TER"][1] < first["Bijlage(n)"][1]


# --- configuration: project < note ----------------------------------------------------------------


def test_a_field_the_note_fills_overrides_the_project_config_and_the_rest_stays(project: Path) -> None:
    set_in_letter(project, afzender="{ministerie: Ministerie van Klimaat en Groene Groei, retouradres: 'Postbus 20401, 2500 EK Den Haag'}")
    render_note(project)
    _, letter = first_page_header(project.with_name("iob-kamerbrief.docx"))
    assert "Ministerie van Klimaat en Groene Groei" in letter and BZ not in letter
    assert "Postbus 20401" in letter and "Postbus 20061" not in letter
    assert "> Retouradres Postbus 20401, 2500 EK Den Haag" in letter
    assert "Rijnstraat 8" in letter  # not overridden: from notawriter.yaml
    _, nota = first_page_header(project.with_name("iob-nota.docx"))
    assert "Directie Multilaterale Organisaties en Mensenrechten" in nota


def test_an_existing_note_with_its_own_afzender_renders_without_a_project_config(tmp_path: Path) -> None:
    note = tmp_path / "iob.yaml"
    shutil.copy(EXAMPLE, note)  # kamerbrief.afzender as notes have had it: a one-line bezoekadres
    render_note(note)
    for name in ("iob-nota.docx", "iob-kamerbrief.docx"):
        _, paragraphs = first_page_header(note.with_name(name))
        assert BZ in paragraphs
        assert "Rijnstraat 8" in paragraphs and "2515 XP Den Haag" in paragraphs  # stacked from 'a, b'


def test_a_logo_that_is_not_there_is_one_dutch_line_naming_the_config(project: Path, capsys) -> None:
    (project.parent / "beeld" / "logo.png").unlink()
    assert main(["render", str(project)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "notawriter.yaml" in err and "afzender.logo" in err and "bestaat niet" in err
    assert not project.with_name("iob-nota.docx").exists()


def test_a_logo_that_is_no_image_is_refused(project: Path) -> None:
    (project.parent / "beeld" / "logo.png").write_text("geen plaatje", encoding="utf-8")
    with pytest.raises(NoteFileError, match="geen afbeelding"):
        render_note(project)


def test_a_wrong_field_in_the_project_letterhead_names_file_and_field(project: Path) -> None:
    project.with_name("notawriter.yaml").write_text(CONFIG.replace("  directie:", "  directeur:"), encoding="utf-8")
    with pytest.raises(NoteFileError) as caught:
        render_note(project)
    assert "notawriter.yaml" in caught.value.message and "directeur" in caught.value.message


def test_check_accepts_a_ministry_from_the_project_config(project: Path) -> None:
    from notawriter.lint import check_note

    assert not [f for f in check_note(project) if f.path == "kamerbrief.afzender"]
    project.with_name("notawriter.yaml").unlink()
    assert [f for f in check_note(project) if f.path == "kamerbrief.afzender"]


def test_the_contact_is_personal_data_in_the_public_version(project: Path) -> None:
    render_note(project, openbaar=True)
    public = project.with_name("iob-kamerbrief-openbaar.docx")
    _, paragraphs = first_page_header(public)
    shown = after(paragraphs, "Contactpersoon").strip()
    assert shown in ("5.1.2e", "Bescherming persoonlijke levenssfeer")  # the Woo ground, in either redaction style
    assert not [n for n, blob in zip_members(public).items() if b"Jansen" in blob]


def test_addresses_stack_by_line_or_comma() -> None:
    assert lines("Rijnstraat 8, 2515 XP Den Haag") == ["Rijnstraat 8", "2515 XP Den Haag"]
    assert lines("Rijnstraat 8\n2515 XP Den Haag, ingang B\n") == ["Rijnstraat 8", "2515 XP Den Haag, ingang B"]
    assert lines("  ") == [] and lines(None) == []


# --- the letter's reference column and date --------------------------------------------------------


def test_reference_column_has_uw_referentie_and_the_counted_bijlagen(project: Path) -> None:
    set_in_letter(project, uw_referentie="2024Z18234", bijlagen="[Rapport IOB, Reactie per aanbeveling, Motie]")
    render_note(project)
    _, paragraphs = first_page_header(project.with_name("iob-kamerbrief.docx"))
    assert after(paragraphs, "Uw referentie") == "2024Z18234"
    assert after(paragraphs, "Bijlage(n)") == "3"
    assert after(paragraphs, "Onze referentie") == "BZ2407961"


def test_a_letter_without_attachments_or_uw_referentie_leaves_both_rows_out(project: Path) -> None:
    render_note(project)
    _, paragraphs = first_page_header(project.with_name("iob-kamerbrief.docx"))
    assert "Uw referentie" not in paragraphs and "Bijlage(n)" not in paragraphs


def test_an_unfilled_letter_date_shows_a_highlighted_placeholder(project: Path) -> None:
    render_note(project)
    letter = Document(str(project.with_name("iob-kamerbrief.docx")))
    date_cell = letter.tables[0].rows[0].cells[1]
    assert date_cell.text == "[datum van verzending]"
    assert any(r.font.highlight_color is not None for r in date_cell.paragraphs[0].runs if r.text)
    assert "[datum van verzending]" in later_header(project.with_name("iob-kamerbrief.docx"))


def test_a_filled_letter_date_replaces_the_placeholder(project: Path) -> None:
    set_in_letter(project, datum="2025-01-31")
    render_note(project)
    docx = project.with_name("iob-kamerbrief.docx")
    assert Document(str(docx)).tables[0].rows[0].cells[1].text == "31 januari 2025"
    assert "[datum van verzending]" not in " ".join(later_header(docx))


BARE_NOTE = """\
schema_version: 1
kop:
  onderwerp: Bijdrage aan het VN-fonds
ondertekenaars:
  - {afkorting: M, titel: Minister van Buitenlandse Zaken, naam: A.B. Nieuw}
  - {afkorting: MBHO, titel: Minister voor Buitenlandse Handel en Ontwikkelingshulp, naam: C.D. Tweede}
kamerbrief:
  ondertekening: [M, MBHO]
"""


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    """A note without aan, datum or referentie (as just imported from a report)."""
    note = tmp_path / "kaal.yaml"
    note.write_text(BARE_NOTE, encoding="utf-8")
    render_note(note)
    return note


def test_an_empty_reference_prints_no_label_on_any_page(bare: Path) -> None:
    for name in ("kaal-nota.docx", "kaal-kamerbrief.docx"):
        docx = bare.with_name(name)
        assert "Onze referentie" not in first_page_header(docx)[1], name
        assert "Onze referentie" not in later_header(docx), name


def test_an_empty_nota_date_and_addressee_show_highlighted_placeholders(bare: Path) -> None:
    docx = bare.with_name("kaal-nota.docx")
    header = Document(str(docx)).sections[0].first_page_header
    assert after(first_page_header(docx)[1], "Datum") == "[datum]"
    assert "[datum]" in later_header(docx)
    aan_row = header.tables[0].rows[0].cells[0].tables[0].rows[0]
    assert [c.text for c in aan_row.cells] == ["Aan", "[geadresseerde]"]
    marks = [r for p in aan_row.cells[1].paragraphs for r in p.runs if r.text == "[geadresseerde]"]
    assert marks and all(r.font.highlight_color is not None for r in marks)


def test_a_filled_nota_date_and_addressee_replace_the_placeholders(project: Path) -> None:
    render_note(project)
    docx = project.with_name("iob-nota.docx")
    text = " ".join(first_page_header(docx)[1] + later_header(docx))
    assert "[datum]" not in text and "[geadresseerde]" not in text


def test_each_signatory_keeps_title_and_name_on_one_page(bare: Path) -> None:
    paragraphs = Document(str(bare.with_name("kaal-kamerbrief.docx"))).paragraphs
    texts = [p.text for p in paragraphs]
    for title, name in (("De Minister van Buitenlandse Zaken,", "A.B. Nieuw"), ("De Minister voor Buitenlandse Handel en Ontwikkelingshulp,", "C.D. Tweede")):
        start, end = texts.index(title), texts.index(name)
        assert start < end
        # keep-with-next from the title down to the name: Word and LibreOffice move them as one
        assert all(p.paragraph_format.keep_with_next for p in paragraphs[start:end]), title


def test_the_signature_is_not_split_over_pages_in_libreoffice(tmp_path: Path) -> None:
    require_soffice()
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext niet gevonden")
    note = tmp_path / "iob.yaml"
    shutil.copy(EXAMPLE, note)
    render_note(note)
    pdfs, log = convert_to_pdf([note.with_name("iob-kamerbrief.docx")], tmp_path / "pdf")
    pdf = next(iter(pdfs.values()))
    assert pdf is not None, log
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    for title, name in (("De Minister van Buitenlandse Zaken,", "C.C.J. Veldkamp"), ("De Minister voor Buitenlandse Handel en Ontwikkelingshulp,", "R.J. Klever")):
        page = next(p for p in pages if name in p)
        assert title in page, name


# --- template details ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["nota", "kamerbrief"])
def test_second_level_bullets_have_their_own_glyph(name: str) -> None:
    from lxml import etree

    members = zip_members(template_path(name))
    styles = etree.fromstring(members["word/styles.xml"])
    numbering = etree.fromstring(members["word/numbering.xml"])

    def glyph(style_id: str) -> str:
        style = styles.find(f"{W}style[@{W}styleId='{style_id}']")
        num = style.find(f"{W}pPr/{W}numPr")
        level, num_id = num.find(f"{W}ilvl").get(f"{W}val"), num.find(f"{W}numId").get(f"{W}val")
        abstract = numbering.find(f"{W}num[@{W}numId='{num_id}']/{W}abstractNumId").get(f"{W}val")
        lvl = numbering.find(f"{W}abstractNum[@{W}abstractNumId='{abstract}']/{W}lvl[@{W}ilvl='{level}']")
        assert lvl.find(f"{W}numFmt").get(f"{W}val") == "bullet"
        return lvl.find(f"{W}lvlText").get(f"{W}val")

    assert glyph("ListBullet") == "•"
    assert glyph("ListBullet2") in ("–", "o")


@pytest.mark.parametrize("name", ["nota", "kamerbrief"])
def test_title_and_subject_have_no_letter_spacing(name: str) -> None:
    styles = zip_members(template_path(name))["word/styles.xml"].decode()
    for style_id in ("Title", "Subtitle"):
        style = re.search(rf'<w:style [^>]*w:styleId="{style_id}".*?</w:style>', styles, re.S)
        assert style and "<w:spacing w:val" not in style.group(0) and "<w:kern" not in style.group(0)
        assert "<w:keepLines/>" in style.group(0)  # a two-line subject stays together


def test_the_last_item_of_a_list_followed_by_text_gets_space_after() -> None:
    builder = ParagraphBuilder(Document(str(template_path("nota"))), "nota.docx")
    flow = Flow()
    for role, text in ((BULLET1, "een"), (BULLET2, "twee"), (BULLET1, "drie"), (BODY, "tekst"), (BULLET1, "vier")):
        flow.text(role, text)
    xml = builder.flow(flow).xml
    paragraphs = re.findall(r"<w:p>.*?</w:p>", xml)
    spaced = [i for i, p in enumerate(paragraphs) if f'w:after="{LIST_SPACE_AFTER}"' in p]
    assert spaced == [2]  # 'drie': the list ends, text follows; not inside the list, not at the flow's end
