"""The Woo (Wet open overheid) side of a public version: grounds, leak search, public package.

* `WOO_GROUNDS` / `GROUND_DESCRIPTIONS` — every ground of art. 5.1 (lid 1 a–e, lid 2 a–i, lid 5)
  and 5.2 with the short description a published document shows in place of the text;
* `Needles` — what must not appear in a public package: each redacted value, the surname of a
  redacted name ("Sanne de Vries" → "de Vries", matched only with a capital V so the common
  noun "de vries" or "de boer" is no hit) and contact details (phone numbers in any spacing,
  e-mail addresses); everything is compared *normalised* (NFKC, accents and case folded,
  invisible characters — soft hyphen, zero-width space/joiner, BOM, bidi marks — removed, all
  whitespace one space, XML entities unescaped, the runs of a paragraph joined, attributes and
  URL-encoded targets included);
* `public_members` — a public package built from an allow-list of parts and properties: anything
  not on the list (glossary, customXml, comments, people, custom properties, thumbnails, VBA,
  embeddings, docVars, rsids, mail merge, tracked changes' authors, mailto links) is dropped, so
  unknown template metadata can never pass;
* `style_redactions` — the redaction look: the ground's description (light grey) or a black box
  with the code in white, as direct run shading (`w:shd`) that Word and LibreOffice both show.
"""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

# --- the grounds ----------------------------------------------------------------------------------

#: code → (article text, short description shown in a public version)
GROUNDS: dict[str, tuple[str, str]] = {
    "5.1.1a": ("de eenheid van de Kroon in gevaar kan brengen", "Eenheid van de Kroon"),
    "5.1.1b": ("de veiligheid van de Staat kan schaden", "Veiligheid van de Staat"),
    "5.1.1c": ("vertrouwelijk meegedeelde bedrijfs- en fabricagegegevens", "Vertrouwelijke bedrijfsgegevens"),
    "5.1.1d": ("bijzondere persoonsgegevens", "Bijzondere persoonsgegevens"),
    "5.1.1e": ("nationale identificatienummers", "Identificatienummers"),
    "5.1.2a": (
        "de betrekkingen van Nederland met andere staten en internationale organisaties",
        "Internationale betrekkingen",
    ),
    "5.1.2b": ("de economische of financiële belangen van de Staat", "Economische of financiële belangen"),
    "5.1.2c": ("de opsporing en vervolging van strafbare feiten", "Opsporing en vervolging"),
    "5.1.2d": ("inspectie, controle en toezicht door bestuursorganen", "Inspectie, controle en toezicht"),
    "5.1.2e": ("de eerbiediging van de persoonlijke levenssfeer", "Bescherming persoonlijke levenssfeer"),
    "5.1.2f": ("concurrentiegevoelige bedrijfs- en fabricagegegevens", "Concurrentiegevoelige bedrijfsgegevens"),
    "5.1.2g": ("de bescherming van het milieu waarop de informatie betrekking heeft", "Bescherming van het milieu"),
    "5.1.2h": ("de beveiliging van personen en bedrijven en het voorkomen van sabotage", "Beveiliging"),
    "5.1.2i": ("het goed functioneren van de Staat", "Goed functioneren van de Staat"),
    "5.1.5": ("onevenredige benadeling", "Onevenredige benadeling"),
    "5.2": ("persoonlijke beleidsopvattingen", "Persoonlijke beleidsopvattingen"),
}
#: The grounds a redaction mark may name, with the article's words (what `check` lists).
WOO_GROUNDS: dict[str, str] = {code: words for code, (words, _) in GROUNDS.items()}
#: The short description a public version shows for each ground ("omschrijving" style).
GROUND_DESCRIPTIONS: dict[str, str] = {code: short for code, (_, short) in GROUNDS.items()}
PERSONAL_GROUND = "5.1.2e"

#: The two looks of a redaction, chosen in notawriter.yaml (`openbaar: {lakstijl: …}`).
LAKSTIJLEN = ("omschrijving", "zwart")
DEFAULT_LAKSTIJL = "omschrijving"


def ground_display(ground: str, lakstijl: str) -> str:
    """What a public version shows for a redaction: the description, or the code (black box).
    A mistyped ground (still withheld) shows as written in the black box, and as 'Gelakt' otherwise."""
    if lakstijl == "zwart":
        return ground
    return GROUND_DESCRIPTIONS.get(ground, "Gelakt")


# Sentinels around a redaction's display text in plain strings and runs until the package is
# styled (`style_redactions`): plane-16 private-use characters nobody types (and that the
# Redactor removes from user text in a public version).
OPEN, CLOSE = "\U0010fffc", "\U0010fffd"
SENTINELS = re.compile(f"[{OPEN}{CLOSE}]")


def wrap(display: str) -> str:
    return f"{OPEN}{display}{CLOSE}"


def unwrap(text: str) -> str:
    return SENTINELS.sub("", text)


# --- normalised text ------------------------------------------------------------------------------

_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0" + OPEN + CLOSE + "]"
)
_SPACE = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")


def normalise(text: str) -> str:
    """Text as compared for leaks: accents and compatibility forms folded (NFKD, combining marks
    dropped, NFKC), invisible characters removed, every run of whitespace one space. Letter case
    is kept (matching ignores it, but a surname needs its capital)."""
    if text.isascii():  # nothing to fold but whitespace (most of a package)
        return _SPACE.sub(" ", text)
    text = _COMBINING.sub("", _INVISIBLE.sub("", unicodedata.normalize("NFKD", text)))
    text = unicodedata.normalize("NFKC", text)
    return _SPACE.sub(" ", text)


# Combining marks (what NFKD splits off accented letters), removed in one pass.
_COMBINING = re.compile("[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u1ab0-\u1aff"
                        "\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


# --- what to look for -----------------------------------------------------------------------------

TUSSENVOEGSELS = {
    "van", "de", "der", "den", "het", "'t", "t", "ter", "ten", "te", "in", "op", "von", "la", "le", "du", "da",
    "di", "del", "della", "des", "dos", "das", "vd", "v.d.", "d'", "uit", "uijt", "onder", "over", "bij", "aan",
    "tot", "zu", "vom", "el", "al", "'s",
}  # fmt: skip
_PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\d[\d \t\-./()]{6,}\d(?!\w)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’-]*|(?:[A-Z]\.)+[A-Z]?|[a-z]+'?[a-z]*)$", re.UNICODE)
_SPLIT_NAMES = re.compile(r"\s*(?:,|;|/|&|\+|\n|\s-\s|\s–\s|\sen\s|\sand\s|\bc\.s\.)\s*")
MIN_NEEDLE = 3  # shorter values cannot be searched without hitting every other word


@dataclass(frozen=True)
class Needle:
    """One thing a public package must not contain; `value` is what the messages show."""

    value: str
    pattern: re.Pattern[str]
    capital: bool = False  # a surname: only a hit where its core word starts with a capital
    source: str = ""  # the redacted value it comes from (the same as `value` for a whole value)
    key: str = ""  # lower-case text every hit contains (its longest word), for a quick first test

    def search(self, text: str, lower: str | None = None) -> re.Match[str] | None:
        if self.key and self.key not in (lower if lower is not None else text.lower()):
            return None  # (a plain substring test first: most texts hold no part of most needles)
        for match in self.pattern.finditer(text):
            if not self.capital or match.group("core")[:1].isupper():
                return match
        return None


def _words_pattern(words: list[str], core: bool = False) -> str:
    """Words with one optional space between them (a zero-width space in place of a space is
    still a leak); the last word as the named group 'core' when asked."""
    parts = [re.escape(w) for w in words]
    if core:
        parts[-1] = f"(?P<core>{parts[-1]})"
    return r"(?<!\w)" + r" ?".join(parts) + r"(?!\w)"


def looks_like_name(value: str) -> bool:
    """'Sanne de Vries', 'T. Bakker', 'Jan' — not 'de ambassadeur van Ruritanië' or a phrase."""
    tokens = normalise(value).strip().split(" ")
    if not 1 <= len(tokens) <= 6 or any(c.isdigit() for c in value):
        return False
    named = [t for t in tokens if t.lower() not in TUSSENVOEGSELS]
    return bool(named) and all(_NAME_TOKEN.match(t) and t[:1].isupper() for t in named)


def surname(value: str) -> str | None:
    """The surname of a name, with its tussenvoegsels: 'Sanne de Vries' → 'de Vries', 'Jan van der
    Berg' → 'van der Berg', 'T. Bakker' → 'Bakker'; None for a single word (it is the whole name)."""
    tokens = normalise(value).strip().split(" ")
    if len(tokens) < 2:
        return None
    start = len(tokens) - 1
    while start > 1 and tokens[start - 1].lower() in TUSSENVOEGSELS:
        start -= 1
    core = tokens[-1]
    if len(core) < MIN_NEEDLE or not core[:1].isupper():
        return None
    return " ".join(tokens[start:])


def _key(words: list[str]) -> str:
    """The longest word, lower case: a text without it holds no hit (str.lower keeps lengths for
    the letters of names, and a needle's own words are lowered the same way)."""
    return max(words, key=len).lower()


def _phone_pattern(digits: str) -> str:
    sep = r"[ \-./()]*"
    local = sep.join(digits)
    if digits.startswith("0") and not digits.startswith("00"):
        international = r"(?:\+|00)?" + sep + "31" + sep + r"(?:\(0\))?" + sep + sep.join(digits[1:])
        return rf"(?<!\d)(?:{local}|{international})(?!\d)"
    return rf"(?<!\d){local}(?!\d)"


@dataclass
class Needles:
    """Everything a public package must not contain, built from the redacted values of a note."""

    needles: dict[str, Needle] = field(default_factory=dict)
    public_names: set[str] = field(default_factory=set)  # surnames that are public (MPs, signatories)
    private_fields: set[str] = field(default_factory=set)  # the note's personal-data fields (note_needles)

    def __bool__(self) -> bool:
        return bool(self.needles)

    def __iter__(self) -> Iterator[Needle]:
        return iter(self.needles.values())

    def _add(self, needle: Needle) -> None:
        self.needles.setdefault(needle.pattern.pattern + str(needle.capital), needle)

    def add_value(self, value: str, ground: str = PERSONAL_GROUND) -> None:
        """A redacted value: itself, and — for a person's name — each name in it and their surnames;
        phone numbers and e-mail addresses in it as contact details."""
        value = value.strip()
        if not value:
            return
        self._add_phrase(value, value)
        for email in _EMAIL.findall(value):
            self.add_contact(email)
        for phone in _PHONE.findall(value):
            self.add_contact(phone)
        if ground not in ("5.1.2e", "5.1.1d", "5.1.1e") and not looks_like_name(value):
            return
        names = [n for n in _SPLIT_NAMES.split(value) if n and n.strip()]
        for name in names:
            name = re.sub(r"\([^)]*\)", " ", name).strip(" .,")
            if name != value:
                self._add_phrase(name, value)
            if looks_like_name(name) and (last := surname(name)):
                words = normalise(last).split(" ")
                if last.casefold() not in self.public_names and words[-1].casefold() not in self.public_names:
                    pattern = re.compile(_words_pattern(words, core=True), re.IGNORECASE)
                    self._add(Needle(last, pattern, capital=True, source=value, key=_key(words)))

    def _add_phrase(self, phrase: str, source: str) -> None:
        words = normalise(phrase).strip().split(" ")
        if len("".join(words)) < MIN_NEEDLE:
            return
        pattern = re.compile(_words_pattern(words), re.IGNORECASE)
        self._add(Needle(phrase.strip(), pattern, source=source, key=_key(words)))

    def add_contact(self, contact: str) -> None:
        contact = contact.strip()
        if "@" in contact:
            if len(contact) >= MIN_NEEDLE:
                pattern = re.compile(r"(?<![\w.+-])" + re.escape(normalise(contact)) + r"(?![\w-])", re.IGNORECASE)
                self._add(Needle(contact, pattern, source=contact, key=normalise(contact).lower()))
            return
        digits = re.sub(r"\D", "", contact)
        if len(digits) >= 6:
            self._add(Needle(contact, re.compile(_phone_pattern(digits)), source=contact))
        elif contact:
            self._add_phrase(contact, contact)

    def find(self, text: str) -> Needle | None:
        """The first needle found in a text (normalised here)."""
        return self.search(normalise(text))

    def search(self, text: str) -> Needle | None:
        """The first needle found in an already normalised text."""
        lower = text.lower()
        return next((n for n in self if n.search(text, lower)), None)


# --- the text of a package ------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"


def package_texts(members: Iterable[tuple[str, bytes]]) -> Iterator[tuple[str, str]]:
    """(member name, normalised text) for everything a package says: member names, each XML
    part's text with the runs of a paragraph joined, attribute values (URL-decoded too), a
    malformed part's raw text with tags dropped and entities unescaped, and the readable strings
    of a binary part."""
    for name, blob in members:
        label = normalise(urllib.parse.unquote(name))
        if blob[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 XML (allowed, if rare): read as UTF-8
            try:
                from lxml import etree

                blob = etree.tostring(_parse(blob), encoding="UTF-8", xml_declaration=True)
            except Exception:  # noqa: BLE001 - not XML after all: its strings below
                blob = blob.decode("utf-16", errors="replace").encode("utf-8")
        if not (name.endswith(".xml") or name.endswith(".rels") or blob.lstrip()[:5] == b"<?xml"):
            # an image or other binary part: its readable strings (metadata a tool may have left)
            strings = (m.decode("latin-1") for m in re.findall(rb"[\x20-\x7e\xa0-\xff]{4,}", blob))
            yield name, label + "\n" + normalise("\n".join(strings))
            continue
        try:
            text = "\n".join(_xml_lines(blob))
        except Exception:  # malformed: the raw text is what there is
            text = html.unescape(re.sub(r"<[^>]*>", " ", blob.decode("utf-8", errors="replace")))
        yield name, label + "\n" + normalise(text)


def _parse(blob: bytes) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=False)
    return etree.fromstring(blob, parser)


_ATTRIBUTE = re.compile(rb"""\s(?!w:rsid|w14:paraId|w14:textId)[\w:.-]+\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_PARAGRAPH_END = re.compile(rb"</(?:[\w.-]+:)?p>")
_HAS_PARAGRAPHS = re.compile(rb"<(?:[\w.-]+:)?p[\s/>]")
_SPACING_ELEMENT = re.compile(rb"<(?:[\w.-]+:)?(?:tab|br|cr|ptab)\b[^>]*/>")
_ANY_END = re.compile(rb"</[^>]+>")


def _xml_lines(blob: bytes) -> Iterator[str]:
    """All text of an XML part — in a document part each paragraph on its own line with its runs
    joined (w:p, DrawingML's a:p), tabs and breaks as spaces; in any other part each element on its
    own line — plus comments and every attribute value (also URL-decoded). One pass in C: line
    ends are put into the XML before parsing, and the text is read as one string."""
    from lxml import etree

    marked = blob
    if _HAS_PARAGRAPHS.search(blob):
        for tag in set(_PARAGRAPH_END.findall(blob)):  # a few distinct tags: replaced in C
            marked = marked.replace(tag, tag + b"\n")
        for tag in set(_SPACING_ELEMENT.findall(blob)):
            marked = marked.replace(tag, tag + b" ")
    else:
        marked = _ANY_END.sub(rb"\g<0>\n", blob)
    root = _parse(marked)
    yield etree.tostring(root, method="text", encoding="unicode")
    for comment in root.xpath("//comment() | //processing-instruction()"):
        yield comment.text or ""
    # attribute values, from the bytes (the parse above proved them well-formed), entities resolved
    values = html.unescape(b"\n".join(v for pair in _ATTRIBUTE.findall(blob) for v in pair if v).decode("utf-8", "replace"))
    yield values
    if "%" in values:
        yield urllib.parse.unquote(values)


def find_leak(members: Iterable[tuple[str, bytes]], needles: Needles) -> tuple[Needle, str] | None:
    """The first needle found anywhere in the package, with the member it is in."""
    if not needles:
        return None
    for name, text in package_texts(members):
        if needle := needles.search(text):
            return needle, name
    return None


# --- the note's own texts -------------------------------------------------------------------------

# Any Dutch phone number, in any notation: 06-12345678, 06 12 34 56 78, 070-348 6486, (070) 3486486,
# +31 6 12345678, +31 (0)70 348 6486, 0031 70 …: a 0 and nine digits, or +31/0031 and nine digits, a
# separator (space, dash, dot, slash, brackets) between any two. Not part of a longer number, a word
# or a link, not a decimal (0.123…); service numbers (0800, 0900: other lengths) do not match.
_SEP = r"[ \u00a0\-./()]{0,3}"
_NINE = r"[1-9]" + rf"(?:{_SEP}\d){{8}}"
PHONE = re.compile(
    r"(?<![\w+/=#&@])(?<!\d[\-./])"
    rf"(?:(?:\+|00){_SEP}31{_SEP}(?:\(0\){_SEP})?|\(?0[ \-/()]{{0,3}}){_NINE}"
    r"(?![\w@]|[\-./]\d)"
)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
#: The first word of an organisation's general address (info@…, postbus@…): not a person's.
GENERAL_MAILBOXES = frozenset({
    "info", "informatie", "postbus", "post", "contact", "secretariaat", "communicatie", "pers", "persvoorlichting",
    "voorlichting", "woo", "wob", "privacy", "klachten", "webmaster", "helpdesk", "servicedesk", "service",
    "klantcontact", "vragen", "algemeen", "receptie", "noreply", "no-reply", "donotreply", "admin", "office", "mail",
    "inkoop", "facturen",
})  # fmt: skip


def general_mailbox(address: str) -> bool:
    """Whether an e-mail address is an organisation's general one ('info@…', 'postbus.dmm@…')."""
    local = address.split("@", 1)[0].casefold()
    return local in GENERAL_MAILBOXES or re.split(r"[._+-]", local, maxsplit=1)[0] in GENERAL_MAILBOXES


def contact_details(text: str) -> list[tuple[str, str]]:
    """(kind, value) for each phone number and each e-mail address of a person in a text, in order;
    kind is 'telefoonnummer' or 'e-mailadres'."""
    found: list[tuple[int, str, str]] = []
    if sum(map(text.count, "0123456789")) >= 9:  # (a quick first test: most texts hold no number that long)
        found += [(m.start(), "telefoonnummer", m.group()) for m in PHONE.finditer(text)]
    if "@" in text:
        found += [(m.start(), "e-mailadres", m.group()) for m in EMAIL.finditer(text) if not general_mailbox(m.group())]
    return [(kind, value) for _, kind, value in sorted(found)]


def note_needles(nota: Any, texts: list[tuple[str, str]] | None = None) -> Needles:
    """What the public versions of a note must not contain: every marked value, every person
    of a header field (name, surname, phone, e-mail) and every text field the model marks as
    personal data (e.g. the letterhead's contact), wherever the note has them. The fields these
    come from (`private_fields`) are redacted as a whole."""
    from pydantic import BaseModel

    from notawriter.markup import redacted_spans, without_redactions
    from notawriter.model import Persoon, iter_texts, personal_fields

    needles = Needles()
    needles.public_names = _public_names(nota)
    for _, text in iter_texts(nota) if texts is None else texts:  # (`texts`: the note's, when already listed)
        if "[[" in text:
            for span in redacted_spans(text):
                needles.add_value(span.text, span.ground)

    def persons(value: object, path: str) -> None:
        if isinstance(value, Persoon):
            needles.private_fields.add(path)
            if value.naam:
                needles.add_value(value.naam)
            for contact in (value.telefoon, value.email):
                if contact:
                    needles.add_contact(contact)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                persons(item, f"{path}[{i}]")
        elif isinstance(value, BaseModel):
            personal = personal_fields(type(value))
            for field_name in type(value).model_fields:
                inner = getattr(value, field_name)
                here = f"{path}.{field_name}" if path else field_name
                if field_name in personal:
                    needles.private_fields.add(here)
                    if isinstance(inner, str) and inner.strip():
                        needles.add_value(without_redactions(inner))  # (a marked part is a needle already)
                persons(inner, here)

    persons(nota, "")
    return needles


def _public_names(nota: Any) -> set[str]:
    """Names that are public by office (members of parliament, signatories): a redacted person
    sharing a surname with one does not make that surname a leak (the full name still is)."""
    names = {i.naam for m in nota.moties for i in m.indieners} | {o.naam for o in nota.ondertekenaars}
    words = {w for name in names for w in normalise(name).split(" ")}
    return {n.casefold() for n in names | words if n}


_MARKUP_CHARS = re.compile(r"[*\[\]<>\\_`]")


@dataclass(frozen=True)
class Mention:
    """Personal data standing unmarked in a field of the note; `message` is the Dutch advice."""

    field: str
    value: str
    message: str


def unmarked_mentions(nota: Any, needles: Needles | None = None, contacts: bool = True) -> list[Mention]:
    """Every field of the note (outside the personal-data fields themselves) where personal data
    stands without a redaction mark: a marked value or a person of the header repeated unmarked
    (the leak search's needles), and — with `contacts` — any phone number or e-mail address of a
    person. One mention per field and value, in the order of the note. `check` reports these and
    `render --openbaar` refuses them."""
    from notawriter.markup import plain_text, without_redactions
    from notawriter.model import iter_texts

    texts = iter_texts(nota)
    needles = note_needles(nota, texts) if needles is None else needles
    private = tuple(needles.private_fields)
    inside = tuple(f"{p}{c}" for p in private for c in ".[")
    out: list[Mention] = []
    for path, text in texts:
        if path in private or path.startswith(inside):
            continue
        unmarked = without_redactions(text) if "[[" in text else text  # as typed, and as printed
        # (the printed form differs only where there is markup: a name split by ** or a link)
        printed = plain_text(unmarked) if _MARKUP_CHARS.search(unmarked) else unmarked
        forms = [normalise(unmarked)] + ([normalise(printed)] if printed != unmarked else [])
        seen: set[str] = set()
        for needle in needles:
            if needle.source in seen or not any(needle.search(form) for form in forms):
                continue
            seen.add(needle.source or needle.value)
            shown = needle.value if needle.value == needle.source else f"{needle.value}' (van '{needle.source}"
            out.append(Mention(path, needle.value, (
                f"openbare versie: '{shown}' staat hier ongemarkeerd; markeer die vermelding met "
                f"[[5.1.2e:{needle.value}]] (of een andere Woo-grond) of laat de naam weg"
            )))
        if not contacts:
            continue
        for kind, value in dict.fromkeys(c for form in forms for c in contact_details(form)):
            if value in seen or any(needle.search(normalise(value)) for needle in needles if needle.source in seen):
                continue
            seen.add(value)
            out.append(Mention(path, value, (
                f"openbare versie: {kind} '{value}' staat hier ongemarkeerd; markeer het met [[5.1.2e:{value}]] "
                "of laat het weg" + (" (een algemeen adres zoals info@… mag blijven staan)" if kind == "e-mailadres" else "")
            )))
    return out


# --- the public package ---------------------------------------------------------------------------

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#: Relationships a public package keeps, per source part kind; everything else is dropped.
_PACKAGE_RELS = {_RT + "officeDocument", _RT + "extended-properties",
                 "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"}  # fmt: skip
_DOCUMENT_RELS = {_RT + t for t in ("styles", "numbering", "footnotes", "endnotes", "header", "footer", "settings",
                                    "fontTable", "theme", "image", "hyperlink", "webSettings")}  # fmt: skip
_PART_RELS = {_RT + "image", _RT + "hyperlink"}  # headers, footers, notes, theme
_WML_CLEAN = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
# Elements removed with their content: tracked deletions and moves away, comment anchors, editing
# permissions (they name users), data bindings to the dropped customXml, property-change history.
_DROP = {f"{_W}{t}" for t in ("del", "moveFrom", "commentRangeStart", "commentRangeEnd", "commentReference",
                               "permStart", "permEnd", "dataBinding", "rPrChange", "pPrChange", "sectPrChange",
                               "tblPrChange", "tblPrExChange", "trPrChange", "tcPrChange", "tblGridChange",
                               "numberingChange", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
                               "moveToRangeEnd", "customXmlInsRangeStart", "customXmlInsRangeEnd",
                               "customXmlDelRangeStart", "customXmlDelRangeEnd", "customXmlMoveFromRangeStart",
                               "customXmlMoveFromRangeEnd", "customXmlMoveToRangeStart", "customXmlMoveToRangeEnd")}  # fmt: skip
# Elements replaced by their content: accepted insertions and moves, custom XML and smart tags.
_UNWRAP = {f"{_W}{t}" for t in ("ins", "moveTo", "customXml", "smartTag")}
_SETTINGS_DROP = {f"{_W}{t}" for t in ("docVars", "attachedTemplate", "rsids", "mailMerge", "documentProtection",
                                        "writeProtection", "linkStyles", "saveThroughXslt", "saveXmlDataOnly",
                                        "useXSLTWhenSaving", "alwaysMergeEmptyNamespace", "attachedSchema")}  # fmt: skip
_CORE_KEEP = ("title", "created", "modified", "revision", "identifier", "language")


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _target(source: str, target: str) -> str:
    folder = posixpath.dirname(source)
    return posixpath.normpath(posixpath.join(folder, target)).lstrip("/") if not target.startswith("/") else target[1:]


def _serialise(root: Any) -> bytes:
    from lxml import etree

    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def neutral_core(core: bytes) -> bytes:
    """Core properties with only title, dates, revision, identifier and language: no author,
    last editor, subject, keywords, description, category, content status or version."""
    try:
        root = _parse(core)
    except Exception:
        return core
    changed = False
    for child in list(root):
        if not isinstance(child.tag, str) or child.tag.rsplit("}", 1)[-1] not in _CORE_KEEP:
            root.remove(child)
            changed = True
    return _serialise(root) if changed else core


def minimal_app(app: bytes) -> bytes:
    """Extended properties with the application's name and version only (no Template, Company,
    Manager, HyperlinkBase, TitlesOfParts, statistics)."""
    try:
        root = _parse(app)
    except Exception:
        root = None
    keep = []
    if root is not None:
        for child in root:
            if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] in ("Application", "AppVersion"):
                keep.append(f"<{child.tag.rsplit('}', 1)[-1]}>{html.escape(child.text or '')}</{child.tag.rsplit('}', 1)[-1]}>")
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="{ns}" xmlns:vt="{vt}">'
        f"{''.join(keep)}<DocSecurity>0</DocSecurity></Properties>"
    ).encode()


def tidy_members(members: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """What every generated document gets: neutral core and minimal app properties, and no
    editing-session ids (rsids) in the settings. The template's author, company or manager never
    reach a generated document."""
    out = []
    for name, blob in members:
        if name == "docProps/core.xml":
            blob = neutral_core(blob)
        elif name == "docProps/app.xml":
            blob = minimal_app(blob)
        elif name == "word/settings.xml" and b"rsids" in blob:
            blob = _clean_settings(blob, drop={f"{_W}rsids"})
        out.append((name, blob))
    return out


def _clean_settings(blob: bytes, drop: set[str]) -> bytes:
    root = _parse(blob)
    changed = False
    for child in list(root):
        if child.tag in drop:
            root.remove(child)
            changed = True
    return _serialise(root) if changed else blob


def public_members(members: list[tuple[str, bytes]], lakstijl: str = DEFAULT_LAKSTIJL) -> list[tuple[str, bytes]]:
    """The public package: only the parts reachable through allowed relationships, each cleaned,
    properties neutral; redactions given their look. Parts keep their order."""
    blobs = dict(members)
    keep: dict[str, bytes] = {}
    dropped_ids: dict[str, set[str]] = {}  # part → relationship ids dropped from it
    mailto: dict[str, set[str]] = {}
    queue = [("", "_rels/.rels", _PACKAGE_RELS)]
    while queue:
        source, rels_name, allowed = queue.pop()
        if rels_name not in blobs:
            continue
        root = _parse(blobs[rels_name])
        for rel in list(root):
            rtype, target, rid = rel.get("Type", ""), rel.get("Target", ""), rel.get("Id", "")
            external = rel.get("TargetMode") == "External"
            ok = rtype in allowed and (not external or rtype == _RT + "hyperlink")
            if ok and external and target.strip().lower().startswith(("mailto:", "file:", "\\\\")):
                mailto.setdefault(source, set()).add(rid)
                ok = False
            if ok and not external:
                part = _target(source or "/", target) if source else target.lstrip("/")
                ok = part in blobs
                if ok and part not in keep:
                    keep[part] = blobs[part]
                    if part == "word/document.xml":
                        queue.append((part, _rels_name(part), _DOCUMENT_RELS))
                    elif part.startswith("word/") and not part.endswith(("settings.xml", "fontTable.xml")):
                        # a theme's, header's or note's own images and links; settings and fonts keep none
                        queue.append((part, _rels_name(part), _PART_RELS))
            if not ok:
                root.remove(rel)
                dropped_ids.setdefault(source, set()).add(rid)
        keep[rels_name] = _serialise(root) if dropped_ids.get(source) else blobs[rels_name]
    for name in list(keep):
        keep[name] = _clean_part(name, keep[name], dropped_ids.get(name, set()), mailto.get(name, set()), lakstijl)
    keep["[Content_Types].xml"] = _content_types(blobs.get("[Content_Types].xml", b""), set(keep))
    return [(name, keep[name]) for name, _ in members if name in keep]


def _clean_part(name: str, blob: bytes, dropped: set[str], mailto: set[str], lakstijl: str) -> bytes:
    if name.startswith("word/media/"):
        return image_without_metadata(blob)
    if name == "docProps/core.xml":
        return neutral_core(blob)
    if name == "docProps/app.xml":
        return minimal_app(blob)
    if name == "word/settings.xml":
        return _clean_settings(blob, _SETTINGS_DROP)
    if name == "word/fontTable.xml" and b"embed" in blob:
        root = _parse(blob)
        for element in list(root.iter()):
            if isinstance(element.tag, str) and element.tag.startswith(f"{_W}embed"):
                element.getparent().remove(element)
        return _serialise(root)
    if not (_WML_CLEAN.match(name) or name.endswith(".xml") and name.startswith("word/")):
        return blob
    if not (dropped or mailto or OPEN.encode() in blob or _needs_cleaning(blob)):
        return blob
    root = _parse(blob)
    _clean_wml(root, dropped, mailto)
    style_redactions(root, lakstijl)
    return _serialise(root)


# PNG chunks that only describe (text, dates, EXIF); JPEG segments that do (EXIF/XMP in APP1,
# APP3–APP13 and APP15, comments). What draws the image (and its colour profile) stays.
_PNG_DROP = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}
_JPEG_DROP = {0xE1, *range(0xE3, 0xEE), 0xEF, 0xFE}


def image_without_metadata(blob: bytes) -> bytes:
    """A PNG or JPEG without its descriptive metadata (author, camera, GPS, comments); other
    images and anything that does not parse as expected stay as they are."""
    try:
        if blob.startswith(b"\x89PNG\r\n\x1a\n"):
            out, pos = [blob[:8]], 8
            while pos + 8 <= len(blob):
                length = int.from_bytes(blob[pos : pos + 4], "big")
                kind, end = blob[pos + 4 : pos + 8], pos + 12 + length
                if end > len(blob):
                    return blob
                if kind not in _PNG_DROP:
                    out.append(blob[pos:end])
                pos = end
            return b"".join(out)
        if blob.startswith(b"\xff\xd8"):
            out, pos = [blob[:2]], 2
            while pos + 4 <= len(blob) and blob[pos] == 0xFF:
                marker = blob[pos + 1]
                if marker == 0xDA:  # start of scan: the image data follows to the end
                    out.append(blob[pos:])
                    return b"".join(out)
                length = int.from_bytes(blob[pos + 2 : pos + 4], "big")
                end = pos + 2 + length
                if marker not in _JPEG_DROP:
                    out.append(blob[pos:end])
                pos = end
            return blob
    except (IndexError, ValueError):
        return blob
    return blob


_DIRTY = re.compile(
    rb"<w:(del|ins|moveFrom|moveTo|commentR|commentReference|permStart|permEnd|dataBinding|customXml|smartTag|"
    rb"\w+PrChange|\w+PrExChange|tblGridChange|numberingChange)\b|mailto:|w:author=|\bw:ed\b"
)


def _needs_cleaning(blob: bytes) -> bool:
    return bool(_DIRTY.search(blob))


def _unwrap(element: Any) -> None:
    parent = element.getparent()
    index = parent.index(element)
    for child in reversed(list(element)):
        parent.insert(index, child)
    tail = element.tail
    parent.remove(element)
    if tail and tail.strip():  # (WordprocessingML has no mixed content; kept for safety)
        previous = parent[index - 1] if index > 0 else None
        if previous is not None:
            previous.tail = (previous.tail or "") + tail


def _clean_wml(root: Any, dropped: set[str], mailto: set[str]) -> None:
    """Accept tracked changes, remove comment anchors, permissions and data bindings, turn mailto
    links into plain text, remove what referred to a dropped relationship, blank authors."""
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None and element is not root:
            continue
        if element.tag in _DROP and element.getparent() is not None:
            element.getparent().remove(element)
    for element in list(root.iter(*_UNWRAP)):
        if element.getparent() is not None:
            _unwrap(element)
    rid = f"{{{R}}}id"
    for link in list(root.iter(f"{_W}hyperlink")):
        if link.get(rid) in mailto or link.get(rid) in dropped:
            _unwrap(link)
    for simple in list(root.iter(f"{_W}fldSimple")):
        if "mailto:" in (simple.get(f"{_W}instr") or "").lower():
            _unwrap(simple)
    for instr in root.iter(f"{_W}instrText"):
        if "mailto:" in (instr.text or "").lower():
            instr.text = ""
    if dropped:
        for element in list(root.iter()):
            if not isinstance(element.tag, str) or element.getparent() is None:
                continue
            if any(k.startswith(f"{{{R}}}") and v in dropped for k, v in element.attrib.items()):
                owner = element
                for ancestor in element.iterancestors():
                    if ancestor.tag in (f"{_W}drawing", f"{_W}pict", f"{_W}object", f"{_W}r"):
                        owner = ancestor
                        break
                if owner.getparent() is not None:
                    owner.getparent().remove(owner)
    for element in root.iter():
        if isinstance(element.tag, str):
            for attr in (f"{_W}author", f"{_W}initials"):
                if attr in element.attrib:
                    element.set(attr, "")


def _content_types(blob: bytes, kept: set[str]) -> bytes:
    if not blob:
        return blob
    root = _parse(blob)
    changed = False
    for override in list(root.iter(f"{{{CT}}}Override")):
        if override.get("PartName", "").lstrip("/") not in kept:
            root.remove(override)
            changed = True
    return _serialise(root) if changed else blob


# --- the look of a redaction ----------------------------------------------------------------------

#: Direct run properties per look: shading (w:shd) and text colour, which Word and LibreOffice
#: both show (a character style's highlight is ignored by Word when the style is missing).
_LOOK = {
    "zwart": ('<w:color xmlns:w="{w}" w:val="FFFFFF"/>', '<w:shd xmlns:w="{w}" w:val="clear" w:color="auto" w:fill="000000"/>'),
    "omschrijving": ("", '<w:shd xmlns:w="{w}" w:val="clear" w:color="auto" w:fill="D9D9D9"/>'),
}
# The order of run properties (CT_RPr) up to the ones we set, so the result stays schema-valid.
_RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
              "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w",
              "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign",
              "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"]  # fmt: skip


def style_redactions(root: Any, lakstijl: str) -> None:
    """Split every run whose text holds a wrapped redaction into runs, and give the redaction
    runs the look of `lakstijl` as direct formatting; sentinels never stay in the text."""
    from copy import deepcopy

    from lxml import etree

    for t in list(root.iter(f"{_W}t")):
        text = t.text or ""
        if OPEN not in text and CLOSE not in text:
            continue
        run = t.getparent()
        if run is None or run.tag != f"{_W}r" or run.getparent() is None:
            t.text = unwrap(text)
            continue
        pieces = re.split(f"({OPEN}[^{OPEN}{CLOSE}]*{CLOSE})", text)
        parent, index = run.getparent(), run.getparent().index(run)
        new_runs = []
        for piece in pieces:
            if not piece:
                continue
            redacted = piece.startswith(OPEN) and piece.endswith(CLOSE)
            copy = deepcopy(run)
            for child in list(copy):
                if child.tag not in (f"{_W}rPr",) and child is not None:
                    copy.remove(child)
            new_t = etree.SubElement(copy, f"{_W}t")
            new_t.text = unwrap(piece)
            new_t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            if redacted:
                _apply_look(copy, lakstijl)
            new_runs.append(copy)
        # other content of the run (a tab, a break) stays in the original run after the split text
        run.remove(t)
        for offset, new in enumerate(new_runs):
            parent.insert(index + offset, new)
        if not [c for c in run if c.tag != f"{_W}rPr"]:
            parent.remove(run)


def _apply_look(run: Any, lakstijl: str) -> None:
    from lxml import etree

    rpr = run.find(f"{_W}rPr")
    if rpr is None:
        rpr = etree.Element(f"{_W}rPr")
        run.insert(0, rpr)
    color, shd = _LOOK.get(lakstijl, _LOOK[DEFAULT_LAKSTIJL])
    # No highlight: Word paints a highlight (e.g. from a 'Gelakt' character style) over shading.
    highlight = '<w:highlight xmlns:w="{w}" w:val="none"/>'
    for xml in (color, highlight, shd):
        if not xml:
            continue
        element = etree.fromstring(xml.format(w=W))
        for old in rpr.findall(element.tag):
            rpr.remove(old)
        rpr.append(element)
    order = {f"{_W}{n}": i for i, n in enumerate(_RPR_ORDER)}
    children = sorted(rpr, key=lambda c: order.get(c.tag, len(order)))
    for child in children:
        rpr.append(child)
