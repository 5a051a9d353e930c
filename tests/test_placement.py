"""Issue 11 items 1, 2, 7, 9: options placed by [opties:KEY], arguments said once, a cabinet
response letter complete from the start, and the example shaped like the reference note."""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from notawriter.cli import main
from notawriter.errors import NotaError
from notawriter.lint import check_note
from notawriter.model import Nota
from notawriter.notefile import load_note
from notawriter.render import render_note
from notawriter.view import kamerbrief_context, nota_context
from tests.conftest import require_soffice
from tests.helpers import body_paragraphs, convert_to_pdf, footnotes, normalise, styled_paragraphs

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kabinetsreactie-iob.yaml"
REPORT = ROOT.parent / "shared" / "reference" / "iob-rapport-mensenrechtenbeleid-2017-2022.txt"
REFERENCE_PAGES = 11

ARGUMENT_A = "Het is duidelijk dat deze risicoanalyse de samenwerking met partnerlanden beter maakt."
ARGUMENT_B = "Het is onduidelijk wat de analyse precies omhelst en wat de gevolgen van een negatieve uitkomst zijn."
ADVICE = "Ambtelijk kon over deze aanbeveling geen overeenstemming worden bereikt tussen BZ en A&M."

BASE: dict[str, Any] = {
    "kop": {"onderwerp": "Kabinetsreactie", "aan": "M", "datum": "2025-01-06"},
    "ondertekenaars": [{"afkorting": "M", "titel": "Minister van Buitenlandse Zaken", "naam": "C.C.J. Veldkamp"}],
    "aanleiding": "Het rapport kwam op 11 november binnen.",
    "beslispunten": [
        {
            "key": "migratie",
            "akkoord": ["M"],
            "tekst": "Uw keuze over migratie:",
            "advies_toelichting": ADVICE,
            "opties": [
                {
                    "key": "overnemen",
                    "label": "Overnemen",
                    "samenvatting": "de aanbeveling overnemen",
                    "tekstsuggestie": "Het kabinet neemt de aanbeveling over.",
                    "argumenten_voor": [ARGUMENT_A],
                    "argumenten_tegen": [ARGUMENT_B],
                },
                {
                    "key": "niet-overnemen",
                    "label": "Niet overnemen",
                    "samenvatting": "de aanbeveling niet overnemen",
                    "tekstsuggestie": "Het kabinet neemt de aanbeveling niet over.",
                    "argumenten_voor": [ARGUMENT_B],
                    "argumenten_tegen": [ARGUMENT_A],
                },
            ],
        }
    ],
    "secties": [
        {"titel": "Kernpunten", "tekst": "- Eén van twee keuzes: [opties:migratie]\n- Een volgend punt."},
        {"titel": "Over de kabinetsreactie", "tekst": "[argumenten:migratie]"},
    ],
    "kamerbrief": {"ondertekening": ["M"]},
}


def nota_of(change: Any = None) -> Nota:
    data = copy.deepcopy(BASE)
    if change:
        change(data)
    return Nota.model_validate(data)


def write_note(path: Path, change: Any = None) -> Path:
    """The base note, changed by `change`, as a file (JSON is YAML too)."""
    data = copy.deepcopy(BASE)
    if change:
        change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def paragraphs(flow: Any) -> list[tuple[str, str]]:
    return [(p.role, text) for p, text in zip(flow.paras, flow.plain(), strict=True)]


def all_text(context: dict[str, Any]) -> list[str]:
    found: list[str] = []
    for value in context.values():
        if hasattr(value, "plain"):
            found.extend(value.plain())
    return found


# --- [opties:KEY] ---------------------------------------------------------------------------------


def test_the_marker_places_each_option_with_its_labelled_text_suggestion_there() -> None:
    context = nota_context(nota_of())
    paras = paragraphs(context["secties"])
    texts = [t for _, t in paras]
    start = texts.index("Eén van twee keuzes:")
    assert paras[start + 1] == ("bullet2", "Optie A – Overnemen")
    assert paras[start + 2] == ("body", "Tekstsuggestie: Het kabinet neemt de aanbeveling over.")
    b_line = texts.index("Optie B – Niet overnemen")
    assert texts[b_line + 1] == "Alternatieve tekstsuggestie: Het kabinet neemt de aanbeveling niet over."
    assert texts.index("Een volgend punt.") > b_line
    assert not context["opties"]  # nothing left for the generated place


def test_the_advised_option_gets_the_plain_label_whatever_its_position() -> None:
    context = nota_context(nota_of(lambda d: d["beslispunten"][0].update(ambtelijk_advies="niet-overnemen")))
    texts = context["secties"].plain()
    assert "Tekstsuggestie: Het kabinet neemt de aanbeveling niet over." in texts
    assert "Alternatieve tekstsuggestie: Het kabinet neemt de aanbeveling over." in texts


def test_an_option_description_is_the_line_at_the_marker_and_the_label_stays_in_the_besluit() -> None:
    def describe(d: dict[str, Any]) -> None:
        d["beslispunten"][0]["opties"][0]["omschrijving"] = "Overnemen d.m.v. een onderzoek;"

    context = nota_context(nota_of(describe))
    assert "Optie A – Overnemen d.m.v. een onderzoek;" in context["secties"].plain()
    assert "Optie A – Overnemen: de aanbeveling overnemen" in context["besluit"].plain()


def test_without_a_marker_options_keep_the_generated_place() -> None:
    def unmarked(d: dict[str, Any]) -> None:
        d["secties"] = [{"titel": "Kernpunten", "tekst": "Geen markering hier."}]

    context = nota_context(nota_of(unmarked))
    texts = context["opties"].plain()
    assert "Optie A – Overnemen" in texts and "Tekstsuggestie: Het kabinet neemt de aanbeveling over." in texts
    assert ADVICE in texts  # the advice goes with the options when nothing places it elsewhere


def test_in_the_generated_place_an_option_is_a_lead_line_and_its_arguments_nest_below_it() -> None:
    def unmarked(d: dict[str, Any]) -> None:
        d["secties"] = [{"titel": "Kernpunten", "tekst": "Geen markering hier."}]
        d["beslispunten"][0]["opties"][1]["argumenten_voor"] = ["Een eigen argument voor B."]

    paras = paragraphs(nota_context(nota_of(unmarked))["opties"])
    a_line, b_line = (paras.index(("label", f"Optie {x}")) for x in ("A – Overnemen", "B – Niet overnemen"))
    # between two options: A's arguments, each list titled one level in and its items one further
    between = paras[a_line + 1 : b_line]
    assert ("bullet1", "Argumenten tegen:") in between and ("bullet2", ARGUMENT_B) in between
    assert [role for role, _ in between if role.startswith("bullet")] == ["bullet1", "bullet2"] * 2
    assert paras[b_line + 2 : b_line + 4] == [("bullet1", "Argumenten voor:"), ("bullet2", "Een eigen argument voor B.")]


def test_an_unknown_key_in_the_marker_is_an_error_naming_the_field(tmp_path: Path) -> None:
    with pytest.raises(Exception, match=r"secties\[0\]\.tekst: 'migratei' is onbekend; bedoelde u 'migratie'"):
        nota_of(lambda d: d["secties"][0].update(tekst="[opties:migratei]"))
    note = tmp_path / "nota.yaml"
    write_note(note, )
    note.write_text(note.read_text(encoding="utf-8").replace("[opties:migratie]", "[opties:migratei]"), encoding="utf-8")
    found = [f for f in check_note(note) if f.is_error]
    assert any(f.path == "secties[0].tekst" and "migratei" in f.message for f in found)
    with pytest.raises(NotaError):
        load_note(note)


def test_the_letter_places_the_text_suggestions_at_its_own_marker() -> None:
    def letter(d: dict[str, Any]) -> None:
        d["kamerbrief"]["secties"] = [{"titel": "Migratie", "tekst": "Over migratie.\n\n[opties:migratie]\n\nTot slot."}]

    texts = kamerbrief_context(nota_of(letter))["secties"].plain()
    assert texts[:3] == ["Migratie", "Over migratie.", "[Optie A – Overnemen]"]
    assert texts[-1] == "Tot slot." and texts.count("Het kabinet neemt de aanbeveling over.") == 1


# --- say everything once -------------------------------------------------------------------------


def test_a_mirrored_argument_list_is_printed_once_and_pointed_to() -> None:
    texts = all_text(nota_context(nota_of()))
    assert texts.count(ARGUMENT_A) == 1 and texts.count(ARGUMENT_B) == 1
    assert "Argumenten voor: zie de argumenten tegen optie A." in texts
    assert "Argumenten tegen: zie de argumenten voor optie A." in texts


def test_the_advice_appears_once_where_the_writer_places_it_and_never_among_the_options() -> None:
    context = nota_context(nota_of())
    assert ADVICE not in context["besluit"].plain()
    assert all_text(context).count(ADVICE) == 1
    over = context["secties"].plain()
    assert over.index(ADVICE) > over.index("Over de kabinetsreactie")


def test_a_cross_reference_names_the_section_where_the_arguments_are() -> None:
    texts = nota_context(nota_of())["secties"].plain()
    assert "M.b.t. bovenstaande opties: zie Over de kabinetsreactie voor de argumentatie." in texts
    assert not any("bij het beslispunt" in t for t in texts)


def test_decision_point_arguments_carry_the_headings_the_writer_gives() -> None:
    def point_level(d: dict[str, Any]) -> None:
        bp = d["beslispunten"][0]
        for optie in bp["opties"]:
            optie["argumenten_voor"] = optie["argumenten_tegen"] = []
        bp.update(
            argumenten_voor_titel="Argumenten m.b.t. overnemen IOB-aanbeveling",
            argumenten_voor=[ARGUMENT_A],
            argumenten_tegen_titel="Argumenten om op geen van de vier aanbevelingen in te gaan",
            argumenten_tegen=[ARGUMENT_B],
        )
        d["secties"][1]["tekst"] = "- [argumenten:migratie]"

    paras = paragraphs(nota_context(nota_of(point_level))["secties"])
    assert ("bullet1", "Argumenten m.b.t. overnemen IOB-aanbeveling:") in paras
    assert ("bullet2", ARGUMENT_A) in paras
    assert ("bullet1", "Argumenten om op geen van de vier aanbevelingen in te gaan:") in paras
    assert ("bullet1", ADVICE) in paras  # the marker's bullet level, as in the reference


# --- check -----------------------------------------------------------------------------------------


def test_check_warns_about_a_long_paragraph_printed_twice(tmp_path: Path) -> None:
    repeated = "Het kabinet deelt de analyse van de IOB over de kloof tussen papier en praktijk volledig."
    note = tmp_path / "nota.yaml"
    write_note(note, lambda d: d.update(aanleiding=repeated, communicatie=repeated))
    warned = [f for f in check_note(note, today=dt.date(2025, 1, 10)) if "twee keer" in f.message]
    assert len(warned) == 1 and not warned[0].is_error
    assert warned[0].path == "aanleiding" and "communicatie" in warned[0].message and "nota" in warned[0].message


def test_check_does_not_warn_about_a_short_repeated_paragraph(tmp_path: Path) -> None:
    note = tmp_path / "nota.yaml"
    write_note(note, lambda d: d.update(aanleiding="N.v.t.", communicatie="N.v.t."))
    assert not [f for f in check_note(note, today=dt.date(2025, 1, 10)) if "twee keer" in f.message]


def test_check_flags_a_note_ter_beslissing_without_a_decision_point(tmp_path: Path) -> None:
    note = tmp_path / "nota.yaml"
    write_note(note, lambda d: d.update(beslispunten=[], secties=[]))
    found = [f for f in check_note(note, today=dt.date(2025, 1, 10)) if f.path == "beslispunten"]
    assert len(found) == 1 and found[0].is_error and "TER BESLISSING zonder beslispunt" in found[0].message
    informatie = tmp_path / "info.yaml"
    write_note(informatie, lambda d: d.update(beslispunten=[], secties=[], kop={**d["kop"], "type": "TER INFORMATIE"}))
    assert not [f for f in check_note(informatie, today=dt.date(2025, 1, 10)) if f.path == "beslispunten"]


def test_check_warns_about_a_marker_where_it_cannot_work(tmp_path: Path) -> None:
    note = tmp_path / "nota.yaml"
    write_note(note, lambda d: d["beslispunten"][0].update(tekst="Uw keuze: [opties:migratie]"))
    found = [f for f in check_note(note, today=dt.date(2025, 1, 10)) if f.path == "beslispunten[0].tekst"]
    assert len(found) == 1 and "werkt hier niet" in found[0].message


# --- a cabinet response letter complete from the start --------------------------------------------


@pytest.mark.skipif(not REPORT.exists(), reason="reference report not available")
def test_an_imported_report_letter_has_opening_closing_and_signature_placeholders(tmp_path: Path) -> None:
    note = tmp_path / "reactie.yaml"
    assert main(["import-aanbevelingen", str(REPORT), "-o", str(note)]) == 0
    render_note(note)
    letter = tmp_path / "reactie-kamerbrief.docx"
    body = body_paragraphs(letter)
    opening = [p for p in body if p.startswith("[Dank voor het rapport")]
    assert opening and body.index(opening[0]) < body.index("[De algemene appreciatie van het kabinet: "
                                                           "de belangrijkste bevindingen en hoe het kabinet die waardeert]")
    assert any(p.startswith("[Overgang naar de aanbevelingen") for p in body)
    closing = next(i for i, p in enumerate(body) if p.startswith("[Slot van de brief"))
    assert "[Functie van de ondertekenaar]," in body[closing:] and "[Naam van de ondertekenaar]" in body[closing:]
    assert body.index("[Overgang naar de aanbevelingen: hieronder gaat het kabinet in op de aanbevelingen van het "
                      "rapport]") < next(i for i, p in enumerate(body) if p.startswith("Aanbeveling 1a:")) < closing
    headings = [text for style, text in styled_paragraphs(letter) if style.startswith("Heading")]
    groups = list(dict.fromkeys(a.groep for a in load_note(note).aanbevelingen if a.groep))
    assert headings == groups  # the report's own grouping, and no heading the drafter did not ask for


# --- the example as the reference is ----------------------------------------------------------------


@pytest.fixture
def example(tmp_path: Path) -> Path:
    note = tmp_path / "iob.yaml"
    shutil.copy(EXAMPLE, note)
    return note


def test_the_example_checks_without_any_finding_today(example: Path) -> None:
    assert [f.line() for f in check_note(example)] == []


def test_no_long_paragraph_occurs_twice_in_the_examples_nota_or_letter(example: Path) -> None:
    render_note(example)
    for name in ("iob-nota.docx", "iob-kamerbrief.docx"):
        long = [normalise(p) for p in body_paragraphs(example.with_name(name)) if len(normalise(p)) >= 60]
        assert len(long) > 10, name  # the documents were read
        assert sorted({p[:60] for p in long if long.count(p) > 1}) == [], name


def test_the_examples_options_sit_in_kernpunten_with_both_labels(example: Path) -> None:
    render_note(example)
    body = [normalise(p) for p in body_paragraphs(example.with_name("iob-nota.docx"))]
    section = body.index("Migratie en mensenrechten", body.index("Kernpunten kabinetsreactie"))
    following = body[section : section + 12]
    first = next(i for i, p in enumerate(following) if p.startswith("Optie A – Overnemen van de IOB-aanbeveling"))
    assert following[first + 1].startswith("Tekstsuggestie: Het kabinet deelt de noodzaak")
    second = next(i for i, p in enumerate(following) if p.startswith("Optie B – Niet overnemen van de IOB-aanbeveling"))
    assert following[second + 1].startswith("Alternatieve tekstsuggestie: Het kabinet deelt de opvatting")
    assert not any(p.startswith("Tekstsuggestie voor de Kamerbrief") for p in body)


def test_the_examples_nota_fits_the_reference_page_count_in_libreoffice(example: Path, tmp_path: Path) -> None:
    require_soffice()
    from pypdf import PdfReader

    render_note(example)
    source = example.with_name("iob-nota.docx")
    pdfs, log = convert_to_pdf([source], tmp_path / "pdf")
    pdf = pdfs[source]
    assert pdf is not None, log
    pages = len(PdfReader(str(pdf)).pages)
    assert pages <= REFERENCE_PAGES + 1, f"{pages} pagina's; de gepubliceerde nota heeft er {REFERENCE_PAGES}"


def test_the_examples_nota_has_every_footnote_of_the_reference(example: Path) -> None:
    render_note(example)
    notes = list(footnotes(example.with_name("iob-nota.docx")).values())
    expected = ["Kamerstuk 36 600 XX, nr. 24", "A/HRC/RES/43/39", "Kamerstuk 26485, nr. 425.", "Kamerstuk 26 485, nr. 380.",
                "OI/2/2024/MHZ"]
    assert len(notes) == len(expected)
    assert all(any(e in note for note in notes) for e in expected), notes


def test_check_warns_while_a_report_letter_lacks_its_opening_or_closing(tmp_path: Path) -> None:
    def report(d: dict[str, Any]) -> None:
        d["aanbevelingen"] = [{"nummer": "1", "appreciatie": "overnemen", "reactie": "Het kabinet neemt dit over."}]

    found = {f.path: f for f in check_note(write_note(tmp_path / "r.yaml", report), today=dt.date(2025, 1, 10))}
    assert "kamerbrief.inleiding" in found and "kamerbrief.slot" in found
    assert not found["kamerbrief.inleiding"].is_error and "plaatsaanduiding" in found["kamerbrief.inleiding"].message

    def written(d: dict[str, Any]) -> None:
        report(d)
        d["kamerbrief"].update(inleiding="Hierbij de reactie.", slot="Zo informeer ik uw Kamer.")

    done = {f.path for f in check_note(write_note(tmp_path / "s.yaml", written), today=dt.date(2025, 1, 10))}
    assert "kamerbrief.inleiding" not in done and "kamerbrief.slot" not in done
