"""Template work that outlives the process: compiled Jinja code and docxtpl's XML clean-up.

Every cold `notawriter render` used to redo both for the same template parts (a third of a cold
render). They are pure functions of a part's XML, so they are kept in Jinja's own bytecode cache
folder: per user, in the temp directory, made and checked by Jinja (owner-only, 0700).
$NOTAWRITER_NO_CACHE switches the cache off. It is only ever a speed-up: a missing, unwritable,
damaged or stale entry means doing the work again, never a different document.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

CACHE_ENV = "NOTAWRITER_NO_CACHE"
# Part of every key: work done under other settings or library versions must not be reused.
_ENV_FINGERPRINT = "sandbox;autoescape;strict;finalize=_literal_braces;v1"


def bytecode_cache() -> Any:
    """Jinja's file cache of compiled templates in its default per-user folder; None when
    switched off or when no safe folder is available."""
    if os.environ.get(CACHE_ENV):
        return None
    from jinja2 import FileSystemBytecodeCache

    try:
        return FileSystemBytecodeCache(pattern="notawriter-%s.cache")
    except (OSError, RuntimeError):
        return None


def compiled_code(env: Any, disk: Any, source: str) -> Any:
    """The compiled code of a template source: from the cache when it holds it (Jinja checks the
    source's checksum and its own version), else compiled and stored."""
    if disk is None:
        return env.compile(source)
    name = _key(_ENV_FINGERPRINT, source)
    try:
        bucket = disk.get_bucket(env, name, None, source)
    except Exception:  # noqa: BLE001 - a damaged entry (truncated pickle, bad marshal …): start afresh
        from jinja2.bccache import Bucket

        bucket = Bucket(env, disk.get_cache_key(name), disk.get_source_checksum(source))
    if bucket.code is None:  # stored below, replacing a damaged entry
        bucket.code = env.compile(source)  # syntax errors raise here: nothing is stored
        with contextlib.suppress(OSError):  # a full or read-only disk: compile again next time
            disk.set_bucket(bucket)
    return bucket.code


def patched_xml(src_xml: str, patch: Callable[[str], str]) -> str:
    """docxtpl's clean-up of a part's XML (`patch`), from the cache when it holds it. Entries
    carry a checksum of their text, so a damaged one is recomputed instead of used."""
    disk = bytecode_cache()
    if disk is None:
        return patch(src_xml)
    import docxtpl

    path = Path(disk.directory) / f"notawriter-xml-{_key(docxtpl.__version__, src_xml)}.txt"
    with contextlib.suppress(OSError, UnicodeDecodeError, ValueError):
        checksum, text = path.read_text(encoding="utf-8").split("\n", 1)
        if checksum == _key(text):
            return text
    text = patch(src_xml)
    _store(path, f"{_key(text)}\n{text}")
    return text


def _key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _store(path: Path, text: str) -> None:
    """Write beside, then rename: a reader sees the whole entry or none (no fsync: a cache)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".notawriter-", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
