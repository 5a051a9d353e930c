"""Command-line wiring: parse arguments, call one feature function, turn NotaError into one line.

Kept import-light: feature modules (and pydantic, docxtpl, prompt_toolkit) are imported inside
each command, so `notawriter --help` starts fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from notawriter import __version__

DEBUG_ENV = "NOTAWRITER_DEBUG"
PYDANTIC_PLUGINS_ENV = "PYDANTIC_DISABLE_PLUGINS"


# --- Dutch argparse -----------------------------------------------------------------------------
# argparse looks its user-facing texts up through the module-level gettext functions `_` and
# `ngettext` at the moment it builds, formats or parses. The msgids below are those of Python
# 3.11-3.13; anything not listed (mostly programming errors) stays English.

_DUTCH: dict[str, str] = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "subcommands": "opdrachten",
    " (default: %(default)s)": " (standaard: %(default)s)",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: waarschuwing: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "onbekende opdracht %(parser_name)r (kies uit %(choices)s)",
    "the following arguments are required: %s": "de volgende argumenten ontbreken: %s",
    "one of the arguments %s is required": "een van de argumenten %s is verplicht",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "expected one argument": "verwacht één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "not allowed with argument %s": "niet toegestaan samen met argument %s",
    "ignored explicit argument %r": "waarde %r hoort hier niet",
    "ambiguous option: %(option)s could match %(matches)s": "dubbelzinnige optie: %(option)s kan %(matches)s zijn",
    "invalid %(type)s value: %(value)r": "ongeldige waarde voor %(type)s: %(value)r",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
    "unexpected option string: %s": "onverwachte optie: %s",
    "option '%(option)s' is deprecated": "optie '%(option)s' is verouderd",
    "command '%(parser_name)s' is deprecated": "opdracht '%(parser_name)s' is verouderd",
    "argument '%(argument_name)s' is deprecated": "argument '%(argument_name)s' is verouderd",
}
_DUTCH_PLURAL: dict[tuple[str, str], tuple[str, str]] = {
    ("expected %s argument", "expected %s arguments"): ("verwacht %s waarde", "verwacht %s waarden"),
}


def _gettext_nl(message: str) -> str:
    return _DUTCH.get(message, message)


def _ngettext_nl(singular: str, plural: str, n: int) -> str:
    one, many = _DUTCH_PLURAL.get((singular, plural), (singular, plural))
    return one if n == 1 else many


@contextmanager
def _dutch_argparse() -> Iterator[None]:
    """Let argparse speak Dutch for the duration, without leaking into other argparse users."""
    module = vars(argparse)
    saved = {name: module[name] for name in ("_", "ngettext")}
    module.update(_=_gettext_nl, ngettext=_ngettext_nl)
    try:
        yield
    finally:
        module.update(saved)


class DutchArgumentParser(argparse.ArgumentParser):
    """ArgumentParser in Dutch whose errors are one `fout:` line plus a hint, exit code 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with _dutch_argparse():  # the -h help text and group titles are fixed here
            super().__init__(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        with _dutch_argparse():
            return super().parse_known_args(*args, **kwargs)

    def format_usage(self) -> str:
        with _dutch_argparse():
            return super().format_usage()

    def format_help(self) -> str:
        with _dutch_argparse():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        message = " ".join(message.split())
        self.exit(2, f"fout: {message}\nzie '{self.prog} --help'\n")


class _DutchSubParser(DutchArgumentParser):
    """A (sub)command parser. Everything after the command name is its own, so leftovers are its
    error: reported here, the hint names the command (`notawriter choose --help`)."""

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        namespace, extras = super().parse_known_args(*args, **kwargs)
        if extras:
            self.error(_gettext_nl("unrecognized arguments: %s") % " ".join(extras))
        return namespace, extras


def _choices(values: list[str]) -> dict[str, str]:
    """Parse repeated BESLISPUNT=OPTIE arguments."""
    from notawriter.errors import NotaError

    chosen: dict[str, str] = {}
    for value in values or []:
        key, sep, option = value.partition("=")
        if not sep or not key or not option:
            raise NotaError(f"--choose '{value}': gebruik BESLISPUNT=OPTIE, bijv. --choose migratie=overnemen")
        chosen[key.strip()] = option.strip()
    return chosen


def _libraries(args: argparse.Namespace) -> list[Path]:
    return [Path(p) for p in getattr(args, "library", None) or []]


# --- commands -----------------------------------------------------------------------------------


def cmd_render(args: argparse.Namespace) -> int:
    from notawriter.render import render_note

    soffice = None
    if args.pdf:  # LibreOffice is looked for before anything is written
        from notawriter.pdf import require_soffice

        soffice = require_soffice()
    report = render_note(
        Path(args.note),
        out_dir=Path(args.output) if args.output else None,
        templates=Path(args.templates) if args.templates else None,
        choose=_choices(args.choose),
        force=args.force,
        openbaar=args.openbaar,
    )
    from notawriter.limits import shown

    for line in report.lines():
        print(shown(line, 10_000))  # note text in a warning: control and escape characters escaped
    from notawriter.pdf import BatchConverter, stale_pdfs, write_pdfs

    if soffice is None:
        for warning in stale_pdfs(report.written):
            print(f"waarschuwing: {warning}")
        return 0
    for line in write_pdfs(report.paths, report.written, BatchConverter(soffice)).lines():
        print(line)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from notawriter.wizard import run_new

    if getattr(args, "soort", None) not in (None, "beslisnota") or _existing_genre(Path(args.note)) != "beslisnota":
        return _genre_wizard(args, new=True)

    source = Path(args.from_note) if getattr(args, "from_note", None) else None
    if source is not None and source.is_file() and _soort_of_file(source) != "beslisnota":
        from notawriter.errors import NotaError

        raise NotaError(f"--from {source}: is een nota over Kamervragen; --from begint een beslisnota uit een eerdere beslisnota")
    return run_new(Path(args.note), libraries=_libraries(args), templates=_templates(args), source=source)


def cmd_edit(args: argparse.Namespace) -> int:
    from notawriter.wizard import run_edit

    if args.section == "antwoorden" or _soort_of_file(Path(args.note)) != "beslisnota":
        return _genre_wizard(args, new=False)

    return run_edit(Path(args.note), section=args.section, libraries=_libraries(args), templates=_templates(args))


def _soort_of_file(path: Path) -> str:
    from notawriter.documents import genre_of
    from notawriter.notefile import load_note

    return genre_of(load_note(path)).soort if path.exists() else "beslisnota"


def _existing_genre(path: Path) -> str:
    """The genre of a note that is already there (continuing it); a file that does not load is the
    beslisnota wizard's to report."""
    from notawriter.errors import NotaError

    try:
        return _soort_of_file(path) if path.is_file() else "beslisnota"
    except NotaError:
        return "beslisnota"


def _genre_wizard(args: argparse.Namespace, new: bool) -> int:
    """The wizard of a genre other than the beslisnota (see notawriter/wizard/kamervragen.py)."""
    from notawriter.documents import genres
    from notawriter.errors import NotaError, did_you_mean
    from notawriter.wizard import _terminal_asker

    path = Path(args.note)
    soort = getattr(args, "soort", None) or _soort_of_file(path)
    if soort not in genres():
        raise NotaError(f"--soort {soort}: bestaat niet; {did_you_mean(soort, genres())}kies uit: {', '.join(genres())}")
    if not new and args.section not in (None, "antwoorden"):
        raise NotaError(
            f"--section {args.section}: een nota over Kamervragen heeft in de vragen alleen het onderdeel 'antwoorden'; "
            f"wijzig de rest met 'notawriter set {path} VELD=WAARDE' of in het bestand"
        )
    if not new and soort == "beslisnota":
        raise NotaError(f"{path} is een beslisnota; het onderdeel 'antwoorden' hoort bij een nota over Kamervragen")
    asker = _terminal_asker("new" if new else "edit", path)
    from notawriter.wizard import _load_libraries

    libs = _load_libraries(_libraries(args), path, asker)
    run = genres()[soort].wizard
    assert run is not None  # every genre but the beslisnota has its own wizard part
    return run(path, asker, source=getattr(args, "vragen", None), new=new, libs=libs)


def _templates(args: argparse.Namespace) -> Path | None:
    return Path(args.templates) if getattr(args, "templates", None) else None


def cmd_choose(args: argparse.Namespace) -> int:
    from notawriter.edit import choose, choose_and_render
    from notawriter.limits import shown

    note = Path(args.note)
    if args.no_render:
        choose(note, args.beslispunt, args.optie)
        print(f"Keuze vastgelegd: {shown(args.beslispunt)} = {shown(args.optie)}")
        return 0
    from notawriter.pdf import stale_pdfs
    from notawriter.render import plan_render

    out_dir = Path(args.output) if args.output else None
    # Everything is checked (the note, the rendering, every document's overwrite rule) before the
    # note or any document changes; then the note and the documents are written together.
    _, report = choose_and_render(
        note,
        args.beslispunt,
        args.optie,
        lambda nota: plan_render(note, out_dir=out_dir, templates=_templates(args), force=args.force, nota=nota),
    )
    print(f"Keuze vastgelegd: {shown(args.beslispunt)} = {shown(args.optie)}")
    for line in report.lines() + [f"waarschuwing: {w}" for w in stale_pdfs(report.written)]:
        print(shown(line, 10_000))
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    from notawriter.edit import set_values
    from notawriter.limits import shown

    for line in set_values(Path(args.note), args.assignments):
        print(shown(line, 10_000))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from notawriter.limits import printable
    from notawriter.lint import check_note

    findings = check_note(Path(args.note), templates=_templates(args))
    for finding in findings:
        print(printable(finding.line()))
    errors = sum(1 for f in findings if f.is_error)
    warnings = sum(1 for f in findings if f.severity == "waarschuwing")
    print(f"{errors} fout(en), {warnings} waarschuwing(en)")
    return 2 if errors else 0


def cmd_diff(args: argparse.Namespace) -> int:
    from notawriter.diff import diff_command

    text, changed = diff_command(
        Path(args.note),
        Path(args.other) if args.other else None,
        choose=_choices(args.choose),
        vs=_choices(args.vs),
    )
    from notawriter.limits import printable

    print(printable(text))
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    from notawriter.watch import watch

    out_dir = Path(args.output) if args.output else None
    return watch(Path(args.note), out_dir=out_dir, templates=_templates(args), pdf=args.pdf)


def cmd_schema(args: argparse.Namespace) -> int:
    import json

    from notawriter.model import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if args.output:
        from notawriter.fsutil import atomic_write_text

        _check_schema_target(Path(args.output))
        atomic_write_text(Path(args.output), text)
        print(f"Schema geschreven naar {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def _check_schema_target(path: Path) -> None:
    """`schema -o` replaces only a JSON Schema (one it wrote before, or another): never a note,
    a document or any other file given by mistake."""
    import json

    from notawriter.errors import OutputError
    from notawriter.fsutil import InputRefused, read_limited

    if not path.exists() and not path.is_symlink():
        return
    try:
        existing = json.loads(read_limited(path, 5 * 1024 * 1024, "JSON Schema").decode("utf-8-sig"))
    except (InputRefused, ValueError, RecursionError):
        existing = None
    if not (isinstance(existing, dict) and "$schema" in existing):
        raise OutputError(
            f"{path}: bestaat al en is geen JSON Schema; schema -o overschrijft alleen een eerder geschreven "
            "schema. Kies een andere naam, bijv. nota.schema.json"
        )


def cmd_lib(args: argparse.Namespace) -> int:
    from notawriter import libsync

    return libsync.cli(args, _libraries(args), confirm=_ask_yes_no if sys.stdin.isatty() else None)


def _ask_yes_no(question: str) -> bool:
    """A yes/no question in the terminal (Enter = no); only the CLI layer asks."""
    try:
        answer = input(f"{question} [j/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("j", "ja", "y", "yes")


def cmd_motie(args: argparse.Namespace) -> int:
    from notawriter import tkdata

    return tkdata.cli(args)


def cmd_import_aanbevelingen(args: argparse.Namespace) -> int:
    from notawriter.aanbevelingen import import_command

    return import_command(
        Path(args.report),
        output=Path(args.output) if args.output else None,
        into=Path(args.into) if args.into else None,
    )


def cmd_import_kamervragen(args: argparse.Namespace) -> int:
    from notawriter.kamervragen.importer import import_command

    return import_command(Path(args.source), Path(args.output))


def cmd_kamervragen(args: argparse.Namespace) -> int:
    if args.kamervragen_command == "neem":
        from notawriter.errors import NotaError
        from notawriter.kamervragen import reuse

        if args.motie:
            print(reuse.take_motion(Path(args.note), Path(args.uit), args.motie))
        elif args.beslispunt and args.vraag is not None:
            print(reuse.take_answer(Path(args.note), args.vraag, Path(args.uit), args.beslispunt))
        else:
            raise NotaError("kamervragen neem: geef --vraag N --beslispunt SLEUTEL (de gekozen tekst) of --motie SLEUTEL")
        return 0
    from notawriter.kamervragen.importer import fetch_command

    return fetch_command(args.kenmerk, Path(args.output) if args.output else None)


# --- parser -------------------------------------------------------------------------------------

NOTE_HELP = "het notabestand (YAML)"
#: The kinds `lib list --kind` accepts (notawriter.library.KINDS, spelled out to keep startup light;
#: tests/test_cli.py checks the two agree).
LIBRARY_KINDS = "optie, argument, motie, beslispunt, ondertekenaar of antwoord"


def build_parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(
        prog="notawriter",
        description="Maak een beslisnota en concept-Kamerbrief vanuit een notabestand (YAML) en Word-sjablonen.",
    )
    parser.add_argument(
        "--version", action="version", version=f"notawriter {__version__}", help="toon het versienummer en stop"
    )
    parser.add_argument("--debug", action="store_true", help="toon bij een fout de volledige traceback")
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=_DutchSubParser)

    def command(name: str, func: Any, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(func=func)
        p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        return p

    def templates_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--templates", metavar="MAP", help="map met eigen sjablonen (nota.docx, kamerbrief.docx)")

    def library_option(p: argparse.ArgumentParser, nested: bool = False) -> None:
        # On nested parsers SUPPRESS keeps argparse from resetting a value given before the action.
        default = argparse.SUPPRESS if nested else None
        p.add_argument("--library", action="append", metavar="MAP", default=default, help="extra bibliotheekmap (herhaalbaar)")

    p = command("render", cmd_render, "maak de nota en de Kamerbrief als .docx")
    p.add_argument("note", metavar="NOTA.yaml", help=NOTE_HELP)
    p.add_argument("-o", "--output", metavar="MAP", help="uitvoermap (standaard: naast het notabestand)")
    templates_option(p)
    p.add_argument("--choose", action="append", metavar="BESLISPUNT=OPTIE", help="render alsof gekozen (herhaalbaar)")
    p.add_argument("--force", action="store_true", help="overschrijf ook met de hand gewijzigde documenten (met reservekopie)")
    p.add_argument("--openbaar", action="store_true", help="maak ook de openbare versie (Woo) met gelakte persoonsgegevens")
    p.add_argument("--pdf", action="store_true", help="schrijf elk document ook als PDF (PDF/A-2, via LibreOffice)")

    for name, func, help in (
        ("new", cmd_new, "beantwoord de vragen en maak een nieuwe nota"),
        ("edit", cmd_edit, "wijzig een bestaande nota met de vragen"),
    ):
        p = command(name, func, help)
        p.add_argument("note", metavar="NOTA.yaml", help=NOTE_HELP)
        library_option(p)
        templates_option(p)
        if name == "new":
            p.add_argument("--soort", metavar="SOORT", help="soort nota: beslisnota (standaard) of kamervragen (beantwoording schriftelijke vragen)")
            p.add_argument("--vragen", metavar="BRON", help="bij --soort kamervragen: de vragen als bestand (.txt, .docx, .pdf) of kenmerk (2025Z…)")
            p.add_argument("--from", dest="from_note", metavar="VORIGE.yaml", help="begin met de kop, ondertekenaars, het briefhoofd en de opbouw van een eerdere nota (keuzes, data en nog te geven antwoorden leeg)")
        if name == "edit":
            p.add_argument("--section", metavar="ONDERDEEL", help="ga direct naar één onderdeel: kop, ondertekenaars, aanleiding, beslispunten, aanbevelingen, moties, secties, communicatie, niet_openbaar, bijlagen, kamerbrief of briefhoofd; bij Kamervragen: antwoorden")

    p = command("choose", cmd_choose, "leg de keuze voor een beslispunt vast en render opnieuw")
    p.add_argument("note", metavar="NOTA.yaml", help=NOTE_HELP)
    p.add_argument("beslispunt", metavar="BESLISPUNT", help="sleutel van het beslispunt (zie de nota)")
    p.add_argument("optie", metavar="OPTIE", help="sleutel van de gekozen optie")
    p.add_argument("-o", "--output", metavar="MAP", help="uitvoermap (standaard: naast het notabestand)")
    p.add_argument("--no-render", action="store_true", help="alleen vastleggen, niet renderen")
    p.add_argument("--force", action="store_true", help="overschrijf ook met de hand gewijzigde documenten")
    templates_option(p)

    p = command("set", cmd_set, "wijzig één antwoord: VELD.PAD=WAARDE")
    p.add_argument("note", metavar="NOTA.yaml", help=NOTE_HELP)
    p.add_argument("assignments", nargs="+", metavar="VELD.PAD=WAARDE", help="één of meer antwoorden, bijv. kop.kamer=31-1-2025 of 'aanbevelingen[nummer=2].reactie=…' ([N] is de positie, vanaf 0)")

    p = command("check", cmd_check, "controleer de nota en de sjablonen")
    p.add_argument("note", metavar="NOTA.yaml", help=NOTE_HELP)
    templates_option(p)

    p = command("diff", cmd_diff, "toon per alinea wat een keuze in de Kamerbrief verandert")
    p.add_argument("note", metavar="NOTA.yaml", help=NOTE_HELP)
    p.add_argument("other", nargs="?", metavar="ANDERE.yaml", help="vergelijk met deze nota (in plaats van --vs)")
    p.add_argument("--choose", action="append", metavar="BESLISPUNT=OPTIE", help="de keuze waarmee vergeleken wordt (herhaalbaar)")
    p.add_argument("--vs", action="append", metavar="BESLISPUNT=OPTIE", help="de andere keuze (herhaalbaar)")

    p = command("watch", cmd_watch, "render opnieuw bij elke wijziging van de nota of een bibliotheek")
    p.add_argument("note", metavar="NOTA.yaml", help=NOTE_HELP)
    p.add_argument("-o", "--output", metavar="MAP", help="uitvoermap (standaard: naast het notabestand)")
    p.add_argument("--pdf", action="store_true", help="schrijf elk document ook als PDF; LibreOffice blijft daarvoor klaarstaan")
    templates_option(p)

    p = command("schema", cmd_schema, "toon het JSON Schema van het notabestand")
    p.add_argument("-o", "--output", metavar="BESTAND", help="schrijf het schema naar dit bestand (standaard: op het scherm)")

    p = command("lib", cmd_lib, "bibliotheken met standaardopties, argumenten en moties")
    library_option(p)
    lib = p.add_subparsers(dest="lib_command", metavar="ACTIE", required=True)
    q = lib.add_parser("list", help="toon de items")
    q.add_argument("--kind", metavar="SOORT", help=f"alleen één soort: {LIBRARY_KINDS}")
    q = lib.add_parser("show", help="toon één item")
    q.add_argument("id", metavar="ID", help="de id van het item (zie lib list)")
    q = lib.add_parser("status", help="welke gebruikte items zijn in de bibliotheek gewijzigd")
    q.add_argument("note", metavar="NOTA.yaml", help=NOTE_HELP)
    q = lib.add_parser("update", help="neem wijzigingen uit de bibliotheek over")
    q.add_argument("note", metavar="NOTA.yaml", help=NOTE_HELP)
    q.add_argument("id", nargs="?", metavar="ID", help="alleen dit item (standaard: alle gewijzigde items)")
    q.add_argument("--yes", action="store_true", help="zonder bevestiging")
    edited = q.add_mutually_exclusive_group()
    edited.add_argument("--overschrijf-aanpassingen", action="store_true", help="vervang ook items die in de nota zijn aangepast én in de bibliotheek gewijzigd door de versie uit de bibliotheek (toont eerst het verschil; uw aanpassingen gaan verloren)")
    edited.add_argument("--behoud-aanpassingen", action="store_true", help="laat items die in de nota zijn aangepast én in de bibliotheek gewijzigd zoals ze zijn, en markeer de wijziging in de bibliotheek als gezien (bijv. nadat u die zelf hebt overgenomen)")
    q = lib.add_parser("add", help="bewaar een optie of motie uit een nota in een bibliotheek")
    q.add_argument("note", metavar="NOTA.yaml", help=NOTE_HELP)
    q.add_argument("path", metavar="PAD", help="bijv. beslispunten[3].opties[0] (positie, vanaf 0), beslispunten[migratie].opties[overnemen] of moties[0]")
    q.add_argument("--to", required=True, metavar="BIBLIOTHEEK", help="bibliotheekbestand (YAML) waarin het item komt")
    for subparser in lib._name_parser_map.values():
        library_option(subparser, nested=True)

    p = command("motie", cmd_motie, "moties uit de open data van de Tweede Kamer")
    m = p.add_subparsers(dest="motie_command", metavar="ACTIE", required=True)
    for action, source, metavar, help, source_help in (
        ("import", "file", "BESTAND.json", "lees een OData-antwoord (JSON) in", "het opgeslagen antwoord van de open data"),
        ("fetch", "zaaknummer", "ZAAKNUMMER", "haal een motie op bij de Tweede Kamer", "bijv. 2024Z19876"),
    ):
        q = m.add_parser(action, help=help)
        q.add_argument(source, metavar=metavar, help=source_help)
        q.add_argument("--to", metavar="BIBLIOTHEEK", help="bibliotheekbestand")
        q.add_argument("--into", metavar="NOTA.yaml", help="notabestand")

    p = command("import-aanbevelingen", cmd_import_aanbevelingen, "lees de aanbevelingen uit een rapport in")
    p.add_argument("report", metavar="RAPPORT", help="het rapport (.txt, .md, .docx of .pdf)")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("-o", "--output", metavar="NOTA.yaml", help="nieuwe nota")
    target.add_argument("--into", metavar="NOTA.yaml", help="bestaande nota aanvullen")

    p = command("import-kamervragen", cmd_import_kamervragen, "lees schriftelijke Kamervragen in (tekst, Word of pdf)")
    p.add_argument("source", metavar="VRAGEN", help="de vragen als bestand (.txt, .docx of .pdf)")
    p.add_argument("-o", "--output", metavar="NOTA.yaml", required=True, help="nieuwe nota (soort: kamervragen)")
    p = command("kamervragen", cmd_kamervragen, "schriftelijke Kamervragen uit de open data van de Tweede Kamer")
    k = p.add_subparsers(dest="kamervragen_command", metavar="ACTIE", required=True)
    q = k.add_parser("fetch", help="haal de vragen op bij de Tweede Kamer")
    q.add_argument("kenmerk", metavar="KENMERK", help="bijv. 2025Z04931")
    q.add_argument("-o", "--output", metavar="NOTA.yaml", help="nieuwe nota (anders: toon de YAML)")
    q = k.add_parser("neem", help="neem een tekst of motie over uit een andere nota (met herkomst)")
    q.add_argument("note", metavar="NOTA.yaml", help=NOTE_HELP)
    q.add_argument("--uit", required=True, metavar="ANDERE.yaml", help="de nota waaruit u overneemt")
    q.add_argument("--vraag", type=int, metavar="N", help="het antwoord op deze vraag krijgt de tekst")
    q.add_argument("--beslispunt", metavar="SLEUTEL", help="de tekstsuggestie van de gekozen optie van dit beslispunt")
    q.add_argument("--motie", metavar="SLEUTEL", help="neem deze motie over (citeer met [motie:SLEUTEL])")
    return parser


#: What a shell reports for a program stopped by SIGPIPE (128 + 13).
EXIT_BROKEN_PIPE = 141


def _silence_stdout() -> None:
    """Point stdout at the null device, so flushing what is left at exit raises no second BrokenPipeError."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout is no file (a test's capture): nothing to flush there
        pass


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version (0) or a usage error (2, already reported)
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    debug = bool(getattr(args, "debug", False) or os.environ.get(DEBUG_ENV))
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("\nAfgebroken.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `notawriter lib list | head -3`: the reader left; stop quietly, as Unix tools do
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except Exception as exc:  # noqa: BLE001 - the one place that turns errors into messages
        from notawriter.errors import NotaError, name_too_long

        exc = name_too_long(exc) or exc  # a name too long for the file system, wherever it was met
        if isinstance(exc, NotaError):
            if debug:
                raise
            from notawriter.limits import shown

            # One line, with control and escape characters from the note shown escaped.
            print(f"fout: {shown(exc.message, 10_000)}", file=sys.stderr)
            return exc.exit_code
        if debug:
            raise
        from notawriter.limits import shown

        print(
            f"interne fout ({type(exc).__name__}: {shown(str(exc), 300)}); meld dit met de uitvoer van --debug",
            file=sys.stderr,
        )
        return 1


def run() -> NoReturn:
    """The `notawriter` command: `main` (without pydantic plugins), then a quick exit.

    At exit Python runs one last full garbage collection over every object still alive: the
    imported stack, the parsed templates, the note (25 ms after a render, a fifth of a cold
    `render`). Freezing them first leaves that pass nothing to scan; the rest of the shutdown
    (flushing files, atexit handlers) runs as usual. Only here, not in `main`, which tests and
    other programs call in a process that goes on.
    """
    # notawriter uses no pydantic plugins; unless told otherwise, spare pydantic reading every
    # installed package's entry points on first validation (8 ms per run with 120 packages).
    # Set here, not in `main`, so a program that calls `main` keeps its own environment.
    os.environ.setdefault(PYDANTIC_PLUGINS_ENV, "__all__")
    code = main()
    try:  # output to a pipe is buffered: the reader may be gone by the time the rest is written
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        code = EXIT_BROKEN_PIPE
    import gc

    gc.freeze()
    raise SystemExit(code)
