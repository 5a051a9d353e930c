"""How much typing a typical note costs in `notawriter new`: prompts, keystrokes, characters typed.

Drives the INSTALLED `notawriter new` in a pseudo-terminal of 80×24 (pexpect), reads the screen
the way a user does (pyte renders it) and answers each question from a scripted note of the size
the issue names: two decision points, one with two options of two or three arguments each, two
signatories. The answers are chosen by the question's text, not by position, so the same script
drives older versions of the wizard too (`--command` points at another checkout):

    python bench/wizard_session.py                       # the installed notawriter
    python bench/wizard_session.py --command "python -m notawriter" --pythonpath /tmp/old
    python bench/wizard_session.py --transcript          # every screen, as answered

What is counted:
- prompts: questions answered (a question asked again after a refused answer counts again);
- keystrokes: every key sent; Esc+Enter is two, an arrow key one, each character one;
- characters typed: the printable characters of typed answers;
- clearing: Backspaces spent on a pre-filled default the answer differs from (included above);
- navigation: arrow keys in lists (included above).
The driver presses Ctrl-A/Ctrl-E once on a text prompt to see where its input starts (to find a
pre-filled default); those two keys are not counted: a user sees the default without them.

Needs pexpect and pyte (`pip install pexpect pyte`); POSIX only.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROWS, COLS = 24, 80
UP, DOWN, ENTER, ESC = "\x1b[A", "\x1b[B", "\r", "\x1b"
BACKSPACE, HOME, END = "\x7f", "\x01", "\x05"
QUIET = 0.35  # seconds without output: the screen is drawn
TIMEOUT = 20.0


# --- the scripted note --------------------------------------------------------------------------

SUBJECT = "Kabinetsreactie op het IOB-rapport over het mensenrechtenbeleid"
AANLEIDING = (
    "IOB heeft het evaluatierapport over het mensenrechtenbeleid op 11 november aan M gezonden.\n"
    "U wordt gevraagd in te stemmen met de kabinetsreactie."
)
POINTS = [
    {
        "tekst": "akkoord te gaan met extra financiering voor mensenrechtenorganisaties;",
        "akkoord": ["M", "R"],
        "opties": [
            {
                "label": "Extra middelen vrijmaken",
                "samenvatting": "EUR 5 mln extra vrij te maken voor mensenrechtenorganisaties",
                "tekstsuggestie": "Het kabinet maakt EUR 5 mln extra vrij voor mensenrechtenorganisaties.",
                "voor": ["Versterkt het maatschappelijk middenveld", "Komt tegemoet aan de Kamer"],
                "tegen": ["Vraagt dekking binnen de begroting"],
            },
            {
                "label": "Geen extra middelen",
                "samenvatting": "binnen het bestaande budget te blijven",
                "tekstsuggestie": "Het kabinet blijft binnen het bestaande budget.",
                "voor": ["Geen dekking nodig"],
                "tegen": ["Kamer kan ontevreden zijn", "Minder ruimte voor nieuwe initiatieven"],
            },
        ],
        "advies": "Extra middelen vrijmaken",
        "toelichting": "Past bij de prioriteiten van het beleid.",
    },
    {"tekst": "akkoord te gaan met verzending van de Kamerbrief;", "akkoord": ["M"], "opties": []},
]
SIGNERS = [
    ("M", "Minister van Buitenlandse Zaken", "A.B. Minister"),
    ("R", "Minister voor Buitenlandse Handel en Ontwikkelingshulp", "C.D. Minister"),
]
HEADER = {
    "aan": "M en R",
    "van": "DMM/MR",
    "referentie": "BZ2407961",
    "opgesteld_door": "Sanne de Vries (DMM/MR, tel. 06-12345678)",
}
INLEIDING = "Hierbij ontvangt u de kabinetsreactie op het rapport van IOB."


# --- the screen -----------------------------------------------------------------------------------


@dataclass
class Prompt:
    """The question on screen: its text, kind and (for lists) the choices and the pointer."""

    text: str
    kind: str  # 'select', 'checkbox', 'confirm', 'text', 'multiline'
    choices: list[str] = field(default_factory=list)
    checked: list[bool] = field(default_factory=list)
    pointer: int = 0
    screen: str = ""


def read_prompt(lines: list[str]) -> Prompt | None:
    """The active (last) question on the screen, or None when there is none."""
    starts = [i for i, line in enumerate(lines) if line.startswith("? ")]
    if not starts:
        return None
    top = starts[-1]
    body = lines[top + 1 :]
    text_lines = [lines[top][2:]]
    for line in body:  # a wrapped question continues indented by exactly two spaces
        if re.match(r"^  [^\s»○●>]", line) and len(text_lines) < 3:
            text_lines.append(line.strip())
        else:
            break
    text = " ".join(t.strip() for t in text_lines)
    screen = "\n".join(lines)
    choices, checked, pointer = [], [], 0
    for line in body[len(text_lines) - 1 :]:
        m = re.match(r"^ (»| ) ([○●] )?(.*)$", line.rstrip())
        if m is None or not m.group(3).strip():
            if choices:
                break
            continue
        if m.group(1) == "»":
            pointer = len(choices)
        choices.append(m.group(3).strip())
        checked.append(m.group(2) is not None and m.group(2).startswith("●"))
    box = any("○" in line or "●" in line for line in body)
    if re.search(r"\((j/N|J/n|y/N|Y/n)\)", text) and (not choices or choices[:2] in (["Ja", "Nee"], ["Nee", "Ja"])):
        return Prompt(text, "confirm", choices, checked, pointer, screen)
    if choices:
        return Prompt(text, "checkbox" if box else "select", choices, checked, pointer, screen)
    after = body[len(text_lines) - 1 :]
    multiline = bool(after) and after[0].startswith(">")  # a multi-line input starts on its own '>' line
    return Prompt(text, "multiline" if multiline else "text", screen=screen)


class Session:
    """One `notawriter new` in a pty; `answer` types, `stats` counts."""

    def __init__(self, command: list[str], note: Path, env: dict[str, str], transcript: bool = False) -> None:
        import pexpect
        import pyte

        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.child = pexpect.spawn(
            command[0], [*command[1:], "new", str(note)], cwd=str(note.parent), env=env, dimensions=(ROWS, COLS)
        )
        self.child.delaybeforesend = 0.0
        self.transcript = transcript
        self.prompts = 0
        self.keys = 0
        self.chars = 0
        self.clearing = 0
        self.navigation = 0
        self.widest = 0
        self.cut: list[str] = []
        self.log: list[str] = []

    def pump(self, quiet: float = QUIET, timeout: float = TIMEOUT) -> bool:
        """Read output until it has been quiet for `quiet` seconds; False once the program ended."""
        import pexpect

        deadline = time.monotonic() + timeout
        last = time.monotonic()
        while time.monotonic() < deadline:
            try:
                data = self.child.read_nonblocking(65536, timeout=0.05)
            except pexpect.TIMEOUT:
                if time.monotonic() - last >= quiet:
                    return True
                continue
            except pexpect.EOF:
                return False
            self.stream.feed(data)
            last = time.monotonic()
        return True

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def send(self, keys: str, counted: int | None = None) -> None:
        self.child.send(keys)
        self.keys += count_keys(keys) if counted is None else counted

    def wait_prompt(self) -> Prompt | None:
        """The next question, once drawn: an answered one leaves the cursor at the start of a new line."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            alive = self.pump()
            if not alive:
                return None
            lines = self.lines()
            prompt = read_prompt(lines)
            y, x = self.cursor_line()
            top = max((i for i, line in enumerate(lines) if line.startswith("? ")), default=-1)
            if prompt is not None and (x > 0 or y <= top):
                return prompt
        raise TimeoutError("no question appeared; the screen:\n" + "\n".join(self.lines()))

    def cursor_line(self) -> tuple[int, int]:
        return self.screen.cursor.y, self.screen.cursor.x


def count_keys(keys: str) -> int:
    """Keystrokes in `keys`: an escape sequence (arrow) is one key, Esc+Enter two."""
    return len(re.findall(r"\x1b\[[A-D]|\x1b|.", keys, re.DOTALL))


# --- answering -------------------------------------------------------------------------------------


class Script:
    """Answers by the question's text; keeps track of which point and option it is at."""

    def __init__(self) -> None:
        self.point = -1
        self.option = -1
        self.signer = -1
        self.letter_sections = 0

    @property
    def cur(self) -> dict[str, Any]:
        return POINTS[self.point]

    @property
    def opt(self) -> dict[str, Any]:
        return self.cur["opties"][self.option]

    def answer(self, p: Prompt) -> tuple[str, Any]:  # noqa: C901, PLR0911, PLR0912 - one rule a line
        t = p.text
        rules: list[tuple[str, Callable[[], tuple[str, Any]]]] = [
            (r"^Onderwerp", lambda: ("type", SUBJECT)),
            (r"^Soort nota", lambda: ("pick", "TER BESLISSING")),
            (r"^Aan wie gaat de nota", lambda: ("tick", ["M —", "R —"])),
            (r"^Aan \(", lambda: ("type", HEADER["aan"])),
            (r"^Van", lambda: ("type", HEADER["van"])),
            (r"^Via", lambda: ("type", "")),
            (r"^Kopie aan", lambda: ("type", "")),
            (r"^Datum van de nota", lambda: ("pick", "Vandaag")),
            (r"^Datum", lambda: ("keep", None)),  # today's date, pre-filled
            (r"^Welke kopvelden", lambda: ("tick", ["Onze referentie", "Opgesteld door"])),
            (r"^(Onze referentie)", lambda: ("type", HEADER["referentie"])),
            (r"^Opgesteld door", lambda: ("type", HEADER["opgesteld_door"])),
            (r"^(Plandatum|Kamer \(|Binnengekomen)", lambda: ("type", "")),
            (r"^Ondertekenaars (\(wie beslissen en tekenen\) )?\(\d+\)", self.signer_menu),
            (r"^Uit een bibliotheek of nieuw", lambda: ("pick", r"^Nieuw")),
            (r"^Afkorting", lambda: ("type", SIGNERS[self.signer][0])),
            (r"^Functie", lambda: ("type", SIGNERS[self.signer][1])),
            (r"^Naam (zoals|van)", self.signer_name),
            (r"^Aanleiding", lambda: ("multiline", AANLEIDING)),
            (r"^Beslispunten \((\d+)\)", self.point_menu),
            (r"^Wie moet akkoord geven", lambda: ("tick", [f"{k} —" for k in self.cur["akkoord"]])),
            (r"^Beslispunt \(waarmee", lambda: ("type", self.cur["tekst"])),
            (r"^Heeft dit beslispunt opties", lambda: ("yes", bool(self.cur["opties"]))),
            (r"^(Korte )?[Ss]leutel van dit beslispunt", lambda: ("keep", None)),
            (r"^Opties \((\d+)\)", self.option_menu),
            (r"^Korte naam van de optie", lambda: ("type", self.opt["label"])),
            (r"^Sleutel \(uit de naam", lambda: ("keep", None)),
            (r"^Samenvatting", lambda: ("type", self.opt["samenvatting"])),
            (r"^Tekstsuggestie voor de Kamerbrief", lambda: ("multiline", self.opt["tekstsuggestie"])),
            (r"^Argumenten uit de bibliotheek", lambda: ("tick", [])),
            (r"^Argumenten (voor|tegen) deze optie \(één", lambda: ("multiline", "\n".join(self.opt[self._side(t)]))),
            (r"^Argumenten (voor|tegen) \((\d+)\)", self.argument_menu),
            (r"^Argument (voor|tegen) deze optie", self.argument_text),
            (r"^Hoort er een motie bij", lambda: ("yes", False)),
            (r"^Ambtelijk advies", lambda: ("pick", self.cur["advies"])),
            (r"^Toelichting op het advies", lambda: ("type", self.cur["toelichting"])),
            (r"^Welke onderdelen heeft deze nota", lambda: ("tick", [])),
            (r"^Moties \((\d+)\)", lambda: ("pick", "Klaar")),
            (r"^Secties van de nota \((\d+)\)", lambda: ("pick", "Klaar")),
            (r"^Communicatie", lambda: ("multiline", "")),
            (r"^Informatie die niet openbaar", lambda: ("multiline", "")),
            (r"^Bijlage", lambda: ("multiline", "")),
            (r"^Kamerbrief — betreft", lambda: ("keep", None)),
            (r"^Kamerbrief — inleiding", lambda: ("multiline", INLEIDING)),
            (r"^Secties van de Kamerbrief \((\d+)\)", self.letter_menu),
            (r"^Kop van de sectie", lambda: ("type", "Extra financiering")),
            (r"^Tekst( |$)", lambda: ("multiline", "")),
            (r"^Tekstsuggestie van een beslispunt hier", lambda: ("pick", r"^(inzet|akkoord|extra|.*financiering)")),
            (r"^Kamerbrief — slot", lambda: ("multiline", "")),
            (r"^Wie ondertekent de Kamerbrief", lambda: ("tick", ["M —", "R —"])),
            (r"^Kamerbrief — briefhoofd: ministerie", lambda: ("keep", None)),
            (r"^Kamerbrief — briefhoofd: (bezoekadres|retouradres|contact)", lambda: ("type", "")),
            (r"^Kamerbrief — briefhoofd", lambda: ("keep", None)),
            (r"^Wat wilt u doen", lambda: ("pick", "Opslaan en documenten maken")),
        ]
        for pattern, rule in rules:
            if re.search(pattern, t):
                return rule()
        raise LookupError(f"no answer for the question {t!r}")

    @staticmethod
    def _side(text: str) -> str:
        return "voor" if re.search(r"Argumenten voor", text) else "tegen"

    def signer_menu(self) -> tuple[str, Any]:
        have = self.signer + 1
        if have >= len(SIGNERS):
            return ("pick", "Klaar")
        self.signer += 1
        return ("pick", rf"^\+ ({SIGNERS[self.signer][0]} —|Ondertekenaar toevoegen$)")

    def signer_name(self) -> tuple[str, Any]:
        return ("name", SIGNERS[self.signer][2])

    def point_menu(self) -> tuple[str, Any]:
        if self.point + 1 >= len(POINTS):
            return ("pick", "Klaar")
        self.point += 1
        self.option = -1
        return ("pick", r"^\+ (Beslispunt toevoegen|Nieuw beslispunt)")

    def option_menu(self) -> tuple[str, Any]:
        if self.option + 1 >= len(self.cur["opties"]):
            return ("pick", "Klaar")
        self.option += 1
        self.args_done: dict[str, int] = {"voor": 0, "tegen": 0}
        return ("pick", r"^\+ (Optie toevoegen|Nieuwe optie)")

    def argument_menu(self) -> tuple[str, Any]:
        side = "voor" if "voor" in self._current else "tegen"
        if self.args_done[side] >= len(self.opt[side]):
            return ("pick", "Klaar")
        return ("pick", r"^\+ (Argument (voor|tegen) toevoegen|Nieuw argument)")

    def argument_text(self) -> tuple[str, Any]:
        side = "voor" if "voor" in self._current else "tegen"
        text = self.opt[side][self.args_done[side]]
        self.args_done[side] += 1
        return ("type", text)

    def letter_menu(self) -> tuple[str, Any]:
        # the old wizard: a letter section must be added for the text suggestions to appear
        placed = (
            "tekstsuggestie" in self._screen or "financiering" in self._screen.split("Secties van de Kamerbrief")[-1]
        )
        if placed or self.letter_sections >= 1:
            return ("pick", "Klaar")
        self.letter_sections += 1
        return ("pick", r"^\+ Sectie toevoegen")

    _current = ""
    _screen = ""


def drive(session: Session, script: Script) -> None:
    previous, repeats = "", 0
    while True:
        prompt = session.wait_prompt()
        if prompt is None:
            return
        script._current, script._screen = prompt.text, prompt.screen
        kind, value = script.answer(prompt)
        session.prompts += 1
        repeats = repeats + 1 if prompt.text == previous else 0
        previous = prompt.text
        if repeats > 4:
            raise RuntimeError(f"the same question five times, the answer is not taken: {prompt.text!r}")
        session.widest = max(session.widest, *(len(line) for line in session.lines()))
        if session.transcript:
            y, x = session.cursor_line()
            print(f"--- prompt {session.prompts} ({prompt.kind}, cursor {y},{x}) → {kind} {value!r}")
            print(prompt.screen.rstrip() + "\n")
        answer(session, prompt, kind, value)
        # wait for the prompt to be replaced before reading the next one
        session.pump()


def answer(session: Session, p: Prompt, kind: str, value: Any) -> None:  # noqa: C901, PLR0912
    if kind == "yes":
        session.send("j" if value else "n")
        return
    if kind in ("pick", "name") and p.kind in ("select",):
        if kind == "name":  # the new wizard: pick a current name if it is this one, else type it
            target = next((i for i, c in enumerate(p.choices) if c.startswith(value)), None)
            if target is None:
                target = next(i for i, c in enumerate(p.choices) if "typen" in c)
                navigate(session, p, target)
                session.send(ENTER)
                session.pump()
                nxt = session.wait_prompt()
                assert nxt is not None
                session.prompts += 1
                type_text(session, nxt, value)
                return
        else:
            target = find_choice(p, value)
        navigate(session, p, target)
        session.send(ENTER)
        return
    if kind == "tick":
        wanted = {i for i, c in enumerate(p.choices) for w in value if c.startswith(w) or re.search(w, c)}
        pos = p.pointer
        for i in range(len(p.choices)):
            if (i in wanted) != p.checked[i]:
                moves = i - pos
                session.send((DOWN * moves) if moves >= 0 else (UP * -moves))
                session.navigation += abs(moves)
                session.send(" ")
                pos = i
        session.send(ENTER)
        return
    if kind == "keep":
        session.send("\x1b\r" if p.kind == "multiline" else ENTER)
        return
    if kind == "pick" and p.kind == "confirm":
        session.send("j" if value.lower().startswith(("j", "y")) else "n")
        return
    if kind in ("type", "name"):
        type_text(session, p, value)
        return
    if kind == "multiline":
        text = value.replace("\n", "\r")
        session.send(text)
        session.chars += len(value.replace("\n", ""))
        session.send("\x1b\r")
        return
    raise AssertionError(f"cannot answer a {p.kind} prompt with {kind}: {p.text!r}")


def type_text(session: Session, p: Prompt, value: str) -> None:
    """Type `value` into a text prompt, first erasing a pre-filled default that differs."""
    if p.kind == "multiline":
        session.send(value.replace("\n", "\r"))
        session.chars += len(value)
        session.send("\x1b\r")
        return
    session.child.send(HOME)  # uncounted: to see where the input starts
    session.pump(0.2)
    y, x = session.cursor_line()
    default = session.lines()[y][x:].rstrip()
    session.child.send(END)
    session.pump(0.15)
    if default and default == value:
        session.send(ENTER)
        return
    if default:
        session.send(BACKSPACE * len(default))
        session.clearing += len(default)
    session.send(value)
    session.chars += len(value)
    session.send(ENTER)


def find_choice(p: Prompt, wanted: str) -> int:
    for i, c in enumerate(p.choices):
        if c == wanted or c.startswith(wanted) or re.search(wanted, c) or c.lstrip("✓+ ").startswith(wanted):
            return i
    raise LookupError(f"no choice {wanted!r} in {p.choices} for {p.text!r}")


def navigate(session: Session, p: Prompt, target: int) -> None:
    """The fewest arrow keys from the pointer to `target` (lists wrap round)."""
    n = len(p.choices)
    down = (target - p.pointer) % n
    up = (p.pointer - target) % n
    keys = DOWN * down if down <= up else UP * up
    session.send(keys)
    session.navigation += min(down, up)


def run(command: list[str], env_extra: dict[str, str], transcript: bool) -> Session:
    folder = Path(tempfile.mkdtemp(prefix="wizard-bench-"))
    env = {k: v for k, v in os.environ.items() if k not in ("NOTAWRITER_LIBRARY", "VISUAL", "EDITOR")}
    env.update(
        {
            "TERM": "xterm",
            "NO_COLOR": "1",
            "PROMPT_TOOLKIT_NO_CPR": "1",
            "COLUMNS": str(COLS),
            "LINES": str(ROWS),
            **env_extra,
        }
    )
    session = Session(command, folder / "nota.yaml", env, transcript)
    try:
        drive(session, Script())
    finally:
        session.child.close(force=True)
        shutil.rmtree(folder, ignore_errors=True)
    return session


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--command", default=None, help="command instead of the installed 'notawriter'")
    parser.add_argument("--pythonpath", default=None, help="PYTHONPATH for --command (another checkout)")
    parser.add_argument("--transcript", action="store_true", help="print every screen as it was answered")
    args = parser.parse_args(argv)
    command = shlex.split(args.command) if args.command else [shutil.which("notawriter") or "notawriter"]
    extra = {"PYTHONPATH": args.pythonpath} if args.pythonpath else {}
    start = time.monotonic()
    s = run(command, extra, args.transcript)
    took = time.monotonic() - start
    print("wizard session: a note with 2 decision points (one with 2 options of 2-3 arguments), 2 signatories")
    print(f"  command:            {' '.join(command)}")
    print(f"  terminal:           {COLS}×{ROWS}")
    print(f"  prompts answered:   {s.prompts}")
    print(f"  keystrokes:         {s.keys}")
    print(f"  characters typed:   {s.chars}")
    print(f"  of which clearing:  {s.clearing} (Backspaces on pre-filled defaults)")
    print(f"  arrow keys:         {s.navigation}")
    print(f"  driver time:        {took:.0f} s (not a user's time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
