"""Templates: finding one (the user's folder, else the shipped one), reading and checking its bytes,
docxtpl's DocxTemplate with its per-process shortcuts, the sandboxed Jinja environment, and
filling a template with a context (template mistakes become one Dutch TemplateError)."""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from notawriter import documents as registry
from notawriter.errors import TemplateError
from notawriter.word import cache
from notawriter.word.styles import open_document


def template_path(name: str, templates_dir: Path | None = None) -> Path:
    """The template file for `name`: from the user's folder if given, else the shipped one."""
    if templates_dir is not None:
        if not templates_dir.is_dir():
            raise TemplateError(f"{templates_dir}: sjabloonmap bestaat niet; geef een map met {name}.docx")
        path = templates_dir / f"{name}.docx"
        if path.exists():
            return path
        if name not in registry.required_templates():  # optional: fall back to the shipped one
            return template_path(name)
        expected = " en ".join(f"{n}.docx" for n in registry.required_templates())
        raise TemplateError(f"{templates_dir}: {name}.docx ontbreekt; verwacht: {expected}")
    from notawriter.resources import shipped_dir

    return shipped_dir("templates") / f"{name}.docx"


#: A Word template larger than this is refused (a template linked to /dev/zero, a film …).
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024


@lru_cache(maxsize=16)
def _template_bytes(path: Path, mtime_ns: int, size: int) -> bytes:
    from notawriter.fsutil import InputRefused, read_limited

    try:
        data = read_limited(path, MAX_TEMPLATE_BYTES, "Word-sjabloon (.docx)")
    except InputRefused as exc:
        raise TemplateError(f"{path}: {exc.reason}") from None
    check_docx(data, path)
    return data


def template_bytes(path: Path) -> bytes:
    """A template's bytes, read and checked once per process (re-read when the file changes)."""
    try:
        stat = path.stat()
    except OSError:
        raise TemplateError(f"{path}: sjabloon niet gevonden") from None
    if path.is_dir():
        raise TemplateError(f"{path}: is een map, geen Word-sjabloon (.docx)")
    return _template_bytes(path, stat.st_mtime_ns, stat.st_size)

def check_docx(data: bytes, path: Path) -> None:
    """A template must be a real .docx (a zip with word/document.xml)."""
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise TemplateError(f"{path}: is een oud Word-bestand (.doc); sla het in Word op als .docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except zipfile.BadZipFile:
        raise TemplateError(f"{path}: is geen Word-document (.docx); een sjabloon is een .docx-bestand") from None
    if "word/document.xml" not in names:
        raise TemplateError(f"{path}: is geen Word-document (word/document.xml ontbreekt)")


def fill(tpl: Any, context: dict[str, Any], template: Path) -> None:
    """docxtpl render in Jinja's sandbox with autoescape; template mistakes become TemplateError."""
    import jinja2

    env = _jinja_env()
    try:
        tpl.render(context, jinja_env=env)
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(
            f"{template}: sjabloon doet iets wat niet mag ({exc}); gebruik alleen velden, lussen en voorwaarden"
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        # Described as `check` does: the broken tag located in the text as typed (docxtpl's XML
        # clean-up can swallow it, and Jinja then blames a later tag), in Dutch.
        from notawriter.word.tplcheck import render_syntax_message

        where = render_syntax_message(template_bytes(template), exc.message or "", exc.source, exc.lineno)
        raise TemplateError(f"{template}: {where}") from None
    except jinja2.UndefinedError as exc:
        # Jinja says "'dict object' has no attribute 'x'"; the template's own paths name the field.
        from notawriter.word.tplcheck import undefined_message

        raise TemplateError(f"{template}: {undefined_message(template_bytes(template), context, exc.message or '')}") from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{template}: sjabloon kon niet worden gevuld: {exc}") from None
    except TypeError as exc:
        from notawriter.word.tplcheck import check_fields, read_template, text_loop_message

        loops = check_fields(read_template(template_bytes(template)), context).text_loops
        if loops:
            raise TemplateError(f"{template}: {text_loop_message(loops)}") from None
        raise TemplateError(f"{template}: sjabloon kon niet worden gevuld ({type(exc).__name__}: {exc})") from None
    except (KeyError, ValueError, IndexError, ArithmeticError) as exc:
        raise TemplateError(f"{template}: sjabloon kon niet worden gevuld ({type(exc).__name__}: {exc})") from None


@lru_cache(maxsize=1)
def _jinja_env() -> Any:
    """The sandboxed, autoescaping Jinja environment, made once per process; it compiles each
    template source once (docxtpl asks for the same body, header and property sources on every
    render, and compiling them was a third of a warm render) and keeps the compiled code in
    the template cache (word/cache.py), so a new process skips compiling too."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    compiled: dict[str, Any] = {}
    disk = cache.bytecode_cache()

    class CompileOnceEnvironment(SandboxedEnvironment):
        def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
            if globals is not None or template_class is not None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            hit = compiled.get(source)
            if hit is None:  # syntax errors raise here and are not remembered
                if len(compiled) >= 128:
                    compiled.clear()
                code = cache.compiled_code(self, disk, source)
                hit = compiled[source] = self.template_class.from_code(self, code, self.make_globals(None))
            return hit

    return CompileOnceEnvironment(autoescape=True, undefined=jinja2.StrictUndefined, finalize=_literal_braces)


@lru_cache(maxsize=1)
def _template_class() -> Any:
    """docxtpl's DocxTemplate, remembering its XML clean-up (patch_xml, a pure function of a
    part's XML) per source: it is the same for every render of the same template. Also opens
    the template with a lazily parsed styles part and skips work that would change nothing."""
    from docxtpl import DocxTemplate

    patched: dict[str, str] = {}

    class PatchOnceTemplate(DocxTemplate):  # type: ignore[misc]
        def init_docx(self, reload: bool = True) -> None:
            # As DocxTemplate.init_docx, opening with the styles part read lazily.
            if not isinstance(self.template_file, io.BytesIO):
                return super().init_docx(reload)
            this: Any = self
            if not this.docx or (this.is_rendered and reload):
                this.docx = open_document(self.template_file.getvalue())
                this.is_rendered = False

        def patch_xml(self, src_xml: str) -> str:
            hit = patched.get(src_xml)
            if hit is None:
                if len(patched) >= 64:
                    patched.clear()
                hit = patched[src_xml] = cache.patched_xml(src_xml, super().patch_xml)
            return hit

        def resolve_listing(self, xml: str) -> str:
            # docxtpl turns tabs, \a, newlines and form feeds inside text into Word elements, with
            # several regex callbacks per paragraph and run (half a large render); without any of
            # those characters it returns the XML unchanged, so skip it then.
            if "\n" in xml or "\t" in xml or "\a" in xml or "\f" in xml:
                return str(super().resolve_listing(xml))
            return xml

        def map_tree(self, tree: Any) -> None:
            # lxml moves a tree into another document in time that grows with the square of its
            # xml:space attributes (one per text run: a second for a 1000-point note). Moving the
            # body empty, then its children one by one, gives the same tree in linear time.
            children = list(tree)
            for child in children:
                tree.remove(child)
            super().map_tree(tree)
            tree.extend(children)

    return PatchOnceTemplate


def _literal_braces(value: Any) -> Any:
    """Plain text as escaped XML with braces as character references: docxtpl turns '{_{' back
    into '{{' after rendering, which would change text such as '{_{' in a note."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        from markupsafe import Markup, escape

        return Markup(str(escape(value)).replace("{", "&#123;").replace("}", "&#125;"))
    return value
