"""The texts of the gold set: files under ../shared/news-graphs/ (not copied here: their licences
and that folder's README ask not to), read as they are (text/) or as the body paragraphs of a
saved page (pages/: the text of its <p> elements, tags removed, entities decoded, one blank line
between paragraphs), cut to the paragraphs the gold set annotates."""

from __future__ import annotations

import html
import re
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "news-graphs"


def paragraphs(page: Path) -> list[str]:
    source = page.read_text(encoding="utf-8", errors="replace")
    found = []
    for body in re.findall(r"<p[^>]*>(.*?)</p>", source, re.S):
        text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", body))).strip()
        if text:
            found.append(text)
    return found


def _parts(path: Path) -> list[str]:
    if path.suffix == ".html":
        return paragraphs(path)
    return path.read_text(encoding="utf-8").split("\n\n")


def document_text(spec: dict) -> str | None:
    """The text a gold document annotates, or None where ../shared is absent."""
    path = SHARED / spec["path"]
    if not path.exists():
        return None
    if spec.get("paragraphs"):
        first, last = spec["paragraphs"]
        return "\n\n".join(_parts(path)[first:last]) + "\n"
    return path.read_text(encoding="utf-8")


def document_in_context(spec: dict) -> tuple[str, int] | None:
    """The whole report a gold document is cut from, and where the cut begins in it: a reader of
    the cut knows who "Alito" is from the paragraphs before, and so does ingest, which is given
    whole reports. The cut's text is the report's from that offset on."""
    path = SHARED / spec["path"]
    if not path.exists():
        return None
    if not spec.get("paragraphs"):
        return path.read_text(encoding="utf-8"), 0
    parts = _parts(path)
    first = spec["paragraphs"][0]
    before = "\n\n".join(parts[:first]) + "\n\n" if first else ""
    return before + "\n\n".join(parts[first:]) + "\n", len(before)
