"""Word package details docxtpl does not cover: styled paragraphs from view flows, footnotes,
document properties, the generation hash. (The public version's package and leak check: woo.py.)"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

from notawriter.errors import TemplateError
from notawriter.markup import Link, MotieRef, Redacted, Run, Text, Voetnoot, flattened
from notawriter.view import (
    BODY,
    BULLET1,
    BULLET2,
    H1,
    H2,
    H3,
    LABEL,
    MARKER,
    PLACEHOLDER,
    Flow,
    Para,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HYPERLINK_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
# Footnote references are written with ids from here while the body is filled, and numbered in
# document order afterwards (add_footnotes): only then is it known which citation comes first.
_PENDING_BASE = 1 << 30
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
_LIST_ROLES = (BULLET1, BULLET2)
_TEXT_ROLES = (BODY, PLACEHOLDER)
#: Space after a list that body text follows: the body style's own space after (6.75 pt, in twips).
LIST_SPACE_AFTER = 135
_LITERAL_FOOTNOTE = re.compile(r"\[[ \t]*[Vv]oetnoot[ \t]*:[^\]]*\]")
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
    """Builds paragraph XML in the template's own styles, collecting footnotes as it goes.

    A footnote (a motion's citation or a free `[voetnoot: …]`) gets a pending reference here; its
    number and its text follow from its place in the finished document (see `add_footnotes`)."""

    document: Any
    template_name: str
    footnotes: dict[int, Run] = field(default_factory=dict)  # pending reference id → MotieRef or Voetnoot
    warnings: list[str] = field(default_factory=list)
    motions: dict[str, Any] = field(default_factory=dict)
    redactor: Any = None  # view.Redactor: footnote text is built here, so redaction applies here too
    # How a motion is cited in a footnote: "nota" (the long form with request) or "brief" (a letter:
    # "Kamerstuk 36 600 XX, nr. 24."); by default "nota" for the nota's template, "brief" for the others.
    form: str = ""

    def __post_init__(self) -> None:
        ids = style_ids(self.document)
        self.roles = {role: self._first(ids, names) for role, names in ROLE_STYLES.items()}
        self.redacted_style = ids.get("gelakt")
        self.footnote_ref_style = ids.get("footnote reference")
        self.footnote_text_style = ids.get("footnote text")
        self.hyperlink_style = ids.get("hyperlink")
        self.form = self.form or ("nota" if Path(self.template_name).stem.startswith("nota") else "brief")
        self._citations: dict[str, tuple[Run, ...]] = {}  # footnote_runs per motion: cited again and again
        self._link_part: Any = None  # the part links are related to: the document's, or the footnotes'

    @staticmethod
    def _first(ids: dict[str, str], names: tuple[str, ...]) -> str | None:
        return next((ids[n.lower()] for n in names if n.lower() in ids), None)

    def clean(self, text: str) -> str:
        """Drop characters XML cannot hold (control characters), with a warning."""
        if "oetnoot" in text and (m := _LITERAL_FOOTNOTE.search(text)):
            # A title, label or header field is plain text: the mark would be printed as it stands.
            self.warnings.append(
                f"'{m.group()[:50]}' staat letterlijk in {self.template_name}: een voetnoot kan alleen in een "
                "tekstveld met opmaak, niet in een titel, label of kopveld; zet hem in de tekst eronder"
            )
        if _XML_FORBIDDEN.search(text):
            self.warnings.append("onzichtbare stuurtekens in de tekst zijn weggelaten (XML staat ze niet toe)")
            return _XML_FORBIDDEN.sub("", text)
        return text

    def flow(self, flow: Flow) -> WordFlow:
        paras = flow.paras
        return WordFlow("".join(
            self.paragraph(p, list_ends=i + 1 < len(paras) and p.role in _LIST_ROLES and paras[i + 1].role in _TEXT_ROLES)
            for i, p in enumerate(paras)
        ))

    def paragraph(self, para: Para, list_ends: bool = False) -> str:
        """One paragraph in its role's style; the last item of a list followed by body text gets the
        body's space after, so the list stands apart (list styles have none between their items)."""
        style = self.roles.get(para.role)
        props = f'<w:pStyle w:val="{escape(style)}"/>' if style else ""
        props += f'<w:spacing w:after="{LIST_SPACE_AFTER}"/>' if list_ends else ""
        ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
        return f"<w:p>{ppr}{self.runs(para.runs)}</w:p>"

    def runs(self, runs: tuple[Run, ...]) -> str:
        return "".join(self.run(r) for r in runs)

    def run(self, run: Run) -> str:
        if isinstance(run, MotieRef):
            return self.footnote_reference(run.key)
        if isinstance(run, Voetnoot):
            return self._pending(run)
        if not isinstance(run, Text | Redacted | Link):
            return ""  # a mark the view places (e.g. [opties:…]) prints nothing itself
        props = ""
        if isinstance(run, Redacted):
            props += f'<w:rStyle w:val="{self.redacted_style}"/>' if self.redacted_style else ""
        if run.bold:
            props += "<w:b/><w:bCs/>"
        if run.italic:
            props += "<w:i/><w:iCs/>"
        if isinstance(run, Link):
            # rStyle first, direct colour and underline after bold and italics (the schema's order)
            props = (f'<w:rStyle w:val="{self.hyperlink_style}"/>' + props) if self.hyperlink_style else (
                props + '<w:color w:val="0563C1"/><w:u w:val="single"/>')
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        text = escape(self.clean(run.text), quote=False).replace("{", "&#123;").replace("}", "&#125;")  # see render._literal_braces
        xml = f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'
        if isinstance(run, Link):
            part = self._link_part if self._link_part is not None else self.document.part
            rid = part.relate_to(run.url, HYPERLINK_RT, is_external=True)
            return f'<w:hyperlink xmlns:r="{R_NS}" r:id="{rid}" w:history="1">{xml}</w:hyperlink>'
        return xml

    def footnote_reference(self, key: str) -> str:
        """A real Word footnote: a reference here, the citation in the footnotes part."""
        return self._pending(MotieRef(key)) if key in self.motions else ""

    def _pending(self, note: Run) -> str:
        pending = _PENDING_BASE + len(self.footnotes)
        self.footnotes[pending] = note
        style = f'<w:rPr><w:rStyle w:val="{self.footnote_ref_style}"/></w:rPr>' if self.footnote_ref_style else (
            '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        )
        return f'<w:r>{style}<w:footnoteReference w:id="{pending}"/></w:r>'

    def footnote_text(self, note: Run, number: int, first: dict[str, int]) -> str:
        """The runs XML of footnote `number`: a free footnote's text, or a motion's citation — in
        full where the document cites it first (`first`: motion key → that footnote's number),
        after that in short with a reference back."""
        runs: tuple[Run, ...]
        if isinstance(note, Voetnoot):
            runs = tuple(_inline_motions(note.runs, self.motions, self.form))
        else:
            assert isinstance(note, MotieRef)
            motie = self.motions[note.key]
            if note.key in first:
                runs = back_reference_runs(motie, first[note.key], self.form)
            else:
                first[note.key] = number
                runs = self._citations.get(note.key) or ()
                if not runs:
                    runs = self._citations[note.key] = footnote_runs(motie, self.form)
        if self.redactor is not None:
            runs = self.redactor.runs(runs)
        # A footnote holds no footnote reference: one in a motion's request is put in brackets.
        return self.runs(tuple(flattened(r) for r in runs))


_STYLE_TYPES = {None, "paragraph", "character", "table", "numbering"}


def style_ids(document: Any) -> dict[str, str]:
    """{lower-case UI style name: style id}, as `{s.name.lower(): s.style_id for s in
    document.styles if s.name}` gives, read straight from the styles XML (ten times faster:
    the templates carry a few hundred styles, and every render asked for them); from the
    styles part's bytes when nothing parsed them yet (see `open_document`)."""
    part = document.part._styles_part  # what document.styles uses (and creates if missing)
    unparsed = getattr(part, "unparsed", None)
    if unparsed is not None:
        ids = _styles_xml(unparsed)[0]
        if ids is not None:
            return dict(ids)
    ids = _style_ids_of(part.element)
    return ids if ids is not None else {s.name.lower(): s.style_id for s in document.styles if s.name}


def _style_ids_of(styles: Any) -> dict[str, str] | None:
    """The ids of a styles element; None for a malformed style (python-docx's way then raises)."""
    from docx.oxml.ns import qn
    from docx.styles import BabelFish

    w_name, w_val, w_id, w_type = qn("w:name"), qn("w:val"), qn("w:styleId"), qn("w:type")
    ids: dict[str, str] = {}
    for style in styles.findall(qn("w:style")):
        name = style.find(w_name)
        if style.get(w_type) not in _STYLE_TYPES or (name is not None and name.get(w_val) is None):
            return None
        if name is None:
            continue
        ui_name = BabelFish.internal2ui(name.get(w_val))
        if ui_name:
            ids[ui_name.lower()] = style.get(w_id)
    return ids


@lru_cache(maxsize=8)
def _styles_xml(blob: bytes) -> tuple[dict[str, str] | None, bytes]:
    """A styles part's style ids and its bytes as python-docx writes them, from one parse."""
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.parser import parse_xml

    element = parse_xml(blob)
    return _style_ids_of(element), serialize_part_xml(element)


def open_document(data: bytes) -> Any:
    """`docx.Document(io.BytesIO(data))`, with one difference: the styles part (0.35 MB of XML
    in the shipped templates, only read while rendering) is parsed when something asks for its
    XML, not on opening. Its style ids and its saved bytes are the same, taken from one parse
    per process; a render no longer parses and writes it out again (a third of a warm render)."""
    import docx

    try:
        from docx.opc.constants import CONTENT_TYPE as CT
        from docx.opc.package import Unmarshaller
        from docx.opc.part import PartFactory
        from docx.opc.pkgreader import PackageReader
        from docx.package import Package
        from docx.parts.styles import StylesPart
    except ImportError:  # another python-docx: open it the documented way
        return docx.Document(io.BytesIO(data))
    lazy_part = _lazy_styles_part_class()

    def make_part(partname: Any, content_type: str, reltype: str, blob: bytes, package: Any) -> Any:
        if content_type == CT.WML_STYLES:  # the class PartFactory would pick, and then only StylesPart
            selector = PartFactory.part_class_selector
            chosen = selector(content_type, reltype) if selector is not None else None
            if (chosen or PartFactory._part_cls_for(content_type)) is StylesPart:
                return lazy_part(partname, content_type, blob, package)
        return PartFactory(partname, content_type, reltype, blob, package)

    package = Package()
    Unmarshaller.unmarshal(PackageReader.from_file(io.BytesIO(data)), package, make_part)
    document_part = package.main_document_part
    if document_part.content_type != CT.WML_DOCUMENT_MAIN:
        return docx.Document(io.BytesIO(data))  # raises python-docx's own error
    return document_part.document


@lru_cache(maxsize=1)
def _lazy_styles_part_class() -> Any:
    from docx.opc.oxml import serialize_part_xml
    from docx.opc.part import Part
    from docx.oxml.parser import parse_xml
    from docx.parts.styles import StylesPart

    class LazyStylesPart(StylesPart):  # type: ignore[misc]
        """A StylesPart that keeps its bytes until something asks for its XML."""

        def __init__(self, partname: Any, content_type: str, blob: bytes, package: Any) -> None:
            Part.__init__(self, partname, content_type, package=package)
            self._raw = blob
            self._parsed: Any = None

        @property
        def unparsed(self) -> bytes | None:
            return self._raw if self._parsed is None else None

        @property  # XmlPart keeps its root element in _element
        def _element(self) -> Any:
            if self._parsed is None:
                self._parsed = parse_xml(self._raw)
            return self._parsed

        @_element.setter
        def _element(self, element: Any) -> None:
            self._parsed = element

        @property
        def blob(self) -> bytes:
            return _styles_xml(self._raw)[1] if self._parsed is None else serialize_part_xml(self._parsed)

    return LazyStylesPart


def footnote_runs(motie: Any, form: str = "nota") -> tuple[Run, ...]:
    """A motion's full citation in a footnote. In the nota: 'Motie-Boomsma c.s. (NSC, SGP, CU),
    Kamerstuk 36 600 XX, nr. 24 (aangehouden): verzoekt …' (the reference note's footnote names the
    motion, its parties and its request). In a letter ("brief"): 'Kamerstuk 36 600 XX, nr. 24.', as
    letters to parliament cite a parliamentary paper (the reference letters: 'Kamerstuk 32 735 nr. 403',
    '(Kamerstuk 26 485, nr. 430)'); the letter's own text names the motion."""
    from notawriter import markup
    from notawriter.view import capitalize, kamerstuk, motion_name, motion_parties

    if form == "brief":
        return (Text(kamerstuk(motie) + "."),)
    parties = motion_parties(motie)
    head = capitalize(motion_name(motie)) + (f" ({', '.join(parties)})" if parties else "")
    runs: list[Run] = [Text(f"{head}, {kamerstuk(motie)} ({motie.status.value})")]
    blocks = markup.parse(motie.verzoek)
    if blocks:
        runs.append(Text(": "))
        for i, block in enumerate(blocks):
            runs.extend(([Text(" ")] if i else []) + [r for r in block.runs if not isinstance(r, MotieRef)])
    return tuple(_full_stop(runs))


def back_reference_runs(motie: Any, number: int, form: str = "nota") -> tuple[Run, ...]:
    """A motion cited again: a short form that points back to footnote `number`, its full citation.

    Dutch government and legal texts cite a source in full once; a later note uses a short form
    that still names the source, with a pointer to the note that has the full citation, rather than
    repeating it or writing 'a.w.'/'t.a.p.' (Leidraad voor juridische auteurs, on short references).
    In the nota that is 'Motie-Boomsma c.s., Kamerstuk 36 600 XX, nr. 24 (zie voetnoot 3).' — the
    motion and its paper without parties, status and request. In a letter the full citation is
    already the paper's number alone, so the later note only points back: 'Zie voetnoot 3.'"""
    from notawriter.view import capitalize, kamerstuk, motion_name

    if form == "brief":
        return (Text(f"Zie voetnoot {number}."),)
    return (Text(f"{capitalize(motion_name(motie))}, {kamerstuk(motie)} (zie voetnoot {number})."),)


def _inline_motions(runs: tuple[Run, ...], motions: dict[str, Any], form: str) -> list[Run]:
    """A free footnote's runs with each [motie:…] written out, as a footnote cannot hold another:
    'motie-Boomsma c.s. (Kamerstuk 36 600 XX, nr. 24)' in the nota, 'Kamerstuk 36 600 XX, nr. 24' in a letter."""
    from notawriter.view import kamerstuk, motion_citation

    out: list[Run] = []
    for run in runs:
        if isinstance(run, MotieRef):
            motie = motions.get(run.key)
            if motie is None:
                continue
            before = getattr(out[-1], "text", "") if out else ""
            space = " " if before and not before[-1].isspace() and before[-1] not in "([" else ""
            out.append(Text(space + (kamerstuk(motie) if form == "brief" else motion_citation(motie))))
        else:
            out.append(run)
    return out


def _full_stop(runs: list[Run]) -> list[Run]:
    """End with a full stop: a request copied from the motion often ends in ',' or ';'
    ('verzoekt de regering …,'), which becomes '.' rather than ',.'."""
    visible = [i for i, run in enumerate(runs) if not isinstance(run, Text) or run.text.strip()]
    last = runs[visible[-1]] if visible else None
    if not isinstance(last, Text):  # nothing, or a redacted name last: the stop follows it
        return [*runs, Text(".")]
    text = last.text.rstrip()
    if text.endswith((".", "!", "?", "…")):
        return runs
    at = visible[-1]
    return [*runs[:at], Text(text.rstrip(",;: ") + ".", last.bold, last.italic), *runs[at + 1 :]]


# --- footnotes part -----------------------------------------------------------------------------

_FOOTNOTES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:footnotes xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    "</w:footnotes>"
)


def add_footnotes(document: Any, notes: dict[int, Run], builder: ParagraphBuilder) -> None:
    """Number the pending footnotes in document order and write them into word/footnotes.xml
    (creating the part if the template has none).

    Word shows footnote numbers by their place in the text, so every reference in the body is
    walked in order: ours get ids past the template's own footnotes, and their text follows from
    that order — a motion's first citation in full, a later one as a short back reference to it.
    A reference the template's conditions dropped writes no footnote; one placed twice gets two."""
    if not notes:
        return
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from lxml import etree

    w_id = f"{{{W_NS}}}id"
    refs = list(document.element.body.iter(f"{{{W_NS}}}footnoteReference"))
    if not any(int(ref.get(w_id, "0")) in notes for ref in refs):
        return
    doc_part = document.part
    part = next((r.target_part for r in doc_part.rels.values() if r.reltype == RT.FOOTNOTES), None)
    if part is None:
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, _FOOTNOTES_XML.encode(), doc_part.package)
        doc_part.relate_to(part, RT.FOOTNOTES)
    root = etree.fromstring(part.blob)
    # Template footnotes keep their ids; ours are numbered past them.
    next_id = max([0, *(int(n.get(w_id)) for n in root.findall(f"{{{W_NS}}}footnote"))])
    texts: list[tuple[int, str]] = []
    number = 0  # the number Word shows: references in order (a custom mark takes none)
    first: dict[str, int] = {}
    builder._link_part = part  # links in footnotes are the footnotes part's relationships
    try:
        for ref in refs:
            if ref.get(f"{{{W_NS}}}customMarkFollows") not in ("1", "true", "on"):
                number += 1
            note = notes.get(int(ref.get(w_id, "0")))
            if note is None:
                continue  # the template's own footnote
            next_id += 1
            ref.set(w_id, str(next_id))
            texts.append((next_id, builder.footnote_text(note, number, first)))
    finally:
        builder._link_part = None
    style = f'<w:pPr><w:pStyle w:val="{builder.footnote_text_style}"/></w:pPr>' if builder.footnote_text_style else ""
    ref_style = (
        f'<w:rStyle w:val="{builder.footnote_ref_style}"/>' if builder.footnote_ref_style else '<w:vertAlign w:val="superscript"/>'
    )
    # All footnotes parsed in one go (one parse per footnote was a tenth of a large render),
    # then appended one by one: the same tree as parsing and appending each on its own.
    batch = etree.fromstring(
        f'<w:footnotes xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        + "".join(
            f'<w:footnote w:id="{footnote_id}"><w:p>{style}'
            f"<w:r><w:rPr>{ref_style}</w:rPr><w:footnoteRef/></w:r>"
            f'<w:r><w:t xml:space="preserve"> </w:t></w:r>{runs}</w:p></w:footnote>'
            for footnote_id, runs in texts
        )
        + "</w:footnotes>"
    )
    for footnote in list(batch):
        root.append(footnote)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- properties, hash, public version -----------------------------------------------------------


def set_properties(document: Any, title: str, when: dt.datetime) -> None:
    """Fixed, neutral document properties: no author names, timestamps from the note."""
    props = document.core_properties
    title = _XML_FORBIDDEN.sub("", title)
    props.title = title if len(title) <= 255 else title[:254] + "…"  # Word's limit for a property
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    props.subject = ""
    props.keywords = ""
    props.category = ""
    props.language = "nl-NL"  # as the templates' default text language (a PDF's /Lang comes from that)
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


_FILLED_PARTS = ("/word/document", "/word/header", "/word/footer")


def close_empty_cells(document: Any) -> None:
    """End every table cell in a paragraph, as the schema (and Word) require.

    A cell whose paragraphs were all conditional (`{%p if %}` … `{%p endif %}` with nothing set,
    e.g. a letterhead column without a configured sender) is left empty by docxtpl; Word then
    repairs or refuses the file. The cell gets one empty paragraph, which shows nothing.
    """
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    tc_tag, p_tag = qn("w:tc"), qn("w:p")
    for part in document.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None or not str(part.partname).startswith(_FILLED_PARTS):
            continue
        for cell in element.iter(tc_tag):
            if len(cell) == 0 or cell[-1].tag != p_tag:
                cell.append(OxmlElement("w:p"))
