"""The document registry: per genre (`soort` in the note file), the documents it makes.

render, check (template checks), diff and the Woo leak check ask this registry which documents a
note has, instead of naming nota/kamerbrief/bijlage. A new genre is a model class (a `Nota`
subclass with its own `soort`), a view module with context builders, templates, and one entry in
`genres()` below.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from notawriter.errors import did_you_mean

if TYPE_CHECKING:
    from notawriter.model import Nota
    from notawriter.view import Redactor

#: (note, --choose choices, redactor) → the template's context.
ContextBuilder = Callable[["Nota", "Mapping[str, str] | None", "Redactor | None"], dict[str, Any]]

DEFAULT_SOORT = "beslisnota"


def _always(nota: Nota) -> bool:
    return True


@dataclass(frozen=True)
class Document:
    """One document of a genre."""

    name: str  # the output's suffix: NOTE-<name>.docx (and NOTE-<name>-openbaar.docx)
    template: str  # the template's file name without .docx
    label: str  # what a user calls it, in Dutch
    context: ContextBuilder
    produced: Callable[[Nota], bool] = _always  # e.g. the bijlage only with recommendations
    absent_reason: str = ""  # why it is not made, for the 'left over from an earlier render' warning
    public: bool = True  # gets a public (Woo) version with --openbaar
    always_public_copy: bool = False  # a -openbaar file even when nothing is redacted (the nota: its header is)
    main_sections: tuple[str, ...] = ()  # context keys whose content a template must show (check)


@dataclass(frozen=True)
class Genre:
    """A kind of note and the documents made from it."""

    soort: str
    label: str
    model: type[Nota]
    documents: tuple[Document, ...]
    text: Callable[[Nota, Mapping[str, str] | None], list[str]]  # the paragraphs `diff` compares
    text_label: str  # the document `diff` compares, in Dutch
    sample: Callable[[], Nota]  # a small note with one of every list item (template checks)
    lint: Callable[[Nota, dt.date], list[Any]] | None = None  # genre-specific check findings
    #: `new`/`edit` for this genre: (path, asker, source=…, new=…, libs=…) → exit code; None = the beslisnota wizard
    wizard: Callable[..., int] | None = None

    def made(self, nota: Nota) -> list[Document]:
        return [d for d in self.documents if d.produced(nota)]


# --- the genres -----------------------------------------------------------------------------------


def _beslisnota() -> Genre:
    from notawriter import view
    from notawriter.diff import kamerbrief_paragraphs
    from notawriter.model import Nota

    def sample() -> Nota:
        return Nota.model_validate(
            {
                "kop": {"onderwerp": "x"},
                "ondertekenaars": [{"afkorting": "M", "titel": "x", "naam": "x"}],
                "aanbevelingen": [{"nummer": "1"}],
                "kamerbrief": {"ondertekening": ["M"]},
            }
        )

    return Genre(
        soort="beslisnota",
        label="beslisnota met Kamerbrief",
        model=Nota,
        documents=(
            Document(
                "nota",
                "nota",
                "nota",
                view.nota_context,
                always_public_copy=True,
                main_sections=("kop", "aanleiding", "besluit", "opties", "moties", "secties"),
            ),
            Document(
                "kamerbrief",
                "kamerbrief",
                "Kamerbrief",
                view.kamerbrief_context,
                main_sections=("brief", "inleiding", "secties", "aanbevelingen", "slot", "ondertekenaars"),
            ),
            Document(
                "bijlage",
                "bijlage",
                "bijlage met de aanbevelingen",
                lambda nota, choose, red: view.bijlage_context(nota, red, choose),
                produced=lambda nota: bool(nota.aanbevelingen),
                absent_reason="geen aanbevelingen",
                main_sections=("rijen",),
            ),
        ),
        text=kamerbrief_paragraphs,
        text_label="Kamerbrief",
        sample=sample,
    )


def _kamervragen() -> Genre:
    from notawriter.kamervragen import lint as kv_lint
    from notawriter.kamervragen import view as kv
    from notawriter.kamervragen.model import KamervragenNota

    def sample() -> Nota:
        return KamervragenNota.model_validate(
            {
                "soort": "kamervragen",
                "kop": {"onderwerp": "x"},
                "ondertekenaars": [{"afkorting": "M", "titel": "x", "naam": "x"}],
                "vragen": [{"nummer": 1, "tekst": "x"}],
                "antwoorden": [{"vragen": [1], "tekst": "x"}],
                "kamerbrief": {"ondertekening": ["M"]},
            }
        )

    return Genre(
        soort="kamervragen",
        label="beantwoording schriftelijke Kamervragen",
        model=KamervragenNota,
        documents=(
            Document(
                "nota",
                "nota",
                "nota TER ONDERTEKENING",
                kv.ondertekening_context,
                always_public_copy=True,
                main_sections=("kop", "aanleiding", "besluit", "secties"),
            ),
            Document("antwoorden", "antwoorden", "antwoorden op de vragen", kv.antwoorden_context, main_sections=("vragen",)),
            Document(
                "aanbiedingsbrief",
                "kamerbrief",
                "aanbiedingsbrief",
                kv.aanbiedingsbrief_context,
                main_sections=("brief", "inleiding", "ondertekenaars"),
            ),
            Document(
                "uitstelbericht",
                "kamerbrief",
                "uitstelbericht",
                kv.uitstel_context,
                produced=lambda nota: getattr(nota, "uitstel", None) is not None,
                absent_reason="geen uitstel gevraagd",
                main_sections=("brief", "inleiding", "ondertekenaars"),
            ),
        ),
        text=kv.antwoorden_paragraphs,
        text_label="antwoorden",
        sample=sample,
        lint=kv_lint.lint_kamervragen,
        wizard=_kamervragen_wizard,
    )


def _kamervragen_wizard(*args: Any, **kwargs: Any) -> int:
    from notawriter.wizard.kamervragen import run

    return run(*args, **kwargs)


@lru_cache(maxsize=1)
def genres() -> dict[str, Genre]:
    """Every genre by its `soort`, the default (beslisnota) first."""
    return {g.soort: g for g in (_beslisnota(), _kamervragen())}


def soort_of(data: Any) -> str:
    """The `soort` a parsed note file names (the default when it names none or is not a mapping)."""
    value = data.get("soort") if isinstance(data, Mapping) else None
    return value if isinstance(value, str) and value.strip() else DEFAULT_SOORT


def note_model(data: Any) -> type[Nota]:
    """The model class for parsed note data, chosen by its `soort`; an unknown one is refused."""
    from notawriter.errors import NotaError

    raw = data.get("soort") if isinstance(data, Mapping) else None
    if raw is not None and not isinstance(raw, str):
        raise NotaError(f"soort moet tekst zijn, bijv. soort: kamervragen; toegestaan: {', '.join(genres())}")
    soort = soort_of(data)
    genre = genres().get(soort)
    if genre is None:
        known = list(genres())
        raise NotaError(f"soort '{soort}' bestaat niet; {did_you_mean(soort, known)}toegestaan: {', '.join(known)}")
    return genre.model


def genre_of(nota: Nota) -> Genre:
    """The genre of a loaded note: the one whose model is the note's class (most specific first)."""
    for genre in reversed(list(genres().values())):
        if isinstance(nota, genre.model):
            return genre
    return genres()[DEFAULT_SOORT]


def template_names() -> tuple[str, ...]:
    """Every template any genre uses, each once."""
    return tuple(dict.fromkeys(d.template for g in genres().values() for d in g.documents))


def required_templates() -> tuple[str, ...]:
    """Templates a user's own template folder must hold; the others fall back to the shipped ones."""
    return ("nota", "kamerbrief")


def output_names(nota: Nota | None = None) -> tuple[str, ...]:
    """The file suffixes documents can have (of one note's genre, or of all genres)."""
    pool = [genre_of(nota)] if nota is not None else list(genres().values())
    return tuple(dict.fromkeys(d.name for g in pool for d in g.documents))
