"""The recommendations' flows: the nota's kernpunten, the Kamerbrief's walk through them, the bijlage rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from notawriter import markup
from notawriter.markup import Run, Text
from notawriter.model import Aanbeveling, Appreciatie, Beslispunt, Nota
from notawriter.view.flows import BODY, BULLET1, BULLET2, H1, H2, PLACEHOLDER, Flow, _flow_of, effective_choice
from notawriter.view.kamerbrief import _beslispunt, _points_by_key, tekstsuggestie_flow

APPRECIATIE_TEKST = {
    Appreciatie.OVERNEMEN: "overnemen",
    Appreciatie.DEELS: "deels overnemen",
    Appreciatie.NIET: "niet overnemen",
    Appreciatie.STAAND_BELEID: "sluit aan bij staand beleid",
    Appreciatie.OPEN: "nog te bepalen",
}
RESPONSE_PLACEHOLDER = "[Reactie van het kabinet nog in te vullen]"
# The shipped appreciation options (key or library id): choosing one settles the appreciation.
APPRECIATIE_OF_OPTION = {
    "overnemen": Appreciatie.OVERNEMEN,
    "deels-overnemen": Appreciatie.DEELS,
    "niet-overnemen": Appreciatie.NIET,
    "staand-beleid": Appreciatie.STAAND_BELEID,
}


@dataclass(frozen=True)
class Settled:
    """Where a recommendation stands: its own appreciation, or the option chosen for its decision point."""

    label: str  # 'overnemen', or a chosen option's own label
    appreciatie: Appreciatie | None  # None: decided, with an option of the note's own
    reactie: str | None


def settled(item: Aanbeveling, bp: Beslispunt | None, choose: Mapping[str, str]) -> Settled:
    """An open recommendation whose decision point has a keuze (or a --choose) takes that option:
    its appreciation and its text, in the nota's count, the bijlage and the Kamerbrief alike."""
    chosen = effective_choice(bp, choose) if bp is not None and bp.opties else None
    if item.appreciatie is Appreciatie.OPEN and bp is not None and chosen:
        optie = bp.optie(chosen)
        origin = optie.herkomst.id if optie.herkomst else ""
        appreciatie = APPRECIATIE_OF_OPTION.get(optie.key) or APPRECIATIE_OF_OPTION.get(origin)
        label = APPRECIATIE_TEKST[appreciatie] if appreciatie else (optie.label or optie.key)
        return Settled(label, appreciatie, optie.tekstsuggestie)
    return Settled(APPRECIATIE_TEKST[item.appreciatie], item.appreciatie, item.reactie)


def settled_all(nota: Nota, choose: Mapping[str, str]) -> list[Settled]:
    points = _points_by_key(nota)
    return [settled(item, _beslispunt(nota, item.beslispunt, points), choose) for item in nota.aanbevelingen]


def aanbevelingen_summary(items: Sequence[Aanbeveling], states: Sequence[Settled] | None = None) -> str:
    """'Van de 23 aanbevelingen neemt het kabinet er 12 over, 4 deels, 5 niet; …' (`states`: as settled)."""
    found: list[Appreciatie | None] = [s.appreciatie for s in states] if states is not None else [i.appreciatie for i in items]
    count = {a: found.count(a) for a in Appreciatie}
    own = found.count(None)
    if count[Appreciatie.OPEN] == len(items):
        return f"Over alle {len(items)} aanbevelingen moet het kabinet nog besluiten."
    parts = [
        f"neemt het kabinet er {count[Appreciatie.OVERNEMEN]} over",
        f"{count[Appreciatie.DEELS]} deels",
        f"{count[Appreciatie.NIET]} niet",
    ]
    text = f"Van de {len(items)} aanbevelingen {', '.join(parts[:-1])} en {parts[-1]}."
    extra = []
    if count[Appreciatie.STAAND_BELEID]:
        extra.append(f"{count[Appreciatie.STAAND_BELEID]} sluiten aan bij staand beleid")
    if own:
        extra.append(f"over {own} is met een eigen optie besloten")
    if count[Appreciatie.OPEN]:
        extra.append(f"over {count[Appreciatie.OPEN]} moet nog worden besloten")
    if extra:
        text = text[:-1] + "; " + " en ".join(extra) + "."
    return text


def _groups(items: list[Aanbeveling]) -> list[tuple[str | None, list[Aanbeveling]]]:
    """Runs of consecutive recommendations with the same group, in the report's order
    (1, 2a, 2b, 3 stays 1, 2a, 2b, 3 even when only 2a and 2b have a theme)."""
    runs: list[tuple[str | None, list[Aanbeveling]]] = []
    for item in items:
        if runs and runs[-1][0] == item.groep:
            runs[-1][1].append(item)
        else:
            runs.append((item.groep, [item]))
    return runs


def kernpunten_aanbevelingen_flow(nota: Nota, choose: Mapping[str, str] | None = None) -> Flow:
    flow = Flow()
    if not nota.aanbevelingen:
        return flow
    states = dict(zip(map(id, nota.aanbevelingen), settled_all(nota, choose or {}), strict=True))
    flow.text(BODY, aanbevelingen_summary(nota.aanbevelingen, list(states.values())))
    for group, items in _groups(nota.aanbevelingen):
        if group:
            flow.text(H2, group)
        for item in items:
            lead, rest = _lead_and_rest(item.tekst)
            flow.add(BULLET1, (Text(f"Aanbeveling {item.nummer} ({states[id(item)].label}): ", bold=True), *lead))
            for block in rest:  # the recommendation's own sub-points, one level down
                flow.add(BULLET2, block.runs)
    return flow


def _lead_and_rest(text: str, italic: bool = False) -> tuple[tuple[Run, ...], list[markup.Block]]:
    """The paragraphs up to the first bullet as one run of text, and the blocks after them
    (a recommendation's sub-points: 'Opties hiervoor zijn onder meer:' followed by a list)."""
    blocks = markup.parse(text)
    first_bullet = next((i for i, b in enumerate(blocks) if b.level > 0), len(blocks))
    runs: list[Run] = []
    for i, block in enumerate(blocks[:first_bullet]):
        if i:
            runs.append(Text(" "))
        runs.extend(_styled(block.runs, italic))
    rest = [markup.Block(b.level, _styled(b.runs, italic)) for b in blocks[first_bullet:]]
    return tuple(runs), rest


def _styled(runs: Sequence[Run], italic: bool) -> tuple[Run, ...]:
    return tuple(Text(r.text, r.bold, italic or r.italic) if isinstance(r, Text) else r for r in runs)


def aanbevelingen_brief_flow(nota: Nota, choose: Mapping[str, str]) -> Flow:
    """The Kamerbrief's walk through the recommendations: 'Aanbeveling N: <text>' + response, under
    the report's own group headings (no heading of ours: the letter's sections are the drafter's)."""
    flow = Flow()
    points = _points_by_key(nota)
    for group, items in _groups(nota.aanbevelingen):
        if group:
            flow.text(H1, group)
        for item in items:
            lead, rest = _lead_and_rest(item.tekst, italic=True)
            flow.add(BODY, (Text(f"Aanbeveling {item.nummer}: ", bold=True), *lead))
            for block in rest:  # sub-points stay a list, in the recommendation's italics
                flow.add(BULLET1 if block.level == 1 else BULLET2 if block.level else BODY, block.runs)
            bp = _beslispunt(nota, item.beslispunt, points)
            if bp is not None and bp.opties:
                flow.extend(tekstsuggestie_flow(bp, choose))
            elif item.reactie and item.reactie.strip():
                flow.markup(item.reactie)
            else:
                flow.text(PLACEHOLDER, RESPONSE_PLACEHOLDER)
    return flow


def bijlage_rows(nota: Nota, choose: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Rows of the optional bijlage table: nr | aanbeveling | appreciatie | reactie."""
    return [
        {
            "nummer": item.nummer,
            "groep": item.groep or "",
            "aanbeveling": _flow_of(item.tekst),
            "appreciatie": state.label,
            "reactie": _flow_of(state.reactie) if state.reactie and state.reactie.strip() else _placeholder_flow(),
        }
        for item, state in zip(nota.aanbevelingen, settled_all(nota, choose or {}), strict=True)
    ]


def _placeholder_flow() -> Flow:
    flow = Flow()
    flow.text(PLACEHOLDER, RESPONSE_PLACEHOLDER)
    return flow
