"""Text is text: whatever a user types comes out literally, and redacted values never go public.

Property-based (hypothesis, deterministic): arbitrary Unicode in every free-text field of a note
appears verbatim in the extracted text of the rendered documents (body, headers, footnotes);
values marked [[GROND:…]] and the personal header fields never appear in any member of the public
packages. Markup-significant characters in markup fields are written with the documented
backslash escapes (`\\*`, `\\[`, `\\]`, `\\\\`); fields without markup take the text as is.
Rendering is in memory (`render_nota`); a sample of the documents goes to the LibreOffice check.

Plus worked examples: template syntax, XML and entities in a note stay text, control characters
are dropped with a warning, and a template cannot escape Jinja's sandbox.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from notawriter.cli import main
from notawriter.errors import TemplateError
from notawriter.model import Nota
from notawriter.render import render_nota, template_path
from notawriter.woo import GROUND_DESCRIPTIONS
from tests.helpers import docx_text, find_in_package

SETTINGS = settings(
    max_examples=35,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- strategies -----------------------------------------------------------------------------------

SPECIAL = [
    "Coördinatie, reïntegratie en één café à la carte",
    "«Het kabinet» – zo zei hij — ‘echt’ „zo”",
    "العربية والعبرية עברית مع أرقام 123",
    "\u200fמשפט\u200e RTL-markeringen",
    "Emoji 🇳🇱 👩🏽‍💻 🎉 en 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "Zeer" + "lang" * 1500 + "woord",
    "Een lange tekst. " * 400,
    "Tekens < > & ' \" en &amp; &lt;w:p&gt; <w:p></w:p>",
    "{{ kop.onderwerp }} {% for x in y %} {_{ x }_} {# nee #} {{p flow }}",
    "Non\u00a0breaking\u2009thin\u202fspaces",
    "Combining e\u0301 and n\u0303",
]
# XML cannot hold control characters or surrogates; line and paragraph separators would start a
# new line, which is markup (a paragraph break) rather than text.
CHARS = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufffe\uffff")
RAW = st.one_of(
    st.text(CHARS, min_size=1, max_size=80), st.sampled_from(SPECIAL), st.text(CHARS, min_size=200, max_size=600)
)


@st.composite
def free_text(draw: st.DrawFn) -> str:
    """A one-line text as the user means it (edges trimmed, no accidental bullet)."""
    text = draw(RAW).strip()
    assume(text and not re.match(r"[-•] ", text) and "[[" not in text and "]]" not in text)
    return text


def escape_markup(text: str) -> str:
    """Write `text` in a markup field so that it is read literally."""
    return re.sub(r"([\\*\[\]])", r"\\\1", text)


NAME = st.text(st.sampled_from("abcdefghijklmnoprstuvwzéëïöüç"), min_size=4, max_size=12).map(lambda s: "Qz" + s)

MARKUP_FIELDS = [
    "aanleiding",
    "beslispunt",
    "samenvatting",
    "tekstsuggestie",
    "argument",
    "sectie",
    "communicatie",
    "niet_openbaar",
    "bijlage",
    "verzoek",
    "inleiding",
    "brieftekst",
    "slot",
    "aanbeveling",
    "reactie",
    "aan",
]
PLAIN_FIELDS = ["onderwerp", "referentie", "label", "sectietitel", "brieftitel", "naam", "titel", "aanhef"]


def build_nota(texts: dict[str, str], names: list[str], grounds: list[str]) -> Nota:
    m = {k: escape_markup(v) for k, v in texts.items() if k in MARKUP_FIELDS}
    p = {k: v for k, v in texts.items() if k in PLAIN_FIELDS}
    marked = [f"[[{g}:{n}]]" for g, n in zip(grounds, names[2:], strict=False)]
    return Nota.model_validate(
        {
            "kop": {
                "onderwerp": p["onderwerp"],
                "aan": m["aan"],
                "referentie": p["referentie"],
                "van": names[0],
                "opgesteld_door": names[1],
            },
            "ondertekenaars": [{"afkorting": "M", "titel": p["titel"], "naam": p["naam"]}],
            "aanleiding": m["aanleiding"] + " " + marked[0],
            "beslispunten": [
                {
                    "key": "keuze",
                    "akkoord": ["M"],
                    "tekst": m["beslispunt"],
                    "opties": [
                        {
                            "key": "a",
                            "label": p["label"],
                            "samenvatting": m["samenvatting"],
                            "tekstsuggestie": m["tekstsuggestie"] + " " + marked[1],
                            "argumenten_voor": [m["argument"]],
                        },
                        {"key": "b", "label": "Andere optie"},
                    ],
                }
            ],
            "secties": [{"titel": p["sectietitel"], "tekst": m["sectie"]}],
            "communicatie": m["communicatie"],
            "niet_openbaar": m["niet_openbaar"],
            "bijlagen": [m["bijlage"]],
            "moties": [
                {
                    "key": "m1",
                    "indieners": [{"naam": "Boomsma"}],
                    "dossier": "36600",
                    "volgnummer": 1,
                    "verzoek": m["verzoek"] + " " + marked[2],
                }
            ],
            "aanbevelingen": [{"nummer": "1", "tekst": m["aanbeveling"], "reactie": m["reactie"] + " " + marked[3]}],
            "kamerbrief": {
                "aanhef": p["aanhef"],
                "inleiding": m["inleiding"] + "[motie:m1]",
                "secties": [{"titel": p["brieftitel"], "tekst": m["brieftekst"], "beslispunt": "keuze"}],
                "slot": m["slot"],
                "ondertekening": ["M"],
            },
        }
    )


_sampled = {"count": 0}


def sample_for_office(office_docs: Any, documents: dict[str, Any]) -> None:
    """Send a sample (the first two examples, then every tenth) to the LibreOffice check."""
    _sampled["count"] += 1
    if _sampled["count"] <= 2 or _sampled["count"] % 10 == 0:
        for kind in ("nota", "nota-openbaar", "kamerbrief-openbaar"):
            office_docs.add(documents[kind].data, f"hypothesis #{_sampled['count']}: {kind}")


@SETTINGS
@given(
    texts=st.fixed_dictionaries({name: free_text() for name in MARKUP_FIELDS + PLAIN_FIELDS}),
    names=st.lists(NAME, min_size=6, max_size=6, unique=True),
    grounds=st.lists(st.sampled_from(["5.1.2e", "5.1.2a", "5.1.2i", "5.1.1c", "5.2"]), min_size=4, max_size=4),
)
def test_every_text_round_trips_and_no_redacted_value_goes_public(
    texts: dict[str, str], names: list[str], grounds: list[str], office_docs: Any
) -> None:
    everything = " ".join(texts.values())
    assume(not any(name in everything for name in names))
    nota = build_nota(texts, names, grounds)
    documents = {doc.name: doc for doc in render_nota(nota, openbaar=True)}
    assert sorted(documents) == [
        "bijlage",
        "bijlage-openbaar",
        "kamerbrief",
        "kamerbrief-openbaar",
        "nota",
        "nota-openbaar",
    ]
    sample_for_office(office_docs, documents)

    internal = "\n".join(docx_text(documents[k].data) for k in ("nota", "kamerbrief", "bijlage"))
    for field, text in texts.items():
        assert text in internal, f"{field}: {text!r} niet letterlijk in de documenten"
    for name in names:
        assert name in internal

    public = "\n".join(
        docx_text(documents[k].data) for k in ("nota-openbaar", "kamerbrief-openbaar", "bijlage-openbaar")
    )
    for field, text in texts.items():
        assert text in public, f"{field}: {text!r} ontbreekt in de openbare versie"
    for kind in ("nota-openbaar", "kamerbrief-openbaar", "bijlage-openbaar"):
        for name in names:
            assert find_in_package(documents[kind].data, name) == [], (kind, name)
    for ground in set(grounds[:2]):  # the default look shows the ground's description (issue 11 item 5)
        assert GROUND_DESCRIPTIONS[ground] in docx_text(documents["nota-openbaar"].data)


# --- worked examples: text is text -----------------------------------------------------------------

TRICKY = "{{ kop.onderwerp }} {% for x in y %} <w:p> &amp; \"dubbel\" 'enkel' {_{ x }_}"


def test_template_syntax_xml_and_entities_in_a_note_stay_literal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = tmp_path / "letterlijk.yaml"
    note.write_text(
        "schema_version: 1\n"
        "kop:\n"
        f"  onderwerp: '{TRICKY.replace(chr(39), chr(39) * 2)}'\n"
        f"aanleiding: '{TRICKY.replace(chr(39), chr(39) * 2)}'\n",
        encoding="utf-8",
    )
    assert main(["render", str(note)]) == 0
    assert capsys.readouterr().err == ""
    text = docx_text(tmp_path / "letterlijk-nota.docx")
    assert text.count(TRICKY) == 2, text


def test_control_characters_are_dropped_with_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = tmp_path / "stuur.yaml"
    note.write_text(
        'schema_version: 1\nkop:\n  onderwerp: "Onder\\x01werp"\naanleiding: "Een\\x0bzin met\\x01 stuurtekens."\n',
        encoding="utf-8",
    )
    assert main(["render", str(note)]) == 0
    out = capsys.readouterr()
    warnings = [line for line in (out.out + out.err).splitlines() if "stuurtekens" in line]
    assert len(warnings) == 1 and warnings[0].startswith("waarschuwing: "), out
    text = docx_text(tmp_path / "stuur-nota.docx")
    assert "Onderwerp" in text and "Eenzin met stuurtekens." in text
    assert "\x01" not in text and "\x0b" not in text


@pytest.mark.parametrize(
    "tag",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ kop.__class__.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{{ ''.format.__self__ }}",
    ],
)
def test_templates_render_in_the_sandbox(tmp_path: Path, tag: str) -> None:
    from docx import Document

    from notawriter.notefile import load_note

    folder = tmp_path / "sjablonen"
    folder.mkdir()
    document = Document(str(template_path("nota")))
    document.add_paragraph(tag)
    document.save(str(folder / "nota.docx"))
    (folder / "kamerbrief.docx").write_bytes(template_path("kamerbrief").read_bytes())
    note = tmp_path / "n.yaml"
    note.write_text("schema_version: 1\nkop:\n  onderwerp: Zandbak\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="sjabloon"):
        render_nota(load_note(note), templates=folder)
