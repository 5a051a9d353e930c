"""Images in a template: a logo's pixel size, whether Word can show a file, and placing an image
(docxtpl's InlineImage) where the context holds one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Logo:
    """A logo to place in a template; `place_images` turns it into a docxtpl InlineImage."""

    path: Path
    width_mm: float
    height_mm: float


def pixel_size(path: str | Path) -> tuple[int, int]:
    """An image's width and height in pixels, as Word reads them; ValueError (or OSError, IndexError)
    for a file Word cannot show."""
    from docx.image.exceptions import UnrecognizedImageError
    from docx.image.image import Image

    try:
        image = Image.from_file(str(path))
    except UnrecognizedImageError:
        raise ValueError(f"{path}: geen afbeelding") from None
    return image.px_width, image.px_height


def place_images(context: Any, tpl: Any) -> Any:
    """Replace each Logo in a (word) context by a docxtpl InlineImage of `tpl`."""
    if isinstance(context, Logo):
        from docx.shared import Mm
        from docxtpl import InlineImage

        return InlineImage(tpl, str(context.path), width=Mm(context.width_mm), height=Mm(context.height_mm))
    if isinstance(context, dict):
        return {k: place_images(v, tpl) for k, v in context.items()}
    if isinstance(context, list):
        return [place_images(v, tpl) for v in context]
    return context
