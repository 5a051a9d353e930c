"""Lines and paragraphs: a report's physical lines joined back into paragraphs with their list markers.

Hard-wrapped text, broken lines and hyphenation at line ends are repaired; each paragraph keeps
its marker (1., a), 1a, "Aanbeveling 4:", bullets) or heading level, and headings are scored as a
recommendations section or not.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

# Conversion leftovers of Word-to-text exports: bookmarks, footnote references and footnote bodies.
_ARTIFACTS = re.compile(r"\[bookmark:[^\]]*\]|\[footnoteRef:\d+\]|\s*\[\d+:\s(?:[^\[\]]|\[[^\[\]]*\])*\]")
_TOC_LINE = re.compile(r"^\s*\S.{1,120}?(?:\.{4,}|…{2,}|\t)\s*\d{1,4}\s*$")
_PAGE_NUMBER = re.compile(r"^\s*(?:pagina\s+)?\d{1,4}(?:\s*(?:/|van)\s*\d{1,4})?\s*$", re.IGNORECASE)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_EMPHASIS_PREFIX = re.compile(r"^(\*\*|__)(.+?)\1\s*")
_TERMINAL = tuple(".!?;:")

_AANB = re.compile(
    r"^(?:aanbeveling|recommendation)\s+(\d{1,2}(?:[a-z]|[.-]\d{1,2}[a-z]?)*)\s*(?:[:.)–—-]\s*(.*)|$)",
    re.IGNORECASE,
)
_COMPOUND = re.compile(r"^(\d{1,2}[a-z](?:-\d{1,2})?)(?:[.):]\s+|\s+(?=[A-ZÀ-Ý]))(.+)$")
_NUM = re.compile(r"^(?:(\d{1,2})([.)])|\((\d{1,2})\))\s+(.+)$")
_LETTER = re.compile(r"^(?:([a-z])([.)])|\(([a-z])\))\s+(.+)$")
_BULLET = re.compile(r"^(?:([·•▪◦‣●○■□➢►✓])\s*|([–—*-])\s+)(.+)$")

AANB, NUM, LETTER, COMPOUND, BULLET = "aanbeveling", "nummer", "letter", "samengesteld", "opsomming"


@dataclass(frozen=True)
class _Marker:
    kind: str
    label: str  # "1", "a", "1a", "2.1"; "" for bullets
    style: str  # how it was written: "1.", "a)", "(a)", "·", "Aanbeveling"


@dataclass
class _Para:
    text: str  # without the marker
    line: int
    marker: _Marker | None = None
    heading: int | None = None  # markdown heading level
    indent: int = 0
    lines: int = 1  # physical lines joined into this paragraph


def _clean_line(line: str) -> str:
    if _TOC_LINE.match(line) or _PAGE_NUMBER.match(line):
        return ""
    line = line.replace("\t", "    ").replace("\u00a0", " ").replace("\u200b", "").replace("\u00ad", "")
    return _ARTIFACTS.sub("", line).rstrip()


def _parse_marker(text: str) -> tuple[_Marker | None, str]:
    """The list marker at the start of a paragraph (if any) and the text after it."""
    text = _EMPHASIS_PREFIX.sub(lambda m: m.group(2) + " ", text, count=1).strip()
    if m := _AANB.match(text):
        return _Marker(AANB, m.group(1).lower(), "Aanbeveling"), (m.group(2) or "").strip()
    if m := _COMPOUND.match(text):
        return _Marker(COMPOUND, m.group(1), "1a"), m.group(2).strip()
    if m := _NUM.match(text):
        label = m.group(1) or m.group(3)
        return _Marker(NUM, str(int(label)), f"1{m.group(2)}" if m.group(2) else "(1)"), m.group(4).strip()
    if m := _LETTER.match(text):
        label = m.group(1) or m.group(3)
        return _Marker(LETTER, label, f"a{m.group(2)}" if m.group(2) else "(a)"), m.group(4).strip()
    if m := _BULLET.match(text):
        return _Marker(BULLET, "", m.group(1) or m.group(2)), m.group(3).strip()
    return None, text


def _wrap_width(lines: list[str]) -> int | None:
    """The line width of hard-wrapped text (e.g. 72), or None when a line is a paragraph."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    if len(lengths) < 5:
        return None
    p95 = lengths[int(0.95 * (len(lengths) - 1))]
    return p95 if p95 <= 110 else None


def _vocabulary(lines: list[str]) -> set[str]:
    return {w.lower() for line in lines for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", line)}


def _continues_line(prev: str, nxt: str, width: int | None) -> bool:
    """Whether `nxt` is the same paragraph as the line before it."""
    if width and len(prev) >= 0.6 * width:
        # a full line wraps on, unless a sentence ends and a short title line follows: a heading
        return not (prev.endswith(_TERMINAL) and len(nxt) < 0.6 * width and _is_title(nxt))
    if prev.endswith(_TERMINAL):
        return False
    return nxt[:1].islower() or prev.endswith((",", "-"))


def join_broken(prev: str, nxt: str, vocabulary: Collection[str] = frozenset()) -> str:
    """Join two pieces of a broken line, repairing hyphenation at the line end.

    'beleids-' + 'terreinen' becomes 'beleidsterreinen'; the hyphen stays where the document
    spells the word with one elsewhere, after a capital or digit ('EU-', 'G7-') and where two
    vowels meet ('politie-inzet').
    """
    prev, nxt = prev.rstrip(), nxt.strip()
    m = re.search(r"([^\W\d_]+)-$", prev)
    if not m or not nxt[:1].isalpha():
        glued = re.search(r"\w-$", prev) and nxt[:1].isalnum()  # 'G7-' + 'landen'
        return prev + nxt if glued else f"{prev} {nxt}"
    head = m.group(1)
    tail = re.match(r"[^\W\d_]*", nxt).group(0)  # type: ignore[union-attr]
    joined, hyphened = f"{head}{tail}".lower(), f"{head}-{tail}".lower()
    keep = (
        hyphened in vocabulary
        or (joined not in vocabulary and (head[-1].isupper() or nxt[0].isupper()))
        or (joined not in vocabulary and head[-1] in "aeiou" and tail[:1] in "aeiou")
    )
    return prev + nxt if keep else prev[:-1] + nxt


def _paragraphs(text: str) -> list[_Para]:
    """Physical lines back into paragraphs, each with its list marker or heading level."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [_clean_line(line) for line in raw]
    width = _wrap_width(lines)
    vocabulary = _vocabulary(lines)
    paras: list[_Para] = []
    current: _Para | None = None
    prev = ""
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped:
            if current is not None and current.text.endswith(_TERMINAL):
                current = None  # a finished sentence ends the paragraph; an unfinished one may run on past a page break
            continue
        indent = len(line) - len(line.lstrip(" "))
        if heading := _MD_HEADING.match(stripped):
            marker, rest = _parse_marker(heading.group(2))
            if marker is None or marker.kind != AANB:
                marker, rest = None, _strip_number(heading.group(2))
            paras.append(_Para(rest, number, marker, len(heading.group(1)), indent))
            current = None
            continue
        marker, rest = _parse_marker(stripped)
        blank_before = number > 1 and not lines[number - 2].strip()
        if blank_before and current is not None and (not stripped[:1].islower() or _heading_like(current)):
            current = None
        if (
            marker is None
            and current is not None
            and current.heading is None
            and _continues_line(prev, stripped, width)
        ):
            current.text = join_broken(current.text, stripped, vocabulary)
            current.lines += 1
        else:
            current = _Para(rest, number, marker, None, indent)
            paras.append(current)
        prev = stripped
    return paras


def _strip_number(text: str) -> str:
    """'6.1 Aanbevelingen' -> 'Aanbevelingen'; '**Onderwijs**' -> 'Onderwijs'."""
    text = re.sub(r"^\d+(?:\.\d+)*\.?\s+", "", text.strip())
    return re.sub(r"^(\*\*|__)(.*)\1$", r"\2", text).strip()


def _is_title(text: str) -> bool:
    """Short, no closing punctuation: reads as a heading or a theme, not as a sentence."""
    t = text.strip()
    return (
        0 < len(t) <= 100 and len(t.split()) <= 14 and not t.endswith((*_TERMINAL, ",")) and any(c.isalpha() for c in t)
    )


def _heading_like(p: _Para) -> bool:
    return p.heading is not None or (p.marker is None and p.lines == 1 and _is_title(p.text))


_SECTION_STRONG = re.compile(
    r"^(?:(?:de|onze|overzicht(?: van)?(?: de)?|belangrijkste|samenvatting(?: van)?(?: de)?)\s+)?"
    r"(?:aanbevelingen|recommendations)\b",
    re.IGNORECASE,
)
_SECTION_WEAK = re.compile(r"\b(?:aanbevelingen|recommendations)\b", re.IGNORECASE)


# Headings that never group recommendations: they start the next part of the report.
_NEXT_PART = re.compile(
    r"^(?:bijlagen?|annex(?:es)?|appendix|appendices|bronnen|bronnenlijst|literatuur(?:lijst)?|references|"
    r"verantwoording|afkortingen(?:lijst)?|noten|colofon|summary|samenvatting|inleiding|introduction|hoofdstuk|"
    r"chapter|conclusies?|conclusions?|bevindingen|findings)\b",
    re.IGNORECASE,
)


def _section_strength(p: _Para) -> int:
    """2 for 'Aanbevelingen', 1 for 'Conclusies en aanbevelingen', 0 for anything else."""
    if p.marker is not None and p.marker.kind not in (NUM,):
        return 0
    text = _strip_number(p.text).rstrip(":").strip()
    if p.heading is None and (p.lines > 1 or not _is_title(text)):
        return 0
    if _SECTION_STRONG.match(text):
        return 2
    return 1 if _SECTION_WEAK.search(text) else 0
