"""Generated leak variants across every text field of the model (issue 13, item 5's leak part).

The note is built by walking the model's classes: every free-text field (plain or markup, in
every nested object and list) gets its own redacted name, `[[5.1.2e:…]]`, and every person of a
header field a name, phone number and e-mail address. Hypothesis (deterministic) then checks:

* with every field marked, in either redaction look, the public packages hold no trace of any name, surname, phone number
  or e-mail address in any part (case, whitespace and invisible characters ignored);
* one rendered field holding an *unmarked* variant of a redacted name (another case, a
  non-breaking space, tab, double space, soft hyphen, zero-width space or joiner, BOM, NFD,
  accents dropped, split by formatting, only the surname) is refused — never published.

The counts (tried / clean, tried / refused) are printed with `pytest -s` and asserted.
A field added to the model later is covered automatically; one that cannot hold a mark must be
named in NOT_TEXT with the reason.
"""

from __future__ import annotations

import copy
import re
import types
import typing
import unicodedata
from functools import lru_cache
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from notawriter.errors import NotaError
from notawriter.model import Nota
from notawriter.render import render_nota
from notawriter.woo import LAKSTIJLEN
from tests.helpers import docx_text
from tests.test_woo_leaks import traces

SETTINGS = settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure prints its example, CI time stays bounded
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
#: (class, field) that look like text but are not: a file path.
NOT_TEXT = {("Afzender", "logo")}
#: Person fields that are personal by nature (no mark needed); they get names, phones, e-mails.
PERSON_DATA = {"naam", "telefoon", "email"}

# Every list of objects has one item, every optional object is there; the walk fills the text.
SEED: dict[str, Any] = {
    "schema_version": 1,
    "kop": {
        "onderwerp": "x",
        "datum": "2025-02-03",
        "van": [{"naam": "x", "eenheid": "x"}],
        "via": [{"naam": "x", "eenheid": "x"}],
        "kopie_aan": [{"naam": "x", "eenheid": "x"}],
        "opgesteld_door": [{"naam": "x", "eenheid": "x"}],
    },
    "ondertekenaars": [{"afkorting": "M", "titel": "x", "naam": "x", "herkomst": {"bibliotheek": "x", "id": "x", "hash": "x"}}],
    "beslispunten": [
        {
            "key": "bp",
            "akkoord": ["M"],
            "moties": ["m1"],
            "ambtelijk_advies": "a",
            "opties": [
                {"key": "a", "moties": ["m1"], "herkomst": {"bibliotheek": "x", "id": "x", "hash": "x"}},
                {"key": "b"},
            ],
        }
    ],
    "secties": [{"titel": "x", "subsecties": [{"titel": "x"}]}],
    "moties": [{"key": "m1", "indieners": [{"naam": "x"}], "dossier": "36600", "volgnummer": 12}],
    "aanbevelingen": [{"nummer": "x", "appreciatie": "overnemen", "beslispunt": "bp"}],
    "kamerbrief": {
        "afzender": {"ministerie": "x"},
        "secties": [{"titel": "x", "beslispunt": "bp"}],
        "ondertekening": ["M"],
    },
}


# --- walking the model ----------------------------------------------------------------------------


def _kind(annotation: Any, metadata: list[Any]) -> tuple[str, Any]:
    """('text' | 'texts' | 'model' | 'models' | 'other', inner class)."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            args = typing.get_args(annotation)
            annotation, metadata = args[0], [*metadata, *args[1:]]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return "other", None
            annotation = args[0]
        else:
            break
    if any(getattr(m, "pattern", None) for m in metadata):
        return "other", None  # a key: letters and digits only, no room for a mark
    if annotation is str:
        return "text", None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", annotation
    if typing.get_origin(annotation) is list:
        inner_kind, inner = _kind(typing.get_args(annotation)[0], [])
        return ("texts" if inner_kind == "text" else "models" if inner_kind == "model" else "other"), inner
    return "other", None


def text_slots(cls: type[BaseModel], data: dict[str, Any], path: str = "") -> list[tuple[str, dict | list, Any, str]]:
    """(path, container, key, field name) of every free-text value, creating what the seed lacks."""
    slots: list[tuple[str, dict | list, Any, str]] = []
    for name, info in cls.model_fields.items():
        here = f"{path}.{name}" if path else name
        if (cls.__name__, name) in NOT_TEXT:
            continue
        kind, inner = _kind(info.annotation, list(info.metadata))
        if kind == "text":
            data.setdefault(name, "x")
            slots.append((here, data, name, name))
        elif kind == "texts":
            items = data.setdefault(name, [])
            if not items:
                items.append("x")
            slots.extend((f"{here}[{i}]", items, i, name) for i in range(len(items)))
        elif kind == "model":
            if data.get(name) is None:
                data[name] = {}
            slots.extend(text_slots(inner, data[name], here))
        elif kind == "models":
            for i, item in enumerate(data.get(name) or []):
                slots.extend(text_slots(inner, item, f"{here}[{i}]"))
    return slots


def model_text_fields() -> set[tuple[str, str]]:
    """(class, field) of every free-text field of the model, from the classes alone."""
    found: set[tuple[str, str]] = set()
    seen: set[type] = set()

    def visit(cls: type[BaseModel]) -> None:
        if cls in seen:
            return
        seen.add(cls)
        for name, info in cls.model_fields.items():
            kind, inner = _kind(info.annotation, list(info.metadata))
            if kind in ("text", "texts") and (cls.__name__, name) not in NOT_TEXT:
                found.add((cls.__name__, name))
            elif kind in ("model", "models"):
                visit(inner)

    visit(Nota)
    return found


def covered_fields() -> set[tuple[str, str]]:
    data = copy.deepcopy(SEED)
    slots = text_slots(Nota, data)
    classes = {re.sub(r"\[\d+\]", "", p): p for p, *_ in slots}
    out = set()
    for plain in classes:
        parts = plain.split(".")
        cls: Any = Nota
        for part in parts[:-1]:
            cls = _kind(cls.model_fields[part].annotation, list(cls.model_fields[part].metadata))[1]
        out.add((cls.__name__, parts[-1]))
    return out


def test_the_generated_note_covers_every_text_field_of_the_model() -> None:
    assert model_text_fields() - covered_fields() == set()
    assert len(model_text_fields()) > 40


# --- names --------------------------------------------------------------------------------------

_LETTERS = "aeiouybdfghklmnprstvwz"
_ACCENTED = "éëïöüá"
FIRST = st.text(st.sampled_from(_LETTERS + _ACCENTED), min_size=3, max_size=7).map(lambda s: "Xq" + s)
TUSSEN = st.sampled_from(["", "", "de ", "van ", "van der ", "ter "])
LAST = st.text(st.sampled_from(_LETTERS + _ACCENTED), min_size=4, max_size=9).map(lambda s: "Qz" + s)


@st.composite
def names(draw: st.DrawFn, count: int) -> list[str]:
    """`count` distinct made-up names ('Xqabé van der Qzuvwo'); no two share a surname."""
    out: list[str] = []
    surnames: set[str] = set()
    while len(out) < count:
        last = draw(LAST)
        if last.casefold() in surnames:
            last = f"{last}{len(out)}a".replace("0", "o")
            last = re.sub(r"\d", "k", last)
        surnames.add(last.casefold())
        out.append(f"{draw(FIRST)} {draw(TUSSEN)}{last}")
    return out


def surname_of(name: str) -> str:
    return name.split(" ", 1)[1]


def phone(i: int) -> str:
    return f"06-{10000000 + i * 7919:08d}"


def fill(values: list[str], slots: list[tuple[str, Any, Any, str]], data: dict[str, Any]) -> dict[str, str]:
    """Every slot its own marked name (a person's data as such); path → the name it holds
    (a phone or e-mail slot holds no name)."""
    held: dict[str, str] = {}
    for i, (path, container, key, field) in enumerate(slots):
        name = values[i]
        if field in ("telefoon", "email") and re.search(r"\.(van|via|kopie_aan|opgesteld_door)\[", path):
            container[key] = phone(i) if field == "telefoon" else f"{surname_of(name).split()[-1].lower()}@example.org"
            continue
        held[path] = name
        if ".van[" in path or ".via[" in path or ".kopie_aan[" in path or ".opgesteld_door[" in path:
            if field == "naam":
                container[key] = name
                continue
            if field == "telefoon":
                container[key] = phone(i)
                continue
            if field == "email":
                container[key] = f"{surname_of(name).split()[-1].lower()}@example.org"
                continue
        container[key] = f"Tekst {i} [[5.1.2e:{name}]] eind"
    return held


@lru_cache(maxsize=1)
def base_slots() -> int:
    data = copy.deepcopy(SEED)
    return len(text_slots(Nota, data))


def marked_note(values: list[str]) -> tuple[dict[str, Any], list[tuple[str, Any, Any, str]], dict[str, str]]:
    data = copy.deepcopy(SEED)
    slots = text_slots(Nota, data)
    held = fill(values, slots, data)
    return data, slots, held


def secrets(values: list[str], count: int) -> list[str]:
    surnames = [surname_of(v) for v in values]
    contacts = [phone(i) for i in range(count)] + [phone(i).replace("-", "") for i in range(count)]
    return values + surnames + contacts + ["example.org"]  # every e-mail address is @example.org


COUNTS = {"tried": 0, "clean": 0, "variants": 0, "refused": 0}


@settings(SETTINGS, max_examples=8)
@given(data=st.data())
def test_every_field_marked_leaves_no_trace_in_any_public_part(data: st.DataObject) -> None:
    count = base_slots()
    values = data.draw(names(count))
    note_data, _, held = marked_note(values)
    lakstijl = data.draw(st.sampled_from(LAKSTIJLEN))  # both looks
    documents = render_nota(Nota.model_validate(note_data), openbaar=True, lakstijl=lakstijl)
    public = {d.name: d.data for d in documents if d.name.endswith("-openbaar")}
    internal = "\n".join(docx_text(d.data) for d in documents if not d.name.endswith("-openbaar"))
    assert {"nota-openbaar", "kamerbrief-openbaar", "bijlage-openbaar"} <= set(public)
    COUNTS["tried"] += 1
    for name, blob in public.items():
        assert traces(blob, secrets(values, count)) == {}, name
    assert "[[" not in internal  # marks are resolved in every field, also the plain ones
    COUNTS["clean"] += 1


@lru_cache(maxsize=1)
def rendered_paths() -> tuple[str, ...]:
    """The text fields whose value a document shows (found by rendering a token per field)."""
    data = copy.deepcopy(SEED)
    slots = text_slots(Nota, data)
    tokens = {}
    for i, (path, container, key, field) in enumerate(slots):
        if field in PERSON_DATA and re.search(r"\.(van|via|kopie_aan|opgesteld_door)\[", path):
            container[key] = {"telefoon": phone(i), "email": f"t{i}@example.org"}.get(field, f"Persoon{i}")
            continue
        tokens[path] = container[key] = f"Tokenq{i}z"
    text = "\n".join(docx_text(d.data) for d in render_nota(Nota.model_validate(data)))
    return tuple(sorted(p for p, t in tokens.items() if re.search(rf"\b{t}\b", text)))


def test_most_text_fields_reach_a_document() -> None:
    """(Not rendered: the header persons, which get no token, library provenance, and a few fields
    the views leave out, such as a motion's title.)"""
    assert len(rendered_paths()) > 45


VARIANTS = {
    "hoofdletters": str.upper,
    "kleine letters": str.lower,
    "harde spatie": lambda n: n.replace(" ", "\u00a0"),
    "tab": lambda n: n.replace(" ", "\t"),
    "dubbele spatie": lambda n: n.replace(" ", "  "),
    "zachte afbreking": lambda n: n[:4] + "\u00ad" + n[4:],
    "zero-width space": lambda n: n[:3] + "\u200b" + n[3:],
    "zero-width joiner": lambda n: n[:5] + "\u200d" + n[5:],
    "BOM": lambda n: "\ufeff" + n,
    "NFD": lambda n: unicodedata.normalize("NFD", n),
    "zonder accenten": lambda n: "".join(c for c in unicodedata.normalize("NFD", n) if not unicodedata.combining(c)),
    "in stukken opgemaakt": lambda n: f"**{n[:3]}**{n[3:]}",
    "alleen achternaam": surname_of,
}


@settings(SETTINGS, max_examples=24)
@given(data=st.data())
def test_an_unmarked_variant_in_any_rendered_field_is_refused(data: st.DataObject) -> None:
    count = base_slots()
    values = data.draw(names(count))
    note_data, slots, held = marked_note(values)
    target = data.draw(st.sampled_from(rendered_paths()))
    victim = data.draw(st.sampled_from([name for path, name in held.items() if path != target]))
    form = data.draw(st.sampled_from(sorted(VARIANTS)))
    path, container, key, _ = next(s for s in slots if s[0] == target)
    container[key] = f"Tekst met {VARIANTS[form](victim)} erin"
    COUNTS["variants"] += 1
    with pytest.raises(NotaError):
        render_nota(Nota.model_validate(note_data), openbaar=True)
    COUNTS["refused"] += 1


def test_zz_counts(capsys: pytest.CaptureFixture[str]) -> None:
    """The suite's counts (runs last in this file)."""
    with capsys.disabled():
        print(
            f"\nWoo-lekvarianten: {COUNTS['tried']} volledig gemarkeerde nota's, {COUNTS['clean']} schoon; "
            f"{COUNTS['variants']} ongemarkeerde varianten, {COUNTS['refused']} geweigerd; "
            f"{base_slots()} tekstvelden per nota, {len(rendered_paths())} in een document"
        )
    assert COUNTS["tried"] == COUNTS["clean"] and COUNTS["variants"] == COUNTS["refused"]
