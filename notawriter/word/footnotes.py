"""Real Word footnotes: a motion's citation (in full first, then short with a reference back) and
free `[voetnoot: …]` texts, numbered in document order and written into word/footnotes.xml."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from notawriter.markup import MotieRef, Run, Text
from notawriter.word.ooxml import R_NS, W_NS

if TYPE_CHECKING:
    from notawriter.word.paragraphs import ParagraphBuilder


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


def inline_motions(runs: tuple[Run, ...], motions: dict[str, Any], form: str) -> list[Run]:
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
