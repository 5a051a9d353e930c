"""Wizard questions as plain data, and the one adapter that asks them in a terminal (questionary).

A `Question` says what to ask (name = field path in the note, kind, message, default, choices,
checks) and how its answer converts between text and model values. The wizard builds questions
and hands them to an *asker*: `TerminalAsker` turns each into a questionary prompt at the last
moment; tests use the same asker with prompt_toolkit pipe input, or any object with `ask`/`say`.
Ctrl-C and EOF (Ctrl-D) at a prompt become `Interrupted`, so the caller can stop calmly.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import textwrap
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TextIO

from notawriter.dates import MONTHS, parse_date
from notawriter.errors import Interrupted

#: Kinds answered by typing; the others are picked from choices.
TEXT_KINDS = ("text", "multiline", "date", "int", "lines", "csv", "block", "persons")
#: Typed over several lines (Enter = new line, Esc+Enter = done): text with markup, a list, plain lines.
MULTILINE_KINDS = ("multiline", "lines", "block")
KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")  # as model.Key

MULTILINE_HELP = "Enter = nieuwe regel · klaar: Esc en dan Enter (of Alt+Enter)"
EDITOR_HELP = "Ctrl-O: open in {editor}"
TEXT_HELP = "Enter = klaar · Ctrl-U wist de regel"
SELECT_HELP = "pijltjes en Enter · typen = zoeken"
CHECKBOX_HELP = "pijltjes · spatie = aan/uit · Enter = klaar"
CONFIRM_HELP = "j = ja · n = nee · Enter = {default}"
#: Words left out of a key derived from a label ('akkoord te gaan met de inzet op …' → 'inzet-…').
_STOP_WORDS = """
    de het een en of van voor met op te in aan om tot dat die dit deze bij naar uit door als over onder
    zijn is wordt worden zal zullen kan kunnen moet moeten wil willen heeft hebben er wel ook
    u uw we wij zij hij zich akkoord gaan gaat ga instemmen instemming besluit besluiten kennis nemen
    neemt genomen bevat waarin waarmee waarbij welke zodat dan nog al reeds the
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())


@dataclass
class Choice:
    title: str
    value: str
    checked: bool = False


@dataclass
class Question:
    """One question: `name` is the field path it fills (e.g. 'kop.datum'), menus end in '#…'.

    Text kinds: 'text' (one line), 'multiline' (text with markup), 'block' (plain lines without
    markup, e.g. an address: kept as one text, lines trimmed, empty lines dropped), 'lines' (a
    list, one item a line), 'csv' (a list, comma-separated), 'date', 'int'.
    """

    name: str
    message: str
    kind: str = "text"
    default: Any = None
    choices: list[Choice] = field(default_factory=list)
    required: bool = False
    check: Callable[[Any], str | None] | None = None  # extra check on the converted value
    instruction: str | None = None  # a hint, shown on the line(s) under the prompt
    progress: str | None = None  # where in the note ('Stap 4 van 7 — Beslispunten, 2 van 2'), set by the wizard

    def to_text(self, value: Any) -> str:
        """A model value as the text shown (and editable) in the prompt."""
        if value is None:
            return ""
        if self.kind == "date":
            return format_date_short(value)
        if self.kind == "lines":
            return "\n".join(value)
        if self.kind == "csv":
            return ", ".join(value)
        if self.kind == "persons":
            from notawriter.persons import persons_text

            return persons_text(value, "; ")
        return str(value)

    def from_text(self, text: str) -> Any:
        """The typed text as a model value; ValueError with a Dutch message if it cannot be."""
        if self.kind == "multiline":
            return "\n".join(line.rstrip() for line in text.strip("\n").split("\n")).strip("\n")
        text = text.strip()
        if self.kind == "date":
            return parse_date(text) if text else None
        if self.kind == "int":
            if not text:
                return None
            if not text.isdigit() or int(text) < 1:
                raise ValueError(f"'{text}' is geen volgnummer; typ een heel getal, bijv. 24")
            return int(text)
        if self.kind == "lines":
            return [line.strip() for line in text.split("\n") if line.strip()]
        if self.kind == "block":
            return "\n".join(line.strip() for line in text.split("\n") if line.strip())
        if self.kind == "csv":
            return [part.strip() for part in text.split(",") if part.strip()]
        if self.kind == "persons":  # 'Sanne de Vries (DMM); Thomas Bakker' → Persoon objects (model.Personen)
            from pydantic import ValidationError

            from notawriter.model import Persoon
            from notawriter.persons import to_persons

            try:
                return [Persoon.model_validate(p) for p in to_persons(text)]
            except ValidationError:
                raise ValueError(
                    "typ namen en/of eenheden, gescheiden door ';', bijv. Sanne de Vries (DMM); DMM/MR"
                ) from None
        return text

    def error(self, text: str) -> str | None:
        """Why `text` is not an acceptable answer, or None when it is."""
        try:
            value = self.from_text(text)
        except ValueError as exc:
            return str(exc)
        if self.required and value in ("", None, []):
            return "dit antwoord is verplicht"
        return self.check(value) if self.check and value not in ("", None, []) else None

    def values(self) -> list[str]:
        return [c.value for c in self.choices]


class Asker(Protocol):
    def ask(self, question: Question) -> Any: ...

    def say(self, text: str) -> None: ...


# --- helpers used by the wizard to build questions ---------------------------------------------


def format_date_short(value: dt.date) -> str:
    """'6 januari 2025' without Babel (fast, and accepted back by parse_date)."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def slugify(text: str, fallback: str = "item", max_length: int = 40) -> str:
    """A key from a label: 'Aanbeveling níet overnemen' → 'aanbeveling-niet-overnemen'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", plain)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or (words[0][:max_length] if words else fallback)


def key_from_label(text: str | None, fallback: str = "item", words: int = 3, max_length: int = 24) -> str:
    """A short, meaningful key: the first significant words of a label, stop words left out.

    'akkoord te gaan met de inzet op extra financiering voor Oekraïne' → 'inzet-extra-financiering'.
    """
    from notawriter.markup import plain_text

    plain = unicodedata.normalize("NFKD", plain_text(text or "")).encode("ascii", "ignore").decode("ascii").lower()
    found = re.findall(r"[a-z0-9]+", plain)
    significant = [w for w in found if w not in STOP_WORDS and (len(w) > 1 or w.isdigit())] or found
    slug = ""
    for word in significant[:words]:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or (significant[0][:max_length] if significant else fallback)


def unique_key(base: str, taken: list[str]) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def key_check(taken: list[str], what: str = "sleutel") -> Callable[[Any], str | None]:
    """Check a key's form and that it is not used yet (`taken` excludes the item's own key)."""

    def check(value: Any) -> str | None:
        if not KEY_PATTERN.match(str(value)) or len(str(value)) > 64:
            return f"'{value}' is geen geldige {what}; gebruik letters, cijfers, '-' of '_' zonder spaties"
        if value in taken:
            return f"{what} '{value}' is al in gebruik; kies een andere"
        return None

    return check


def editor_command() -> str | None:
    return os.environ.get("VISUAL") or os.environ.get("EDITOR") or None


def edit_in_editor(text: str, editor: str) -> str | None:
    """Open `text` in the user's editor and return the saved text (None if the editor failed)."""
    fd, name = tempfile.mkstemp(prefix="notawriter-", suffix=".md")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        # Ctrl-C belongs to the editor while it runs; it must not end the wizard (or kill the editor).
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            code = subprocess.call([*shlex.split(editor), str(tmp)])
        except OSError:
            return None
        finally:
            signal.signal(signal.SIGINT, previous)
        return tmp.read_text(encoding="utf-8", errors="replace") if code == 0 else None
    finally:
        tmp.unlink(missing_ok=True)


# --- the terminal adapter -----------------------------------------------------------------------


class _EditorRequest:
    def __init__(self, text: str) -> None:
        self.text = text


class TerminalAsker:
    """Asks questions with questionary; `input`/`output` let tests drive it through a pipe.

    Every prompt fits the terminal: the message is wrapped to its width, choice titles are
    shortened, and the hints (the keys that finish it, the place in the note) are on word-wrapped
    lines under the prompt, never cut at the right edge.
    """

    def __init__(self, input: Any = None, output: Any = None, stream: TextIO | None = None) -> None:
        self.input = input
        self.output = output
        self.stream = stream

    def say(self, text: str) -> None:
        print(text, file=self.stream or sys.stdout, flush=True)

    def ask(self, question: Question) -> Any:
        try:
            if question.kind in TEXT_KINDS:
                return self._text(question)
            if question.kind == "checkbox":
                return self._checkbox(question)
            if question.kind == "confirm":
                return self._confirm(question)
            return self._select(question)
        except (KeyboardInterrupt, EOFError):
            raise Interrupted("gestopt") from None

    def _io(self) -> dict[str, Any]:
        return {k: v for k, v in (("input", self.input), ("output", self.output)) if v is not None}

    def width(self) -> int:
        """The terminal's width in columns (80 when it cannot be told)."""
        if self.output is not None:
            try:
                return max(20, int(self.output.get_size().columns))
            except Exception:  # noqa: BLE001 - a test output without a size
                return 80
        import shutil

        return max(20, shutil.get_terminal_size((80, 24)).columns)

    def _message(self, q: Question) -> str:
        """The question, wrapped so that '? ' plus each line fits the terminal."""
        lines = textwrap.wrap(q.message, self.width() - 3) or [q.message]
        return "\n  ".join(lines)

    def _hints(self, q: Question, *parts: str | None) -> Callable[[], str]:
        """The lines under the prompt: the hint (instruction), the keys, the place in the note."""
        hint = " · ".join(part.strip() for part in (q.instruction, *parts) if part and part.strip())

        def text() -> str:
            width = self.width() - 1
            lines = textwrap.wrap(hint, width) if hint else []
            if q.progress:
                lines += textwrap.wrap(q.progress, width)
            return "\n".join(lines)

        return text

    def _text(self, q: Question) -> Any:
        import questionary
        from prompt_toolkit.key_binding import KeyBindings

        multiline = q.kind in MULTILINE_KINDS
        editor = editor_command() if multiline else None
        bindings = KeyBindings()
        keys = TEXT_HELP
        if multiline:
            keys = MULTILINE_HELP + (
                f" · {EDITOR_HELP.format(editor=Path(shlex.split(editor)[0]).name)}" if editor else ""
            )
            if editor:

                @bindings.add("c-o")
                def _open_editor(event: Any) -> None:
                    event.app.erase_when_done = True  # the prompt comes back with the edited text
                    event.app.exit(result=_EditorRequest(event.current_buffer.text))

        text = q.to_text(q.default)
        while True:
            prompt = questionary.text(
                self._message(q),
                default=text,
                validate=lambda value: q.error(value) or True,
                multiline=multiline,
                instruction="\n>" if multiline else None,
                key_bindings=bindings,
                validate_while_typing=False,
                **self._io(),
            )
            _add_hints(prompt.application, self._hints(q, keys))
            answer = prompt.unsafe_ask()
            if not isinstance(answer, _EditorRequest):
                return q.from_text(answer)
            assert editor is not None
            edited = edit_in_editor(answer.text, editor)
            if edited is None:
                self.say(f"De editor ({editor}) gaf een fout; de tekst is niet gewijzigd.")
            text = answer.text if edited is None else edited.rstrip("\n")

    def _choices(self, q: Question, checkbox: bool = False) -> list[Any]:
        import questionary

        room = self.width() - (8 if checkbox else 6)
        return [
            questionary.Choice(_fit(c.title, room), value=c.value, checked=c.checked if checkbox else False)
            for c in q.choices
        ]

    def _select(self, q: Question) -> Any:
        import questionary

        values = q.values()
        search = len(values) > 7  # a long list: typing filters it
        prompt = questionary.select(
            self._message(q),
            choices=self._choices(q),
            default=q.default if q.default in values else None,
            instruction=" ",
            use_jk_keys=False,
            use_search_filter=search,
            **self._io(),
        )
        _extend(prompt.application, erase=True)
        _add_hints(prompt.application, self._hints(q, SELECT_HELP if search else SELECT_HELP.split(" · ")[0]))
        answer = prompt.unsafe_ask()
        title = next((c.title for c in q.choices if c.value == answer), str(answer))
        self._echo(q.message, _fit(title, max(20, self.width() - len(q.message) - 4)))
        return answer

    def _confirm(self, q: Question) -> bool:
        """A yes/no question answered with one key, as questionary's confirm: j/y = ja, n = nee."""
        import questionary

        prompt = questionary.confirm(
            self._message(q), default=bool(q.default), instruction="(J/n) " if q.default else "(j/N) ", **self._io()
        )
        _extend(prompt.application, {"j": True, "J": True}, erase=True)
        _add_hints(prompt.application, self._hints(q, CONFIRM_HELP.format(default="ja" if q.default else "nee")))
        answer = bool(prompt.unsafe_ask())
        self._echo(q.message, "Ja" if answer else "Nee")
        return answer

    def _checkbox(self, q: Question) -> list[str]:
        import questionary

        prompt = questionary.checkbox(
            self._message(q),
            choices=self._choices(q, checkbox=True),
            instruction=" ",
            **self._io(),
        )
        _extend(prompt.application, erase=True)
        _add_hints(prompt.application, self._hints(q, CHECKBOX_HELP))
        answer = prompt.unsafe_ask()
        chosen = [c for c in q.choices if c.value in answer]  # in the order shown
        summary = ", ".join(_fit(c.title, 30) for c in chosen) or "(geen)"
        self._echo(q.message, _fit(summary, max(20, self.width() - len(q.message) - 4)))
        return [c.value for c in chosen]

    def _echo(self, message: str, answer: str) -> None:
        """The answered question in Dutch (questionary's own line would say 'done (2 selections)')."""
        from prompt_toolkit import print_formatted_text
        from prompt_toolkit.formatted_text import FormattedText
        from questionary.styles import merge_styles_default

        tokens = [("class:qmark", "?"), ("class:question", f" {message} "), ("class:answer", answer)]
        output = {"output": self.output} if self.output is not None else {}
        print_formatted_text(FormattedText(tokens), style=merge_styles_default([]), **output)


def _fit(text: str, width: int) -> str:
    """`text` on one line of at most `width` characters (shortened with '…')."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: max(1, width - 1)].rstrip() + "…"


def _add_hints(app: Any, text: Callable[[], str]) -> None:
    """Word-wrapped hint lines under a prompt, gone once it is answered."""
    from prompt_toolkit.filters import Condition, is_done
    from prompt_toolkit.layout import ConditionalContainer, FormattedTextControl, HSplit, Window

    bar = ConditionalContainer(
        Window(FormattedTextControl(lambda: [("class:instruction", text())]), dont_extend_height=True),
        filter=~is_done & Condition(lambda: bool(text())),
    )
    app.layout.container = HSplit([app.layout.container, bar])


def _extend(app: Any, answer_keys: dict[str, Any] | None = None, erase: bool = False) -> None:
    """Add to a questionary choice prompt: Ctrl-D stops it (as in a text prompt), answer keys."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    bindings = KeyBindings()

    @bindings.add("c-d", eager=True)
    def _eof(event: Any) -> None:
        event.app.exit(exception=EOFError())

    for key, value in (answer_keys or {}).items():
        bindings.add(key, eager=True)(lambda event, value=value: event.app.exit(result=value))
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), bindings])
    app.erase_when_done = erase
