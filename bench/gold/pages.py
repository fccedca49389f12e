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


def document_text(spec: dict) -> str | None:
    """The text a gold document annotates, or None where ../shared is absent."""
    path = SHARED / spec["path"]
    if not path.exists():
        return None
    if spec.get("paragraphs") and path.suffix == ".html":
        first, last = spec["paragraphs"]
        return "\n\n".join(paragraphs(path)[first:last]) + "\n"
    text = path.read_text(encoding="utf-8")
    if spec.get("paragraphs"):
        first, last = spec["paragraphs"]
        return "\n\n".join(text.split("\n\n")[first:last]) + "\n"
    return text
