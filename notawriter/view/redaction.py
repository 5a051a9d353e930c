"""Redaction: personal data replaced by its Woo ground in the public version, kept in the internal one.

A `[[GROND:…]]` mark works in every text that reaches a document — free text (as markup runs),
plain fields such as the subject, a section title or an option label (as text), names in
citations — and the persons of the header fields are redacted by what they are (a name, a
phone number), not by string matching. In the public version a redaction shows the look chosen
in the project config (`woo.LAKSTIJLEN`); its text is wrapped in sentinels here and given its
formatting when the package is made (`woo.style_redactions`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from notawriter import markup, woo
from notawriter.markup import Link, MotieRef, Redacted, Run, Text, Voetnoot
from notawriter.model import _Model
from notawriter.view.flows import Flow, Para

PERSONAL_GROUND = woo.PERSONAL_GROUND
# The same mark markup.py reads; in a plain field it is the only markup there is.
_MARK = re.compile(r"\[\[[ \t]*(?P<ground>[^\s\[\]:][^\[\]:\n]{0,15}?)[ \t]*:(?P<redacted>.+?)\]\]", re.DOTALL)


class Redactor:
    """Replaces withheld data for the public version; the internal version keeps it as plain text."""

    def __init__(self, openbaar: bool, lakstijl: str = woo.DEFAULT_LAKSTIJL) -> None:
        self.openbaar = openbaar
        self.lakstijl = lakstijl if lakstijl in woo.LAKSTIJLEN else woo.DEFAULT_LAKSTIJL
        self.values: dict[str, str] = {}  # every redacted value → its ground, for the leak check
        self.redacted_persons: list[Any] = []  # the persons redacted from header fields (model.Persoon)

    # --- one redaction ----------------------------------------------------------------------------

    def shown(self, ground: str) -> str:
        """A public redaction's text: the ground's description or code, wrapped for styling."""
        return woo.wrap(woo.ground_display(ground, self.lakstijl))

    def _withhold(self, ground: str, value: str) -> str:
        self.values.setdefault(value.replace("*", "").strip(), ground)
        return self.shown(ground)

    # --- markup runs ------------------------------------------------------------------------------

    def runs(self, runs: Iterable[Run]) -> tuple[Run, ...]:
        out: list[Run] = []
        for run in runs:
            if isinstance(run, Redacted):
                if run.text.startswith(woo.OPEN):  # redacted before (a context made from another)
                    out.append(run)
                elif self.openbaar:
                    out.append(Redacted(run.ground, self._withhold(run.ground, run.text), run.bold, run.italic))
                else:
                    out.append(Text(run.text, run.bold, run.italic))
            elif isinstance(run, Text):
                out.extend(self._text_run(run))
            elif isinstance(run, MotieRef):
                out.append(run)
            elif isinstance(run, Voetnoot):  # a free footnote: its own runs
                out.append(dataclasses.replace(run, runs=self.runs(run.runs)))
            elif isinstance(run, Link) and _MARK.search(run.text):  # a mark in a link's text: plain text then
                out.extend(self._text_run(Text(run.text, run.bold, run.italic)))
            else:
                out.append(run)
        return tuple(out)

    def _text_run(self, run: Text) -> list[Text | Redacted]:
        """A text run with the marks it holds as text (a plain field, a citation) split out."""
        text = run.text
        if "[[" not in text:
            return [run]
        out: list[Text | Redacted] = []
        pos = 0
        for m in _MARK.finditer(text):
            if m.start() > pos:
                out.append(Text(text[pos : m.start()], run.bold, run.italic))
            ground, value = m.group("ground").strip(), m.group("redacted").replace("*", "").strip()
            if self.openbaar:
                out.append(Redacted(ground, self._withhold(ground, value), run.bold, run.italic))
            else:
                out.append(Text(value, run.bold, run.italic))
            pos = m.end()
        if pos < len(text):
            out.append(Text(text[pos:], run.bold, run.italic))
        return out

    def flow(self, flow: Flow) -> Flow:
        return Flow([Para(p.role, self.runs(p.runs)) for p in flow.paras])

    # --- plain text -------------------------------------------------------------------------------

    def text(self, value: str) -> str:
        """A plain field as the document shows it: marks resolved (the name internally, the
        ground's look publicly)."""
        if not isinstance(value, str) or not value:
            return value
        if "[[" not in value:
            return value
        return "".join(r.text for r in self._text_run(Text(value)))

    def plain(self, value: str) -> str:
        """As `text`, without the styling sentinels (document properties)."""
        return woo.unwrap(self.text(value))

    def context(self, value: Any) -> Any:
        """A template context with every flow and every string redacted."""
        from notawriter.view.contexts import map_context

        return map_context(value, self.flow, self.text)

    # --- persons ----------------------------------------------------------------------------------

    def persons(self, persons: list[Any]) -> str:
        """A header field's persons: internally as written; publicly each name (with its contact
        details) becomes the ground, the unit stays — 'Bescherming persoonlijke levenssfeer (DMM)'."""
        from notawriter.persons import person_text

        persons = persons or []  # (None: a field just cleared in memory)
        if not self.openbaar:
            return self.text(", ".join(t for t in (person_text(p) for p in persons) if t))
        shown: list[str] = []
        from notawriter.persons import is_unit

        for person in persons:
            unit = self.text(person.eenheid) if person.eenheid else ""
            if unit and not is_unit(unit) and woo.looks_like_name(unit):  # 'eenheid: Jan Jansen' is a name
                self.values.setdefault(_unmarked(unit), PERSONAL_GROUND)
                unit = self.shown(PERSONAL_GROUND)
            if person.naam or person.telefoon or person.email:
                self.redacted_persons.append(person)
                for value in (person.naam, person.telefoon, person.email):
                    if value:
                        self.values.setdefault(_unmarked(value), PERSONAL_GROUND)
                item = self.shown(PERSONAL_GROUND) + (f" ({unit})" if unit else "")
            else:
                item = unit
            if item and (not shown or shown[-1] != item):
                shown.append(item)
        return ", ".join(shown)

    def field(self, value: str | None, personal: bool) -> str:
        """A header field as plain text: whole-field personal data becomes the ground (kept for
        fields that are text, not persons)."""
        if not value:
            return ""
        if personal and self.openbaar:
            self.values.setdefault(_unmarked(value), PERSONAL_GROUND)
            return self.shown(PERSONAL_GROUND)
        return "".join(r.text for b in markup.parse(value) for r in self.runs(b.runs) if not isinstance(r, MotieRef))


def _unmarked(value: str) -> str:
    return _MARK.sub(lambda m: m.group("redacted"), value).strip()


def project_lakstijl(note_path: Path | str | None) -> str:
    """The redaction look the project config asks for (`openbaar: {lakstijl: omschrijving|zwart}`
    in the notawriter.yaml beside the note), else the default: the ground's description."""
    from notawriter.library import config_section

    openbaar, _ = config_section(note_path, "openbaar", _ProjectOpenbaar)
    return openbaar.lakstijl if openbaar else woo.DEFAULT_LAKSTIJL


class _Openbaar(_Model):
    lakstijl: Literal["omschrijving", "zwart"] = woo.DEFAULT_LAKSTIJL  # type: ignore[assignment]


class _ProjectOpenbaar(_Model):
    """The part of notawriter.yaml the public version reads (built once, not on every render)."""

    openbaar: _Openbaar | None = None
