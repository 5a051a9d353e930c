"""model.py: validation rejects what is wrong, accepts what is unfinished; the schema is exported."""

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from notawriter.model import Kop, Nota, Persoon, json_schema, personal_fields

SHIPPED_SCHEMA = Path(__file__).resolve().parent.parent / "notawriter" / "nota.schema.json"


def note(**extra) -> dict:
    return {"schema_version": 1, "kop": {"onderwerp": "X"}, **extra}


def test_a_just_started_note_is_valid() -> None:
    nota = Nota.model_validate(note(beslispunten=[{"key": "a", "opties": [{"key": "x"}]}]))
    assert nota.niet_openbaar == "N.v.t." and nota.kamerbrief.aanhef == "Geachte voorzitter,"


def test_keuze_must_be_one_of_the_options() -> None:
    with pytest.raises(ValidationError, match="keuze: 'z' is geen optie.*toegestaan: x, y"):
        Nota.model_validate(note(beslispunten=[{"key": "a", "opties": [{"key": "x"}, {"key": "y"}], "keuze": "z"}]))


@pytest.mark.parametrize(
    "extra,fragment",
    [
        ({"aanleiding": "zie [motie:onbekend]"}, "aanleiding: 'onbekend' is onbekend"),
        ({"beslispunten": [{"akkoord": ["Q"], "tekst": "t"}]}, "beslispunten[0].akkoord: 'Q' is onbekend"),
        ({"kamerbrief": {"ondertekening": ["M"]}}, "kamerbrief.ondertekening[0]"),
        ({"kamerbrief": {"secties": [{"beslispunt": "nee"}]}}, "kamerbrief.secties[0].beslispunt"),
    ],
)
def test_dangling_references_are_errors_with_a_field_path(extra: dict, fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        Nota.model_validate(note(**extra))
    assert fragment in str(info.value)


def test_options_need_a_decision_point_key() -> None:
    with pytest.raises(ValidationError, match="sleutel nodig"):
        Nota.model_validate(note(beslispunten=[{"opties": [{"key": "x"}, {"key": "y"}]}]))


def test_personal_fields_are_marked_in_the_model() -> None:
    # every header field of persons (Via and Kopie aan hold persons too since issue 13), and in a
    # person the name and contact details — not the unit, which the public version shows
    assert personal_fields(Kop) == {"van", "via", "kopie_aan", "opgesteld_door"}
    assert personal_fields(Persoon) == {"naam", "telefoon", "email"}


def test_shipped_schema_file_is_current() -> None:
    assert json.loads(SHIPPED_SCHEMA.read_text()) == json_schema()
    assert json_schema()["properties"]["kop"]


@pytest.mark.parametrize(("typed", "meant"), [("Boomsma-24", "boomsma-24"), ("bomsma-24", "boomsma-24")])
def test_an_unknown_motion_key_suggests_the_one_meant(typed: str, meant: str) -> None:
    from notawriter.model import Nota

    data = {
        "kop": {"onderwerp": "X"},
        "aanleiding": f"Zie [motie:{typed}].",
        "moties": [{"key": "boomsma-24"}, {"key": "grinwis-45"}],
    }
    with pytest.raises(ValueError, match=f"'{typed}' is onbekend; bedoelde u '{meant}'\\? toegestaan"):
        Nota.model_validate(data)
