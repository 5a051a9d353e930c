"""Personal data standing unmarked in the note: `check` reports it (field and line) and
`render --openbaar` refuses it, from one search (woo.unmarked_mentions):

* a person of a header field (kop.opgesteld_door, …) repeated unmarked in a text, also only the surname;
* a phone number in any Dutch notation and a person's e-mail address in any text, marked or not in
  the header; an organisation's general address (info@…, postbus@…) may stand.

Every name and number here is made up.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from notawriter.cli import main
from notawriter.woo import contact_details
from tests.helpers import find_in_package

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "woo_personen.yaml"
INLEIDING = "Hierbij informeer ik u over de herinrichting."


@pytest.fixture
def note(tmp_path: Path) -> Path:
    path = tmp_path / "p.yaml"
    shutil.copy(FIXTURE, path)
    return path


def with_text(note: Path, text: str, where: str = INLEIDING) -> None:
    """Put `text` in place of `where` (once in the note): quoted when it is a YAML value after
    'key: ', as it stands otherwise (a line of a block scalar, or a whole 'key: value')."""
    source = note.read_text(encoding="utf-8")
    assert source.count(where) == 1, where
    value = source[: source.index(where)].endswith(": ")
    note.write_text(source.replace(where, json.dumps(text) if value else text), encoding="utf-8")


def check_errors(note: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    main(["check", str(note)])
    return [line for line in capsys.readouterr().out.splitlines() if line.startswith("fout")]


def refusal(note: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The one line `render --openbaar` refuses with (nothing may be written)."""
    assert main(["render", str(note), "--openbaar"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("fout: ") and err.count("\n") == 1, err
    assert not list(note.parent.glob("*.docx"))
    return err


# --- a person of the header, unmarked ---------------------------------------------------------------


def test_the_note_as_it_is_checks_clean_and_its_public_version_is_made(note: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a marked name in the aanleiding, persons and their phone/e-mail only in the header
    assert check_errors(note, capsys) == []
    assert main(["render", str(note), "--openbaar"]) == 0


def test_check_reports_a_header_person_unmarked_in_the_letter_with_field_and_line(
    note: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_text(note, "Hierbij informeer ik u, met Thomas Bakker, over de herinrichting.")
    (line,) = check_errors(note, capsys)
    assert line.startswith("fout  kamerbrief.inleiding (regel 22): ")
    assert "'Thomas Bakker' staat hier ongemarkeerd" in line and "[[5.1.2e:Thomas Bakker]]" in line


@pytest.mark.parametrize(
    ("text", "where", "field"),
    [
        ("Met Thomas Bakker besproken.", INLEIDING, "kamerbrief.inleiding"),
        ("Volgens Bakker kan dit.", INLEIDING, "kamerbrief.inleiding"),
        ("Na overleg met de DG; contact: Sanne de Vries.", "Na overleg met [[5.1.2e:Karin van Dijk]] en de DG is dit voorstel opgesteld.", "aanleiding"),
        ("tekst: de herinrichting, zoals Karin van Dijk voorstelt", "tekst: de herinrichting", "beslispunten[0].tekst"),
        ("Herinrichting (Ahmed el Amrani)", "Herinrichting van het Mensenrechtenfonds", "kop.onderwerp"),
    ],
)
def test_check_and_render_point_at_the_same_field_for_an_unmarked_person(
    note: Path, capsys: pytest.CaptureFixture[str], text: str, where: str, field: str
) -> None:
    with_text(note, text, where)
    errors = check_errors(note, capsys)
    assert errors and errors[0].startswith(f"fout  {field} (regel "), errors
    assert f"veld '{field}'" in refusal(note, capsys)


# --- phone numbers and e-mail addresses -----------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    ["06-98765432", "06 98 76 54 32", "0698765432", "(06) 98765432", "070-348 6486", "070 3486486", "(070) 3486486",
     "+31 6 98765432", "+31 (0)70 348 6486", "+31-6-98765432", "0031 6 98765432", "010 - 123 45 67"],
)  # fmt: skip
def test_a_phone_number_in_any_dutch_notation_in_a_text_is_refused_and_reported(
    note: Path, capsys: pytest.CaptureFixture[str], number: str
) -> None:
    with_text(note, f"Hierbij informeer ik u over de herinrichting; bel {number} voor vragen.")
    errors = check_errors(note, capsys)
    assert any(e.startswith("fout  kamerbrief.inleiding (regel ") and "telefoonnummer" in e for e in errors), errors
    err = refusal(note, capsys)
    assert "veld 'kamerbrief.inleiding'" in err and "telefoonnummer" in err and "[[5.1.2e:" in err


def test_a_persons_email_address_in_a_text_is_refused_and_a_general_one_passes(
    note: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_text(note, "Vragen? Mail p.jansen@minbuza.nl of info@minbuza.nl.")
    errors = check_errors(note, capsys)
    assert len(errors) == 1 and "'p.jansen@minbuza.nl'" in errors[0], errors
    assert "veld 'kamerbrief.inleiding'" in refusal(note, capsys)
    with_text(note, "Vragen? Mail info@minbuza.nl of postbus.dmm@minbuza.nl.", json.dumps(
        "Vragen? Mail p.jansen@minbuza.nl of info@minbuza.nl."))
    assert check_errors(note, capsys) == []
    assert main(["render", str(note), "--openbaar"]) == 0


def test_the_reviewers_sentence_is_refused_and_once_marked_leaves_no_trace(
    note: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sentence = "Bel 06-98765432 of mail p.jansen@minbuza.nl."
    with_text(note, sentence)
    assert len(check_errors(note, capsys)) == 2
    refusal(note, capsys)
    marked = "Bel [[5.1.2e:06-98765432]] of mail [[5.1.2e:p.jansen@minbuza.nl]]."
    with_text(note, marked, json.dumps(sentence))
    assert check_errors(note, capsys) == []
    assert main(["render", str(note), "--openbaar"]) == 0
    public = note.with_name("p-kamerbrief-openbaar.docx")
    assert not find_in_package(public, "98765432") and not find_in_package(public, "p.jansen")


def test_in_a_footnote_a_phone_number_is_found_too(note: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with_text(note, "Hierbij informeer ik u.[voetnoot: Contact: 06 98 76 54 32.]")
    assert any("telefoonnummer" in e for e in check_errors(note, capsys))


@pytest.mark.parametrize(
    "text",
    ["Kamerstuk 36 600 XX, nr. 24", "op 01-12-2026 om 10.00 uur", "zaak 2024Z19876", "ISBN 978-0-123456-78-9",
     "€ 0,5 miljoen in 2025 en 2026", "Postbus 20061, 2500 EB Den Haag", "bel 0800-1234 (gratis)", "0900-1234567",
     "https://www.rijksoverheid.nl/documenten/0123456789", "paragraaf 0.1.2.3.4.5.6.7.8.9", "06-123456789",
     "info@minbuza.nl", "secretariaat-dgis@minbuza.nl"],
)  # fmt: skip
def test_what_is_no_phone_number_of_a_person_is_not_found(text: str) -> None:
    assert contact_details(text) == []


def test_every_found_number_is_the_number_as_written(note: Path) -> None:
    found = contact_details("Bel 06-98765432, +31 (0)70 348 6486 of (06) 12345678; mail a.b@c.nl.")
    assert found == [
        ("telefoonnummer", "06-98765432"),
        ("telefoonnummer", "+31 (0)70 348 6486"),
        ("telefoonnummer", "(06) 12345678"),
        ("e-mailadres", "a.b@c.nl"),
    ]
    assert all(re.sub(r"\D", "", v) for k, v in found if k == "telefoonnummer")
