"""Build the shipped Word templates (templates/*.docx) with python-docx.

The .docx files are committed: users open and restyle them in Word. This script is how they were
made, so a style change can be redone and reviewed as code. Run: python tools/build_templates.py
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "templates"
FONT = "Verdana"
BODY_PT = 9
COLUMN_PT = 6.5
# Rijkshuisstijl-like page: a text column on the left, the reference column in the right margin.
PAGE_W = Cm(21.0)
LEFT, RIGHT, TOP, BOTTOM = Cm(2.4), Cm(6.6), Cm(3.2), Cm(2.5)
# The column is wide enough for "Ministerie van Buitenlandse Zaken" on one line in 6.5 pt bold;
# longer names break between words.
COLUMN_GAP, COLUMN_W = Cm(0.8), Cm(5.0)
#: The letterhead's logo: whatever image the user configures, at this height (see notawriter/letterhead.py).
LOGO_FILE = "logo-plaatshouder.png"


def _font(style, size: float, bold: bool = False, italic: bool = False, color: RGBColor | None = None) -> None:
    """Size, weight and colour of a style. The typeface is set once, on Normal and the document
    defaults; every other style inherits it, so a user who changes Normal's font changes all."""
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    if color is not None:
        style.font.color.rgb = color
    rpr = style.element.get_or_add_rPr()
    for fonts in rpr.findall(qn("w:rFonts")):
        rpr.remove(fonts)
    if style.name == "Normal":
        rpr.insert(0, _typeface())


def _typeface():
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    return fonts


def _document_defaults(doc) -> None:
    """Verdana and Dutch proofing for everything, also text outside any named style."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for tag in ("w:rFonts", "w:lang"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    rpr.insert(0, _typeface())
    lang = OxmlElement("w:lang")
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), "nl-NL")
    rpr.append(lang)


def _spacing(style, before: float = 0, after: float = 0, line: float = 13.5) -> None:
    fmt = style.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = Pt(line)


def setup_styles(doc) -> None:
    styles = doc.styles
    _document_defaults(doc)
    _font(styles["Normal"], BODY_PT)
    _spacing(styles["Normal"], after=0)
    styles["Normal"].paragraph_format.widow_control = True
    # The body paragraph: Normal plus a blank line's worth of space after, as in ministry notes.
    body = styles.add_style("Nota Tekst", WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = styles["Normal"]
    _spacing(body, after=6.75)
    body.quick_style = True
    for name, size, before, after in (("Title", 14, 0, 6), ("Subtitle", 11, 0, 13.5)):
        style = styles[name]
        _font(style, size, bold=True, color=RGBColor(0, 0, 0))
        _spacing(style, before=before, after=after, line=size * 1.5)
        ppr = style.element.get_or_add_pPr()
        for tag in ("w:pBdr", "w:numPr"):  # python-docx's Title has a border, its Subtitle a list level
            for old in ppr.findall(qn(tag)):
                ppr.remove(old)
        rpr = style.element.get_or_add_rPr()
        for tag in ("w:spacing", "w:kern"):  # no letter-spacing in title and subject
            for old in rpr.findall(qn(tag)):
                rpr.remove(old)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.keep_together = True  # a subject that takes two lines keeps them on one page
    for level, (size, italic) in enumerate(((BODY_PT, False), (BODY_PT, True), (BODY_PT, True)), start=1):
        style = styles[f"Heading {level}"]
        _font(style, size, bold=level < 3, italic=italic, color=RGBColor(0, 0, 0))
        _spacing(style, before=13.5 if level == 1 else 6.75, after=0 if level > 1 else 6.75)
        style.paragraph_format.keep_with_next = True
    for name in ("List Bullet", "List Bullet 2"):
        _font(styles[name], BODY_PT)
        _spacing(styles[name], after=0)
    bullet_numbering(doc)
    label = styles.add_style("Nota Label", WD_STYLE_TYPE.PARAGRAPH)
    label.base_style = styles["Normal"]
    _font(label, BODY_PT, bold=True)
    _spacing(label, before=6.75)
    label.paragraph_format.keep_with_next = True
    marker = styles.add_style("Nota Alternatief", WD_STYLE_TYPE.PARAGRAPH)
    marker.base_style = styles["Normal"]
    _font(marker, BODY_PT, bold=True, color=RGBColor(0xC0, 0x00, 0x00))
    _spacing(marker, before=6.75, after=3)
    marker.paragraph_format.keep_with_next = True
    placeholder = styles.add_style("Nota Open", WD_STYLE_TYPE.PARAGRAPH)
    placeholder.base_style = styles["Normal"]
    _font(placeholder, BODY_PT, italic=True, color=RGBColor(0x80, 0x80, 0x80))
    _spacing(placeholder, after=6.75)
    column = styles.add_style("Referentiekolom", WD_STYLE_TYPE.PARAGRAPH)
    column.base_style = styles["Normal"]
    _font(column, COLUMN_PT)
    _spacing(column, line=9)
    column_label = styles.add_style("Referentiekolom Kop", WD_STYLE_TYPE.PARAGRAPH)
    column_label.base_style = column
    _font(column_label, COLUMN_PT, bold=True)
    _spacing(column_label, before=9, line=9)
    sender = styles.add_style("Referentiekolom Afzender", WD_STYLE_TYPE.PARAGRAPH)
    sender.base_style = column
    _font(sender, COLUMN_PT, bold=True)
    _spacing(sender, line=9)
    logo = styles.add_style("Briefhoofd Logo", WD_STYLE_TYPE.PARAGRAPH)
    logo.base_style = styles["Normal"]
    _spacing(logo, after=18)
    logo.paragraph_format.line_spacing = 1.0  # single, not Normal's exact height: the line grows with the image
    logo.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    logo.paragraph_format.right_indent = Emu(-(RIGHT - LEFT))  # centred on the page, not on the text column
    footnote = styles.add_style("footnote text", WD_STYLE_TYPE.PARAGRAPH)
    footnote.base_style = styles["Normal"]
    _font(footnote, 7)
    _spacing(footnote, line=9)
    footnote.element.set(qn("w:styleId"), "FootnoteText")
    reference = styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
    reference.font.superscript = True
    reference.element.set(qn("w:styleId"), "FootnoteReference")
    redacted = styles.add_style("Gelakt", WD_STYLE_TYPE.CHARACTER)
    # Not bold: header fields get the look as direct formatting only (notawriter/woo.py), and a
    # redaction should look the same in the body and the header.
    # light grey: the published notes' box around a ground code. Shading, not a highlight: a style
    # may not carry w:highlight (schema; Word ignores it there).
    shading = OxmlElement("w:shd")
    for attr, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", "D9D9D9")):
        shading.set(qn(attr), value)
    redacted.element.get_or_add_rPr().append(shading)


#: The bullet of each list level: "•", then a dash for the second level, as in ministry notes
#: (the reference note's second level is "o"; Rijkshuisstijl uses "–"), then "·".
BULLETS = (("•", "ListBullet"), ("–", "ListBullet2"), ("·", None))
BULLET_INDENT = 284  # twips (0.5 cm) per level; the text hangs after the glyph


def bullet_numbering(doc) -> None:
    """One bullet list definition whose levels are the styles List Bullet and List Bullet 2, so a
    sub-list has its own glyph and Word treats both levels as one list (Tab/Shift+Tab work).
    Replaces python-docx's numbering part, whose list styles all use the same bullet."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = doc.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    levels = []
    for level, (glyph, style) in enumerate(BULLETS):
        link = f'<w:pStyle w:val="{style}"/>' if style else ""
        indent = BULLET_INDENT * (level + 1)
        levels.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="bullet"/>{link}'
            f'<w:lvlText w:val="{glyph}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{indent}"/></w:tabs>'
            f'<w:ind w:left="{indent}" w:hanging="{BULLET_INDENT}"/></w:pPr></w:lvl>'
        )
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>'
        f'{"".join(levels)}</w:abstractNum>'
    ))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="1"><w:abstractNumId w:val="1"/></w:num>'))
    for level, (_, style_id) in enumerate(BULLETS):
        if style_id is None:
            continue
        style = next(s for s in doc.styles if s.style_id == style_id)
        ppr = style.element.get_or_add_pPr()
        for old in ppr.findall(qn("w:numPr")):
            ppr.remove(old)
        num = ppr.get_or_add_numPr()  # python-docx puts it in schema order
        num.get_or_add_ilvl().val = level
        num.get_or_add_numId().val = 1
        for old in ppr.findall(qn("w:ind")):  # the indent comes from the list level
            ppr.remove(old)


def setup_page(section) -> None:
    section.page_width, section.page_height = PAGE_W, Cm(29.7)
    section.left_margin, section.right_margin = LEFT, RIGHT
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    section.header_distance, section.footer_distance = Cm(1.2), Cm(1.0)
    section.different_first_page_header_footer = True


#: A value that must be filled before the document goes out: (field, placeholder shown while it is empty).
Required = tuple[str, str]


def required_value(paragraph, value: str | Required) -> None:
    """A value into an empty paragraph: a plain template text, or a required field that shows a
    highlighted placeholder while it is empty (as the letter's "[datum van verzending]")."""
    if isinstance(value, str):
        paragraph.add_run(value)
        return
    field, placeholder = value
    paragraph.add_run(f"{{% if {field} %}}{{{{ {field} }}}}{{% else %}}")
    mark = paragraph.add_run(placeholder)
    mark.font.highlight_color = 7  # yellow
    paragraph.add_run("{% endif %}")


def column(
    header,
    items: list[tuple[str, str | Required, str | None]],
    left_text: str = "",
    head: list[tuple[str, str]] = (),
    left: list[tuple[str, str]] = (),
) -> None:
    """Reference column in the page header: a borderless two-column table whose right cell
    reaches into the wide right margin, so it repeats on every page beside the text column.

    Rows are (label, value, condition); a row is left out when its condition is empty. `head`
    are (style, text) paragraphs above the rows (the sender block), `left` the left cell's
    paragraphs (the letter's return address and addressee, beside the column as in the house
    style). A plain table rather than a frame or text box: LibreOffice ignores page anchoring
    inside headers.
    """
    body_width = Emu(PAGE_W - LEFT - RIGHT)
    table = header.add_table(rows=1, cols=2, width=Emu(body_width + COLUMN_GAP + COLUMN_W))
    widths = (Emu(body_width + COLUMN_GAP), COLUMN_W)
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width.twips)))
    for cell, width in zip(table.rows[0].cells, widths, strict=True):
        cell.width = width
    left_cell, right = table.rows[0].cells
    for i, (style, text) in enumerate(left or [("Referentiekolom Kop", left_text)]):
        p = left_cell.paragraphs[0] if i == 0 else left_cell.add_paragraph()
        p.text = text
        p.style = style
    paragraphs: list[tuple[str, str | Required]] = list(head)
    for label, value, condition in items:
        if condition:
            paragraphs.append(("Referentiekolom", f"{{%p if {condition} %}}"))
        paragraphs.append(("Referentiekolom Kop", label))
        paragraphs.append(("Referentiekolom", value))
        if condition:
            paragraphs.append(("Referentiekolom", "{%p endif %}"))
    for i, (style, text) in enumerate(paragraphs):
        p = right.paragraphs[0] if i == 0 else right.add_paragraph()
        required_value(p, text)
        p.style = style
    first = header.paragraphs[0]._p
    first.getparent().remove(first)  # the empty paragraph python-docx starts a header with


def sender_block(directie: bool) -> list[tuple[str, str]]:
    """The letterhead's sender in the reference column (Rijkshuisstijl): the ministry in bold, the
    directorate (nota only), visiting and postal address stacked, and a contact, each only when set."""
    block = [
        ("Referentiekolom", "{%p if afzender.ministerie %}"),
        ("Referentiekolom Afzender", "{{ afzender.ministerie }}"),
        ("Referentiekolom", "{%p endif %}"),
    ]
    if directie:
        block += [
            ("Referentiekolom", "{%p if afzender.directie %}"),
            ("Referentiekolom", "{{ afzender.directie }}"),
            ("Referentiekolom", "{%p endif %}"),
        ]
    for lines in ("afzender.bezoekadres", "afzender.postadres"):
        block += [
            ("Referentiekolom", f"{{%p for regel in {lines} %}}"),
            ("Referentiekolom", "{{ regel }}"),
            ("Referentiekolom", "{%p endfor %}"),
        ]
    block += [
        ("Referentiekolom", "{%p if afzender.contact %}"),
        ("Referentiekolom Kop", "Contactpersoon"),
        ("Referentiekolom", "{%p for regel in afzender.contact %}"),
        ("Referentiekolom", "{{ regel }}"),
        ("Referentiekolom", "{%p endfor %}"),
        ("Referentiekolom", "{%p endif %}"),
    ]
    return block


def logo(header) -> None:
    """The logo or wordmark the user configured, centred above the first page's column."""
    table = header.tables[0]._tbl
    for text in ("{%p if afzender.logo %}", "{{ afzender.logo }}", "{%p endif %}"):
        p = header.add_paragraph(text, style="Briefhoofd Logo")
        table.addprevious(p._p)


def page_number_footer(footer) -> None:
    p = footer.paragraphs[0]
    p.style = "Referentiekolom"
    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    p.add_run("Pagina ")
    _field(p, "PAGE")
    p.add_run(" van ")
    _field(p, "NUMPAGES")


def _field(paragraph, code: str) -> None:
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(instr)
    run._r.append(separate)
    text = OxmlElement("w:t")
    text.text = "1"
    run._r.append(text)
    run._r.append(end)


def para(doc, text: str, style: str = "Normal", bold: bool = False):
    p = doc.add_paragraph(style=style)
    run = p.add_run(text)
    run.bold = bold or None
    return p


def label_table(doc, rows: list[tuple[str, str | Required, str | None]]):
    """A label | value block without borders (the letter's Datum/Betreft, the nota's Aan/Van/Via);
    `doc` is the document or a table cell. A row with a condition is left out when the condition is
    empty (docxtpl's `{%tr %}` rows)."""
    table = doc.add_table(rows=0, cols=2)
    table.autofit = False
    for label, value, condition in rows:
        if condition:
            table.add_row().cells[0].paragraphs[0].add_run(f"{{%tr if {condition} %}}")
        cells = table.add_row().cells
        cells[0].width, cells[1].width = Cm(2.6), Cm(9.4)
        cells[0].paragraphs[0].add_run(label).bold = True
        required_value(cells[1].paragraphs[0], value)
        if condition:
            table.add_row().cells[0].paragraphs[0].add_run("{%tr endif %}")
    grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
    for col, width in zip(grid, (Cm(2.6), Cm(9.4)), strict=True):
        col.set(qn("w:w"), str(int(width.twips)))
    return table


def addressee_block(header, rows: list[tuple[str, str | Required, str | None]]) -> None:
    """The nota's Aan/Van/Via/Kopie aan block and its type line (TER BESLISSING) in the left cell of
    the first page's header table, beside the reference column as in the house style (a frame or
    floating table would land top-left in LibreOffice)."""
    cell = header.tables[0].rows[0].cells[0]
    placeholder = cell.paragraphs[0]._p
    table = label_table(cell, rows)  # python-docx ends the cell with an empty paragraph: the space below
    placeholder.getparent().remove(placeholder)
    margins = OxmlElement("w:tblCellMar")  # labels flush with the cell's text, not indented once more
    left = OxmlElement("w:left")
    left.set(qn("w:w"), "0")
    left.set(qn("w:type"), "dxa")
    margins.append(left)
    tbl_pr = table._tbl.tblPr
    look = tbl_pr.find(qn("w:tblLook"))
    look.addprevious(margins) if look is not None else tbl_pr.append(margins)
    cell.add_paragraph().add_run("{{ kop.type }}").bold = True


def base_document():
    doc = Document()
    setup_styles(doc)
    setup_page(doc.sections[0])
    doc.core_properties.author = ""
    doc.core_properties.last_modified_by = ""
    doc.core_properties.comments = ""
    doc.core_properties.title = ""
    doc.paragraphs[0]._p.getparent().remove(doc.paragraphs[0]._p) if doc.paragraphs else None
    return doc


def build_nota() -> bytes:
    doc = base_document()
    section = doc.sections[0]
    column(
        section.first_page_header,
        [
            ("Datum", NOTA_DATE, None),
            ("Onze referentie", "{{ kop.referentie }}", "kop.referentie"),
            ("Opgesteld door", "{{ kop.opgesteld_door }}", "kop.opgesteld_door"),
            ("Plandatum/Deadline", "{{ kop.plandatum }}", "kop.plandatum"),
            ("Kamer", "{{ kop.kamer }}", "kop.kamer"),
            ("Binnengekomen op", "{{ kop.binnengekomen_op }}", "kop.binnengekomen_op"),
            ("Bijlage(n)", "{{ kop.bijlagen }}", "kop.bijlagen"),
        ],
        head=sender_block(directie=True),
    )
    addressee_block(
        section.first_page_header,
        [
            ("Aan", ("kop.aan", "[geadresseerde]"), None),
            ("Van", "{{ kop.van }}", "kop.van"),
            ("Via", "{{ kop.via }}", "kop.via"),
            ("Kopie aan", "{{ kop.kopie_aan }}", "kop.kopie_aan"),
        ],
    )
    logo(section.first_page_header)
    column(section.header, [("Datum", NOTA_DATE, None), ("Onze referentie", "{{ kop.referentie }}", "kop.referentie")])
    page_number_footer(section.first_page_footer)
    page_number_footer(section.footer)

    para(doc, "nota", "Title")
    para(doc, "{{ kop.onderwerp }}", "Subtitle")
    for title, flow, condition in (
        ("Aanleiding", "aanleiding", "aanleiding"),
        ("Geadviseerd besluit", "besluit", "besluit"),
        ("Leeswijzer", "leeswijzer", "leeswijzer"),
        ("Kernpunten kabinetsreactie per aanbeveling", "kernpunten_aanbevelingen", "kernpunten_aanbevelingen"),
        (None, "secties", None),
        ("Toelichting op de opties", "opties", "opties"),
        ("Relevante moties", "moties", "moties"),
        ("Communicatie en woordvoering", "communicatie", "communicatie"),
        ("Informatie die niet openbaar gemaakt kan worden", "niet_openbaar", None),
        ("Bijlage(n)", "bijlagen", "bijlagen"),
    ):
        if condition:
            para(doc, f"{{%p if {condition} %}}")
        if title:
            para(doc, title, "Heading 1")
        para(doc, f"{{{{p {flow} }}}}")
        if condition:
            para(doc, "{%p endif %}")
    return _save(doc)


def build_kamerbrief() -> bytes:
    doc = base_document()
    section = doc.sections[0]
    addressee = [
        ("Referentiekolom", "{%p if afzender.retouradres %}"),
        ("Referentiekolom", "> Retouradres {{ afzender.retouradres }}"),
        ("Referentiekolom", "{%p endif %}"),
        ("Normal", ""),
    ]
    addressee += [
        ("Normal", line)
        for line in ("De Voorzitter van de Tweede Kamer", "der Staten-Generaal", "Postbus 20018", "2500 EA  DEN HAAG")
    ]
    column(
        section.first_page_header,
        [
            ("Onze referentie", "{{ brief.referentie }}", "brief.referentie"),
            ("Uw referentie", "{{ brief.uw_referentie }}", "brief.uw_referentie"),
            ("Bijlage(n)", "{{ brief.bijlagen }}", "brief.bijlagen"),
        ],
        head=sender_block(directie=False),
        left=addressee,
    )
    logo(section.first_page_header)
    column(section.header, [("Datum", LETTER_DATE, None), ("Onze referentie", "{{ brief.referentie }}", "brief.referentie")])
    page_number_footer(section.first_page_footer)
    page_number_footer(section.footer)

    para(doc, "")
    para(doc, "")
    label_table(doc, [("Datum", LETTER_DATE, None), ("Betreft", "{{ brief.onderwerp }}", None)])
    para(doc, "")
    para(doc, "{{ brief.aanhef }}", "Nota Tekst")
    para(doc, "{{p inleiding }}")
    para(doc, "{{p secties }}")
    para(doc, "{{p aanbevelingen }}")  # no fixed heading: the report's own groups are the headings
    para(doc, "{{p slot }}")
    para(doc, "")
    para(doc, "{%p for o in ondertekenaars %}")
    for text in ("{{ o.titel }}", "", "", ""):  # a title never ends a page without its name
        para(doc, text).paragraph_format.keep_with_next = True
    para(doc, "{{ o.naam }}")
    para(doc, "")
    para(doc, "{%p endfor %}")
    return _save(doc)


#: The letter's date, or a highlighted placeholder until it is sent (kamerbrief.datum is empty until then).
DATE_PLACEHOLDER = "[datum van verzending]"
LETTER_DATE: Required = ("brief.datum", DATE_PLACEHOLDER)
#: A nota goes up dated; until then its date shows as a placeholder rather than an empty label.
NOTA_DATE: Required = ("kop.datum", "[datum]")


def placeholder_logo() -> bytes:
    """A neutral placeholder for the letterhead's logo (PNG, drawn here): a slate bar and the word
    LOGO. Deliberately not the national emblem; a ministry configures its own image."""
    import struct
    import zlib

    glyphs = {  # 5x7 bitmaps
        "L": ["10000"] * 6 + ["11111"],
        "O": ["01110", "10001", "10001", "10001", "10001", "10001", "01110"],
        "G": ["01110", "10001", "10000", "10111", "10001", "10001", "01111"],
    }
    width, height, scale = 360, 200, 8
    bar, ink, paper = (0x5B, 0x67, 0x70), (0x5B, 0x67, 0x70), (0xFF, 0xFF, 0xFF)
    pixels = [[paper] * width for _ in range(height)]
    for y in range(height):
        for x in range(0, 56):
            pixels[y][x] = bar
    x0, y0 = 88, (height - 7 * scale) // 2
    for i, letter in enumerate("LOGO"):
        for gy, row in enumerate(glyphs[letter]):
            for gx, bit in enumerate(row):
                if bit == "1":
                    for dy in range(scale):
                        for dx in range(scale):
                            pixels[y0 + gy * scale + dy][x0 + i * 6 * scale + gx * scale + dx] = ink
    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in pixels)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    dpi = struct.pack(">IIB", 7874, 7874, 1)  # 200 dpi
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"pHYs", dpi) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def build_bijlage() -> bytes:
    doc = base_document()
    section = doc.sections[0]
    section.different_first_page_header_footer = False
    section.right_margin = Cm(2.0)
    page_number_footer(section.footer)
    para(doc, "Bijlage: reactie op de aanbevelingen", "Title")
    para(doc, "{{ onderwerp }}", "Subtitle")
    para(doc, "{{ samenvatting }}", "Nota Tekst")
    table = doc.add_table(rows=3, cols=4)
    table.style = doc.styles["Table Grid"]
    headers = ("Nr.", "Aanbeveling", "Appreciatie", "Reactie van het kabinet")
    widths = (Cm(1.4), Cm(6.6), Cm(2.6), Cm(6.4))
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width.twips)))
    for cell, text, width in zip(table.rows[0].cells, headers, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].add_run(text).bold = True
    _repeat_header(table.rows[0])
    table.rows[1].cells[0].paragraphs[0].text = "{%tr for r in rijen %}"
    for cell, text, width in zip(
        table.rows[2].cells, ("{{ r.nummer }}", "{{p r.aanbeveling }}", "{{ r.appreciatie }}", "{{p r.reactie }}"), widths, strict=True
    ):
        cell.width = width
        cell.paragraphs[0].text = text
    end = table.add_row()
    end.cells[0].paragraphs[0].text = "{%tr endfor %}"
    return _save(doc)


def build_antwoorden() -> bytes:
    """Answers to written questions (genre kamervragen): the title sentence, then each 'Vraag n'
    with its text and 'Antwoord' below it (one flow); kenmerk and date in the reference column."""
    doc = base_document()
    section = doc.sections[0]
    items = [
        ("Kenmerk Tweede Kamer", "{{ kenmerk }}", "kenmerk"),
        ("Ingezonden", "{{ ingezonden }}", "ingezonden"),
        ("Onze referentie", "{{ referentie }}", "referentie"),
    ]
    column(section.first_page_header, items)
    column(section.header, items)
    page_number_footer(section.first_page_footer)
    page_number_footer(section.footer)
    para(doc, "{{ titel }}", "Nota Tekst", bold=True)
    para(doc, "")
    para(doc, "{{p vragen }}")
    return _save(doc)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    trpr.append(header)


def _save(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return _normalise_zip(buffer.getvalue())


#: Parts of python-docx's default template a notawriter template does without: Word 2010's copy of
#: the styles, a bibliography placeholder, and a thumbnail that would show the wrong page.
DROPPED_PARTS = re.compile(r"^(word/stylesWithEffects\.xml|customXml/.*|docProps/thumbnail\.jpeg)$")


#: Styles the templates and notawriter's view use; everything they are based on or linked to stays too.
USED_STYLES = {
    "Normal", "Nota Tekst", "Nota Label", "Nota Alternatief", "Nota Open", "Referentiekolom",
    "Referentiekolom Kop", "Referentiekolom Afzender", "Briefhoofd Logo", "Gelakt", "Title", "Subtitle", "heading 1", "heading 2", "heading 3",
    "List Bullet", "List Bullet 2", "footnote text", "footnote reference", "Table Grid", "Body Text",
}


def _slim_styles(xml: bytes) -> bytes:
    """Keep the styles in use (and the defaults and what they build on); python-docx's default
    template carries every Word built-in style, which made each render parse a third of a MB.
    Word adds a built-in style again the moment a user picks it."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = etree.fromstring(xml)
    styles = {st.get(f"{w}styleId"): st for st in root.findall(f"{w}style")}
    name_of = {sid: (st.find(f"{w}name").get(f"{w}val") if st.find(f"{w}name") is not None else "") for sid, st in styles.items()}
    keep = {sid for sid, st in styles.items() if name_of[sid] in USED_STYLES or st.get(f"{w}default") == "1"}
    todo = list(keep)
    while todo:
        st = styles[todo.pop()]
        for tag in ("basedOn", "link", "next"):
            ref = st.find(f"{w}{tag}")
            target = ref.get(f"{w}val") if ref is not None else None
            if target in styles and target not in keep:
                keep.add(target)
                todo.append(target)
    for sid, st in styles.items():
        if sid not in keep:
            root.remove(st)
        elif name_of[sid] != "Normal":
            for fonts in st.iter(f"{w}rFonts"):  # theme fonts of python-docx's template: inherit Normal's
                fonts.getparent().remove(fonts)
    latent = root.find(f"{w}latentStyles")
    if latent is not None:
        root.remove(latent)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _normalise_zip(data: bytes) -> bytes:
    """Leave out unneeded parts, slim the styles, and fix timestamps so rebuilding unchanged
    templates gives identical files."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if DROPPED_PARTS.match(info.filename):
                continue
            blob = src.read(info.filename)
            if info.filename.endswith(".rels") or info.filename == "[Content_Types].xml":
                blob = re.sub(rb"<(Relationship|Override) [^>]*(stylesWithEffects\.xml|customXml/[^\"]*|thumbnail\.jpeg)\"[^>]*/>", b"", blob)
            elif info.filename == "word/styles.xml":
                blob = _slim_styles(blob)
            clean = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            clean.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(clean, blob)
    return out.getvalue()


def main() -> int:
    OUT.mkdir(exist_ok=True)
    for name, build in (
        ("nota", build_nota),
        ("kamerbrief", build_kamerbrief),
        ("bijlage", build_bijlage),
        ("antwoorden", build_antwoorden),
    ):
        path = OUT / f"{name}.docx"
        path.write_bytes(build())
        print(f"wrote {path}")
    (OUT / LOGO_FILE).write_bytes(placeholder_logo())
    print(f"wrote {OUT / LOGO_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
