"""Package data: the bundled articles and their annotations, the reference tables (exchange rates,
Wikidata items) and the local copies of JSON-LD contexts. Found by path, not importlib.resources:
a command's start-up counts."""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).parent


def bundled_articles() -> list[Path]:
    """The annotation files (NAME.trig beside NAME.txt) of the articles shipped with newsgraph."""
    return sorted((FOLDER / "articles").glob("*.trig"))


def bundled_references() -> list[Path]:
    """The reference files shipped with newsgraph: facts from outside the articles, each with the
    page that verifies it."""
    return sorted((FOLDER / "reference").glob("*.trig"))


def context_path(name: str) -> Path:
    """The local copy of a JSON-LD context (contexts/NAME.jsonld)."""
    return FOLDER / "contexts" / f"{name}.jsonld"
