"""Paragraph XML in the template's own styles, from the view's flows (`{{p name}}` tags), with a
pending reference for each footnote (numbered and written by footnotes.add_footnotes)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

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
from notawriter.word.footnotes import back_reference_runs, footnote_runs, inline_motions
from notawriter.word.ooxml import HYPERLINK_RT, R_NS, XML_FORBIDDEN
from notawriter.word.styles import style_ids

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
        if XML_FORBIDDEN.search(text):
            self.warnings.append("onzichtbare stuurtekens in de tekst zijn weggelaten (XML staat ze niet toe)")
            return XML_FORBIDDEN.sub("", text)
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
        text = escape(self.clean(run.text), quote=False).replace("{", "&#123;").replace("}", "&#125;")  # see template._literal_braces
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
            runs = tuple(inline_motions(note.runs, self.motions, self.form))
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
