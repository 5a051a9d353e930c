"""From a section's tree to a flat list of numbered recommendations (1, 2a, 3b-2 …) with notes."""

from __future__ import annotations

from dataclasses import dataclass

from notawriter.aanbevelingen.paragraphs import AANB, BULLET, COMPOUND, LETTER, NUM, _is_title
from notawriter.aanbevelingen.tree import _Node, _Section


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
        if letters and top.marker.kind != LETTER and not _parts_of_one(top, letters):
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


def _parts_of_one(top: _Node, letters: list[_Node]) -> bool:
    """'6. Investeer in …:' + 'a. via de Rijksacademie;' 'b. via …': the lettered points finish the
    sentence of their number (lower case, no sentence of their own), so they are one recommendation."""
    return top.lead().rstrip().endswith(":") and all(
        c.lead()[:1].islower() and not _sentence(c.lead()) for c in letters
    )


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
