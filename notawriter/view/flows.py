"""Flows: styled paragraphs of markup runs, their roles, and the small pure helpers the flows share.

`Para` and `Flow` are what every other view module builds and what word/paragraphs.py turns into Word
XML; the helpers format Kamerstuk numbers, motion citations, option titles and headings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from notawriter import markup
from notawriter.markup import Block, MotieRef, Placement, Redacted, Run, Text
from notawriter.model import Beslispunt, Motie, Optie

#: Paragraph roles; word/paragraphs.py maps them to the template's Word styles.
BODY, BULLET1, BULLET2, H1, H2, H3, LABEL, MARKER, PLACEHOLDER = (
    "body", "bullet1", "bullet2", "h1", "h2", "h3", "label", "marker", "placeholder",
)
OPTION_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class Para:
    """One paragraph: a role (style) and its runs."""

    role: str
    runs: tuple[Run, ...]


@dataclass
class Flow:
    """A sequence of paragraphs placed by one `{{p name}}` tag."""

    paras: list[Para] = field(default_factory=list)

    def add(self, role: str, runs: Iterable[Run]) -> None:
        self.paras.append(Para(role, tuple(runs)))

    def text(self, role: str, text: str, **fmt: bool) -> None:
        self.add(role, (Text(text, **fmt),))

    def markup(self, text: str | None, role: str = BODY, bullets: tuple[str, str] = (BULLET1, BULLET2)) -> None:
        """Add parsed markup: paragraphs get `role`, bullets the bullet roles. A placement mark
        (`[opties:KEY]`) where nothing expands it is left out (`check` points it out)."""
        for block in markup.parse(text):
            runs = tuple(r for r in block.runs if not isinstance(r, Placement))
            if runs or not block.runs:
                self.add(_role_of(block, role, bullets), runs)

    def extend(self, other: Flow) -> None:
        self.paras.extend(other.paras)

    def __bool__(self) -> bool:
        return bool(self.paras)

    def plain(self) -> list[str]:
        """Paragraph texts without formatting (for diffs and tests)."""
        return ["".join(r.text for r in p.runs if not isinstance(r, MotieRef)) for p in self.paras]


def _role_of(block: Block, paragraph_role: str, bullets: tuple[str, str]) -> str:
    if block.level == 0:
        return paragraph_role
    return bullets[min(block.level, 2) - 1]


# --- small pure helpers -------------------------------------------------------------------------


def format_dossier(number: str) -> str:
    """'36600' → '36 600' (Kamerstuk numbers are grouped by thousands with a space)."""
    digits = number.replace(" ", "")
    if not digits.isdigit():
        return number
    groups: list[str] = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return " ".join(groups)


def motion_name(motie: Motie) -> str:
    """'motie-Boomsma', 'motie-Boomsma/Van Dijk' or 'motie-Boomsma c.s.'."""
    names = [i.naam for i in motie.indieners] or ["(indiener onbekend)"]
    if len(names) == 2 and not motie.medeindienende_fracties:
        return f"motie-{names[0]}/{names[1]}"
    suffix = " c.s." if len(names) > 1 or motie.medeindienende_fracties else ""
    return f"motie-{names[0]}{suffix}"


def kamerstuk(motie: Motie) -> str:
    """'Kamerstuk 36 600 XX, nr. 24'."""
    if not motie.dossier:
        return "Kamerstuk (nummer onbekend)"
    number = format_dossier(motie.dossier)
    if motie.toevoeging:
        # '36 600 XX' (a budget chapter) but '21 501-02' (a numbered sub-dossier)
        number += f"-{motie.toevoeging}" if motie.toevoeging.isdigit() else f" {motie.toevoeging}"
    return f"Kamerstuk {number}" + (f", nr. {motie.volgnummer}" if motie.volgnummer else "")


def motion_citation(motie: Motie) -> str:
    """'motie-Boomsma c.s. (Kamerstuk 36 600 XX, nr. 24)' — the form used in running text."""
    return f"{motion_name(motie)} ({kamerstuk(motie)})"


def motion_parties(motie: Motie) -> list[str]:
    parties = [i.fractie for i in motie.indieners if i.fractie] + list(motie.medeindienende_fracties)
    return list(dict.fromkeys(parties))


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def approval_intro(akkoord: list[str]) -> str:
    """'Uw akkoord (M) met:', 'Uw beider akkoord (M+R) met:', 'Uw aller akkoord (M+R+S) met:'."""
    who = "+".join(akkoord)
    if len(akkoord) <= 1:
        return f"Uw akkoord ({who}) met:" if who else "Uw akkoord met:"
    return f"Uw {'beider' if len(akkoord) == 2 else 'aller'} akkoord ({who}) met:"


def option_letter(index: int) -> str:
    return OPTION_LETTERS[index] if index < len(OPTION_LETTERS) else str(index + 1)


def option_title(index: int, optie: Optie) -> str:
    return f"Optie {option_letter(index)} – {optie.label or optie.key}"


def effective_choice(bp: Beslispunt, choose: Mapping[str, str]) -> str | None:
    """The option to show: a `--choose` override, else the recorded keuze, else None (open)."""
    return choose.get(bp.key or "", bp.keuze)


def first_sentence(text: str, limit: int = 90) -> str:
    plain = " ".join(markup.plain_text(text).split())
    plain = plain.lstrip("- ")
    if len(plain) <= limit:
        return plain.rstrip(":")
    cut = plain[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"


def _point_heading(flow: Flow, role: str, bp: Beslispunt) -> None:
    """A decision point's heading: its first sentence; a redacted name in it stays a Redacted run
    (untruncated) so the public version shows the ground instead of leaking it as plain text."""
    blocks = markup.parse(bp.tekst)
    if blocks and any(isinstance(r, Redacted) for r in blocks[0].runs):
        flow.add(role, (r if isinstance(r, Redacted) else Text(r.text) for r in blocks[0].runs if not isinstance(r, MotieRef)))
    else:
        flow.text(role, first_sentence(bp.tekst) or (bp.key or ""))


def _flow_of(text: str | None) -> Flow:
    flow = Flow()
    flow.markup(text)
    return flow
