"""Word package details docxtpl does not cover: styled paragraphs from view flows, footnotes,
document properties, the generation hash, private parts of the public version, leak checks."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from notawriter.errors import NotaError, TemplateError
from notawriter.markup import MotieRef, Redacted, Run, Text
from notawriter.view import (
    BODY, BULLET1, BULLET2, H1, H2, H3, LABEL, MARKER, PLACEHOLDER, Flow, Para,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Role → candidate built-in style names, first found in the template wins.
ROLE_STYLES: dict[str, tuple[str, ...]] = {
    BODY: ("Nota Tekst", "Body Text", "Normal"),
    BULLET1: ("List Bullet", "Normal"),
    BULLET2: ("List Bullet 2", "List Bullet", "Normal"),
    H1: ("Heading 1",),
    H2: ("Heading 2", "Heading 1"),
    H3: ("Heading 3", "Heading 2"),
    LABEL: ("Nota Label", "Normal"),
    MARKER: ("Nota Alternatief", "Normal"),
    PLACEHOLDER: ("Nota Open", "Normal"),
}
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class WordFlow:
    """Paragraph XML for a `{{p name}}` tag; falsy when empty so `{%p if name %}` works."""

    def __init__(self, xml: str) -> None:
        self.xml = xml

    def __html__(self) -> str:
        return self.xml

    __str__ = __html__

    def __bool__(self) -> bool:
        return bool(self.xml)


@dataclass
class ParagraphBuilder:
    """Builds paragraph XML in the template's own styles, collecting footnotes as it goes."""

    document: Any
    template_name: str
    footnotes: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    motions: dict[str, Any] = field(default_factory=dict)
    redactor: Any = None  # view.Redactor: footnote text is built here, so redaction applies here too

    def __post_init__(self) -> None:
        ids = {s.name.lower(): s.style_id for s in self.document.styles if s.name}
        self._style_ids = ids
        self.roles = {role: self._first(ids, names) for role, names in ROLE_STYLES.items()}
        self.redacted_style = ids.get("gelakt")
        self.footnote_ref_style = ids.get("footnote reference")
        self.footnote_text_style = ids.get("footnote text")

    @staticmethod
    def _first(ids: dict[str, str], names: tuple[str, ...]) -> str | None:
        return next((ids[n.lower()] for n in names if n.lower() in ids), None)

    def clean(self, text: str) -> str:
        """Drop characters XML cannot hold (control characters), with a warning."""
        if _XML_FORBIDDEN.search(text):
            self.warnings.append("onzichtbare stuurtekens in de tekst zijn weggelaten (XML staat ze niet toe)")
            return _XML_FORBIDDEN.sub("", text)
        return text

    def flow(self, flow: Flow) -> WordFlow:
        return WordFlow("".join(self.paragraph(p) for p in flow.paras))

    def paragraph(self, para: Para) -> str:
        style = self.roles.get(para.role)
        ppr = f'<w:pPr><w:pStyle w:val="{escape(style)}"/></w:pPr>' if style else ""
        return f"<w:p>{ppr}{self.runs(para.runs)}</w:p>"

    def runs(self, runs: tuple[Run, ...]) -> str:
        return "".join(self.run(r) for r in runs)

    def run(self, run: Run) -> str:
        if isinstance(run, MotieRef):
            return self.footnote_reference(run.key)
        props = ""
        if isinstance(run, Redacted):
            props += f'<w:rStyle w:val="{self.redacted_style}"/>' if self.redacted_style else ""
        if run.bold:
            props += "<w:b/><w:bCs/>"
        if run.italic:
            props += "<w:i/><w:iCs/>"
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(self.clean(run.text), quote=False)}</w:t></w:r>'

    def footnote_reference(self, key: str) -> str:
        """A real Word footnote: a reference here, the citation in the footnotes part."""
        motie = self.motions.get(key)
        if motie is None:
            return ""
        number = len(self.footnotes) + 1
        runs = footnote_runs(motie)
        if self.redactor is not None:
            runs = self.redactor.runs(runs)
        self.footnotes.append((number, self.runs(runs)))
        style = f'<w:rPr><w:rStyle w:val="{self.footnote_ref_style}"/></w:rPr>' if self.footnote_ref_style else (
            '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        )
        return f'<w:r>{style}<w:footnoteReference w:id="{number}"/></w:r>'


def footnote_runs(motie: Any) -> tuple[Run, ...]:
    """'Motie-Boomsma c.s. (NSC, SGP, CU), Kamerstuk 36 600 XX, nr. 24 (aangehouden), die …'."""
    from notawriter import markup
    from notawriter.view import capitalize, kamerstuk, motion_name, motion_parties

    parties = motion_parties(motie)
    head = capitalize(motion_name(motie)) + (f" ({', '.join(parties)})" if parties else "")
    runs: list[Run] = [Text(f"{head}, {kamerstuk(motie)} ({motie.status.value})")]
    blocks = markup.parse(motie.verzoek)
    if blocks:
        runs.append(Text(": "))
        for i, block in enumerate(blocks):
            runs.extend(([Text(" ")] if i else []) + [r for r in block.runs if not isinstance(r, MotieRef)])
    last = next((r.text for r in reversed(runs) if isinstance(r, Text) and r.text.strip()), "")
    if not last.rstrip().endswith((".", "!", "?", "…")):
        runs.append(Text("."))
    return tuple(runs)


# --- footnotes part -----------------------------------------------------------------------------

_FOOTNOTES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:footnotes xmlns:w="{W_NS}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    "</w:footnotes>"
)


def add_footnotes(document: Any, notes: list[tuple[int, str]], builder: ParagraphBuilder) -> None:
    """Write collected footnotes into word/footnotes.xml, creating the part if the template has none."""
    if not notes:
        return
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from lxml import etree

    doc_part = document.part
    part = next((r.target_part for r in doc_part.rels.values() if r.reltype == RT.FOOTNOTES), None)
    if part is None:
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, _FOOTNOTES_XML.encode(), doc_part.package)
        doc_part.relate_to(part, RT.FOOTNOTES)
    root = etree.fromstring(part.blob)
    # Template footnotes keep their ids; ours are renumbered past them.
    existing = [int(n.get(f"{{{W_NS}}}id")) for n in root.findall(f"{{{W_NS}}}footnote")]
    offset = max([0, *existing])
    if offset:
        _shift_references(document, offset)
    style = f'<w:pPr><w:pStyle w:val="{builder.footnote_text_style}"/></w:pPr>' if builder.footnote_text_style else ""
    ref_style = (
        f'<w:rStyle w:val="{builder.footnote_ref_style}"/>' if builder.footnote_ref_style else '<w:vertAlign w:val="superscript"/>'
    )
    for number, runs in notes:
        xml = (
            f'<w:footnote xmlns:w="{W_NS}" w:id="{number + offset}"><w:p>{style}'
            f"<w:r><w:rPr>{ref_style}</w:rPr><w:footnoteRef/></w:r>"
            f'<w:r><w:t xml:space="preserve"> </w:t></w:r>{runs}</w:p></w:footnote>'
        )
        root.append(etree.fromstring(xml))
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _shift_references(document: Any, offset: int) -> None:
    for ref in document.element.body.iter(f"{{{W_NS}}}footnoteReference"):
        ref.set(f"{{{W_NS}}}id", str(int(ref.get(f"{{{W_NS}}}id")) + offset))


# --- properties, hash, public version -----------------------------------------------------------


def set_properties(document: Any, title: str, when: dt.datetime) -> None:
    """Fixed, neutral document properties: no author names, timestamps from the note."""
    props = document.core_properties
    props.title = _XML_FORBIDDEN.sub("", title)
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    props.subject = ""
    props.keywords = ""
    props.category = ""
    props.created = when
    props.modified = when
    props.revision = 1


def with_identifier(core_xml: bytes, identifier: str) -> bytes:
    from lxml import etree

    root = etree.fromstring(core_xml)
    dc = "http://purl.org/dc/elements/1.1/"
    node = root.find(f"{{{dc}}}identifier")
    if node is None:
        node = etree.SubElement(root, f"{{{dc}}}identifier")
    node.text = identifier
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def read_identifier(core_xml: bytes) -> str | None:
    match = re.search(rb"<dc:identifier>([^<]*)</dc:identifier>", core_xml)
    return match.group(1).decode() if match else None


_PRIVATE = re.compile(r"^(docProps/custom\.xml|word/comments[^/]*\.xml|word/people\.xml|customXml/.*)$")


def is_private_part(name: str) -> bool:
    """Parts that may carry names (custom properties, comments, reviewers) — dropped when public."""
    return bool(_PRIVATE.match(name))


def drop_private_relationships(members: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """Remove references to dropped parts from relationship files, content types and app.xml."""
    out = []
    for name, blob in members:
        if name.endswith(".rels"):
            blob = re.sub(rb"<Relationship [^>]*Target=\"[^\"]*(custom\.xml|comments[^\"]*\.xml|people\.xml|customXml/[^\"]*)\"[^>]*/>", b"", blob)
        elif name == "[Content_Types].xml":
            blob = re.sub(rb"<Override [^>]*PartName=\"/(docProps/custom\.xml|word/comments[^\"]*|word/people\.xml|customXml/[^\"]*)\"[^>]*/>", b"", blob)
        elif name == "docProps/app.xml":
            blob = re.sub(rb"<(Company|Manager)>[^<]*</\1>", b"", blob)
        out.append((name, blob))
    return out


def assert_no_leak(data: bytes, values: set[str], template_name: str) -> None:
    """Refuse a public document in which any redacted value still appears, anywhere in the package."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            raw = zf.read(info.filename).decode("utf-8", errors="replace")
            text = re.sub(r"<[^>]+>", "", raw)
            for value in values:
                if value in info.filename or escape(value, quote=False) in raw or value in text:
                    raise NotaError(
                        f"openbare versie ({template_name}): '{value}' staat nog in het document "
                        f"(in {info.filename}); markeer elke vermelding met [[5.1.2e:…]] of verwijder de naam"
                    )


def check_docx(data: bytes, path: Path) -> None:
    """A template must be a real .docx (a zip with word/document.xml)."""
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise TemplateError(f"{path}: is een oud Word-bestand (.doc); sla het in Word op als .docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except zipfile.BadZipFile:
        raise TemplateError(f"{path}: is geen Word-document (.docx); een sjabloon is een .docx-bestand") from None
    if "word/document.xml" not in names:
        raise TemplateError(f"{path}: is geen Word-document (word/document.xml ontbreekt)")
