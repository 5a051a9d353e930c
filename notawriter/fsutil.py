"""Safe file access: bounded reads of regular files, all-or-nothing writes, and note locks.

Writes go to short hidden temp files (`.nw-<pid>-<4 hex>.tmp`) in the target's own folder, are
fsynced, and are then renamed over their targets in one tight loop — never a half-written file,
and for a set of files (a render's documents) never a mix of old and new after an error. Temp
files a killed run left behind are recognised by the dead process id in their name (or their age)
and removed by the next write in that folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from notawriter.errors import OutputError, os_reason

TEMP_PREFIX = ".nw-"
TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(r"^\.nw-([0-9a-f]{1,8})-[0-9a-f]{4}\.tmp$")
#: A temp file older than this is stale whoever made it (a rename follows its write within a second).
STALE_SECONDS = 600
#: How long a note writer waits for another one to finish (seconds); NOTAWRITER_LOCK_TIMEOUT overrides.
LOCK_TIMEOUT = 15.0
_HELD: set[Path] = set()


class InputRefused(ValueError):
    """A file that must not be read: not a regular file, too large, unreadable. `reason` is Dutch."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# --- reading ------------------------------------------------------------------------------------


def read_limited(path: Path, limit: int, what: str = "bestand") -> bytes:
    """The bytes of a regular file of at most `limit` bytes. Devices, FIFOs and sockets are refused
    before they are opened (reading /dev/zero or a FIFO would never end), the size before reading,
    and the file is opened non-blocking so a file swapped for a FIFO meanwhile cannot hang."""
    try:
        info = os.stat(path)
        _check_regular(info, what)
        if info.st_size > limit:
            raise InputRefused(_too_large(info.st_size, limit, what))
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except InputRefused:
        raise
    except OSError as exc:
        raise InputRefused(_read_reason(exc, what)) from None
    try:
        _check_regular(os.fstat(fd), what)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise InputRefused(_too_large(total, limit, what))
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise InputRefused(_read_reason(exc, what)) from None
    finally:
        os.close(fd)


def _check_regular(info: os.stat_result, what: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputRefused(f"is een map, geen {what}")
    if not stat.S_ISREG(info.st_mode):
        kind = "een pipe (FIFO)" if stat.S_ISFIFO(info.st_mode) else "een apparaat of socket"
        raise InputRefused(f"is {kind}, geen gewoon bestand; geef een {what} op")


def _too_large(size: int, limit: int, what: str) -> str:
    shown = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} kB"
    return f"is te groot ({size // 1024} kB); een {what} mag ten hoogste {shown} zijn"


def _read_reason(exc: OSError, what: str) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "geen leesrechten; controleer de bestandsrechten"
    if exc.errno == errno.ENOENT:
        return f"{what} bestaat niet; controleer de naam en de map"
    if exc.errno == errno.ENAMETOOLONG:
        return "de naam is te lang"
    return f"kan niet lezen ({os_reason(exc)})"


# --- writing ------------------------------------------------------------------------------------


def name_max(folder: Path) -> int:
    """The longest file name (in bytes) the folder's file system takes."""
    try:
        return int(os.pathconf(folder if folder.exists() else ".", "PC_NAME_MAX"))
    except (OSError, ValueError, AttributeError):
        return 255


def real_target(path: Path) -> Path:
    """Where a write to `path` lands: through a symbolic link to the real file (the link stays)."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step; on any failure the old file is untouched."""
    write_all([(path, data)])


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def write_all(items: Sequence[tuple[Path, bytes]]) -> None:
    """Write every (path, data) or none: all temp files first, then the renames in one tight loop.

    On an error before the renames every temp file is removed and no target changed; on an error
    during them (rare: the temp files are complete, in the targets' own folders) the targets
    renamed so far are put back from hard links to their old contents. A SIGKILL between two
    renames is the one moment that can leave old and new side by side (microseconds).
    """
    targets = [real_target(Path(p)) for p, _ in items]
    for target in targets:
        _check_target(target)
    temps: list[Path] = []
    keeps: list[Path | None] = []
    cleaned: set[Path] = set()
    try:
        for target, (_, data) in zip(targets, items, strict=True):
            folder = _folder(target)
            if folder not in cleaned:
                cleaned.add(folder)
                clean_stale_temps(folder, [t.name for t in targets if _folder(t) == folder])
            temps.append(_write_temp(target, data))
        for target in targets:
            keeps.append(_keep_link(target))
    except BaseException as exc:
        _remove([*temps, *(k for k in keeps if k)])
        if isinstance(exc, OSError):
            where = targets[len(temps)] if len(temps) < len(targets) else targets[-1]
            raise OutputError(f"{where}: kan niet schrijven ({os_reason(exc)}); er is niets gewijzigd") from None
        raise
    done = 0
    try:
        for temp, target in zip(temps, targets, strict=True):
            os.replace(temp, target)
            done += 1
    except BaseException as exc:
        _roll_back(targets[:done], keeps[:done])
        _remove([*temps[done:], *(k for k in keeps if k)])
        if isinstance(exc, OSError):
            raise OutputError(f"{targets[done]}: kan niet schrijven ({os_reason(exc)}); er is niets gewijzigd") from None
        raise
    _remove([k for k in keeps if k])


def _folder(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def check_name(target: Path) -> None:
    """Refuse a file name the file system cannot take, before anything is written."""
    limit = name_max(_folder(target))
    if len(target.name.encode("utf-8", "surrogateescape")) > limit:
        raise OutputError(
            f"{target.name[:40]}…: bestandsnaam te lang ({len(target.name.encode('utf-8', 'surrogateescape'))} bytes, "
            f"ten hoogste {limit}); geef het notabestand een kortere naam"
        )


def _check_target(target: Path) -> None:
    folder = _folder(target)
    check_name(target)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is een bestand, geen map; kies met -o een map")
    if target.is_dir():
        raise OutputError(f"{target}: is een map; geef een bestandsnaam op")
    if target.exists() and not _writable(target):
        raise OutputError(f"{target}: is alleen-lezen en wordt niet overschreven; maak het bestand eerst schrijfbaar")


def _writable(path: Path) -> bool:
    """Write permission as the user set it: also root (who may write anyway) respects a read-only file."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return True
    return bool(mode & 0o222) and os.access(path, os.W_OK)


def _temp_path(folder: Path) -> Path:
    return folder / f"{TEMP_PREFIX}{os.getpid():x}-{secrets.token_hex(2)}{TEMP_SUFFIX}"


def _write_temp(target: Path, data: bytes) -> Path:
    folder = _folder(target)
    folder.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = _temp_path(folder)
        try:
            fd = os.open(temp, flags, 0o600)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(temp, target.stat().st_mode & 0o7777)  # keep the user's permissions
        else:
            os.chmod(temp, 0o666 & ~_umask())
    except BaseException:
        _remove([temp])
        raise
    return temp


def _keep_link(target: Path) -> Path | None:
    """A hard link to the old contents of `target`, to put back if a later rename fails."""
    if not target.exists():
        return None
    keep = _temp_path(_folder(target))
    try:
        os.link(target, keep)
    except OSError:  # a file system without hard links: no way back, but still one quick step
        return None
    return keep


def _roll_back(targets: Sequence[Path], keeps: Sequence[Path | None]) -> None:
    for target, keep in zip(targets, keeps, strict=True):
        with contextlib.suppress(OSError):
            if keep is not None:
                os.replace(keep, target)
            else:
                os.unlink(target)


def _remove(paths: Sequence[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            os.unlink(path)


def clean_stale_temps(folder: Path, names: Sequence[str] = ()) -> list[Path]:
    """Remove temp files of earlier runs that were killed: ours by name, their process gone (or old);
    also the '.<name>.XXXXXXXX.tmp' of the targets `names` that earlier versions left."""
    legacy = re.compile("|".join(rf"^\.{re.escape(n)}\.[A-Za-z0-9_]{{8}}\.tmp$" for n in names)) if names else None
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = _TEMP_NAME.match(entry.name)
        if not match:
            if legacy is not None and legacy.match(entry.name):  # never made any more: stale
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
            continue
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
        except OSError:
            continue
        if old or not _alive(int(match.group(1), 16)):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # someone else's process, or cannot tell: leave its files alone
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- locking note files -------------------------------------------------------------------------


@contextlib.contextmanager
def locked(path: Path, shared: bool = False, timeout: float | None = None) -> Iterator[None]:
    """Hold the lock of a note file (of its folder: the file itself is replaced on every save).

    Writers (`set`, `choose`, wizard saves) take it exclusively, readers that must not see a
    note between two writes (`watch`) shared. A writer that cannot get it within `timeout`
    seconds is refused with a Dutch message; nothing has been read or changed by then.
    """
    try:
        import fcntl
    except ImportError:  # not POSIX: no advisory locks; writes stay atomic
        yield
        return
    folder = _folder(real_target(Path(path))).absolute()
    if folder in _HELD:  # this process holds it already (a save inside a `choose`): re-entrant
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield  # a folder we cannot open cannot be written either; the write reports that
        return
    if timeout is None:
        timeout = float(os.environ.get("NOTAWRITER_LOCK_TIMEOUT", LOCK_TIMEOUT))
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise OutputError(
                        f"{path}: wordt op dit moment door een ander notawriter-proces gewijzigd "
                        f"(na {timeout:g} s wachten nog niet klaar); probeer het zo opnieuw"
                    ) from None
                time.sleep(0.02)
            except OSError:
                break  # a file system without locks
        _HELD.add(folder)
        yield
    finally:
        _HELD.discard(folder)
        os.close(fd)  # releases the lock
