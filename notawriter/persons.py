"""Persons in the header fields (Van, Via, Kopie aan, Opgesteld door): reading and writing them.

A note lists persons as mappings (`naam`, `eenheid`, `telefoon`, `email`) or, shorter, as text.
Text — an old note's whole field, or one list item — is read like this:

* entries are separated by ';', a new line, or a comma *outside* parentheses
  ("Sanne de Vries, Thomas Bakker (DMM/MR)" is two persons; "(DMM, MR)" stays together);
* a part in parentheses that is a unit (capitals: 'DMM/MR', 'pDGIS', or a word such as
  'directie …') is the person's unit, and one with a phone number or e-mail address their contact
  details; so is a unit after a spaced dash ('Jan Jansen - DMM');
* an entry that is only a unit ('DMM', 'A&M') is a unit, not a name: it stays in the public version;
* an entry that is only contact details ('tel. 06-12345678') belongs to the person before it;
* a `[[GROND:…]]` mark around a name is dropped: every name here is personal data anyway.

Names joined by 'en' or '&' inside one entry stay one entry (the leak check still looks for each).
"""

from __future__ import annotations

import re
from typing import Any

_MARK = re.compile(r"\[\[[ \t]*[^\s\[\]:][^\[\]:\n]{0,15}?[ \t]*:(.+?)\]\]", re.DOTALL)
_UNIT_WORDS = re.compile(
    r"^(directie|directoraat|afdeling|ministerie|team|bureau|cluster|eenheid|dienst|staf|kabinet|sector|"
    r"programma|taskforce|unit|stafdirectie|bestuursstaf|secretariaat|dg|plv|ambassade|consulaat|permanente|"
    r"vertegenwoordiging|gemeente|provincie|raad|inspectie|agentschap|college|commissie|werkgroep|project)\b",
    re.IGNORECASE,
)
_UNIT = re.compile(r"^[a-z]{0,2}[A-Z][A-Z0-9]*(?:[ /&+\-]+[a-z]{0,2}[A-Z][A-Z0-9]*)*$")
_PHONE = re.compile(r"(?:\+|00)?\d[\d \-./()]{6,}\d")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CONTACT_LABEL = re.compile(r"^(?:tel(?:efoon)?|t|m|mob(?:iel)?|e-?mail|e|mail)\.?:?\s*", re.IGNORECASE)


def is_unit(text: str) -> bool:
    """'DMM/MR', 'A&M', 'pDGIS', 'directie Migratie' — a department, not a person."""
    text = text.strip()
    return bool(text) and (bool(_UNIT.match(text)) or bool(_UNIT_WORDS.match(text)))


def _split_outside_parentheses(text: str, separators: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        if depth == 0 and char in separators:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _contacts(text: str) -> tuple[str, dict[str, str]]:
    """The text without its phone number and e-mail address, and those two."""
    found: dict[str, str] = {}
    if m := _EMAIL.search(text):
        found["email"] = m.group()
        text = text[: m.start()] + text[m.end() :]
    if m := _PHONE.search(text):
        found["telefoon"] = m.group().strip()
        text = text[: m.start()] + text[m.end() :]
    if found:
        text = re.sub(r"(?i)\b(?:tel(?:efoon)?|mob(?:iel)?|e-?mail)\b\.?:?", " ", text)
    return text, found


def parse_persons(text: str) -> list[dict[str, str]]:
    """Persons (as mappings) from text, as described in the module docstring."""
    text = _MARK.sub(lambda m: m.group(1), text)
    persons: list[dict[str, str]] = []
    for entry in _split_outside_parentheses(text.replace("\r", "\n"), ";\n,"):
        entry = " ".join(entry.split())
        if not entry:
            continue
        person: dict[str, str] = {}
        units: list[str] = []

        def parenthesis(m: re.Match[str], person: dict[str, str] = person, units: list[str] = units) -> str:
            inner, contact = _contacts(m.group(1))
            person.update(contact)
            inner = _CONTACT_LABEL.sub("", inner.strip(" ,;")).strip(" ,;")
            if not inner:
                return " "
            if is_unit(inner) or all(is_unit(p) for p in re.split(r"\s*,\s*", inner) if p):
                units.append(inner)
                return " "
            return m.group(0)  # '(Hans)': part of the name

        rest = re.sub(r"\(([^()]*)\)", parenthesis, entry)
        dash = re.split(r"\s[-–]\s", rest, maxsplit=1)  # 'Jan Jansen - DMM'
        if len(dash) == 2 and is_unit(dash[1].strip()):
            units.append(dash[1].strip())
            rest = dash[0]
        rest, contact = _contacts(rest)
        person.update(contact)
        rest = _CONTACT_LABEL.sub("", rest.strip(" ,;")) if contact else rest
        rest = " ".join(rest.split()).strip(" ,;")
        if rest and is_unit(rest) and not person:
            units.append(rest)
            rest = ""
        if rest:
            person["naam"] = rest
        if units:
            person["eenheid"] = ", ".join(units)
        if not person:
            continue
        if set(person) <= {"telefoon", "email"} and persons and not set(person) & set(persons[-1]):
            persons[-1].update(person)  # 'tel. 06-…' after a name: that person's number
        else:
            persons.append(person)
    return persons


def to_persons(value: Any) -> Any:
    """The value of a persons field as pydantic validates it: text read as above, items of a list
    that are text read the same way, anything else left to pydantic."""
    if value is None:
        return []
    if isinstance(value, str):
        return parse_persons(value)
    if isinstance(value, list):
        out: list[Any] = []
        for item in value:
            out.extend(parse_persons(item) if isinstance(item, str) else [item])
        return out
    return value


def person_text(person: Any) -> str:
    """'Sanne de Vries (DMM/MR, tel. 06-12345678)', 'DMM/MR' — one person as the documents show it."""
    details = [d for d in (person.eenheid, f"tel. {person.telefoon}" if person.telefoon else None, person.email) if d]
    if not person.naam:
        return ", ".join(details)
    return f"{person.naam} ({', '.join(details)})" if details else person.naam


def persons_text(persons: list[Any], separator: str = ", ") -> str:
    """The persons as one line; with separator '; ' it reads back as the same persons."""
    return separator.join(t for t in (person_text(p) for p in persons or []) if t)
