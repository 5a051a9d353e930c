"""Import a report's recommendations (aanbevelingen) into a note file.

Three layers, each usable on its own:

* `reports.read_report(path)` turns a .txt, .md, .docx (or, with pypdf, .pdf) report into plain
  text (its own module).
* `parse_recommendations(text)` is pure: it finds the recommendations section(s), reads the
  numbered items (1, 1a, 3b-2, "Aanbeveling 4:" …) with their group and full text, merges a
  summary and a final chapter that state the same recommendations twice, and lists where it
  was unsure.
* `import_command(...)` writes a new note (-o) or adds to an existing one (--into) and prints
  a short Dutch report.

Parsing works on "paragraphs": physical lines joined back into paragraphs (hard-wrapped text,
broken lines, hyphenation at line ends), each with an optional list marker.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notawriter.errors import NotaError, OutputError
from notawriter.reports import TEXT_SUFFIXES, read_report

if TYPE_CHECKING:
    from notawriter.model import Aanbeveling

NO_GROUP = "(zonder groep)"

# --- result ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    """What the parser found: the recommendations, where, and what to check by hand."""

    aanbevelingen: list[Aanbeveling]
    onzeker: list[str] = field(default_factory=list)
    titel: str | None = None
    vindplaatsen: list[str] = field(default_factory=list)

    def per_groep(self) -> dict[str, list[str]]:
        """Recommendation numbers per group, in document order."""
        groups: dict[str, list[str]] = {}
        for a in self.aanbevelingen:
            groups.setdefault(a.groep or NO_GROUP, []).append(a.nummer)
        return groups


# --- lines and paragraphs -------------------------------------------------------------------------

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


# --- building the tree of one section -------------------------------------------------------------


@dataclass
class _Node:
    marker: _Marker
    paras: list[str]
    line: int
    indent: int
    group: str | None = None
    block: int = 1  # numbering block; > 1 when numbering restarts under a new group heading
    children: list[_Node] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.marker.label

    def lead(self) -> str:
        return "\n\n".join(p for p in self.paras if p)


def _next_letter(label: str) -> str:
    return chr(ord(label) + 1) if len(label) == 1 and label < "z" else ""


@dataclass
class _Section:
    """Collects the items of one recommendations section (or, `anywhere`, of the whole text)."""

    heading: str
    line: int
    level: int | None  # markdown level of the section heading; None for a plain-text heading
    anywhere: bool = False
    tops: list[_Node] = field(default_factory=list)
    kind: str | None = None
    group: str | None = None
    block: int = 1
    closed: bool = False  # after a heading in `anywhere` mode: ignore markers until the next item
    after_heading: bool = False  # the previous paragraph was a group heading
    notes: list[str] = field(default_factory=list)

    # -- feeding --

    def feed(self, paras: list[_Para]) -> None:
        for i, p in enumerate(paras):
            if not self._take(p, paras[i + 1 : i + 6]):
                break

    def _take(self, p: _Para, ahead: list[_Para]) -> bool:
        """Handle one paragraph; False ends the section."""
        after_heading, self.after_heading = self.after_heading, False
        if p.marker is not None and not self._numbered_heading(p):
            return self._marker(p, after_heading)
        if p.heading is not None:
            return self._heading(p, ahead)
        if _heading_like(p) or p.marker is not None:
            return self._plain_heading(p, ahead)
        if self.tops and not self.closed:
            self._owner().paras.append(p.text)
        return True

    def _numbered_heading(self, p: _Para) -> bool:
        """'5. Verantwoording' between 'Aanbeveling …' items is a chapter heading, not a sub-item."""
        m = p.marker
        if m is None or m.kind != NUM or p.indent >= 2 or not _is_title(p.text):
            return False
        return self.anywhere or (self.kind not in (None, NUM) and not self._accepts(p))

    def _heading(self, p: _Para, ahead: list[_Para]) -> bool:
        if self.anywhere:
            self.group, self.closed = p.text, True
            return True
        if self.level is None or p.heading <= self.level or _NEXT_PART.match(p.text):  # type: ignore[operator]
            return False
        self.group, self.closed, self.after_heading = p.text, bool(self.tops), True
        self._maybe_new_block(ahead)
        return True

    def _plain_heading(self, p: _Para, ahead: list[_Para]) -> bool:
        if self.anywhere:
            self.group, self.closed = p.text, True
            return True
        if _NEXT_PART.match(_strip_number(p.text)):
            return False
        following = next((q for q in ahead if q.marker is not None or _heading_like(q)), None)
        direct = bool(ahead) and ahead[0].marker is not None
        if following is None or following.marker is None or not self._accepts(following, after_heading=direct):
            return False
        if direct:
            self.group, self.closed, self.after_heading = p.text, bool(self.tops), True
            self._maybe_new_block(ahead)
        elif self.tops:
            self._owner().paras.append(p.text)  # an inner heading such as 'Toelichting'
        return True

    def _maybe_new_block(self, ahead: list[_Para]) -> None:
        nxt = ahead[0].marker if ahead else None
        if self.tops and self.kind == NUM and nxt is not None and nxt.kind == NUM and nxt.label == "1":
            self.block += 1

    def _accepts(self, p: _Para, after_heading: bool = False) -> bool:
        """Whether marker paragraph `p` starts the next item of this list (or the first one)."""
        m = p.marker
        assert m is not None
        if self.kind is None:
            return m.kind in (AANB, NUM, COMPOUND, LETTER, BULLET) and (not self.anywhere or m.kind == AANB)
        last = self.tops[-1]
        if {m.kind, self.kind} == {NUM, AANB} and not self.anywhere:  # '3.' after 'Aanbeveling 2', or vice versa
            return m.label.isdigit() and last.label.isdigit() and int(m.label) == int(last.label) + 1
        if self.anywhere or m.kind != self.kind:
            return m.kind == AANB and self.kind == AANB
        if m.kind == NUM:
            n, prev = int(m.label), int(last.label)
            return (n == prev + 1 or (n > prev and m.style == last.marker.style) or (after_heading and n == 1)) and (
                p.indent < last.indent + 2
            )
        if m.kind == LETTER:
            return m.label > last.label and m.style == last.marker.style and p.indent < last.indent + 2
        if m.kind == BULLET:
            return m.style == last.marker.style and abs(p.indent - last.indent) < 2
        return m.kind in (AANB, COMPOUND)

    def _marker(self, p: _Para, after_heading: bool = False) -> bool:
        m = p.marker
        assert m is not None
        node = _Node(m, [p.text], p.line, p.indent, self.group, self.block)
        if self._accepts(p, after_heading):
            self._new_top(node)
            return True
        if not self.tops or self.closed:
            return not (self.kind == NUM and m.kind == NUM)  # a list restarting at 1: a new chapter
        top = self.tops[-1]
        if self.kind == NUM and m.kind == NUM and p.indent < top.indent + 2:
            return False  # '1. Inleiding' after recommendation 3: the section is over
        self._attach(top, node)
        return True

    def _new_top(self, node: _Node) -> None:
        if self.kind is None:
            self.kind = node.marker.kind
        elif self.tops and node.marker.kind == NUM and node.block == self.tops[-1].block:
            prev = int(self.tops[-1].label)
            if int(node.label) > prev + 1:
                self.notes.append(f"na {prev} volgt {node.label}: nummer(s) ertussen niet gevonden")
        self.tops.append(node)
        self.closed = False

    def _attach(self, top: _Node, node: _Node) -> None:
        kind = node.marker.kind
        cur = top.children[-1] if top.children else None
        if kind in (LETTER, COMPOUND) and top.marker.kind != LETTER:
            if cur is not None and cur.marker.kind == LETTER and kind == LETTER and _nested_letter(cur, node):
                cur.children.append(node)
                return
            if cur is not None and cur.marker.kind == LETTER and kind == LETTER:
                expected = _next_letter(cur.label)
                if node.label != expected:
                    self.notes.append(
                        f"na {top.label}{cur.label} volgt {top.label}{node.label}; controleer de letters in het rapport"
                    )
            top.children.append(node)
            return
        owner = cur if cur is not None and cur.marker.kind in (LETTER, COMPOUND) and top.marker.kind != LETTER else top
        last = owner.children[-1] if owner.children else None
        if last is not None and node.indent >= last.indent + 2:
            last.children.append(node)
        else:
            owner.children.append(node)

    def _owner(self) -> _Node:
        """The item a following plain paragraph belongs to: the last item that is not a bullet."""
        top = self.tops[-1]
        if top.marker.kind != LETTER and top.children and top.children[-1].marker.kind in (LETTER, COMPOUND):
            return top.children[-1]
        return top


def _nested_letter(cur: _Node, node: _Node) -> bool:
    """A lettered item inside a lettered item, like 'd) Thema' followed by 'a.', 'b.'."""
    if node.indent >= cur.indent + 2:
        return True
    if node.label == _next_letter(cur.label) and node.marker.style == cur.marker.style:
        return False
    return node.label <= cur.label or node.marker.style != cur.marker.style


# --- from tree to recommendations -----------------------------------------------------------------


@dataclass
class _Rec:
    nummer: str
    groep: str | None
    tekst: str
    line: int


def _flatten(section: _Section) -> tuple[list[_Rec], list[str]]:
    recs: list[_Rec] = []
    notes = list(section.notes)
    blocks = {t.block for t in section.tops}
    if len(blocks) > 1:
        notes.append("de nummering begint per groep opnieuw; genummerd als 1.1, 1.2, 2.1 …")
    if section.kind == BULLET:
        notes.append("de aanbevelingen zijn niet genummerd; in volgorde genummerd als 1, 2, 3 …")
    for i, top in enumerate(section.tops, 1):
        label = str(i) if section.kind == BULLET else top.label
        if len(blocks) > 1 and section.kind == NUM:
            label = f"{top.block}.{label}"
        letters = [c for c in top.children if c.marker.kind in (LETTER, COMPOUND)]
        if letters and top.marker.kind != LETTER:
            group = _as_group(top.paras[0]) if top.paras and top.paras[0] else top.group
            others = [c for c in top.children if c not in letters]
            if others:
                notes.append(f"{label}: {len(others)} opsommingsteken(s) naast de punten met letters niet ingelezen")
            for child in letters:
                number = child.label if child.marker.kind == COMPOUND else f"{label}{child.label}"
                recs.extend(_item(number, child, group, notes))
        else:
            recs.extend(_item(label, top, top.group, notes))
    if recs and _runs_on(section):
        notes.append(
            f"{recs[-1].nummer}: de tekst loopt door na het laatste punt; controleer waar de aanbeveling eindigt"
        )
    return recs, notes


def _runs_on(section: _Section) -> bool:
    """Whether the section's last item took in loose paragraphs that may belong to the next part."""
    last = section.tops[-1]
    while last.children and last.children[-1].marker.kind in (LETTER, COMPOUND) and last.marker.kind != LETTER:
        last = last.children[-1]
    expected = 3 if last.marker.kind == AANB else 1  # 'Aanbeveling 1: title', then a body of a paragraph or two
    return len([p for p in last.paras if p]) > expected


def _as_group(text: str) -> str:
    return text.strip().rstrip(".:;").strip()


def _sentence(text: str) -> bool:
    """A full sentence: starts with a capital, ends with a full stop (or ! ?)."""
    t = text.strip()
    return bool(t) and t[0].isupper() and t.endswith((".", "!", "?"))


def _item(number: str, node: _Node, group: str | None, notes: list[str]) -> list[_Rec]:
    """One recommendation, or one per sub-item when the item is a list of recommendations."""
    lead = node.lead()
    subs = node.children
    if not subs:
        return [_Rec(number, group, lead, node.line)]
    texts = [_render(s) for s in subs]
    title_lead = not lead or (len(node.paras) == 1 and _is_title(lead))
    if title_lead or (lead.endswith(":") and all(_sentence(s.lead()) for s in subs)):
        if title_lead:
            sub_group = _as_group(lead) if lead else group
            return [
                _Rec(f"{number}-{n}", sub_group, t, s.line) for n, (s, t) in enumerate(zip(subs, texts, strict=True), 1)
            ]
        notes.append(
            f"{number}: de {len(subs)} punten van de opsomming zijn aparte aanbevelingen geworden "
            f"({number}-1 t/m {number}-{len(subs)}), elk met de inleidende zin ervoor"
        )
        return [
            _Rec(f"{number}-{n}", group, f"{lead} {t}", s.line)
            for n, (s, t) in enumerate(zip(subs, texts, strict=True), 1)
        ]
    notes.append(
        f"{number}: bevat een opsomming van {len(subs)} punten; ingelezen als één aanbeveling met de punten in de tekst"
    )
    body = "\n".join(f"- {t}" if "\n" not in t else "- " + t.replace("\n", "\n  ") for t in texts)
    return [_Rec(number, group, f"{lead}\n{body}" if lead else body, node.line)]


def _render(node: _Node) -> str:
    """A sub-item as one line of markup, its own sub-items as nested bullets."""
    text = " ".join(p for p in node.paras if p)
    for child in node.children:
        text += f"\n- {' '.join(p for p in child.paras if p)}"
    return text


# --- merging summary and final chapter ------------------------------------------------------------


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def similarity(a: str, b: str) -> float:
    """Word-level similarity of two texts, 0..1."""
    return difflib.SequenceMatcher(None, _words(a), _words(b), autojunk=False).ratio()


def overlap(a: str, b: str) -> float:
    """How much of the shorter text recurs, in order, in the longer one, 0..1 (a summary in its chapter)."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    matcher = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / min(len(wa), len(wb))


def _same(a: str, b: str) -> bool:
    return similarity(a, b) >= 0.6 or overlap(a, b) >= 0.8


def _natural_key(number: str) -> tuple[Any, ...]:
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.findall(r"\d+|[a-z]+", number))


def _primary(found: list[tuple[str, list[_Rec]]]) -> int:
    """The section that leads: most recommendations, then most text, then the last one (the final chapter)."""
    return max(range(len(found)), key=lambda i: (len(found[i][1]), sum(len(r.tekst) for r in found[i][1]), i))


def _merge(found: list[tuple[str, list[_Rec]]], primary: int) -> tuple[list[_Rec], list[str]]:
    """One list from several sections that repeat each other (summary and final chapter).

    A recommendation is the same when its text is similar (not merely its number: a summary
    may letter differently); the leading section's text is kept unless the other is clearly fuller.
    """
    where, merged = found[primary][0], [_Rec(r.nummer, r.groep, r.tekst, r.line) for r in found[primary][1]]
    notes: list[str] = []
    for index in (i for i in range(len(found)) if i != primary):
        other, recs = found[index]
        renumbered: list[str] = []
        for rec in recs:
            by_number = next((r for r in merged if r.nummer == rec.nummer), None)
            match: _Rec | None
            if by_number is not None and (
                _same(by_number.tekst, rec.tekst) or overlap(by_number.tekst, rec.tekst) >= 0.6
            ):
                match = by_number
            else:
                candidates = [r for r in merged if _same(r.tekst, rec.tekst)]
                match = max(candidates, key=lambda r: similarity(r.tekst, rec.tekst), default=None)
                if match is not None:
                    renumbered.append(f"{rec.nummer} = {match.nummer}")
            split = [r.nummer for r in merged if re.match(re.escape(rec.nummer) + r"[a-z-]", r.nummer)]
            if match is None and split and by_number is None:
                notes.append(f"{rec.nummer} bij {other} staat bij {where} uitgesplitst in {split[0]} t/m {split[-1]}")
                continue
            if match is None:
                if by_number is not None:
                    notes.append(
                        f"{rec.nummer} bij {other} is een andere aanbeveling dan {rec.nummer} bij {where} "
                        "en is niet ingelezen; controleer of er een ontbreekt"
                    )
                else:
                    notes.append(f"{rec.nummer}: alleen gevonden bij {other}")
                    merged.append(rec)
                continue
            fuller = len(rec.tekst) > 1.1 * len(match.tekst)
            if overlap(match.tekst, rec.tekst) < 0.9:  # not just a shorter or longer version of the same text
                kept = other if fuller else where
                notes.append(f"{match.nummer}: tekst bij {other} wijkt af van {where}; die van {kept} is overgenomen")
            if fuller:
                match.tekst = rec.tekst
            match.groep = match.groep or rec.groep
        if renumbered:
            notes.append(f"{other} nummert anders ({', '.join(renumbered)}); de nummering van {where} is aangehouden")
    if all(re.fullmatch(r"[0-9a-z.-]+", r.nummer) for r in merged):
        merged.sort(key=lambda r: _natural_key(r.nummer))
    return merged, notes


def _dedupe(recs: list[_Rec], notes: list[str]) -> list[_Rec]:
    """Within one section: the same number twice keeps the fuller text."""
    out: dict[str, _Rec] = {}
    for rec in recs:
        if (seen := out.get(rec.nummer)) is None:
            out[rec.nummer] = rec
            continue
        notes.append(f"{rec.nummer}: komt twee keer voor; de langste tekst is overgenomen")
        if len(rec.tekst) > len(seen.tekst):
            seen.tekst = rec.tekst
    return list(out.values())


# --- the parser -----------------------------------------------------------------------------------


def _sections(paras: list[_Para]) -> Iterator[_Section]:
    """Every recommendations section, fed with the paragraphs after its heading."""
    strengths = [_section_strength(p) for p in paras]
    for wanted in (2, 1):
        found = False
        for i, p in enumerate(paras):
            if strengths[i] != wanted:
                continue
            section = _Section(_strip_number(p.text).rstrip(":"), p.line, p.heading)
            section.feed(paras[i + 1 :])
            if section.tops:
                found = True
                if wanted == 1:
                    section.notes.append(
                        f"kop '{section.heading}' bevat meer dan aanbevelingen; controleer of elk punt een aanbeveling is"
                    )
                yield section
        if found:
            return
    section = _Section("", 0, None, anywhere=True)
    section.feed(paras)
    if section.tops:
        yield section


def _title(paras: list[_Para]) -> str | None:
    first = paras[:25]
    for p in first:
        if p.heading == 1 and not _section_strength(p):
            return p.text
    opening = next((q for q in first if q.text), None)
    if opening is not None and opening.marker is None and _heading_like(opening) and len(opening.text) >= 4:
        return None if _section_strength(opening) else _strip_number(opening.text)
    return None


def parse_recommendations(text: str, unit: str | None = "regel") -> ImportResult:
    """Find the recommendations in a report's text.

    `unit` names a location in the notes ('regel 177'); None leaves locations out (for .docx
    and .pdf, whose extracted text has no lines the user can look up).
    """
    from notawriter.model import Aanbeveling

    paras = _paragraphs(text)
    found: list[tuple[str, list[_Rec]]] = []
    section_notes: list[list[str]] = []
    for section in _sections(paras):
        recs, notes = _flatten(section)
        recs = _dedupe(recs, notes)
        if recs:
            found.append((_where(section, unit, len(found)), recs))
            section_notes.append(notes)
    if not found:
        return ImportResult([], [], _title(paras), [])
    primary = _primary(found)
    notes = list(section_notes[primary])
    for i, other in enumerate(section_notes):
        notes.extend(f"{found[i][0]}: {n}" for n in other if i != primary and n not in section_notes[primary])
    merged, merge_notes = _merge(found, primary)
    notes.extend(merge_notes)
    notes.extend(_odd_texts(merged))
    aanbevelingen = [Aanbeveling(nummer=r.nummer, groep=r.groep, tekst=r.tekst) for r in merged]
    return ImportResult(aanbevelingen, notes, _title(paras), [w for w, _ in found])


def _where(section: _Section, unit: str | None, index: int) -> str:
    if section.anywhere:
        return "kopjes 'Aanbeveling …' in de tekst"
    place = f"'{section.heading}'"
    if unit:
        return f"{place} ({unit} {section.line})"
    return place if index == 0 else f"{place} ({index + 1}e vindplaats)"


def _odd_texts(recs: list[_Rec]) -> Iterator[str]:
    for r in recs:
        if len(r.tekst) < 25:
            yield f"{r.nummer}: zeer korte tekst ('{r.tekst}'); is dit een kop in plaats van een aanbeveling?"
        elif len(r.tekst) > 2000:
            yield f"{r.nummer}: zeer lange tekst ({len(r.tekst)} tekens); loopt de aanbeveling door in gewone tekst?"


# --- the command ----------------------------------------------------------------------------------


def import_report(report: Path) -> ImportResult:
    """Read and parse a report; a NotaError when it has no recommendations we can find."""
    text = read_report(report)
    unit = "regel" if report.suffix.lower() in TEXT_SUFFIXES else None
    result = parse_recommendations(text, unit=unit)
    if not result.aanbevelingen:
        raise NotaError(
            f"{report}: geen aanbevelingen gevonden; verwacht een kop 'Aanbevelingen' met genummerde punten "
            "(1., 2. of a), b)) of kopjes als 'Aanbeveling 1:'; zet zo'n kop boven de lijst en probeer opnieuw"
        )
    return result


def new_note(result: ImportResult, report: Path) -> Any:
    """A minimal valid note holding the imported recommendations."""
    from notawriter.model import Kop, Nota, NotaType

    subject = f"Kabinetsreactie op {result.titel or report.stem}"
    return Nota(kop=Kop(type=NotaType.TER_BESLISSING, onderwerp=subject), aanbevelingen=result.aanbevelingen)


def add_to_document(doc: Any, recs: Iterable[Aanbeveling]) -> int:
    """Append recommendations to a loaded round-trip note; refuses numbers already present."""
    from ruamel.yaml.comments import CommentedSeq

    from notawriter.model import Kop, Nota
    from notawriter.notefile import to_yaml_data, validate

    recs = list(recs)
    existing = doc.data.get("aanbevelingen")
    present = {str(item.get("nummer")) for item in existing or [] if hasattr(item, "get")}
    if dupes := [r.nummer for r in recs if r.nummer in present]:
        raise NotaError(
            f"{doc.path}: aanbeveling(en) {', '.join(dupes)} staan al in de nota; niets toegevoegd. "
            "Haal ze eerst weg uit de nota of lees in als nieuwe nota met -o"
        )
    items = to_yaml_data(Nota(kop=Kop(onderwerp="-"), aanbevelingen=recs))["aanbevelingen"]
    if not existing:
        doc.data["aanbevelingen"] = CommentedSeq()
    for item in items:
        doc.data["aanbevelingen"].append(item)
    doc.nota = validate(doc.data, doc.path)
    return len(doc.data["aanbevelingen"])


def report_lines(result: ImportResult, report: Path) -> list[str]:
    """The short Dutch summary printed after an import."""
    n = len(result.aanbevelingen)
    lines = [f"{n} aanbeveling{'en' if n != 1 else ''} gevonden in {report.name}"]
    if result.vindplaatsen:
        lines[0] += f" (bij {' en '.join(result.vindplaatsen)})"
    lines.append("Per groep:")
    for group, numbers in result.per_groep().items():
        span = numbers[0] if len(numbers) == 1 else f"{numbers[0]} t/m {numbers[-1]}"
        name = group if len(group) <= 70 else group[:69] + "…"
        lines.append(f"  {len(numbers):>3}  {name} ({span})")
    if result.onzeker:
        lines.append("Controleer in het rapport:")
        lines.extend(f"  - {note}" for note in result.onzeker)
    return lines


def import_command(report: Path, output: Path | None, into: Path | None) -> int:
    """`notawriter import-aanbevelingen RAPPORT (-o NIEUW.yaml | --into NOTA.yaml)`."""
    from notawriter.notefile import load_document, save_document, save_note

    if (output is None) == (into is None):
        raise NotaError("geef precies één doel op: -o NIEUW.yaml (nieuwe nota) of --into NOTA.yaml (aanvullen)")
    if output is not None and output.exists():
        raise OutputError(
            f"{output}: bestaat al en wordt niet overschreven; kies een andere naam of vul aan met --into {output}"
        )
    doc = load_document(into) if into is not None else None
    result = import_report(report)
    if doc is not None:
        total = add_to_document(doc, result.aanbevelingen)
        save_document(doc)
        done = f"Toegevoegd aan {into}: de nota heeft nu {total} aanbeveling{'en' if total != 1 else ''}."
    else:
        save_note(output, new_note(result, report))  # type: ignore[arg-type]
        done = f"Nieuwe nota geschreven: {output}"
    for line in report_lines(result, report):
        print(line)
    print(done)
    return 0
