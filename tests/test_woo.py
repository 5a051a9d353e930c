"""The public version under the Woo: `render --openbaar` replaces personal data by the ground's
description (the default look; tests/test_woo_look.py has both looks) and the package carries no
trace of a redacted value in any member, while the internal version keeps the names. Also:
LibreOffice opens the example's documents and shows the subject.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from notawriter.cli import main
from notawriter.notefile import load_note
from notawriter.render import template_path
from notawriter.woo import GROUND_DESCRIPTIONS
from tests.conftest import EXAMPLE, require_soffice
from tests.helpers import convert_to_pdf, docx_paragraphs, docx_text, find_in_package, pdf_text, zip_members

# Every name below is made up. Each redacted value is distinctive, so a hit is a real leak.
WOO_NOTE = """\
schema_version: 1
kop:
  onderwerp: Reactie op het rapport over grensbewaking
  aan: M
  van: Johanna Vandervelde, DMM/MR
  via: "[[5.1.2e:Marieke Vermeulen]] (pDGIS)"
  kopie_aan: "[[5.1.2e:Ingrid Hoekstra]], OCW"
  datum: 2025-02-03
  referentie: BZ2500001
  opgesteld_door: Pieter Pietersma (tel. 06-11223344), Karel Kaarsenmaker
ondertekenaars:
  - afkorting: M
    titel: Minister van Buitenlandse Zaken
    naam: C.C.J. Veldkamp
aanleiding: |
  Overleg met [[5.1.2e:Willemijn Zandvoort]] over de gesprekken met [[5.1.2a:de ambassadeur van Ruritanië]].
  De interne planning staat in [[5.1.2i:het draaiboek Noordster]]; de aanbieder leverde
  [[5.1.1c:fabricagegegevens Zeta-9]]. Eerdere opvatting: [[5.2:liever niet publiceren]].
beslispunten:
  - key: bewaking
    akkoord: [M]
    tekst: "Keuze na overleg met [[5.1.2e:Hendrikje Molenaar]] over de bewaking:"
    moties: [motie-1]
    opties:
      - key: ja
        label: Aanbeveling overnemen
        samenvatting: overnemen, zoals [[5.1.2e:Hendrikje Molenaar]] adviseert
        tekstsuggestie: Het kabinet neemt de aanbeveling over, na overleg met [[5.1.2e:Bartholomeus Brink]].
        argumenten_voor:
          - Steun van [[5.1.2e:Gerrit Goudsmid]].
      - key: nee
        label: Aanbeveling niet overnemen
        tekstsuggestie: Het kabinet neemt de aanbeveling niet over.
secties:
  - titel: Toelichting
    tekst: |
      Afgestemd met [[5.1.2e:Cornelia Korenbloem]]; zie de motie[motie:motie-1].
communicatie: Woordvoering via [[5.1.2e:Desiree Duinkerk]].
bijlagen:
  - "Verslag van [[5.1.2e:Evert Eikenhout]]"
moties:
  - key: motie-1
    indieners:
      - naam: Boomsma
        fractie: NSC
    dossier: "36600"
    toevoeging: "V"
    volgnummer: 12
    status: aangehouden
    verzoek: verzoekt de regering om te spreken met [[5.1.2e:Frederik Vuurtoren]].
aanbevelingen:
  - nummer: "1"
    tekst: Betrek [[5.1.2e:Rozemarijn Rietveld]] bij de evaluatie.
    appreciatie: overnemen
    reactie: Het kabinet vraagt [[5.1.2e:Rozemarijn Rietveld]] om advies.
kamerbrief:
  inleiding: Hierbij ontvangt u de reactie, opgesteld met [[5.1.2e:Lodewijk Lindeboom]].
  secties:
    - titel: Grensbewaking
      tekst: "Zie ook de motie[motie:motie-1].[voetnoot: Gesprek om te spreken met [[5.1.2e:Frederik Vuurtoren]].]"
      beslispunt: bewaking
  ondertekening: [M]
"""
PERSONAL = ["Johanna Vandervelde", "Pieter Pietersma", "06-11223344", "Karel Kaarsenmaker"]
MARKED = {
    "5.1.2e": [
        "Marieke Vermeulen",
        "Ingrid Hoekstra",
        "Willemijn Zandvoort",
        "Hendrikje Molenaar",
        "Bartholomeus Brink",
        "Gerrit Goudsmid",
        "Cornelia Korenbloem",
        "Desiree Duinkerk",
        "Evert Eikenhout",
        "Frederik Vuurtoren",
        "Rozemarijn Rietveld",
        "Lodewijk Lindeboom",
    ],
    "5.1.2a": ["de ambassadeur van Ruritanië"],
    "5.1.2i": ["het draaiboek Noordster"],
    "5.1.1c": ["fabricagegegevens Zeta-9"],
    "5.2": ["liever niet publiceren"],
}
SECRETS = PERSONAL + [v for values in MARKED.values() for v in values]
PRIVACY = GROUND_DESCRIPTIONS["5.1.2e"]  # 'Bescherming persoonlijke levenssfeer'
# Names that a user's template carries in its properties, comments and tracked changes.
TEMPLATE_SECRETS = ["Hendrik Sjabloonmaker", "Wilma Eigenschap", "Gerrit Commentaar", "Trudy Wijziging", "hsjabloonmaker"]
ATTACHED_TEMPLATE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"


@pytest.fixture
def woo_note(tmp_path: Path) -> Path:
    note = tmp_path / "woo.yaml"
    note.write_text(WOO_NOTE, encoding="utf-8")
    return note


def render_public(note: Path, *extra: str) -> dict[str, Path]:
    assert main(["render", str(note), "--openbaar", *extra]) == 0
    out = note.parent if "-o" not in extra else Path(extra[extra.index("-o") + 1])
    return {p.name.removeprefix(f"{note.stem}-").removesuffix(".docx"): p for p in out.glob(f"{note.stem}-*.docx")}


def leaks(path: Path | bytes, secrets: list[str]) -> dict[str, list[str]]:
    """Secret → the package members it occurs in (member names, raw XML, XML-escaped or as text)."""
    found = {secret: find_in_package(path, secret) for secret in secrets}
    return {k: v for k, v in found.items() if v}


def lines_after(paragraphs: list[str], label: str) -> str:
    """The text of the paragraph that follows the one reading `label` (header column, table cell)."""
    index = [p.strip() for p in paragraphs].index(label)
    return next(p for p in paragraphs[index + 1 :] if p.strip())


# --- the public documents -------------------------------------------------------------------------


def test_openbaar_writes_public_versions_of_every_document_with_marked_names(woo_note: Path) -> None:
    docs = render_public(woo_note)
    assert sorted(docs) == ["bijlage", "bijlage-openbaar", "kamerbrief", "kamerbrief-openbaar", "nota", "nota-openbaar"]


def test_personal_header_fields_show_the_ground(woo_note: Path) -> None:
    public = render_public(woo_note)["nota-openbaar"]
    parts = docx_paragraphs(public)
    # page 1's header: the Aan/Van/Via block beside the reference column
    header = next(p for name, p in parts.items() if name.startswith("word/header") and "Opgesteld door" in p)
    # each person's name becomes the ground's description; a unit ('DMM/MR', 'pDGIS') is no name and stays
    assert lines_after(header, "Van").strip() == f"{PRIVACY}, DMM/MR"
    assert lines_after(header, "Via").strip() == f"{PRIVACY} (pDGIS)"
    assert lines_after(header, "Kopie aan").strip() == f"{PRIVACY}, OCW"
    assert lines_after(header, "Opgesteld door").strip() == PRIVACY


@pytest.mark.parametrize("ground", sorted(MARKED))
def test_every_woo_ground_is_shown_in_place_of_its_span(woo_note: Path, ground: str) -> None:
    public = render_public(woo_note)["nota-openbaar"]
    aanleiding = lines_after(docx_paragraphs(public)["word/document.xml"], "Aanleiding")
    assert GROUND_DESCRIPTIONS[ground] in aanleiding
    for value in MARKED[ground]:
        assert value not in docx_text(public)


@pytest.mark.parametrize(
    "text",
    [
        "Woordvoering via [[5.1.2e:Jan de Boer] (DCO).",  # one closing bracket short
        "Woordvoering via [[5.1.2e Jan de Boer]].",  # no colon
        "Woordvoering via [5.1.2e:Jan de Boer]].",  # one opening bracket short
        "Woordvoering via [[:Jan de Boer]].",  # no ground
        "Woordvoering via **[[5.1.2e Jan de Boer]]**.",  # inside bold
        "Woordvoering via [[51.2e:Jan de Boer]].",  # no Woo ground
        "Woordvoering via [[5.1.2e:Jan\n\n  de Boer]] (DCO).",  # across a blank line: two paragraphs
        "Woordvoering via [[5.1.2e:Jan\n- de Boer]] (DCO).",  # across a new bullet
    ],
)
def test_a_broken_mark_refuses_the_public_version_and_names_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    note = tmp_path / "typo.yaml"
    shutil.copy(EXAMPLE, note)
    assert main(["set", str(note), f"communicatie={text}"]) == 0
    capsys.readouterr()
    assert main(["render", str(note), "--openbaar"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("fout: ") and err.count("\n") == 1
    assert "typo.yaml" in err and "communicatie" in err and "openbare versie niet gemaakt" in err
    assert not list(tmp_path.glob("*.docx"))  # nothing written, not even the internal versions

    assert main(["render", str(note)]) == 2  # broken markup: no internal version either (it would print the mark)
    assert "veld 'communicatie': documenten niet gemaakt" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.docx"))


def test_a_mark_with_spaces_around_ground_and_name_still_works(tmp_path: Path) -> None:
    note = tmp_path / "spaties.yaml"
    shutil.copy(EXAMPLE, note)
    assert main(["set", str(note), "communicatie=Woordvoering via [[ 5.1.2e : Ruud Overbeek ]] (DCO)."]) == 0
    docs = render_public(note)
    assert f"Woordvoering via {PRIVACY} (DCO)." in docx_text(docs["nota-openbaar"])
    assert leaks(docs["nota-openbaar"], ["Ruud Overbeek"]) == {}
    assert "Woordvoering via Ruud Overbeek (DCO)." in docx_text(docs["nota"])


def test_public_packages_carry_no_trace_of_any_redacted_value(woo_note: Path) -> None:
    """Every zip member (body, headers, footers, footnotes, properties, names) of every public file."""
    docs = render_public(woo_note)
    for kind in ("nota-openbaar", "kamerbrief-openbaar", "bijlage-openbaar"):
        assert leaks(docs[kind], SECRETS) == {}, kind


def test_redacted_footnotes_show_the_ground(woo_note: Path) -> None:
    docs = render_public(woo_note)
    for kind in ("nota-openbaar", "kamerbrief-openbaar"):
        footnotes = docx_paragraphs(docs[kind])["word/footnotes.xml"]
        assert any(f"te spreken met {PRIVACY}" in p for p in footnotes), (kind, footnotes)


def test_internal_versions_keep_every_name(woo_note: Path) -> None:
    docs = render_public(woo_note)
    text = "\n".join(docx_text(docs[kind]) for kind in ("nota", "kamerbrief", "bijlage"))
    for secret in SECRETS:
        assert secret in text, secret
    assert "[[" not in text and PRIVACY not in docx_text(docs["nota"])


def test_kamerbrief_with_a_name_only_in_a_footnote_gets_a_public_version(tmp_path: Path) -> None:
    """A footnote is the Kamerbrief's only redacted text (the letter cites the motion by its number,
    without the request): it still needs its own public file."""
    note = tmp_path / "voetnoot.yaml"
    note.write_text(
        WOO_NOTE.replace("opgesteld met [[5.1.2e:Lodewijk Lindeboom]]", "opgesteld door het ministerie").replace(
            "na overleg met [[5.1.2e:Bartholomeus Brink]]", "na overleg"
        ),
        encoding="utf-8",
    )
    docs = render_public(note)
    assert "kamerbrief-openbaar" in docs
    assert "Frederik Vuurtoren" in docx_text(docs["kamerbrief"])
    assert leaks(docs["kamerbrief-openbaar"], SECRETS) == {}


def test_marked_name_in_a_field_without_markup_is_redacted_too(woo_note: Path) -> None:
    """A section title is plain text, yet a [[…]] there works as everywhere: the name internally,
    the ground publicly. (It used to be printed raw and then refused; issue 13 item 4.)"""
    woo_note.write_text(
        WOO_NOTE.replace("  - titel: Toelichting", "  - titel: Overleg met [[5.1.2e:Quirijn Quist]]"), encoding="utf-8"
    )
    docs = render_public(woo_note)
    assert "Overleg met Quirijn Quist" in docx_text(docs["nota"]) and "[[" not in docx_text(docs["nota"])
    assert f"Overleg met {PRIVACY}" in docx_text(docs["nota-openbaar"])
    assert leaks(docs["nota-openbaar"], ["Quirijn Quist", "Quist"]) == {}


def test_unmarked_copy_of_a_personal_name_is_refused(woo_note: Path, capsys: pytest.CaptureFixture[str]) -> None:
    woo_note.write_text(WOO_NOTE.replace("Afgestemd met", "Afgestemd met Johanna Vandervelde en"), encoding="utf-8")
    assert main(["render", str(woo_note), "--openbaar"]) == 2
    assert "'Johanna Vandervelde' staat hier ongemarkeerd" in capsys.readouterr().err
    assert not list(woo_note.parent.glob("*.docx"))


# --- a user's template with names of its own ------------------------------------------------------


def private_template(kind: str, target: Path) -> None:
    """The shipped template with an author in the core properties, a custom property, a comment,
    a tracked change and the path of the .dotx it was made from (Word writes it in settings.xml;
    the path holds the user's login name), each carrying a name (built with python-docx)."""
    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml.ns import qn

    document = Document(str(template_path(kind)))
    props = document.core_properties
    props.author = props.last_modified_by = "Hendrik Sjabloonmaker"
    props.comments = "Sjabloon van Hendrik Sjabloonmaker"
    custom = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Behandelaar">'
        "<vt:lpwstr>Wilma Eigenschap</vt:lpwstr></property></Properties>"
    )
    part = Part(
        PackURI("/docProps/custom.xml"),
        "application/vnd.openxmlformats-officedocument.custom-properties+xml",
        custom.encode(),
        document.part.package,
    )
    document.part.package.relate_to(part, RT.CUSTOM_PROPERTIES)
    paragraph = next(p for p in document.paragraphs if p.runs and p.text.strip())
    document.add_comment(paragraph.runs, text="Nakijken — Gerrit Commentaar", author="Gerrit Commentaar", initials="GC")
    run = paragraph.runs[0]._r
    ins = run.makeelement(
        qn("w:ins"), {qn("w:id"): "4242", qn("w:author"): "Trudy Wijziging", qn("w:date"): "2024-05-01T10:00:00Z"}
    )
    run.addprevious(ins)
    ins.append(run)
    settings = document.settings
    rid = document.part._settings_part.relate_to(
        "file:///C:/Users/hsjabloonmaker/AppData/Roaming/Microsoft/Templates/Ministerie.dotx",
        ATTACHED_TEMPLATE,
        is_external=True,
    )
    attached = settings.element.makeelement(qn("w:attachedTemplate"), {qn("r:id"): rid})
    settings.element.insert(0, attached)
    document.save(str(target))


@pytest.fixture
def private_templates(tmp_path: Path) -> Path:
    folder = tmp_path / "sjablonen"
    folder.mkdir()
    for kind in ("nota", "kamerbrief", "bijlage"):
        private_template(kind, folder / f"{kind}.docx")
    for secret in TEMPLATE_SECRETS:  # the templates really carry them
        assert find_in_package(folder / "nota.docx", secret), secret
    return folder


def test_user_template_names_do_not_reach_the_public_version(woo_note: Path, private_templates: Path) -> None:
    docs = render_public(woo_note, "--templates", str(private_templates))
    for kind in ("nota-openbaar", "kamerbrief-openbaar", "bijlage-openbaar"):
        assert leaks(docs[kind], SECRETS + TEMPLATE_SECRETS) == {}, kind
        members = zip_members(docs[kind])
        assert "docProps/custom.xml" not in members and not any("comments" in n for n in members)
        assert not any(n.startswith("customXml/") or "thumbnail" in n or n == "word/people.xml" for n in members)
        # no dangling anchors of the dropped comments, nor of the attached template
        assert not any(b"commentReference" in blob or b"commentRangeStart" in blob for blob in members.values())
        assert b"attachedTemplate" not in members["word/settings.xml"]


def test_a_letter_without_names_still_gets_a_public_copy_when_its_template_carries_some(
    tmp_path: Path, private_templates: Path
) -> None:
    # Nothing to redact in this Kamerbrief, but the user's template brings comments and a path
    # with a login name: the internal letter is not fit to publish, so a cleaned copy is made.
    note = tmp_path / "brief.yaml"
    shutil.copy(EXAMPLE, note)
    docs = render_public(note, "--templates", str(private_templates))
    assert "kamerbrief-openbaar" in docs
    assert leaks(docs["kamerbrief-openbaar"], TEMPLATE_SECRETS[1:]) == {}
    assert leaks(docs["kamerbrief"], ["Gerrit Commentaar"])  # the internal one keeps the comment
    # with the shipped templates the same letter is public as it is: no second copy
    for path in docs.values():
        path.unlink()
    assert "kamerbrief-openbaar" not in render_public(note)


def test_user_template_internal_version_still_has_the_note_names(woo_note: Path, private_templates: Path) -> None:
    docs = render_public(woo_note, "--templates", str(private_templates))
    text = docx_text(docs["nota"])
    assert "Johanna Vandervelde" in text and "Willemijn Zandvoort" in text
    # the author is never written, not even internally; the comment stays in the internal version
    assert not find_in_package(docs["nota"], "Hendrik Sjabloonmaker")
    assert find_in_package(docs["nota"], "Gerrit Commentaar")


# --- a real office suite --------------------------------------------------------------------------


def test_example_documents_open_in_libreoffice_and_show_the_subject(tmp_path: Path) -> None:
    require_soffice()
    note = tmp_path / "iob.yaml"
    shutil.copy(EXAMPLE, note)
    docs = render_public(note)
    nota = load_note(note)
    subjects = {
        docs["nota"]: nota.kop.onderwerp,
        docs["kamerbrief"]: nota.kamerbrief.onderwerp or nota.kop.onderwerp,
        docs["nota-openbaar"]: nota.kop.onderwerp,
    }
    pdfs, log = convert_to_pdf(subjects, tmp_path / "pdf")
    for source, pdf in pdfs.items():
        assert pdf is not None, f"{source.name} niet geconverteerd:\n{log}"
        text = " ".join(pdf_text(pdf).split())
        assert subjects[source] in text, source.name
    public_text = " ".join(pdf_text(pdfs[docs["nota-openbaar"]]).split())  # type: ignore[arg-type]
    assert PRIVACY in public_text
    for name in ("Sanne de Vries", "Thomas Bakker"):
        assert name not in public_text


def test_an_unmarked_repeat_of_a_redacted_name_points_at_its_field(tmp_path: Path, capsys) -> None:
    note = tmp_path / "lek.yaml"
    note.write_text(
        "schema_version: 1\n"
        "kop: {onderwerp: Lek, aan: M, datum: 2025-01-06}\n"
        "aanleiding: Overleg met [[5.1.2e:Anna Bakker]].\n"
        "secties:\n"
        "  - titel: Toelichting\n"
        "    tekst: Anna Bakker belt nog terug.\n",
        encoding="utf-8",
    )
    from notawriter.cli import main

    assert main(["render", str(note), "--openbaar"]) == 2
    err = capsys.readouterr().err
    assert "lek.yaml, veld 'secties[0].tekst': openbare versie: 'Anna Bakker' staat hier ongemarkeerd" in err
    assert "[[5.1.2e:Anna Bakker]]" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lek.yaml"]


def test_an_older_public_letter_is_pointed_out_when_the_letter_needs_no_redaction_any_more(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = tmp_path / "brief.yaml"
    shutil.copy(EXAMPLE, note)
    assert main(["set", str(note), "kamerbrief.inleiding=Dank aan [[5.1.2e:Karel Appelboom]] voor het overleg."]) == 0
    assert "kamerbrief-openbaar" in render_public(note)
    assert main(["set", str(note), "kamerbrief.inleiding=Dank voor het overleg."]) == 0
    capsys.readouterr()
    render_public(note)
    assert "brief-kamerbrief-openbaar.docx: is van een eerdere versie; brief-kamerbrief.docx is nu zelf openbaar" in (
        capsys.readouterr().out
    )
