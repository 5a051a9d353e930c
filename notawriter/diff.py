"""Paragraph-level diff of a note's main text (the Kamerbrief; for Kamervragen the answers): what a
choice (or another note) changes. Which text that is, the genre's registry entry says (documents.py)."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path

from notawriter.model import Nota
from notawriter.view import Flow, check_choices, kamerbrief_context


def kamerbrief_paragraphs(nota: Nota, choose: Mapping[str, str] | None = None) -> list[str]:
    """The letter's text as paragraphs, in document order, exactly as rendered."""
    context = kamerbrief_context(nota, choose)
    brief = context["brief"]
    paragraphs = [f"Betreft: {brief['onderwerp']}", brief["aanhef"]]
    for name in ("inleiding", "secties", "aanbevelingen", "slot"):
        flow: Flow = context[name]
        paragraphs.extend(flow.plain())
    for signer in context["ondertekenaars"]:
        paragraphs.extend([signer["titel"], signer["naam"]])
    return paragraphs


def _paragraphs(nota: Nota, choose: Mapping[str, str] | None) -> list[str]:
    from notawriter.documents import genre_of

    return genre_of(nota).text(nota, choose)


def _label(nota: Nota) -> str:
    from notawriter.documents import genre_of

    return genre_of(nota).text_label


def describe(choose: Mapping[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in choose.items()) or "zoals in de nota"


def paragraph_diff(old: list[str], new: list[str], old_label: str, new_label: str) -> str:
    """Unified diff with one line per paragraph; unchanged context kept short."""
    lines = list(difflib.unified_diff(old, new, fromfile=old_label, tofile=new_label, n=1, lineterm=""))
    return "\n".join(lines)


def diff_command(
    note: Path, other: Path | None, choose: Mapping[str, str] | None = None, vs: Mapping[str, str] | None = None
) -> tuple[str, bool]:
    """`notawriter diff NOTE --choose A=X --vs A=Y`, or `notawriter diff NOTE OTHER`."""
    from notawriter.errors import NotaError
    from notawriter.notefile import load_note

    nota = load_note(note)
    choose = dict(choose or {})
    if other is not None:
        other_nota = load_note(other)
        if vs:
            check_choices(other_nota, vs, "--vs")
        old, new = _paragraphs(nota, choose), _paragraphs(other_nota, vs or choose)
        labels = (f"{note} ({describe(choose)})", f"{other} ({describe(vs or choose)})")
    else:
        if not vs:
            raise NotaError("diff: geef een tweede nota of --vs BESLISPUNT=OPTIE, bijv. --choose migratie=overnemen --vs migratie=niet-overnemen")
        check_choices(nota, vs, "--vs")
        old, new = _paragraphs(nota, choose), _paragraphs(nota, {**choose, **vs})
        label = _label(nota)
        labels = (f"{label} ({describe(choose)})", f"{label} ({describe({**choose, **vs})})")
    text = paragraph_diff(old, new, *labels)
    if not text:
        return f"Geen verschil in de tekst van de {_label(nota)}.", False
    return text, True
