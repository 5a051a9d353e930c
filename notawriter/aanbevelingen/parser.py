"""The parser: a report's text → its recommendations, with where they were found and what to check."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from notawriter.aanbevelingen.flatten import _flatten, _Rec, _sentence
from notawriter.aanbevelingen.merge import _dedupe, _merge, _primary
from notawriter.aanbevelingen.paragraphs import _heading_like, _Para, _paragraphs, _section_strength, _strip_number
from notawriter.aanbevelingen.tree import _Section

if TYPE_CHECKING:
    from notawriter.model import Aanbeveling


NO_GROUP = "(zonder groep)"


@dataclass(frozen=True)
class ImportResult:
    """What the parser found: the recommendations, where, and what to check by hand."""

    aanbevelingen: list[Aanbeveling]
    onzeker: list[str] = field(default_factory=list)
    titel: str | None = None
    vindplaatsen: list[str] = field(default_factory=list)

    def per_groep(self) -> dict[str, list[str]]:
        """Recommendation numbers per group, in document order."""
        groups: dict[str, list[str]] = {}
        for a in self.aanbevelingen:
            groups.setdefault(a.groep or NO_GROUP, []).append(a.nummer)
        return groups


def _sections(paras: list[_Para]) -> Iterator[_Section]:
    """Every recommendations section, fed with the paragraphs after its heading."""
    strengths = [_section_strength(p) for p in paras]
    for wanted in (2, 1):
        found = False
        for i, p in enumerate(paras):
            if strengths[i] != wanted:
                continue
            section = _Section(_strip_number(p.text).rstrip(":"), p.line, p.heading)
            section.feed(paras[i + 1 :])
            if section.tops:
                found = True
                if wanted == 1:
                    section.notes.append(
                        f"kop '{section.heading}' bevat meer dan aanbevelingen; controleer of elk punt een aanbeveling is"
                    )
                yield section
        if found:
            return
    section = _Section("", 0, None, anywhere=True)
    section.feed(paras)
    if section.tops:
        yield section


def _title(paras: list[_Para]) -> str | None:
    first = paras[:25]
    for p in first:
        if p.heading == 1 and not _section_strength(p):
            return p.text
    opening = next((q for q in first if q.text), None)
    if opening is not None and opening.marker is None and _heading_like(opening) and len(opening.text) >= 4:
        return None if _section_strength(opening) else _strip_number(opening.text)
    for p in first[:5]:  # '… het rapport ‘Grip op de jeugdzorg’ …': a title quoted in the opening text
        if m := _QUOTED_TITLE.search(p.text):
            return " ".join(m.group(1).split())
    return None


#: A title quoted after the word that names it: rapport, evaluatie, onderzoek, studie, getiteld.
_QUOTED_TITLE = re.compile(
    r"\b(?:rapport|evaluatie|beleidsdoorlichting|onderzoek|studie|advies|getiteld|titel)\s+"
    r"[‘'\"“«]([^’'\"”»\n]{6,160}?)[’'\"”»]",
    re.IGNORECASE,
)


def parse_recommendations(text: str, unit: str | None = "regel") -> ImportResult:
    """Find the recommendations in a report's text.

    `unit` names a location in the notes ('regel 177'); None leaves locations out (for .docx
    and .pdf, whose extracted text has no lines the user can look up).
    """
    from notawriter.model import Aanbeveling

    paras = _paragraphs(text)
    found: list[tuple[str, list[_Rec]]] = []
    section_notes: list[list[str]] = []
    for section in _sections(paras):
        recs, notes = _flatten(section)
        recs = _dedupe(recs, notes)
        if recs:
            found.append((_where(section, unit, len(found)), recs))
            section_notes.append(notes)
    if not found:
        return ImportResult([], [], _title(paras), [])
    primary = _primary(found)
    notes = list(section_notes[primary])
    for i, other in enumerate(section_notes):
        notes.extend(f"{found[i][0]}: {n}" for n in other if i != primary and n not in section_notes[primary])
    merged, merge_notes = _merge(found, primary)
    notes.extend(merge_notes)
    notes.extend(_odd_texts(merged))
    aanbevelingen = [Aanbeveling(nummer=r.nummer, groep=r.groep, tekst=r.tekst) for r in merged]
    return ImportResult(aanbevelingen, notes, _title(paras), [w for w, _ in found])


def _where(section: _Section, unit: str | None, index: int) -> str:
    if section.anywhere:
        return "kopjes 'Aanbeveling …' in de tekst"
    place = f"'{section.heading}'"
    if unit:
        return f"{place} ({unit} {section.line})"
    return place if index == 0 else f"{place} ({index + 1}e vindplaats)"


def _odd_texts(recs: list[_Rec]) -> Iterator[str]:
    for r in recs:
        if len(r.tekst) < 25 and not _sentence(r.tekst):  # 'Verkort de wachttijden.' is short, not a heading
            yield f"{r.nummer}: zeer korte tekst ('{r.tekst}'); is dit een kop in plaats van een aanbeveling?"
        elif len(r.tekst) > 2000:
            yield f"{r.nummer}: zeer lange tekst ({len(r.tekst)} tekens); loopt de aanbeveling door in gewone tekst?"
