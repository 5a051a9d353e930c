"""Written questions as published → a kamervragen note.

`parse_questions` reads the text of a published set of questions (the Kamer's 'Vragen van het
lid … aan de minister … over … (ingezonden …)' header, then numbered questions: '1', '1.', '1)',
'Vraag 1', 'Vraag 1:'); answers already in the text ('Antwoord', 'Antwoord op vraag 5 en 6') are
kept too. It reports what it found and where it was unsure, as import-aanbevelingen does.
`fetch` gets a Zaak of soort 'Schriftelijke vragen' from the Tweede Kamer's open data with the
client of `motie fetch` (tkdata).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from notawriter.errors import NotaError, OutputError
from notawriter.model import Indiener

_KENMERK = re.compile(r"\b(\d{4}Z\d{3,6})\b")
_HEADER = re.compile(
    r"Vragen\s+van\s+(?:het\s+lid|de\s+leden)\s+(?P<leden>.+?)\s+aan\s+(?P<aan>(?:de|het)\s+.+?)\s+over\s+"
    r"(?P<over>.+?)\s*\(\s*ingezonden\s+(?:op\s+)?(?P<datum>[^)]+?)\s*\)",
    re.IGNORECASE | re.DOTALL,
)
#: A question's number at the start of a line: '1', '1.', '1)', 'Vraag 1', 'Vraag 1:', 'Vraag 1.'.
_NUMBER = re.compile(r"^\s*(?:(?P<vraag>vraag)\s+(?P<n1>\d{1,3})\s*[.:)]?|(?P<n2>\d{1,3})(?:\s*[.)]|(?=\s*$)|\s+(?=[A-Z(‘'\"]))\s*)(?P<rest>.*)$", re.IGNORECASE)
_ANSWER = re.compile(r"^\s*antwoord(?:\s+op\s+(?:de\s+)?vra(?:ag|gen)\s+(?P<nums>[\d\s,en-]+?))?\s*[.:]?\s*$", re.IGNORECASE)
_PAGE_LINE = re.compile(r"^\s*(?:pagina\s+\d+\s+van\s+\d+|\d+\s*/\s*\d+|-\s*\d+\s*-)\s*$", re.IGNORECASE)


@dataclass
class ParsedQuestions:
    """What the parser found, and what to check by hand."""

    vragen: list[tuple[int, str]] = field(default_factory=list)
    antwoorden: list[tuple[list[int], str]] = field(default_factory=list)
    vragenstellers: list[Indiener] = field(default_factory=list)
    aan: list[str] = field(default_factory=list)
    over: str = ""
    ingezonden: dt.date | None = None
    kenmerk: str | None = None
    onzeker: list[str] = field(default_factory=list)
    voetnoten: list[str] = field(default_factory=list)  # left out of the texts, reported


def _squash(text: str) -> str:
    return " ".join(text.split())


def _split_top(text: str, separators: re.Pattern[str]) -> list[str]:
    """Split on separators that stand outside parentheses."""
    parts, depth, start = [], 0, 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and (m := separators.match(text, i)):
            parts.append(text[start:i])
            start = i = m.end()
            continue
        i += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def parse_members(text: str) -> list[Indiener]:
    """'Hirsch en Piri (beiden GL-PvdA)', 'Kostić (PvdD)', 'Hirsch (GL-PvdA) en Van der Plas (BBB)'."""
    text = _squash(text)
    shared = None
    if m := re.search(r"\((?:beiden|allen|beide|alle)\s+([^)]+)\)\s*$", text, re.IGNORECASE):
        shared, text = m.group(1).strip(), text[: m.start()].strip()
    members = []
    for part in _split_top(text, re.compile(r",\s*|\s+en\s+")):
        m = re.match(r"^(?P<naam>.+?)\s*\((?P<fractie>[^)]+)\)$", part)
        naam, fractie = (m.group("naam"), m.group("fractie").strip()) if m else (part, shared)
        members.append(Indiener(naam=naam.strip(), fractie=fractie or shared))
    return members


def parse_addressees(text: str) -> list[str]:
    """'de minister voor X en de minister van Financiën' → ['minister voor X', 'minister van Financiën']."""
    parts = re.split(r",\s*(?:de|het)\s+|\s+en\s+(?:de|het)\s+(?=minister|staatssecretaris|premier)", _squash(text))
    return [re.sub(r"^(?:de|het)\s+", "", p).strip() for p in parts if p.strip()]


def _paragraph(text: str) -> str:
    """One paragraph of a question or answer as markup: wrapped lines joined; a list kept as a
    list ('- ' items after a blank line)."""
    lines, items = [], []
    for line in text.split("\n"):
        bullet = re.match(r"^\s*[-–•·▪]\s+(.*)$", line)
        if bullet:
            items.append(bullet.group(1).strip())
        elif items:
            items[-1] += " " + line.strip()
        else:
            lines.append(line)
    head = _squash(" ".join(lines))
    listed = "\n".join(f"- {_squash(item)}" for item in items)
    return "\n\n".join(part for part in (head, listed) if part)


def _clean_lines(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return [("" if _PAGE_LINE.match(line) else line) for line in lines]


def _inside_sentence(number: re.Match[str], lines: list[str], i: int) -> bool:
    """A bare 'N Text' line (no '.', ')' or 'Vraag') that continues a paragraph: the line before
    it is text that does not end a sentence."""
    if number.group("vraag") is not None or re.match(r"^\s*\d{1,3}\s*[.)]", number.group(0)) or not number.group("rest"):
        return False
    before = lines[i - 1].strip() if i > 0 else ""
    return bool(before) and not before.endswith(("?", ".", "!", ":", ")"))


#: Where a footnote reference sits: right after a sentence mark, closing quote or bracket ("…'?1").
_MARK_BEFORE = "?!.,;:'\"’”)»]"


def _strip_footnote_markers(result: ParsedQuestions, numbers: list[int]) -> None:
    """Remove the reference digits of the footnotes found ('…bedreigd in Nederland'?1) from the
    questions and answers, and report each one."""
    for n in dict.fromkeys(numbers):
        marker = re.compile(rf"(?<=\D[{re.escape(_MARK_BEFORE)}]){n}(?!\w)")  # not in '2.1'
        message = f"voetnootteken {n} weggelaten; de voetnoot zelf is niet overgenomen"
        for j, (number, text) in enumerate(result.vragen):
            stripped, count = marker.subn("", text)
            if count:
                result.vragen[j] = (number, stripped)
                result.onzeker.append(f"vraag {number}: {message}")
        for j, (nums, text) in enumerate(result.antwoorden):
            stripped, count = marker.subn("", text)
            if count:
                result.antwoorden[j] = (nums, stripped)
                result.onzeker.append(f"antwoord op vraag {', '.join(map(str, nums))}: {message}")


def parse_questions(text: str, unit: str | None = "regel") -> ParsedQuestions:
    """Header facts, questions and (if present) answers from the text of published Kamervragen."""
    result = ParsedQuestions()
    lines = _clean_lines(text)
    where = (lambda i: f"{unit} {i + 1}: ") if unit else (lambda i: "")
    current: tuple[str, Any, int] | None = None  # ('vraag', number, line) or ('antwoord', numbers, line)
    body: list[str] = []
    header: list[str] = []
    expected = 1
    last_question = 0

    def close() -> None:
        if current is None:
            return
        content = "\n".join(body).strip()
        value = "\n\n".join(_paragraph(p) for p in re.split(r"\n\s*\n", content) if p.strip())
        kind, numbers, line = current
        if kind == "vraag":
            result.vragen.append((numbers, value))
            if not value:
                result.onzeker.append(f"{where(line)}vraag {numbers} heeft geen tekst")
        else:
            result.antwoorden.append((numbers, value))

    in_footnote = False
    footnote_numbers: list[int] = []
    for i, line in enumerate(lines):
        if in_footnote:  # a footnote runs to a blank line, the next footnote, question or answer
            number = _NUMBER.match(line)
            starts = _ANSWER.match(line) or (number and (number.group("vraag") or int(number.group("n1") or number.group("n2")) >= expected))
            if line.strip() and not starts and not number:
                result.voetnoten[-1] += " " + line.strip()
                continue
            in_footnote = False
        answer = _ANSWER.match(line)
        if answer and current is not None:  # an answer only after a question
            close()
            nums = [int(n) for n in re.findall(r"\d+", answer.group("nums") or "")]
            if not nums:
                nums = [current[1]] if current[0] == "vraag" else [last_question]
            current, body = ("antwoord", nums, i), []
            continue
        number = _NUMBER.match(line)
        if number and _inside_sentence(number, lines, i):
            number = None  # '2 Kamerleden vroegen …' in the middle of a paragraph is text, not question 2
        if number:
            n = int(number.group("n1") or number.group("n2"))
            if n == expected:
                close()
                current, body = ("vraag", n, i), [number.group("rest")]
                expected, last_question = n + 1, n
                continue
            if current is not None and number.group("vraag") is None and n < expected and line.strip():
                result.voetnoten.append(_squash(line))
                footnote_numbers.append(n)
                result.onzeker.append(
                    f"{where(i)}'{_squash(line)[:60]}' lijkt een voetnoot; niet overgenomen "
                    "(zet hem zo nodig als [voetnoot: …] in de vraag)"
                )
                in_footnote = True
                continue
            elif number.group("vraag") is not None and n != expected:
                result.onzeker.append(f"{where(i)}'Vraag {n}' verwacht als vraag {expected}; volgorde controleren")
        if current is None:
            header.append(line)
        else:
            body.append(line)
    close()
    _strip_footnote_markers(result, footnote_numbers)

    head = _squash("\n".join(header))
    if m := _KENMERK.search(text):
        result.kenmerk = m.group(1)
    else:
        result.onzeker.append("geen kenmerk (zoals 2025Z04931) gevonden; vul kenmerk: in")
    if m := _HEADER.search(head) or _HEADER.search(_squash(text)):
        result.vragenstellers = parse_members(m.group("leden"))
        result.aan = parse_addressees(m.group("aan"))
        result.over = _squash(m.group("over")).rstrip(".")
        from notawriter.dates import parse_date

        try:
            result.ingezonden = parse_date(m.group("datum"))
        except ValueError:
            result.onzeker.append(f"datum '{m.group('datum')}' niet herkend; vul ingezonden: in")
    else:
        result.onzeker.append(
            "geen kop 'Vragen van het lid/de leden … aan de minister … over … (ingezonden …)' gevonden; "
            "vul vragenstellers, aan, over en ingezonden zelf in"
        )
    numbers = [n for n, _ in result.vragen]
    if numbers and numbers[0] != 1:
        result.onzeker.append(f"de eerste vraag heeft nummer {numbers[0]}")
    return result


def to_note(parsed: ParsedQuestions, source: str) -> Any:
    """A new kamervragen note holding what was found (valid, so it can be saved and edited)."""
    from notawriter.kamervragen.model import Antwoord, KamervragenNota, Vraag
    from notawriter.kamervragen.view import escape
    from notawriter.model import Kop, NotaType

    over = parsed.over or source
    known = {n for n, _ in parsed.vragen}
    answered: set[int] = set()
    antwoorden = []
    for numbers, tekst in parsed.antwoorden:
        numbers = [n for n in numbers if n in known and n not in answered]
        if numbers:
            answered.update(numbers)
            antwoorden.append(Antwoord(vragen=numbers, tekst=escape(tekst)))
    return KamervragenNota(
        kop=Kop(type=NotaType.TER_ONDERTEKENING, onderwerp=f"Beantwoording Kamervragen over {over}"),
        kenmerk=parsed.kenmerk,
        ingezonden=parsed.ingezonden,
        vragenstellers=parsed.vragenstellers,
        aan=parsed.aan,
        over=parsed.over,
        vragen=[Vraag(nummer=n, tekst=escape(t)) for n, t in parsed.vragen],
        antwoorden=antwoorden,
    )


def report_lines(parsed: ParsedQuestions, source: str) -> list[str]:
    n = len(parsed.vragen)
    lines = [f"{n} vra{'gen' if n != 1 else 'ag'} gevonden in {source}"]
    if parsed.kenmerk:
        lines.append(f"  kenmerk:        {parsed.kenmerk}")
    if parsed.vragenstellers:
        from notawriter.kamervragen.view import leden

        lines.append(f"  gesteld door:   {leden(parsed.vragenstellers)}")
    if parsed.aan:
        lines.append(f"  aan:            {', '.join(parsed.aan)}")
    if parsed.over:
        lines.append(f"  over:           {parsed.over}")
    if parsed.ingezonden:
        from notawriter.dates import format_date

        lines.append(f"  ingezonden:     {format_date(parsed.ingezonden)} (termijn drie weken)")
    if parsed.antwoorden:
        lines.append(f"  met {len(parsed.antwoorden)} antwoord{'en' if len(parsed.antwoorden) != 1 else ''}")
    if parsed.onzeker:
        lines.append("Controleer:")
        lines.extend(f"  - {note}" for note in parsed.onzeker)
    return lines


def _write_new(output: Path, parsed: ParsedQuestions, source: str) -> None:
    from notawriter.notefile import save_note

    if output.exists():
        raise OutputError(f"{output}: bestaat al en wordt niet overschreven; kies een andere naam")
    save_note(output, to_note(parsed, source))


def import_command(source: Path, output: Path) -> int:
    """`notawriter import-kamervragen VRAGEN.txt|.docx|.pdf -o NOTA.yaml`."""
    from notawriter.reports import TEXT_SUFFIXES, read_report

    if output.exists():
        raise OutputError(f"{output}: bestaat al en wordt niet overschreven; kies een andere naam")
    text = read_report(source)
    parsed = parse_questions(text, unit="regel" if source.suffix.lower() in TEXT_SUFFIXES else None)
    if not parsed.vragen:
        raise NotaError(
            f"{source}: geen vragen gevonden; verwacht genummerde vragen ('1', '1.', 'Vraag 1') na de kop "
            "'Vragen van het lid … aan de minister … over … (ingezonden …)'"
        )
    _write_new(output, parsed, source.name)
    for line in report_lines(parsed, source.name):
        print(line)
    print(f"Nieuwe nota geschreven: {output}")
    return 0


# --- open data (Tweede Kamer) ----------------------------------------------------------------------


def _the_zaak(payload: Any, source: str) -> tuple[str, dict[str, Any]]:
    from notawriter.tkdata import _fail, _text, _zaken

    zaken = _zaken(payload, source)
    if not zaken:
        _fail(source, "value", "bevat geen zaken; controleer het kenmerk (bijv. 2025Z04931)")
    path, zaak = zaken[0]
    if not isinstance(zaak, dict):
        _fail(source, path or None, "moet een Zaak met velden zijn")
    soort = _text(zaak, "Soort", path, source)
    if soort is not None and "vragen" not in soort.lower():
        _fail(source, f"{path}.Soort".lstrip("."), f"zaak {zaak.get('Nummer') or '?'} is een '{soort}', geen schriftelijke vragen")
    return path, zaak


def questions_document(payload: Any, source: str) -> dict[str, Any] | None:
    """The Zaak's document holding the questions (Soort 'Schriftelijke vragen'), if it has one."""
    from notawriter.tkdata import _related

    path, zaak = _the_zaak(payload, source)
    documents = _related(zaak, "Document", path, source, required=False)
    return next((d for d in documents if "vragen" in str(d.get("Soort") or "").lower()), documents[0] if documents else None)


def parse_zaak(payload: Any, source: str, text: str | None = None) -> ParsedQuestions:
    """A Zaak of soort 'Schriftelijke vragen' (expanded with ZaakActor and Document): the header
    facts from its fields, the questions from `text` (the document's text, fetched separately:
    the OData metadata holds none), else only what the Onderwerp says."""
    from notawriter.tkdata import _related, _text

    path, zaak = _the_zaak(payload, source)
    onderwerp = _text(zaak, "Onderwerp", path, source) or ""
    parsed = parse_questions(text or onderwerp, unit=None)
    parsed.kenmerk = _text(zaak, "Nummer", path, source) or parsed.kenmerk
    parsed.onzeker = [n for n in parsed.onzeker if "kenmerk" not in n]
    if not parsed.vragenstellers:
        actors = _related(zaak, "ZaakActor", path, source, required=False)
        from notawriter.tkdata import surname

        for actor in actors:
            if str(actor.get("Relatie") or "").lower() in ("indiener", "medeindiener") and actor.get("ActorNaam"):
                fractie = actor.get("ActorAfkorting") or actor.get("ActorFractie")  # the cited form: GL-PvdA
                parsed.vragenstellers.append(Indiener(naam=surname(str(actor["ActorNaam"])), fractie=fractie))
    if not parsed.aan:
        for actor in _related(zaak, "ZaakActor", path, source, required=False):
            if str(actor.get("Relatie") or "").lower() == "gericht aan" and actor.get("Functie"):
                parsed.aan.append(str(actor["Functie"]).strip())
    if parsed.ingezonden is None:
        gestart = _text(zaak, "GestartOp", path, source)
        if gestart:
            try:
                parsed.ingezonden = dt.datetime.fromisoformat(gestart).date()
            except ValueError:
                parsed.onzeker.append(f"GestartOp '{gestart}' is geen datum")
    if not parsed.over and onderwerp and (m := re.search(r"\bover\s+(.+)$", _squash(onderwerp))):
        parsed.over = m.group(1).rstrip(".")
    parsed.onzeker = [n for n in parsed.onzeker if not n.startswith("geen kop") or not parsed.vragenstellers]
    if not parsed.vragen:
        parsed.onzeker.append("het antwoord van de Kamer bevat de tekst van de vragen niet; vul vragen: zelf in")
    return parsed


def fetch_command(kenmerk: str, output: Path | None) -> int:
    """`notawriter kamervragen fetch 2025Z04931 [-o NOTA.yaml]`."""
    from notawriter.notefile import dump_yaml, to_yaml_data
    from notawriter.tkdata import fetch_zaak, normalise_zaaknummer

    nummer = normalise_zaaknummer(kenmerk)
    source = f"Tweede Kamer, zaak {nummer}"
    payload = fetch_zaak(nummer)
    text, problem = None, None
    document = questions_document(payload, source)
    if document is not None and document.get("Id"):
        try:
            text = fetch_document_text(str(document["Id"]), str(document.get("ContentType") or ""))
        except NotaError as exc:
            problem = exc.message
    parsed = parse_zaak(payload, source, text)
    if problem:
        parsed.onzeker.append(f"tekst van de vragen niet opgehaald: {problem}")
    if output is None:
        print(dump_yaml(to_yaml_data(to_note(parsed, nummer)), modeline=False), end="")
        return 0
    _write_new(output, parsed, nummer)
    for line in report_lines(parsed, source):
        print(line)
    print(f"Nieuwe nota geschreven: {output}")
    return 0


_SUFFIXES = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "text/plain": ".txt",
}


def fetch_document_text(document_id: str, content_type: str = "", timeout: float | None = None) -> str:
    """GET a Document's resource (the file: pdf, Word or text) and read it as the importers do."""
    import http.client
    import tempfile
    import urllib.error
    import urllib.parse
    import urllib.request

    from notawriter import __version__
    from notawriter.reports import read_report
    from notawriter.tkdata import MAX_RESPONSE_BYTES, TIMEOUT, resolve_base_url

    if not re.fullmatch(r"[0-9A-Za-z-]{1,64}", document_id):
        raise NotaError(f"onverwacht document-id '{document_id[:40]}' in het antwoord van de Tweede Kamer")
    url = f"{resolve_base_url()}/Document({urllib.parse.quote(document_id)})/resource"
    request = urllib.request.Request(url, headers={"User-Agent": f"notawriter/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout or TIMEOUT) as response:
            raw = response.read(MAX_RESPONSE_BYTES + 1)
            content_type = response.headers.get_content_type() or content_type
    except urllib.error.HTTPError as exc:
        raise NotaError(f"de Tweede Kamer gaf een fout ({exc.code} {exc.reason}) bij het document") from None
    except (OSError, http.client.HTTPException) as exc:
        raise NotaError(f"kon het document niet ophalen ({getattr(exc, 'reason', None) or exc})") from None
    if len(raw) > MAX_RESPONSE_BYTES:
        raise NotaError("het document is te groot")
    suffix = _SUFFIXES.get(content_type.split(";")[0].strip().lower())
    if suffix is None:
        suffix = ".pdf" if raw.startswith(b"%PDF") else ".docx" if raw.startswith(b"PK") else ".txt"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"vragen{suffix}"
        path.write_bytes(raw)
        return read_report(path)
