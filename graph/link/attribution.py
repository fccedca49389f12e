"""Who says what, and how sure: the source and the hedges of each sentence of a news text.

- Reported speech and reports: "according to X", "X said/told/reported/announced ...", "..., said
  X", "the X newspaper reported", "X has said that" give X as the source of the sentence's claims
  (not of the words that name the source: those the article states itself);
- unnamed sources ("officials said", "people familiar with the matter") are sources too, typed
  ng:UnnamedSource, as the seed types "analyses";
- a pronoun ("he said") is the last person named before it;
- hedges give the GRaSP certainty as the seed does: "may", "might", "could", "possibly" POSSIBLE;
  "reportedly", "expected to", "likely", "plans to", "aims to", "is scheduled to", "will", "as
  high as" PROBABLE; the hedge words are kept.

A sentence without a source is the article's own statement (the ingesting outlet's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model.text import Span

SPEECH_VERBS = r"(?:issued a statement|said in a statement|said|says|say|estimates?|expects?|believes?|predicts?|warns?|notes?|told|reported|reports|announced|announces|stated|added|noted|claimed|confirmed|warned|wrote|insisted|argued|explained|acknowledged|estimated|predicted|tweeted|declared|blasted|accused|blamed|urged|criticized|criticised|denied)"
_ACCORDING = re.compile(r"\b[Aa]ccording to (?P<source>[^,.;:]+)")
_VERB = re.compile(r"\b(?:has |have |had )?" + SPEECH_VERBS + r"\b", re.I)
_PARTICIPLE = re.compile(r",\s+(?:telling|saying|adding|noting|warning|arguing|insisting|explaining|stressing|declaring|claiming)\b", re.I)
_CLAUSE_EDGE = re.compile(r"[,;:“”\"]")
# "..., said X": only verbs whose subject may follow them ("..., told reporters" names the hearers).
_INVERTED = re.compile(r"[,”\"]\s*(?P<cue>(?:said|says|added|noted|wrote|reported|stated|explained|insisted|argued|acknowledged|claimed"
                       r"|declared|announced|tweeted|confirmed|warned|predicted|estimated)\s+(?P<source>[^,.;]*[^,.;\s]))")
# What may stand between a subject and its verb: a relative clause or an apposition between commas
# ("Akazawa, who met Bessent on Friday, told reporters"; "Lutnick, the commerce secretary, said";
# "Bessent, speaking on Fox Business, said").
_INSERTED = re.compile(r"\s*(?:who|whose|which|a|an|the|his|her|its|their|also|[\w.’'-]+['’]s|[a-z]+ing)\b[^,;:“”\"]*")
UNNAMED = re.compile(r"\b(?:(?:[A-Z][a-z]+|senior|government|administration|company|industry|diplomatic|two|three|several)\s+)?"
                     r"(?:(?i:officials?|sources?|people|a person|analysts|economists|diplomats|insiders|aides)\s+(?:familiar with|close to|"
                     r"with (?:direct )?knowledge of|briefed on|involved in|who (?:spoke|asked|declined|requested))[^,.]*|"
                     r"(?i:officials?|sources?|economists|lawmakers|legislators|executives|traders|investors|critics|researchers|negotiators|"
                     r"people close to[^,.]*|a person close to[^,.]*|(?:the )?government|(?:a |the )?spokes(?:person|man|woman)(?: of| for)?[^,.]*|people familiar with[^,.]*|analysts|experts|observers|diplomats|insiders|aides|"
                     r"a person familiar with[^,.]*|a source[^,.]*|(?i:the) (?:report|statement|paper|newspaper|survey|study|ministry|agency|broadcaster)))\b")
PRONOUN = re.compile(r"\b(?:he|she|they)\b", re.I)

POSSIBLE = ("may", "might", "could", "possibly", "perhaps", "potentially")
PROBABLE = ("reportedly", "is expected to", "are expected to", "was expected to", "were expected to", "is expected",
            "expected to", "it is expected", "likely", "plans to", "planned to", "plan to", "aims to", "aimed to", "aims",
            "is scheduled to", "are scheduled to", "was scheduled to", "scheduled for", "is set to", "are set to",
            "will", "intends to", "is poised to", "is believed",
            "is said to", "allegedly", "apparently", "apparent", "seeks to", "was to", "were to")
BOUNDS = ("as high as", "as much as", "up to", "as many as")
_HEDGE = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in sorted(POSSIBLE + PROBABLE, key=len, reverse=True)) + r")\b"
                    r"|\b(?:" + "|".join(BOUNDS) + r")(?=\s+(?:[$¥₩€£]|\d|about|around))", re.I)


@dataclass
class Attribution:
    """The source of a sentence's claims (an entity IRI, or None for the article itself), the words
    that name it, and the certainty and hedges."""

    source: str | None = None
    source_span: Span | None = None  # the words naming the source: stated by the article itself
    cue: str | None = None
    unnamed: str | None = None  # the label of an unnamed source
    certainty: str = "CERTAIN"
    hedges: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)  # the hedge words


def hedges(sentence: Span) -> tuple[str, list[str], list[Span]]:
    words, spans = [], []
    for match in _HEDGE.finditer(sentence.text):
        word = match.group()
        if word.lower() == "may" and sentence.text[match.start()] == "M":
            continue  # the month
        if word.lower() == "will" and re.match(r"\s+(?:of|be\s+done)\b", sentence.text[match.end():]):
            continue
        if word.lower() in ("perhaps", "possibly") and re.match(r"[,\s]+(?:un)?(?:surprisingly|ironically|predictably|fittingly|tellingly"
                                                                r"|notably|(?:more|most) (?:importantly|notably|strikingly))\b",
                                                                sentence.text[match.end():], re.I):
            continue  # "Perhaps surprisingly, emissions fell": a comment on the fact, not a doubt of it
        words.append(word)
        spans.append(Span(sentence.begin + match.start(), sentence.begin + match.end(), word))
    lowered = {w.lower() for w in words}
    if lowered & set(PROBABLE + BOUNDS):
        return "PROBABLE", words, spans
    if lowered & set(POSSIBLE):
        return "POSSIBLE", words, spans
    return "CERTAIN", words, spans


def attribute(sentence: Span, mentions: list, last_person, last_outlet=None) -> Attribution:
    """The attribution of `sentence`; `mentions` are the entity mentions (objects with .span,
    .iri, .kind) in the text, `last_person` the last person mentioned before the sentence."""
    certainty, words, spans = hedges(sentence)
    result = Attribution(certainty=certainty, hedges=words, spans=spans)
    text = sentence.text
    inside = [m for m in mentions if sentence.begin <= m.span.begin and m.span.end <= sentence.end]

    def entity_in(begin: int, end: int, last: bool):
        options = [m for m in inside if begin <= m.span.begin and m.span.end <= end and m.kind in (
            "person", "organisation", "agent", "government", "country")]
        if not options:
            return None
        return options[-1] if last else options[0]

    found = _ACCORDING.search(text)
    if found:
        begin, end = sentence.begin + found.start("source"), sentence.begin + found.end("source")
        cue_span = Span(sentence.begin + found.start(), end, found.group())
        entity = entity_in(begin, end, last=False)
        if entity is not None and entity.kind == "country" and UNNAMED.search(found.group("source")):
            entity = None  # "according to a Japanese official": an unnamed official, not Japan
        return _with_source(result, entity, cue_span, found.group(), found.group("source"))
    for found in _VERB.finditer(text):
        # The clause before the verb: from the last comma, colon or quotation mark.
        edges = [m.end() for m in _CLAUSE_EDGE.finditer(text, 0, found.start())]
        clause_start = edges[-1] if edges else 0
        subject_end = found.start()
        if not text[clause_start:found.start()].strip() and edges and text[edges[-1] - 1] == ",":
            # The clause is empty: the subject may stand before inserted clauses ("Akazawa, who met Bessent, told"), or
            # be a name alone between commas ("Its chairman, Masakazu Tokura, said").
            close, i, steps = edges[-1] - 1, len(edges) - 2, 0
            while i >= -1 and steps < 3 and (i < 0 or text[edges[i] - 1] == ","):
                start = edges[i] if i >= 0 else 0
                if not _INSERTED.fullmatch(text[start:close]):
                    named = entity_in(sentence.begin + start, sentence.begin + close, last=True)
                    if named is not None and (steps or named.span.text == text[start:close].strip()):
                        clause_start, subject_end = start, close
                    break
                close, i, steps = start - 1, i - 1, steps + 1
        before = text[clause_start:subject_end]
        begin = sentence.begin + clause_start
        end = sentence.begin + subject_end
        # The subject: the last entity in the clause before the verb, close to it.
        entity = entity_in(begin, end, last=True)
        if entity is not None and entity.kind == "country" and UNNAMED.search(before[entity.span.end - begin:]):
            entity = None  # "Japanese officials said": unnamed officials, not Japan
        tail = before.rstrip()
        if entity is not None and len(tail) - (entity.span.end - begin) > 40:
            entity = None
        cue_span = Span(begin, sentence.begin + found.end(), text[clause_start:found.end()])
        if entity is not None:
            start = entity.span.begin
            cue_span = Span(start, sentence.begin + found.end(), text[start - sentence.begin:found.end()])
            return _with_source(result, entity, cue_span, cue_span.text.strip(), None)
        unnamed = UNNAMED.search(before)
        if unnamed and len(before) - unnamed.end() < 25 and last_outlet is not None \
                and re.fullmatch(r"(?i:the) (?:paper|newspaper|agency|broadcaster)", unnamed.group()):
            start = begin + unnamed.start()
            cue_span = Span(start, sentence.begin + found.end(), text[start - sentence.begin:found.end()])
            return _with_source(result, last_outlet, cue_span, cue_span.text, None)  # the outlet named before
        if unnamed and len(before) - unnamed.end() < 25:
            start = begin + unnamed.start()
            cue_span = Span(start, sentence.begin + found.end(), text[start - sentence.begin:found.end()])
            return _with_source(result, None, cue_span, cue_span.text, unnamed.group())
        pronoun = list(PRONOUN.finditer(before))
        if pronoun and len(before) - pronoun[-1].end() < 3 and last_person is not None:
            start = begin + pronoun[-1].start()
            cue_span = Span(start, sentence.begin + found.end(), text[start - sentence.begin:found.end()])
            return _with_source(result, last_person, cue_span, cue_span.text, None)
    found = _PARTICIPLE.search(text)
    if found:
        # "Judge Arthur Engoron ... tried to stop the barbs, telling his lawyer to “control your
        # client”": the sentence's subject says what follows; the clause before is the article's.
        entity = entity_in(sentence.begin, sentence.begin + min(found.start(), 60), last=False)
        if entity is not None:
            cue_span = Span(entity.span.begin, sentence.begin + found.end(), text[entity.span.begin - sentence.begin:found.end()])
            return _with_source(result, entity, cue_span, cue_span.text, None)
    found = _INVERTED.search(text)
    if found:
        begin, end = sentence.begin + found.start("source"), sentence.begin + found.end("source")
        entity = entity_in(begin, end, last=False)
        if entity is not None and (entity.span.begin - begin > 50 or re.search(r"\b(?:that|who|which)\b", text[begin - sentence.begin:entity.span.begin - sentence.begin])):
            entity = None  # the source follows the verb: ", said Japan's top negotiator Ryosei Akazawa"
        cue_span = Span(sentence.begin + found.start("cue"), end, found.group("cue"))
        if entity is not None or UNNAMED.match(found.group("source")):
            return _with_source(result, entity, cue_span, cue_span.text, found.group("source"))
    return result


def _with_source(result: Attribution, entity, cue_span: Span, cue: str, phrase: str | None) -> Attribution:
    result.cue = cue.strip()
    result.source_span = cue_span
    if entity is not None:
        result.source = entity.iri
    else:
        result.unnamed = (phrase or cue).strip()
    return result
