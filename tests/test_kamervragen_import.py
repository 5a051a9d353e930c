"""import-kamervragen (text in three layouts, Word, PDF), kamervragen fetch (a recorded open-data
response on a loopback server), and PDF reading as both importers do it."""

from __future__ import annotations

import datetime as dt
import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from notawriter import tkdata
from notawriter.cli import main
from notawriter.kamervragen.importer import parse_questions
from notawriter.kamervragen.model import KamervragenNota
from notawriter.notefile import load_note
from notawriter.pdftext import clean_pages
from tests.conftest import require_soffice
from tests.helpers import RecordedServer, convert_to_pdf

FIXTURES = Path(__file__).parent / "fixtures" / "kamervragen"
REFERENCE = Path("/work/shared/reference")
ROOT = Path(__file__).resolve().parent.parent


def layout(name: str) -> str:
    return (FIXTURES / f"layout-{name}.txt").read_text(encoding="utf-8")


# --- three layouts --------------------------------------------------------------------------------


def test_bare_numbers_with_wrapped_header() -> None:
    parsed = parse_questions(layout("kaal"))
    assert [n for n, _ in parsed.vragen] == [1, 2, 3]
    assert parsed.vragen[0][1].startswith("Bent u het ermee eens") and parsed.vragen[0][1].endswith("Zo nee, waarom niet?")
    assert [(i.naam, i.fractie) for i in parsed.vragenstellers] == [("Hirsch", "GL-PvdA"), ("Piri", "GL-PvdA")]
    assert parsed.aan == ["minister voor Buitenlandse Handel en Ontwikkelingshulp", "minister van Financiën"]
    assert parsed.over == "de IOB-evaluatie van het Nederlandse mensenrechtenbeleid"
    assert (parsed.ingezonden, parsed.kenmerk) == (dt.date(2025, 3, 20), "2025Z04931")


def test_page_footer_and_footnote_stay_out_of_the_questions() -> None:
    parsed = parse_questions(layout("kaal"))
    assert "Pagina" not in parsed.vragen[1][1]
    assert parsed.vragen[2][1] == "Wanneer verwacht u de kabinetsreactie op het volledige IOB-rapport met de Kamer te kunnen delen?"
    assert parsed.voetnoten == ["1) IOB-evaluatie ‘Met kleine stappen’, 2024."]
    assert any("regel 23" in note and "voetnoot" in note for note in parsed.onzeker)


def test_vraag_headings_one_member_and_a_numeric_date() -> None:
    parsed = parse_questions(layout("vraag"))
    assert [n for n, _ in parsed.vragen] == [1, 2, 3]
    assert parsed.vragen[2][1] == "Bent u bereid dierenwelzijn een vaste plaats te geven in toekomstige handelsakkoorden? Zo nee, waarom niet?"
    assert [(i.naam, i.fractie) for i in parsed.vragenstellers] == [("Kostić", "PvdD")]
    assert parsed.aan == ["staatssecretaris van Buitenlandse Zaken"]
    assert (parsed.ingezonden, parsed.kenmerk) == (dt.date(2025, 2, 3), "2025Z01234")
    assert parsed.onzeker == []


def test_dotted_numbers_three_parties_and_a_list_in_a_question() -> None:
    parsed = parse_questions(layout("punt"))
    assert [n for n, _ in parsed.vragen] == [1, 2, 3]
    assert parsed.vragen[1][1] == (
        "Kunt u per regeling aangeven:\n\n- hoeveel steun is verleend;\n- aan hoeveel bedrijven.\n\nGraag een overzicht per provincie."
    )
    assert [(i.naam, i.fractie) for i in parsed.vragenstellers] == [("Van der Plas", "BBB"), ("Boswijk", "CDA"), ("Eerdmans", "JA21")]
    assert parsed.aan == [
        "minister van Landbouw, Visserij, Voedselzekerheid en Natuur",
        "minister van Buitenlandse Zaken",
        "minister van Financiën",
    ]
    assert parsed.ingezonden == dt.date(2025, 4, 7)


def test_published_answers_are_read_with_the_joint_answer() -> None:
    parsed = parse_questions((REFERENCE / "antwoorden-kamervragen-iob-evaluatie.txt").read_text(encoding="utf-8"))
    assert [n for n, _ in parsed.vragen] == list(range(1, 12))
    assert [a for a, _ in parsed.antwoorden] == [[1], [2], [3], [4], [5, 6], [7], [8], [9], [10], [11]]


def test_a_text_without_header_is_reported_as_unsure() -> None:
    parsed = parse_questions("1. Waarom?\n\n2. Wanneer?\n")
    assert [n for n, _ in parsed.vragen] == [1, 2]
    assert any("geen kop 'Vragen van het lid" in n for n in parsed.onzeker)
    assert any("geen kenmerk" in n for n in parsed.onzeker)


# --- the command ----------------------------------------------------------------------------------


def test_import_writes_a_kamervragen_note_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "vragen.yaml"
    assert main(["import-kamervragen", str(FIXTURES / "layout-vraag.txt"), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "3 vragen gevonden in layout-vraag.txt" in printed
    assert "gesteld door:   het lid Kostić (PvdD)" in printed
    nota = load_note(out)
    assert isinstance(nota, KamervragenNota)
    assert nota.over == "*dierenwelzijn* in handelsakkoorden"
    assert "\ningezonden: 2025-02-03\n" in out.read_text(encoding="utf-8")  # a YAML date, as the user writes it
    assert nota.vragen[0].tekst == "Kent u het bericht ‘Handelsakkoord zonder dierenwelzijn’ \\[1\\]?"  # literal, not markup
    assert main(["check", str(out)]) == 0  # no answers yet, no signatories: unfinished, not broken
    printed = capsys.readouterr().out
    assert "vragen 1, 2, 3 nog zonder antwoord" in printed and "waarschuwing  ondertekenaars" in printed


def test_import_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "vragen.yaml"
    out.write_text("iets\n", encoding="utf-8")
    assert main(["import-kamervragen", str(FIXTURES / "layout-punt.txt"), "-o", str(out)]) == 2
    assert "bestaat al" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "iets\n"


def test_import_without_questions_says_what_it_expects(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "leeg.txt"
    source.write_text("Alleen wat tekst zonder nummers.\n", encoding="utf-8")
    assert main(["import-kamervragen", str(source), "-o", str(tmp_path / "x.yaml")]) == 2
    assert "geen vragen gevonden" in capsys.readouterr().err
    assert not (tmp_path / "x.yaml").exists()


def test_import_from_word(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for block in layout("punt").split("\n\n"):
        document.add_paragraph(" ".join(block.split("\n")) if not block.lstrip().startswith("2.") else block)
    source = tmp_path / "vragen.docx"
    document.save(str(source))
    out = tmp_path / "vragen.yaml"
    assert main(["import-kamervragen", str(source), "-o", str(out)]) == 0
    nota = load_note(out)
    assert isinstance(nota, KamervragenNota)
    assert [v.nummer for v in nota.vragen] == [1, 2, 3]
    assert [i.naam for i in nota.vragenstellers] == ["Van der Plas", "Boswijk", "Eerdmans"]


# --- PDF --------------------------------------------------------------------------------------------


def test_pdf_page_furniture_and_hyphens_are_handled() -> None:
    def page(n: int, body: str) -> str:
        filler = "\n".join(f"Alinea {n}.{i} van deze bladzijde." for i in range(4))
        return f"Ministerie van Buitenlandse Zaken\n\n{filler}\n\n{body}\n\n{filler}\n\n{n}\n"

    pages = [
        page(1, "1. Investeer in de verdediging van de mensen-\nrechten en in de kennis van medewerkers op alle posten."),
        page(2, "2. Versterk de samenwerking met maatschappelijke organisaties in alle\nprioritaire landen."),
        page(3, "3\nHoe beoordeelt u het bericht?"),
    ]
    text = clean_pages(pages)
    assert "Ministerie van Buitenlandse Zaken" not in text
    assert "\n1\n" not in text and not text.rstrip().endswith("3")  # page numbers
    assert "1. Investeer in de verdediging van de mensenrechten en in de kennis van medewerkers op alle posten." in text
    assert "2. Versterk de samenwerking met maatschappelijke organisaties in alle prioritaire landen." in text
    assert "\n3\nHoe beoordeelt u het bericht?" in text  # a bare number inside the page stays


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The reference report and one question layout converted to PDF with LibreOffice."""
    require_soffice()
    folder = tmp_path_factory.mktemp("pdf")
    sources = [folder / "rapport.txt", folder / "vragen.txt"]
    shutil.copy(REFERENCE / "iob-rapport-mensenrechtenbeleid-2017-2022.txt", sources[0])
    shutil.copy(FIXTURES / "layout-kaal.txt", sources[1])
    converted, log = convert_to_pdf(sources, folder / "out", timeout=300)
    if any(pdf is None for pdf in converted.values()):
        pytest.fail(f"LibreOffice maakte geen pdf: {log}")
    return {src.stem: pdf for src, pdf in converted.items() if pdf is not None}


def test_reference_report_as_pdf_gives_the_same_recommendations(pdfs: dict[str, Path]) -> None:
    from notawriter.aanbevelingen.command import import_report

    text = import_report(REFERENCE / "iob-rapport-mensenrechtenbeleid-2017-2022.txt")
    pdf = import_report(pdfs["rapport"])
    assert [(a.nummer, a.groep, a.tekst) for a in pdf.aanbevelingen] == [(a.nummer, a.groep, a.tekst) for a in text.aanbevelingen]
    assert len(pdf.aanbevelingen) == 23


def test_import_kamervragen_from_pdf(pdfs: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "vragen.yaml"
    assert main(["import-kamervragen", str(pdfs["vragen"]), "-o", str(out)]) == 0
    nota = load_note(out)
    assert isinstance(nota, KamervragenNota)
    expected = parse_questions(layout("kaal"))
    assert [(v.nummer, v.tekst) for v in nota.vragen] == [(n, t) for n, t in expected.vragen]
    assert (nota.kenmerk, nota.ingezonden) == ("2025Z04931", dt.date(2025, 3, 20))


# --- open data ----------------------------------------------------------------------------------


JSON = "application/json; odata.metadata=minimal"


def _server(resource_status: int = 200) -> RecordedServer:
    """Answers the Zaak query with the recorded response and the Document's resource with its text."""
    zaak = (FIXTURES / "odata-2025Z04931.json").read_bytes()
    document = (FIXTURES / "document-2025Z04931.txt").read_bytes()

    def respond(path: str) -> tuple[int, bytes, str]:
        if "/Document(" in path and path.endswith("/resource"):
            return resource_status, document, "text/plain; charset=utf-8"
        return 200, zaak, JSON

    return RecordedServer(respond)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Iterator[RecordedServer]:
    srv = _server(getattr(request, "param", 200))
    monkeypatch.setenv(tkdata.BASE_URL_ENV, srv.url)
    yield srv
    srv.close()


def test_fetch_reads_the_zaak_and_its_document(server: RecordedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "vragen.yaml"
    assert main(["kamervragen", "fetch", "2025z04931", "-o", str(out)]) == 0
    zaak_query, resource = server.paths
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(zaak_query).query)
    assert "Nummer eq '2025Z04931'" in query["$filter"][0]
    assert resource == "/OData/v4/2.0/Document(9c0f4e3a-2b7d-4f7e-b1c2-5d6e7f8a9b01)/resource"
    nota = load_note(out)
    assert isinstance(nota, KamervragenNota)
    assert nota.kenmerk == "2025Z04931" and nota.ingezonden == dt.date(2025, 3, 20)
    assert [(v.nummer, v.tekst[:22]) for v in nota.vragen] == [(1, "Bent u het ermee eens "), (2, "Wanneer verwacht u de ")]
    assert [(i.naam, i.fractie) for i in nota.vragenstellers] == [("Hirsch", "GL-PvdA"), ("Piri", "GL-PvdA")]
    assert "2 vragen gevonden in Tweede Kamer, zaak 2025Z04931" in capsys.readouterr().out


@pytest.mark.parametrize("server", [404], indirect=True)
def test_fetch_without_the_document_keeps_the_zaak_facts(server: RecordedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "vragen.yaml"
    assert main(["kamervragen", "fetch", "2025Z04931", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "tekst van de vragen niet opgehaald" in printed
    nota = load_note(out)
    assert isinstance(nota, KamervragenNota)
    assert [(i.naam, i.fractie) for i in nota.vragenstellers] == [("Hirsch", "GL-PvdA"), ("Piri", "GL-PvdA")]
    assert nota.aan == ["minister voor Buitenlandse Handel en Ontwikkelingshulp", "minister van Financiën"]
    assert nota.over == "de IOB-evaluatie van het Nederlandse mensenrechtenbeleid"
    assert nota.ingezonden == dt.date(2025, 3, 20)


def test_fetch_refuses_a_zaak_that_is_no_questions(tmp_path: Path) -> None:
    from notawriter.errors import NotaError
    from notawriter.kamervragen.importer import parse_zaak

    payload = {"value": [{"Nummer": "2024Z19876", "Soort": "Motie", "ZaakActor": []}]}
    with pytest.raises(NotaError, match="is een 'Motie', geen schriftelijke vragen"):
        parse_zaak(payload, "test")


def test_fetch_refuses_a_malformed_kenmerk(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kamervragen", "fetch", "Z04931"]) == 2
    assert "geen zaaknummer" in capsys.readouterr().err


def test_a_number_inside_a_sentence_is_no_new_question() -> None:
    text = (
        "Vragen van het lid Kostić (PvdD) aan de minister van Financiën over exportsteun (ingezonden 3 maart 2025)\n\n"
        "1 Hoeveel kost het? Volgens de krant zijn er\n2 Kamerleden die twijfelen. Klopt dat?\n\n"
        "2 Wanneer komt het besluit?\n"
    )
    parsed = parse_questions(text)
    assert parsed.vragen == [
        (1, "Hoeveel kost het? Volgens de krant zijn er 2 Kamerleden die twijfelen. Klopt dat?"),
        (2, "Wanneer komt het besluit?"),
    ]


def test_a_footnote_reference_after_punctuation_is_left_out_and_reported() -> None:
    text = (
        "2025Z04123\n\nVragen van het lid Van der Berg (CDA) aan de minister van Buitenlandse Zaken over Eritrea "
        "(ingezonden 3 maart 2025).\n\n1\nBent u bekend met het bericht 'Activisten bedreigd'?1\n\n"
        "2\nKlopt het dat 2.1 procent van de meldingen, zie noot,2 werd onderzocht?\n\n"
        "1) NOS, 1 maart 2025\n2) Brief van 2 maart 2025\n"
    )
    parsed = parse_questions(text)
    assert parsed.vragen == [
        (1, "Bent u bekend met het bericht 'Activisten bedreigd'?"),
        (2, "Klopt het dat 2.1 procent van de meldingen, zie noot, werd onderzocht?"),
    ]
    assert any(line.startswith("vraag 1: voetnootteken 1 weggelaten") for line in parsed.onzeker)
