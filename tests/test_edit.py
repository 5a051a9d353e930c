"""Tests for notawriter.edit: `choose` and `set` change one answer and nothing else in the file."""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
from pathlib import Path

import pytest

from notawriter import edit
from notawriter.cli import main
from notawriter.errors import NotaError
from notawriter.notefile import load_note

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kabinetsreactie-iob.yaml"

# Hand-written on purpose: comments everywhere, a 4-space block next to 2-space ones, sequences
# with and without offset, flow mappings, a folded block, quotes, and a line over 120 characters.
NOTE = """\
# Beslisnota migratie — concept (trailing spaces here)\x20\x20\x20
schema_version: 1
kop:
    type: TER BESLISSING
    onderwerp: "Kabinetsreactie IOB"   # werktitel
    aan: M en R
    # data
    datum: 6-1-2025

    referentie: 'BZ2407961'
ondertekenaars:
- afkorting: M
  titel: Minister van Buitenlandse Zaken
  naam: C.C.J. Veldkamp
- {afkorting: R, titel: Minister voor Buitenlandse Handel en Ontwikkelingshulp, naam: R.J. Klever}
aanleiding: >
  Het IOB-rapport is verschenen en dit is een lange regel die ruim voorbij de honderdtwintig tekens loopt zodat herschikken direct opvalt.
beslispunten:
- key: reactie
  akkoord: [M, R]
  tekst: Akkoord met de kabinetsreactie.
- key: migratie
  akkoord: [M]
  tekst: |
    Kiezen over de aanbeveling migratie.
  opties:
  - key: overnemen
    tekstsuggestie: |
      Het kabinet neemt de aanbeveling over.
  - key: niet-overnemen
    tekstsuggestie: Het kabinet neemt de aanbeveling niet over.   # kort

  # advies volgt na overleg
  ambtelijk_advies: overnemen
moties:
  - key: boomsma-24
    indieners: [{naam: Boomsma, fractie: NSC}]
    dossier: "36600"
    toevoeging: XX
    volgnummer: 24
    status: aangenomen   # stemming 12 december
bijlagen:
  - IOB-rapport   # als pdf
  - Kamerbrief
aanbevelingen:
  - nummer: 1a
    tekst: Doe een risicoanalyse.
    beslispunt: migratie
kamerbrief:
  secties:
    - titel: Migratie
      beslispunt: migratie
  slot: Zie [motie:boomsma-24].
  ondertekening: [M, R]
"""


@pytest.fixture
def note(tmp_path: Path) -> Path:
    path = tmp_path / "nota.yaml"
    path.write_text(NOTE, encoding="utf-8")
    return path


def diff(before: str, after: str) -> tuple[list[str], list[str]]:
    """(removed lines, added lines) between two file texts."""
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def refused(note: Path, call, *args) -> str:  # noqa: ANN001 - any edit function
    before = note.read_bytes()
    with pytest.raises(NotaError) as info:
        call(note, *args)
    assert note.read_bytes() == before, "a refused edit must leave the file byte-identical"
    return info.value.message


# --- choose -------------------------------------------------------------------------------------


def test_choose_adds_only_the_keuze_line(note: Path) -> None:
    lines = edit.choose(note, "migratie", "niet-overnemen")
    assert diff(NOTE, note.read_text(encoding="utf-8")) == ([], ["  keuze: niet-overnemen"])
    assert lines == ["beslispunten.migratie.keuze: (leeg) → 'niet-overnemen'"]


def test_choose_then_load_shows_keuze(note: Path) -> None:
    edit.choose(note, "migratie", "overnemen")
    assert load_note(note).beslispunt("migratie").keuze == "overnemen"


def test_choose_again_replaces_the_keuze_in_place(note: Path) -> None:
    edit.choose(note, "migratie", "overnemen")
    chosen = note.read_text(encoding="utf-8")
    edit.choose(note, "migratie", "niet-overnemen")
    assert diff(chosen, note.read_text(encoding="utf-8")) == (["  keuze: overnemen"], ["  keuze: niet-overnemen"])


def test_choose_same_option_again_does_not_write(note: Path) -> None:
    edit.choose(note, "migratie", "overnemen")
    before = note.stat().st_mtime_ns, note.read_bytes()
    assert "ongewijzigd" in edit.choose(note, "migratie", "overnemen")[0]
    assert (note.stat().st_mtime_ns, note.read_bytes()) == before


def test_choose_unknown_beslispunt_lists_the_valid_keys(note: Path) -> None:
    message = refused(note, edit.choose, "migr", "overnemen")
    assert "beslispunt 'migr' bestaat niet" in message
    assert "bedoelde u 'migratie'?" in message
    assert message.endswith("kies uit: migratie")
    assert str(note) in message


def test_choose_unknown_option_lists_the_options(note: Path) -> None:
    message = refused(note, edit.choose, "migratie", "x")
    assert "optie 'x' bestaat niet voor beslispunt 'migratie'; kies uit: overnemen, niet-overnemen" in message


def test_choose_suggests_the_option_an_abbreviation_starts(note: Path) -> None:
    assert "bedoelde u 'niet-overnemen'?" in refused(note, edit.choose, "migratie", "niet")


def test_choose_on_point_without_options_is_refused(note: Path) -> None:
    message = refused(note, edit.choose, "reactie", "overnemen")
    assert "heeft geen opties" in message
    assert "migratie" in message


# --- set: replacing values ----------------------------------------------------------------------


def test_set_replaces_value_and_keeps_quotes_and_comment(note: Path) -> None:
    lines = edit.set_values(note, ["kop.onderwerp=Nieuw onderwerp"])
    assert lines == ["kop.onderwerp: 'Kabinetsreactie IOB' → 'Nieuw onderwerp'"]
    assert diff(NOTE, note.read_text(encoding="utf-8")) == (
        ['    onderwerp: "Kabinetsreactie IOB"   # werktitel'],
        ['    onderwerp: "Nieuw onderwerp"   # werktitel'],
    )


def test_set_beslispunt_by_key_and_by_index_is_the_same_edit(note: Path, tmp_path: Path) -> None:
    other = tmp_path / "ander.yaml"
    shutil.copy(note, other)
    edit.set_values(note, ["beslispunten.migratie.keuze=overnemen"])
    edit.set_values(other, ["beslispunten[1].keuze=overnemen"])
    assert note.read_text(encoding="utf-8") == other.read_text(encoding="utf-8")
    assert diff(NOTE, note.read_text(encoding="utf-8")) == ([], ["  keuze: overnemen"])


def test_set_motion_status_by_key_keeps_its_comment(note: Path) -> None:
    edit.set_values(note, ["moties.boomsma-24.status=aangehouden"])
    assert diff(NOTE, note.read_text(encoding="utf-8")) == (
        ["    status: aangenomen   # stemming 12 december"],
        ["    status: aangehouden   # stemming 12 december"],
    )


def test_set_inside_flow_mappings(note: Path) -> None:
    edit.set_values(note, ["ondertekenaars.R.naam=A.B. Anders", "moties.boomsma-24.indieners.Boomsma.fractie=CDA"])
    removed, added = diff(NOTE, note.read_text(encoding="utf-8"))
    assert added == [
        "- {afkorting: R, titel: Minister voor Buitenlandse Handel en Ontwikkelingshulp, naam: A.B. Anders}",
        "    indieners: [{naam: Boomsma, fractie: CDA}]",
    ]
    assert len(removed) == 2


def test_set_option_text_by_keys(note: Path) -> None:
    edit.set_values(note, ["beslispunten.migratie.opties.niet-overnemen.tekstsuggestie=Anders."])
    assert diff(NOTE, note.read_text(encoding="utf-8")) == (
        ["    tekstsuggestie: Het kabinet neemt de aanbeveling niet over.   # kort"],
        ["    tekstsuggestie: Anders.   # kort"],
    )


def test_set_recommendation_by_number_in_brackets(note: Path) -> None:
    edit.set_values(note, ["aanbevelingen[1a].appreciatie=deels overnemen"])
    assert load_note(note).aanbevelingen[0].appreciatie == "deels overnemen"


def test_set_multiline_value_becomes_a_literal_block(note: Path) -> None:
    edit.set_values(note, ["kamerbrief.slot=Eerste alinea.\n\nTweede alinea met [motie:boomsma-24]."])
    assert load_note(note).kamerbrief.slot == "Eerste alinea.\n\nTweede alinea met [motie:boomsma-24]."
    removed, added = diff(NOTE, note.read_text(encoding="utf-8"))
    assert removed == ["  slot: Zie [motie:boomsma-24]."]
    assert added == ["  slot: |-", "    Eerste alinea.", "", "    Tweede alinea met [motie:boomsma-24]."]


def test_multiline_value_keeps_the_end_of_line_comment(note: Path) -> None:
    edit.set_values(note, ["beslispunten.migratie.opties.niet-overnemen.tekstsuggestie=Eén.\n\nTwee."])
    assert load_note(note).beslispunt("migratie").optie("niet-overnemen").tekstsuggestie == "Eén.\n\nTwee."
    assert "    tekstsuggestie: |-   # kort\n      Eén.\n\n      Twee.\n\n  # advies" in note.read_text(
        encoding="utf-8"
    )


def test_set_list_item_keeps_its_comment(note: Path) -> None:
    edit.set_values(note, ["bijlagen[0]=Rapport van de IOB"])
    assert diff(NOTE, note.read_text(encoding="utf-8")) == (
        ["  - IOB-rapport   # als pdf"],
        ["  - Rapport van de IOB   # als pdf"],
    )


def test_set_adds_a_field_to_a_flow_mapping(tmp_path: Path) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text(
        'kop: {onderwerp: Kort}\nmoties:\n  - {key: m-3, dossier: "36600"}  # nog aanvullen\n', encoding="utf-8"
    )
    edit.set_values(path, ["moties.m-3.volgnummer=3", "kop.aan=M en R"])
    assert path.read_text(encoding="utf-8") == (
        'kop: {onderwerp: Kort, aan: M en R}\nmoties:\n  - {key: m-3, dossier: "36600", volgnummer: 3}  # nog aanvullen\n'
    )


def test_refusal_message_is_one_line(note: Path) -> None:
    assert "\n" not in refused(note, edit.set_values, ["moties.boomsma-24.dossier=een\ntwee"])


def test_set_replaces_a_folded_block_and_keeps_the_long_line_elsewhere(note: Path) -> None:
    edit.set_values(note, ["beslispunten.reactie.tekst=Akkoord."])
    edit.set_values(note, ["aanleiding=Kort."])
    text = note.read_text(encoding="utf-8")
    assert "aanleiding: Kort.\nbeslispunten:" in text
    assert "# Beslisnota migratie — concept (trailing spaces here)   \n" in text


def test_set_text_that_looks_like_a_number_stays_text(note: Path) -> None:
    edit.set_values(note, ["kop.referentie=2025", "kop.onderwerp=Reactie: deel 2 # niet als commentaar"])
    nota = load_note(note)
    assert nota.kop.referentie == "2025"
    assert nota.kop.onderwerp == "Reactie: deel 2 # niet als commentaar"


def test_set_number_field_is_parsed(note: Path) -> None:
    assert edit.set_values(note, ["moties.boomsma-24.volgnummer=25"]) == ["moties.boomsma-24.volgnummer: 24 → 25"]
    assert load_note(note).motie("boomsma-24").volgnummer == 25


def test_set_list_value_in_flow_style(note: Path) -> None:
    edit.set_values(note, ["beslispunten.reactie.akkoord=[M]"])
    assert diff(NOTE, note.read_text(encoding="utf-8")) == (["  akkoord: [M, R]"], ["  akkoord: [M]"])


def test_set_same_value_reports_unchanged_and_does_not_write(note: Path) -> None:
    before = note.stat().st_mtime_ns
    assert edit.set_values(note, ["kop.aan=M en R"]) == ["kop.aan: ongewijzigd ('M en R')"]
    assert note.stat().st_mtime_ns == before
    assert note.read_text(encoding="utf-8") == NOTE


def yaml11(text: str) -> object:
    """The file as a YAML 1.1 reader (PyYAML, older editors and tools) sees it."""
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load("%YAML 1.1\n---\n" + text)


AMBIGUOUS = [
    "yes", "No", "ON", "off", "y", "N", "true", "False", "nULL", "yEs",
    "010", "1e3", "0x1F", "1_000", "12:30", "2025-01-06", ".inf",
    "- a", "? a", ":a", "#a", "&a", "*a", "!a", "|a", ">a", "%a", "@a", "`a", '"a', "'a", "a: b", "a #b", "'t: 1",
]  # fmt: skip


@pytest.mark.parametrize("value", AMBIGUOUS)
def test_set_text_that_any_yaml_reader_could_misread_is_quoted(note: Path, value: str) -> None:
    edit.set_values(note, [f"kop.aan={value}"])
    text = note.read_text(encoding="utf-8")
    quoted = f'"{value}"' if "'" in value else f"'{value}'"
    assert diff(NOTE, text) == (["    aan: M en R"], [f"    aan: {quoted}"])
    assert load_note(note).kop.aan == value
    assert yaml11(text)["kop"]["aan"] == value  # type: ignore[index]


def test_set_quotes_ambiguous_text_in_lists_and_flow_mappings(tmp_path: Path) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text("kop: {onderwerp: Kort}\nbijlagen:\n  - Rapport\n", encoding="utf-8")
    edit.set_values(path, ["kop.aan=yes", "bijlagen=[Rapport, no, 010]"])
    text = path.read_text(encoding="utf-8")
    assert text == "kop: {onderwerp: Kort, aan: \"yes\"}\nbijlagen:\n  - Rapport\n  - 'no'\n  - '010'\n"
    assert load_note(path).bijlagen == ["Rapport", "no", "010"]
    assert yaml11(text) == {"kop": {"onderwerp": "Kort", "aan": "yes"}, "bijlagen": ["Rapport", "no", "010"]}


def test_set_leaves_plain_text_numbers_and_dates_unquoted(example: Path) -> None:
    before = example.read_text(encoding="utf-8")
    edit.set_values(
        example,
        [
            "kop.aan=M, R en DGIS",
            "kop.datum=2025-01-07",
            "kop.referentie=2025-01-06",
            "moties.boomsma-24.volgnummer=25",
        ],
    )
    text = example.read_text(encoding="utf-8")
    assert diff(before, text)[1] == [
        "  aan: M, R en DGIS",
        "  datum: 2025-01-07",
        "  referentie: '2025-01-06'",
        "    volgnummer: 25",
    ]
    nota = load_note(example)
    assert (nota.kop.datum, nota.kop.referentie) == (dt.date(2025, 1, 7), "2025-01-06")


def test_multiline_set_follows_the_two_space_indentation_of_the_example(example: Path) -> None:
    before = example.read_text(encoding="utf-8")
    edit.set_values(
        example,
        ["aanleiding=Regel een\n\nRegel twee", "beslispunten[3].opties[1].tekstsuggestie=Eén.\nTwee."],
    )
    text = example.read_text(encoding="utf-8")
    assert "\naanleiding: |-\n  Regel een\n\n  Regel twee\n\n# Het geadviseerd besluit." in text
    assert "\n        tekstsuggestie: |-\n          Eén.\n          Twee.\n" in text
    removed, added = diff(before, text)
    assert added == [
        "aanleiding: |-",
        "  Regel een",
        "",
        "  Regel twee",
        "        tekstsuggestie: |-",
        "          Eén.",
        "          Twee.",
    ]
    assert removed[0] == "aanleiding: |" and all(line.startswith("  ") or not line for line in removed[1:])
    nota = load_note(example)
    assert nota.aanleiding == "Regel een\n\nRegel twee"
    assert nota.beslispunt("migratie").optie("niet-overnemen").tekstsuggestie == "Eén.\nTwee."


FOUR = """\
schema_version: 1
kop:
    onderwerp: X   # titel
aanleiding: Kort.
beslispunten:
    -   key: bp
        tekst: Kies.
        opties:
            -   key: a
            -   key: b
                tekstsuggestie: Dan.   # kort
kamerbrief:
    slot: Groet.
"""


def test_multiline_set_follows_a_four_space_file(tmp_path: Path) -> None:
    path = tmp_path / "vier.yaml"
    path.write_text(FOUR, encoding="utf-8")
    edit.set_values(
        path, ["aanleiding=Een\n\nTwee", "beslispunten.bp.opties.b.tekstsuggestie=Drie\nVier", "kop.aan=yes"]
    )
    assert path.read_text(encoding="utf-8") == FOUR.replace(
        "aanleiding: Kort.\n", "aanleiding: |-\n    Een\n\n    Twee\n"
    ).replace(
        "tekstsuggestie: Dan.   # kort\n",
        "tekstsuggestie: |-   # kort\n                    Drie\n                    Vier\n",
    ).replace("# titel\n", "# titel\n    aan: 'yes'\n")
    nota = load_note(path)
    assert (nota.aanleiding, nota.beslispunt("bp").optie("b").tekstsuggestie) == ("Een\n\nTwee", "Drie\nVier")


# --- set: dates, creating and clearing ----------------------------------------------------------


def test_set_dutch_date_creates_the_missing_field_in_kop(note: Path) -> None:
    lines = edit.set_values(note, ["kop.plandatum=1-2-2025"])
    assert lines == ["kop.plandatum: (leeg) → 1 februari 2025"]
    assert load_note(note).kop.plandatum == dt.date(2025, 2, 1)
    text = note.read_text(encoding="utf-8")
    assert diff(NOTE, text) == ([], ["    plandatum: 2025-02-01"])
    assert text.index("plandatum") > text.index("referentie") and text.index("plandatum") < text.index("ondertekenaars")


def test_set_date_in_words_keeps_the_style_of_the_old_date(note: Path) -> None:
    edit.set_values(note, ["kop.datum=7 januari 2025"])
    assert diff(NOTE, note.read_text(encoding="utf-8")) == (["    datum: 6-1-2025"], ["    datum: 7-1-2025"])
    assert load_note(note).kop.datum == dt.date(2025, 1, 7)


def test_set_impossible_date_is_refused(note: Path) -> None:
    message = refused(note, edit.set_values, ["kop.plandatum=31-2-2025"])
    assert "kop.plandatum" in message and "bestaat niet als datum" in message


def test_set_creates_a_missing_optional_field_in_model_order(note: Path) -> None:
    edit.set_values(note, ["beslispunten.migratie.advies_toelichting=Geen overeenstemming."])
    text = note.read_text(encoding="utf-8")
    assert diff(NOTE, text) == ([], ["  advies_toelichting: Geen overeenstemming."])
    assert text.index("advies_toelichting") > text.index("ambtelijk_advies")


def test_set_creates_a_missing_section(tmp_path: Path) -> None:
    path = tmp_path / "kort.yaml"
    path.write_text("kop:\n  onderwerp: Kort   # x\n", encoding="utf-8")
    edit.set_values(path, ["kamerbrief.slot=Met vriendelijke groet."])
    assert (
        path.read_text(encoding="utf-8")
        == "kop:\n  onderwerp: Kort   # x\nkamerbrief:\n  slot: Met vriendelijke groet.\n"
    )


def test_set_empty_clears_an_optional_field(note: Path) -> None:
    assert edit.set_values(note, ["kop.referentie="]) == ["kop.referentie: 'BZ2407961' → (leeg)"]
    assert load_note(note).kop.referentie is None
    assert diff(NOTE, note.read_text(encoding="utf-8")) == (["    referentie: 'BZ2407961'"], ["    referentie:"])


def test_set_null_clears_the_keuze(note: Path) -> None:
    edit.choose(note, "migratie", "overnemen")
    edit.set_values(note, ["beslispunten.migratie.keuze=null"])
    assert load_note(note).beslispunt("migratie").keuze is None


def test_set_empty_required_field_is_refused(note: Path) -> None:
    assert "kop.onderwerp is verplicht" in refused(note, edit.set_values, ["kop.onderwerp="])


# --- set: refusals ------------------------------------------------------------------------------


def test_set_unknown_field_suggests_the_intended_one(note: Path) -> None:
    message = refused(note, edit.set_values, ["kop.onderwrp=x"])
    assert "onbekend veld 'onderwrp' in kop; bedoelde u 'onderwerp'?" in message
    assert "plandatum" in message  # the allowed fields are listed


def test_set_unknown_key_lists_the_keys(note: Path) -> None:
    message = refused(note, edit.set_values, ["moties.boomsma.status=aangehouden"])
    assert "motie 'boomsma' bestaat niet" in message and "kies uit: boomsma-24" in message


def test_set_index_out_of_range_names_the_range(note: Path) -> None:
    message = refused(note, edit.set_values, ["beslispunten[5].keuze=overnemen"])
    assert "beslispunten[5] bestaat niet" in message and "beslispunten[1]" in message


def test_set_wrong_choice_value_lists_the_allowed_ones(note: Path) -> None:
    message = refused(note, edit.set_values, ["moties.boomsma-24.status=aangenommen"])
    assert "bedoelde u 'aangenomen'?" in message and "ingetrokken" in message


def test_set_result_that_does_not_validate_is_refused(note: Path) -> None:
    message = refused(note, edit.set_values, ["beslispunten.migratie.keuze=zzz"])
    assert "'zzz' is geen optie" in message and "niets gewijzigd" in message


def test_set_dangling_reference_is_refused(note: Path) -> None:
    message = refused(note, edit.set_values, ["kamerbrief.secties[0].beslispunt=onbekend"])
    assert "'onbekend' is onbekend" in message


def test_set_is_all_or_nothing(note: Path) -> None:
    refused(note, edit.set_values, ["kop.onderwerp=Goed", "kop.onderwrp=Fout"])


def test_set_whole_section_is_refused_with_its_fields(note: Path) -> None:
    message = refused(note, edit.set_values, ["kop=Iets"])
    assert "kop bestaat uit velden" in message and "onderwerp" in message


def test_set_without_equals_sign_is_refused(note: Path) -> None:
    assert "VELD.PAD=WAARDE" in refused(note, edit.set_values, ["kop.onderwerp"])


def test_set_on_a_broken_file_reports_the_file_problem(tmp_path: Path) -> None:
    path = tmp_path / "kapot.yaml"
    path.write_text("kop:\n  onderwerp: [\n", encoding="utf-8")
    message = refused(path, edit.set_values, ["kop.onderwerp=x"])
    assert str(path) in message


def test_fallback_dump_keeps_comments_and_indentation(note: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(edit, "_try_splice", lambda text, change: None)  # as if the splice could not be done
    edit.choose(note, "migratie", "overnemen")
    text = note.read_text(encoding="utf-8")
    assert load_note(note).beslispunt("migratie").keuze == "overnemen"
    assert "# advies volgt na overleg" in text and "# stemming 12 december" in text
    assert "ruim voorbij de honderdtwintig tekens loopt zodat herschikken direct opvalt." in text  # not re-wrapped


# --- file encodings -----------------------------------------------------------------------------


def test_crlf_and_bom_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "windows.yaml"
    path.write_bytes(b"\xef\xbb\xbfkop:\r\n  onderwerp: Oud   # c\r\n  aan: M\r\n")
    edit.set_values(path, ["kop.onderwerp=Nieuw", "kop.datum=2-3-2025"])
    assert path.read_bytes() == b"\xef\xbb\xbfkop:\r\n  onderwerp: Nieuw   # c\r\n  aan: M\r\n  datum: 2025-03-02\r\n"


# --- the shipped example --------------------------------------------------------------------------


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, path)
    return path


def test_choose_on_the_example_changes_one_line(example: Path) -> None:
    before = example.read_text(encoding="utf-8")
    edit.choose(example, "migratie", "overnemen")
    removed, added = diff(before, example.read_text(encoding="utf-8"))
    assert len(removed) <= 1 and len(added) == 1 and added[0].strip() == "keuze: overnemen"
    assert load_note(example).beslispunt("migratie").keuze == "overnemen"


def test_set_on_the_example_changes_only_intended_lines(example: Path) -> None:
    before = example.read_text(encoding="utf-8")
    edit.set_values(example, ["kop.plandatum=20 januari 2025", "kop.onderwerp=Nieuw"])
    removed, added = diff(before, example.read_text(encoding="utf-8"))
    assert [line.strip().split(":")[0] for line in removed] == ["onderwerp"]
    assert sorted(line.strip().split(":")[0] for line in added) == ["onderwerp", "plandatum"]


# --- CLI ----------------------------------------------------------------------------------------


def test_cli_choose_without_render(note: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["choose", str(note), "migratie", "overnemen", "--no-render"]) == 0
    assert "Keuze vastgelegd: migratie = overnemen" in capsys.readouterr().out
    assert load_note(note).beslispunt("migratie").keuze == "overnemen"


def test_cli_choose_bad_key_exits_2(note: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["choose", str(note), "migr", "overnemen", "--no-render"]) == 2
    assert "kies uit: migratie" in capsys.readouterr().err
    assert note.read_text(encoding="utf-8") == NOTE


def test_cli_set_prints_the_change(note: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["set", str(note), "kop.onderwerp=Nieuw", "kop.plandatum=1-2-2025"]) == 0
    out = capsys.readouterr().out
    assert "kop.onderwerp: 'Kabinetsreactie IOB' → 'Nieuw'" in out
    assert "kop.plandatum: (leeg) → 1 februari 2025" in out


def test_cli_set_bad_path_exits_2(note: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["set", str(note), "kop.onderwrp=x"]) == 2
    assert "bedoelde u 'onderwerp'?" in capsys.readouterr().err
