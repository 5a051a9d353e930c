"""The nota's flows: geadviseerd besluit, options, motions, sections, Leeswijzer and attachments.

Options and arguments go where the writer puts `[opties:KEY]` and `[argumenten:KEY]` in a free
text (see `Placer`); what no marker places keeps the generated place ("Toelichting op de opties").
Everything is said once: an argument list that mirrors one already printed (option B's arguments
for are option A's arguments against) becomes a pointer to it, the officials' advice appears with
the arguments only, and every generated "zie …" names the section where the content really is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from notawriter import markup
from notawriter.markup import Placement, Run, Text
from notawriter.model import Beslispunt, Nota, Optie, Sectie
from notawriter.view.flows import (
    BODY,
    BULLET1,
    BULLET2,
    H1,
    H2,
    H3,
    LABEL,
    PLACEHOLDER,
    Flow,
    _point_heading,
    _role_of,
    approval_intro,
    capitalize,
    effective_choice,
    kamerstuk,
    motion_name,
    motion_parties,
    option_letter,
    option_title,
)

#: The generated place of options and arguments no marker places (the template's heading).
GENERATED_PLACE = "Toelichting op de opties"


def besluit_flow(nota: Nota, choose: Mapping[str, str]) -> Flow:
    """Geadviseerd besluit: decision points grouped per set of approvers, in first-seen order.

    Per option its title and summary only: the advice and the arguments are said once, where the
    writer places them, never as a bullet that reads like one more option."""
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
    return flow


def _option_note(bp: Beslispunt, optie: Optie, chosen: str | None) -> str:
    notes = []
    if bp.ambtelijk_advies == optie.key:
        notes.append("ambtelijk advies")
    if chosen == optie.key:
        # A `--choose` preview is not a decision: say so, so a preview never passes for one.
        notes.append("gekozen" if bp.keuze == optie.key else "voorbeeld van een keuze")
    return ", ".join(notes)


# --- placing options and arguments --------------------------------------------------------------


def _section_texts(secties: list[Sectie], parents: tuple[str, ...] = ()) -> Iterator[tuple[str, str | None]]:
    for sectie in secties:
        path = (*parents, sectie.titel)
        yield " – ".join(path), sectie.tekst
        yield from _section_texts(sectie.subsecties, path)


def nota_texts(nota: Nota) -> list[tuple[str, str | None]]:
    """(name of the place, text) of every free text the nota prints as paragraphs, in document order."""
    return [
        ("Aanleiding", nota.aanleiding),
        ("Leeswijzer", nota.leeswijzer),
        *_section_texts(nota.secties),
        ("Communicatie en woordvoering", nota.communicatie),
        ("Informatie die niet openbaar gemaakt kan worden", nota.niet_openbaar),
        *(("Bijlage(n)", item) for item in nota.bijlagen),
    ]


def marker_places(nota: Nota) -> dict[tuple[str, str], str]:
    """{(kind, key): name of the place} of the first `[opties:KEY]` / `[argumenten:KEY]` of each."""
    found: dict[tuple[str, str], str] = {}
    for place, text in nota_texts(nota):
        for mark in markup.placements(text):
            found.setdefault((mark.kind, mark.key), place)
    return found


def _norm(text: str) -> str:
    return " ".join(markup.plain_text(text).split()).casefold()


@dataclass
class Placer:
    """Expands the placement marks of the nota's free texts and keeps track of what is printed."""

    nota: Nota
    choose: Mapping[str, str]
    where: dict[tuple[str, str], str] = field(default_factory=dict)
    printed: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, key) -> place printed
    lists: dict[frozenset[str], tuple[str, str]] = field(default_factory=dict)  # list -> (pointer, place)
    points: dict[str, Beslispunt] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.where = marker_places(self.nota)
        for bp in self.nota.beslispunten:
            if bp.key:
                self.points.setdefault(bp.key, bp)

    # where things go

    def _has_arguments(self, bp: Beslispunt) -> bool:
        return bool(
            (bp.advies_toelichting or "").strip()
            or any(a.strip() for a in bp.argumenten_voor)
            or any(a.strip() for a in bp.argumenten_tegen)
        )

    def arguments_place(self, bp: Beslispunt) -> str | None:
        """Where the point's advice and arguments are printed (None: it has none)."""
        if not self._has_arguments(bp):
            return None
        key = bp.key or ""
        return self.where.get(("argumenten", key)) or self.options_place(bp)

    def options_place(self, bp: Beslispunt) -> str:
        return self.where.get(("opties", bp.key or ""), GENERATED_PLACE)

    def unplaced(self) -> list[Beslispunt]:
        """Decision points with content for the generated place: options or arguments no marker places."""
        return [
            bp
            for bp in self.nota.beslispunten
            if (bp.opties and self.options_place(bp) == GENERATED_PLACE)
            or (not bp.opties and self.arguments_place(bp) == GENERATED_PLACE)
        ]

    # flows

    def markup(self, flow: Flow, text: str | None, place: str, role: str = BODY) -> None:
        """Add parsed markup like `Flow.markup`, with each placement mark expanded in place."""
        markup_with_placements(flow, text, role, lambda mark, level: self.expand(flow, mark, level, place))

    def expand(self, flow: Flow, mark: Placement, level: int, place: str) -> None:
        bp = self.points.get(mark.key)
        if bp is None:
            return  # the model refuses an unknown key; nothing to print
        done = self.printed.get((mark.kind, mark.key))
        if done is not None:
            what = "de opties" if mark.kind == "opties" else "de argumenten"
            flow.add(_para_role(level), (Text(f"Zie voor {what} bij dit beslispunt: "), Text(done, italic=True), Text(".")))
            return
        self.printed[(mark.kind, mark.key)] = place
        if mark.kind == "opties":
            self.options(flow, bp, level, place)
        else:
            self.arguments(flow, bp, level, place)

    def options(self, flow: Flow, bp: Beslispunt, level: int, place: str) -> None:
        """Per option its line, its text suggestion (labelled) and its own arguments; then the
        point's advice and arguments when no `[argumenten:KEY]` places them elsewhere.

        In running text (level 0) an option's line is a bold lead paragraph and its arguments are
        nested below it (title a bullet, items a sub-bullet), so the next option never reads as one
        more argument. Inside a list (a marker in a bullet) the option is a sub-bullet, as in the
        reference note."""
        if not bp.opties:
            return
        primary = bp.keuze or bp.ambtelijk_advies or bp.opties[0].key
        line_role = LABEL if level == 0 else BULLET2
        # (item level, title role) of an option's own argument lists
        nesting, title_role = (1, BULLET1) if level == 0 else (0, LABEL)
        for i, optie in enumerate(bp.opties):
            description = markup.parse(optie.omschrijving)
            head: list[Run] = [Text(f"Optie {option_letter(i)} – ", bold=True)]
            head.extend(description[0].runs if description else (Text(optie.label or optie.key),))
            flow.add(line_role, head)
            for block in description[1:]:
                flow.add(_role_of(block, BODY, (BULLET1, BULLET2)), block.runs)
            label = "Tekstsuggestie: " if optie.key == primary else "Alternatieve tekstsuggestie: "
            _suggestion(flow, label, optie.tekstsuggestie)
            letter = option_letter(i)
            for name, items in (("voor", optie.argumenten_voor), ("tegen", optie.argumenten_tegen)):
                pointer = f"de argumenten {name} optie {letter}"
                self.argument_list(flow, f"Argumenten {name}", items, pointer, place, nesting, title_role)
        elsewhere = self.where.get(("argumenten", bp.key or ""))
        if elsewhere is None:
            self.printed[("argumenten", bp.key or "")] = place
            self.arguments(flow, bp, level, place)
        elif elsewhere != place and self._has_arguments(bp):
            flow.add(
                _para_role(level),
                (Text("M.b.t. bovenstaande opties: zie "), Text(elsewhere, italic=True), Text(" voor de argumentatie.")),
            )

    def arguments(self, flow: Flow, bp: Beslispunt, level: int, place: str) -> None:
        """The officials' advice (or the lack of agreement) and the point's own arguments."""
        role = _para_role(level)
        flow.markup(bp.advies_toelichting, role=role, bullets=(BULLET2, BULLET2) if level else (BULLET1, BULLET2))
        heading = LABEL if level == 0 else role
        for title, items, default in (
            (bp.argumenten_voor_titel, bp.argumenten_voor, "Argumenten voor"),
            (bp.argumenten_tegen_titel, bp.argumenten_tegen, "Argumenten tegen"),
        ):
            name = (title or default).strip().rstrip(":")
            self.argument_list(flow, name, items, f"de {name[:1].lower() + name[1:]}", place, level, heading)

    def argument_list(
        self, flow: Flow, title: str, items: list[str], pointer: str, place: str, level: int, heading: str = LABEL
    ) -> None:
        """A titled list of arguments; a list already printed (a mirror) becomes a pointer to it."""
        items = [item for item in items if item.strip()]
        if not items:
            return
        title = title.strip().rstrip(":")
        key = frozenset(_norm(item) for item in items)
        if key in self.lists:
            earlier, where = self.lists[key]
            runs: list[Run] = [Text(f"{title}: zie {earlier}")]
            if where != place:
                runs += [Text(" onder "), Text(where, italic=True)]
            flow.add(heading, (*runs, Text(".")))
            return
        self.lists[key] = (pointer, place)
        flow.text(heading, f"{title}:")
        item_role = BULLET1 if level == 0 else BULLET2
        for item in items:
            for j, block in enumerate(markup.parse(item)):
                flow.add(item_role if j == 0 or block.level == 0 else BULLET2, block.runs)

    def generated(self) -> Flow:
        """The generated place: per decision point what no marker placed, under its own heading."""
        flow = Flow()
        for bp in self.unplaced():
            _point_heading(flow, H2, bp)
            if bp.opties:
                self.printed[("opties", bp.key or "")] = GENERATED_PLACE
                self.options(flow, bp, 0, GENERATED_PLACE)
            elif ("argumenten", bp.key or "") not in self.printed:
                self.printed[("argumenten", bp.key or "")] = GENERATED_PLACE
                self.arguments(flow, bp, 0, GENERATED_PLACE)
        return flow


def _para_role(level: int) -> str:
    return (BODY, BULLET1, BULLET2)[min(level, 2)]


def markup_with_placements(
    flow: Flow, text: str | None, role: str, expand: Callable[[Placement, int], None]
) -> None:
    """Add parsed markup to the flow, cut at each placement mark (`[opties:KEY]`, `[argumenten:KEY]`):
    the runs around a mark become paragraphs of their own and `expand(mark, level)` adds what the
    mark places, at the list level of the block it stood in."""
    for block in markup.parse(text):
        base = _role_of(block, role, (BULLET1, BULLET2))
        pending: list[Run] = []
        for run in block.runs:
            if not isinstance(run, Placement):
                pending.append(run)
                continue
            _add_visible(flow, base, pending)
            pending = []
            expand(run, block.level)
        _add_visible(flow, base, pending)


def _add_visible(flow: Flow, role: str, runs: list[Run]) -> None:
    """The runs around a placement mark as a paragraph, unless nothing of them shows."""
    if not any(not isinstance(r, Text) or r.text.strip() for r in runs):
        return
    if runs and isinstance(runs[-1], Text):
        runs = [*runs[:-1], Text(runs[-1].text.rstrip(), runs[-1].bold, runs[-1].italic)]
    if runs and isinstance(runs[0], Text):
        runs = [Text(runs[0].text.lstrip(), runs[0].bold, runs[0].italic), *runs[1:]]
    flow.add(role, runs)


def _suggestion(flow: Flow, label: str, text: str | None) -> None:
    """'Tekstsuggestie: <text>' (bold label, as in the reference); a visible place when there is none."""
    blocks = markup.parse(text)
    if not blocks:
        flow.add(PLACEHOLDER, (Text(label, bold=True), Text("[nog in te vullen]")))
        return
    first = blocks[0]
    if first.level == 0:
        flow.add(BODY, (Text(label, bold=True), *first.runs))
        blocks = blocks[1:]
    else:
        flow.add(BODY, (Text(label.strip(), bold=True),))
    for block in blocks:
        flow.add(_role_of(block, BODY, (BULLET1, BULLET2)), block.runs)


def opties_flow(nota: Nota, choose: Mapping[str, str], placer: Placer | None = None) -> Flow:
    """The generated "Toelichting op de opties": what no `[opties:KEY]` / `[argumenten:KEY]` placed.

    Without a `placer` (whose texts were rendered first) every marker's content counts as placed."""
    return (placer or Placer(nota, choose)).generated()


# --- other sections -----------------------------------------------------------------------------


def moties_flow(nota: Nota) -> Flow:
    """Relevante moties: each motion's citation, parties, status and request."""
    flow = Flow()
    for motie in nota.moties:
        parties = motion_parties(motie)
        head = capitalize(motion_name(motie)) + (f" ({', '.join(parties)})" if parties else "")
        where = f", {kamerstuk(motie)}" if motie.dossier else ""  # an unknown number is left out, not guessed
        runs: list[Run] = [Text(head, bold=True), Text(f"{where}, {motie.status.value}")]
        request = markup.parse(motie.verzoek)
        if request:
            runs.append(Text(": "))
            runs.extend(request[0].runs)
        flow.add(BULLET1, runs)
        for block in request[1:]:
            flow.add(BULLET2, block.runs)
    return flow


def secties_flow(nota: Nota, placer: Placer | None = None) -> Flow:
    placer = placer or Placer(nota, {})
    flow = Flow()
    for sectie in nota.secties:
        _section(flow, sectie, 0, (), placer)
    return flow


def _section(flow: Flow, sectie: Any, depth: int, parents: tuple[str, ...], placer: Placer) -> None:
    flow.text((H1, H2, H3)[min(depth, 2)], sectie.titel)
    path = (*parents, sectie.titel)
    placer.markup(flow, sectie.tekst, " – ".join(path))
    for sub in sectie.subsecties:
        _section(flow, sub, depth + 1, path, placer)


def text_flow(placer: Placer, text: str | None, place: str) -> Flow:
    flow = Flow()
    placer.markup(flow, text, place)
    return flow


def leeswijzer_flow(nota: Nota, has_options: bool, has_aanbevelingen: bool, placer: Placer | None = None) -> Flow:
    """The given Leeswijzer, or one generated from the sections that follow it."""
    flow = Flow()
    if nota.leeswijzer:
        if placer is None:
            flow.markup(nota.leeswijzer)
        else:
            placer.markup(flow, nota.leeswijzer, "Leeswijzer")
        return flow
    if not (has_aanbevelingen or nota.secties or has_options or nota.moties or nota.communicatie):
        return flow  # nothing follows that a reader needs guiding through
    items: list[tuple[str, str]] = []  # (style, text without the closing punctuation)
    if has_aanbevelingen:
        items.append((BULLET1, "De kernpunten van de kabinetsreactie per aanbeveling"))
    for sectie in nota.secties:
        items.append((BULLET1, sectie.titel.rstrip(" ;.:")))
        items.extend((BULLET2, sub.titel.rstrip(" ;.:")) for sub in sectie.subsecties)
    if has_options:
        items.append((BULLET1, "De opties per beslispunt, met tekstsuggesties en argumenten voor en tegen"))
    if nota.moties:
        items.append((BULLET1, "De relevante moties"))
    if nota.communicatie:
        items.append((BULLET1, "Communicatie en woordvoering"))
    flow.text(BODY, "Deze nota schetst:")
    for n, (style, text) in enumerate(items, 1):  # Dutch list convention: every item ';', the last '.'
        flow.text(style, text + ("." if n == len(items) else ";"))
    return flow


def bijlagen_flow(nota: Nota, placer: Placer | None = None) -> Flow:
    flow = Flow()
    for item in nota.bijlagen:
        if placer is None:
            flow.markup(item)
        else:
            placer.markup(flow, item, "Bijlage(n)")
    return flow
