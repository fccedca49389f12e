"""Events in a news text: meetings, rounds of talks, summits, visits, departures, announcements,
agreements, proposals and tariff decisions, each with its participants (the people,
organisations, governments and countries of its sentence, less the source that reports it), its
date and place (from the same sentence) and, for meetings and trips, whether it is scheduled or
took place (from tense and cues, and the date against the publication day).

The facts are what a later link step needs to match reports of one event across articles: the
kind (class), the participants (sem:hasActor), the date (time:hasTime), the place
(sem:hasPlace), the round number, and the status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ...ontology import NG, SCHEMA
from ..model.text import Span

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}
_ORD = r"(?P<ordinal>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d{1,2}(?:st|nd|rd|th))"
# (class, label, pattern): the first that matches a stretch of a sentence wins it.
TRIGGERS = [
    ("NegotiationRound", "round of talks", rf"\b{_ORD}\s+(?:round|session)\s+of\s+(?:[\w-]+\s+){{0,2}}(?:talks|negotiations|consultations)\b"
                                           rf"|\b{_ORD.replace('ordinal', 'ordinal2')}\s+(?:[\w-]+\s+){{0,2}}(?:talks|negotiations)\b"),
    ("NegotiationRound", "round of talks", rf"\b{_ORD.replace('ordinal', 'ordinal3')}\s+round\b(?=[^.]*\b(?:took place|was held|were held|held|ended|concluded|begins|began|starts|will|is scheduled|scheduled)\b)"),
    ("Summit", "summit", r"\bsummits?\b|\bG-?\d{1,2} (?:meeting|leaders)\b"),
    ("Meeting", "meeting", r"\b(?:meet|meets|met|meeting|meetings|held talks|hold talks|holds talks|holding talks|sat down with)\b"),
    ("Negotiation", "negotiations", r"\b(?:talks|negotiations) with\b"),
    ("Visit", "visit", r"\b(?:visit|visits|visited|visiting|trip to|travel(?:led|ed|s)? to|will travel|arrived in|arrives in|arrive in)\b"),
    ("Departure", "departure", r"\b(?:depart(?:s|ed)? for|leave for|leaves for|left for|to depart)\b"),
    ("TariffDecision", "tariff decision", r"\b(?:impos(?:e|es|ed|ing)|rais(?:e|es|ed|ing)|lower(?:s|ed|ing)?|cut(?:s|ting)?|slap(?:s|ped)?|levy|levied|hike[ds]?|announc(?:e|es|ed))\s+(?:[\w%$.,-]+\s+){0,4}?(?:tariffs?|levies|duties)\b"),
    ("Agreement", "agreement", r"\b(?:agreed|agree|agrees|agreement|deal|accord|pact|treaty|signed)\b"),
    ("Proposal", "proposal", r"\b(?:propos(?:e|es|ed|ing|al)|offer(?:s|ed|ing)?)\b"),
    ("Announcement", "announcement", r"\b(?:announc(?:e|es|ed|ement|ing)|unveil(?:s|ed)?|issued a statement|issues a statement|released a statement)\b"),
]
_TRIGGERS = [(kind, label, re.compile(pattern, re.I)) for kind, label, pattern in TRIGGERS]
MOVES = frozenset({"Meeting", "NegotiationRound", "Summit", "Visit", "Departure"})
FUTURE = re.compile(r"\b(?:will|would|shall|is to|are to|to be held|scheduled|set to|plans? to|planned|expected to|upcoming|next|due to|aims? to|intends? to)\b", re.I)
PAST = re.compile(r"\b(?:met|held|visited|took place|was held|were held|arrived|departed|left for|agreed|signed|announced|"
                  r"proposed|offered|imposed|raised|discussed|had talks|concluded|ended|wrapped up)\b", re.I)
NOT_PARTICIPANTS = frozenset({NG + "Newspaper", NG + "Broadcaster", NG + "NewsAgency", SCHEMA + "NewsMediaOrganization"})


@dataclass
class Event:
    kind: str  # local name of an ng: class
    label: str
    trigger: Span
    sentence: Span
    actors: list[str] = field(default_factory=list)
    place: str | None = None
    when: Span | None = None  # the date expression of the sentence
    status: str | None = None  # schema:EventScheduled | ng:EventTookPlace
    round: int | None = None


def find_events(sentences: list[Span], mentions: list, found_dates: list, published: date, media: set | frozenset = frozenset()) -> list[Event]:
    """`mentions`: entity mentions (.span, .iri, .kind, .types); `found_dates`: (Span, ResolvedDate);
    `media`: the IRIs of news organisations, which report events rather than take part in them.
    A speaker may take part ("Lutnick said talks with Ishiba's government went well")."""
    events: list[Event] = []
    for sentence in sentences:
        taken: list[tuple[int, int]] = []
        inside = [m for m in mentions if sentence.begin <= m.span.begin and m.span.end <= sentence.end]
        dates_here = [(span, value) for span, value in found_dates if sentence.begin <= span.begin and span.end <= sentence.end
                      and not re.match(r"[A-Z]{3,}[A-Z ]*,\s*$", sentence.text[:span.begin - sentence.begin])  # a dateline
                      and not re.search(r"\b(?:said|reported|told|announced)\s+$", sentence.text[:span.begin - sentence.begin])]
        for kind, label, pattern in _TRIGGERS:
            match = pattern.search(sentence.text)
            if match is None:
                continue
            begin, end = sentence.begin + match.start(), sentence.begin + match.end()
            if any(b < end and begin < e for b, e in taken):
                continue
            if kind == "Proposal" and re.match(r"offer(?:s|ed)?\s+(?:to\s+)?(?:comment|condolences|no|an? apolog)", match.group(), re.I):
                continue
            if re.search(r"\b(?:unless|if|whether)\s+(?:\S+\s+){0,4}$", sentence.text[:match.start()], re.I):
                continue  # a condition, not a report: "unless the South offers ..."
            if kind in ("Proposal", "Agreement", "Announcement") and re.search(r"\b(?:the|this|that|its|their)\s+$", sentence.text[:match.start()], re.I):
                continue  # "The offer would cover ...": a reference to an event, not its report
            if kind in ("Meeting", "Negotiation") and any(e.sentence == sentence and e.kind == "NegotiationRound" for e in events):
                continue  # "met ... for the fourth round of talks": the round is the meeting
            taken.append((begin, end))
            # The clause of the trigger (between commas), and the subject that opens the sentence.
            clause_begin = sentence.begin + max(sentence.text.rfind(", ", 0, match.start()), sentence.text.rfind("; ", 0, match.start()), -1) + 1
            following = [i for i in (sentence.text.find(", ", match.end()), sentence.text.find("; ", match.end())) if i >= 0]
            clause_end = sentence.begin + (min(following) if following else len(sentence.text))
            subject = next((m for m in inside if m.span.begin - sentence.begin < 60 and m.kind in ("person", "government", "country", "organisation")), None)
            actors = []
            for mention in inside:
                if mention.kind not in ("person", "organisation", "government", "country") or mention.iri in media \
                        or set(mention.types) & NOT_PARTICIPANTS or mention.iri in actors:
                    continue
                if not (clause_begin <= mention.span.begin < clause_end or mention is subject
                        or (kind in MOVES - {"Visit", "Departure"} and mention.kind == "person")):
                    continue  # the people a sentence about a meeting names are its participants
                if kind in ("Visit", "Departure") and mention.span.begin > begin:
                    continue  # the traveller comes before the trip
                if mention.kind == "country" and re.match(r"['’]s\s", sentence.text[mention.span.end - sentence.begin:]) and any(
                        m.kind == "person" and 0 < m.span.begin - mention.span.end < 50 for m in inside):
                    continue  # "Japan's top negotiator Ryosei Akazawa": the person takes part, not the country
                if mention.kind == "country" and ("adjective" in mention.method or re.match(
                        r"\s+(?!(?:has|have|had|is|was|are|were|will|would|and|to|on|in|said|says|could|may|of|for|with)\b)\w",
                        sentence.text[mention.span.end - sentence.begin:])):
                    continue  # a modifier: "U.S. semiconductors"
                actors.append(mention.iri)
            place = None
            for mention in inside:
                if (mention.kind == "city" and "dateline" not in mention.method) or (mention.kind == "country" and re.search(r"\b(?:in|to)\s+(?:the\s+)?$", sentence.text[:mention.span.begin - sentence.begin])):
                    place = mention.iri
                    if mention.iri in actors and mention.kind == "country":
                        actors.remove(mention.iri)
                    break
            when = None
            if dates_here:
                after = [d for d in dates_here if d[0].begin >= end]
                when = min(after or dates_here, key=lambda item: abs(item[0].begin - begin))
            status = None
            if kind in MOVES:
                before = sentence.text[:match.end()]
                if when is not None and when[1].first_day > published:
                    status = SCHEMA + "EventScheduled"
                elif PAST.search(match.group()) or PAST.search(before[-60:]) or re.search(r"\btook place\b|\bwas held\b", sentence.text):
                    status = NG + "EventTookPlace"
                elif FUTURE.search(before) or (when is not None and when[1].first_day >= published):
                    status = SCHEMA + "EventScheduled"
                elif when is not None and when[1].last_day < published:
                    status = NG + "EventTookPlace"
            number = None
            ordinal = match.groupdict().get("ordinal") or match.groupdict().get("ordinal2") or match.groupdict().get("ordinal3")
            if ordinal:
                ordinal = ordinal.lower()
                number = ORDINALS.get(ordinal) or int(re.match(r"\d+", ordinal).group())
            events.append(Event(kind, label, Span(begin, end, match.group()), sentence, actors, place,
                                when[0] if when else None, status, number))
    return events
