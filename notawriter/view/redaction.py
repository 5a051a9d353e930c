"""Redaction: personal data replaced by its Woo ground in the public version, kept in the internal one."""

from __future__ import annotations

import re
from collections.abc import Iterable

from notawriter import markup
from notawriter.markup import MotieRef, Redacted, Run, Text
from notawriter.view.flows import Flow, Para

PERSONAL_GROUND = "5.1.2e"


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
