"""Sentences and spans of an article's text, with offsets in Unicode code points (as NIF counts)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations that end in a period without ending the sentence ("U.S. Treasury Secretary").
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|No|vs|etc|Inc|Corp|Co|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|Gen|Sen|Rep|Gov|Lt|Col|Capt)\.)$")
# Words that start a new sentence even right after an abbreviation ("...with the U.S. It is expected").
_SENTENCE_STARTERS = frozenset(
    "It This That The These Those There However In So But And Also Meanwhile Consequently "
    "Still Yet He She They We I According Japan".split()
)
_BOUNDARY = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class Span:
    begin: int
    end: int
    text: str


def split_sentences(text: str) -> list[Span]:
    """Split text into sentences; paragraph breaks always end a sentence.

    A period after an abbreviation such as "U.S." ends the sentence only when the next word is a
    typical sentence opener, which is how "with the U.S. It is expected" splits and
    "U.S. Treasury Secretary" does not.
    """
    spans: list[Span] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        start = paragraph.start()
        for boundary in _BOUNDARY.finditer(text, paragraph.start(), paragraph.end()):
            head = text[start : boundary.start() + 1]
            next_word = re.match(r"[\"'“‘(]?(\w+)", text[boundary.end() :])
            if _ABBREVIATION.search(head) and (next_word is None or next_word.group(1) not in _SENTENCE_STARTERS):
                continue
            end = boundary.end() - len(boundary.group()) + len(boundary.group().rstrip())
            spans.append(_trimmed(text, start, end))
            start = boundary.end()
        if start < paragraph.end():
            spans.append(_trimmed(text, start, paragraph.end()))
    return [span for span in spans if span.text]


def _trimmed(text: str, begin: int, end: int) -> Span:
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    return Span(begin, end, text[begin:end])


def find_quote(text: str, sentence: Span, quote: str, occurrence: int = 1) -> Span:
    """Locate `quote` inside `sentence`; it must occur there (the `occurrence`-th time, 1-based)."""
    position = sentence.begin - 1
    for _ in range(occurrence):
        position = text.find(quote, position + 1, sentence.end)
        if position < 0:
            raise ValueError(f"quote {quote!r} not found (occurrence {occurrence}) in sentence {sentence.text!r}")
    if occurrence == 1 and text.find(quote, position + 1, sentence.end) >= 0:
        raise ValueError(f"quote {quote!r} occurs more than once in sentence {sentence.text!r}; give its occurrence")
    return Span(position, position + len(quote), quote)
