"""The Kamerbrief's flows: its sections with the chosen (or every) option's text suggestion.

`[opties:KEY]` in a text of the letter (inleiding, a section, slot) places that decision point's
text suggestion there, as `beslispunt: KEY` on a section does; `[argumenten:KEY]` prints nothing in
a letter (arguments are for the minister, not for parliament). A cabinet response to a report
still without an opening or a closing shows visible places for them (thanks, appreciation,
transition; closing), and any letter without signatories a visible signature block.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from notawriter import markup
from notawriter.markup import Placement
from notawriter.model import Beslispunt, Nota
from notawriter.view.flows import (
    H1,
    MARKER,
    PLACEHOLDER,
    Flow,
    _point_heading,
    effective_choice,
    option_title,
)
from notawriter.view.nota import markup_with_placements

#: The opening of a cabinet response to a report, until the drafter writes it.
OPENING_PLACEHOLDERS = (
    "[Dank voor het rapport en hoe het tot stand kwam: wie het onderzoek deed, in wiens opdracht, "
    "en wanneer het rapport werd aangeboden]",
    "[De algemene appreciatie van het kabinet: de belangrijkste bevindingen en hoe het kabinet die waardeert]",
    "[Overgang naar de aanbevelingen: hieronder gaat het kabinet in op de aanbevelingen van het rapport]",
)
CLOSING_PLACEHOLDER = "[Slot van de brief: bijvoorbeeld hoe en wanneer het kabinet uw Kamer verder informeert]"
SIGNATORY_PLACEHOLDER = {"titel": "[Functie van de ondertekenaar],", "naam": "[Naam van de ondertekenaar]"}


def tekstsuggestie_flow(bp: Beslispunt, choose: Mapping[str, str]) -> Flow:
    """The chosen option's text; while open, every option's text, each marked as an alternative."""
    flow = Flow()
    chosen = effective_choice(bp, choose)
    if chosen:
        _suggestion(flow, bp.optie(chosen).tekstsuggestie)
        return flow
    for i, optie in enumerate(bp.opties):
        flow.text(MARKER, f"[{option_title(i, optie)}]")
        _suggestion(flow, optie.tekstsuggestie)
    if bp.opties:
        flow.text(MARKER, "[Einde van de alternatieven]")
    return flow


def _suggestion(flow: Flow, text: str | None) -> None:
    """An option's text for the letter, or a visible place to write it (chosen or not)."""
    if text and text.strip():
        flow.markup(text)
    else:
        flow.text(PLACEHOLDER, "[Tekstsuggestie nog in te vullen]")


def brief_texts(nota: Nota) -> list[str | None]:
    """Every free text the letter prints as paragraphs."""
    brief = nota.kamerbrief
    return [brief.inleiding, *(s.tekst for s in brief.secties), brief.slot]


def placed_in_letter(nota: Nota) -> set[str]:
    """Keys of the decision points whose text suggestion a section or an `[opties:KEY]` places."""
    placed = {s.beslispunt for s in nota.kamerbrief.secties if s.beslispunt}
    placed.update(m.key for text in brief_texts(nota) for m in markup.placements(text) if m.kind == "opties")
    return placed


def brief_text_flow(nota: Nota, text: str | None, choose: Mapping[str, str], done: set[str] | None = None) -> Flow:
    """A text of the letter with each `[opties:KEY]` replaced by that point's text suggestion."""
    flow = Flow()
    done = done if done is not None else set()
    points = _points_by_key(nota)

    def expand(mark: Placement, level: int) -> None:
        bp = points.get(mark.key)
        if mark.kind == "opties" and bp is not None and bp.opties and mark.key not in done:
            done.add(mark.key)
            flow.extend(tekstsuggestie_flow(bp, choose))

    markup_with_placements(flow, text, "body", expand)
    return flow


def brief_secties_flow(nota: Nota, choose: Mapping[str, str], done: set[str] | None = None) -> Flow:
    flow = Flow()
    done = done if done is not None else set()
    points = _points_by_key(nota)
    recommended = {a.beslispunt for a in nota.aanbevelingen}  # they are placed with their recommendation
    marked = placed_in_letter(nota)
    for sectie in nota.kamerbrief.secties:
        if sectie.titel:
            flow.text(H1, sectie.titel)
        flow.extend(brief_text_flow(nota, sectie.tekst, choose, done))
        bp = _beslispunt(nota, sectie.beslispunt, points)
        if bp is not None and bp.key not in done:
            done.add(bp.key or "")
            flow.extend(tekstsuggestie_flow(bp, choose))
    # Decision points with options that nothing places still reach the draft, at the end.
    for bp in nota.beslispunten:
        if bp.opties and bp.key not in marked and bp.key not in done and bp.key not in recommended:
            _point_heading(flow, H1, bp)
            flow.extend(tekstsuggestie_flow(bp, choose))
    return flow


def inleiding_flow(nota: Nota, choose: Mapping[str, str], done: set[str]) -> Flow:
    """The letter's opening; for a report still without one, visible places: thanks, appreciation, transition."""
    text = nota.kamerbrief.inleiding
    if text and text.strip():
        return brief_text_flow(nota, text, choose, done)
    flow = Flow()
    for line in OPENING_PLACEHOLDERS if nota.aanbevelingen else ():
        flow.text(PLACEHOLDER, line)
    return flow


def slot_flow(nota: Nota, choose: Mapping[str, str], done: set[str]) -> Flow:
    """The letter's closing; a cabinet response to a report gets a visible place for one."""
    text = nota.kamerbrief.slot
    if text and text.strip():
        return brief_text_flow(nota, text, choose, done)
    flow = Flow()
    if nota.aanbevelingen:
        flow.text(PLACEHOLDER, CLOSING_PLACEHOLDER)
    return flow


def signatories(nota: Nota) -> list[dict[str, Any]]:
    """Title and name per signatory; a visible place while nobody signs."""
    signers = {o.afkorting: o for o in nota.ondertekenaars}
    found = [
        {"titel": f"De {signers[k].titel},", "naam": signers[k].naam}
        for k in nota.kamerbrief.ondertekening
        if k in signers
    ]
    return found or [dict(SIGNATORY_PLACEHOLDER)]


def _beslispunt(nota: Nota, key: str | None, by_key: dict[str, Beslispunt] | None = None) -> Beslispunt | None:
    if by_key is not None:
        return by_key.get(key) if key else None
    return next((b for b in nota.beslispunten if key and b.key == key), None)


def _points_by_key(nota: Nota) -> dict[str, Beslispunt]:
    """The first decision point with each key, as `_beslispunt` finds it, for many lookups."""
    index: dict[str, Beslispunt] = {}
    for bp in nota.beslispunten:
        if bp.key:
            index.setdefault(bp.key, bp)
    return index
