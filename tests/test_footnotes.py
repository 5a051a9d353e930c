"""Footnotes: free `[voetnoot: …]` footnotes and motion citations are real Word footnotes, numbered
in one sequence in document order, in the nota and in the Kamerbrief; a motion cited again refers
back to its full citation; the Kamerbrief cites a motion as letters to parliament do."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from notawriter.cli import main
from notawriter.markup import Link, MotieRef, Redacted, Text, Voetnoot, mark_problems, parse, redacted_spans
from notawriter.render import render_note
from tests.helpers import body_paragraphs, find_in_package, footnote_references, footnotes, part_xml, zip_members

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "voetnoten.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
MOTION = "Kamerstuk 36 600 XX, nr. 24"


@pytest.fixture
def note(tmp_path: Path) -> Path:
    path = tmp_path / "v.yaml"
    shutil.copy(FIXTURE, path)
    return path


@pytest.fixture
def rendered(note: Path) -> tuple[Path, Path]:
    render_note(note)
    return note.with_name("v-nota.docx"), note.with_name("v-kamerbrief.docx")


def in_order(path: Path) -> list[str]:
    """Footnote texts in the order of their references in the body."""
    notes = footnotes(path)
    return [notes[ref] for ref in footnote_references(path)]


# --- markup -------------------------------------------------------------------------------------


def test_a_free_footnote_holds_italics_a_link_an_escaped_bracket_and_a_redaction() -> None:
    (block,) = parse(r"Tekst.[voetnoot: Zie *VN* \[A/43\], [un.org](https://www.un.org/a) met [[5.1.2e:Jan Jansen]].] Verder")
    assert block.runs[0] == Text("Tekst.") and block.runs[2] == Text(" Verder")
    assert block.runs[1] == Voetnoot(
        (
            Text("Zie "),
            Text("VN", italic=True),
            Text(" [A/43], "),
            Link("un.org", "https://www.un.org/a"),
            Text(" met "),
            Redacted("5.1.2e", "Jan Jansen"),
            Text("."),
        )
    )
    assert block.plain == "Tekst. Verder"  # the running text shows only the footnote's number


def test_a_footnote_is_not_formatted_by_the_bold_text_around_it_and_attaches_to_the_word_before() -> None:
    (block,) = parse("**Let op** [voetnoot: bron]")
    assert block.runs == (Text("Let op", bold=True), Voetnoot((Text("bron"),)))


def test_a_name_or_motion_inside_a_footnote_is_found_by_the_checks() -> None:
    from notawriter.markup import motion_refs

    text = "x[voetnoot: met [[5.1.2e:Piet Puk]] en [motie:m-1]]"
    assert [s.text for s in redacted_spans(text)] == ["Piet Puk"]
    assert motion_refs(text) == ["m-1"]
    assert MotieRef("m-1") in parse(text)[0].runs[1].runs  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Tekst.[voetnoot: zonder einde", "'[voetnoot: zonder einde' is geen volledige voetnoot"),
        ("Tekst.[voetnoot zonder dubbele punt]", "is geen volledige voetnoot: schrijf [voetnoot: tekst]"),
        ("Tekst.[voetnoot:  ]", "lege voetnoot"),
        ("Tekst.[voetnoot: a [voetnoot: b]]", "voetnoot in een voetnoot"),
        ("Tekst.[voetnoot: zie [[5.1.2e:Jan]", "is geen volledige voetnoot"),
    ],
)
def test_broken_footnote_markup_is_reported(text: str, message: str) -> None:
    assert any(message in problem for problem in mark_problems(text)), mark_problems(text)


def test_footnotes_nested_thousands_deep_become_bracketed_text_and_are_reported() -> None:
    text = "Tekst.[voetnoot: a" + "[voetnoot: b" * 3000 + "]" * 3001
    (block,) = parse(text)
    (note,) = [r for r in block.runs if isinstance(r, Voetnoot)]
    assert "".join(r.text for r in note.runs).startswith("a (b (b")
    assert any("voetnoot in een voetnoot" in p for p in mark_problems(text))


def test_an_unclosed_footnote_stays_text_and_a_closed_one_is_no_problem() -> None:
    assert parse("a [voetnoot: b")[0].runs == (Text("a [voetnoot: b"),)
    assert mark_problems(r"a[voetnoot: *b* \] [c](https://c.nl) <https://d.nl>]") == []


def test_check_names_the_field_of_a_broken_footnote(note: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note.write_text(note.read_text(encoding="utf-8").replace("22 juni 2020.]", "22 juni 2020."), encoding="utf-8")
    assert main(["check", str(note)]) != 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if "geen volledige voetnoot" in line)
    assert "aanleiding" in line and "[voetnoot: VN-Mensenrechtenraad" in line


@pytest.mark.parametrize(
    ("broken", "field"),
    [
        ("Zie ook de resolutie.[voetnoot: zonder einde", "kamerbrief.slot"),
        ("Zie [motie boomsma-24] hierover.", "kamerbrief.slot"),
        ("Gesproken met [[5.1.2e:Jan Jansen] (DCO).", "kamerbrief.slot"),
        ("Gesproken met [[51.2e:Jan Jansen]].", "kamerbrief.slot"),
        ("Tekst.[voetnoot: a [voetnoot: b]]", "kamerbrief.slot"),
    ],
)
@pytest.mark.parametrize("openbaar", [False, True])
def test_render_refuses_the_markup_check_calls_an_error_naming_the_field_and_writes_nothing(
    note: Path, capsys: pytest.CaptureFixture[str], broken: str, field: str, openbaar: bool
) -> None:
    text = note.read_text(encoding="utf-8")
    quoted = json.dumps(broken)  # (a YAML double-quoted string)
    note.write_text(text.replace("slot: Zoals gevraagd in de motie[motie:boomsma-24].", f"slot: {quoted}"), encoding="utf-8")
    assert main(["check", str(note)]) == 2
    checked = capsys.readouterr().out
    assert any(line.startswith("fout") and field in line for line in checked.splitlines()), checked
    assert main(["render", str(note), *(["--openbaar"] if openbaar else [])]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and err.startswith("fout: ") and f"veld '{field}'" in err
    assert sorted(p.name for p in note.parent.iterdir()) == [note.name]


def test_an_unclosed_footnote_never_reaches_a_document_nor_swallows_the_motion_after_it(
    note: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    render_note(note)
    brief = note.with_name("v-kamerbrief.docx")
    before = brief.read_bytes()
    text = note.read_text(encoding="utf-8").replace("<https://www.tweedekamer.nl/motie-36600-XX-24>.]", "tweedekamer.nl.")
    note.write_text(text, encoding="utf-8")
    assert main(["render", str(note)]) == 2
    assert "kamerbrief.inleiding" in capsys.readouterr().err
    assert brief.read_bytes() == before


# --- documents ----------------------------------------------------------------------------------


def test_free_footnotes_are_word_footnotes_in_both_documents(rendered: tuple[Path, Path]) -> None:
    nota, brief = rendered
    assert "VN-Mensenrechtenraad (2020), A/HRC/RES/43/39, un.org, 22 juni 2020." in in_order(nota)
    assert any(n.startswith("Kamerstuk 26 485, nr. 425; besproken met Quintijn Voetnootsma [DMM].") for n in in_order(nota))
    assert "Zie ook https://www.tweedekamer.nl/motie-36600-XX-24." in in_order(brief)
    for doc in rendered:
        assert not any("voetnoot:" in p for p in body_paragraphs(doc))


def test_free_and_motion_footnotes_are_numbered_in_one_sequence_in_document_order(rendered: tuple[Path, Path]) -> None:
    for doc in rendered:
        refs = footnote_references(doc)
        assert refs == list(range(1, len(refs) + 1)) and sorted(footnotes(doc)) == refs, doc.name
    notes = in_order(rendered[0])
    vn = next(i for i, n in enumerate(notes) if n.startswith("VN-"))
    motion = next(i for i, n in enumerate(notes) if MOTION in n)
    paper = next(i for i, n in enumerate(notes) if n.startswith("Kamerstuk 26 485"))
    assert vn < motion < paper  # aanleiding (free, then motion), then the Toelichting section


def test_a_footnote_keeps_its_italics_and_its_link_is_a_real_hyperlink(rendered: tuple[Path, Path]) -> None:
    nota = rendered[0]
    root = etree.fromstring(zip_members(nota)["word/footnotes.xml"])
    note = next(n for n in root.iter(f"{W}footnote") if "A/HRC" in "".join(t.text or "" for t in n.iter(f"{W}t")))
    italic = [r for r in note.iter(f"{W}r") if r.find(f"{W}rPr/{W}i") is not None]
    assert ["".join(t.text or "" for t in r.iter(f"{W}t")) for r in italic] == ["A/HRC/RES/43/39"]
    (link,) = note.iter(f"{W}hyperlink")
    assert "".join(t.text or "" for t in link.iter(f"{W}t")) == "un.org"
    rels = part_xml(nota, "word/_rels/footnotes.xml.rels")
    target = re.search(rf'Id="{link.get(R_ID)}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'Target="([^"]+)"[^>]*Id="{link.get(R_ID)}"', rels
    )
    assert target is not None and target.group(1) == "https://www.un.org/resolutie-43-39"
    assert 'TargetMode="External"' in rels


def test_a_motion_cited_again_gets_one_full_citation_and_short_back_references(rendered: tuple[Path, Path]) -> None:
    notes = in_order(rendered[0])
    cited = [(i + 1, n) for i, n in enumerate(notes) if MOTION in n]
    assert len(cited) == 3
    (full_number, full), *later = cited
    assert full.startswith(f"Motie-Boomsma/Grinwis (NSC, CU), {MOTION} (aangehouden): verzoekt de regering")
    assert [n for _, n in later] == [f"Motie-Boomsma/Grinwis, {MOTION} (zie voetnoot {full_number})."] * 2
    assert sum("verzoekt" in n for n in notes) == 1


def test_the_kamerbrief_cites_a_motion_as_letters_to_parliament_do(rendered: tuple[Path, Path]) -> None:
    notes = in_order(rendered[1])
    assert notes[0] == f"{MOTION}."
    assert notes[1:] == ["Zie ook https://www.tweedekamer.nl/motie-36600-XX-24.", "Zie voetnoot 1.", "Zie voetnoot 1."]
    assert not any("verzoekt" in n or "Motie-" in n for n in notes)


def test_a_name_in_a_footnote_is_redacted_in_the_public_version(note: Path) -> None:
    assert main(["render", str(note), "--openbaar"]) == 0
    public = note.with_name("v-nota-openbaar.docx")
    assert find_in_package(public, "Quintijn Voetnootsma") == []
    assert any(n.startswith("Kamerstuk 26 485, nr. 425; besproken met ") for n in in_order(public))
    assert "Quintijn Voetnootsma" in " ".join(in_order(note.with_name("v-nota.docx")))


def test_a_footnote_in_a_title_is_reported_as_literal_text(note: Path) -> None:
    note.write_text(
        note.read_text(encoding="utf-8").replace("  - titel: Toelichting", '  - titel: "Toelichting[voetnoot: bron]"'),
        encoding="utf-8",
    )
    report = render_note(note)
    assert any("'[voetnoot: bron]' staat letterlijk in nota.docx" in w for w in report.warnings), report.warnings


def test_a_footnote_in_a_motions_request_stays_in_brackets_inside_the_motions_footnote(note: Path) -> None:
    note.write_text(
        note.read_text(encoding="utf-8").replace(
            "verzoek: verzoekt de regering om protocollen op te stellen over de naleving van mensenrechten.",
            'verzoek: "verzoekt de regering om protocollen op te stellen[voetnoot: Zie het dictum.] over de naleving."',
        ),
        encoding="utf-8",
    )
    render_note(note)
    nota = note.with_name("v-nota.docx")
    full = next(n for n in in_order(nota) if "verzoekt" in n)
    assert "protocollen op te stellen (Zie het dictum.) over de naleving" in full
    assert "footnoteReference" not in part_xml(nota, "word/footnotes.xml")
    assert "Zie het dictum." in in_order(nota)  # the Relevante moties section cites it as a footnote of its own


def test_documents_with_footnotes_and_links_are_schema_valid(note: Path) -> None:
    audit = shutil.which("openxml-audit") or str(Path(sys.executable).with_name("openxml-audit"))
    if not Path(audit).exists():
        pytest.skip("openxml-audit is not installed")
    assert main(["render", str(note), "--openbaar"]) == 0
    documents = sorted(note.parent.glob("*.docx"))
    assert note.with_name("v-nota-openbaar.docx") in documents
    for doc in documents:
        result = subprocess.run([audit, "-f", "office2019", str(doc)], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0 and "Errors: 0" in result.stdout, result.stdout


def test_a_link_in_the_running_text_is_a_real_hyperlink(note: Path) -> None:
    note.write_text(
        note.read_text(encoding="utf-8").replace(
            "Het rapport verscheen in november.", "Het rapport staat op <https://www.iob-evaluatie.nl/rapport>."
        ),
        encoding="utf-8",
    )
    render_note(note)
    nota = note.with_name("v-nota.docx")
    link = re.search(r'<w:hyperlink [^>]*r:id="(\w+)"[^>]*>.*?</w:hyperlink>', part_xml(nota, "word/document.xml"))
    assert link is not None and "https://www.iob-evaluatie.nl/rapport</w:t>" in link.group()
    rels = part_xml(nota, "word/_rels/document.xml.rels")
    assert re.search(rf'Id="{link.group(1)}"[^>]*Target="https://www.iob-evaluatie.nl/rapport"', rels) or re.search(
        rf'Target="https://www.iob-evaluatie.nl/rapport"[^>]*Id="{link.group(1)}"', rels
    )
