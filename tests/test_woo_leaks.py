"""One test per Woo leak class of issue 13 (item 1): a name must never reach a public version.

* persons in header fields are split as persons, not as strings ('A, B (DMM/MR)', 'A (DMM)',
  'A - DMM', 'A en B', 'A & B'), and a unit such as 'DMM' is no name;
* a redacted name repeated elsewhere in another form — letter case, non-breaking space, tab,
  double space, soft hyphen, zero-width space or joiner, BOM, decomposed Unicode (NFD, as macOS
  pastes), split over formatting runs, only its surname, a phone number spaced differently — is
  refused, naming the field;
* a user template's metadata never passes: core and app properties (contentStatus, version,
  Template, HyperlinkBase, TitlesOfParts), `w:docVars`, the glossary (Quick Parts), customXml,
  mailto hyperlinks — the public package is built from an allow-list.

Every name here is made up. Searches use `traces`, a normalised search written for the tests
(independent of notawriter.woo).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest

from notawriter.cli import main
from notawriter.errors import NotaError
from notawriter.model import Nota
from notawriter.render import render_nota, template_path
from notawriter.woo import GROUND_DESCRIPTIONS
from tests.helpers import docx_text, zip_members

PRIVACY = GROUND_DESCRIPTIONS["5.1.2e"]

BASE = {
    "schema_version": 1,
    "kop": {
        "onderwerp": "Reactie op het rapport over grensbewaking",
        "aan": "M",
        "van": "DMM",
        "datum": "2025-02-03",
        "opgesteld_door": [{"naam": "Sanne de Vries", "eenheid": "DMM/MR", "telefoon": "06-12345678"}],
    },
    "ondertekenaars": [{"afkorting": "M", "titel": "Minister van Buitenlandse Zaken", "naam": "C.C.J. Veldkamp"}],
    "aanleiding": "Overleg met [[5.1.2e:Wouter Wilgenburg]] over de bewaking.",
    "secties": [{"titel": "Toelichting", "tekst": "Afgestemd met de directie."}],
    "kamerbrief": {"inleiding": "Hierbij ontvangt u de reactie.", "ondertekening": ["M"]},
}


def note(**changes: object) -> Nota:
    """BASE with top-level or dotted changes ('secties[0].tekst' is written as secties_tekst)."""
    import copy

    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        if key == "secties_tekst":
            data["secties"][0]["tekst"] = value  # type: ignore[index]
        elif key.startswith("kop_"):
            data["kop"][key[4:]] = value  # type: ignore[index]
        else:
            data[key] = value
    return Nota.model_validate(data)


def public(nota: Nota, templates: Path | None = None) -> dict[str, bytes]:
    return {d.name: d.data for d in render_nota(nota, templates, openbaar=True) if d.name.endswith("-openbaar")}


_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text)).casefold()
    return re.sub(r"\s+", "", text)


def traces(data: bytes, secrets: list[str]) -> dict[str, list[str]]:
    """Secret → members holding it in any form: raw XML, text with tags dropped (runs joined),
    attribute values, member names — case, whitespace and invisible characters ignored."""
    import html

    found: dict[str, list[str]] = {}
    folded = {secret: _fold(secret) for secret in secrets}
    for name, blob in zip_members(data).items():
        raw = html.unescape(blob.decode("utf-8", errors="replace"))
        form = "\0".join((_fold(name), _fold(raw), _fold(re.sub(r"<[^>]+>", "", raw))))
        for secret, needle in folded.items():
            if needle in form:
                found.setdefault(secret, []).append(name)
    return found


def refused_at(nota: Nota) -> str:
    """The field a public render is refused for (and it must be refused)."""
    with pytest.raises(NotaError) as exc:
        render_nota(nota, openbaar=True)
    return getattr(exc.value, "field", "") or exc.value.message


# --- persons in header fields ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opgesteld_door", "other"),
    [
        ("Sanne de Vries, Thomas Bakker (DMM/MR)", "Thomas Bakker"),  # was split into 'Thomas Bakker (DMM' and 'MR)'
        ("Thomas Bakker (DMM)", "Thomas Bakker"),
        ("Thomas Bakker - DMM", "Thomas Bakker"),
        ("Sanne de Vries en Thomas Bakker", "Thomas Bakker"),
        ("Sanne de Vries & Thomas Bakker", "Thomas Bakker"),
        ("Sanne de Vries; Thomas Bakker (tel. 06-12345678)", "Thomas Bakker"),
    ],
)
def test_every_person_of_a_header_field_is_looked_for_on_its_own(opgesteld_door: str, other: str) -> None:
    nota = note(kop_opgesteld_door=opgesteld_door, secties_tekst=f"{other} belt nog terug.")
    assert refused_at(nota) == "secties[0].tekst"
    clean = public(note(kop_opgesteld_door=opgesteld_door))
    for data in clean.values():
        assert traces(data, ["Thomas Bakker", "Sanne de Vries", "06-12345678", "0612345678"]) == {}
    assert "DMM" in docx_text(clean["nota-openbaar"]) or "&" in opgesteld_door or "en" in opgesteld_door.split()


def test_old_text_is_read_as_persons_and_a_unit_stays_a_unit() -> None:
    kop = note(kop_opgesteld_door="Sanne de Vries, Thomas Bakker (DMM/MR)", kop_kopie_aan="A&M, OCW").kop
    assert [(p.naam, p.eenheid) for p in kop.opgesteld_door] == [("Sanne de Vries", None), ("Thomas Bakker", "DMM/MR")]
    assert [(p.naam, p.eenheid) for p in kop.kopie_aan] == [(None, "A&M"), (None, "OCW")]
    assert [(p.naam, p.eenheid) for p in kop.van] == [(None, "DMM")]


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        ("Sanne de Vries, Thomas Bakker (DMM/MR)", [{"naam": "Sanne de Vries"}, {"naam": "Thomas Bakker", "eenheid": "DMM/MR"}]),
        ("Thomas Bakker (DMM, MR)", [{"naam": "Thomas Bakker", "eenheid": "DMM, MR"}]),  # no split inside (…)
        ("Jan Jansen - DMM", [{"naam": "Jan Jansen", "eenheid": "DMM"}]),
        ("Pieter Pietersma (tel. 06-11223344)", [{"naam": "Pieter Pietersma", "telefoon": "06-11223344"}]),
        ("Jan Jansen; tel. 070 123 4567", [{"naam": "Jan Jansen", "telefoon": "070 123 4567"}]),
        ("Jan Jansen\nPiet Pieters (a.b@example.org)", [{"naam": "Jan Jansen"}, {"naam": "Piet Pieters", "email": "a.b@example.org"}]),
        ("directie Migratie, A&M", [{"eenheid": "directie Migratie"}, {"eenheid": "A&M"}]),
        ("[[5.1.2e:Marieke Vermeulen]] (pDGIS)", [{"naam": "Marieke Vermeulen", "eenheid": "pDGIS"}]),
        ("Jan (Hans) Jansen", [{"naam": "Jan (Hans) Jansen"}]),
        ("Sanne de Vries en Thomas Bakker", [{"naam": "Sanne de Vries en Thomas Bakker"}]),
    ],
)
def test_text_is_read_as_persons(text: str, persons: list[dict[str, str]]) -> None:
    from notawriter.model import Persoon
    from notawriter.persons import parse_persons, persons_text

    assert parse_persons(text) == persons
    as_typed = persons_text([Persoon.model_validate(p) for p in persons], "; ")
    assert parse_persons(as_typed) == persons  # what the wizard shows reads back the same


def test_set_writes_persons_in_the_list_form_and_an_old_text_field_still_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ruamel.yaml import YAML

    path = tmp_path / "nota.yaml"
    path.write_text(
        "schema_version: 1\nkop:\n  onderwerp: X\n  opgesteld_door: Sanne de Vries, Thomas Bakker (DMM/MR)\n",
        encoding="utf-8",
    )
    assert main(["set", str(path), "kop.via=Marieke Vermeulen (pDGIS); Jan Jansen, tel. 06-11112222"]) == 0
    assert "'Marieke Vermeulen (pDGIS); Jan Jansen (tel. 06-11112222)'" in capsys.readouterr().out
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert data["kop"]["via"] == [
        {"naam": "Marieke Vermeulen", "eenheid": "pDGIS"},
        {"naam": "Jan Jansen", "telefoon": "06-11112222"},
    ]
    assert data["kop"]["opgesteld_door"] == "Sanne de Vries, Thomas Bakker (DMM/MR)"  # untouched, still valid
    assert main(["render", str(path), "--openbaar"]) == 0
    public = (tmp_path / "nota-nota-openbaar.docx").read_bytes()
    assert traces(public, ["Marieke Vermeulen", "Jan Jansen", "06-11112222", "Thomas Bakker", "Sanne de Vries"]) == {}
    assert "(pDGIS)" in docx_text(public)


def test_a_department_in_van_is_no_name() -> None:
    """'DMM' in Van and in the text: the public version is made and shows the unit."""
    docs = public(note(secties_tekst="Afgestemd met DMM en DMM/MR."))
    text = docx_text(docs["nota-openbaar"])
    assert "Afgestemd met DMM en DMM/MR." in text
    assert PRIVACY in text  # Sanne de Vries of Opgesteld door


def test_contact_details_are_redacted_with_the_name() -> None:
    docs = public(note())
    assert traces(docs["nota-openbaar"], ["06-12345678", "0612345678", "Sanne de Vries"]) == {}
    # and a phone number written otherwise elsewhere is found
    assert refused_at(note(secties_tekst="Bel +31 6 1234 5678 voor vragen.")) == "secties[0].tekst"


# --- the forms of a repeated name -----------------------------------------------------------------

VARIANTS = {
    "hoofdletters": "WOUTER WILGENBURG",
    "kleine letters": "wouter wilgenburg",
    "harde spatie": "Wouter\u00a0Wilgenburg",
    "tab": "Wouter\tWilgenburg",
    "dubbele spatie": "Wouter  Wilgenburg",
    "zachte afbreking": "Wouter Wilgen\u00adburg",
    "zero-width space": "Wou\u200bter Wilgenburg",
    "zero-width space als spatie": "Wouter\u200bWilgenburg",
    "zero-width joiner": "Wouter Wil\u200dgenburg",
    "BOM": "\ufeffWouter Wilgenburg",
    "NFD": unicodedata.normalize("NFD", "Wöuter Wilgenbürg"),
    "accenten": "Wóuter Wilgenburg",
    "opgemaakt in stukken": "**Wou**ter *Wilgen*burg",
    "alleen de achternaam": "mevrouw Wilgenburg",
    "voorletter": "W. Wilgenburg",
}


@pytest.mark.parametrize("form", sorted(VARIANTS))
def test_a_redacted_name_in_another_form_is_refused_and_the_field_named(form: str) -> None:
    nota = note(
        aanleiding="Overleg met [[5.1.2e:Wouter Wilgenburg]] en [[5.1.2e:Wöuter Wilgenbürg]] over de bewaking.",
        secties_tekst=f"Daarna belde {VARIANTS[form]} terug.",
    )
    assert refused_at(nota) == "secties[0].tekst"


def test_a_surname_with_tussenvoegsel_is_found_only_with_its_capital() -> None:
    """'Sanne de Vries' → 'de Vries': 'De Vries' elsewhere is a leak, the words 'de vries' are not;
    likewise 'de boer' (the farmer) for a redacted 'Jan de Boer'."""
    assert refused_at(note(secties_tekst="Volgens De Vries kan het.")) == "secties[0].tekst"
    assert refused_at(note(secties_tekst="Volgens de Vries kan het.")) == "secties[0].tekst"
    farmer = note(kop_opgesteld_door="Jan de Boer", secties_tekst="Het vriest; de boer en de vries blijven binnen.")
    assert "de boer en de vries" in docx_text(public(farmer)["nota-openbaar"])


def test_a_name_split_over_runs_in_a_template_is_found(tmp_path: Path) -> None:
    """The template itself carries the name, in three runs: the check joins a paragraph's runs."""
    folder = tmp_path / "sjablonen"
    folder.mkdir()
    runs = '<w:r><w:t>Th</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>omas Bak</w:t></w:r><w:r><w:t>ker</w:t></w:r>'
    for kind in ("nota", "kamerbrief"):
        (folder / f"{kind}.docx").write_bytes(edited(template_path(kind).read_bytes(), body=f"<w:p>{runs}</w:p>"))
    with pytest.raises(NotaError, match="Thomas Bakker"):
        render_nota(note(kop_opgesteld_door="Thomas Bakker (DMM)"), folder, openbaar=True)


# --- a user template's metadata -------------------------------------------------------------------

TEMPLATE_SECRETS = {
    "contentStatus": "Hendrik Statushouder",
    "version": "Wilma Versiebeheer",
    "Template": "Gerrit Sjabloonpad",
    "HyperlinkBase": "trudy.hyperlinkbasis",
    "TitlesOfParts": "Karel Titelmans",
    "Company": "Bureau Bedrijfsnaam",
    "docVars": "Dirk Docvariabele",
    "glossary": "Gijs Bouwsteen",
    "customXml": "Cor Customgegeven",
    "mailto": "maarten.mailer@example.org",
}
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def edited(data: bytes, body: str = "", **parts: bytes) -> bytes:
    """A template package with `body` XML appended to the document body and parts added/replaced."""
    members = zip_members(data)
    if body:
        doc = members["word/document.xml"].decode()
        at = doc.rindex("<w:sectPr")
        members["word/document.xml"] = (doc[:at] + body + doc[at:]).encode()
    members.update(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, blob in members.items():
            zf.writestr(name, blob)
    return out.getvalue()


def metadata_template(kind: str) -> bytes:
    s = TEMPLATE_SECRETS
    members = zip_members(template_path(kind).read_bytes())
    core = members["docProps/core.xml"].decode().replace(
        "</cp:coreProperties>",
        f"<cp:contentStatus>{s['contentStatus']}</cp:contentStatus><cp:version>{s['version']}</cp:version>"
        "</cp:coreProperties>",
    )
    app = members["docProps/app.xml"].decode()
    app = re.sub(r"<Template>[^<]*</Template>", f"<Template>C:\\\\{s['Template']}\\\\Nota.dotx</Template>", app)
    app = re.sub(r"<HyperlinkBase/>", f"<HyperlinkBase>file:///C:/Users/{s['HyperlinkBase']}/</HyperlinkBase>", app)
    app = re.sub(r"<vt:lpstr/>", f"<vt:lpstr>Nota van {s['TitlesOfParts']}</vt:lpstr>", app)
    app = re.sub(r"<Company/>", f"<Company>{s['Company']}</Company>", app)
    settings = members["word/settings.xml"].decode().replace(
        "<w:rsids>", f'<w:docVars><w:docVar w:name="Auteur" w:val="{s["docVars"]}"/></w:docVars><w:rsids>'
    )
    rels = members["word/_rels/document.xml.rels"].decode().replace(
        "</Relationships>",
        f'<Relationship Id="rIdGloss" Type="{_RT}/glossaryDocument" Target="glossary/document.xml"/>'
        f'<Relationship Id="rIdCx" Type="{_RT}/customXml" Target="../customXml/item1.xml"/>'
        f'<Relationship Id="rIdMail" Type="{_RT}/hyperlink" Target="mailto:{s["mailto"]}" TargetMode="External"/>'
        "</Relationships>",
    )
    types = members["[Content_Types].xml"].decode().replace(
        "</Types>",
        '<Override PartName="/word/glossary/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.glossary+xml"/></Types>',
    )
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    glossary = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:glossaryDocument xmlns:w="{w}"><w:docParts>'
        f"<w:docPart><w:docPartBody><w:p><w:r><w:t>Groet van {s['glossary']}</w:t></w:r></w:p></w:docPartBody>"
        "</w:docPart></w:docParts></w:glossaryDocument>"
    )
    link = f'<w:p><w:hyperlink xmlns:r="{_RT}" r:id="rIdMail"><w:r><w:t>Mail het secretariaat</w:t></w:r></w:hyperlink></w:p>'
    return edited(
        template_path(kind).read_bytes(),
        body=link,
        **{
            "docProps/core.xml": core.encode(),
            "docProps/app.xml": app.encode(),
            "word/settings.xml": settings.encode(),
            "word/_rels/document.xml.rels": rels.encode(),
            "[Content_Types].xml": types.encode(),
            "word/glossary/document.xml": glossary.encode(),
            "customXml/item1.xml": f"<data><eigenaar>{s['customXml']}</eigenaar></data>".encode(),
        },
    )


@pytest.fixture
def metadata_templates(tmp_path: Path) -> Path:
    folder = tmp_path / "sjablonen"
    folder.mkdir()
    for kind in ("nota", "kamerbrief"):
        (folder / f"{kind}.docx").write_bytes(metadata_template(kind))
        assert set(traces((folder / f"{kind}.docx").read_bytes(), list(TEMPLATE_SECRETS.values()))) == set(
            TEMPLATE_SECRETS.values()
        )  # the template really carries every one
    return folder


@pytest.mark.parametrize("where", sorted(TEMPLATE_SECRETS))
def test_template_metadata_never_reaches_a_public_version(metadata_templates: Path, where: str) -> None:
    docs = public(note(), metadata_templates)
    assert set(docs) == {"nota-openbaar", "kamerbrief-openbaar"}  # the letter too: its template is not clean
    for data in docs.values():
        assert traces(data, [TEMPLATE_SECRETS[where]]) == {}


def test_public_package_holds_only_allowed_parts(metadata_templates: Path) -> None:
    allowed = re.compile(
        r"^(\[Content_Types\]\.xml|_rels/\.rels|docProps/(core|app)\.xml|word/(_rels/)?(document|styles|numbering|"
        r"footnotes|endnotes|settings|fontTable|webSettings|header\d+|footer\d+)\.xml(\.rels)?|word/theme/theme\d+\.xml|"
        r"word/media/[^/]+)$"
    )
    for data in public(note(), metadata_templates).values():
        members = zip_members(data)
        assert [n for n in members if not allowed.match(n)] == []
        assert b"docVars" not in members["word/settings.xml"] and b"rsids" not in members["word/settings.xml"]
        for tag in (b"Template", b"HyperlinkBase", b"TitlesOfParts", b"Company", b"Manager"):
            assert tag not in members["docProps/app.xml"], tag
        for tag in (b"contentStatus", b"cp:version", b"creator", b"lastModifiedBy"):
            assert tag not in members["docProps/core.xml"], tag
        assert b"mailto" not in b"".join(members.values())


def test_a_mailto_link_becomes_plain_text(metadata_templates: Path) -> None:
    docs = public(note(), metadata_templates)
    assert "Mail het secretariaat" in docx_text(docs["nota-openbaar"])
    assert b"w:hyperlink" not in zip_members(docs["nota-openbaar"])["word/document.xml"]


def test_the_internal_version_of_a_metadata_template_is_tidy_but_whole(metadata_templates: Path) -> None:
    """Internally the glossary and link stay (they are the user's template); properties are neutral."""
    internal = {d.name: d.data for d in render_nota(note(), metadata_templates)}["nota"]
    members = zip_members(internal)
    assert "word/glossary/document.xml" in members
    assert TEMPLATE_SECRETS["Company"].encode() not in members["docProps/app.xml"]


def test_the_cli_refuses_a_leak_from_the_template_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "sjablonen"
    folder.mkdir()
    for kind in ("nota", "kamerbrief"):
        body = "<w:p><w:r><w:t>Opgesteld door Thomas Bakker</w:t></w:r></w:p>"
        (folder / f"{kind}.docx").write_bytes(edited(template_path(kind).read_bytes(), body=body))
    path = tmp_path / "nota.yaml"
    path.write_text(
        "schema_version: 1\nkop:\n  onderwerp: X\n  opgesteld_door:\n    - naam: Thomas Bakker\n      eenheid: DMM\n",
        encoding="utf-8",
    )
    assert main(["render", str(path), "--openbaar", "--templates", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'Thomas Bakker' staat nog in het document (in word/document.xml)" in err
    assert not list(tmp_path.glob("*.docx"))


def test_an_image_keeps_no_metadata_in_the_public_version(tmp_path: Path) -> None:
    """A logo whose PNG text chunk names its maker: the picture stays, the name goes."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"tEXt", b"Author\x00Lotte Logomaker")
    png += chunk(b"IDAT", zlib.compress(b"\x00\x80\x80\x00\x80\x80")) + chunk(b"IEND", b"")
    (tmp_path / "logo.png").write_bytes(png)
    (tmp_path / "notawriter.yaml").write_text("afzender:\n  ministerie: Ministerie X\n  logo: logo.png\n", encoding="utf-8")
    path = tmp_path / "nota.yaml"
    path.write_text("schema_version: 1\nkop:\n  onderwerp: X\n  van: [{naam: Thomas Bakker}]\n", encoding="utf-8")
    assert main(["render", str(path), "--openbaar"]) == 0
    internal, public_nota = tmp_path / "nota-nota.docx", tmp_path / "nota-nota-openbaar.docx"
    assert any(n.startswith("word/media/") for n in zip_members(public_nota))  # the logo is there
    assert traces(internal.read_bytes(), ["Lotte Logomaker"])  # (the internal copy is the user's own)
    assert traces(public_nota.read_bytes(), ["Lotte Logomaker", "Thomas Bakker"]) == {}
