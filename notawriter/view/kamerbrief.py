"""The Kamerbrief's flows: its sections with the chosen (or every) option's text suggestion."""

from __future__ import annotations

from collections.abc import Mapping

from notawriter.model import Beslispunt, Nota
from notawriter.view.flows import H1, MARKER, PLACEHOLDER, Flow, _point_heading, effective_choice, option_title


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


def brief_secties_flow(nota: Nota, choose: Mapping[str, str]) -> Flow:
    flow = Flow()
    placed: set[str] = set()
    points = _points_by_key(nota)
    recommended = {a.beslispunt for a in nota.aanbevelingen}  # they are placed with their recommendation
    for sectie in nota.kamerbrief.secties:
        if sectie.titel:
            flow.text(H1, sectie.titel)
        flow.markup(sectie.tekst)
        bp = _beslispunt(nota, sectie.beslispunt, points)
        if bp is not None:
            placed.add(bp.key or "")
            flow.extend(tekstsuggestie_flow(bp, choose))
    # Decision points with options that no section places still reach the draft, at the end.
    for bp in nota.beslispunten:
        if bp.opties and bp.key not in placed and bp.key not in recommended:
            _point_heading(flow, H1, bp)
            flow.extend(tekstsuggestie_flow(bp, choose))
    return flow


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
