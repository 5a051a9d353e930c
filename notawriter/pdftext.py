"""Text from a PDF as the importers need it: paragraphs whole, page furniture gone.

pypdf's layout mode keeps the blank lines between paragraphs. On top of that, per page: lines
repeated at the top or bottom of most pages (running headers and footers) and page numbers are
dropped; lines the PDF wrapped are joined again (a line that reaches near the right margin
continues on the next, unless that one starts a list item), and a word hyphenated at a line end
is joined ('mensen-' + 'rechten' → 'mensenrechten').
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

_PAGE_NUMBER = re.compile(r"^\s*(?:(?:pagina|page|blz\.?)\s*)?\d{1,4}(?:\s*(?:van|/|of)\s*\d{1,4})?\s*$|^\s*-\s*\d{1,4}\s*-\s*$", re.IGNORECASE)
_ITEM_START = re.compile(r"^\s*(?:[-–•·▪◦*]\s|\d{1,3}[.)]\s*|[a-z][.)]\s|\(?[ivx]{1,4}\)\s|vraag\s+\d|antwoord\b)", re.IGNORECASE)
_WRAP_RATIO = 0.75
_FURNITURE_LINES = 3  # how many lines at the top and at the bottom of a page may be furniture


def pdf_pages(path: Path) -> list[str]:
    """Each page's text in layout mode (blank lines between paragraphs kept)."""
    import logging
    import warnings

    from pypdf import PdfReader

    # pypdf logs what it repairs ('EOF marker not found'); a broken file becomes one Dutch error instead
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore", module="pypdf")
    reader = PdfReader(str(path))
    if reader.is_encrypted and not reader.decrypt(""):
        raise PermissionError("encrypted")
    pages = []
    for page in reader.pages:
        try:
            text = page.extract_text(extraction_mode="layout") or ""
        except (TypeError, ValueError, KeyError):  # an odd page: the plain mode may still read it
            text = page.extract_text() or ""
        pages.append(text)
    return pages


def _shape(line: str) -> str:
    """A line with its digits generalised, so 'Pagina 3 van 65' and 'Pagina 4 van 65' match."""
    return re.sub(r"\d+", "#", " ".join(line.split())).lower()


def _furniture(pages: list[list[str]]) -> set[str]:
    """Shapes of lines that stand at the top or bottom of at least half the pages (two or more)."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        filled = [line for line in lines if line.strip()]
        edge = filled[:_FURNITURE_LINES] + filled[-_FURNITURE_LINES:]
        counts.update({_shape(line) for line in edge})
    return {shape for shape, n in counts.items() if n >= max(2, (len(pages) + 1) // 2)}


def _unwrap(lines: list[str]) -> list[str]:
    width = max((len(line) for line in lines), default=0)
    out: list[str] = []
    wrapped = False
    for line in lines:
        text = line.strip()
        if not text:
            out.append("")
            wrapped = False
            continue
        if wrapped and out and not _ITEM_START.match(text):
            prev = out[-1]
            if re.search(r"[^\W\d_]-$", prev) and text[:1].islower():
                out[-1] = prev[:-1] + text  # a word hyphenated at the line end
            else:
                out[-1] = prev + " " + text
        else:
            out.append(text)
        wrapped = len(line.rstrip()) >= _WRAP_RATIO * width
    return out


def clean_pages(pages: list[str]) -> str:
    """The pages' text as one document: furniture dropped, wrapped lines joined."""
    split = [[line.rstrip() for line in page.splitlines()] for page in pages]
    furniture = _furniture(split)
    blocks = []
    for lines in split:
        filled = [i for i, line in enumerate(lines) if line.strip()]
        edge = set(filled[:_FURNITURE_LINES] + filled[-_FURNITURE_LINES:])
        # A page number only at the top or bottom: a bare '1' inside the text may number a question.
        kept = [
            line
            for i, line in enumerate(lines)
            if not (i in edge and _PAGE_NUMBER.match(line)) and not (i in edge and _shape(line) in furniture)
        ]
        blocks.append("\n".join(_unwrap(kept)).strip("\n"))
    text = "\n\n".join(b for b in blocks if b)
    return re.sub(r"\n{3,}", "\n\n", text) + "\n"


def read_pdf_text(path: Path) -> str:
    return clean_pages(pdf_pages(path))
