"""The Word styles notawriter gives its paragraphs that a template lacks, and what they fall back to.

Those are word.paragraphs.ROLE_STYLES for the kind of document, the footnote and redaction styles, and
any style the template's own text names but does not define.
"""

from __future__ import annotations

from notawriter.word.tplcheck.parts import Template

#: What each style is for, in the words of the person styling the template.
STYLE_PURPOSE: dict[str, str] = {
    "Nota Tekst": "gewone alinea's",
    "List Bullet": "opsommingen",
    "List Bullet 2": "opsommingen op het tweede niveau",
    "Heading 1": "koppen",
    "Heading 2": "tussenkoppen",
    "Heading 3": "kopjes van opties en subsecties",
    "Nota Label": "vette kopregels in besluit en opties",
    "Nota Alternatief": "markering van de alternatieven bij een open keuze",
    "Nota Open": "plekken waar nog tekst moet komen",
    "footnote text": "tekst van voetnoten bij moties",
    "footnote reference": "voetnootnummers",
    "Gelakt": "gelakte tekst in de openbare versie",
}


def _roles() -> dict[str, tuple[str, ...]]:
    from notawriter.view import BODY, BULLET1, BULLET2, H1, H2, H3, LABEL, MARKER, PLACEHOLDER

    markup = (BODY, BULLET1, BULLET2)  # every note text may hold paragraphs and bullets
    return {
        "nota": (*markup, H1, H2, H3, LABEL),
        "kamerbrief": (*markup, H1, H2, MARKER, PLACEHOLDER),
        "bijlage": (*markup, PLACEHOLDER),
        "antwoorden": (*markup, LABEL, PLACEHOLDER),  # genre kamervragen: 'Vraag n' / 'Antwoord' labels
    }


#: Styles applied to runs and footnotes (any note text can cite a motion or hold a redacted name).
_RUN_STYLES = (("footnote text", "Normal"), ("footnote reference", "gewoon superscript"), ("Gelakt", "gewone tekst"))


def missing_styles(template: Template, kind: str) -> list[tuple[str, str]]:
    """(style, what it becomes) for each style notawriter gives this kind of document's text that
    the template lacks; then the styles the template's own paragraphs name but does not define."""
    from notawriter.word.paragraphs import ROLE_STYLES

    missing: dict[str, str] = {}
    for role in _roles().get(kind, ()):
        first, *rest = ROLE_STYLES[role]
        if first.lower() not in template.style_names:
            missing[first] = next((s for s in rest if s.lower() in template.style_names), "Normal")
    for name, fallback in _RUN_STYLES:
        if name.lower() not in template.style_names:
            missing[name] = fallback
    for sid in template.used_style_ids:
        if sid not in template.style_ids:
            missing.setdefault(sid, "Normal")
    return list(missing.items())


def styles_message(missing: list[tuple[str, str]]) -> str:
    """'List Bullet (opsommingen) ontbreekt: wordt Normal; …; voeg de stijlen toe …'."""
    items = []
    for name, fallback in missing:
        purpose = STYLE_PURPOSE.get(name, "in het sjabloon zelf gebruikt")
        items.append(f"{name} ({purpose}) ontbreekt: wordt {fallback}")
    it = "de stijl toe in Word (of neem hem" if len(items) == 1 else "de stijlen toe in Word (of neem ze"
    return "; ".join(items) + f"; voeg {it} over uit het meegeleverde sjabloon)"
