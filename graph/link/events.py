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

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from ...ontology import NG, SCHEMA
from ..model.text import Span

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}
_ORD = r"(?P<ordinal>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d{1,2}(?:st|nd|rd|th))"
# (class, label, pattern, noun): the triggers of each kind, tried in this order. A verb's entry may
# find several events of a sentence, one per clause ("After debuting the Juke ..., Nissan has
# taken the covers off the Sentra"); a noun's entry ("agreement", "talks") finds one, and none
# where the sentence already has an event of its kind (the noun names the verb's event).
_AGREEMENT_WORDS = r"(?:accords?|agreements?|deals?|pacts?|treat(?:y|ies)|contracts?|memorand(?:um|a)|partnerships?|declarations?|charters?|conventions?)"
TRIGGERS = [
    ("NegotiationRound", "round of talks", rf"\b{_ORD}\s+(?:round|session)\s+of\s+(?:[\w-]+\s+){{0,2}}(?:talks|negotiations|consultations)\b"
                                           rf"|\b{_ORD.replace('ordinal', 'ordinal2')}\s+(?:[\w-]+\s+){{0,2}}(?:talks|negotiations)\b", False),
    ("NegotiationRound", "round of talks", r"\b(?:another|a new|a fresh|a further|one more|the next|a|an)\s+(?:[\w-]+\s+)?(?:round|session)\s+of\s+"
                                           r"(?:[\w-]+\s+){0,2}(?:talks|negotiations|consultations)\b", False),  # a round with no number
    ("NegotiationRound", "round of talks", rf"\b(?:{_ORD.replace('ordinal', 'ordinal3')}|previous|prior|last|latest|next|another|new|final)\s+round\b(?=[^.]*\b(?:took place|was held|were held|held|ended|concluded|begins|began|starts|will|is scheduled|scheduled)\b)", False),
    ("Summit", "summit", r"\bsummits?\b(?!\s+(?:meeting|talks))|\bG-?\d{1,2} (?:meeting|leaders)\b", True),
    ("Meeting", "meeting", r"\b(?:meet|meets|met|meeting|meetings|held talks|hold talks|holds talks|holding talks|sat down with|webinar|video ?conference|conference call|phone call"
                           r"|(?:tele)?phone conversation|(?:spoke|speaks|talked)\s+(?:by (?:tele)?phone\s+|on the (?:tele)?phone\s+)?with|hosted|hosts)\b", False),
    ("Negotiation", "negotiations", r"\b(?:talks|negotiations|discussions)\b", True),
    ("Visit", "visit", r"\b(?:visit|visits|visited|visiting|trip to|travel(?:led|ed|s)? to|will travel|arrived in|arrives in|arrive in)\b", False),
    ("Departure", "departure", r"\b(?:depart(?:s|ed)? for|leave for|leaves for|left for|to depart)\b", False),
    ("TariffDecision", "tariff decision", r"\b(?:impos(?:e|es|ed|ing)|rais(?:e|es|ed|ing)|lower(?:s|ed|ing)?|cut(?:s|ting)?|slap(?:s|ped)?|levy|levied|hike[ds]?|announc(?:e|es|ed))\s+(?:[\w%$.,-]+\s+){0,4}?(?:tariffs?|levies|duties)\b", False),
    ("Ruling", "ruling", r"\b(?:ruled|rules that|ruling|verdict|struck down|upheld|overturned)\b|\bby an? [1-9]-[0-9] (?:vote|decision|ruling|margin)\b", False),
    ("Vote", "vote", r"\b(?:voted|re-elected|elected|elections?|referendum|by a vote of|(?:held|hold|holds|took|taken|take|takes|cast) (?:[\w-]+\s+){0,2}votes?|"
                     r"passed (?:[\w-]+\s+){0,2}(?:laws?|bills?|measures?|legislation|resolutions?)|confirmed (?:[\w.-]+\s+){0,2}by a vote)\b", False),
    ("Agreement", "agreement", r"\b(?:agreed|agrees|agree)\b(?!\s+(?:with|that|on whether)\b)"
                               r"|\b(?:agreed|agrees|agree)(?=\s+with\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){1,4}(?:to|on)\s)|\b(?:signed|signs|sign|signing|adopted|ratified)\b"
                               r"|\bformed an? (?:[\w-]+\s+){0,2}(?:partnership|alliance|coalition|joint venture)\b"
                               r"|\b(?:reached|struck|clinched|sealed) an? (?:[\w-]+\s+){0,2}(?:deal|agreement|settlement|accord)\b|\bsettled\b", False),
    ("Agreement", "agreement", r"\b(?:agreement|deal|accord|pact|treaty|settlement)\b", True),
    ("Proposal", "proposal", r"\b(?:propos(?:e|es|ed|ing|al)|offer(?:s|ed|ing)?)\b", False),
    ("Announcement", "announcement", r"\b(?:announc(?:e|es|ed|ement|ing)|unveil(?:s|ed|ing)?|issued a statement|issues a statement|released a statement"
                                     r"|debut(?:s|ed|ing)?|(?:take|takes|taken|took|taking) the (?:covers|wraps) off"
                                     r"|released (?:a|an|its|their|his|her|the) (?:[\w.-]+\s+){0,3}(?:report|outlook|forecast|plan|data|figures|results|guidance|findings|list))\b", False),
]
_TRIGGERS = [(kind, label, re.compile(pattern, re.I), noun) for kind, label, pattern, noun in TRIGGERS]
# A sentence without any of these words has no trigger: most sentences of a report (a fast test).
_ANY_TRIGGER = re.compile(r"round|session|summit|G-?\d|meet|met\b|talks|webinar|conference|call|discussion|negotiation|sat down|visit|trip|travel|arriv"
                          r"|spoke|speak|talk|phone|host"
                          r"|depart|leave|left|tariff|levies|levy|dut|rul|verdict|struck|upheld|overturn|vot|elect|referendum|passed|confirm"
                          r"|agree|sign|adopt|ratif|form|reach|clinch|seal|settle|deal|accord|pact|treat|propos|offer|announc|unveil|statement"
                          r"|debut|covers|wraps|released", re.I)
MOVES = frozenset({"Meeting", "NegotiationRound", "Summit", "Visit", "Departure"})
# The kinds of mention that can take part in an event, and those "he" or "she" may name.
_AGENTS = ("person", "organisation", "agent", "government", "country", "region")
PRONOUN_KINDS = ("person", "agent")
FUTURE = re.compile(r"\b(?:will|would|shall|is to|are to|to be held|scheduled|set to|plans? to|planned|expected to|upcoming|next|due to|aims? to|intends? to)\b", re.I)
PAST = re.compile(r"\b(?:met|held|visited|took place|was held|were held|arrived|departed|left for|agreed|signed|announced|spoke|hosted|talked|"
                  r"proposed|offered|imposed|raised|discussed|had talks|concluded|ended|wrapped up)\b", re.I)
# Any verb in the past tense: the clause reports what happened ("Hansen said ... in a webinar").
PAST_VERB = re.compile(r"\b(?:said|told|made|took|gave|won|lost|sent|began|went|came|became|had|did|was|were|has|have|\w{3,}ed)\b", re.I)
NOT_PARTICIPANTS = frozenset({NG + "Newspaper", NG + "Broadcaster", NG + "NewsAgency", SCHEMA + "NewsMediaOrganization"})
# What makes a trigger no report of an event, read in the words just before it.
_NEGATED = re.compile(r"\b(?:not|never|no|nor|n't)\s+(?:[\w-]+\s+){0,2}$|n't\s+(?:[\w-]+\s+){0,2}$", re.I)  # "has not engaged in discussions"
# What did not come about: "failed to reach an agreement", "ended without a deal", "fell short of a deal".
_FAILED = re.compile(r"\b(?:fail(?:ed|s|ing)?|unable|refus(?:ed|es|ing)|declin(?:ed|es|ing))\s+to\s+(?:[\w-]+\s+){0,3}$"
                     r"|\b(?:without|short of|instead of|rather than)\s+(?:[\w-]+\s+){0,3}$", re.I)
_MODAL = re.compile(r"\b(?:possible|potential|any|hypothetical|rumou?red|future|proposed)\s+(?:[\w-]+\s+)?$", re.I)  # "any possible offer"
_GENERIC = re.compile(r"\b(?:yearly|annual|regular|monthly|weekly|daily|periodic|frequent|routine)\s+(?:[\w-]+\s+){0,2}$", re.I)  # "yearly COP meetings"
# A threat, a wish or an aim is no report of what it names: "threatened to impose tariffs".
_INTENDED = re.compile(r"\b(?:threat(?:en(?:ed|s|ing)?)?|vow(?:ed|s|ing)?|pledg(?:ed|es|ing)|want(?:s|ed|ing)?|seek(?:s|ing)?|sought"
                       r"|tr(?:y|ies|ied|ying)|push(?:es|ed|ing)?\s+for|call(?:s|ed|ing)?\s+for|urg(?:e|es|ed|ing))\s+(?:\w+\s+)?to\s+(?:[\w-]+\s+){0,2}$", re.I)
_WISHED = re.compile(r"\b(?:hopes?|wish(?:es)?|intention|dreams?)\b[^,.;]{0,30}$", re.I)  # "a hope to expect talks to resume"
_DEMONSTRATIVE = re.compile(r"\b(?:that|this|these|those|the same)\s+$", re.I)  # "won that vote": the vote reported before
_APPOSITION = re.compile(r",\s+an?\s+(?:[\w-]+\s+){0,3}$")  # "The Artemis Accords, a US led international agreement,"
_POSSIBLE = re.compile(r"\b(?:could|may|might)\s+(?:(?:also|still|even|soon|well|yet|eventually)\s+)?$", re.I)
_RUMOUR = re.compile(r"\b(?:rumou?rs?|speculation|reportedly|unconfirmed)\b", re.I)
# The words before a date that make it the day a measure takes effect, not the day it is decided.
_TAKES_EFFECT = re.compile(r"\b(?:effective|(?:taking|takes|take|took|to take|will take) effect|(?:starting|beginning|from|as of)(?: on)?)\s+$", re.I)
# A speech verb and its hearer: what comes after is reported ("told CNBC that ...", "said ...").
_SPEECH = re.compile(r"\b(?:said|says|told|tells|reported|announced that|added|noted|wrote|stated|insisted|argued|warned)\b"
                     r"(?:\s+(?:[A-Z][\w.&’'-]*\s+){1,4}(?=that\b))?(?:\s+that\b)?")


def _possessor_of_person(mention, inside: list, text: str, offset: int, within: int) -> bool:
    """A country in the possessive before a person's name, `within` characters after it: "Japan's
    top negotiator Ryosei Akazawa"."""
    return mention.kind in ("country", "region") and re.match(r"['’]s\s", text[mention.span.end - offset:]) is not None and any(
        m.kind == "person" and (0 < m.span.begin - mention.span.end < within  # "Japan's top negotiator Ryosei Akazawa"
                                or re.fullmatch(r",\s+(?:the\s+)?", text[m.span.end - offset:mention.span.begin - offset]))  # "Akazawa, Japan's top negotiator"
        for m in inside)


# A place: "in Canada", and the country or region after a place it does not know ("in Kananaskis, Canada").
_PLACE_BEFORE = re.compile(r"\b(?:in|to)\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,2}?(?:[A-Z][\w.’'-]*,\s+)?$")
# An organisation that names another event: "the Group of Seven summit", "the NATO meeting".
_ANOTHER_EVENT = re.compile(r"\b(?:summits?|meetings?|conferences?|forums?|gatherings?|talks|visits?|trips?|ceremony|rally|festival)\b", re.I)
_HELD_AT = re.compile(r"\b(?:at|during|on the (?:sidelines|margins) of)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}$", re.I)  # "a meeting at the G7 summit in Canada"
_NAMES_AN_EVENT = re.compile(r"\s+(?:leaders['’]?\s+)?(?:summits?|meetings?|conferences?|forums?|gatherings?)\b", re.I)
_SPEAKER_AS_SUBJECT = re.compile(r"\s+(?:(?:on|last|this|earlier|late|early|in)\s+\w+\s+)?(?:that\s+)?(?P<pronoun>he|she)\s", re.I)
_PRONOUN_SUBJECT = re.compile(r"(?:^|[,;]\s*|\b(?:then|later|also|In \w+|On \w+)\s+)(?:[Hh]e|[Ss]he)\s+(?:\w+\s+)?$"
                              r"|(?:^|[,;]\s*)(?:[Hh]e|[Ss]he)\s+(?:is|was|will|would|had|has)\s+(?:also\s+)?(?:expected|scheduled|set|due|likely|going|planning|poised)\s+to\s+$")


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
    joins: Event | None = None  # a participation: these actors take part in that earlier event


def find_events(sentences: list[Span], mentions: list, found_dates: list, published: date, media: set | frozenset = frozenset()) -> list[Event]:
    """`mentions`: entity mentions (.span, .iri, .kind, .types); `found_dates`: (Span, ResolvedDate);
    `media`: the IRIs of news organisations, which report events rather than take part in them.
    A speaker may take part ("Lutnick said talks with Ishiba's government went well")."""
    events: list[Event] = []
    mentions = sorted(mentions, key=lambda m: m.span.begin)
    starts = [m.span.begin for m in mentions]
    people = [m for m in mentions if m.kind in PRONOUN_KINDS]
    countries = [m for m in mentions if m.kind == "country"]
    for sentence in sentences:
        if not _ANY_TRIGGER.search(sentence.text):
            continue
        taken: list[tuple[int, int]] = []
        here: list[Event] = []  # the events of this sentence
        inside = [m for m in mentions[bisect.bisect_left(starts, sentence.begin):bisect.bisect_left(starts, sentence.end)]
                  if m.span.end <= sentence.end]
        dates_here = [(span, value) for span, value in found_dates if sentence.begin <= span.begin and span.end <= sentence.end
                      and not re.match(r"[A-Z]{3,}[A-Z ]*,\s*$", sentence.text[:span.begin - sentence.begin])  # a dateline
                      and not re.search(r"\b(?:said|reported|told)\s+$", sentence.text[:span.begin - sentence.begin])
                      and not re.match(r"(?:since|until|till)\b", span.text, re.I)]  # the bound of a period, not the event's day
        reported = frozenset(e.kind for e in events)  # the kinds of event the sentences before gave
        for kind, label, pattern, noun in _TRIGGERS:
            if noun and any(e.kind == kind for e in here):
                continue  # "agreed to pay $35 million in a settlement": one agreement
            for match in pattern.finditer(sentence.text):
                event = _event(kind, label, noun, match, sentence, inside, dates_here, published, media, people, here, taken, countries,
                               reported)
                if event is None:
                    continue
                here.append(event)
                taken.append((event.trigger.begin, event.trigger.end))
                if noun:
                    break
        events += here
    _read_references(sentences, events, found_dates, published)
    return events + find_participations(sentences, mentions, events, found_dates, published, media)


# A definite reference to an event reported before: "after the 130-minute meeting on Friday",
# "Friday's talks", "the two-hour session". Not "the next round", "the first meeting": new events.
_REFERENCE = re.compile(r"\b(?:the|that|this|its|their|his|her|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day['’]s|(?:yesterday|today)['’]s)\s+"
                        r"(?:(?!(?:next|new|another|further|fresh|first|second|third|fourth|fifth|last|latest|final|upcoming|planned|previous|prior|earlier|past"
                        r"|proposed|possible|\d+(?:st|nd|rd|th))\b)[\w-]+\s+){0,2}?"
                        r"(?P<noun>meeting|talks|negotiations|summit|(?:round|session)(?:\s+of\s+(?:[\w-]+\s+){0,2}(?:talks|negotiations))?)\b", re.I)


def _read_references(sentences: list[Span], events: list[Event], found_dates: list, published: date) -> None:
    """A reference is the event reported before, not a new one; its date ("the meeting on
    Friday") dates that event when the first report gave none."""
    if not events:
        return
    for sentence in sentences:
        for match in _REFERENCE.finditer(sentence.text):
            begin, end = sentence.begin + match.start(), sentence.begin + match.end()
            kinds = _NAMES[_NOUN_KIND[match.group("noun").split()[0].lower()]]
            earlier = next(([e for e in events if e.kind in group and e.trigger.end <= begin and e.joins is None]
                            for group in kinds if any(e.kind in group and e.trigger.end <= begin for e in events)), [])
            if not earlier:
                continue  # the article's first word on it: an event of its own
            target = max(earlier, key=lambda e: e.trigger.begin)
            events[:] = [e for e in events if not (begin <= e.trigger.begin and e.trigger.end <= end)]
            if target.when is not None:
                continue
            for span, value in found_dates:
                near = begin <= span.begin and span.end <= end or (
                    0 <= span.begin - end <= 4 and re.fullmatch(r"\s*(?:on)?\s*", sentence.text[match.end():span.begin - sentence.begin]))
                done = target.status == NG + "EventTookPlace"
                if near and not (done and value.first_day > published) and not (target.status == SCHEMA + "EventScheduled" and value.last_day < published):
                    target.when = span
                    break


# People through whom a country or a state acts: "New Jersey residents voted", "Japanese negotiators met".
_ACTING_WORDS = (r"(?:['’]s)?\s+(?:[a-z]+\s+)?(?:residents|voters|citizens|lawmakers|legislators|legislature|negotiators?|officials?"
                 r"|delegations?|delegates|diplomats|authorities|government|administration|ministers?)\b")
_ACTING_FOR = re.compile(_ACTING_WORDS + r"(?=\s+(?:\w+\s+){0,2}?(?:voted|elected|approved|passed|met|meet|agreed|signed|held|announced"
                         r"|proposed|rejected|negotiated|ratified|adopted|will|would|have|has|had|are|were)\b)")
_ACTING_AFTER = re.compile(_ACTING_WORDS)  # after the verb: "met Canadian officials"
# A lower-case word after a country's name that is not a verb or a preposition: the country is a
# modifier ("U.S. shipbuilding"), not a place.
_MODIFIES = re.compile(r"[ \t]+(?!(?:has|have|had|is|was|are|were|will|would|and|to|on|in|at|of|for|with|from|after|before|during"
                       r"|last|this|next|since|until|as|but|or|where|when|while|which|who|that|said|says|could|may|might|earlier|later)\b)[a-z]")
# An infinitive after a trigger: what follows is that verb's ("agreed to invest ... in the United States").
_INFINITIVE = re.compile(r"\bto\s+(?!(?:the|a|an|its|their|his|her|this|that|these|those|be|have)\b)[a-z]+\b")
# A verb after a country's name: the country is the subject ("Japan agreed to invest", "Canada
# struck a deal"), not a modifier ("U.S. semiconductors").
_VERB_AFTER = re.compile(r"\s+(?:also\s+|then\s+|later\s+)?(?:\w+ed|met|held|made|took|struck|won|sent|sought|gave|agrees|signs|meets|holds|plans|wants)"
                         r"(?=\s+(?:to|on|in|with|at|a|an|the|that|its|their|\$|\d)\b|[,.;])", re.I)
# What joins the subjects of one verb: "Harvard and the University of North Carolina, along with the
# Biden administration, lost".
_COORDINATION = re.compile(r"(?:,?\s+(?:and|or|as well as|along with|together with|plus)\s+|,\s+)(?:the\s+|its\s+|their\s+)?")


def _coordinated(subject, inside: list, text: str, offset: int, clause_begin: int) -> list:
    """The subject and the mentions coordinated with it before the verb's clause."""
    group = [subject]
    for mention in inside:
        if mention.span.begin <= group[-1].span.begin:
            continue
        if mention.span.begin >= clause_begin or not _COORDINATION.fullmatch(text[group[-1].span.end - offset:mention.span.begin - offset]):
            break
        group.append(mention)
    return group


def _clause(text: str, begin: int, end: int) -> tuple[int, int]:
    """The clause around text[begin:end]: between commas, semicolons and dashes."""
    edges = (", ", "; ", " – ", " — ")
    start = max(text.rfind(edge, 0, begin) + len(edge) if text.rfind(edge, 0, begin) >= 0 else 0 for edge in edges)
    following = [i for i in (text.find(edge, end) for edge in edges) if i >= 0]
    return start, min(following) if following else len(text)


# "The two countries plan to hold another round": the two countries the report has been about.
_THE_TWO = re.compile(r"\b(?:the|both)\s+(?:two\s+)?(?:(?P<countries>countries|nations|sides|governments)|leaders|men|women|ministers|negotiators)\b"
                      r"(?![^,.;]*\bof\b)", re.I)


def _the_two(named: list, before: int) -> list[str]:
    """The two countries (or people) named last before `before`, when the words before name exactly
    two (in the 200 characters before, else the 600, else the whole report); none when they name more."""
    for window in (200, 600, before):
        iris = list(dict.fromkeys(m.iri for m in named if before - window <= m.span.begin and m.span.end <= before))
        if len(iris) == 2:
            return iris
        if len(iris) > 2:
            return []
    return []


# The kinds an event noun may refer back to: "the meeting" after a round of talks is that round.
_TALKS = frozenset({"Meeting", "NegotiationRound", "Negotiation", "Summit"})


def _not_a_report(kind: str, noun: bool, match, text: str, reported: frozenset = frozenset()) -> bool:
    """Is the trigger negated, hypothetical, generic, a reference to an event reported before, or
    a word with another sense here? `reported`: the kinds of the events the report has given
    before it; "the meeting" is a reference only when there is one to refer to, else the report's
    first word on it ("The talks between Japan and the United States ended on Friday")."""
    referable = kind in reported or (kind in _TALKS and bool(reported & _TALKS))
    before, word = text[:match.start()], match.group()
    if _NEGATED.search(before) or _FAILED.search(before) or _MODAL.search(before) or _GENERIC.search(before) or _WISHED.search(before) \
            or _INTENDED.search(before) \
            or _DEMONSTRATIVE.search(before):
        return True
    if re.search(r"\bno (?:immediate |further )?(?:plans?|intention|need|date set|talks? (?:are|were) planned) (?:to|for)\b[^,.;]{0,30}$", before, re.I):
        return True  # "there was no plan to hold further talks"
    if re.search(r"\b(?:unless|if|whether)\s+(?:\S+\s+){0,4}$", before, re.I):
        return True  # a condition, not a report: "unless the South offers ..."
    if not noun and re.search(r"\b(?:how|what|why)\s+(?:[\w-]+\s+){0,2}$", before, re.I):
        return True  # an indirect question: "it doesn't matter how the people voted"
    if referable and (noun or kind in ("Proposal", "Announcement")) and re.search(r"\b(?:the|its|their)\s+$", before, re.I) \
            and not re.match(r"ruling", word, re.I):
        return True  # "The offer would cover ...", "the talks would continue": the event reported before
    if noun and (word[0].isupper() and match.start() > 0 or _APPOSITION.search(before)):
        return True  # a name ("the Paris Climate Accord") or a description ("..., a US led agreement,")
    if kind == "Proposal" and re.match(r"offer(?:s|ed|ing)?\s+(?:to\s+)?(?:[\w-]+\s+){0,2}(?:comment|condolences|no|apolog|support|advice|help)",
                                      text[match.start():], re.I):
        return True
    if kind == "Meeting" and re.match(r"(?:meets?|met)\s+(?:(?!(?:with|on|in|at|to|and|for|over|about)\b)[\w’'-]+\s+){0,7}"
                                      r"(?:goals?|targets?|deadlines?|demands?|needs?|standards?|requirements?|criteria|expectations?"
                                      r"|guidelines?|conditions?|obligations?|thresholds?|rules?|quotas?)\b", text[match.start():], re.I):
        return True  # "to meet that goal", "has met the association's guidelines": a measure, not a person
    if match.start() > 0 and word[0].isupper() and not text[:match.start()].rstrip().endswith((".", "\n", '"', "“", ":")) \
            and (re.match(r"[ \t]+[A-Z][a-z]", text[match.end():]) or re.search(r"[A-Z][\w’'-]*[ \t]+$", before)):
        return True  # a word of a name: "the state Election Commission", "Town Meeting Day"
    if kind == "Meeting" and re.match(r"meetings?$", word, re.I) and re.search(r"\bG-?\d{1,2}\s+$", before):
        return True  # "the G7 meeting": a summit, read as one
    if kind == "Meeting" and re.match(r"meetings?$", word, re.I) and (re.search(r"\bthe\s+$", before, re.I) and referable
                                                                     or re.search(r"\b(?:that|this)\s+$", before, re.I)):
        return True  # "told reporters after the meeting": the meeting reported before
    if kind == "Meeting" and re.match(r"met\b", word, re.I) and re.search(r"\b(?:be|been|being|is|was|were|are)\s+$", before, re.I):
        return True  # "the crisis will have to be met"
    if kind == "Negotiation" and re.search(r"\b(?:he|she|it|who)\s+$", before, re.I):
        return True  # "he talks": the verb
    if kind == "Vote" and (re.search(r"\bto be\s+$", before, re.I)
                           or re.match(r"elected\s+(?:officials?|leaders?|representatives?|members?)\b", text[match.start():], re.I)
                           or re.match(r"elections?\s+(?:systems?|results?|integrity|officials?|laws?|rules?|workers?|security|process)\b",
                                       text[match.start():], re.I)):
        return True  # "to be elected again", "elected officials", "election systems"
    if kind == "Agreement" and re.match(r"(?:sign|adopt|ratif)", word, re.I):
        near = text[max(0, match.start() - 60):match.end() + 60]
        return not re.search(rf"\b{_AGREEMENT_WORDS}\b", near, re.I)  # "signed the accord", not "the opinion signed by"
    return False


def _predicate(after: str) -> str | None:
    """The status the verb after an event noun gives it: "(the talks ...) ended", "will be held"."""
    future = FUTURE.search(after[:80])
    past = next((m for m in (*PAST.finditer(after[:80]), *PAST_VERB.finditer(after[:80])) if m.group()[0].islower()), None)
    if future is not None and (past is None or future.start() < past.start()):
        return SCHEMA + "EventScheduled"
    return NG + "EventTookPlace" if past is not None else None


def _event(kind, label, noun, match, sentence, inside, dates_here, published, media, people, events, taken, countries,
           reported: frozenset = frozenset()) -> Event | None:
    text = sentence.text
    begin, end = sentence.begin + match.start(), sentence.begin + match.end()
    reported = reported | {e.kind for e in events if e.trigger.end <= begin}
    if any(b < end and begin < e for b, e in taken) or _not_a_report(kind, noun, match, text, reported):
        return None
    if kind in ("Meeting", "Negotiation") and any(e.sentence == sentence and e.kind == "NegotiationRound" for e in events):
        return None  # "met ... for the fourth round of talks": the round is the meeting
    clause_start, clause_stop = _clause(text, match.start(), match.end())
    if not noun and any(e.sentence == sentence and e.kind == kind and clause_start <= e.trigger.begin - sentence.begin < clause_stop
                        for e in events):
        return None  # one event of a kind to a clause
    clause_begin, clause_end = sentence.begin + clause_start, sentence.begin + clause_stop
    # The subject that opens the sentence, unless the trigger's clause has a subject of its own
    # (", and the Senate confirmed ...").
    own_subject = re.match(r"\s*(?:and|but|while|whereas)\s+(?:the\s+)?(?:[A-Z]\w+|he|she|they|it)\b", text[clause_start:match.start()])
    # A noun inside another phrase has no subject of its own ("Prelogar was detailed to an
    # investigation into interference in the 2016 presidential election"), nor has a verb in the
    # passive: what "has been signed by more than 60 nations" is the thing signed.
    own_subject = own_subject or (re.match(r"(?:elections?|referendum)\b", match.group(), re.I) and re.search(
        r"\b(?:in|of|into|during|before|after|since|ahead of|for)\s+(?:the|a|an|this|last|next)\s+(?:[\w-]+\s+){0,3}$", text[:match.start()], re.I)) \
        or (kind in ("Agreement", "Announcement", "Proposal", "TariffDecision") and re.search(
            r"\b(?:was|were|is|are|be|been|being)\s+(?:\w+ly\s+|already\s+)?$", text[:match.start()], re.I)
            and re.match(r"\w+\s+by\b", text[match.start():]))
    subject = None if own_subject else next((m for m in inside if m.span.begin - sentence.begin < 60 and m.kind in _AGENTS
                                              and not _possessor_of_person(m, inside, text, sentence.begin, 60)), None)
    subjects = _coordinated(subject, inside, text, sentence.begin, clause_begin) if subject is not None else []
    # Who is coordinated with the subject acts with it ("Japan and the United States held"), in any clause.
    joint = _coordinated(subject, inside, text, sentence.begin, sentence.end) if subject is not None else []
    if len(joint) < 2 or any("adjective" in m.method for m in joint):
        joint = []  # one name alone, or "South Korean Trade Minister ...": no coordination
    speech = _SPEECH.search(text, 0, match.start())
    # The speaker takes part in a meeting or a trip he reports ("Lutnick said talks with Ishiba's
    # government went well"), unless the report names two others who meet ("a summit between Ishiba and Trump").
    reported = [m for m in inside if speech is not None and m.span.begin - sentence.begin >= speech.end()
                and m.kind in ("person", "government", "country")]
    speaker_takes_part = kind in MOVES and len({m.iri for m in reported}) < 2
    actors = []
    for mention in inside:
        if speech is not None and mention.span.begin - sentence.begin < speech.end() and not (
                speaker_takes_part and mention.span.end - sentence.begin <= speech.start()):
            continue  # "Greer told CNBC that Japan had agreed": Japan agreed, not Greer or CNBC
        if mention.kind not in _AGENTS or mention.iri in media \
                or set(mention.types) & NOT_PARTICIPANTS or mention.iri in actors:
            continue
        if not (clause_begin <= mention.span.begin < clause_end or mention is subject or mention in subjects
                or (kind in MOVES - {"Visit", "Departure"} and mention.kind == "person")):
            continue  # the people a sentence about a meeting names are its participants
        if kind in ("Visit", "Departure") and mention.span.begin > begin:
            continue  # the traveller comes before the trip
        if kind == "TariffDecision" and mention.span.begin >= end and re.search(
                r"\b(?:on|against|from|to)\s+(?:(?:the|all|some|most|imports|goods|products|exports|[\w-]+\s+from)\s+){0,3}"
                r"(?:(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*(?:,\s+|,?\s+(?:and|or)\s+))*$",
                text[match.end():mention.span.begin - sentence.begin], re.I):
            continue  # "a tariff on imports from India": what the tariff falls on, not who decides it
        if mention.kind == "organisation" and mention.span.begin < begin and any(
                m.kind == "person" and re.fullmatch(r"\s+(?:[A-Z][\w.-]*\s+){1,3}", text[mention.span.end - sentence.begin:m.span.begin - sentence.begin])
                for m in inside if m.span.begin > mention.span.end):
            continue  # "Treasury Secretary Scott Bessent": the person takes part, the title's department does not
        if kind not in MOVES and mention.kind in ("country", "region", "city") and mention.span.begin >= end \
                and _INFINITIVE.search(text, match.end(), mention.span.begin - sentence.begin) \
                and _PLACE_BEFORE.search(text[:mention.span.begin - sentence.begin]):
            continue  # "agreed to invest in the United States": where the investment goes, not a party
        if mention.kind == "organisation" and re.search(r"\b(?:at|outside|inside)\s+the\s+$", text[:mention.span.begin - sentence.begin]):
            continue  # "a meeting at the White House": where, not who
        if mention.kind == "organisation" and mention.span.begin > end and _NAMES_AN_EVENT.match(text, mention.span.end - sentence.begin):
            continue  # "meet Trump on the sidelines of the Group of Seven summit": the name of another event
        if _possessor_of_person(mention, inside, text, sentence.begin, 50):
            continue  # "Japan's top negotiator Ryosei Akazawa": the person takes part, not the country
        if mention.kind in ("country", "region") and mention not in joint and ("adjective" in mention.method or re.match(
                r"\s+(?!(?:has|have|had|is|was|are|were|will|would|and|to|on|in|said|says|could|may|of|for|with)\b)\w"
                r"|-(?!led\b)[a-z]",  # "U.S.-made chips" (but "U.S.-led talks", "U.S.-Japan talks")
                text[mention.span.end - sentence.begin:])) and not _ACTING_FOR.match(text, mention.span.end - sentence.begin) \
                and not (mention.span.end < begin and _VERB_AFTER.match(text, mention.span.end - sentence.begin)
                         and not re.search(r"\bof\s+(?:the\s+)?$", text[:mention.span.begin - sentence.begin])) \
                and not re.fullmatch(r"\s+", text[mention.span.end - sentence.begin:match.start()]) \
                and not (mention.span.begin >= end and _ACTING_AFTER.match(text, mention.span.end - sentence.begin)):
            continue  # a modifier: "U.S. semiconductors" (but "New Jersey residents voted": the state acts through them)
        actors.append(mention.iri)
    # "Akazawa said on Saturday he had held talks with Lutnick": "he" after the speech verb is the speaker.
    if speech is not None and (own := _SPEAKER_AS_SUBJECT.match(text, speech.end())) and own.end() <= match.start() \
            and _clause(text, match.start(), match.end())[0] <= own.start("pronoun"):
        speakers = [m for m in inside if m.kind in PRONOUN_KINDS and m.span.end - sentence.begin <= speech.start()]
        if not speakers and re.search(r"\b(?:[Hh]e|[Ss]he)\s+$", text[:speech.start()]):
            speakers = [p for p in people if p.span.end <= sentence.begin]  # "He said he had met ...": the person named last
        if speakers and speakers[-1].iri not in actors:
            actors.insert(0, speakers[-1].iri)
    pronoun_subject = _PRONOUN_SUBJECT.search(text[clause_start:match.start()]) is not None
    if kind == "Announcement" and (pronoun_subject or any(m.iri in actors and m.span.begin < begin for m in inside)):
        # Who announces is before the verb; what comes after is what is announced.
        actors = [a for a in actors if any(m.iri == a and m.span.begin < begin for m in inside)]
    if pronoun_subject and not any(
            m.kind == "person" and m.span.begin < begin for m in inside if m.iri in actors):
        earlier = [p for p in people if p.span.end <= sentence.begin]
        if earlier and earlier[-1].iri not in actors:
            actors.insert(0, earlier[-1].iri)  # "He then announced ...", "He met Lutnick": the person named last
    if not any(m.iri in actors and m.kind in ("country", "government", "person") for m in inside) \
            and (pair := _THE_TWO.search(text, clause_start, match.start())):
        named = countries if pair.group("countries") else people
        actors += [iri for iri in _the_two(named, sentence.begin + pair.start()) if iri not in actors]
    place = None
    for mention in inside:
        other = _ANOTHER_EVENT.search(text, match.end(), mention.span.begin - sentence.begin) if mention.span.begin >= end else None
        if other is not None and not _HELD_AT.search(text, 0, other.start()):
            break  # "talks in mid-June, before a Group of Seven summit in Canada": the summit's place
        if kind not in MOVES and mention.span.begin >= end and _INFINITIVE.search(text, match.end(), mention.span.begin - sentence.begin):
            break  # "agreed to invest $550 billion in the United States": where the investment goes
        if mention.kind in ("country", "region") and _MODIFIES.match(text, mention.span.end - sentence.begin):
            continue  # "investing in U.S. shipbuilding": the country names the kind of thing, not where
        if (mention.kind == "city" and "dateline" not in mention.method) or (mention.kind in ("country", "region") and "adjective" not in mention.method and _PLACE_BEFORE.search(text[:mention.span.begin - sentence.begin])):
            place = mention.iri
            if mention.iri in actors and mention.kind in ("country", "region") \
                    and not any(m.iri == mention.iri and m is not mention and m.span.begin < begin for m in inside):
                actors.remove(mention.iri)  # (but "Japan and Canada signed an agreement in Japan": Japan signed)
            break
    when = None
    if kind != "Announcement":
        # "announced on Friday that ...": the announcement's day, not that of what it announces
        dates_here = [d for d in dates_here if not re.search(r"\bannounced\s+$", text[:d[0].begin - sentence.begin])]
    if kind in ("TariffDecision", "Agreement") and len(dates_here) > 1:
        # "signed an order on Thursday imposing a tariff, effective Aug. 7": the decision is Thursday's
        dates_here = [d for d in dates_here if not _TAKES_EFFECT.search(text, 0, d[0].begin - sentence.begin)] or dates_here
    # A date before a "that" whose clause holds the trigger dates the saying or the rumour, not the
    # event: "rumors started spreading earlier today that Blackberry was in talks".
    dates_here = [d for d in dates_here if not (d[0].end <= begin and re.search(r"\bthat\b", text[d[0].end - sentence.begin:match.start()]))]
    own = [d for d in dates_here if clause_begin <= d[0].begin < clause_end]
    if own:
        dates_here = own
    else:
        # A date in the clause of another event of the sentence is that event's: "After debuting
        # the Juke two months ago, Nissan has taken the covers off the Sentra".
        theirs = [_clause(text, e.trigger.begin - sentence.begin, e.trigger.end - sentence.begin) for e in events
                  if e.sentence == sentence and e.when is not None]
        dates_here = [d for d in dates_here if not any(b <= d[0].begin - sentence.begin < e for b, e in theirs)]
    if dates_here:
        after = [d for d in dates_here if d[0].begin >= end]
        when = min(after or dates_here, key=lambda item: abs(item[0].begin - begin))
    before = text[clause_start:match.end()]
    status = None
    if when is not None and when[1].first_day > published:
        status = SCHEMA + "EventScheduled"
    elif _RUMOUR.search(text[:match.start()]) or _POSSIBLE.search(text, 0, match.start()):
        status = None  # a rumour or a possibility ("the EU could impose tariffs"): neither scheduled nor done
    elif PAST.search(match.group()) or PAST.search(before[-60:]) or re.search(r"\btook place\b|\bwas held\b", text):
        status = NG + "EventTookPlace"
    elif (noun or re.fullmatch(r"meetings?", match.group(), re.I)) and (predicate := _predicate(text[match.end():clause_stop])) is not None:
        status = predicate  # the noun is the subject: "The talks between Japan and the United States ended on Friday"
    elif FUTURE.search(text[:match.end()]) or (when is not None and when[1].first_day >= published and not PAST_VERB.search(before)):
        status = SCHEMA + "EventScheduled"
    elif PAST_VERB.search(before) or PAST_VERB.match(match.group()) or re.search(r"\b[Aa]fter\s+$", text[:match.start()]) \
            or (when is not None and when[1].last_day < published) or PAST_VERB.search(text[:match.start()]):
        status = NG + "EventTookPlace"
    number = None
    ordinal = match.groupdict().get("ordinal") or match.groupdict().get("ordinal2") or match.groupdict().get("ordinal3")
    if ordinal:
        ordinal = ordinal.lower()
        number = ORDINALS.get(ordinal) or int(re.match(r"\d+", ordinal).group())
    return Event(kind, label, Span(begin, end, match.group()), sentence, actors, place, when[0] if when else None, status, number)


# Taking part in an event the article has reported already: "X also attended the talks", "X joined
# the meeting later", "X took part in the negotiations", "X was present at the summit", "X sat in
# on the talks", "accompanied by X", "the talks, attended by X and Y". The definite reference ("the
# talks") points to the nearest earlier event of a kind it can name; without one, it is a report
# of its own (took place or scheduled, from the tense) for `link` to match to another article's.
_EVENT_NOUN = (r"(?P<noun>talks|negotiations|discussions|consultations|(?:round|session)(?:\s+of\s+(?:[\w-]+\s+){0,2}(?:talks|negotiations|consultations))?"
               r"|meetings?|gathering|summit|conference)")
_DEFINITE = (r"(?:the|that|those|these|this|its|their|his|her|Monday['’]s|Tuesday['’]s|Wednesday['’]s|Thursday['’]s|Friday['’]s"
             r"|Saturday['’]s|Sunday['’]s|(?:yesterday|today)['’]s)")
_TAKE_PART = (r"(?P<verb>attend(?:ed|s|ing)?|join(?:ed|s|ing)?|(?:took|take|takes|taken|taking) part in|participat(?:ed|es|e|ing) in"
              r"|(?:was|were|is|are|be|been) (?:also |not |never )?present (?:at|for|in)|(?:sat|sit|sits|sitting) in on)")
_PARTICIPATION = re.compile(
    _TAKE_PART + r"\s+(?:(?!(?:and|but|while|said|told)\b)[^,.;:\"“”]{1,60}?\s+(?:at|in|for|during)\s+)?"  # "joined Akazawa at the talks"
    + _DEFINITE + r"\s+(?:[\w’'-]+\s+){0,3}?" + _EVENT_NOUN + r"\b", re.I)
# "The talks, also attended by X and Y, ...", "the meeting was attended by X", "accompanied by X".
_ATTENDED_BY = re.compile(r"\b(?:(?:the|that|those|these|this)\s+(?:[\w’'-]+\s+){0,3}?" + _EVENT_NOUN
                          + r"\b[^.;]{0,40}?\s)?(?P<verb>(?:also\s+)?(?:attended|joined|accompanied)\s+by)(?=\s)", re.I)
_ANY_PARTICIPATION = re.compile(r"attend|join|part in|participat|present|sat in|sit in|sits in|sitting in|accompan", re.I)
# Which earlier events a noun names, the better first: "the talks" are the round of talks the
# article reported, else negotiations, else a meeting.
_NAMES = {"talks": (("NegotiationRound",), ("Negotiation",), ("Meeting",)), "round": (("NegotiationRound",), ("Negotiation", "Meeting")),
          "meeting": (("Meeting",), ("NegotiationRound", "Negotiation", "Summit")), "summit": (("Summit",),),
          "conference": (("Meeting", "Summit"),), None: (("Meeting", "NegotiationRound", "Negotiation", "Summit", "Visit"),)}
_NOUN_KIND = {"talks": "talks", "negotiations": "talks", "discussions": "talks", "consultations": "talks", "round": "round",
              "session": "round", "meeting": "meeting", "meetings": "meeting", "gathering": "meeting", "summit": "summit",
              "conference": "conference"}
_OWN_KIND = {"talks": ("Negotiation", "negotiations"), "round": ("NegotiationRound", "round of talks"), "meeting": ("Meeting", "meeting"),
             "summit": ("Summit", "summit"), "conference": ("Meeting", "meeting")}
# What makes a participation no participation: "did not attend", "skipped", "declined to join".
_REFUSED = re.compile(r"\b(?:not|never|no longer|nor|neither|declined to|refused to|failed to|unable to|won['’]t|can['’]t|cannot)\b[^,.;]{0,25}$|n['’]t\s+(?:\w+\s+)?$"
                      r"|\b(?:instead of|rather than|without)\s+(?:\w+\s+){0,2}$", re.I)
# What makes it a plan or a guess: "is expected to attend", "will join", "may take part".
_PLANNED = re.compile(r"\b(?:will|would|shall|may|might|could|expected to|set to|due to|plans? to|planned to|scheduled to|likely to"
                      r"|hopes? to|wants? to|intends? to|aims? to|is to|are to|to)\s+(?:also\s+|then\s+|later\s+)?$", re.I)
# What may stand between a subject and its verb: "Bessent also attended", "Schoof is expected to join".
_SUBJECT_GAP = re.compile(r"\s*(?:(?:also|later|too|then|himself|herself|themselves|personally|had|has|have|was|were|is|are|will|would|"
                          r"shall|may|might|could|can|did|does|do|not|never|n['’]t|to|be|been|expected|set|due|plans?|planned|scheduled|likely|"
                          r"hopes?|wants?|intends?|aims?|declined|refused|failed|unable|\w+ly)\s*)*")


def find_participations(sentences: list[Span], mentions: list, events: list[Event], found_dates: list, published: date,
                        media: set | frozenset = frozenset()) -> list[Event]:
    """Participations in events already reported (`joins` set), and references to an event with
    no earlier report in the article, as events of their own. An event the first reading found in
    the reference's own noun ("was present at the meeting") is the reference, and is dropped."""
    found: list[Event] = []
    consumed: list[tuple[int, int]] = []  # the nouns of the references read here
    agents = [m for m in mentions if m.kind in _AGENTS and m.iri not in media and not set(m.types) & NOT_PARTICIPANTS]
    people = [m for m in mentions if m.kind in PRONOUN_KINDS]
    for sentence in sentences:
        if not _ANY_PARTICIPATION.search(sentence.text):
            continue
        text = sentence.text
        inside = [m for m in agents if sentence.begin <= m.span.begin and m.span.end <= sentence.end]
        for pattern, passive in ((_PARTICIPATION, False), (_ATTENDED_BY, True)):
            for match in pattern.finditer(text):
                begin, end = sentence.begin + match.start(), sentence.begin + match.end()
                if any(e.trigger.begin < end and begin < e.trigger.end for e in found):
                    continue
                standing = [e for e in events if not _within(e.trigger, consumed)] + found
                result, read = _participation(match, passive, sentence, inside, people, standing, found_dates, published)
                if read and match.group("noun"):
                    consumed.append((sentence.begin + match.start("noun"), sentence.begin + match.end("noun")))
                if result is not None:
                    found.append(result)
    if consumed:
        events[:] = [e for e in events if not _within(e.trigger, consumed)]
    return found


def _within(span: Span, spans: list[tuple[int, int]]) -> bool:
    return any(b < span.end and span.begin < e for b, e in spans)


def _participation(match, passive: bool, sentence: Span, inside: list, people: list, events: list[Event], found_dates: list,
                   published: date) -> tuple[Event | None, bool]:
    """The participation `match` states, if any, and whether the match was read as one (a refusal
    is: "did not attend the meeting" reports no meeting either)."""
    text = sentence.text
    verb = match.group("verb").lower()
    noun = match.group("noun") and match.group("noun").lower()
    if passive and noun is None and not verb.endswith("accompanied by"):
        return None, False  # "attended by" with no event named: "the school attended by ..."
    before = text[:match.start("verb")]
    if _REFUSED.search(before) or re.search(r"\b(?:not|never)\b", verb) or (passive and re.search(r"\b(?:not|never)\s+(?:\w+\s+)?$", before, re.I)):
        return None, True  # "did not attend the talks": no participation
    past = re.match(r"(?:attended|joined|took|taken|participated|was|were|been|sat)\b", verb) is not None
    planned = not past and (_PLANNED.search(before) is not None or re.match(r"(?:attend|join|take|participate|sit|be)\b", verb) is not None
                            or re.match(r"\w+ing\b", verb) is not None and re.search(r"\b(?:is|are)\s+(?:\w+\s+)?$", before) is not None)
    if passive:
        after = [m for m in inside if m.span.begin >= sentence.begin + match.end()]
        actors = _listed(after, sentence) if after and after[0].span.begin - sentence.begin - match.end() < 40 else []
    else:
        actors = _subjects(before, inside, sentence)
        if not actors and re.search(r"(?:^|[,;]\s*|\b(?:and|then|later|also)\s+)(?:[Hh]e|[Ss]he)\s+(?:\w+\s+){0,3}$", before):
            earlier = [p for p in people if p.span.end <= sentence.begin + match.start()]
            actors = earlier[-1:]  # "He also attended the talks": the person named last
    actors = list({m.iri: m for m in actors}.values())
    if not actors:
        return None, False
    kind_of_noun = _NOUN_KIND.get(noun.split()[0]) if noun else None
    position = sentence.begin + match.start("verb")
    span = Span(position, sentence.begin + match.end(), text[match.start("verb"):match.end()])
    # The event referred to: the nearest earlier one the noun can name, of a status the verb's
    # tense allows (what was attended took place; what one will attend is to come).
    for kinds in _NAMES[kind_of_noun]:
        earlier = [e for e in events if e.kind in kinds and e.trigger.begin < position and e.joins is None
                   and not (planned and e.status == NG + "EventTookPlace")
                   and not (not planned and e.status == SCHEMA + "EventScheduled")]
        if earlier:
            target = max(earlier, key=lambda e: e.trigger.begin)
            new = [m.iri for m in actors if m.iri not in target.actors]
            return (Event(target.kind, target.label, span, sentence, new, joins=target) if new else None), True
    if noun is None or kind_of_noun is None:
        return None, False  # "accompanied by" with no event to accompany
    kind, label = _OWN_KIND[kind_of_noun]
    number = None
    ordinal = re.search(r"\b" + _ORD + r"\b", match.group(), re.I)
    if ordinal and kind_of_noun == "round":
        word = ordinal.group("ordinal").lower()
        number = ORDINALS.get(word) or int(re.match(r"\d+", word).group())
    dates_here = [(d, value) for d, value in found_dates if sentence.begin <= d.begin and d.end <= sentence.end
                  and not re.match(r"[A-Z]{3,}[A-Z ]*,\s*$", text[:d.begin - sentence.begin])]  # not a dateline
    when = min(dates_here, key=lambda d: abs(d[0].begin - sentence.begin - match.start("noun")))[0] if dates_here else None
    status = None if _RUMOUR.search(before) else SCHEMA + "EventScheduled" if planned else NG + "EventTookPlace"
    place = next((m.iri for m in inside if m.kind == "city" and "dateline" not in m.method), None)
    return Event(kind, label, span, sentence, [m.iri for m in actors], place, when, status, number), True


# Between two names of a list: "and", a comma, and the second one's title ("X and Deputy Minister Y").
_AND_TITLE = re.compile(r"(?:,?\s+(?:and|or|as well as|along with|together with|plus)\s+|,\s+)(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,4}")


def _listed(after: list, sentence: Span) -> list:
    """The first name after "attended by" and the names listed with it."""
    group = [after[0]]
    for mention in after[1:]:
        if not _AND_TITLE.fullmatch(sentence.text[group[-1].span.end - sentence.begin:mention.span.begin - sentence.begin]):
            break
        group.append(mention)
    return group


def _subjects(before: str, inside: list, sentence: Span) -> list:
    """Who takes part, before the verb: the person named last and those coordinated with it
    ("Bessent and Greer also attended"), else an organisation or government; never a country
    used as an adjective ("Dutch Prime Minister Dick Schoof")."""
    limit = sentence.begin + len(before)
    start = sentence.begin + max(before.rfind("; "), -1) + 1
    according = re.search(r"\b(?:according to|said|says|told)\b[^,]*,\s*$|^.*\b(?:said|says|told \w+)\s+(?:that\s+)?", before, re.I)
    if according and according.end() < len(before):
        start = max(start, sentence.begin + according.end())
    candidates = [m for m in inside if start <= m.span.begin and m.span.end <= limit]
    if not candidates:
        return []
    gap = re.sub(r"^\s*,[^,]{0,80},", "", before[candidates[-1].span.end - sentence.begin:])
    if not _SUBJECT_GAP.fullmatch(gap):
        return []  # "X, who met Y, attended", "X said Y attended": the verb is not X's
    people = [m for m in candidates if m.kind == "person"]
    pool = people or [m for m in candidates if not ("adjective" in m.method or m.kind in ("country", "region")
                                                     and re.match(r"\s+[A-Z]", sentence.text[m.span.end - sentence.begin:]))]
    if not pool:
        return []
    last = pool[-1]
    group = [last]
    for mention in reversed([m for m in pool if m.span.end <= group[0].span.begin]):
        if _AND_TITLE.fullmatch(sentence.text[mention.span.end - sentence.begin:group[0].span.begin - sentence.begin]):
            group.insert(0, mention)
        else:
            break
    return group
