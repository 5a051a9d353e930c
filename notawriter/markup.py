"""The small text markup of free-text fields, parsed into blocks and runs (pure, no Word).

    Een alinea. Een witregel begint een nieuwe alinea.

    - een opsommingsteken
      - een genest opsommingsteken (twee spaties ervoor)

    *cursief*, **vet**, een motie: [motie:boomsma-24] (wordt een voetnoot),
    een gelakte naam: [[5.1.2e:Jan Jansen]] (alleen in de openbare versie vervangen).

A marker without its partner stays literal text; a backslash makes the next character
literal (`\\*`, `\\[`, `\\\\`). A single line break inside a paragraph is a space.
Anything written as `[[GROND:tekst]]` is withheld from the public version, also with a mistyped
ground (`[[51.2e:…]]`): a typo must never publish a name. `notawriter check` reports grounds
that are not in WOO_GROUNDS.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache


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


Run = Text | MotieRef | Redacted

#: The grounds of the Wet open overheid (art. 5.1 and 5.2) a redaction mark may name.
WOO_GROUNDS = {
    "5.1.1a": "de eenheid van de Kroon in gevaar kan brengen",
    "5.1.1b": "de veiligheid van de Staat kan schaden",
    "5.1.1c": "vertrouwelijk meegedeelde bedrijfs- en fabricagegegevens",
    "5.1.1d": "bijzondere persoonsgegevens",
    "5.1.1e": "nationale identificatienummers",
    "5.1.2a": "de betrekkingen van Nederland met andere staten en internationale organisaties",
    "5.1.2b": "de economische of financiële belangen van de Staat",
    "5.1.2c": "de opsporing en vervolging van strafbare feiten",
    "5.1.2d": "inspectie, controle en toezicht door bestuursorganen",
    "5.1.2e": "de eerbiediging van de persoonlijke levenssfeer",
    "5.1.2f": "concurrentiegevoelige bedrijfs- en fabricagegegevens",
    "5.1.2h": "de beveiliging van personen en bedrijven",
    "5.1.2i": "het goed functioneren van de Staat",
    "5.1.5": "onevenredige benadeling",
    "5.2": "persoonlijke beleidsopvattingen",
}


@dataclass(frozen=True)
class Block:
    """A paragraph (level 0) or a bullet item (level 1 or 2)."""

    level: int
    runs: tuple[Run, ...] = field(default_factory=tuple)

    @property
    def plain(self) -> str:
        return "".join(r.text if not isinstance(r, MotieRef) else "" for r in self.runs)


_INLINE = re.compile(
    r"\\(?P<esc>[\\*\[\]])"
    r"|\*\*(?=\S)(?P<bold>.+?)(?<=\S)\*\*"
    r"|\*(?=[^\s*])(?P<italic>.+?)(?<=[^\s*])\*"
    r"|\[motie:(?P<motie>[A-Za-z0-9][A-Za-z0-9_.-]*)\]"
    r"|" + (_MARK := r"\[\[[ \t]*(?P<ground>[^\s\[\]:][^\[\]:\n]{0,15}?)[ \t]*:(?P<redacted>.+?)\]\]"),
    re.DOTALL,
)
_REDACTION_MARK = re.compile(_MARK.replace("?P<ground>", "").replace("?P<redacted>", ""), re.DOTALL)
_BULLET = re.compile(r"^(?P<indent> *)[-•] (?P<text>.*)$")


def parse_inline(text: str, bold: bool = False, italic: bool = False) -> tuple[Run, ...]:
    """Split one paragraph's text into runs."""
    runs: list[Run] = []
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            runs.append(Text(text[pos : m.start()], bold, italic))
        if m.group("esc") is not None:
            runs.append(Text(m.group("esc"), bold, italic))
        elif m.group("bold") is not None:
            runs.extend(parse_inline(m.group("bold"), True, italic))
        elif m.group("italic") is not None:
            runs.extend(parse_inline(m.group("italic"), bold, True))
        elif m.group("motie") is not None:
            runs.append(MotieRef(m.group("motie")))
        else:
            # '[[5.1.2e:**Jan**]]': the name is 'Jan' (it is what the leak check looks for)
            runs.append(Redacted(m.group("ground"), m.group("redacted").replace("*", "").strip(), bold, italic))
        pos = m.end()
    if pos < len(text):
        runs.append(Text(text[pos:], bold, italic))
    return tuple(_merge(runs))


def _merge(runs: list[Run]) -> list[Run]:
    """Join neighbouring text runs of the same format (escapes split them), and attach a footnote
    mark to the word before it ('de motie [motie:x]' gives 'de motie¹', as in print)."""
    merged: list[Run] = []
    for run in runs:
        last = merged[-1] if merged else None
        if isinstance(run, MotieRef) and isinstance(last, Text) and last.text.endswith(" ") and last.text.strip():
            merged[-1] = last = Text(last.text.rstrip(" "), last.bold, last.italic)
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
    return [run.key for block in parse(text) for run in block.runs if isinstance(run, MotieRef)]


def redacted_spans(text: str | None) -> list[Redacted]:
    return [run for block in parse(text) for run in block.runs if isinstance(run, Redacted)]


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
    problems = [
        f"'{ground}' in [[{ground}:…]] is geen Woo-grond; gebruik bijv. 5.1.2e (persoonlijke levenssfeer), "
        "5.1.2a (internationale betrekkingen), 5.1.2i (goed functioneren van de Staat) of 5.2"
        for ground in unknown_grounds(text)
    ]
    leftover = _unparsed_blocks(text)
    if m := _SUSPECT.search(leftover):  # the first is enough: one message per text
        start = max(0, m.start() - 20) if m.group() == "]]" else m.start()
        snippet = leftover[start : m.end() + 30].split("\n")[0].replace("\x00", "…").strip()
        problems.append(
            f"'{snippet}' lijkt een onvolledige markering; schrijf [[5.1.2e:naam]] voor een gelakte naam of "
            "[motie:sleutel] voor een motie (met \\[ blijft een haak gewoon tekst)"
        )
    return list(dict.fromkeys(problems))


def unpaired_formats(text: str | None) -> list[str]:
    """An '*' or '**' that did not pair up: it is printed as an asterisk, and the format is off."""
    leftover = _unparsed_blocks(text) if text else ""
    if "**" in leftover or re.search(r"(?<![\w*])\*(?=\S)", leftover):
        return ["'*' of '**' zonder partner: het sterretje komt letterlijk in het document; "
                "sluit vet af met ** en cursief met * (met \\* blijft een sterretje gewoon tekst)"]
    return []


# What is left of a mark after parsing: double brackets, or a single one opening a motion or a ground.
_SUSPECT = re.compile(r"\[\[|\]\]|\[\s*motie\b|\[\s*5\.\d")


def _unparsed_blocks(text: str) -> str:
    """What no mark or format took up, paragraph by paragraph as the documents get them: a mark
    across a blank line or a new bullet is two halves of nothing there, to be reported, not printed."""
    return "\n".join(_unparsed(joined) for _, joined in _joined_blocks(text))


def _unparsed(text: str) -> str:
    """The text with every recognised mark, escape and format replaced by NUL (formats' contents
    kept, since a broken mark can sit inside **bold**)."""
    out: list[str] = []
    pos = 0
    for m in _INLINE.finditer(text):
        out.append(text[pos : m.start()])
        inner = m.group("bold") if m.group("bold") is not None else m.group("italic")
        out.append(_unparsed(inner) if inner is not None else "\x00")
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def plain_text(text: str | None) -> str:
    """The text without markup, paragraphs joined by blank lines (for diffs, previews and checks)."""
    return "\n\n".join(("  " * b.level + "- " if b.level else "") + b.plain for b in parse(text))
