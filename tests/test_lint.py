"""Tests for notawriter.lint: each check fires on a crafted note; a finished note has no 'fout'."""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from notawriter.cli import main
from notawriter.lint import Finding, check_note

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kabinetsreactie-iob.yaml"
TODAY = dt.date(2025, 1, 10)

BASE: dict[str, Any] = {
    "schema_version": 1,
    "kop": {"onderwerp": "Kabinetsreactie", "aan": "M", "datum": "2025-01-06"},
    "ondertekenaars": [{"afkorting": "M", "titel": "Minister van Buitenlandse Zaken", "naam": "C.C.J. Veldkamp"}],
    "beslispunten": [
        {"akkoord": ["M"], "tekst": "Akkoord met de Kamerbrief."},
        {
            "key": "migratie",
            "akkoord": ["M"],
            "tekst": "Uw keuze over migratie.",
            "moties": ["boomsma-24"],
            "ambtelijk_advies": "overnemen",
            "opties": [
                {"key": "overnemen", "tekstsuggestie": "Het kabinet neemt de aanbeveling over."},
                {"key": "niet-overnemen", "tekstsuggestie": "Het kabinet neemt de aanbeveling niet over."},
            ],
        },
    ],
    "moties": [
        {
            "key": "boomsma-24",
            "indieners": [{"naam": "Boomsma", "fractie": "NSC"}],
            "dossier": "36600",
            "toevoeging": "XX",
            "volgnummer": 24,
        }
    ],
    "kamerbrief": {
        "afzender": {"ministerie": "Ministerie van Buitenlandse Zaken"},
        "secties": [{"titel": "Migratie", "beslispunt": "migratie"}],
        "ondertekening": ["M"],
    },
}


def write(tmp_path: Path, change: Callable[[dict[str, Any]], None] | None = None) -> Path:
    """The base note, changed by `change`, as a file (JSON is YAML too)."""
    data = copy.deepcopy(BASE)
    if change:
        change(data)
    path = tmp_path / "nota.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def findings(tmp_path: Path, change: Callable[[dict[str, Any]], None] | None = None) -> list[Finding]:
    return check_note(write(tmp_path, change), today=TODAY)


def only(found: list[Finding], path: str) -> Finding:
    matching = [f for f in found if f.path == path]
    assert len(matching) == 1, [f.line() for f in found]
    return matching[0]


# --- clean notes --------------------------------------------------------------------------------


def test_finished_note_has_no_findings(tmp_path: Path) -> None:
    assert findings(tmp_path) == []


def test_example_has_no_errors(tmp_path: Path) -> None:
    path = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, path)
    assert [f.line() for f in check_note(path, today=TODAY) if f.is_error] == []


# --- finding format -----------------------------------------------------------------------------


def test_finding_line_names_severity_path_and_message() -> None:
    finding = Finding("fout", "beslispunten[3].opties", "een beslispunt heeft geen of ten minste twee opties")
    assert finding.is_error
    assert finding.line() == "fout  beslispunten[3].opties: een beslispunt heeft geen of ten minste twee opties"
    assert not Finding("waarschuwing", "x", "y").is_error


def test_findings_carry_the_line_in_the_file(tmp_path: Path) -> None:
    found = only(findings(tmp_path, lambda d: d["kop"].update(aan="")), "kop.aan")
    assert found.regel is not None and f"(regel {found.regel})" in found.line()


# --- load and validation errors -----------------------------------------------------------------


def test_unparsable_file_is_one_error_not_an_exception(tmp_path: Path) -> None:
    path = tmp_path / "kapot.yaml"
    path.write_text("kop:\n  onderwerp: [\n", encoding="utf-8")
    [finding] = check_note(path)
    assert finding.is_error and str(path) in finding.message


def test_missing_file_is_one_error(tmp_path: Path) -> None:
    [finding] = check_note(tmp_path / "weg.yaml")
    assert finding.is_error and "bestaat niet" in finding.message


def test_every_validation_error_is_listed(tmp_path: Path) -> None:
    def breaks(d: dict[str, Any]) -> None:
        d["kop"]["onderwrp"] = d["kop"].pop("onderwerp")
        d["moties"][0]["volgnummer"] = 0

    found = findings(tmp_path, breaks)
    assert {f.path for f in found} == {"kop.onderwerp", "kop.onderwrp", "moties[0].volgnummer"}
    assert all(f.is_error for f in found)
    assert "bedoelde u 'onderwerp'?" in only(found, "kop.onderwrp").message


# --- decision points ----------------------------------------------------------------------------


def test_single_option_is_an_error(tmp_path: Path) -> None:
    def one_option(d: dict[str, Any]) -> None:
        d["beslispunten"][1]["opties"].pop()
        del d["beslispunten"][1]["ambtelijk_advies"]

    found = only(findings(tmp_path, one_option), "beslispunten[1].opties")
    assert found.is_error
    assert found.line().startswith("fout  beslispunten[1].opties")
    assert "geen of ten minste twee opties" in found.message


def test_option_without_tekstsuggestie_is_a_warning(tmp_path: Path) -> None:
    found = only(
        findings(tmp_path, lambda d: d["beslispunten"][1]["opties"][1].pop("tekstsuggestie")),
        "beslispunten[1].opties[1].tekstsuggestie",
    )
    assert not found.is_error and "niet-overnemen" in found.message


def test_options_not_placed_in_the_letter_is_a_warning(tmp_path: Path) -> None:
    found = only(findings(tmp_path, lambda d: d["kamerbrief"]["secties"].clear()), "beslispunten[1].key")
    assert not found.is_error and "komt achteraan in de Kamerbrief" in found.message


def test_options_placed_via_a_recommendation_is_fine(tmp_path: Path) -> None:
    def via_aanbeveling(d: dict[str, Any]) -> None:
        d["kamerbrief"]["secties"].clear()
        d["aanbevelingen"] = [{"nummer": "1", "appreciatie": "overnemen", "reactie": "Ja.", "beslispunt": "migratie"}]
        # a report's letter without opening or closing is warned about (issue 11 item 7): give both
        d["kamerbrief"].update(inleiding="Hierbij de reactie.", slot="Hoogachtend.")

    assert findings(tmp_path, via_aanbeveling) == []


def test_empty_tekst_is_an_error(tmp_path: Path) -> None:
    found = only(findings(tmp_path, lambda d: d["beslispunten"][0].update(tekst="  ")), "beslispunten[0].tekst")
    assert found.is_error


def test_empty_akkoord_is_an_error(tmp_path: Path) -> None:
    found = only(findings(tmp_path, lambda d: d["beslispunten"][1].update(akkoord=[])), "beslispunten[1].akkoord")
    assert found.is_error and "migratie" in found.message and "M" in found.message


def test_keuze_against_the_advice_is_a_warning(tmp_path: Path) -> None:
    found = only(
        findings(tmp_path, lambda d: d["beslispunten"][1].update(keuze="niet-overnemen")), "beslispunten[1].keuze"
    )
    assert not found.is_error and "ambtelijk advies 'overnemen'" in found.message


def test_keuze_following_the_advice_is_fine(tmp_path: Path) -> None:
    assert findings(tmp_path, lambda d: d["beslispunten"][1].update(keuze="overnemen")) == []


# --- motions ------------------------------------------------------------------------------------


def test_incomplete_motion_citation_is_an_error(tmp_path: Path) -> None:
    # A footnote needs the full citation (a motion only listed under Relevante moties is named by
    # its submitters, as in the reference note): the motion is cited in a text here.
    def incomplete(d: dict[str, Any]) -> None:
        motie = d["moties"][0]
        del motie["dossier"], motie["volgnummer"]
        d["aanleiding"] = "Zie [motie:boomsma-24]."

    found = only(findings(tmp_path, incomplete), "moties[0]")
    assert found.is_error and "dossier, volgnummer" in found.message


def test_motion_without_submitters_is_an_error(tmp_path: Path) -> None:
    found = only(findings(tmp_path, lambda d: d["moties"][0].update(indieners=[])), "moties[0]")
    assert found.is_error and "indieners" in found.message


def test_uncited_motion_is_a_warning(tmp_path: Path) -> None:
    found = only(findings(tmp_path, lambda d: d["beslispunten"][1].update(moties=[])), "moties[0]")
    assert not found.is_error and "wordt nergens genoemd" in found.message


def test_motion_cited_in_text_counts_as_cited(tmp_path: Path) -> None:
    def cite_in_text(d: dict[str, Any]) -> None:
        d["beslispunten"][1]["moties"] = []
        d["kamerbrief"]["slot"] = "Zoals gevraagd in [motie:boomsma-24]."

    assert findings(tmp_path, cite_in_text) == []


# --- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["plandatum", "kamer"])
def test_deadline_before_the_note_date_is_an_error(tmp_path: Path, field: str) -> None:
    found = only(findings(tmp_path, lambda d: d["kop"].update({field: "2025-01-02"})), f"kop.{field}")
    assert found.is_error and "2 januari 2025" in found.message and "6 januari 2025" in found.message


def test_received_after_the_note_date_is_an_error(tmp_path: Path) -> None:
    found = only(findings(tmp_path, lambda d: d["kop"].update(binnengekomen_op="7-1-2025")), "kop.binnengekomen_op")
    assert found.is_error


def test_passed_deadline_with_open_choice_is_a_warning(tmp_path: Path) -> None:
    found = only(findings(tmp_path, lambda d: d["kop"].update(plandatum="2025-01-08")), "kop.plandatum")
    assert not found.is_error and "verstreken" in found.message and "migratie" in found.message


def test_passed_deadline_after_the_choice_is_fine(tmp_path: Path) -> None:
    def chosen(d: dict[str, Any]) -> None:
        d["kop"]["kamer"] = "2025-01-08"
        d["beslispunten"][1]["keuze"] = "overnemen"

    assert findings(tmp_path, chosen) == []


def test_future_deadline_with_open_choice_is_fine(tmp_path: Path) -> None:
    assert findings(tmp_path, lambda d: d["kop"].update(kamer="2025-02-01")) == []


# --- header and signatories ---------------------------------------------------------------------


def test_empty_addressee_is_an_error(tmp_path: Path) -> None:
    assert only(findings(tmp_path, lambda d: d["kop"].update(aan="")), "kop.aan").is_error


def test_missing_date_is_a_warning_the_note_is_a_draft(tmp_path: Path) -> None:
    assert not only(findings(tmp_path, lambda d: d["kop"].pop("datum")), "kop.datum").is_error


def test_an_undated_draft_lacks_addressee_and_signatories_as_warnings(tmp_path: Path) -> None:
    def draft(d: dict[str, Any]) -> None:
        d["kop"].pop("datum")
        d["kop"]["aan"] = ""
        d["ondertekenaars"] = []
        d["kamerbrief"]["ondertekening"] = []
        for bp in d["beslispunten"]:
            bp["akkoord"] = []

    found = findings(tmp_path, draft)
    assert [f.path for f in found if f.path in ("kop.aan", "ondertekenaars", "kamerbrief.ondertekening")] == [
        "kop.aan",
        "ondertekenaars",
        "kamerbrief.ondertekening",
    ]
    assert not [f for f in found if f.is_error]


def test_no_signatories_is_an_error(tmp_path: Path) -> None:
    def nobody(d: dict[str, Any]) -> None:
        d["ondertekenaars"] = []
        d["kamerbrief"]["ondertekening"] = []
        for bp in d["beslispunten"]:
            bp["akkoord"] = []

    found = findings(tmp_path, nobody)
    assert only(found, "ondertekenaars").is_error
    assert only(found, "kamerbrief.ondertekening").is_error


def test_letter_without_signature_is_an_error(tmp_path: Path) -> None:
    found = only(findings(tmp_path, lambda d: d["kamerbrief"].update(ondertekening=[])), "kamerbrief.ondertekening")
    assert found.is_error and "toegestaan: M" in found.message


# --- recommendations ----------------------------------------------------------------------------


def test_recommendations_without_reaction_are_counted(tmp_path: Path) -> None:
    def seven_open(d: dict[str, Any]) -> None:
        d["aanbevelingen"] = [{"nummer": str(n), "tekst": "Doe iets."} for n in range(1, 8)]
        d["aanbevelingen"].append({"nummer": "8", "appreciatie": "overnemen", "reactie": "Ja."})

    found = [f for f in findings(tmp_path, seven_open) if f.path == "aanbevelingen"]
    assert all(not f.is_error for f in found)
    messages = " | ".join(f.message for f in found)
    assert "7 aanbevelingen zonder reactie" in messages
    assert "7 aanbevelingen met appreciatie 'nog te bepalen'" in messages
    assert "en nog 1" in messages  # long lists are shortened


# --- templates ----------------------------------------------------------------------------------


def _docx(path: Path, *paragraphs: str) -> None:
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))


def test_shipped_templates_match_the_view(tmp_path: Path) -> None:
    assert [f.line() for f in findings(tmp_path) if f.path.endswith(".docx")] == []


def test_template_variable_missing_from_the_view_is_an_error(tmp_path: Path) -> None:
    templates = tmp_path / "sjablonen"
    templates.mkdir()
    _docx(templates / "nota.docx", "{{ kop.onderwerp }}", "{{p besluit }}", "{{ onbekend }}")
    _docx(
        templates / "kamerbrief.docx",
        "{{ brief.onderwerp }}",
        "{{p secties }}",
        "{% for o in ondertekenaars %}{{ o.naam }}{% endfor %}",
    )
    found = check_note(write(tmp_path), templates=templates, today=TODAY)
    errors = [f for f in found if f.is_error]
    assert len(errors) == 1 and errors[0].path == "nota.docx" and "'{{ onbekend }}'" in errors[0].message


def test_template_leaving_out_a_filled_section_is_a_warning(tmp_path: Path) -> None:
    templates = tmp_path / "sjablonen"
    templates.mkdir()
    _docx(templates / "nota.docx", "{{ kop.onderwerp }}", "{{p besluit }}", "{{p opties }}", "{{p moties }}")
    _docx(templates / "kamerbrief.docx", "{{ brief.onderwerp }}", "{{p secties }}")
    found = check_note(
        write(tmp_path, lambda d: d["kamerbrief"].update(slot="Hoogachtend.")), templates=templates, today=TODAY
    )
    warned = {f.message.split("'")[1] for f in found if f.path == "kamerbrief.docx" and "toont" in f.message}
    assert warned == {"slot", "ondertekenaars"}  # 'inleiding' and 'aanbevelingen' are empty here
    assert not any(f.is_error for f in found)


def test_broken_template_is_an_error_not_an_exception(tmp_path: Path) -> None:
    templates = tmp_path / "sjablonen"
    templates.mkdir()
    _docx(templates / "nota.docx", "{{ kop.onderwerp ")
    _docx(templates / "kamerbrief.docx", "{{ brief.onderwerp }}")
    (tmp_path / "leeg").mkdir()
    found = check_note(write(tmp_path), templates=templates, today=TODAY)
    assert any(f.is_error and f.path == "nota.docx" and "Jinja-fout" in f.message for f in found)
    missing = check_note(write(tmp_path), templates=tmp_path / "leeg", today=TODAY)
    assert any(f.is_error and "nota.docx ontbreekt" in f.message for f in missing)


# --- CLI ----------------------------------------------------------------------------------------


def test_cli_check_clean_note_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(write(tmp_path))]) == 0
    assert "0 fout(en)" in capsys.readouterr().out


def test_cli_check_with_only_warnings_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, lambda d: d["kamerbrief"]["secties"].clear())
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "waarschuwing  beslispunten[1].key" in out and "0 fout(en), 1 waarschuwing(en)" in out


def test_cli_check_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, lambda d: d["kop"].update(aan=""))
    assert main(["check", str(path)]) == 2
    assert "fout  kop.aan" in capsys.readouterr().out


def test_cli_check_broken_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "kapot.yaml"
    path.write_text("kop: [\n", encoding="utf-8")
    assert main(["check", str(path)]) == 2
    assert "1 fout(en)" in capsys.readouterr().out


def test_letter_without_a_sending_ministry_warns(tmp_path: Path) -> None:
    found = only(findings(tmp_path, lambda d: d["kamerbrief"].pop("afzender")), "kamerbrief.afzender")
    assert found.severity == "waarschuwing" and "ministerie" in found.message


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Gesproken met [[51.2e:Jan Jansen]].", "'51.2e' in [[51.2e:…]] is geen Woo-grond"),
        ("Gesproken met [[5.1.2e:Jan Jansen] (DCO).", "'[[5.1.2e:Jan Jansen] (DCO).' lijkt een onvolledige markering"),
        ("Zie [motie boomsma-24] hierover.", "'[motie boomsma-24] hierover.' lijkt een onvolledige markering"),
        ("Zie [motie:boomsma-24 hierover.", "'[motie:boomsma-24 hierover.' lijkt een onvolledige markering"),
    ],
)
def test_a_broken_or_unknown_mark_is_an_error_naming_the_field(tmp_path: Path, text: str, quoted: str) -> None:
    def mistype(data: dict[str, Any]) -> None:
        data["aanleiding"] = text

    finding = only(findings(tmp_path, mistype), "aanleiding")
    assert finding.is_error and quoted in finding.message, finding.message


def test_escaped_brackets_and_plain_references_are_no_marks(tmp_path: Path) -> None:
    def plain(data: dict[str, Any]) -> None:
        data["aanleiding"] = "Zie bijlage [1] en \\[\\[zo\\]\\] met [motie:boomsma-24]."

    assert findings(tmp_path, plain) == []


def test_placeholders_from_a_library_text_are_reported_with_their_field(tmp_path: Path) -> None:
    def library_text(data: dict[str, Any]) -> None:
        data["beslispunten"][1]["opties"][1]["tekstsuggestie"] = "Het kabinet neemt «welk deel» over, omdat «reden»."

    finding = only(findings(tmp_path, library_text), "beslispunten[1].opties[1].tekstsuggestie")
    assert not finding.is_error and "«welk deel», «reden»" in finding.message


def test_a_placeholder_wrapped_over_two_lines_is_reported(tmp_path: Path) -> None:
    def wrapped(data: dict[str, Any]) -> None:
        data["beslispunten"][1]["opties"][0]["tekstsuggestie"] = "Het kabinet «wat het kabinet gaat doen,\nwie en wanneer» ook."

    finding = only(findings(tmp_path, wrapped), "beslispunten[1].opties[0].tekstsuggestie")
    assert "«wat het kabinet gaat doen, wie en wanneer»" in finding.message


@pytest.mark.parametrize("text", ["**vet zonder einde en *cursief*", "Zie *noot"])
def test_an_unpaired_asterisk_is_a_warning(tmp_path: Path, text: str) -> None:
    def unpaired(data: dict[str, Any]) -> None:
        data["aanleiding"] = text

    finding = only(findings(tmp_path, unpaired), "aanleiding")
    assert not finding.is_error and "zonder partner" in finding.message


def test_plain_asterisks_in_sums_are_no_warning(tmp_path: Path) -> None:
    def sums(data: dict[str, Any]) -> None:
        data["aanleiding"] = "Een kwart (1 * 4) en **vet** en *cursief* en \\*los."

    assert findings(tmp_path, sums) == []


def test_check_lists_every_dangling_reference_and_a_load_names_the_first(tmp_path: Path, capsys) -> None:
    def dangling(data: dict[str, Any]) -> None:
        data["beslispunten"][0]["akkoord"] = ["Q"]
        data["aanleiding"] = "Zie [motie:bomsma-24]."

    found = findings(tmp_path, dangling)
    assert {f.path for f in found if f.is_error} >= {"beslispunten[0].akkoord", "aanleiding"}
    assert main(["render", str(tmp_path / "nota.yaml")]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "(en nog 1; 'notawriter check' noemt ze allemaal)" in err
