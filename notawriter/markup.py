"""The small text markup of free-text fields, parsed into blocks and runs (pure, no Word).

    Een alinea. Een witregel begint een nieuwe alinea.

    - een opsommingsteken
      - een genest opsommingsteken (twee spaties ervoor)

    *cursief*, **vet**, een motie: [motie:boomsma-24] (wordt een voetnoot),
    een gelakte naam: [[5.1.2e:Jan Jansen]] (alleen in de openbare versie vervangen),
    een vrije voetnoot: [voetnoot: Zie *het rapport*, [de website](https://www.example.org).]
    (een echte Word-voetnoot; erin mogen *cursief*, **vet**, een link en een gelakte naam),
    een link: [tekst](https://…) of <https://…>,
    de opties van een beslispunt hier: [opties:migratie] (per optie de regel, de tekstsuggestie en
    de argumenten), de argumenten en het ambtelijk advies van het beslispunt hier: [argumenten:migratie].

A marker without its partner stays literal text; a backslash makes the next character
literal (`\\*`, `\\[`, `\\]`, `\\\\`). A single line break inside a paragraph is a space.
Anything written as `[[GROND:tekst]]` is withheld from the public version, also with a mistyped
ground (`[[51.2e:…]]`): a typo must never publish a name. `notawriter check` reports grounds
that are not in WOO_GROUNDS.

A `[voetnoot: …]` ends at the ']' that closes its '[' (brackets inside pair up; `\\]` is a
literal one); its text starts unformatted, and a footnote inside it becomes its text in brackets.
Free and motion footnotes are numbered together in document order when a document is made
(word.footnotes.add_footnotes). `mark_problems` reports an unclosed, empty or nested footnote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from notawriter import woo as _woo


@dataclass(frozen=True)
class Text:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class MotieRef:
    key: str


@dataclass(frozen=True)
class Redacted:
    """A span of personal (or otherwise withheld) data with its Woo ground, e.g. '5.1.2e'."""

    ground: str
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Link:
    """A hyperlink: `[tekst](https://…)`, or `<https://…>` (the address is the text)."""

    text: str
    url: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Voetnoot:
    """A free footnote, `[voetnoot: …]`: its own runs (never another footnote), no text in the line itself."""

    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return ""  # the running text shows only the footnote's number


@dataclass(frozen=True)
class Placement:
    """`[opties:KEY]` or `[argumenten:KEY]`: the place where a decision point's options (or its
    arguments and advice) go. The view expands it; it prints no text of its own."""

    kind: str  # 'opties' or 'argumenten'
    key: str

    @property
    def text(self) -> str:
        return ""


Run = Text | MotieRef | Redacted | Link | Voetnoot | Placement

#: The grounds of the Wet open overheid (art. 5.1 and 5.2) a redaction mark may name (the table,
#: with the short descriptions a public version shows, is in woo.py).
WOO_GROUNDS = _woo.WOO_GROUNDS


@dataclass(frozen=True)
class Block:
    """A paragraph (level 0) or a bullet item (level 1 or 2)."""

    level: int
    runs: tuple[Run, ...] = field(default_factory=tuple)

    @property
    def plain(self) -> str:
        return "".join(r.text if not isinstance(r, MotieRef) else "" for r in self.runs)


def footnote_of(runs: tuple[Run, ...]) -> Voetnoot | None:
    """The free footnote these runs make, or None when they hold no text (an empty `[voetnoot: ]`)."""
    return Voetnoot(runs) if any(not isinstance(r, Text) or r.text.strip() for r in runs) else None


_INLINE = re.compile(
    r"\\(?P<esc>[\\*\[\]])"
    r"|(?P<voetnoot>\[[ \t]*[Vv]oetnoot[ \t]*:[ \t]*)"  # its end is the matching ']' (_marks)
    r"|\[(?P<linktext>[^\[\]]+)\]\((?P<url>https?://[^\s()<>\[\]]+)\)|<(?P<autourl>https?://[^\s<>\[\]]+)>"
    r"|\*\*(?=\S)(?P<bold>.+?)(?<=\S)\*\*"
    r"|\*(?=[^\s*])(?P<italic>.+?)(?<=[^\s*])\*"
    r"|\[motie:(?P<motie>[A-Za-z0-9][A-Za-z0-9_.-]*)\]"
    r"|\[(?P<place>opties|argumenten):(?P<placekey>[A-Za-z0-9][A-Za-z0-9_.-]*)\]"
    r"|" + (_MARK := r"\[\[[ \t]*(?P<ground>[^\s\[\]:][^\[\]:\n]{0,15}?)[ \t]*:(?P<redacted>.+?)\]\]"),
    re.DOTALL,
)
_REDACTION_MARK = re.compile(_MARK.replace("?P<ground>", "").replace("?P<redacted>", ""), re.DOTALL)
_BULLET = re.compile(r"^(?P<indent> *)[-•] (?P<text>.*)$")


def parse_inline(text: str, bold: bool = False, italic: bool = False) -> tuple[Run, ...]:
    """Split one paragraph's text into runs."""
    runs: list[Run] = []
    pos = 0
    for m, close in _marks(text):
        if m.start() > pos:
            runs.append(Text(text[pos : m.start()], bold, italic))
        if m.group("esc") is not None:
            runs.append(Text(m.group("esc"), bold, italic))
        elif m.group("voetnoot") is not None:
            # Its text starts unformatted (a footnote in bold text is not bold) and holds no footnote:
            # Word cannot nest them, so an inner one becomes its text in brackets (and `check` says so).
            note = footnote_of(parse_inline(_unnested(text[m.end() : close])))
            if note is not None:
                runs.append(note)
            pos = close + 1
            continue
        elif m.group("url") is not None:
            runs.append(Link(m.group("linktext"), m.group("url"), bold, italic))
        elif m.group("autourl") is not None:
            runs.append(Link(m.group("autourl"), m.group("autourl"), bold, italic))
        elif m.group("bold") is not None:
            runs.extend(parse_inline(m.group("bold"), True, italic))
        elif m.group("italic") is not None:
            runs.extend(parse_inline(m.group("italic"), bold, True))
        elif m.group("motie") is not None:
            runs.append(MotieRef(m.group("motie")))
        elif m.group("place") is not None:
            runs.append(Placement(m.group("place"), m.group("placekey")))
        else:
            # '[[5.1.2e:**Jan**]]': the name is 'Jan' (it is what the leak check looks for)
            runs.append(Redacted(m.group("ground"), m.group("redacted").replace("*", "").strip(), bold, italic))
        pos = m.end()
    if pos < len(text):
        runs.append(Text(text[pos:], bold, italic))
    return tuple(_merge(runs))


def _marks(text: str) -> Iterator[tuple[re.Match[str], int]]:
    """The marks of `text` in order, as `_INLINE.finditer`, each with the index of the ']' that
    closes it if it is a footnote (else -1). A `[voetnoot:` without its closing ']' is no mark (it
    stays literal text, which `check` reports); one with it is taken whole: its text may hold
    marks, links and escaped brackets of its own."""
    pos = 0
    pairs: dict[int, int] | None = None  # found on the first footnote: most texts have none
    while (m := _INLINE.search(text, pos)) is not None:
        if m.group("voetnoot") is None:
            yield m, -1
            pos = m.end()
            continue
        if pairs is None:
            pairs = _bracket_pairs(text)
        close = pairs.get(m.start(), -1)
        if close < 0:
            pos = m.start() + 1
            continue
        yield m, close
        pos = close + 1


_FOOTNOTE_OPENING = re.compile(r"\[[ \t]*[Vv]oetnoot[ \t]*:[ \t]*")


def _unnested(text: str) -> str:
    """A footnote's text with each footnote inside it written as its text in brackets, as Word
    nests none: 'a [voetnoot: b] c' gives 'a (b) c' (and `check` says so). One pass, no recursion."""
    if "oetnoot" not in text:
        return text
    pairs = _bracket_pairs(text)
    edits: dict[int, tuple[int, str]] = {}  # start → (end, replacement)
    for m in _FOOTNOTE_OPENING.finditer(text):
        close = pairs.get(m.start(), -1)
        if close >= 0:
            edits[m.start()] = (m.end(), "(" if m.start() == 0 or text[m.start() - 1].isspace() else " (")
            edits[close] = (close + 1, ")")
    out: list[str] = []
    pos = 0
    for start in sorted(edits):
        end, replacement = edits[start]
        out.append(text[pos:start] + replacement)
        pos = end
    return "".join(out) + text[pos:]


def _bracket_pairs(text: str) -> dict[int, int]:
    """Each '[' of the text → the index of the ']' that closes it (-1 if none), in one pass:
    brackets in between pair up ('[[5.1.2e:…]]', '[tekst](…)', '[motie:…]'), and a backslash
    escapes one. (Looking for each footnote's end on its own took time growing with the square
    of a text full of unclosed footnotes.)"""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 1
        elif char == "[":
            stack.append(i)
        elif char == "]" and stack:
            pairs[stack.pop()] = i
        i += 1
    pairs.update((start, -1) for start in stack)
    return pairs


def flattened(run: Run) -> Run:
    """A run as it can stand in a footnote: a footnote in a footnote becomes its text in brackets."""
    if isinstance(run, Voetnoot):
        return Text(" (" + "".join(r.text for r in run.runs if not isinstance(r, MotieRef)).strip() + ")")
    return run


def _merge(runs: list[Run]) -> list[Run]:
    """Join neighbouring text runs of the same format (escapes split them), and attach a footnote
    mark to the word before it ('de motie [motie:x]' gives 'de motie¹', as in print)."""
    merged: list[Run] = []
    for run in runs:
        last = merged[-1] if merged else None
        if isinstance(run, MotieRef | Voetnoot) and isinstance(last, Text) and last.text.endswith(" "):
            if last.text.strip():
                merged[-1] = last = Text(last.text.rstrip(" "), last.bold, last.italic)
            elif len(merged) > 1:  # '**motie** [voetnoot: …]': the space alone between them goes
                merged.pop()
                last = merged[-1]
        if isinstance(run, Text) and isinstance(last, Text) and (last.bold, last.italic) == (run.bold, run.italic):
            merged[-1] = Text(last.text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    return merged


@lru_cache(maxsize=32768)  # a 1000-point note has 20 000 texts; each is parsed by the checks and twice by the view
def parse(text: str | None) -> tuple[Block, ...]:
    """Parse a free-text field into blocks. Cached: the same text is parsed once per process."""
    if not text:
        return ()
    return tuple(Block(level, parse_inline(joined)) for level, joined in _joined_blocks(text) if joined)


def _joined_blocks(text: str) -> list[tuple[int, str]]:
    """(level, text) per paragraph or bullet, its lines joined by spaces: what inline parsing sees."""
    blocks = _raw_blocks(text.replace("\r\n", "\n").replace("\r", "\n"))
    return [(level, " ".join(line.strip() for line in lines)) for level, lines in blocks]


def _raw_blocks(text: str) -> list[tuple[int, list[str]]]:
    """Group lines into (level, lines) blocks: blank lines and bullets start new blocks."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    for line in text.split("\n"):
        if not line.strip():
            current = None
            continue
        bullet = _BULLET.match(line)
        if bullet:
            level = 1 if len(bullet.group("indent")) < 2 else 2
            current = [bullet.group("text")]
            blocks.append((level, current))
        elif current is not None:
            current.append(line)  # continuation of the paragraph or bullet above
        else:
            current = [line]
            blocks.append((0, current))
    return blocks


def motion_refs(text: str | None) -> list[str]:
    """Keys of the motions cited in a text, in order."""
    return [run.key for run in _all_runs(text) if isinstance(run, MotieRef)]


def _all_runs(text: str | None) -> Iterator[Run]:
    """Every run of the text, those inside its footnotes included (after the footnote itself)."""
    for block in parse(text):
        for run in block.runs:
            yield run
            if isinstance(run, Voetnoot):
                yield from run.runs


def placements(text: str | None) -> list[Placement]:
    """The `[opties:KEY]` / `[argumenten:KEY]` marks of a text, in order."""
    return [run for block in parse(text) for run in block.runs if isinstance(run, Placement)]


def redacted_spans(text: str | None) -> list[Redacted]:
    return [run for run in _all_runs(text) if isinstance(run, Redacted)]


def without_redactions(text: str) -> str:
    """The text with every `[[GROND:…]]` span left out (to find a name that also occurs unmarked)."""
    return _REDACTION_MARK.sub("", text)


def unknown_grounds(text: str | None) -> list[str]:
    """The grounds of the text's redaction marks that are not Woo grounds, in order, each once."""
    return list(dict.fromkeys(s.ground for s in redacted_spans(text) if s.ground not in WOO_GROUNDS))


def mark_problems(text: str | None) -> list[str]:
    """What is wrong with the text's marks, one Dutch message each: a redaction mark whose ground
    is no Woo ground (the text is still withheld), and anything that looks like a mark but is not
    one (`[[5.1.2e:Jan] (DCO)`, `[[5.1.2e Jan]]`, `[motie grinwis-45]`) — such text would be
    printed as it stands, names included."""
    if not text:
        return []
    return list(_mark_problems(text))


@lru_cache(maxsize=32768)
def _mark_problems(text: str) -> tuple[str, ...]:
    """mark_problems, remembered per text: render and the note checks both ask, and `watch` asks
    again for every unchanged field on each save."""
    problems = [
        f"'{ground}' in [[{ground}:…]] is geen Woo-grond; gebruik bijv. 5.1.2e (persoonlijke levenssfeer), "
        "5.1.2a (internationale betrekkingen), 5.1.2i (goed functioneren van de Staat) of 5.2"
        for ground in unknown_grounds(text)
    ]
    leftover = _unparsed_blocks(text)
    problems += _footnote_problems(text, leftover)
    if m := _SUSPECT.search(leftover):  # the first is enough: one message per text
        start = max(0, m.start() - 20) if m.group() == "]]" else m.start()
        snippet = leftover[start : m.end() + 30].split("\n")[0].replace("\x00", "…").strip()
        problems.append(
            f"'{snippet}' lijkt een onvolledige markering; schrijf [[5.1.2e:naam]] voor een gelakte naam of "
            "[motie:sleutel] voor een motie (met \\[ blijft een haak gewoon tekst)"
        )
    return tuple(dict.fromkeys(problems))


def _footnote_problems(text: str, leftover: str) -> list[str]:
    """A `[voetnoot:` that is never closed (printed as it stands), one with no text (left out), and a
    footnote inside a footnote (Word has none: its text is put in brackets)."""
    problems: list[str] = []
    if m := _OPEN_FOOTNOTE.search(leftover):
        snippet = leftover[m.start() : m.start() + 40].split("\n")[0].replace("\x00", "…").strip()
        problems.append(
            f"'{snippet}' is geen volledige voetnoot: schrijf [voetnoot: tekst], met de dubbele punt en "
            "een ']' erachter (een haak in de tekst van de voetnoot zelf schrijft u als \\[ of \\])"
        )
    notes = [note for _, joined in _joined_blocks(text) for note in _footnote_texts(joined)]
    if any(not footnote_of(parse_inline(note)) for note in notes):
        problems.append("lege voetnoot '[voetnoot: ]': schrijf de tekst na de dubbele punt, of haal de markering weg")
    if nested := next((note for note in notes if _footnote_texts(note)), None):
        problems.append(
            f"voetnoot in een voetnoot ('{nested[:40].strip()}'): dat kan niet in Word; de binnenste komt "
            "tussen haakjes in de tekst van de buitenste. Maak er twee voetnoten naast elkaar van"
        )
    return problems


_OPEN_FOOTNOTE = re.compile(r"\[\s*[Vv]oetnoot\b")


def _footnote_texts(text: str) -> list[str]:
    """The texts of the footnotes in one paragraph, as written (also inside **bold** or *italics*)."""
    found: list[str] = []
    for m, close in _marks(text):
        if m.group("voetnoot") is not None:
            found.append(text[m.end() : close])
        elif (inner := m.group("bold") or m.group("italic")) is not None:
            found.extend(_footnote_texts(inner))
    return found


def unpaired_formats(text: str | None) -> list[str]:
    """An '*' or '**' that did not pair up: it is printed as an asterisk, and the format is off."""
    leftover = _unparsed_blocks(text) if text else ""
    if "**" in leftover or re.search(r"(?<![\w*])\*(?=\S)", leftover):
        return ["'*' of '**' zonder partner: het sterretje komt letterlijk in het document; "
                "sluit vet af met ** en cursief met * (met \\* blijft een sterretje gewoon tekst)"]
    return []


# What is left of a mark after parsing: double brackets, or a single one opening a motion or a ground.
_SUSPECT = re.compile(r"\[\[|\]\]|\[\s*(?:motie|opties|argumenten)\b|\[\s*5\.\d")


def _unparsed_blocks(text: str) -> str:
    """What no mark or format took up, paragraph by paragraph as the documents get them: a mark
    across a blank line or a new bullet is two halves of nothing there, to be reported, not printed."""
    return "\n".join(_unparsed(joined) for _, joined in _joined_blocks(text))


def _unparsed(text: str) -> str:
    """The text with every recognised mark, escape and format replaced by NUL (formats' contents
    kept, since a broken mark can sit inside **bold**)."""
    out: list[str] = []
    pos = 0
    for m, close in _marks(text):
        out.append(text[pos : m.start()])
        if m.group("voetnoot") is not None:  # its own text is checked as well
            out.append("\x00" + _unparsed(_unnested(text[m.end() : close])) + "\x00")
            pos = close + 1
            continue
        inner = m.group("bold") if m.group("bold") is not None else m.group("italic")
        out.append(_unparsed(inner) if inner is not None else "\x00")
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def plain_text(text: str | None) -> str:
    """The text without markup, paragraphs joined by blank lines (for diffs, previews and checks)."""
    return "\n\n".join(("  " * b.level + "- " if b.level else "") + b.plain for b in parse(text))
