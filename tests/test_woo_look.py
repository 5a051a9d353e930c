"""A public version that looks published (issue 11 item 5): two redaction looks, chosen in the
project config (`openbaar: {lakstijl: omschrijving|zwart}` in notawriter.yaml):

* `omschrijving` (default): the ground's short description in place of the text ("Bescherming
  persoonlijke levenssfeer" for 5.1.2e), lightly shaded;
* `zwart`: a black box with the code in white.

Both are direct run formatting (`w:shd` and `w:color` in the run's own properties, which Word and
LibreOffice both show), and nothing of the redacted text remains in any part of the package.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from notawriter.cli import main
from notawriter.woo import GROUND_DESCRIPTIONS, GROUNDS
from tests.conftest import require_soffice
from tests.helpers import convert_to_pdf, docx_text, pdf_text, zip_members
from tests.test_woo_leaks import traces

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NOTE = """\
schema_version: 1
kop:
  onderwerp: Overleg met [[5.1.2e:Wouter Wilgenburg]] over de grens
  aan: M
  datum: 2025-02-03
  opgesteld_door:
    - {naam: Sanne de Vries, eenheid: DMM/MR, telefoon: 06-12345678, email: s.devries@example.org}
aanleiding: |
  Overleg met [[5.1.2e:Wouter Wilgenburg]] en [[5.1.2a:de ambassadeur van Ruritanië]].
secties:
  - titel: Gesprek met [[5.1.2e:Karel Kaarsenmaker]]
    tekst: "**Vet: [[5.2:liever niet publiceren]]**"
kamerbrief:
  aanhef: Geachte [[5.1.2e:Wouter Wilgenburg]],
"""
SECRETS = [
    "Wouter Wilgenburg", "Wilgenburg", "Sanne de Vries", "de Vries", "06-12345678", "0612345678",
    "s.devries@example.org", "de ambassadeur van Ruritanië", "Karel Kaarsenmaker", "liever niet publiceren",
]  # fmt: skip
LOOKS = {
    "omschrijving": {"fill": "D9D9D9", "color": None, "shown": GROUND_DESCRIPTIONS["5.1.2e"]},
    "zwart": {"fill": "000000", "color": "FFFFFF", "shown": "5.1.2e"},
}


def render(tmp_path: Path, lakstijl: str | None) -> dict[str, Path]:
    note = tmp_path / "lak.yaml"
    note.write_text(NOTE, encoding="utf-8")
    if lakstijl is not None:
        (tmp_path / "notawriter.yaml").write_text(f"openbaar:\n  lakstijl: {lakstijl}\n", encoding="utf-8")
    assert main(["render", str(note), "--openbaar"]) == 0
    return {p.stem.removeprefix("lak-"): p for p in tmp_path.glob("lak-*.docx")}


def redaction_runs(path: Path, shown: str) -> list[etree._Element]:
    """The runs (in every text part) whose whole text is `shown`."""
    runs = []
    for name, blob in zip_members(path).items():
        if name.startswith("word/") and name.endswith(".xml") and "_rels" not in name:
            for run in etree.fromstring(blob).iter(f"{W}r"):
                if "".join(t.text or "" for t in run.iter(f"{W}t")) == shown:
                    runs.append(run)
    return runs


@pytest.mark.parametrize("lakstijl", sorted(LOOKS))
def test_each_look_is_direct_shading_of_the_run(tmp_path: Path, lakstijl: str) -> None:
    look = LOOKS[lakstijl]
    docs = render(tmp_path, lakstijl)
    runs = redaction_runs(docs["nota-openbaar"], look["shown"])
    assert len(runs) >= 4  # title, aanleiding, section title, Opgesteld door
    for run in runs:
        shd = run.find(f"{W}rPr/{W}shd")
        assert shd is not None and shd.get(f"{W}fill") == look["fill"] and shd.get(f"{W}val") == "clear"
        color = run.find(f"{W}rPr/{W}color")
        assert (color.get(f"{W}val") if color is not None else None) == look["color"]
        # a style's highlight would cover the shading in Word: switched off on the run itself
        assert run.find(f"{W}rPr/{W}highlight").get(f"{W}val") == "none"


@pytest.mark.parametrize("lakstijl", sorted(LOOKS))
def test_no_trace_of_the_redacted_text_in_any_part_in_either_look(tmp_path: Path, lakstijl: str) -> None:
    docs = render(tmp_path, lakstijl)
    for kind in ("nota-openbaar", "kamerbrief-openbaar"):
        assert traces(docs[kind].read_bytes(), SECRETS) == {}, kind
        assert "\U0010fffc" not in docx_text(docs[kind]) and "\U0010fffd" not in docx_text(docs[kind])
    internal = docx_text(docs["nota"])
    assert "Overleg met Wouter Wilgenburg" in internal and "Gesprek met Karel Kaarsenmaker" in internal


def test_the_default_look_is_the_description_and_keeps_the_surrounding_format(tmp_path: Path) -> None:
    docs = render(tmp_path, None)
    text = docx_text(docs["nota-openbaar"])
    assert f"Overleg met {GROUND_DESCRIPTIONS['5.1.2e']} en {GROUND_DESCRIPTIONS['5.1.2a']}." in text
    assert f"Gesprek met {GROUND_DESCRIPTIONS['5.1.2e']}" in text
    bold = redaction_runs(docs["nota-openbaar"], GROUND_DESCRIPTIONS["5.2"])
    assert bold and all(run.find(f"{W}rPr/{W}b") is not None for run in bold)  # inside **…**
    assert f"Geachte {GROUND_DESCRIPTIONS['5.1.2e']}," in docx_text(docs["kamerbrief-openbaar"])
    core = zip_members(docs["nota-openbaar"])["docProps/core.xml"].decode()
    assert f"Overleg met {GROUND_DESCRIPTIONS['5.1.2e']} over de grens" in core  # the title property


def test_a_redaction_looks_the_same_in_the_body_and_the_header_not_bold_in_one_only(tmp_path: Path) -> None:
    docs = render(tmp_path, None)
    members = zip_members(docs["nota-openbaar"])
    styles = etree.fromstring(members["word/styles.xml"])
    bold_styles = {s.get(f"{W}styleId") for s in styles.iter(f"{W}style") if s.find(f"{W}rPr/{W}b") is not None}
    seen = {}
    for name, blob in members.items():
        if not (name == "word/document.xml" or name.startswith("word/header")):
            continue
        for run in etree.fromstring(blob).iter(f"{W}r"):
            if "".join(t.text or "" for t in run.iter(f"{W}t")) != GROUND_DESCRIPTIONS["5.1.2e"]:
                continue
            style = run.find(f"{W}rPr/{W}rStyle")
            seen.setdefault(name.split("/")[1][:6], []).append(
                run.find(f"{W}rPr/{W}b") is not None or (style is not None and style.get(f"{W}val") in bold_styles)
            )
    assert set(seen) == {"docume", "header"}  # the aanleiding and the Opgesteld door column
    assert [bold for runs in seen.values() for bold in runs] == [False] * sum(map(len, seen.values()))


def test_every_woo_ground_has_a_short_description() -> None:
    """Art. 5.1 lid 1 a–e, lid 2 a–i and 5.2, each with a description of a few words."""
    assert {f"5.1.1{c}" for c in "abcde"} | {f"5.1.2{c}" for c in "abcdefghi"} | {"5.2"} <= set(GROUNDS)
    assert all(1 <= len(short.split()) <= 5 for _, short in GROUNDS.values())


def test_an_unknown_look_is_refused_naming_the_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notawriter.yaml").write_text("openbaar:\n  lakstijl: rood\n", encoding="utf-8")
    note = tmp_path / "lak.yaml"
    note.write_text(NOTE, encoding="utf-8")
    assert main(["render", str(note), "--openbaar"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "notawriter.yaml" in err and "lakstijl" in err
    assert not list(tmp_path.glob("*.docx"))


@pytest.mark.parametrize("lakstijl", sorted(LOOKS))
def test_libreoffice_shows_the_look_and_not_the_text(tmp_path: Path, lakstijl: str) -> None:
    require_soffice()
    docs = render(tmp_path, lakstijl)
    pdfs, log = convert_to_pdf([docs["nota-openbaar"]], tmp_path / "pdf")
    pdf = pdfs[docs["nota-openbaar"]]
    assert pdf is not None, log
    text = " ".join(pdf_text(pdf).split())
    assert LOOKS[lakstijl]["shown"] in text
    assert not any(secret in text for secret in SECRETS)
