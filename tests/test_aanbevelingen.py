"""Importing recommendations from reports: parser, readers and the import-aanbevelingen command."""

from __future__ import annotations

from pathlib import Path

import pytest

from notawriter import aanbevelingen as ab
from notawriter import reports
from notawriter.aanbevelingen import import_command, join_broken, parse_recommendations
from notawriter.cli import main
from notawriter.errors import NotaError
from notawriter.model import Aanbeveling, Appreciatie, NotaType
from notawriter.notefile import load_note
from notawriter.reports import read_report

FIXTURES = Path(__file__).parent / "fixtures" / "reports"
IOB = Path("/work/shared/reference/iob-rapport-mensenrechtenbeleid-2017-2022.txt")

IOB_NUMBERS = [
    "1a", "1b", "1c", "1d", "1e",
    "2a", "2b", "2c", "2d", "2e", "2f",
    "3a",
    "3b-1", "3b-2", "3b-3", "3b-4",
    "3c-1", "3c-2", "3c-3", "3c-4", "3c-5",
    "3d-1", "3d-2",
]  # fmt: skip
GROUP_1 = (
    "Bevorder de uitvoering van internationale mensenrechtenafspraken en de inzet van de bijbehorende instrumenten"
)
GROUP_2 = "Verbeter de focus en strategische aansturing van het mensenrechtenbeleid in de landenpraktijk"
GROUP_3 = "Veranker mensenrechten steviger en structureler in het brede buitenlandbeleid"


def numbers(result: ab.ImportResult) -> list[str]:
    return [a.nummer for a in result.aanbevelingen]


def by_number(result: ab.ImportResult) -> dict[str, Aanbeveling]:
    return {a.nummer: a for a in result.aanbevelingen}


# --- the IOB report (two AANBEVELINGEN sections, lettered items, bullets, sub-items) --------------


@pytest.fixture(scope="module")
def iob() -> ab.ImportResult:
    if not IOB.exists():
        pytest.skip("referentierapport ontbreekt")
    return parse_recommendations(read_report(IOB))


def test_iob_gives_exactly_the_23_recommendations(iob: ab.ImportResult) -> None:
    assert numbers(iob) == IOB_NUMBERS
    assert all(a.appreciatie == Appreciatie.OPEN for a in iob.aanbevelingen)


def test_iob_texts_start_and_end_right(iob: ab.ImportResult) -> None:
    recs = by_number(iob)
    expect = {
        "1a": ("Stuur vanuit BZ (DMM) de ambassades gerichter aan", "gericht te ondersteunen en te monitoren."),
        "1e": ("Behoud de capaciteit om de leidende rol", "met prioriteit op inzet."),
        "2d": ("Vergroot de effectiviteit en efficiëntie", "van deze fondsen te voorkomen."),
        "3a": ("Werk in de meerjarenlandenstrategieën concreter uit", "beleidsprioriteiten voorkomt en adresseert."),
        "3b-1": ("Laat voor elk migratiepartnerschap", "de rechten van mensen op de vlucht."),
        "3b-4": ("Verbind consequenties aan de migratiesamenwerking", "mensenrechten tekortschiet."),
        "3c-1": ("Agendeer mensenrechten consequent", "schending van mensenrechten."),
        "3c-5": ("Onderzoek de juridische mogelijkheden", "het Nederlandse bedrijfsleven niet."),
        "3d-1": ("Versterk de samenhang tussen de beleidsinzet", "partnerlanden te intensiveren."),
        "3d-2": ("Maak binnen OH-directies voldoende capaciteit vrij", "tussen DMM en relevante OH-directies."),
    }
    for nummer, (start, end) in expect.items():
        assert recs[nummer].tekst.startswith(start), nummer
        assert recs[nummer].tekst.endswith(end), nummer


def test_iob_text_is_clean(iob: ab.ImportResult) -> None:
    for a in iob.aanbevelingen:
        assert "[bookmark" not in a.tekst and "footnote" not in a.tekst
        assert "\u00a0" not in a.tekst
    # a line broken inside a sentence is joined again
    assert "via andere beleidsterreinen mensenrechten" in by_number(iob)["3a"].tekst


def test_iob_lettered_item_with_options_stays_one_recommendation(iob: ab.ImportResult) -> None:
    tekst = by_number(iob)["1a"].tekst
    assert "Opties hiervoor zijn onder meer:\n- een beknopt handboek" in tekst
    assert tekst.count("\n- ") == 4
    assert any(n.startswith("1a: bevat een opsomming van 4 punten") for n in iob.onzeker)


def test_iob_groups(iob: ab.ImportResult) -> None:
    groups = {group: len(nrs) for group, nrs in iob.per_groep().items()}
    assert groups == {
        GROUP_1: 5,
        GROUP_2: 6,
        GROUP_3: 1,
        "Migratie en mensenrechten": 4,
        "Handelsbevorderingsinstrumenten en mensenrechten": 5,
        "Ontwikkelingssamenwerking en mensenrechten": 2,
    }


def test_iob_summary_and_final_chapter_are_merged(iob: ab.ImportResult) -> None:
    assert len(iob.vindplaatsen) == 2
    assert "regel 177" in iob.vindplaatsen[0] and "regel 1495" in iob.vindplaatsen[1]
    # the summary letters the trade bullets 3d and development 3e; the final chapter's numbering wins
    renumbered = next(n for n in iob.onzeker if "nummert anders" in n)
    assert "3d-1 = 3c-1" in renumbered and "3e-2 = 3d-2" in renumbered
    assert "regel 1495 is aangehouden" in renumbered.replace("'", "").replace("(", "").replace(")", "")
    # and the final chapter's wording is kept
    assert "hoogrisicolanden" in by_number(iob)["3c-2"].tekst


# --- other layouts --------------------------------------------------------------------------------


def test_markdown_numbered_list_under_theme_headings() -> None:
    result = parse_recommendations(read_report(FIXTURES / "rekenkamer-jeugdzorg.md"))
    assert numbers(result) == ["1", "2", "3", "4", "5"]  # the numbered conclusions and appendix are skipped
    recs = by_number(result)
    assert recs["1"].groep == "Toegang en wachttijden"
    assert recs["5"].groep == "Sturing en informatie"
    assert recs["1"].tekst == (
        "Spreek met de Vereniging van Nederlandse Gemeenten een landelijke norm af voor de maximale wachttijd "
        "voor specialistische jeugdhulp en maak de wachttijden per gemeente openbaar."
    )
    assert recs["3"].tekst.endswith(
        "Betrek daarbij:\n- de jeugdigen en hun ouders;\n- de jeugdhulpaanbieders;\n"
        "- het Centraal Bureau voor de Statistiek."
    )
    assert recs["5"].tekst.endswith("Hervormingsagenda Jeugd.")
    assert result.titel == "Grip op de jeugdzorg: onderzoek naar de toegang tot jeugdhulp"


def test_hard_wrapped_text_with_aanbeveling_headings_and_a_summary() -> None:
    result = parse_recommendations(read_report(FIXTURES / "evaluatie-inburgering.txt"))
    assert numbers(result) == ["1", "2", "3"]
    recs = by_number(result)
    # the chapter's fuller text wins over the summary's one-liner
    assert recs["1"].tekst.startswith("Zorg voor een persoonlijk plan binnen tien weken\n\nZorg voor een persoonlijk")
    assert "voldoende capaciteit en ondersteun" in recs["1"].tekst  # 'capaci-' + 'teit'
    assert "landelijk kwaliteitskader op" in recs["2"].tekst  # 'kwaliteits-' + 'kader'
    assert recs["2"].tekst.startswith("Versterk de samenwerking met taalaanbieders")  # 'Aanbeveling 2 –'
    assert recs["3"].tekst.endswith("onzekerheid bij gemeenten en aanbieders.")  # stops before '5. Verantwoording'
    assert result.titel == "Evaluatie van de Wet inburgering 2021"


def test_aanbeveling_headings_anywhere_without_a_section() -> None:
    text = """Rapport over het toezicht

2. Bevindingen

Aanbeveling 1: Versterk het toezicht op de naleving van de regels door de inspectie.

De inspectie heeft te weinig capaciteit. Zie ook aanbeveling 3 van het vorige rapport.

3. Financiën

Aanbeveling 2 – Maak de bekostiging van toezicht structureel en voorspelbaar.
"""
    result = parse_recommendations(text)
    assert numbers(result) == ["1", "2"]
    recs = by_number(result)
    assert recs["1"].groep == "Bevindingen" and recs["2"].groep == "Financiën"
    assert recs["1"].tekst.endswith("Zie ook aanbeveling 3 van het vorige rapport.")


def _word_numbering(document, formats: list[tuple[str, str]]) -> str:
    """Add an abstract list with (numFmt, lvlText) per level; returns its abstractNumId."""
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(formats)
    )
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {w} w:abstractNumId="90">{levels}</w:abstractNum>'))
    return "90"


def _new_list(document, abstract_id: str, num_id: int) -> int:
    """A list instance that starts counting at 1 (like Word's 'restart numbering')."""
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document.part.numbering_part.element.append(
        parse_xml(
            f'<w:num {w} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
    )
    return num_id


def _listed(document, text: str, num_id: int, ilvl: int = 0):
    from docx.oxml import parse_xml

    paragraph = document.add_paragraph(text)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {w}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def test_docx_with_word_list_numbering(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    abstract = _word_numbering(document, [("decimal", "%1."), ("lowerLetter", "%2)")])
    document.add_paragraph("Evaluatie van het armoedebeleid 2019-2023", style="Title")
    document.add_heading("Conclusies", 1)
    conclusions = _new_list(document, abstract, 901)
    _listed(document, "Het armoedebeleid bereikt veel huishoudens niet.", conclusions)
    _listed(document, "Gemeenten werken langs elkaar heen.", conclusions)
    document.add_heading("Aanbevelingen", 1)
    document.add_paragraph("Wij doen de volgende aanbevelingen.")
    recs = _new_list(document, abstract, 902)
    document.add_heading("Bestaanszekerheid", 2)
    _listed(document, "Verhoog het bereik van de bijzondere bijstand door actief te informeren.", recs)
    _listed(document, "Vereenvoudig de toeslagen", recs)
    _listed(document, "Zorg voor één loket per gemeente voor alle inkomensondersteuning.", recs, 1)
    _listed(document, "Verminder het aantal formulieren dat huishoudens moeten invullen.", recs, 1)
    document.add_heading("Schulden", 2)
    _listed(document, "Start schuldhulp binnen drie dagen na een eerste melding.", recs)
    document.add_heading("Bijlage: gesprekspartners", 1)
    _listed(document, "Gemeente Utrecht", _new_list(document, abstract, 903))
    path = tmp_path / "armoede.docx"
    document.save(str(path))

    text = read_report(path)
    assert "2. Vereenvoudig de toeslagen" in text and "  a) Zorg voor één loket" in text
    result = parse_recommendations(text, unit=None)
    assert numbers(result) == ["1", "2a", "2b", "3"]
    recs = by_number(result)
    assert recs["1"].groep == "Bestaanszekerheid" and recs["3"].groep == "Schulden"
    assert recs["2a"].groep == "Vereenvoudig de toeslagen"
    assert recs["3"].tekst == "Start schuldhulp binnen drie dagen na een eerste melding."
    assert result.titel == "Evaluatie van het armoedebeleid 2019-2023"


def test_docx_with_typed_numbers_headings_and_a_table(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Conclusies en aanbevelingen", 1)
    document.add_paragraph("1. Het programma heeft zijn doelen grotendeels gehaald.")
    document.add_heading("Aanbevelingen", 2)
    document.add_paragraph("1. Zet het programma voort na 2026 en borg de financiering in de begroting.")
    document.add_paragraph("2. Laat gemeenten jaarlijks rapporteren over de")
    document.add_paragraph("resultaten van de projecten in hun wijken.")
    document.add_heading("Vervolg", 3)
    table = document.add_table(rows=3, cols=2)
    for row, (nr, tekst) in enumerate([("Nr", "Aanbeveling"), ("3", "Evalueer het programma in 2028."), ("4", "")]):
        table.cell(row, 0).text, table.cell(row, 1).text = nr, tekst
    table.cell(2, 1).text = "Deel de resultaten met andere gemeenten."
    document.add_heading("Bijlagen", 1)
    document.add_paragraph("1. Lijst van afkortingen")
    path = tmp_path / "wijkaanpak.docx"
    document.save(str(path))

    result = parse_recommendations(read_report(path), unit=None)
    assert numbers(result) == ["1", "2", "3", "4"]
    recs = by_number(result)
    assert recs["2"].tekst == "Laat gemeenten jaarlijks rapporteren over de resultaten van de projecten in hun wijken."
    assert recs["3"].tekst == "Evalueer het programma in 2028."
    assert recs["4"].tekst == "Deel de resultaten met andere gemeenten."
    assert recs["1"].groep is None and recs["3"].groep == "Vervolg"


def test_plain_english_recommendations_with_parenthesised_numbers() -> None:
    text = "Recommendations\n\n1) Publish the data.\n2) Train the staff every year.\n\nAnnex\n\n1) Interviewees\n"
    result = parse_recommendations(text)
    assert numbers(result) == ["1", "2"]
    assert by_number(result)["2"].tekst == "Train the staff every year."


def test_unnumbered_bullets_are_numbered_in_order() -> None:
    text = "Aanbevelingen\n\n- Investeer in preventie.\n- Meet de resultaten.\n"
    result = parse_recommendations(text)
    assert numbers(result) == ["1", "2"]
    assert any("niet genummerd" in n for n in result.onzeker)


def test_numbering_that_restarts_per_theme() -> None:
    text = "## Aanbevelingen\n\n### Wonen\n\n1. Bouw meer.\n2. Bouw sneller.\n\n### Werk\n\n1. Verlaag de lasten op arbeid.\n"
    result = parse_recommendations(text)
    assert numbers(result) == ["1.1", "1.2", "2.1"]
    assert by_number(result)["2.1"].groep == "Werk"


# --- lists inside lettered items ------------------------------------------------------------------


def test_sentence_lead_with_full_sentence_bullets_is_split_with_the_lead() -> None:
    text = """Aanbevelingen

1. Versterk de uitvoering.

a) De minister zorgt voor het volgende:
- Stel een taskforce in.
- Rapporteer elk halfjaar aan de Kamer.

b) Herzie de wet in 2027.
"""
    result = parse_recommendations(text)
    assert numbers(result) == ["1a-1", "1a-2", "1b"]
    assert by_number(result)["1a-1"].tekst == "De minister zorgt voor het volgende: Stel een taskforce in."
    assert by_number(result)["1a-1"].groep == "Versterk de uitvoering"
    assert any(n.startswith("1a: de 2 punten") for n in result.onzeker)


def test_lettered_lead_sentence_with_fragments_stays_whole() -> None:
    text = """AANBEVELINGEN

1. Verbeter de financiering.

a) Vergroot de doelmatigheid door:
(a) fondsen samen te voegen;
(b) overlap te voorkomen.

b) Maak het budget meerjarig.
"""
    result = parse_recommendations(text)
    assert numbers(result) == ["1a", "1b"]
    assert (
        by_number(result)["1a"].tekst
        == "Vergroot de doelmatigheid door:\n- fondsen samen te voegen;\n- overlap te voorkomen."
    )


# --- deduplication --------------------------------------------------------------------------------

SUMMARY_AND_CHAPTER = """Samenvatting

AANBEVELINGEN

1. Maak een plan.

a) Zorg voor een landelijk plan.
b) Betrek gemeenten.

2. Meet de voortgang.

1. Inleiding

Tekst van de inleiding.

AANBEVELINGEN

1. Maak een plan.

a) Zorg voor een landelijk plan met heldere doelen, een tijdpad en een vaste trekker per onderdeel.
b) Betrek gemeenten.

2. Meet de voortgang en publiceer elk jaar een voortgangsrapportage.
"""


def test_recommendations_stated_twice_are_imported_once_with_the_fuller_text() -> None:
    result = parse_recommendations(SUMMARY_AND_CHAPTER)
    assert numbers(result) == ["1a", "1b", "2"]
    assert by_number(result)["1a"].tekst.endswith("een vaste trekker per onderdeel.")
    assert by_number(result)["2"].tekst.endswith("elk jaar een voortgangsrapportage.")
    assert by_number(result)["1b"].groep == "Maak een plan"
    assert len(result.vindplaatsen) == 2


def test_duplicates_within_one_list_keep_the_longest() -> None:
    text = "Aanbevelingen\n\nAanbeveling 1: Doe dit.\n\nAanbeveling 1: Doe dit, en doe het goed.\n"
    result = parse_recommendations(text)
    assert numbers(result) == ["1"]
    assert by_number(result)["1"].tekst == "Doe dit, en doe het goed."
    assert any("komt twee keer voor" in n for n in result.onzeker)


def test_summary_only_text_is_not_lost() -> None:
    text = "Aanbevelingen\n\n1. Doe A nu.\n2. Doe B snel.\n\nNog een kop\n\nAanbevelingen\n\n1. Doe A nu meteen.\n"
    result = parse_recommendations(text)
    assert numbers(result) == ["1", "2"]
    assert by_number(result)["1"].tekst == "Doe A nu meteen."


# --- line joining ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prev", "nxt", "vocabulary", "joined"),
    [
        ("de beleids-", "terreinen zijn", set(), "de beleidsterreinen zijn"),
        ("de mensenrechten-", "effectanalyses", {"mensenrechten-effectanalyses"}, "de mensenrechten-effectanalyses"),
        ("in EU-", "verband", set(), "in EU-verband"),
        ("de G7-", "landen", set(), "de G7-landen"),
        ("de politie-", "inzet", set(), "de politie-inzet"),
        ("via andere", "beleidsterreinen", set(), "via andere beleidsterreinen"),
        ("kosten -", "baten", set(), "kosten - baten"),
    ],
)
def test_join_broken(prev: str, nxt: str, vocabulary: set[str], joined: str) -> None:
    assert join_broken(prev, nxt, vocabulary) == joined


# --- the command ----------------------------------------------------------------------------------


def test_cli_new_note_from_the_iob_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not IOB.exists():
        pytest.skip("referentierapport ontbreekt")
    out = tmp_path / "nota.yaml"
    assert main(["import-aanbevelingen", str(IOB), "-o", str(out)]) == 0
    nota = load_note(out)
    assert [a.nummer for a in nota.aanbevelingen] == IOB_NUMBERS
    assert nota.kop.type == NotaType.TER_BESLISSING
    assert nota.kop.onderwerp == "Kabinetsreactie op «titel van het rapport»"  # no title in the text; not the file name
    assert all(a.appreciatie == Appreciatie.OPEN for a in nota.aanbevelingen)
    stdout = capsys.readouterr().out
    assert "23 aanbevelingen gevonden" in stdout
    assert "4  Migratie en mensenrechten (3b-1 t/m 3b-4)" in stdout
    assert "Controleer in het rapport:" in stdout and "1a: bevat een opsomming" in stdout
    assert f"Nieuwe nota geschreven: {out}" in stdout
    assert main(["check", str(out)]) == 0  # fresh from the import: unfinished (warnings), not wrong
    assert "waarschuwing  kop.datum" in capsys.readouterr().out


def test_cli_new_note_takes_the_report_title(tmp_path: Path) -> None:
    out = tmp_path / "nota.yaml"
    assert main(["import-aanbevelingen", str(FIXTURES / "rekenkamer-jeugdzorg.md"), "-o", str(out)]) == 0
    nota = load_note(out)
    assert nota.kop.onderwerp == "Kabinetsreactie op Grip op de jeugdzorg: onderzoek naar de toegang tot jeugdhulp"
    assert nota.aanbevelingen[1].tekst.endswith("**overbruggingszorg** krijgen.")


def test_cli_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "nota.yaml"
    out.write_text("# mijn nota\n", encoding="utf-8")
    code = main(["import-aanbevelingen", str(FIXTURES / "rekenkamer-jeugdzorg.md"), "-o", str(out)])
    assert code == 2
    assert "bestaat al en wordt niet overschreven" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "# mijn nota\n"


EXISTING = """# Nota over de kabinetsreactie: niet weghalen
schema_version: 1
kop:
  onderwerp: Kabinetsreactie op het rapport  # voorlopige titel
  aan: M
aanbevelingen:
  - nummer: '0'
    tekst: Een eerdere aanbeveling.
"""


def test_cli_into_keeps_comments_and_appends(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = tmp_path / "nota.yaml"
    note.write_text(EXISTING, encoding="utf-8")
    assert main(["import-aanbevelingen", str(FIXTURES / "evaluatie-inburgering.txt"), "--into", str(note)]) == 0
    text = note.read_text(encoding="utf-8")
    assert "# Nota over de kabinetsreactie: niet weghalen" in text
    assert "# voorlopige titel" in text
    nota = load_note(note)
    assert [a.nummer for a in nota.aanbevelingen] == ["0", "1", "2", "3"]
    assert nota.aanbevelingen[2].tekst.startswith("Versterk de samenwerking met taalaanbieders\n\n")
    assert "de nota heeft nu 4 aanbevelingen" in capsys.readouterr().out


def test_cli_into_a_note_without_recommendations(tmp_path: Path) -> None:
    note = tmp_path / "nota.yaml"
    note.write_text("kop:\n  onderwerp: Test  # titel\n", encoding="utf-8")
    assert main(["import-aanbevelingen", str(FIXTURES / "rekenkamer-jeugdzorg.md"), "--into", str(note)]) == 0
    assert "# titel" in note.read_text(encoding="utf-8")
    assert len(load_note(note).aanbevelingen) == 5


def test_cli_into_refuses_duplicate_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = tmp_path / "nota.yaml"
    note.write_text(EXISTING.replace("'0'", "'2'"), encoding="utf-8")
    before = note.read_text(encoding="utf-8")
    code = main(["import-aanbevelingen", str(FIXTURES / "evaluatie-inburgering.txt"), "--into", str(note)])
    assert code == 2
    err = capsys.readouterr().err
    assert "aanbeveling(en) 2 staan al in de nota; niets toegevoegd" in err
    assert note.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("ontbreekt.txt", None, "rapport bestaat niet"),
        ("rapport.xlsx", "iets", "bestandstype '.xlsx' wordt niet ondersteund; ondersteund zijn .txt, .md, .docx"),
        ("rapport.doc", "iets", "oud Word-formaat (.doc)"),
        ("leeg.txt", "Inleiding\n\nDit rapport bevat geen lijst.\n", "geen aanbevelingen gevonden; verwacht een kop"),
        ("kapot.docx", "geen zip", "geen geldig Word-bestand (.docx)"),
    ],
)
def test_cli_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: str | None, message: str
) -> None:
    report = tmp_path / name
    if content is not None:
        report.write_text(content, encoding="utf-8")
    out = tmp_path / "nota.yaml"
    assert main(["import-aanbevelingen", str(report), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("fout: ") and message in err
    assert err.count("\n") == 1
    assert not out.exists()


def test_pdf_without_pypdf_names_the_supported_formats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reports, "_pypdf_available", lambda: False)
    report = tmp_path / "rapport.pdf"
    report.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(NotaError, match=r"pypdf .*ondersteund zijn nu \.txt, \.md en \.docx"):
        import_command(report, output=tmp_path / "nota.yaml", into=None)
    assert not (tmp_path / "nota.yaml").exists()


def _text_pdf(lines: list[str]) -> bytes:
    """A one-page pdf with these lines of text (Helvetica), without any pdf-writing library."""
    content = "BT /F1 11 Tf 14 TL 72 770 Td " + " ".join(f"({line}) '" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content.encode('latin-1'))} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_pdf_report(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    report = tmp_path / "rapport.pdf"
    report.write_bytes(
        _text_pdf(
            [
                "Aanbevelingen",
                "1. Zorg voor een landelijk plan met heldere doe-",
                "len en een vaste trekker per onderdeel.",
                "2. Meet de voortgang elk jaar.",
                "Bijlage",
                "1. Lijst van gesprekspartners",
            ]
        )
    )
    result = parse_recommendations(read_report(report), unit=None)
    assert [(a.nummer, a.tekst) for a in result.aanbevelingen] == [
        ("1", "Zorg voor een landelijk plan met heldere doelen en een vaste trekker per onderdeel."),
        ("2", "Meet de voortgang elk jaar."),
    ]


def test_unreadable_pdf(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    report = tmp_path / "rapport.pdf"
    report.write_bytes(b"dit is geen pdf")
    with pytest.raises(NotaError, match="geen leesbare pdf"):
        read_report(report)


def test_lettered_parts_that_finish_the_numbered_sentence_stay_one_recommendation() -> None:
    text = (
        "Aanbevelingen\n\n"
        "Capaciteit\n"
        "6. Investeer in digitale vaardigheden van ambtenaren:\n"
        "   a. via de Rijksacademie;\n"
        "   b. via leerwerktrajecten bij uitvoeringsorganisaties.\n"
        "7. Voorkom dat kennis verdwijnt bij het beëindigen van inhuur.\n"
    )
    found = by_number(parse_recommendations(text))
    assert sorted(found) == ["6", "7"]
    assert found["6"].groep == "Capaciteit" == found["7"].groep
    assert found["6"].tekst.startswith("Investeer in digitale vaardigheden van ambtenaren:\n- via de Rijksacademie;")


def test_a_short_full_sentence_is_not_taken_for_a_heading() -> None:
    result = parse_recommendations("Aanbevelingen\n\n1. Verkort de wachttijden.\n2. Meet het effect van elke maatregel jaarlijks.\n")
    assert len(result.aanbevelingen) == 2
    assert not any("zeer korte tekst" in note for note in result.onzeker)


def test_a_title_quoted_in_the_opening_text_becomes_the_subject() -> None:
    text = (
        "De Inspectie publiceert hierbij het rapport ‘Toezicht op de kinderopvang 2024’.\n\n"
        "Aanbevelingen\n\n1. Versterk het toezicht op gastouders.\n2. Publiceer de resultaten per gemeente.\n"
    )
    assert ab.parse_recommendations(text).titel == "Toezicht op de kinderopvang 2024"
