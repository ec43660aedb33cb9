"""What a site folder can make sitegen read: only files whose real path (every link followed) is inside it.

And what it can make sitegen copy into a published folder as it is (static/) or read as a template: nothing
of content/ (its sources, internal files included), of a hidden folder (.git, .sitegen-cache) or of a folder
sitegen built (output-noi-bo/, the internal edition), however a link leads there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from sitegen.base import folders

OUTPUT_MARKER = ".sitegen-output"  # in every folder sitegen builds (write.py)

Refusal = Literal["outside", "sources"]


def inside(site: Path, path: Path) -> bool:
    """Is the real path of `path` inside the site folder? (A link loop is not.)"""
    try:
        return path.resolve().is_relative_to(site.resolve())
    except (OSError, RuntimeError):
        return False


def refusal(site: Path, path: Path, copied: bool) -> Refusal | None:
    """Why `path` must not be read: "outside" the site folder, or, for what is `copied` as it is or read as a
    template, it is or holds "sources" (content/, a hidden folder, a built folder). None when it may."""
    try:
        real, root = path.resolve(), site.resolve()
    except (OSError, RuntimeError):
        return "outside"
    if not real.is_relative_to(root):
        return "outside"
    if not copied:
        return None
    content = root / folders.CONTENT
    if (real.is_relative_to(content) or content.is_relative_to(real)
            or any(part.startswith(".") for part in real.relative_to(root).parts)
            or (real / OUTPUT_MARKER).is_file()):
        return "sources"
    return None
