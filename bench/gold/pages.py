"""The texts of the gold set: files under ../shared/news-graphs/ (not copied here: their licences
and that folder's README ask not to), read as they are (text/) or as the body paragraphs of a
saved page (pages/: the text of its <p> elements, tags removed, entities decoded, one blank line
between paragraphs), cut to the paragraphs the gold set annotates, or as one sentence of a NIF
corpus (nif/: a spec's "context" names the nif:Context whose nif:isString is the text, detokenised
by `detokenise`)."""

from __future__ import annotations

import html
import re
from functools import cache
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


@cache
def _nif_strings(path: Path) -> dict[str, str]:
    """Every nif:Context of a NIF file and its nif:isString, read once."""
    import rdflib

    graph = rdflib.Graph()
    graph.parse(path, format="turtle")
    is_string = rdflib.URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString")
    return {str(context): str(value) for context, value in graph.subject_objects(is_string)}


# RSS-500's sentences are tokenised the Penn Treebank way ("McCotter 's", "car , in", "-LRB- x
# -RRB-", `` quotes ''). A reader, and ingest, are given text as it was printed, so the tokens are
# joined back by these rules, applied in order (deterministic; the gold offsets are counted in the
# result). A rule that could misjoin is narrow on purpose: a quote is only joined on its inner side.
_DETOKENISE = [
    (r"-LRB-", "("), (r"-RRB-", ")"), (r"-LSB-", "["), (r"-RSB-", "]"),  # PTB bracket tokens
    (r"\\/", "/"), (r"%26", "&"),                    # escaped "/" ("24\/7") and a URL-encoded "&"
    (r"``\s*", '"'), (r"\s*''", '"'),                 # `` opens a double quote, '' closes one
    (r"`\s*", "'"),                                   # ` opens a single quote
    (r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1"),        # "do n't", "Bryant 's", "we 're"
    (r" '(?=\s|$)", "'"),                             # a closing single quote or a plural possessive ("Bulls '")
    (r" ([,.;:?!%])", r"\1"),                         # punctuation joins the word before it
    (r"\.\.(?=\s*$)", "."),                           # "S.C. ." ends with one period
    (r"([($]) ", r"\1"), (r" \)", ")"),                # "( x )" -> "(x)", "$ 2.5" -> "$2.5"
    (r" {2,}", " "),                                   # the corpus's occasional double space
]


def detokenise(tokens: str) -> str:
    """The text of a tokenised NIF sentence, joined back by the rules of _DETOKENISE."""
    text = tokens
    for pattern, replacement in _DETOKENISE:
        text = re.sub(pattern, replacement, text)
    return text.strip()


def _parts(path: Path) -> list[str]:
    if path.suffix == ".html":
        return paragraphs(path)
    return path.read_text(encoding="utf-8").split("\n\n")


def document_text(spec: dict) -> str | None:
    """The text a gold document annotates, or None where ../shared is absent."""
    path = SHARED / spec["path"]
    if not path.exists():
        return None
    if spec.get("context"):
        return detokenise(_nif_strings(path)[spec["context"]]) + "\n"
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
    if spec.get("context"):  # one sentence of a corpus: nothing of its report but itself is stored
        return document_text(spec), 0
    if not spec.get("paragraphs"):
        return path.read_text(encoding="utf-8"), 0
    parts = _parts(path)
    first = spec["paragraphs"][0]
    before = "\n\n".join(parts[:first]) + "\n\n" if first else ""
    return before + "\n\n".join(parts[first:]) + "\n", len(before)
