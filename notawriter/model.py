"""The domain model of a beslisnota and its draft Kamerbrief: the single source of truth.

Validation here rejects what is *wrong* (unknown keys, wrong types, impossible dates, a keuze
that is no option, dangling references); what is merely *unfinished* (an empty text, a decision
point with one option so far) stays valid so a half-answered wizard session can always be saved,
and is reported by `notawriter check` (lint.py).

Field names are Dutch because users read and edit them in their note files; the JSON Schema
(`notawriter schema`) and the note-format docs come from these classes. Free-text fields accept
the small markup described in `notawriter.markup`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator
from pydantic.json_schema import JsonDict

from notawriter.dates import parse_date

SCHEMA_VERSION = 1

#: Marks a field whose value is personal data; the public (Woo) version replaces it.
PERSONAL: JsonDict = {"persoonsgegeven": True}

Key = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=64),
    Field(description="Korte sleutel: letters, cijfers, '-', '_' of '.', zonder spaties."),
]


def _to_date(value: Any) -> Any:
    """Accept dates as YAML dates or as text the way users write them."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        return parse_date(value) if value.strip() else None
    return value


Datum = Annotated[dt.date, BeforeValidator(_to_date)]
Markup = Annotated[
    str,
    Field(
        description="Tekst met opmaak: witregel = alinea, '- ' opsomming, *cursief*, **vet**, [motie:sleutel], "
        "[voetnoot: tekst], [tekst](https://…)."
    ),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False, str_strip_whitespace=False, defer_build=True)


class NotaType(StrEnum):
    """The type line at the top of a note."""

    TER_BESLISSING = "TER BESLISSING"
    TER_INFORMATIE = "TER INFORMATIE"
    TER_ONDERTEKENING = "TER ONDERTEKENING"
    TER_ADVISERING = "TER ADVISERING"


class Herkomst(_Model):
    """Where a copied library item came from, so drift can be detected without live links."""

    bibliotheek: str = Field(description="Naam van de bibliotheek (map of bestand).")
    id: str = Field(description="Sleutel van het item in de bibliotheek.")
    hash: str = Field(description="Hash van de inhoud zoals die is overgenomen.")


class Ondertekenaar(_Model):
    """Someone who approves decision points or signs the Kamerbrief (a minister or state secretary)."""

    afkorting: Key = Field(description="Afkorting in de nota, bijv. 'M' of 'R'.")
    titel: str = Field(description="Functie, bijv. 'Minister van Buitenlandse Zaken'.")
    naam: str = Field(description="Naam zoals onder de Kamerbrief, bijv. 'C.C.J. Veldkamp'.")
    herkomst: Herkomst | None = None


class Persoon(_Model):
    """A person in a header field (Van, Via, Kopie aan, Opgesteld door), or only a unit.

    The name and contact details are personal data: the public version shows the Woo ground in
    their place and keeps the unit. Text is accepted too (`notawriter.persons` says how it is read).
    """

    naam: str | None = Field(None, description="Naam, bijv. 'Sanne de Vries'; persoonsgegeven.", json_schema_extra=PERSONAL)
    eenheid: str | None = Field(None, description="Directie of afdeling, bijv. 'DMM/MR'; blijft in de openbare versie.")
    telefoon: str | None = Field(None, description="Telefoonnummer; persoonsgegeven.", json_schema_extra=PERSONAL)
    email: str | None = Field(None, description="E-mailadres; persoonsgegeven.", json_schema_extra=PERSONAL)

    @model_validator(mode="after")
    def _says_something(self) -> Persoon:
        if not any(v and v.strip() for v in (self.naam, self.eenheid, self.telefoon, self.email)):
            raise ValueError("een persoon heeft een naam of een eenheid nodig, bijv. {naam: Sanne de Vries, eenheid: DMM}")
        return self


def _to_persons(value: Any) -> Any:
    from notawriter.persons import to_persons

    return to_persons(value)


Personen = Annotated[
    list[Persoon],
    BeforeValidator(_to_persons, json_schema_input_type=str | list[Persoon | str] | None),
    Field(description="Personen: een lijst van {naam, eenheid, telefoon, email}, of tekst als 'Naam (DMM); Naam 2'."),
]


class Kop(_Model):
    """The header block of the note (first page and reference column)."""

    type: NotaType = Field(NotaType.TER_BESLISSING, description="Typeregel boven de nota.")
    onderwerp: str = Field(min_length=1, description="Onderwerp van de nota.")
    aan: str = Field("", description="Geadresseerde(n), bijv. 'M en R'.")
    van: Personen = Field(
        default_factory=list, description="Afzender: personen en/of eenheden (bijv. 'DMM').", json_schema_extra=PERSONAL
    )
    via: Personen = Field(default_factory=list, description="Via wie de nota loopt.", json_schema_extra=PERSONAL)
    kopie_aan: Personen = Field(default_factory=list, description="Kopie aan.", json_schema_extra=PERSONAL)
    datum: Datum | None = Field(None, description="Datum van de nota.")
    referentie: str | None = Field(None, description="Onze referentie, bijv. 'BZ2407961'.")
    opgesteld_door: Personen = Field(
        default_factory=list, description="Opsteller(s), met telefoonnummer.", json_schema_extra=PERSONAL
    )
    plandatum: Datum | None = Field(None, description="Plandatum/Deadline.")
    kamer: Datum | None = Field(None, description="Datum waarop de brief in de Kamer moet zijn.")
    binnengekomen_op: Datum | None = Field(None, description="Datum waarop het stuk binnenkwam.")


class Optie(_Model):
    """One option of a decision point, with the text variant it puts into the Kamerbrief."""

    key: Key = Field(description="Sleutel van de optie, bijv. 'overnemen'.")
    label: str = Field("", description="Korte naam, bijv. 'Aanbeveling overnemen'.")
    samenvatting: Markup = Field("", description="Eén regel voor het geadviseerd besluit.")
    omschrijving: Markup | None = Field(
        None, description="Wat de optie inhoudt, op de regel van de optie waar [opties:sleutel] staat; leeg = het label."
    )
    tekstsuggestie: Markup | None = Field(None, description="Tekst die bij deze keuze in de Kamerbrief komt.")
    argumenten_voor: list[Markup] = Field(default_factory=list, description="Argumenten voor deze optie.")
    argumenten_tegen: list[Markup] = Field(default_factory=list, description="Argumenten tegen deze optie.")
    moties: list[Key] = Field(default_factory=list, description="Sleutels van gerelateerde moties.")
    herkomst: Herkomst | None = None


class Beslispunt(_Model):
    """A decision point in the Geadviseerd besluit, approved by one or more signatories."""

    key: Key | None = Field(None, description="Sleutel; verplicht als het beslispunt opties heeft.")
    akkoord: list[Key] = Field(default_factory=list, description="Afkortingen van wie akkoord moet geven, bijv. [M, R].")
    tekst: Markup = Field("", description="Het beslispunt zelf.")
    opties: list[Optie] = Field(default_factory=list, description="Keuzemogelijkheden (geen, of twee of meer).")
    ambtelijk_advies: Key | None = Field(None, description="Sleutel van de door de ambtenaren geadviseerde optie.")
    advies_toelichting: Markup | None = Field(
        None, description="Toelichting op het advies, bijv. dat ambtelijk geen overeenstemming is bereikt."
    )
    keuze: Key | None = Field(None, description="De gekozen optie; leeg zolang de bewindspersoon niet besliste.")
    argumenten_voor: list[Markup] = Field(
        default_factory=list,
        description="Argumenten voor het beslispunt als geheel (bijv. voor overnemen); [argumenten:sleutel] plaatst ze.",
    )
    argumenten_voor_titel: str | None = Field(
        None, description="Kop boven argumenten_voor, bijv. 'Argumenten m.b.t. overnemen IOB-aanbeveling'."
    )
    argumenten_tegen: list[Markup] = Field(default_factory=list, description="Argumenten tegen het beslispunt als geheel.")
    argumenten_tegen_titel: str | None = Field(
        None, description="Kop boven argumenten_tegen, bijv. 'Argumenten om op geen van de aanbevelingen in te gaan'."
    )
    moties: list[Key] = Field(default_factory=list, description="Sleutels van gerelateerde moties.")
    herkomst: Herkomst | None = None

    @model_validator(mode="after")
    def _options_are_consistent(self) -> Beslispunt:
        keys = [o.key for o in self.opties]
        if dupes := sorted({k for k in keys if keys.count(k) > 1}):
            raise ValueError(f"opties: optie-sleutel dubbel gebruikt: {', '.join(dupes)}")
        if self.opties and not self.key:
            raise ValueError("key: een beslispunt met opties heeft een sleutel nodig (bijv. key: migratie)")
        for field in ("keuze", "ambtelijk_advies"):
            value = getattr(self, field)
            if value is not None and value not in keys:
                allowed = ", ".join(keys) if keys else "geen (dit beslispunt heeft geen opties)"
                raise ValueError(f"{field}: '{value}' is geen optie van dit beslispunt; toegestaan: {allowed}")
        return self

    def optie(self, key: str) -> Optie:
        return next(o for o in self.opties if o.key == key)


class MotieStatus(StrEnum):
    INGEDIEND = "ingediend"
    AANGEHOUDEN = "aangehouden"
    AANGENOMEN = "aangenomen"
    VERWORPEN = "verworpen"
    INGETROKKEN = "ingetrokken"


def _whole_number(value: Any) -> Any:
    """Strict whole numbers: YAML's `true`/`ja` is not 1, and 24.5 is not 24."""
    if isinstance(value, bool):
        raise ValueError(f"moet een heel getal zijn, bijv. 24; niet '{str(value).lower()}'")
    if isinstance(value, float) and not value.is_integer():
        raise ValueError("moet een heel getal zijn, bijv. 24")
    return value


class Indiener(_Model):
    """A member of parliament who submitted a motion."""

    naam: str = Field(description="Achternaam zoals in de citeertitel, bijv. 'Boomsma' of 'Van Dijk'.")
    fractie: str | None = Field(None, description="Fractie, bijv. 'NSC'.")


class Motie(_Model):
    """A parliamentary motion, cited as 'motie-Boomsma c.s. (Kamerstuk 36 600 XX, nr. 24)'."""

    key: Key = Field(description="Sleutel om naar de motie te verwijzen: [motie:sleutel].")
    indieners: list[Indiener] = Field(default_factory=list, description="Eerste indiener eerst, dan mede-indieners.")
    medeindienende_fracties: list[str] = Field(
        default_factory=list, description="Fracties van mede-indieners die niet bij naam genoemd zijn."
    )
    dossier: Annotated[str, StringConstraints(pattern=r"^\d[\d ]*$")] | None = Field(
        None, description="Kamerstuknummer van het dossier, bijv. '36600'."
    )
    toevoeging: str | None = Field(None, description="Toevoeging bij het dossiernummer, bijv. 'XX'.")
    volgnummer: Annotated[int, BeforeValidator(_whole_number)] | None = Field(
        None, ge=1, le=999_999, description="Volgnummer (nr.) binnen het dossier."
    )
    datum: Datum | None = Field(None, description="Datum van indiening.")
    status: MotieStatus = Field(MotieStatus.INGEDIEND, description="Stand van de motie.")
    titel: str | None = Field(None, description="Titel of onderwerp van de motie.")
    verzoek: Markup = Field("", description="Het verzoek, bijv. 'verzoekt de regering …'.")
    herkomst: Herkomst | None = None


class Sectie(_Model):
    """A free section of the note (Kernpunten, Toelichting …), optionally with sub-sections."""

    titel: str = Field(min_length=1)
    tekst: Markup | None = None
    subsecties: list[Sectie] = Field(default_factory=list)


class Appreciatie(StrEnum):
    """The cabinet's appreciation of one recommendation."""

    OVERNEMEN = "overnemen"
    DEELS = "deels overnemen"
    NIET = "niet overnemen"
    STAAND_BELEID = "staand beleid"
    OPEN = "nog te bepalen"


class Aanbeveling(_Model):
    """A recommendation of a report that the cabinet appreciates one by one."""

    nummer: str = Field(min_length=1, description="Nummer zoals in het rapport, bijv. '1a' of '3b-2'.")
    groep: str | None = Field(None, description="Thema of kop waaronder de aanbeveling valt.")
    tekst: Markup = Field("", description="De aanbeveling zoals in het rapport.")
    appreciatie: Appreciatie = Appreciatie.OPEN
    reactie: Markup | None = Field(None, description="De reactie van het kabinet.")
    argumenten_voor: list[Markup] = Field(default_factory=list)
    argumenten_tegen: list[Markup] = Field(default_factory=list)
    beslispunt: Key | None = Field(
        None, description="Sleutel van het beslispunt met opties als de keuze nog open is."
    )


class BriefSectie(_Model):
    """A section of the Kamerbrief; `beslispunt` places that decision point's tekstsuggestie here."""

    titel: str | None = None
    tekst: Markup | None = None
    beslispunt: Key | None = Field(None, description="Sleutel van een beslispunt waarvan de tekstsuggestie hier komt.")


class Afzender(_Model):
    """The sender as the letterhead of the nota and the Kamerbrief shows it (Rijkshuisstijl sender block).

    Set once in the project config (`afzender:` in notawriter.yaml) and per note in
    `kamerbrief.afzender`; a field the note fills overrides the project's (notawriter.letterhead).
    """

    ministerie: str | None = Field(None, description="Bijv. 'Ministerie van Buitenlandse Zaken'.")
    directie: str | None = Field(None, description="Directie of afdeling; alleen in de nota, bijv. 'Directie Multilaterale Organisaties en Mensenrechten'.")
    bezoekadres: str | None = Field(None, description="Bijv. 'Rijnstraat 8, 2515 XP Den Haag' (of straat en postcode op eigen regels).")
    retouradres: str | None = Field(
        None, description="Postadres, bijv. 'Postbus 20061, 2500 EB Den Haag'; ook de retouradresregel van de brief."
    )
    contact: str | None = Field(
        None, description="Contactpersoon met telefoon of e-mail, op eigen regels; persoonsgegeven.", json_schema_extra=PERSONAL
    )
    logo: str | None = Field(
        None, description="Pad naar een logo of woordmerk (PNG of JPEG), relatief aan het bestand waarin het staat; 'standaard' is de meegeleverde neutrale plaatshouder."
    )


class Kamerbrief(_Model):
    """The draft letter to parliament that goes with the note."""

    afzender: Afzender | None = Field(
        None, description="Briefhoofd van nota en Kamerbrief; vult de afzender uit notawriter.yaml aan of overschrijft die."
    )
    onderwerp: str | None = Field(None, description="Betreft; standaard het onderwerp van de nota.")
    datum: Datum | None = Field(None, description="Datum van de brief; leeg tot verzending.")
    referentie: str | None = Field(None, description="Onze referentie van de brief.")
    uw_referentie: str | None = Field(None, description="Uw referentie: het kenmerk van de brief of vraag waarop deze brief antwoordt.")
    aanhef: str = "Geachte voorzitter,"
    inleiding: Markup | None = None
    secties: list[BriefSectie] = Field(default_factory=list)
    slot: Markup | None = None
    bijlagen: list[str] = Field(default_factory=list, description="Bijlagen bij de brief, één per regel.")
    ondertekening: list[Key] = Field(default_factory=list, description="Afkortingen van de ondertekenaars.")


class Nota(_Model):
    """A whole beslisnota: header, decision points, sections, motions and the draft Kamerbrief."""

    schema_version: Literal[1] = Field(1, description="Versie van het notaformaat.")
    soort: Literal["beslisnota"] | None = Field(
        None, description="Soort stuk: leeg of 'beslisnota'; 'kamervragen' voor de beantwoording van schriftelijke vragen."
    )
    kop: Kop
    ondertekenaars: list[Ondertekenaar] = Field(default_factory=list)
    aanleiding: Markup = ""
    beslispunten: list[Beslispunt] = Field(default_factory=list)
    leeswijzer: Markup | None = Field(None, description="Leeswijzer; leeg = gemaakt uit de secties.")
    secties: list[Sectie] = Field(default_factory=list)
    communicatie: Markup | None = Field(None, description="Communicatie en woordvoering.")
    niet_openbaar: Markup = Field("N.v.t.", description="Informatie die niet openbaar gemaakt kan worden.")
    bijlagen: list[str] = Field(default_factory=list, description="Bijlage(n), één per regel.")
    moties: list[Motie] = Field(default_factory=list)
    aanbevelingen: list[Aanbeveling] = Field(default_factory=list)
    kamerbrief: Kamerbrief = Field(default_factory=Kamerbrief)

    @model_validator(mode="after")
    def _references_resolve(self) -> Nota:
        # Cross-references are checked here so every consumer sees a consistent note.
        if errors := reference_errors(self):
            raise ValueError("\n".join(errors))  # all of them: `check` lists each, a load names the first
        return self

    def beslispunt(self, key: str) -> Beslispunt:
        return next(b for b in self.beslispunten if b.key == key)

    def motie(self, key: str) -> Motie:
        return next(m for m in self.moties if m.key == key)


def _duplicates(keys: list[str]) -> list[str]:
    seen: set[str] = set()
    dupes: set[str] = set()
    for key in keys:
        (dupes if key in seen else seen).add(key)
    return sorted(dupes)


def reference_errors(nota: Nota) -> list[str]:
    """Dangling or duplicate keys, each as a message naming the field path and the allowed values."""
    from notawriter.errors import did_you_mean
    from notawriter.markup import motion_refs, placements  # markup is pure and light; imported late (cycle)

    errors: list[str] = []
    signers = [o.afkorting for o in nota.ondertekenaars]
    motions = [m.key for m in nota.moties]
    points = [b.key for b in nota.beslispunten if b.key]
    for label, keys in (("ondertekenaars", signers), ("moties", motions), ("beslispunten", points)):
        if dupes := _duplicates(keys):
            errors.append(f"{label}: sleutel dubbel gebruikt: {', '.join(dupes)}")

    known = {id(keys): set(keys) for keys in (signers, motions, points)}  # sets: linear for big notes

    def check(path: str, key: str, allowed: list[str], what: str) -> None:
        if key not in known[id(allowed)]:
            options = ", ".join(allowed) if allowed else "geen (voeg eerst " + what + " toe)"
            hint = did_you_mean(key, allowed, cutoff=0.75)
            errors.append(f"{path}: '{key}' is onbekend; {hint}toegestaan: {options}")

    for i, bp in enumerate(nota.beslispunten):
        for key in bp.akkoord:
            check(f"beslispunten[{i}].akkoord", key, signers, "ondertekenaars")
        for key in bp.moties:
            check(f"beslispunten[{i}].moties", key, motions, "moties")
        for j, opt in enumerate(bp.opties):
            for key in opt.moties:
                check(f"beslispunten[{i}].opties[{j}].moties", key, motions, "moties")
    for i, key in enumerate(nota.kamerbrief.ondertekening):
        check(f"kamerbrief.ondertekening[{i}]", key, signers, "ondertekenaars")
    for i, sectie in enumerate(nota.kamerbrief.secties):
        if sectie.beslispunt is not None:
            check(f"kamerbrief.secties[{i}].beslispunt", sectie.beslispunt, points, "beslispunten")
    for i, aanbeveling in enumerate(nota.aanbevelingen):
        if aanbeveling.beslispunt is not None:
            check(f"aanbevelingen[{i}].beslispunt", aanbeveling.beslispunt, points, "beslispunten")
    for path, text in iter_texts(nota):
        for key in motion_refs(text):
            check(path, key, motions, "moties")
        for place in placements(text):
            check(path, place.key, points, "beslispunten")
    return errors


def iter_texts(model: BaseModel, path: str = "") -> list[tuple[str, str]]:
    """Every string value in the model with its field path, e.g. ('beslispunten[0].tekst', '…')."""
    found: list[tuple[str, str]] = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        here = f"{path}.{name}" if path else name
        _collect(value, here, found)
    return found


def _collect(value: Any, path: str, found: list[tuple[str, str]]) -> None:
    if isinstance(value, BaseModel):
        found.extend(iter_texts(value, path))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _collect(item, f"{path}[{i}]", found)
    elif isinstance(value, str) and not isinstance(value, StrEnum):
        found.append((path, value))


def personal_fields(model_cls: type[BaseModel]) -> set[str]:
    """Names of the fields the model marks as personal data (redacted in the public version)."""
    return {
        name
        for name, info in model_cls.model_fields.items()
        if isinstance(info.json_schema_extra, dict) and info.json_schema_extra.get("persoonsgegeven")
    }


def json_schema() -> dict[str, Any]:
    """The note file's JSON Schema, generated from the models of every genre (notawriter/documents.py):
    the note's `soort` picks its genre's schema; without `soort` it is a beslisnota."""
    from notawriter.documents import DEFAULT_SOORT, genres  # the registry imports this module: late

    bodies = {soort: genre.model.model_json_schema() for soort, genre in genres().items()}
    defs: dict[str, Any] = {}
    properties: dict[str, Any] = {}
    for body in bodies.values():
        defs.update(body.pop("$defs", {}))
        properties.update(body["properties"])
    for soort, body in bodies.items():
        defs[f"genre-{soort}"] = body
    choice: dict[str, Any] = {"$ref": f"#/$defs/genre-{DEFAULT_SOORT}"}
    for soort in reversed([s for s in bodies if s != DEFAULT_SOORT]):
        choice = {
            "if": {"properties": {"soort": {"const": soort}}, "required": ["soort"]},
            "then": {"$ref": f"#/$defs/genre-{soort}"},
            "else": choice,
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "notawriter-nota",
        "type": "object",
        "properties": properties,
        **choice,
        "$defs": defs,
    }


def scalar_defaults() -> dict[str, Any]:
    """{field name: default} of every text/enum/number field with a default, across the model.

    Used when merging answers into a user's file: a default the file does not spell out is not
    written into it. (Field names with one meaning each make a flat map enough.)
    """
    found: dict[str, Any] = {}
    seen: set[type[BaseModel]] = set()

    def visit(cls: type[BaseModel]) -> None:
        if cls in seen:
            return
        seen.add(cls)
        for name, info in cls.model_fields.items():
            default = info.default
            if isinstance(default, str | int) and not isinstance(default, bool):
                found[name] = default.value if isinstance(default, StrEnum) else default
            for inner in model_classes(info.annotation):
                visit(inner)

    visit(Nota)
    return found


def model_classes(annotation: Any) -> list[type[BaseModel]]:
    """The model classes in a field's type: `list[Optie]` → [Optie], `Kop | None` → [Kop]."""
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in model_classes(arg)]
