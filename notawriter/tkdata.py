"""Motions from the Tweede Kamer's open data (Gegevensmagazijn, OData v4).

A motion is a `Zaak` with `Soort eq 'Motie'`; we read it expanded with its `ZaakActor`
(Relatie 'Indiener' / 'Medeindiener'), `Kamerstukdossier` (Nummer, Toevoeging), `Document`
(Volgnummer) and `Besluit` (BesluitSoort such as 'Stemmen - aangehouden'). Parsing is pure;
`fetch_zaak` is the only function that touches the network (urllib, no extra dependency), and
`cli` writes into a note (round-trip, comments kept) or a library file, atomically.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import re
import sys
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from notawriter.errors import NotaError, NoteFileError
from notawriter.model import Indiener, Motie, MotieStatus

DEFAULT_BASE_URL = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0"
BASE_URL_ENV = "NOTAWRITER_TK_ODATA_URL"
EXPAND = ("ZaakActor", "Kamerstukdossier", "Document", "Besluit")
TIMEOUT = 15.0
MAX_RESPONSE_BYTES = 5 * 1024 * 1024
LIBRARY_HEADER = "# notawriter-bibliotheek"

_ZAAKNUMMER = re.compile(r"^\d{4}Z\d{3,6}$")
_INITIALS = re.compile(r"^(?:[A-Z][a-z]{0,2}\.)+$")
_FALLBACK = "gebruik 'notawriter motie import' met een opgeslagen JSON-bestand"
_EXPAND_HINT = f"haal de zaak op met $expand={','.join(EXPAND)} (zoals 'notawriter motie fetch' doet)"


# --- parsing (pure) -----------------------------------------------------------------------------


def _fail(source: str, field: str | None, message: str) -> NoReturn:
    raise NoteFileError(source, message, field=field or None)


def _live(items: list[Any]) -> list[Any]:
    """Records the Gegevensmagazijn marks as deleted are kept in the feed; skip them."""
    return [item for item in items if not (isinstance(item, dict) and item.get("Verwijderd") is True)]


def _text(entity: dict[str, Any], name: str, path: str, source: str) -> str | None:
    value = entity.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        _fail(source, f"{path}.{name}", "moet tekst zijn")
    return value.strip() or None


def _int(entity: dict[str, Any], name: str, path: str, source: str) -> int | None:
    value = entity.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).strip().isdigit():
        _fail(source, f"{path}.{name}", f"'{value}' is geen geheel getal")
    return int(str(value).strip())


def _datetime(entity: dict[str, Any], name: str, path: str, source: str) -> dt.datetime | None:
    value = _text(entity, name, path, source)
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        _fail(source, f"{path}.{name}", f"'{value}' is geen datum-tijd zoals 2024-11-14T00:00:00+01:00")


def _related(entity: dict[str, Any], name: str, path: str, source: str, required: bool = True) -> list[dict[str, Any]]:
    """An expanded navigation property: a list of entities (deleted ones left out)."""
    if name not in entity:
        if not required:
            return []
        _fail(source, f"{path}.{name}", f"ontbreekt; {_EXPAND_HINT}")
    value = entity[name]
    if value is None:
        return []
    if isinstance(value, dict):  # a single-valued navigation property
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        _fail(source, f"{path}.{name}", "moet een lijst met velden zijn (zoals in het OData-antwoord)")
    return _live(value)


def surname(actor_naam: str) -> str:
    """The surname as cited ('motie-Van Weel'): initials dropped, a leading tussenvoegsel capitalised.

    Accepts 'D.J. Boomsma', 'Boomsma', 'Weel, D.M. van' and 'D.M. van Weel'.
    """
    name = " ".join(actor_naam.split())
    if "," in name:
        last, _, rest = name.partition(",")
        prefix = [t for t in rest.split() if not _INITIALS.match(t) and t[:1].islower()]
        name = " ".join([*prefix, last.strip()])
    tokens = name.split()
    while len(tokens) > 1 and _INITIALS.match(tokens[0]):
        tokens.pop(0)
    result = " ".join(tokens)
    return result[:1].upper() + result[1:]


def motie_key(naam: str, volgnummer: int) -> str:
    """'Boomsma', 24 -> 'boomsma-24'; 'Van Weel' -> 'van-weel-…'; accents are dropped."""
    ascii_name = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:50] or "motie"
    return f"{slug}-{volgnummer}"


def besluit_status(besluit: dict[str, Any]) -> MotieStatus | None:
    """The motion status one Besluit implies, or None for a procedural step ('Ingediend', 'Stemmen - uitstellen')."""
    soort = besluit.get("BesluitSoort")
    text = soort if isinstance(soort, str) and soort.strip() else besluit.get("BesluitTekst")
    if not isinstance(text, str):
        return None
    text = text.lower()
    if "ingetrokken" in text or "intrekken" in text:
        return MotieStatus.INGETROKKEN
    if "aangehouden" in text or "aanhouden" in text:
        return MotieStatus.AANGEHOUDEN
    if "verworpen" in text or "niet aangenomen" in text:
        return MotieStatus.VERWORPEN
    if "aangenomen" in text or "aannemen" in text:
        return MotieStatus.AANGENOMEN
    return None


def _order_key(indexed: tuple[int, dict[str, Any]]) -> tuple[float, int]:
    index, entity = indexed
    value = entity.get("GewijzigdOp")
    try:
        stamp = dt.datetime.fromisoformat(value).timestamp() if isinstance(value, str) else float("-inf")
    except ValueError:
        stamp = float("-inf")
    return stamp, index


def motie_status(besluiten: list[dict[str, Any]]) -> MotieStatus:
    """The status from the latest Besluit that decides something (by GewijzigdOp, then payload order)."""
    status = MotieStatus.INGEDIEND
    for _, besluit in sorted(enumerate(besluiten), key=_order_key):
        status = besluit_status(besluit) or status
    return status


def _relatie(actor: dict[str, Any]) -> str:
    value = actor.get("Relatie")
    return value.strip().lower() if isinstance(value, str) else ""


def _indieners(actors: list[dict[str, Any]], path: str, source: str) -> list[Indiener]:
    first = [a for a in actors if _relatie(a) == "indiener"]
    others = [a for a in actors if _relatie(a) == "medeindiener"]
    if not first:
        _fail(source, f"{path}.ZaakActor", "geen indiener gevonden (een ZaakActor met Relatie 'Indiener')")
    result: list[Indiener] = []
    for actor in first + others:
        where = f"{path}.ZaakActor[{actors.index(actor)}]"
        naam = _text(actor, "ActorNaam", where, source)
        if not naam:
            _fail(source, f"{where}.ActorNaam", "ontbreekt; zonder naam kan de motie niet worden geciteerd")
        fractie = _text(actor, "ActorFractie", where, source) or _text(actor, "ActorAfkorting", where, source)
        result.append(Indiener(naam=surname(naam), fractie=fractie))
    return result


def _motie_document(documents: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The motion's own document; after a 'Motie (gewijzigd/nader)' the latest version."""
    candidates = [d for d in documents if str(d.get("Soort") or "Motie").startswith("Motie")]
    if not candidates:
        return None
    return max(enumerate(candidates), key=lambda p: (str(p[1].get("Datum") or ""), p[1].get("Volgnummer") or 0, p[0]))[1]


def _volgnummer(zaak: dict[str, Any], documents: list[dict[str, Any]], path: str, source: str) -> int:
    document = _motie_document(documents)
    if document is not None:
        number = _int(document, "Volgnummer", f"{path}.Document[{documents.index(document)}]", source)
        if number:
            return number
    number = _int(zaak, "Volgnummer", path, source)
    if not number:
        _fail(source, f"{path}.Document", "geen volgnummer (Document.Volgnummer of Zaak.Volgnummer); " + _EXPAND_HINT)
    return number


def _dossier(dossiers: list[dict[str, Any]], path: str, source: str) -> tuple[str | None, str | None]:
    if not dossiers:
        return None, None
    where = f"{path}.Kamerstukdossier[0]"
    nummer = _int(dossiers[0], "Nummer", where, source)
    return (str(nummer) if nummer else None), _text(dossiers[0], "Toevoeging", where, source)


def _escape_markup(text: str) -> str:
    """API text goes into a markup field: make '*', '[' and '\\' literal."""
    return re.sub(r"([\\*\[\]])", r"\\\1", text)


def _zaak_to_motie(zaak: Any, path: str, source: str) -> Motie:
    if not isinstance(zaak, dict):
        _fail(source, path or None, "moet een Zaak met velden zijn")
    soort = _text(zaak, "Soort", path, source)
    if soort is not None and soort != "Motie":
        nummer = zaak.get("Nummer") or "?"
        _fail(source, f"{path}.Soort", f"zaak {nummer} is een '{soort}', geen motie; kies het zaaknummer van de motie")
    documents = _related(zaak, "Document", path, source, required="Volgnummer" not in zaak)
    volgnummer = _volgnummer(zaak, documents, path, source)
    indieners = _indieners(_related(zaak, "ZaakActor", path, source), path, source)
    dossier, toevoeging = _dossier(_related(zaak, "Kamerstukdossier", path, source), path, source)
    besluiten = _related(zaak, "Besluit", path, source)
    document = _motie_document(documents) or {}
    gestart = _datetime(zaak, "GestartOp", path, source) or _datetime(document, "Datum", f"{path}.Document", source)
    onderwerp = (
        _text(zaak, "Onderwerp", path, source)
        or _text(document, "Onderwerp", f"{path}.Document", source)
        or _text(zaak, "Titel", path, source)
    )
    data = {
        "key": motie_key(indieners[0].naam, volgnummer),
        "indieners": indieners,
        "dossier": dossier,
        "toevoeging": toevoeging,
        "volgnummer": volgnummer,
        "datum": gestart.date() if gestart else None,
        "status": motie_status(besluiten),
        "titel": onderwerp,
        # The OData metadata holds no motion text (that is in the document's resource); the
        # Onderwerp ('Motie van het lid … over …') is the best short description available.
        "verzoek": _escape_markup(onderwerp or ""),
    }
    from pydantic import ValidationError

    try:
        return Motie.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        field = ".".join(str(p) for p in err["loc"])
        _fail(source, path or None, f"onverwachte waarde voor {field}: {err['msg']}")


def _zaken(payload: Any, source: str) -> list[tuple[str, Any]]:
    """(path, zaak) pairs from a collection ({'value': [...]}) or a single entity."""
    if not isinstance(payload, dict):
        _fail(source, None, "is geen OData-antwoord: verwacht een JSON-object met 'value' of één Zaak")
    if "value" in payload:
        zaken = payload["value"]
        if not isinstance(zaken, list):
            _fail(source, "value", "moet een lijst met zaken zijn")
        return [(f"value[{i}]", zaak) for i, zaak in enumerate(zaken) if not (isinstance(zaak, dict) and zaak.get("Verwijderd") is True)]
    if not ({"Nummer", "Soort", "ZaakActor"} & payload.keys()):
        _fail(source, None, "is geen OData-antwoord voor een Zaak: 'value', 'Nummer' en 'ZaakActor' ontbreken")
    return [("", payload)]


def parse_zaken(payload: Any, source: str = "OData-antwoord") -> list[Motie]:
    """Every motion in an OData v4 response (a collection or one Zaak entity), in order."""
    zaken = _zaken(payload, source)
    if not zaken:
        _fail(source, "value", "bevat geen zaken; controleer het zaaknummer (bijv. 2024Z19876)")
    return [_zaak_to_motie(zaak, path, source) for path, zaak in zaken]


def parse_zaak(payload: Any, source: str = "OData-antwoord") -> Motie:
    """The one motion in an OData v4 response for a Zaak expanded with ZaakActor, Kamerstukdossier, Document, Besluit."""
    moties = parse_zaken(payload, source)
    if len(moties) > 1:
        keys = ", ".join(m.key for m in moties)
        _fail(source, "value", f"bevat {len(moties)} moties ({keys}); verwacht er één")
    return moties[0]


def citation(motie: Motie) -> str:
    """'Kamerstuk 36 600 XX, nr. 24' — the same form the documents use."""
    from notawriter.view import kamerstuk

    return kamerstuk(motie)


# --- fetching (network) -------------------------------------------------------------------------


def resolve_base_url(override: str | None = None) -> str:
    return (override or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL).rstrip("/")


def normalise_zaaknummer(zaaknummer: str) -> str:
    value = zaaknummer.strip().upper()
    if not _ZAAKNUMMER.match(value):
        raise NotaError(
            f"'{zaaknummer}' is geen zaaknummer; gebruik het nummer van de motie zoals 2024Z19876 (tweedekamer.nl, bij 'Zaaknummer')"
        )
    return value


def odata_url(zaaknummer: str, base: str | None = None) -> str:
    """The query for one Zaak by its Nummer, expanded with the four relations we read."""
    nummer = normalise_zaaknummer(zaaknummer)
    flt = f"Nummer eq '{nummer}' and Verwijderd eq false"
    query = "$filter=" + urllib.parse.quote(flt, safe="'") + "&$expand=" + urllib.parse.quote(",".join(EXPAND), safe=",")
    return f"{resolve_base_url(base)}/Zaak?{query}"


def fetch_zaak(zaaknummer: str, base_url: str | None = None, timeout: float = TIMEOUT) -> dict[str, Any]:
    """GET the motion's Zaak from the Gegevensmagazijn; every failure is one Dutch NotaError."""
    from notawriter import __version__

    url = odata_url(zaaknummer, base_url)
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": f"notawriter/{__version__}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read(MAX_RESPONSE_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise NotaError(
            f"de Tweede Kamer gaf een fout ({exc.code} {exc.reason}) bij zaak {zaaknummer}; probeer het later opnieuw of {_FALLBACK}"
        ) from None
    except (OSError, http.client.HTTPException) as exc:  # URLError, refused, reset, timeout
        reason = getattr(exc, "reason", None) or exc
        raise NotaError(
            f"kon de Tweede Kamer niet bereiken ({reason}); controleer de internetverbinding of {_FALLBACK}"
        ) from None
    if len(raw) > MAX_RESPONSE_BYTES:
        raise NotaError(f"het antwoord van de Tweede Kamer voor zaak {zaaknummer} is te groot; {_FALLBACK}")
    try:
        payload = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise NotaError(f"het antwoord van de Tweede Kamer voor zaak {zaaknummer} is geen JSON; {_FALLBACK}") from None
    if isinstance(payload, dict) and payload.get("value") == []:
        raise NotaError(f"geen zaak {zaaknummer} gevonden bij de Tweede Kamer; controleer het zaaknummer")
    if not isinstance(payload, dict):
        raise NotaError(f"onverwacht antwoord van de Tweede Kamer voor zaak {zaaknummer}; {_FALLBACK}")
    return payload


# --- files --------------------------------------------------------------------------------------


def read_json(path: Path) -> Any:
    """A saved OData response, with Dutch errors for what is missing, binary or not JSON."""
    from notawriter import limits
    from notawriter.notefile import read_text

    text = read_text(path, "OData-antwoord", "JSON", ".json")
    depth, line = limits.json_depth(text)
    if depth > limits.MAX_DEPTH:  # json's C decoder raises RecursionError near a thousand levels
        raise NoteFileError(path, limits.depth_message(depth), line=line)
    try:
        return json.loads(text)
    except RecursionError:
        raise NoteFileError(path, limits.depth_message(limits.MAX_DEPTH + 1)) from None
    except json.JSONDecodeError as exc:
        raise NoteFileError(
            path, f"geen geldige JSON ({exc.msg}); sla het OData-antwoord ongewijzigd op", line=exc.lineno
        ) from None


def motie_yaml(motie: Motie, library_id: bool = False) -> Any:
    """A motion as round-trip YAML data: empty fields left out, multi-line text as '|' blocks."""
    from notawriter.notefile import model_yaml

    data = model_yaml(motie)
    if library_id:  # in a library the id stands first and the key defaults to it (see library.py)
        del data["key"]
        data.insert(0, "id", motie.key)
    return data


@dataclass
class _Write:
    """A planned change to one file, applied only after every target has been checked."""

    path: Path
    label: str
    apply: Callable[[], None]


def _same_stuk(a: Motie, b: Motie) -> bool:
    return bool(a.volgnummer and a.dossier) and (a.dossier, a.toevoeging, a.volgnummer) == (b.dossier, b.toevoeging, b.volgnummer)


def _check_new(moties: list[Motie], existing: list[Motie], path: Path, where: str) -> None:
    seen = {m.key: m for m in existing}
    for motie in moties:
        if motie.key in seen:
            raise NoteFileError(
                path, f"motie '{motie.key}' staat al in {where}; niets toegevoegd (verwijder de bestaande eerst om haar te vervangen)"
            )
        twin = next((m for m in seen.values() if _same_stuk(m, motie)), None)
        if twin is not None:
            raise NoteFileError(path, f"{citation(motie)} staat al in {where} als '{twin.key}'; niets toegevoegd")
        seen[motie.key] = motie


def _block_seq(data: Any, key: str) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = data.get(key)
    if seq is None or (isinstance(seq, list) and not seq):
        seq = CommentedSeq()
        data[key] = seq
    return seq


def plan_note(path: Path, moties: list[Motie]) -> _Write:
    """Append to the note's `moties` (round-trip, comments kept), re-validated before anything is written."""
    from notawriter.notefile import load_document, save_document, validate

    doc = load_document(path)
    _check_new(moties, doc.nota.moties, path, "de nota")
    seq = _block_seq(doc.data, "moties")
    for motie in moties:
        seq.append(motie_yaml(motie))
    doc.nota = validate(doc.data, path)
    return _Write(path, str(path), lambda: save_document(doc))


def _library_moties(data: Any, path: Path) -> list[Motie]:
    """The motions already in a library, as far as they can be read (for duplicate checks)."""
    items = data.get("moties")
    if items is None:
        return []
    if not isinstance(items, list):
        raise NoteFileError(path, "moet een lijst zijn (regels die met '- ' beginnen)", field="moties")
    found: list[Motie] = []
    for item in items:
        if isinstance(item, dict):
            key = item.get("id") or item.get("key")
            fields = {k: item.get(k) for k in ("dossier", "toevoeging", "volgnummer")}
            if isinstance(key, str):
                try:
                    found.append(Motie.model_validate({"key": key, **{k: v for k, v in fields.items() if v is not None}}))
                except ValueError:
                    found.append(Motie.model_construct(key=key))
    return found


def plan_library(path: Path, moties: list[Motie]) -> _Write:
    """Append to a library file's `moties` (created with a header comment when missing)."""
    from ruamel.yaml.comments import CommentedMap

    from notawriter.fsutil import atomic_write_text
    from notawriter.notefile import note_text, parse_yaml, read_text

    original: str | None = None
    if path.exists():
        original = read_text(path, "bibliotheekbestand")
        data = parse_yaml(original, path)
        if data is None:
            data = CommentedMap()
        if not isinstance(data, dict):
            raise NoteFileError(path, "is geen bibliotheek; verwacht velden als 'moties:'", line=1)
        if "kop" in data:
            raise NoteFileError(path, "is een notabestand, geen bibliotheek; gebruik --into om de motie aan een nota toe te voegen")
        header = ""
    else:
        data, header = CommentedMap(), LIBRARY_HEADER + "\n"
    _check_new(moties, _library_moties(data, path), path, "de bibliotheek")
    seq = _block_seq(data, "moties")
    for motie in moties:
        seq.append(motie_yaml(motie, library_id=True))
    text = header + note_text(data, original, modeline=False)  # in the library file's own style
    return _Write(path, f"bibliotheek {path}", lambda: atomic_write_text(path, text))


# --- command line -------------------------------------------------------------------------------


def _load(args: argparse.Namespace) -> list[Motie]:
    if args.motie_command == "fetch":
        nummer = normalise_zaaknummer(args.zaaknummer)
        payload = fetch_zaak(nummer)
        return parse_zaken(payload, f"Tweede Kamer, zaak {nummer}")
    path = Path(args.file)
    return parse_zaken(read_json(path), str(path))


def _targets(args: argparse.Namespace, moties: list[Motie]) -> Iterable[_Write]:
    # Plan every target first, so a refusal for one leaves all files untouched.
    plans = []
    if getattr(args, "to", None):
        plans.append(plan_library(Path(args.to), moties))
    if getattr(args, "into", None):
        plans.append(plan_note(Path(args.into), moties))
    return plans


def cli(args: argparse.Namespace) -> int:
    """`notawriter motie import FILE.json` / `motie fetch ZAAKNUMMER` [--to LIB] [--into NOTE]."""
    from notawriter.notefile import dump_yaml

    moties = _load(args)
    plans = list(_targets(args, moties))
    if not plans:
        sys.stdout.write(dump_yaml({"moties": [motie_yaml(m) for m in moties]}, modeline=False))
        return 0
    for plan in plans:
        plan.apply()
    where = " en ".join(plan.label for plan in plans)
    for motie in moties:
        print(f"Motie {motie.key} ({citation(motie)}) toegevoegd aan {where}; verwijs ernaar met [motie:{motie.key}]")
    return 0
