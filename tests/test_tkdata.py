"""Motions from the Tweede Kamer's OData: parsing, import into notes and libraries, fetching.

The fixture tests/fixtures/tk/motie-boomsma-36600-XX-24.json is written by hand in the shape of a
real Gegevensmagazijn OData v4 response (Zaak?$filter=Nummer eq '…'&$expand=ZaakActor,
Kamerstukdossier,Document,Besluit); ids and the zaaknummer are made up.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import socket
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from notawriter import notefile, tkdata
from notawriter.cli import main
from notawriter.errors import NotaError
from notawriter.model import Motie, MotieStatus
from tests.helpers import RecordedServer

FIXTURE = Path(__file__).parent / "fixtures" / "tk" / "motie-boomsma-36600-XX-24.json"

NOTE = """\
# Beslisnota kabinetsreactie — dit commentaar moet blijven staan
schema_version: 1
kop:
  onderwerp: Kabinetsreactie IOB-evaluatie  # onderwerp zoals in de brief
aanleiding: De Kamer vroeg om een reactie.
"""


def payload() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def zaak() -> dict[str, Any]:
    return payload()["value"][0]


# --- parsing ------------------------------------------------------------------------------------


def test_parse_fixture_maps_every_field() -> None:
    motie = tkdata.parse_zaak(payload(), str(FIXTURE))
    assert motie.key == "boomsma-24"
    assert [(i.naam, i.fractie) for i in motie.indieners] == [
        ("Boomsma", "NSC"),
        ("Stoffer", "SGP"),
        ("Bikker", "ChristenUnie"),
    ]
    assert (motie.dossier, motie.toevoeging, motie.volgnummer) == ("36600", "XX", 24)
    assert motie.datum == dt.date(2024, 11, 14)
    assert motie.status is MotieStatus.AANGEHOUDEN
    assert motie.titel and motie.titel.startswith("Motie van het lid Boomsma c.s. over")
    assert motie.verzoek == motie.titel
    assert tkdata.citation(motie) == "Kamerstuk 36 600 XX, nr. 24"


def test_a_single_entity_is_accepted() -> None:
    entity = zaak()
    entity["@odata.context"] = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/$metadata#Zaak/$entity"
    assert tkdata.parse_zaak(entity).key == "boomsma-24"


def test_several_zaken_give_several_motions() -> None:
    data = payload()
    second = copy.deepcopy(data["value"][0])
    second["Document"][0]["Volgnummer"] = 25
    for actor in second["ZaakActor"]:
        if actor["Relatie"] == "Indiener":
            actor["ActorNaam"] = "D.M. van Weel"
    data["value"].append(second)
    assert [m.key for m in tkdata.parse_zaken(data)] == ["boomsma-24", "van-weel-25"]
    with pytest.raises(NotaError, match="verwacht er één"):
        tkdata.parse_zaak(data)


def test_deleted_records_are_ignored() -> None:
    entity = zaak()
    entity["Besluit"][1]["Verwijderd"] = True
    entity["ZaakActor"][1]["Verwijderd"] = True  # Stoffer
    motie = tkdata.parse_zaak(entity)
    assert motie.status is MotieStatus.INGEDIEND
    assert [i.naam for i in motie.indieners] == ["Boomsma", "Bikker"]


@pytest.mark.parametrize(
    ("soort", "status"),
    [
        ("Stemmen - aangehouden", MotieStatus.AANGEHOUDEN),
        ("Stemmen - aangenomen", MotieStatus.AANGENOMEN),
        ("Stemmen - zonder stemming aannemen", MotieStatus.AANGENOMEN),
        ("Stemmen - verworpen", MotieStatus.VERWORPEN),
        ("Stemmen - ingetrokken", MotieStatus.INGETROKKEN),
        ("Ingediend", MotieStatus.INGEDIEND),
        ("Stemmen - uitstellen", MotieStatus.INGEDIEND),
    ],
)
def test_status_from_the_latest_besluit(soort: str, status: MotieStatus) -> None:
    entity = zaak()
    entity["Besluit"].append({"BesluitSoort": soort, "GewijzigdOp": "2024-12-10T16:00:00+01:00"})
    expected = MotieStatus.AANGEHOUDEN if status is MotieStatus.INGEDIEND else status
    assert tkdata.parse_zaak(entity).status is expected


def test_latest_besluit_wins_regardless_of_payload_order() -> None:
    besluiten = [
        {"BesluitSoort": "Stemmen - aangenomen", "GewijzigdOp": "2025-01-21T17:00:00+01:00"},
        {"BesluitSoort": "Stemmen - aangehouden", "GewijzigdOp": "2024-11-26T16:05:10+01:00"},
    ]
    assert tkdata.motie_status(besluiten) is MotieStatus.AANGENOMEN


@pytest.mark.parametrize(
    ("actor_naam", "naam"),
    [
        ("D.J. Boomsma", "Boomsma"),
        ("Boomsma", "Boomsma"),
        ("D.M. van Weel", "Van Weel"),
        ("Weel, D.M. van", "Van Weel"),
        ("Th.C. de Graaf", "De Graaf"),
        ("S.C. Kröger", "Kröger"),
    ],
)
def test_surname_as_cited(actor_naam: str, naam: str) -> None:
    assert tkdata.surname(actor_naam) == naam


def test_key_is_ascii() -> None:
    assert tkdata.motie_key("Kröger", 7) == "kroger-7"
    assert tkdata.motie_key("Van der Plas", 12) == "van-der-plas-12"


def test_volgnummer_falls_back_to_zaak() -> None:
    entity = zaak()
    entity["Document"] = []
    entity["Volgnummer"] = 31
    assert tkdata.parse_zaak(entity).key == "boomsma-31"


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda z: z.pop("ZaakActor"), "value[0].ZaakActor"),
        (lambda z: z.pop("Kamerstukdossier"), "value[0].Kamerstukdossier"),
        (lambda z: z.pop("Besluit"), "value[0].Besluit"),
        (lambda z: z.pop("Document"), "value[0].Document"),
        (lambda z: z.__setitem__("ZaakActor", "Boomsma"), "value[0].ZaakActor"),
        (lambda z: z["Document"][0].__setitem__("Volgnummer", "nr. 24"), "value[0].Document[0].Volgnummer"),
        (lambda z: z.__setitem__("GestartOp", "gisteren"), "value[0].GestartOp"),
    ],
)
def test_missing_or_unexpected_fields_name_file_and_field(mutate: Any, field: str) -> None:
    data = payload()
    mutate(data["value"][0])
    with pytest.raises(NotaError) as info:
        tkdata.parse_zaken(data, "motie.json")
    assert info.value.message.startswith("motie.json")
    assert f"veld '{field}'" in info.value.message


def test_no_indiener_is_an_error() -> None:
    entity = zaak()
    entity["ZaakActor"] = [a for a in entity["ZaakActor"] if a["Relatie"] != "Indiener"]
    with pytest.raises(NotaError, match="geen indiener"):
        tkdata.parse_zaak(entity, "motie.json")


def test_other_zaak_soort_is_refused() -> None:
    entity = zaak()
    entity["Soort"] = "Schriftelijke vragen"
    with pytest.raises(NotaError, match="geen motie"):
        tkdata.parse_zaak(entity)


def test_not_odata_is_refused() -> None:
    with pytest.raises(NotaError, match="geen OData-antwoord"):
        tkdata.parse_zaken([1, 2], "x.json")
    with pytest.raises(NotaError, match="bevat geen zaken"):
        tkdata.parse_zaken({"value": []}, "x.json")


# --- URL ----------------------------------------------------------------------------------------


def test_odata_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(tkdata.BASE_URL_ENV, raising=False)
    assert tkdata.odata_url("2024z19876") == (
        "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Zaak"
        "?$filter=Nummer%20eq%20'2024Z19876'%20and%20Verwijderd%20eq%20false"
        "&$expand=ZaakActor,Kamerstukdossier,Document,Besluit"
    )
    monkeypatch.setenv(tkdata.BASE_URL_ENV, "http://127.0.0.1:9/odata/")
    assert tkdata.odata_url("2024Z19876").startswith("http://127.0.0.1:9/odata/Zaak?$filter=")


def test_bad_zaaknummer_is_refused_before_any_request(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["motie", "fetch", "36600-XX-24"]) == 2
    assert "geen zaaknummer" in capsys.readouterr().err


# --- import -------------------------------------------------------------------------------------


def test_import_into_note_keeps_comments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = tmp_path / "nota.yaml"
    note.write_text(NOTE, encoding="utf-8")
    assert main(["motie", "import", str(FIXTURE), "--into", str(note)]) == 0
    out = capsys.readouterr().out
    assert "Motie boomsma-24 (Kamerstuk 36 600 XX, nr. 24) toegevoegd aan" in out
    text = note.read_text(encoding="utf-8")
    assert "# Beslisnota kabinetsreactie — dit commentaar moet blijven staan" in text
    assert "# onderwerp zoals in de brief" in text
    nota = notefile.load_note(note)
    motie = nota.motie("boomsma-24")
    assert motie.status is MotieStatus.AANGEHOUDEN
    assert [i.fractie for i in motie.indieners] == ["NSC", "SGP", "ChristenUnie"]
    assert "datum: 2024-11-14" in text  # a YAML date, not a quoted string


def test_import_twice_into_note_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = tmp_path / "nota.yaml"
    note.write_text(NOTE, encoding="utf-8")
    assert main(["motie", "import", str(FIXTURE), "--into", str(note)]) == 0
    before = note.read_bytes()
    assert main(["motie", "import", str(FIXTURE), "--into", str(note)]) == 2
    assert "motie 'boomsma-24' staat al in de nota" in capsys.readouterr().err
    assert note.read_bytes() == before


def test_import_into_new_library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    library = tmp_path / "lib" / "moties.yaml"
    assert main(["motie", "import", str(FIXTURE), "--to", str(library)]) == 0
    assert "toegevoegd aan bibliotheek" in capsys.readouterr().out
    text = library.read_text(encoding="utf-8")
    assert text.startswith("# notawriter-bibliotheek\n")
    data = notefile.parse_yaml(text, library)
    (item,) = data["moties"]
    assert item["id"] == "boomsma-24" and "key" not in item  # the key defaults to the id
    Motie.model_validate({"key": item["id"], **{k: v for k, v in item.items() if k != "id"}})


def test_library_file_loads_as_a_library(tmp_path: Path) -> None:
    from notawriter import library as library_module

    library = tmp_path / "moties.yaml"
    assert main(["motie", "import", str(FIXTURE), "--to", str(library)]) == 0
    (item,) = library_module.load_library_file(library).items
    assert (item.kind, item.id, item.data["key"]) == ("motie", "boomsma-24", "boomsma-24")


def test_import_into_existing_library_keeps_comments(tmp_path: Path) -> None:
    library = tmp_path / "moties.yaml"
    library.write_text(
        "# notawriter-bibliotheek\n# moties over mensenrechten\nmoties:\n  - id: bikker-12  # oud\n    key: bikker-12\n",
        encoding="utf-8",
    )
    assert main(["motie", "import", str(FIXTURE), "--to", str(library)]) == 0
    text = library.read_text(encoding="utf-8")
    assert "# moties over mensenrechten" in text and "# oud" in text
    ids = [item["id"] for item in notefile.parse_yaml(text, library)["moties"]]
    assert ids == ["bikker-12", "boomsma-24"]
    before = library.read_bytes()
    assert main(["motie", "import", str(FIXTURE), "--to", str(library)]) == 2
    assert library.read_bytes() == before


def test_import_without_target_prints_yaml(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["motie", "import", str(FIXTURE)]) == 0
    out = capsys.readouterr().out
    data = notefile.parse_yaml(out, Path("<stdout>"))
    assert data["moties"][0]["key"] == "boomsma-24"
    assert data["moties"][0]["status"] == "aangehouden"


def test_malformed_json_leaves_files_unchanged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "kapot.json"
    bad.write_text('{"value": [ {"Nummer": "2024Z19876", }', encoding="utf-8")
    note = tmp_path / "nota.yaml"
    note.write_text(NOTE, encoding="utf-8")
    library = tmp_path / "moties.yaml"
    library.write_text("# notawriter-bibliotheek\nmoties: []\n", encoding="utf-8")
    before = (note.read_bytes(), library.read_bytes())
    assert main(["motie", "import", str(bad), "--into", str(note), "--to", str(library)]) == 2
    err = capsys.readouterr().err
    assert "kapot.json" in err and "geen geldige JSON" in err
    assert (note.read_bytes(), library.read_bytes()) == before


def test_missing_field_in_file_leaves_files_unchanged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = payload()
    del data["value"][0]["Kamerstukdossier"]
    saved = tmp_path / "motie.json"
    saved.write_text(json.dumps(data), encoding="utf-8")
    note = tmp_path / "nota.yaml"
    note.write_text(NOTE, encoding="utf-8")
    before = note.read_bytes()
    assert main(["motie", "import", str(saved), "--into", str(note)]) == 2
    err = capsys.readouterr().err
    assert "motie.json" in err and "veld 'value[0].Kamerstukdossier'" in err and "$expand=" in err
    assert note.read_bytes() == before


def test_missing_json_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["motie", "import", str(tmp_path / "weg.json")]) == 2
    assert "bestaat niet" in capsys.readouterr().err


# --- fetch --------------------------------------------------------------------------------------


def _server(body: bytes, status: int = 200) -> RecordedServer:
    return RecordedServer(lambda path: (status, body, "application/json; odata.metadata=minimal"))


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[RecordedServer]:
    srv = _server(FIXTURE.read_bytes())
    monkeypatch.setenv(tkdata.BASE_URL_ENV, srv.url)
    yield srv
    srv.close()


def test_fetch_into_note(server: RecordedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = tmp_path / "nota.yaml"
    note.write_text(NOTE, encoding="utf-8")
    assert main(["motie", "fetch", "2024Z19876", "--into", str(note)]) == 0
    assert "Motie boomsma-24 (Kamerstuk 36 600 XX, nr. 24) toegevoegd aan" in capsys.readouterr().out
    (path,) = server.paths
    assert path.startswith("/OData/v4/2.0/Zaak?")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)
    assert "Nummer eq '2024Z19876'" in query["$filter"][0]
    assert query["$expand"] == ["ZaakActor,Kamerstukdossier,Document,Besluit"]
    assert notefile.load_note(note).motie("boomsma-24").volgnummer == 24


def test_fetch_zaak_returns_payload(server: RecordedServer) -> None:
    assert tkdata.fetch_zaak("2024Z19876") == payload()


def test_fetch_not_found(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    srv = _server(b'{"@odata.context": "x", "value": []}')
    monkeypatch.setenv(tkdata.BASE_URL_ENV, srv.url)
    try:
        assert main(["motie", "fetch", "2024Z00001"]) == 2
    finally:
        srv.close()
    assert "geen zaak 2024Z00001 gevonden" in capsys.readouterr().err


def test_fetch_http_error(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    srv = _server(b'{"error": {"message": "kapot"}}', status=500)
    monkeypatch.setenv(tkdata.BASE_URL_ENV, srv.url)
    try:
        assert main(["motie", "fetch", "2024Z19876"]) == 2
    finally:
        srv.close()
    err = capsys.readouterr().err
    assert "500" in err and "notawriter motie import" in err


def test_fetch_network_failure(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv(tkdata.BASE_URL_ENV, f"http://127.0.0.1:{port}/OData/v4/2.0")
    note = tmp_path / "nota.yaml"
    note.write_text(NOTE, encoding="utf-8")
    before = note.read_bytes()
    assert main(["motie", "fetch", "2024Z19876", "--into", str(note)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("fout: kon de Tweede Kamer niet bereiken")
    assert "gebruik 'notawriter motie import' met een opgeslagen JSON-bestand" in err
    assert err.count("\n") == 1
    assert note.read_bytes() == before
