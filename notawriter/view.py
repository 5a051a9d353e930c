"""The view: model → template context. All document decisions live here, as plain data.

Templates stay dumb (fields, loops, `{{p flow}}` tags). This module decides grouping of
approvals, which text variant shows, motion citations, redaction for the public version and the
generated Leeswijzer. Its output is `Flow` objects (styled paragraphs of markup runs) and strings;
render.py turns them into Word XML.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from notawriter import markup
from notawriter.dates import format_date
from notawriter.markup import Block, MotieRef, Redacted, Run, Text
from notawriter.model import Aanbeveling, Appreciatie, Beslispunt, Motie, Nota, Optie

#: Paragraph roles; render.py maps them to the template's Word styles.
BODY, BULLET1, BULLET2, H1, H2, H3, LABEL, MARKER, PLACEHOLDER = (
    "body", "bullet1", "bullet2", "h1", "h2", "h3", "label", "marker", "placeholder",
)
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
    "5.2": "persoonlijke beleidsopvattingen",
}
PERSONAL_GROUND = "5.1.2e"
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
        """Add parsed markup: paragraphs get `role`, bullets the bullet roles."""
        for block in markup.parse(text):
            self.add(_role_of(block, role, bullets), block.runs)

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


# --- redaction ----------------------------------------------------------------------------------


class Redactor:
    """Replaces personal data for the public version; the internal version keeps it as plain text."""

    def __init__(self, openbaar: bool) -> None:
        self.openbaar = openbaar
        self.values: set[str] = set()  # every redacted value, to check the package for leaks

    def runs(self, runs: Iterable[Run]) -> tuple[Run, ...]:
        out: list[Run] = []
        for run in runs:
            if isinstance(run, Redacted):
                if self.openbaar:
                    self.values.add(run.text)
                    out.append(Redacted(run.ground, run.ground, run.bold, run.italic))
                else:
                    out.append(Text(run.text, run.bold, run.italic))
            else:
                out.append(run)
        return tuple(out)

    def field(self, value: str | None, personal: bool) -> str:
        """A header field as plain text: whole-field personal data becomes the ground code."""
        if not value:
            return ""
        if personal and self.openbaar:
            self.values.update(_personal_parts(value))
            return PERSONAL_GROUND
        text = "".join(r.text for b in markup.parse(value) for r in self.runs(b.runs) if not isinstance(r, MotieRef))
        return text

    def flow(self, flow: Flow) -> Flow:
        return Flow([Para(p.role, self.runs(p.runs)) for p in flow.paras])


def _personal_parts(value: str) -> set[str]:
    """The whole value and its name-like parts, so the leak check also catches partial copies."""
    plain = "".join(r.text for b in markup.parse(value) for r in b.runs if not isinstance(r, MotieRef))
    parts = {plain.strip()} | {p.strip() for p in re.split(r"[,;/\n]|\s{2,}", plain) if len(p.strip()) >= 4}
    return {p for p in parts if p}


# --- the nota -----------------------------------------------------------------------------------


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


# --- recommendations ----------------------------------------------------------------------------

APPRECIATIE_TEKST = {
    Appreciatie.OVERNEMEN: "overnemen",
    Appreciatie.DEELS: "deels overnemen",
    Appreciatie.NIET: "niet overnemen",
    Appreciatie.STAAND_BELEID: "sluit aan bij staand beleid",
    Appreciatie.OPEN: "nog te bepalen",
}
RESPONSE_PLACEHOLDER = "[Reactie van het kabinet nog in te vullen]"


def aanbevelingen_summary(items: list[Aanbeveling]) -> str:
    """'Van de 23 aanbevelingen neemt het kabinet er 12 over, 4 deels, 5 niet; …'."""
    count = {a: sum(1 for i in items if i.appreciatie == a) for a in Appreciatie}
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


def kernpunten_aanbevelingen_flow(nota: Nota) -> Flow:
    flow = Flow()
    if not nota.aanbevelingen:
        return flow
    flow.text(BODY, aanbevelingen_summary(nota.aanbevelingen))
    for group, items in _groups(nota.aanbevelingen):
        if group:
            flow.text(H2, group)
        for item in items:
            runs: list[Run] = [Text(f"Aanbeveling {item.nummer} ({APPRECIATIE_TEKST[item.appreciatie]}): ", bold=True)]
            blocks = markup.parse(item.tekst)
            if blocks:
                runs.extend(blocks[0].runs)
            flow.add(BULLET1, runs)
    return flow


def aanbevelingen_brief_flow(nota: Nota, choose: Mapping[str, str]) -> Flow:
    """The Kamerbrief's walk through the recommendations: 'Aanbeveling N: <text>' + response."""
    flow = Flow()
    points = _points_by_key(nota)
    for group, items in _groups(nota.aanbevelingen):
        if group:
            flow.text(H2, group)
        for item in items:
            flow.add(BODY, (Text(f"Aanbeveling {item.nummer}: ", bold=True), *_first_runs(item.tekst, italic=True)))
            bp = _beslispunt(nota, item.beslispunt, points)
            if bp is not None and bp.opties:
                flow.extend(tekstsuggestie_flow(bp, choose))
            elif item.reactie and item.reactie.strip():
                flow.markup(item.reactie)
            else:
                flow.text(PLACEHOLDER, RESPONSE_PLACEHOLDER)
    return flow


def _first_runs(text: str, italic: bool = False) -> tuple[Run, ...]:
    runs: list[Run] = []
    for i, block in enumerate(markup.parse(text)):
        if i:
            runs.append(Text(" "))
        runs.extend(Text(r.text, r.bold, italic or r.italic) if isinstance(r, Text) else r for r in block.runs)
    return tuple(runs)


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


def bijlage_rows(nota: Nota) -> list[dict[str, Any]]:
    """Rows of the optional bijlage table: nr | aanbeveling | appreciatie | reactie."""
    return [
        {
            "nummer": item.nummer,
            "groep": item.groep or "",
            "aanbeveling": _flow_of(item.tekst),
            "appreciatie": APPRECIATIE_TEKST[item.appreciatie],
            "reactie": _flow_of(item.reactie) if item.reactie else _placeholder_flow(),
        }
        for item in nota.aanbevelingen
    ]


def _flow_of(text: str | None) -> Flow:
    flow = Flow()
    flow.markup(text)
    return flow


def _placeholder_flow() -> Flow:
    flow = Flow()
    flow.text(PLACEHOLDER, RESPONSE_PLACEHOLDER)
    return flow


# --- the Kamerbrief -----------------------------------------------------------------------------


def tekstsuggestie_flow(bp: Beslispunt, choose: Mapping[str, str]) -> Flow:
    """The chosen option's text; while open, every option's text, each marked as an alternative."""
    flow = Flow()
    chosen = effective_choice(bp, choose)
    if chosen:
        flow.markup(bp.optie(chosen).tekstsuggestie)
        return flow
    for i, optie in enumerate(bp.opties):
        flow.text(MARKER, f"[{option_title(i, optie)}]")
        if optie.tekstsuggestie and optie.tekstsuggestie.strip():
            flow.markup(optie.tekstsuggestie)
        else:
            flow.text(PLACEHOLDER, "[Tekstsuggestie nog in te vullen]")
    if bp.opties:
        flow.text(MARKER, "[Einde van de alternatieven]")
    return flow


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


# --- contexts -----------------------------------------------------------------------------------


def _check_choices(nota: Nota, choose: Mapping[str, str]) -> None:
    from notawriter.errors import NotaError

    points = {b.key: b for b in nota.beslispunten if b.key and b.opties}
    for key, option in choose.items():
        if key not in points:
            raise NotaError(
                f"--choose {key}={option}: beslispunt '{key}' bestaat niet of heeft geen opties; "
                f"kies uit: {', '.join(points) or 'geen'}"
            )
        options = [o.key for o in points[key].opties]
        if option not in options:
            raise NotaError(f"--choose {key}={option}: optie '{option}' bestaat niet; kies uit: {', '.join(options)}")


def nota_context(nota: Nota, choose: Mapping[str, str] | None = None, redactor: Redactor | None = None) -> dict[str, Any]:
    """Everything templates/nota.docx can use."""
    choose = dict(choose or {})
    _check_choices(nota, choose)
    red = redactor or Redactor(openbaar=False)
    kop = nota.kop
    opties = opties_flow(nota, choose)
    kernpunten = kernpunten_aanbevelingen_flow(nota)
    context: dict[str, Any] = {
        "kop": {
            "type": kop.type.value,
            "onderwerp": kop.onderwerp,
            "aan": red.field(kop.aan, personal=False),
            "van": red.field(kop.van, personal=True),
            "via": red.field(kop.via, personal=False),
            "kopie_aan": red.field(kop.kopie_aan, personal=False),
            "datum": format_date(kop.datum),
            "referentie": kop.referentie or "",
            "opgesteld_door": red.field(kop.opgesteld_door, personal=True),
            "plandatum": format_date(kop.plandatum),
            "kamer": format_date(kop.kamer),
            "binnengekomen_op": format_date(kop.binnengekomen_op),
            "bijlagen": str(len(nota.bijlagen)) if nota.bijlagen else "",
        },
        "aanleiding": _flow_of(nota.aanleiding),
        "besluit": besluit_flow(nota, choose),
        "leeswijzer": leeswijzer_flow(nota, bool(opties), bool(nota.aanbevelingen)),
        "kernpunten_aanbevelingen": kernpunten,
        "secties": secties_flow(nota),
        "opties": opties,
        "moties": moties_flow(nota),
        "communicatie": _flow_of(nota.communicatie),
        "niet_openbaar": _flow_of(nota.niet_openbaar),
        "bijlagen": bijlagen_flow(nota),
    }
    return _redact_flows(context, red)


def kamerbrief_context(
    nota: Nota, choose: Mapping[str, str] | None = None, redactor: Redactor | None = None
) -> dict[str, Any]:
    """Everything templates/kamerbrief.docx can use."""
    choose = dict(choose or {})
    _check_choices(nota, choose)
    red = redactor or Redactor(openbaar=False)
    brief = nota.kamerbrief
    signers = {o.afkorting: o for o in nota.ondertekenaars}
    context: dict[str, Any] = {
        "brief": {
            "onderwerp": brief.onderwerp or nota.kop.onderwerp,
            "datum": format_date(brief.datum),
            "referentie": brief.referentie or nota.kop.referentie or "",
            "aanhef": brief.aanhef,
            "bijlagen": str(len(brief.bijlagen)) if brief.bijlagen else "",
            "ministerie": brief.afzender.ministerie if brief.afzender else "",
            "bezoekadres": (brief.afzender.bezoekadres or "") if brief.afzender else "",
            "retouradres": (brief.afzender.retouradres or "") if brief.afzender else "",
        },
        "inleiding": _flow_of(brief.inleiding),
        "secties": brief_secties_flow(nota, choose),
        "aanbevelingen": aanbevelingen_brief_flow(nota, choose),
        "slot": _flow_of(brief.slot),
        "ondertekenaars": [
            {"titel": f"De {signers[k].titel},", "naam": signers[k].naam} for k in brief.ondertekening if k in signers
        ],
    }
    return _redact_flows(context, red)


def bijlage_context(nota: Nota, redactor: Redactor | None = None) -> dict[str, Any]:
    """Everything templates/bijlage.docx can use: the recommendations table."""
    red = redactor or Redactor(openbaar=False)
    context = {
        "onderwerp": nota.kamerbrief.onderwerp or nota.kop.onderwerp,
        "samenvatting": aanbevelingen_summary(nota.aanbevelingen) if nota.aanbevelingen else "",
        "rijen": bijlage_rows(nota),
    }
    return _redact_flows(context, red)


def map_context(value: Any, on_flow: Callable[[Flow], Any], on_text: Callable[[str], Any] = str) -> Any:
    """A context with every Flow and string passed through a function (nested dicts and lists)."""
    if isinstance(value, Flow):
        return on_flow(value)
    if isinstance(value, Mapping):
        return {k: map_context(v, on_flow, on_text) for k, v in value.items()}
    if isinstance(value, list):
        return [map_context(v, on_flow, on_text) for v in value]
    if isinstance(value, str):
        return on_text(value)
    return value


def _redact_flows(value: Any, red: Redactor) -> Any:
    return map_context(value, red.flow)
