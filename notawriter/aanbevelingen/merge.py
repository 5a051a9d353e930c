"""Merging sections that state the same recommendations twice (summary and final chapter)."""

from __future__ import annotations

import difflib
import re
from typing import Any

from notawriter.aanbevelingen.flatten import _Rec


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def similarity(a: str, b: str) -> float:
    """Word-level similarity of two texts, 0..1."""
    return difflib.SequenceMatcher(None, _words(a), _words(b), autojunk=False).ratio()


def overlap(a: str, b: str) -> float:
    """How much of the shorter text recurs, in order, in the longer one, 0..1 (a summary in its chapter)."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    matcher = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / min(len(wa), len(wb))


def _same(a: str, b: str) -> bool:
    return similarity(a, b) >= 0.6 or overlap(a, b) >= 0.8


def _natural_key(number: str) -> tuple[Any, ...]:
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.findall(r"\d+|[a-z]+", number))


def _primary(found: list[tuple[str, list[_Rec]]]) -> int:
    """The section that leads: most recommendations, then most text, then the last one (the final chapter)."""
    return max(range(len(found)), key=lambda i: (len(found[i][1]), sum(len(r.tekst) for r in found[i][1]), i))


def _merge(found: list[tuple[str, list[_Rec]]], primary: int) -> tuple[list[_Rec], list[str]]:
    """One list from several sections that repeat each other (summary and final chapter).

    A recommendation is the same when its text is similar (not merely its number: a summary
    may letter differently); the leading section's text is kept unless the other is clearly fuller.
    """
    where, merged = found[primary][0], [_Rec(r.nummer, r.groep, r.tekst, r.line) for r in found[primary][1]]
    notes: list[str] = []
    for index in (i for i in range(len(found)) if i != primary):
        other, recs = found[index]
        renumbered: list[str] = []
        for rec in recs:
            by_number = next((r for r in merged if r.nummer == rec.nummer), None)
            match: _Rec | None
            if by_number is not None and (
                _same(by_number.tekst, rec.tekst) or overlap(by_number.tekst, rec.tekst) >= 0.6
            ):
                match = by_number
            else:
                candidates = [r for r in merged if _same(r.tekst, rec.tekst)]
                match = max(candidates, key=lambda r: similarity(r.tekst, rec.tekst), default=None)
                if match is not None:
                    renumbered.append(f"{rec.nummer} = {match.nummer}")
            split = [r.nummer for r in merged if re.match(re.escape(rec.nummer) + r"[a-z-]", r.nummer)]
            if match is None and split and by_number is None:
                notes.append(f"{rec.nummer} bij {other} staat bij {where} uitgesplitst in {split[0]} t/m {split[-1]}")
                continue
            if match is None:
                if by_number is not None:
                    notes.append(
                        f"{rec.nummer} bij {other} is een andere aanbeveling dan {rec.nummer} bij {where} "
                        "en is niet ingelezen; controleer of er een ontbreekt"
                    )
                else:
                    notes.append(f"{rec.nummer}: alleen gevonden bij {other}")
                    merged.append(rec)
                continue
            fuller = len(rec.tekst) > 1.1 * len(match.tekst)
            if overlap(match.tekst, rec.tekst) < 0.9:  # not just a shorter or longer version of the same text
                kept = other if fuller else where
                notes.append(f"{match.nummer}: tekst bij {other} wijkt af van {where}; die van {kept} is overgenomen")
            if fuller:
                match.tekst = rec.tekst
            match.groep = match.groep or rec.groep
        if renumbered:
            notes.append(f"{other} nummert anders ({', '.join(renumbered)}); de nummering van {where} is aangehouden")
    if all(re.fullmatch(r"[0-9a-z.-]+", r.nummer) for r in merged):
        merged.sort(key=lambda r: _natural_key(r.nummer))
    return merged, notes


def _dedupe(recs: list[_Rec], notes: list[str]) -> list[_Rec]:
    """Within one section: the same number twice keeps the fuller text."""
    out: dict[str, _Rec] = {}
    for rec in recs:
        if (seen := out.get(rec.nummer)) is None:
            out[rec.nummer] = rec
            continue
        notes.append(f"{rec.nummer}: komt twee keer voor; de langste tekst is overgenomen")
        if len(rec.tekst) > len(seen.tekst):
            seen.tekst = rec.tekst
    return list(out.values())
