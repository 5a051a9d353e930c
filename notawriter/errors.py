"""The user-facing error family: every message a user should see, in Dutch, caught once in cli.py."""

from __future__ import annotations

from collections.abc import Iterable


class NotaError(Exception):
    """An error caused by the user's input, files or environment; `message` is shown as is.

    Exit code 2 by convention. Anything that is not a NotaError is a bug in notawriter
    (exit code 1, traceback only with --debug).
    """

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NoteFileError(NotaError):
    """A note or library file that cannot be read, parsed or validated."""

    def __init__(self, path: object, message: str, line: int | None = None, field: str | None = None) -> None:
        where = str(path)
        if line is not None:
            where += f", regel {line}"
        if field:
            where += f", veld '{field}'"
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.field = field


class TemplateError(NotaError):
    """A Word template that is missing, not a .docx, or has a broken Jinja tag."""


class OutputError(NotaError):
    """An output location that cannot be written, or a document that must not be overwritten."""


def name_too_long(exc: BaseException) -> NotaError | None:
    """The operating system's 'file name too long' (ENAMETOOLONG) that got past the checks before a
    run, as the one-line message those checks give; None for any other error."""
    import errno
    import os
    from pathlib import Path

    if not isinstance(exc, OSError) or exc.errno != errno.ENAMETOOLONG:
        return None
    if exc.filename is None:
        return OutputError("bestandsnaam te lang; geef het notabestand of de map (-o) een kortere naam")
    from notawriter.fsutil import name_max

    path = Path(os.fsdecode(exc.filename))
    sizes = [(len(part.encode("utf-8", "surrogateescape")), part) for part in path.parts]
    size, name = max(sizes) if sizes else (0, "")
    folder = path.parent
    while str(folder) not in ("", ".", "/") and not os.path.exists(folder):  # (False, not an error, on a long name)
        folder = folder.parent
    limit = name_max(folder)
    if size > limit:
        return OutputError(
            f"{name[:40]}…: bestandsnaam te lang ({size} bytes, ten hoogste {limit}); "
            "geef het notabestand of de map (-o) een kortere naam"
        )
    total = len(os.fsencode(exc.filename))
    return OutputError(
        f"{str(path)[:40]}…: pad te lang ({total} bytes); kies met -o een map dichter bij de hoofdmap, "
        "of geef het notabestand een kortere naam"
    )


class Interrupted(NotaError):
    """The user stopped an interactive session (Ctrl-C / EOF); answers so far are saved."""

    exit_code = 130


def os_reason(exc: OSError) -> str:
    """Why the operating system refused, in Dutch (its own strerror is English)."""
    import errno

    reasons = {
        errno.ENOENT: "bestaat niet",
        errno.ENOTDIR: "een deel van het pad is een bestand, geen map",
        errno.EISDIR: "is een map",
        errno.EACCES: "geen toegang (rechten)",
        errno.EPERM: "geen toegang (rechten)",
        errno.ENOSPC: "de schijf is vol",
        errno.EROFS: "de schijf is alleen-lezen",
        errno.ENAMETOOLONG: "de naam is te lang",
        errno.EEXIST: "bestaat al",
        errno.EBUSY: "is in gebruik",
    }
    return reasons.get(exc.errno or 0) or exc.strerror or str(exc)


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """"bedoelde u 'x'? " for the choice the user probably meant (the same but for letter case,
    else the nearest spelling), or "" — to put before the list of allowed values."""
    import difflib

    options = [str(c) for c in choices]
    same = [c for c in options if c.casefold() == word.casefold()]
    if same:
        return f"bedoelde u '{same[0]}'? "
    near = difflib.get_close_matches(word, options, n=1, cutoff=cutoff) if len(options) < 500 else []
    return f"bedoelde u '{near[0]}'? " if near else ""
