"""The nota's flows: geadviseerd besluit, options, motions, sections, Leeswijzer and attachments."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from notawriter import markup
from notawriter.markup import MotieRef, Run, Text
from notawriter.model import Beslispunt, Motie, Nota, Optie
from notawriter.view.flows import (
    BODY,
    BULLET1,
    BULLET2,
    H1,
    H2,
    H3,
    LABEL,
    Flow,
    _point_heading,
    approval_intro,
    capitalize,
    effective_choice,
    kamerstuk,
    motion_citation,
    motion_name,
    motion_parties,
    option_title,
)


def besluit_flow(nota: Nota, choose: Mapping[str, str]) -> Flow:
    """Geadviseerd besluit: decision points grouped per set of approvers, in first-seen order."""
    groups: dict[tuple[str, ...], list[Beslispunt]] = {}
    for bp in nota.beslispunten:
        groups.setdefault(tuple(bp.akkoord), []).append(bp)
    flow = Flow()
    for akkoord, points in groups.items():
        flow.text(LABEL, approval_intro(list(akkoord)))
        for bp in points:
            flow.markup(bp.tekst, role=BULLET1, bullets=(BULLET1, BULLET2))
            chosen = effective_choice(bp, choose)
            for i, optie in enumerate(bp.opties):
                runs: list[Run] = [Text(option_title(i, optie), bold=True)]
                summary = markup.parse(optie.samenvatting)
                if summary:
                    runs.append(Text(": "))
                    runs.extend(summary[0].runs)
                note = _option_note(bp, optie, chosen)
                if note:
                    runs.append(Text(f" ({note})", italic=True))
                flow.add(BULLET2, runs)
            if bp.opties and bp.ambtelijk_advies is None and bp.advies_toelichting:
                flow.markup(bp.advies_toelichting, role=BULLET2, bullets=(BULLET2, BULLET2))
    return flow


def _option_note(bp: Beslispunt, optie: Optie, chosen: str | None) -> str:
    notes = []
    if bp.ambtelijk_advies == optie.key:
        notes.append("ambtelijk advies")
    if chosen == optie.key:
        # A `--choose` preview is not a decision: say so, so a preview never passes for one.
        notes.append("gekozen" if bp.keuze == optie.key else "voorbeeld van een keuze")
    return ", ".join(notes)


def opties_flow(nota: Nota, choose: Mapping[str, str]) -> Flow:
    """Per decision point with options: the advice, and per option its text and arguments."""
    flow = Flow()
    motions = _motions_by_key(nota)
    for bp in nota.beslispunten:
        if not bp.opties:
            continue
        _point_heading(flow, H2, bp)
        if bp.ambtelijk_advies:
            i = [o.key for o in bp.opties].index(bp.ambtelijk_advies)
            flow.add(BODY, (Text("Ambtelijk advies: ", bold=True), Text(option_title(i, bp.opties[i]) + ".")))
        if bp.advies_toelichting:
            flow.markup(bp.advies_toelichting)
        chosen = effective_choice(bp, choose)
        if chosen:
            i = [o.key for o in bp.opties].index(chosen)
            label = "Keuze: " if bp.keuze == chosen else "Voorbeeld van een keuze (nog niet vastgelegd): "
            flow.add(BODY, (Text(label, bold=True), Text(option_title(i, bp.opties[i]) + ".")))
        for i, optie in enumerate(bp.opties):
            flow.text(H3, option_title(i, optie))
            flow.markup(optie.samenvatting)
            _labelled(flow, "Tekstsuggestie voor de Kamerbrief:", optie.tekstsuggestie)
            _labelled_list(flow, "Argumenten voor:", optie.argumenten_voor)
            _labelled_list(flow, "Argumenten tegen:", optie.argumenten_tegen)
            _motion_list(flow, nota, optie.moties + [k for k in bp.moties if k not in optie.moties and i == 0], motions)
    return flow


def _labelled(flow: Flow, label: str, text: str | None) -> None:
    if text and text.strip():
        flow.text(LABEL, label)
        flow.markup(text)


def _labelled_list(flow: Flow, label: str, items: list[str]) -> None:
    items = [item for item in items if item.strip()]
    if not items:
        return
    flow.text(LABEL, label)
    for item in items:
        for j, block in enumerate(markup.parse(item)):
            flow.add(BULLET1 if j == 0 or block.level == 0 else BULLET2, block.runs)


def _motions_by_key(nota: Nota) -> dict[str, list[Motie]]:
    """The note's motions by key (a lookup per key instead of a scan: linear, not quadratic)."""
    index: dict[str, list[Motie]] = {}
    for motie in nota.moties:
        index.setdefault(motie.key, []).append(motie)
    return index


def _motion_list(flow: Flow, nota: Nota, keys: list[str], by_key: dict[str, list[Motie]] | None = None) -> None:
    index = by_key if by_key is not None else _motions_by_key(nota)
    motions = [m for k in dict.fromkeys(keys) for m in index.get(k, ())]
    if not motions:
        return
    flow.text(LABEL, "Gerelateerde moties:")
    for motie in motions:
        flow.add(BULLET1, (Text(capitalize(motion_citation(motie))), MotieRef(motie.key)))


def moties_flow(nota: Nota) -> Flow:
    """Relevante moties: each motion's citation, parties, status and request."""
    flow = Flow()
    for motie in nota.moties:
        parties = motion_parties(motie)
        head = capitalize(motion_name(motie)) + (f" ({', '.join(parties)})" if parties else "")
        runs: list[Run] = [Text(head, bold=True), Text(f", {kamerstuk(motie)}, {motie.status.value}")]
        request = markup.parse(motie.verzoek)
        if request:
            runs.append(Text(": "))
            runs.extend(request[0].runs)
        flow.add(BULLET1, runs)
        for block in request[1:]:
            flow.add(BULLET2, block.runs)
    return flow


def secties_flow(nota: Nota) -> Flow:
    flow = Flow()
    for sectie in nota.secties:
        _section(flow, sectie, depth=0)
    return flow


def _section(flow: Flow, sectie: Any, depth: int) -> None:
    flow.text((H1, H2, H3)[min(depth, 2)], sectie.titel)
    flow.markup(sectie.tekst)
    for sub in sectie.subsecties:
        _section(flow, sub, depth + 1)


def leeswijzer_flow(nota: Nota, has_options: bool, has_aanbevelingen: bool) -> Flow:
    """The given Leeswijzer, or one generated from the sections that follow it."""
    flow = Flow()
    if nota.leeswijzer:
        flow.markup(nota.leeswijzer)
        return flow
    if not (has_aanbevelingen or nota.secties or has_options or nota.moties or nota.communicatie):
        return flow  # nothing follows that a reader needs guiding through
    flow.text(BODY, "Deze nota schetst:")
    if has_aanbevelingen:
        flow.text(BULLET1, "De kernpunten van de kabinetsreactie per aanbeveling;")
    for sectie in nota.secties:
        flow.text(BULLET1, f"{sectie.titel};")
        for sub in sectie.subsecties:
            flow.text(BULLET2, f"{sub.titel};")
    if has_options:
        flow.text(BULLET1, "De opties per beslispunt, met tekstsuggesties en argumenten voor en tegen;")
    if nota.moties:
        flow.text(BULLET1, "De relevante moties;")
    if nota.communicatie:
        flow.text(BULLET1, "Communicatie en woordvoering.")
    return flow


def bijlagen_flow(nota: Nota) -> Flow:
    flow = Flow()
    for item in nota.bijlagen:
        flow.markup(item)
    return flow
