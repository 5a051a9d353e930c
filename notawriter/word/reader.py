"""Reading a Word document someone else wrote (a report, published questions) as plain text:
one line per paragraph, headings as '#', Word's list numbering as its visible label, table rows kept."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from notawriter.errors import NotaError


def read_docx(path: Path) -> str:
    """Word to text: one line per paragraph, headings as '#', list numbers and table rows kept."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise NotaError(f"{path}: geen geldig Word-bestand (.docx); open het in Word en sla het opnieuw op") from None
    lines: list[str] = []
    title = (document.core_properties.title or "").strip()
    if title:
        lines.append(f"# {title}")
    numbering = _Numbering(document)
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            from docx.text.paragraph import Paragraph

            line = _docx_paragraph(Paragraph(child, document), numbering, bool(title))
            if line is not None:
                lines.append(line)
        elif tag == "tbl":
            from docx.table import Table

            lines.extend(_docx_table(Table(child, document)))
    return "\n\n".join(lines) + "\n"


def _docx_paragraph(paragraph: Any, numbering: _Numbering, has_title: bool) -> str | None:
    text = paragraph.text.strip()
    if not text:
        return None
    style = _style_name(paragraph)
    label = numbering.label(paragraph)
    if style in ("title", "titel"):
        return f"{'##' if has_title else '#'} {text}"
    heading = re.match(r"^(?:heading|kop)\s*(\d)$", style)
    if heading:
        level = min(int(heading.group(1)) + 1, 6)
        return f"{'#' * level} {label + ' ' if label and label != '-' else ''}{text}"
    if label:
        indent = "  " * numbering.level(paragraph)
        return f"{indent}{label} {text}"
    return text


def _style_name(paragraph: Any) -> str:
    try:
        return (paragraph.style.name or "").strip().lower()
    except (AttributeError, KeyError):
        return ""


_CELL_LABEL = re.compile(r"^(?:aanbeveling\s+)?(\d{1,2}(?:[a-z]|[.-]\d{1,2}[a-z]?)*)[.):]?$", re.IGNORECASE)


def _docx_table(table: Any) -> list[str]:
    """Rows of a recommendations table become '1. text'; other tables cell by cell."""
    rows: list[list[str]] = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # merged cells repeat
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
        rows.append(cells)
    labelled = [r for r in rows if len(r) >= 2 and _CELL_LABEL.match(r[0].strip())]
    lines: list[str] = []
    if not labelled:
        return [c for r in rows for c in r if c]
    for r in rows:
        if r in labelled:
            label = _CELL_LABEL.match(r[0].strip()).group(1).lower()  # type: ignore[union-attr]
            plain = re.fullmatch(r"\d{1,2}[a-z]?", label) and not r[0].strip().lower().startswith("aanbeveling")
            lines.append(f"{label}. {r[1]}" if plain else f"Aanbeveling {label}: {r[1]}")
        elif len({c for c in r if c}) == 1 and r is not rows[0]:
            lines.append(next(c for c in r if c))  # a spanning row: a theme
    return lines


class _Numbering:
    """The visible label of Word list paragraphs ('1.', 'a)', '-' for bullets), counted in order."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstractNumId -> ilvl -> (fmt, text, start)
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        for abstract in root.findall(_w("abstractNum")):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in abstract.findall(_w("lvl")):
                fmt = _val(lvl.find(_w("numFmt"))) or "decimal"
                text = _val(lvl.find(_w("lvlText"))) or ""
                start = int(_val(lvl.find(_w("start"))) or 1)
                levels[int(_val(lvl, "ilvl") or 0)] = (fmt, text, start)
            self.levels[_val(abstract, "abstractNumId") or ""] = levels
        for num in root.findall(_w("num")):
            overrides: dict[int, int] = {}
            for override in num.findall(_w("lvlOverride")):
                start = override.find(_w("startOverride"))
                if start is not None:
                    overrides[int(_val(override, "ilvl") or 0)] = int(_val(start) or 1)
            self.nums[_val(num, "numId") or ""] = (_val(num.find(_w("abstractNumId"))) or "", overrides)

    def _props(self, paragraph: Any) -> tuple[str, int] | None:
        num_id, ilvl = None, None
        holders = [paragraph._p.pPr]
        style = getattr(paragraph, "style", None)
        while style is not None:
            holders.append(style.element.pPr)
            style = style.base_style
        for ppr in holders:
            numpr = ppr.numPr if ppr is not None else None
            if numpr is None:
                continue
            if num_id is None and numpr.numId is not None:
                num_id = str(numpr.numId.val)
            if ilvl is None and numpr.ilvl is not None:
                ilvl = int(numpr.ilvl.val)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        return num_id, ilvl or 0

    def level(self, paragraph: Any) -> int:
        """List depth: the numbering level, or the '2' of styles like 'List Number 2'."""
        props = self._props(paragraph)
        if props and props[1]:
            return props[1]
        style = re.search(r"\s(\d)$", _style_name(paragraph))
        return int(style.group(1)) - 1 if style else 0

    def label(self, paragraph: Any) -> str:
        props = self._props(paragraph)
        if props is None:
            return ""
        num_id, ilvl = props
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        fmt, text, _ = levels.get(ilvl, ("decimal", f"%{ilvl + 1}.", 1))
        if fmt == "bullet":
            return "-"
        counters = self.counters.setdefault(num_id, [0] * 9)
        starts = [overrides.get(i, levels.get(i, ("", "", 1))[2]) for i in range(9)]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else starts[ilvl]
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0

        def fill(m: re.Match[str]) -> str:
            i = int(m.group(1)) - 1
            value = counters[i] or starts[i]
            return _format_number(value, levels.get(i, ("decimal", "", 1))[0])

        return re.sub(r"%(\d)", fill, text).strip()


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


def _val(element: Any, attr: str = "val") -> str | None:
    return None if element is None else element.get(_w(attr))


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "none":
        return ""
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for number, letters in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while value >= number:
            out, value = out + letters, value - number
    return out
