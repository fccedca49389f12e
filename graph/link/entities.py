"""New entities in a news text: countries, their governments and capitals (from the gazetteer),
people named with a title ("Japanese Prime Minister Shigeru Ishiba", "Apple CEO Tim Cook"), with
the post and organisation the title names, people who speak ("..., Jane Doe said"), and
organisations by the shape of their name ("Ministry of Finance", "Toyota Motor Corp").

Each found entity says which span names it, what it is (its RDF types) and the facts that
describe it (label, post, country), so that `ingest` grounds every one of them in its sentence.
An entity the store already knows keeps the store's IRI; a new one gets an article-independent
IRI from its name (as the seed names ``id:scott-bessent``), so two articles naming the same person
name one entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from ...ontology import ID, NG, ORG, RDF, RDFS, SCHEMA
from ..model.text import Span
from . import gazetteer as gaz
from . import names

FOAF_PERSON = "http://xmlns.com/foaf/0.1/Person"
FOAF_AGENT = "http://xmlns.com/foaf/0.1/Agent"  # who acts, where the text does not say whether a person or an organisation
ORGANIZATION = ORG + "Organization"

# The last word of a title ("Treasury Secretary", "chief executive"), with the role it names.
TITLE_HEADS = {
    "minister": "minister", "secretary": "secretary", "president": "president", "premier": "premier",
    "chancellor": "chancellor", "ambassador": "ambassador", "governor": "governor", "senator": "senator",
    "sen.": "senator", "rep.": "representative", "gov.": "governor", "representative": "representative", "spokesman": "spokesperson",
    "spokeswoman": "spokesperson", "spokesperson": "spokesperson", "ceo": "chief executive", "executive": "executive",
    "chairman": "chair", "chairwoman": "chair", "chair": "chair", "director": "director", "chief": "chief",
    "leader": "leader", "negotiator": "negotiator", "envoy": "envoy", "commissioner": "commissioner",
    "king": "king", "queen": "queen", "mayor": "mayor", "general": "general", "gen.": "general", "judge": "judge",
    "justice": "justice", "speaker": "speaker", "adviser": "adviser", "advisor": "adviser", "official": "official",
    "economist": "economist", "analyst": "analyst", "founder": "founder", "professor": "professor", "prof.": "professor",
    "emperor": "emperor", "prince": "prince", "princess": "princess", "pope": "pope", "lawmaker": "lawmaker",
    "coach": "coach", "attorney": "attorney", "lawyer": "lawyer", "correspondent": "correspondent", "reporter": "reporter",
}
# Words that may stand before the head of a title ("deputy chief cabinet", "Foreign").
TITLE_MODIFIERS = frozenset("""
prime deputy vice chief cabinet foreign finance trade treasury economic economy revitalization revitalisation
defense defence interior home health agriculture energy industry commerce state justice labor labour
education environment transport transportation digital security national foreign affairs of the for and in
charge top senior former acting general executive managing interim supreme majority minority house senate
attorney central bank ministry department white press communications tariff chief
""".split())
# Departments a title can name: "Treasury Secretary" works at the country's Treasury.
DEPARTMENTS = {"treasury": "Treasury", "commerce": "Department of Commerce", "state": "Department of State",
               "defense": "Department of Defense", "defence": "Ministry of Defence", "foreign": "Foreign Ministry",
               "finance": "Finance Ministry", "trade": "Trade Ministry", "economy": "Economy Ministry",
               "interior": "Interior Ministry", "health": "Health Ministry", "agriculture": "Agriculture Ministry",
               "energy": "Energy Ministry", "justice": "Justice Ministry", "education": "Education Ministry"}
# Heads of government and their ministers work for the government itself.
GOVERNMENT_ROLES = frozenset("president premier chancellor minister prime king queen emperor".split())
_NAME_TOKEN = r"(?:[A-Z][a-z]+(?:-[A-Za-z][a-z]+|['’][A-Z][a-z]+)*|[A-Z]\.|Mc[A-Z][a-z]+)"
_PARTICLE = r"(?:(?:de|da|van|von|der|bin|al|le|di)[ \t]+)?"
PERSON_NAME = _NAME_TOKEN + r"(?:[ \t]+" + _PARTICLE + _NAME_TOKEN + r"){1,3}"
NOT_NAMES = frozenset("""
The A An In On At It This That These Those However But And Also So Then When While After Before Since As If
He She They We I You His Her Their Its Our Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday Saturday Sunday
January February March April May June July August September October November December Jan Feb Mar Apr Jun Jul Aug
Sep Sept Oct Nov Dec According Meanwhile Still Yet Last Next New Year Day Week Month Today Tomorrow Yesterday
God Christmas Easter Read More Photo Getty Images
""".split())
# Acronyms that are not names of organisations.
COMMON_ACRONYMS = frozenset("""
AI CEO CFO COO CTO GDP IT TV PM AM OK PC IPO EV EVS CO2 DNA HIV USB PDF URL FAQ ID VIP UFO LED LCD GPS SUV RV
DJ MC MP MPS NB PS PPS VS AKA DIY ATM TBA TBD ETA FYI ASAP CCTV HQ RSVP UK US EU UN USA UAE GMT UTC EST PST EDT
LGBT LGBTQ COVID SARS HTML API APP IOS PHD MBA BA MA BS LLC INC LTD CORP CO AP
""".split())
ORG_SUFFIXES = {
    "Inc": SCHEMA + "Corporation", "Inc.": SCHEMA + "Corporation", "Corp": SCHEMA + "Corporation",
    "Corp.": SCHEMA + "Corporation", "Corporation": SCHEMA + "Corporation", "Co": SCHEMA + "Corporation",
    "Co.": SCHEMA + "Corporation", "Ltd": SCHEMA + "Corporation", "Ltd.": SCHEMA + "Corporation",
    "LLC": SCHEMA + "Corporation", "Limited": SCHEMA + "Corporation", "Group": SCHEMA + "Corporation", "Holdings": SCHEMA + "Corporation",
    "Motor": SCHEMA + "Corporation", "Motors": SCHEMA + "Corporation", "Electronics": SCHEMA + "Corporation",
    "Airlines": SCHEMA + "Corporation", "Bank": ORGANIZATION,
    "Ministry": NG + "GovernmentAgency", "Department": NG + "GovernmentAgency", "Agency": NG + "GovernmentAgency",
    "Office": NG + "GovernmentAgency", "Commission": NG + "GovernmentAgency", "Administration": NG + "GovernmentAgency",
    "Bureau": NG + "GovernmentAgency", "Service": NG + "GovernmentAgency", "Police": NG + "GovernmentAgency",
    "Council": ORGANIZATION, "Committee": ORGANIZATION, "Association": ORGANIZATION, "Federation": ORGANIZATION,
    "Union": ORGANIZATION, "Organization": ORGANIZATION, "Organisation": ORGANIZATION, "Institute": ORGANIZATION,
    "University": ORGANIZATION, "Party": ORGANIZATION, "Foundation": ORGANIZATION, "Fund": ORGANIZATION,
    "Forum": ORGANIZATION, "Center": ORGANIZATION, "Centre": ORGANIZATION, "Court": ORGANIZATION, "Parliament": ORGANIZATION, "Congress": ORGANIZATION,
    "Senate": ORGANIZATION, "Assembly": ORGANIZATION, "Army": ORGANIZATION, "Navy": ORGANIZATION,
    "Palace": NG + "GovernmentAgency", "White House": NG + "GovernmentAgency", "Blue House": NG + "GovernmentAgency",
    "Kremlin": NG + "GovernmentAgency",
    "Securities": SCHEMA + "Corporation", "Capital": SCHEMA + "Corporation", "Partners": SCHEMA + "Corporation",
    "Investments": SCHEMA + "Corporation", "Insurance": SCHEMA + "Corporation", "Financial": SCHEMA + "Corporation",
    "Technologies": SCHEMA + "Corporation", "Industries": SCHEMA + "Corporation", "Steel": SCHEMA + "Corporation",
    "Shimbun": NG + "Newspaper", "Times": NG + "Newspaper", "Post": NG + "Newspaper", "Journal": NG + "Newspaper",
    "Herald": NG + "Newspaper", "Tribune": NG + "Newspaper", "Sinmun": NG + "Newspaper", "Ilbo": NG + "Newspaper",
    "Gazette": NG + "Newspaper", "News": SCHEMA + "NewsMediaOrganization",
}
ORG_PREFIXES = {"Ministry of": NG + "GovernmentAgency", "Department of": NG + "GovernmentAgency",
                "Academy of": ORGANIZATION, "Institute of": ORGANIZATION, "League of": ORGANIZATION, "Society of": ORGANIZATION,
                "Bank of": ORGANIZATION, "University of": ORGANIZATION, "Office of": NG + "GovernmentAgency"}
# News organisations that wire reports cite by a short name.
OUTLETS = {"Reuters": NG + "NewsAgency", "Associated Press": NG + "NewsAgency", "AFP": NG + "NewsAgency",
           "Agence France-Presse": NG + "NewsAgency", "Bloomberg": SCHEMA + "NewsMediaOrganization",
           "Kyodo": NG + "NewsAgency", "Kyodo News": NG + "NewsAgency", "Yonhap": NG + "NewsAgency",
           "Xinhua": NG + "NewsAgency", "NHK": NG + "Broadcaster", "BBC": NG + "Broadcaster", "CNN": NG + "Broadcaster",
           "Fox News": NG + "Broadcaster", "KCNA": NG + "NewsAgency", "Nikkei": NG + "Newspaper", "Yomiuri": NG + "Newspaper",
           "Asahi": NG + "Newspaper", "Mainichi": NG + "Newspaper"}
NEWS_TYPES = frozenset({NG + "Newspaper", NG + "Broadcaster", NG + "NewsAgency", SCHEMA + "NewsMediaOrganization"})
CITY_CUES = re.compile(r"(?:\b(?:in|at|to|into|near|arrived?|arriving|visit(?:ed|ing|s)?|trip to|travel(?:led|ed|s|ling)? to|left for|leave for|depart(?:ed|s)? for|based in)\s+)$", re.I)


@dataclass
class Found:
    """One span that names an entity, the entity's IRI, and the facts that describe it."""

    span: Span
    iri: str
    kind: str  # country | government | city | region | person | organisation | agent (person or organisation: the text does not say)
    method: str
    score: float = 1.0
    new: bool = True
    types: tuple[str, ...] = ()
    facts: list[tuple[str, str, object]] = field(default_factory=list)  # (subject IRI, predicate IRI, object: IRI str or Literal)
    label: str = ""

    def __post_init__(self) -> None:
        if not self.label:
            self.label = next((o.value for s, p, o in self.facts if s == self.iri and p == RDFS + "label"), self.span.text)


class Known:
    """What the store knows, by name key and kind, to reuse its IRIs."""

    def __init__(self, entities) -> None:
        self.iris = set(entities)
        self.by_key: dict[tuple[str, bool], set[str]] = {}
        self.kind: dict[str, str] = {}
        for entity in entities.values():
            self.kind[entity.iri] = entity.kind
            person = entity.kind == "person"
            for label in entity.names:
                self.by_key.setdefault((names.key(label, person), person), set()).add(entity.iri)

    words: dict[str, set[str]] | None = None  # a capitalised word of an organisation's name -> organisations
    surnames: dict[str, set[str]] | None = None  # a name token of a person -> people (set by ingest's Lexicon)

    def by_surname(self, name: str) -> str | None:
        """The one person the store knows with this name as a part of theirs ("Ishiba")."""
        tokens = names.person_tokens(name)
        owners = (self.surnames or {}).get(tokens[-1], ()) if len(tokens) == 1 else ()
        return next(iter(owners)) if len(owners) == 1 else None

    def partial(self, word: str) -> str | None:
        """The one known organisation with `word` in a longer name ("Asahi": The Asahi Shimbun)."""
        token = names.tokens(word)
        if len(token) != 1:
            return None
        if self.words is None:
            self.words = {}
            for (key, person), owners in self.by_key.items():
                if not person and len(key.split()) > 1:
                    for part in key.split():
                        self.words.setdefault(part, set()).update(o for o in owners if self.kind.get(o) == "organisation")
        owners = self.words.get(token[0], set())
        return next(iter(owners)) if len(owners) == 1 else None

    def find(self, name: str, person: bool, kind: str | None = None) -> str | None:
        owners = {iri for iri in self.by_key.get((names.key(name, person), person), ()) if kind is None or self.kind.get(iri) == kind}
        return owners.pop() if len(owners) == 1 else None


def _lit(value: str):
    return ox.Literal(value, language="en")


def country_entity(country: gaz.Country, known: Known, span: Span, method: str) -> Found:
    iri = ID + country.slug
    if iri not in known.iris:
        iri = known.find(country.name, False, "place") or iri
    kind_type = ORGANIZATION if country.bloc else SCHEMA + "Country"
    return Found(span, iri, "organisation" if country.bloc else "country", method, new=iri not in known.iris,
                 types=(kind_type,), facts=[(iri, RDFS + "label", _lit(country.name))])


_COMPASS_SHORT = re.compile(r"(?<![\w-])(?:[Tt]he )(?P<word>North|South|East|West)(?=['’]s\b|(?![\w’'-])(?!\s+[A-Z]))")


def find_compass_short_forms(text: str, known: Known, free, found: list[Found]) -> list[Found]:
    """"The North" and "the South" for the two Koreas: a country the article names, whose name
    starts with that word, and only one such (a report of both Koreas names each)."""
    result: list[Found] = []
    named = {f.iri: f for f in found if f.kind == "country"}
    for match in _COMPASS_SHORT.finditer(text):
        word = match.group("word")
        fits = {iri: f for iri, f in named.items() if iri.rsplit("/", 1)[-1].startswith(word.lower() + "-")}
        first = min((f.span.begin for f in found if f.iri in fits), default=len(text))
        if len(fits) != 1 or first > match.start() or not free(match.start("word"), match.end("word")):
            continue  # the country must be named before its short form
        (country,) = fits.values()
        span = Span(match.start("word"), match.end("word"), word)
        result.append(Found(span, country.iri, "country", "short form of a country named before", 0.85, new=False,
                            types=country.types, label=country.label))
    return result


def government_entity(country: gaz.Country, known: Known, span: Span, method: str) -> Found:
    found = country_entity(country, known, span, method)
    iri = ID + "government-of-" + country.slug
    label = f"Government of {country.label}"
    if iri not in known.iris:
        iri = known.find(label, False, "organisation") or iri
    facts = [(iri, RDFS + "label", _lit(label)), (iri, NG + "governs", found.iri), *found.facts,
             (found.iri, RDF + "type", found.types[0])]
    return Found(span, iri, "government", method, new=iri not in known.iris, types=(NG + "Government",), facts=facts)


def capital_entity(country: gaz.Country, capital: str, known: Known, span: Span, method: str) -> Found:
    main = country.capitals[0]
    iri = ID + gaz.slug(main)
    if iri not in known.iris:
        iri = known.find(main, False, "place") or iri
    found = country_entity(country, known, span, method)
    facts = [(iri, RDFS + "label", _lit(main)), (iri, NG + "country", found.iri), *found.facts,
             (found.iri, RDF + "type", found.types[0])]
    return Found(span, iri, "city", method, new=iri not in known.iris, types=(SCHEMA + "City",), facts=facts)


def find_places(text: str, known: Known, free) -> list[Found]:
    """Countries by name, abbreviation, adjective or demonym; governments ("the Japanese
    government", "Seoul has said"); capitals as cities ("in Tokyo", a dateline)."""
    gazetteer = gaz.load()
    found: list[Found] = []
    for match in gazetteer.pattern.finditer(text):
        form = match.group()
        begin, end = match.span()
        if not free(begin, end):
            continue
        country, how = gazetteer.forms[form]
        after = text[end:end + 40]
        before = text[max(0, begin - 40):begin]
        if form in gaz.places().forms:
            # A US state of a country's or capital's name ("Georgia", "Washington"): the state
            # where the words say so ("Washington state", "the state of Georgia", "Atlanta,
            # Georgia"), or, for a country's name, where other US places are named.
            state_cue = re.match(r"\s+(?:[Ss]tate\b|Gov\.|Governor\b|Legislature\b)", after) \
                or re.search(r"\b(?:state|governor) of\s+$", before, re.I) \
                or re.search(r"(?:^|[^\w])[A-Z][\w.]+(?:[ \t][A-Z][\w.]+)*,\s+$", before) and not re.match(r",\s*D\.C\.", after)
            if state_cue and re.search(r",\s+$", before):
                city = re.search(r"([A-Z][\w.]+(?:[ \t][A-Z][\w.]+)*),\s+$", before).group(1)
                # "Spokane, Washington": a town of the state, unless a place of another country or a
                # country comes before (a list: "Tokyo, Washington and Seoul").
                known_places = gaz.places().forms.get(city, ())
                state_cue = city not in gazetteer.forms and (not known_places or any(p.country == "US" for p in known_places))
            if state_cue or (how == "name" and us_places_named(text) > 0 and not re.search(r"\b(?:Tbilisi|Georgians?|Caucasus)\b", text)):
                continue
        previous = re.search(r"([A-Z][\w’'-]*)\s+$", before)
        if previous and how in ("name", "capital") and (previous.group(1) in ("New", "North", "South", "East", "West", "Northern", "Southern", "Western", "Eastern", "Central", "Upper", "Lower", "Greater", "Little")
                                                        or (not re.search(r"(?:^|[.!?“\"\n])\s*$", before[:previous.start()])
                                                            and previous.group(1).lower() not in TITLE_MODIFIERS and previous.group(1).lower() not in TITLE_HEADS
                                                            and previous.group(1) not in NOT_NAMES and previous.group(1) not in gazetteer.forms)):
            continue  # a part of a longer name: "New Jersey", "New Mexico", "Fort Washington"
        if how in ("name", "capital") and ends_organisation(text, begin):
            continue  # "Bank of Japan", "University of Tokyo": read as the organisation
        if how == "abbreviation" and starts_organisation(text, end):
            continue  # "U.S. Energy Information Administration": the organisation's name, read whole
        if how in ("adjective", "demonym", "name", "abbreviation"):
            # A demonym or name that starts an organisation's name is not the country ("American
            # Airlines", "Japan Airlines", "Korea Exchange"): a capitalised word follows that is no
            # title, no country and no sentence end.
            following = re.match(r"\s+([A-Z][\w&.-]*)", after)
            if following and following.group(1).lower().rstrip(".") not in TITLE_MODIFIERS \
                    and following.group(1).lower().rstrip(".") not in TITLE_HEADS \
                    and following.group(1) not in gazetteer.forms and following.group(1) not in NOT_NAMES \
                    and how != "abbreviation":
                continue
            if how == "adjective" and re.match(r"\s+language\b", after):
                continue  # "the Korean language" is no country
            government = re.match(r"(?:['’]s)?\s+(?:government|administration|cabinet)\b", after, re.I)
            if government and how != "demonym" or (government and form in country.adjectives):
                span = Span(begin, end + government.end(), text[begin:end + government.end()])
                if free(span.begin, span.end):
                    found.append(government_entity(country, known, span, f"gazetteer: {how} + government"))
                    continue
            if re.search(r"\bgovernment of (?:the )?$", before, re.I):
                start = before.lower().rfind("government of")
                span = Span(begin - (len(before) - start), end, text[begin - (len(before) - start):end])
                found.append(government_entity(country, known, span, "gazetteer: government of"))
                continue
            found.append(country_entity(country, known, Span(begin, end, form), f"gazetteer: {how}"))
        else:  # a capital: the city, or the government it stands for
            if re.match(r"\s+[A-Z][a-z]", after) and not re.match(r"\s+(?:and|On|In|The)\b", after) \
                    and not re.match(r"\s+[A-Z][a-z]+\s+(?:said|says|told)\b", after):
                continue  # part of a name: "Paris Climate Accord", "Tokyo Electric"
            dateline = (begin == 0 or text[begin - 1] == "\n") and (form.isupper() or re.match(r"\s*[,(]", after))
            if form.isupper() and not dateline:
                continue
            city = dateline or CITY_CUES.search(before) or re.match(r",\s*D\.C\.", after)
            if re.match(r",\s*D\.C\.", after):
                extra = re.match(r",\s*D\.C\.", after).end()
                end += extra
            span = Span(begin, end, text[begin:end])
            if city:
                found.append(capital_entity(country, form, known, span, "gazetteer: capital as place"))
            else:
                found.append(government_entity(country, known, span, "gazetteer: capital for its government"))
    for match in re.finditer(r"^(?P<place>[A-Z]{3,}(?: [A-Z]{2,})*)(?=\s*(?:[,(]|--|[—–]\s))", text, re.M):
        form = match.group("place").title()
        span = Span(match.start(), match.end(), match.group())
        if not free(*match.span()):
            continue
        if not re.match(r"\s*[,(]", text[match.end():match.end() + 3]) and form not in gazetteer.forms and form not in gaz.places().forms:
            continue  # "ICYMI – this is": a dash after capitals is a dateline only where they name a known place
        if form in gazetteer.forms and gazetteer.forms[form][1] == "capital":
            country = gazetteer.forms[form][0]
            found.append(capital_entity(country, form, known, span, "gazetteer: dateline"))
        elif form not in gazetteer.forms and re.match(r"\s*(?:\([A-Z][\w ]+\)\s*)?[-–—,]|\s*,\s*[A-Z][a-z]{2}", text[match.end():match.end() + 30]):
            # A dateline names the city the report was filed from ("LOS ANGELES (Reuters) -").
            iri = known.find(form, False, "place") or ID + gaz.slug(form)
            found.append(Found(span, iri, "city", "dateline", 0.9, new=iri not in known.iris, types=(SCHEMA + "City",),
                               facts=[(iri, RDFS + "label", _lit(form))] if iri not in known.iris else []))
    return found


_TITLED = re.compile(
    r"(?<![\w-])(?P<head>(?i:" + "|".join(re.escape(h) for h in sorted(TITLE_HEADS, key=len, reverse=True)) + r"))"
    r"[ \t]+(?P<name>" + PERSON_NAME + r")(?![\w])")
_PREFIX_WORDS = re.compile(r"(?:(?:[A-Z][\w’'.&-]*|[a-z]+)[ \t]+){1,5}$")
_SPEAKER = re.compile(r"(?:(?<=[,.”\"]\s)|(?<=^))(?P<name>" + PERSON_NAME + r")(?:,[^,.]{1,80},)?\s+(?:said|says|told|added|wrote|noted|explained)\b"
                      r"|\b(?:said|says|added|wrote)\s+(?P<name2>" + PERSON_NAME + r")\b", re.M)
_APPOSITIVE = re.compile(r"(?P<name>" + PERSON_NAME + r"),\s+(?:the\s+|a\s+|an\s+)?(?:[\w.’'-]+\s+){0,5}?"
                         r"(?i:" + "|".join(re.escape(h) for h in sorted(TITLE_HEADS, key=len, reverse=True)) + r")\b"
                         # and the other way round: "Its chairman, Masakazu Tokura, said"
                         r"|\b(?:" + "|".join(re.escape(h) for h in sorted(TITLE_HEADS, key=len, reverse=True) if "." not in h) + r"),\s+"
                         r"(?P<name2>" + PERSON_NAME + r")(?=,|\s+(?:said|says|told|added|wrote|noted)\b)")
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Dr)\.?\s+(?P<name>" + _NAME_TOKEN + r"(?:\s+" + _NAME_TOKEN + r")?)")


def _clean_name(name: str) -> str | None:
    tokens = name.split()
    while tokens and tokens[-1].rstrip(".") in NOT_NAMES:
        tokens.pop()
    while tokens and (tokens[0].rstrip(".") in NOT_NAMES or tokens[0].lower() in TITLE_HEADS or tokens[0].lower() in TITLE_MODIFIERS):
        tokens.pop(0)
    if len(tokens) < 2 or any(t in gaz.load().forms for t in tokens) or " ".join(tokens) in gaz.places().forms:
        return None  # a country's word ("Korea"), a state or a city ("North Carolina") is no person's name
    return " ".join(tokens)


def person_entity(name: str, span: Span, known: Known, method: str, score: float) -> Found:
    iri = known.find(name, True, "person")
    new = iri is None
    iri = iri or ID + gaz.slug(name)
    facts = [(iri, RDFS + "label", _lit(name))] if new else []
    return Found(span, iri, "person", method, score, new=new, types=(FOAF_PERSON,), facts=facts)


# A title or honorific used as a form of address before a surname alone ("Justice Alito", "Prime
# Minister Ishiba", "Mr. Shadman"). Not the titles that also start companies' names ("General
# Electric", "Chief Executive"), nor a name that goes on ("President Joe Biden": _TITLED).
SURNAME_TITLES = ("Minister", "Secretary", "President", "Premier", "Chancellor", "Ambassador", "Governor", "Senator", "Sen.", "Rep.",
                  "Gov.", "Representative", "Justice", "Judge", "Mayor", "Commissioner", "Chairman", "Chairwoman", "Director",
                  "Prof.", "Professor", "Gen.", "Speaker", "Envoy")
HONORIFICS = ("Mr", "Mrs", "Ms", "Dr")
_TITLED_SURNAME = re.compile(
    r"(?<![\w-])(?P<head>" + "|".join(re.escape(h) for h in SURNAME_TITLES + HONORIFICS) + r")\.?[ \t]+"
    r"(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:(?=['’]s\b)|(?![\w’'-]))(?![ \t]+(?:[A-Z][a-z]|[A-Z]\.|(?:de|da|van|von|der|bin|al|le|di)[ \t]+[A-Z]))")


def _surname_person(surname: str, head: str, begin: int, text: str, known: Known) -> Found | None:
    """A person named by a title and a surname alone: None where the text names them in full
    (the surname is then read as theirs), the store's one person with that name, else a new
    person labelled with the surname. Its IRI: from the title and the surname ("justice-alito")
    where the title is a post's and the store knows nobody of that name; from the surname and the
    article (a digest of its text) where the title is only an honorific ("Mr. Shadman") or the store
    knows several people of that name: two articles' "Mr. Kim" are not made one person."""
    gazetteer = gaz.load()
    if surname in NOT_NAMES or surname in gazetteer.forms or surname in gaz.places().forms or surname.lower() in TITLE_HEADS \
            or surname.lower() in TITLE_MODIFIERS or surname in ORG_SUFFIXES or surname in OUTLETS or surname.upper() in COMMON_ACRONYMS:
        return None
    for full in re.finditer(r"([A-Z][\w’'-]*\.?)[ \t]+" + re.escape(surname) + r"(?![\w-])", text):
        given = full.group(1).rstrip(".")
        if given not in NOT_NAMES and given.lower() not in TITLE_HEADS and given.lower() not in TITLE_MODIFIERS \
                and given not in HONORIFICS and given + "." not in SURNAME_TITLES and given not in gazetteer.forms:
            return None  # "Shigeru Ishiba ... Prime Minister Ishiba": the surname of the person named in full
    span = Span(begin, begin + len(surname), surname)
    tokens = names.person_tokens(surname)
    owners = (known.surnames or {}).get(tokens[0], set()) if tokens else set()
    owners = {o for o in owners if known.kind.get(o, "person") == "person"}
    if len(owners) == 1:
        iri = next(iter(owners))
        return Found(span, iri, "person", "surname with title (known)", 0.85, new=False, types=(FOAF_PERSON,))
    honorific = head.split()[-1].rstrip(".") in HONORIFICS
    if owners or honorific:
        import hashlib  # noqa: PLC0415 - only here
        iri = ID + gaz.slug(f"{head.rstrip('.')} {surname}") + "-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    else:
        iri = ID + gaz.slug(f"{head.rstrip('.')} {surname}")
    new = iri not in known.iris
    return Found(span, iri, "person", "surname with title, no full name", 0.75, new=new, types=(FOAF_PERSON,),
                 facts=[(iri, RDFS + "label", _lit(surname))] if new else [], label=surname)


def find_people(text: str, known: Known, free, places: list[Found]) -> list[Found]:
    """People named with a title (and the post it names), after Mr/Ms, or as speakers."""
    found: list[Found] = []
    gazetteer = gaz.load()
    place_at = {f.span.end: f for f in places}
    surnamed = list(_TITLED_SURNAME.finditer(text)) if re.search(r"\b(?:" + "|".join(re.escape(h) for h in SURNAME_TITLES + HONORIFICS) + r")", text) else []
    for match in [*_TITLED.finditer(text), *surnamed]:
        head = match.group("head")
        if match.re is _TITLED_SURNAME:
            if not free(match.start("name"), match.end("name")) or any(f.span.begin < match.end("name") and match.start("name") < f.span.end for f in found):
                continue
            surname = match.group("name")
            if re.search(r"\b(?:[Aa]n?|[Tt]his|[Tt]hat)[ \t]+$", text[max(0, match.start() - 6):match.start()]):
                continue  # "a Mr. Facebook contest": a name for something, not a person addressed
            named = {f.iri: f for f in found if f.kind == "person" and names.person_tokens(surname)
                     and names.person_tokens(surname)[0] in names.person_tokens(f.label)[1:]}
            if len(named) == 1:  # "Prime Minister Shigeru Ishiba ... Prime Minister Ishiba"
                (full,) = named.values()
                found.append(Found(Span(match.start("name"), match.end("name"), surname), full.iri, "person",
                                   "surname of a person named in the article", 0.9, new=False, types=full.types, label=full.label))
                continue
            modifiers = re.search(r"(?:[A-Z][a-z]+[ \t]+)*$", text[max(0, match.start() - 40):match.start()]).group().split()
            while modifiers and modifiers[0].lower() not in TITLE_MODIFIERS:
                modifiers.pop(0)
            person = _surname_person(surname, " ".join([*modifiers, head]), match.start("name"), text, known)
            if person is None:
                continue
            if head.rstrip(".") in HONORIFICS or person.method.endswith("(known)"):
                found.append(person)
                continue
            name, span = person.span.text, person.span
        else:
            name = _clean_name(match.group("name"))
        if name is None:
            continue
        name_begin = match.start("name") + match.group("name").find(name)
        span = Span(name_begin, name_begin + len(name), name)
        if not free(span.begin, span.end):
            continue
        # The title: the modifiers before the head that belong to it, and what comes before them.
        prefix = _PREFIX_WORDS.search(text, max(0, match.start() - 90), match.start())
        words = list(re.finditer(r"\S+", prefix.group())) if prefix else []
        title_words: list[str] = []
        org_words: list[str] = []
        for word in reversed(words):
            value = word.group()
            if value.endswith((",", ";", ":")) or (value.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+", value)):
                break  # the title does not cross a sentence or a clause
            if value.lower() in TITLE_MODIFIERS and not org_words:
                title_words.insert(0, value)
            elif value[0].isupper() and value not in NOT_NAMES and value not in gazetteer.forms \
                    and not value.endswith(("'s", "’s")) and len(org_words) < 3 and not title_words[:1] == ["of"]:
                org_words.insert(0, value)
            else:
                break
        if org_words:
            # "Texas Gov. Greg Abbott", "New York Gov. Kathy Hochul": a state, read by
            # find_regions_and_cities, not an organisation.
            lead = text[max(0, match.start() - 60):match.start()].split()
            lead = [w for w in lead[len(lead) - len(title_words) - len(org_words) - 2:len(lead) - len(title_words)]]
            if any(" ".join(lead[i:]) in gaz.places().forms for i in range(len(lead))):
                org_words = []
        title_begin = match.start("head") - sum(len(w) + 1 for w in title_words)
        title = " ".join([*title_words, head])
        country = None
        for offset in (title_begin - 1, title_begin - 2, title_begin - 3):
            place = place_at.get(offset) or place_at.get(offset - 2)  # "Japan's"
            if place is not None and place.kind in ("country", "government", "organisation"):
                country = place
                break
        if match.re is _TITLED:
            person = person_entity(name, span, known, "name with title" if not known.find(name, True, "person") else "name with title (known)", 0.9)
        role = TITLE_HEADS[head.lower()]
        if head.lower() == "minister" and title_words[-1:] and title_words[-1].lower() == "prime":
            role = "prime minister"
        if role in ("official", "analyst", "economist", "correspondent", "reporter") and country is None and not org_words:
            person.method += ", role only"
        org_iri, org_facts = None, []
        department = next((DEPARTMENTS[w.lower()] for w in title_words if w.lower() in DEPARTMENTS), None)
        country_data = gazetteer.forms.get(country.span.text.split("'")[0].split("’")[0])[0] if country is not None and country.kind != "government" \
            and country.span.text.split("'")[0].split("’")[0] in gazetteer.forms else None
        if country is not None and country.kind == "government":
            country_data = next((c for c in gazetteer.countries if ID + "government-of-" + c.slug == country.iri), None)
        if org_words:
            org_name = " ".join(org_words)
            org_iri = known.find(org_name, False, "organisation") or ID + gaz.slug(org_name)
            org_type = OUTLETS.get(org_name) or next((t for s, t in ORG_SUFFIXES.items() if org_name.endswith(" " + s)), ORGANIZATION)
            org_facts = [(org_iri, RDF + "type", org_type), (org_iri, RDFS + "label", _lit(org_name))]
        elif country_data is not None and department and role not in GOVERNMENT_ROLES - {"minister"}:
            short = {"US": "U.S."}.get(country_data.alpha2, country_data.name)
            org_name = f"{short} {department}"
            org_iri = known.find(org_name, False, "organisation") or ID + gaz.slug(f"{country_data.alpha2 if country_data.alpha2 == 'US' else country_data.name} {department}")
            org_facts = [(org_iri, RDF + "type", NG + "GovernmentAgency"), (org_iri, RDFS + "label", _lit(org_name)),
                         (org_iri, NG + "country", ID + country_data.slug)]
        elif country_data is not None:
            gov = government_entity(country_data, known, country.span, "")
            org_iri = gov.iri
            org_facts = [(org_iri, RDF + "type", NG + "Government"), *gov.facts]
        if org_iri is not None:
            where = org_words and " ".join(org_words) or (country_data.name if country_data else "")
            post = ID + "post-" + gaz.slug(f"{where} {title}")
            post_label = f"{where} {title[0].upper() + title[1:]}"
            person.facts += [
                (person.iri, ORG + "holds", post),
                (post, RDF + "type", ORG + "Post"), (post, RDFS + "label", _lit(post_label)),
                (post, ORG + "postIn", org_iri), (post, ORG + "role", ID + "role-" + gaz.slug(role)),
                (ID + "role-" + gaz.slug(role), RDF + "type", ORG + "Role"),
                (ID + "role-" + gaz.slug(role), RDFS + "label", _lit(role)),
                *org_facts,
            ]
        found.append(person)
    for pattern in (_HONORIFIC, _SPEAKER, _APPOSITIVE):
        for match in pattern.finditer(text):
            group = "name" if match.group("name") else "name2"
            raw = match.group(group)
            name = _clean_name(raw) if pattern is not _HONORIFIC else raw
            if name is None or (pattern is _HONORIFIC and len(name.split()) < 2 and not known.find(name, True, "person")):
                continue
            begin = match.start(group) + raw.find(name)
            span = Span(begin, begin + len(name), name)
            if not free(span.begin, span.end) or any(f.span.begin < span.end and span.begin < f.span.end for f in found):
                continue
            if any(name.endswith(" " + s) for s in ORG_SUFFIXES) or name in OUTLETS:
                continue
            method = {_SPEAKER: "speaker", _HONORIFIC: "name with honorific", _APPOSITIVE: "name with title after it"}[pattern]
            found.append(person_entity(name, span, known, method, 0.8))
    return found


# Words that end a company's name: "Toyota Motor and Honda Motor" are two (but "Securities and
# Exchange Commission" is one).
COMPANY_ENDINGS = ("Inc", "Inc.", "Corp", "Corp.", "Corporation", "Co", "Co.", "Ltd", "Ltd.", "LLC", "Limited", "Group", "Holdings",
                   "Motor", "Motors", "Electronics", "Airlines")
# Words that head an organisation's name before "of": "Journal of Monetary Economics", "Chamber of Commerce".
ORG_HEADS = ("Ministry", "Department", "Bank", "University", "Office", "Academy", "Institute", "League", "Society", "Journal",
             "Council", "Commission", "Association", "Federation", "Board", "Bureau", "Agency", "Chamber", "College", "School",
             "Museum", "Center", "Centre", "Union", "Court", "Conference", "Organization", "Organisation", "Foundation", "Fund")
_ORG_NAME = re.compile(
    r"\b(?:(?:the\s+)?(?P<prefixed>(?:" + "|".join(ORG_HEADS) + r") of(?: the)?(?:\s+(?:and\s+)?[A-Z][\w&-]*){1,6})"
    r"|(?P<suffixed>(?:(?!(?:" + "|".join(re.escape(s) for s in COMPANY_ENDINGS) + r")\s+and\s)(?:(?:[A-Z]\.){2,}|[A-Z][\w&’'-]*)\s+(?:(?:of|for|the|on)\s+|and\s+(?!(?:" + "|".join(re.escape(s) for s in ORG_SUFFIXES) + r")\b))?){1,5}"
    r"(?:" + "|".join(re.escape(s) for s in ORG_SUFFIXES) + r"))(?![\w])"
    r"|(?P<outlet>" + "|".join(re.escape(o) for o in sorted(OUTLETS, key=len, reverse=True)) + r")(?![\w])"
    r"|(?P<acronym>[A-Z]{3,6})(?![\w]))")


# Organisation words after which a country's abbreviation is part of the name ("U.S. Energy
# Information Administration"), not the country; not the institutions `find_institutions` reads.
_ORG_CONTINUES = re.compile(r"[ \t]+(?:[A-Z][\w&’'-]*[ \t]+(?:(?:of|for|and)[ \t]+)?){0,4}(?:"
                            + "|".join(re.escape(s) for s in ORG_SUFFIXES if s not in ("Senate", "Congress", "Court", "Parliament", "Assembly"))
                            + r")(?![\w’'-])")


_SIDES = frozenset({"North", "South", "East", "West", "Left", "Right"})
_HEAD_OF = re.compile(r"\b(?:" + "|".join(ORG_HEADS) + r")[ \t]+of[ \t]+(?:the[ \t]+)?$")


def ends_organisation(text: str, begin: int) -> bool:
    """Whether the words before `begin` make what starts there part of an organisation's name
    ("Japan" of "Bank of Japan", "Maryland" of "University of Maryland")."""
    return _HEAD_OF.search(text, max(0, begin - 30), begin) is not None


def starts_organisation(text: str, end: int) -> bool:
    """Whether the words after `end` complete an organisation's name with what ends there
    ("U.S." of "U.S. Energy Information Administration")."""
    match = _ORG_CONTINUES.match(text, end)
    return match is not None and not any(w.lower().rstrip(".") in TITLE_HEADS for w in match.group().split()[:-1])


def _name_tail(text: str, end: int) -> int:
    """Where an organisation's name that ends at `end` really ends: after "of" and capitalised
    words ("Federal Bureau of Investigation"), or after a place that completes it ("Loyola
    University Maryland"), never into a title or a person ("Bank of Japan Governor Kazuo Ueda")."""
    match = re.match(r"[ \t]+of(?:[ \t]+the)?((?:[ \t]+(?:and[ \t]+)?[A-Z][\w&-]*){1,6})", text[end:end + 120])
    if match:
        words = list(re.finditer(r"[A-Z][\w&-]*", match.group(1)))
        kept = None
        for index, word in enumerate(words):
            if word.group() in NOT_NAMES or word.group().lower() in TITLE_HEADS and index + 1 < len(words):
                break
            kept = word
        if kept is not None:
            return end + match.start(1) + kept.end()
    run = re.match(r"[ \t]+([A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,2})(?![ \t]+[A-Z])(?![\w’'-])", text[end:end + 60])
    if run:
        words = run.group(1).rstrip(".")
        if words in gaz.places().forms or words in gaz.load().forms and gaz.load().forms[words][1] == "name":
            return end + run.start(1) + len(words)
    return end


def _trim_at_title(name: str, kind: str = "prefixed") -> str:
    """An organisation's name without a title and a name after it: "Bank of Japan" of "Bank of
    Japan Governor Kazuo Ueda"."""
    words = name.split()
    for index, word in enumerate(words[2:], 2):
        if word in NOT_NAMES or word.lower().rstrip(".") in TITLE_HEADS and index + 1 < len(words):
            return " ".join(words[:index])  # (a title that ends the name is its own: "Department of Justice")
    return name


# The US executive departments, which news names "the Commerce Department", "the Department of
# Commerce", "U.S. Commerce Department": one organisation, as a title names it ("Commerce Secretary").
US_DEPARTMENTS = frozenset("""commerce state defense justice energy agriculture labor interior education transportation treasury
homeland-security health-and-human-services veterans-affairs housing-and-urban-development""".split())
_DEPARTMENT_NAME = re.compile(r"(?:(?P<country>U\.S\.|US|United States|American)[ \t]+)?(?:(?P<a>[A-Z][a-z]+(?:[ \t]+(?:and[ \t]+)?[A-Z][a-z]+)*)"
                              r"[ \t]+Department|Department[ \t]+of[ \t]+(?:the[ \t]+)?(?P<b>[A-Z][a-z]+(?:[ \t]+(?:and[ \t]+)?[A-Z][a-z]+)*))")


def us_department(name: str, text: str, known: Known) -> tuple[str, str] | None:
    """The IRI and label of a US department a name names, where the name or the text says the US:
    "U.S. Commerce Department", "the Commerce Department" in a report that names the US."""
    match = _DEPARTMENT_NAME.fullmatch(name)
    if match is None:
        return None
    words = (match.group("a") or match.group("b")).lower().split()
    if "-".join(words) not in US_DEPARTMENTS:
        return None
    if match.group("country") is None and not re.search(r"\b(?:U\.S\.|US|USA|United States|America|American|Washington)(?![\w-])", text):
        return None
    department = "the Treasury" if words == ["treasury"] else " ".join(w.capitalize() if w != "and" else w for w in words)
    label = f"U.S. Department of {department}"
    return known.find(label, False, "organisation") or ID + gaz.slug(f"US Department of {department.removeprefix('the ')}"), label


def find_organisations(text: str, known: Known, free) -> list[Found]:
    found: list[Found] = []
    defined = find_defined_acronyms(text)
    for acronym, name in defined.items():
        iri = known.find(name, False) or ID + gaz.slug(name)
        for occurrence in re.finditer(r"(?<![\w.])(?:" + re.escape(name) + "|" + re.escape(acronym) + r")(?![\w])", text):
            span = Span(occurrence.start(), occurrence.end(), occurrence.group())
            if free(span.begin, span.end) and not any(f.span.begin < span.end and span.begin < f.span.end for f in found):
                org_type = next((t for suffix, t in ORG_SUFFIXES.items() if name.endswith(" " + suffix)), ORGANIZATION)
                found.append(Found(span, iri, "organisation", "organisation: defined acronym", 0.85, new=iri not in known.iris,
                                   types=(org_type,), facts=[(iri, RDFS + "label", _lit(name))] if iri not in known.iris else []))
    for match in _ORG_NAME.finditer(text):
        kind = match.lastgroup
        name = match.group(kind)
        begin = match.start(kind)
        if kind == "suffixed":
            tokens = name.split()
            while tokens and (tokens[0] in NOT_NAMES or tokens[0].lower() in ("the", "a")):
                tokens.pop(0)
            if len(tokens) > 3 and tokens[1] == "of" and tokens[0] not in ORG_HEADS:
                tokens = tokens[2:]  # "Shares of Toyota Motor": the name is after "of"
            if len(tokens) < 2 and not (tokens and tokens[0] in ORG_HEADS and re.match(r"[ \t]+of[ \t]", text[match.end(kind):])):
                continue  # (but "The Journal" of "The Journal of Monetary Economics" is read with its "of")
            if tokens[-1] == "Bank" and all(t in _SIDES for t in tokens[:-1]):
                continue  # a river's bank, a place: "the West Bank", "the Left Bank"
            stripped = " ".join(tokens)
            begin += len(name) - len(stripped)
            name = stripped
        if kind in ("suffixed", "prefixed"):
            # The longest name, never a prefix of it.
            name = _trim_at_title(name) if kind == "prefixed" else name
            end = _name_tail(text, begin + len(name))
            if kind == "prefixed":
                # Capitalised words before the head belong to the name: "National Conference of State Legislatures".
                while True:
                    word = re.search(r"(?:^|(?<=[ \t]))((?:[A-Z]\.){2,}|[A-Z][\w&-]*)[ \t]+$", text[max(0, begin - 40):begin])
                    if word is None or word.group(1) in NOT_NAMES or not free(begin - len(word.group()), begin):
                        break
                    begin -= len(word.group())
            name = text[begin:end]
        if kind == "acronym":
            dateline = (begin == 0 or text[begin - 1] == "\n") and re.match(r"\s*(?:[,(]|--|[—–])", text[match.end():match.end() + 4]) is not None
            if name in COMMON_ACRONYMS or dateline or name in gaz.load().forms or re.match(r"[A-Z]{2,}\s+[A-Z]{2,}", text[begin:begin + 20]):
                continue
            if re.search(r"[A-Z]{3,}[^a-z]{0,3}$", text[max(0, begin - 8):begin]):
                continue  # a headline or label in capitals
        while kind in ("suffixed", "prefixed") and name.count(" ") > 1 and not free(begin, begin + len(name)) and not free(begin, begin + name.index(" ")):
            begin += name.index(" ") + 1  # "Ministry of Foreign Affairs" of "Japanese Ministry ...": the country is read apart
            name = name[name.index(" ") + 1:]
        span = Span(begin, begin + len(name), name)
        if not free(span.begin, span.end) or any(f.span.begin < span.end and span.begin < f.span.end for f in found):
            continue
        department = us_department(name, text, known) if "Department" in name else None
        if department is not None:
            iri, label = department
            found.append(Found(span, iri, "organisation", "organisation: US department", 0.85, new=iri not in known.iris,
                               types=(NG + "GovernmentAgency",),
                               facts=[(iri, RDFS + "label", _lit(label)), (iri, NG + "country", ID + "united-states"),
                                      (ID + "united-states", RDF + "type", SCHEMA + "Country"),
                                      (ID + "united-states", RDFS + "label", _lit("United States"))] if iri not in known.iris else []))
            continue
        org_type = OUTLETS.get(name) or (ORG_PREFIXES.get(" ".join(name.split()[:2])) if kind == "prefixed" else None) \
            or next((t for s, t in ORG_SUFFIXES.items() if name.endswith(" " + s)), ORGANIZATION)
        iri = known.find(name, False) or known.partial(name) or ID + gaz.slug(name)
        new = iri not in known.iris
        facts = [(iri, RDFS + "label", _lit(name))] if new else []
        found.append(Found(span, iri, "organisation", f"organisation: {kind}", 0.85, new=new, types=(org_type,), facts=facts))
    # An acronym the text does not define, whose letters are the initials of an organisation it
    # names ("JME" beside "Journal of Monetary Economics"): that organisation, if only one fits.
    named = [f for f in found if len(f.span.text.split()) > 1]
    for index, item in enumerate(found):
        if item.method != "organisation: acronym" or not item.new:
            continue
        fits = {f.iri: f for f in named if initials_match(item.span.text, f.label.split())}
        if len(fits) == 1:
            (org,) = fits.values()
            found[index] = Found(item.span, org.iri, "organisation", "organisation: acronym of a name in the text", 0.8, new=org.new,
                                 types=org.types, facts=list(org.facts), label=org.label)
    return found


def not_a_name(phrase: str) -> bool:
    """Words that are no entity: a title alone, a month or day, a common acronym."""
    words = phrase.replace(".", "").split()
    return all(w in NOT_NAMES or w.lower() in TITLE_HEADS or w.lower() in TITLE_MODIFIERS or w.upper() in COMMON_ACRONYMS
               for w in words)


_RECURRING = re.compile(r"(?<![\w.’'-])(?P<name>" + PERSON_NAME + r")(?![\w’'-])")
# A name and its acronym in brackets, either way round: "Screen Actors Guild (SAG)", "NYCRS [New
# York City Retirement System]".
_DEFINED_ACRONYM = re.compile(r"(?P<name>(?:[A-Z][\w&’'-]*\s+(?:(?:of|and|for|the|on)\s+)?){1,8})[(\[](?P<acronym>[A-Z]{2,6})[)\]]")
_ACRONYM_FIRST = re.compile(r"(?<![\w.])(?P<acronym>[A-Z]{2,6})\s*[(\[](?P<name>[A-Z][\w&’'-]*(?:\s+(?:(?:of|and|for|the|on)\s+)?[A-Z][\w&’'-]*){1,7})[)\]]")
_FUNCTION_WORDS = frozenset("of and for the on".split())


def initials_match(acronym: str, words: list[str]) -> bool:
    """Whether an acronym is made of the initials of a name's words: of its capitalised words
    ("NYCRS": New York City Retirement System), or of all of them ("BOJ": Bank of Japan)."""
    capitalised = "".join(w[0] for w in words if w[0].isupper())
    every = "".join(w[0].upper() for w in words)
    return acronym in (capitalised, every)


def find_recurring_people(text: str, known: Known, free) -> list[Found]:
    """Names of two or three capitalised words whose last word the text uses again on its own
    ("Joaquin Phoenix ... Phoenix said"); not countries, organisations or months."""
    found: list[Found] = []
    for match in _RECURRING.finditer(text):
        name = _clean_name(match.group("name"))
        if name is None or any(name.endswith(" " + suffix) for suffix in ORG_SUFFIXES) or name in OUTLETS:
            continue
        begin = match.start("name") + match.group("name").find(name)
        span = Span(begin, begin + len(name), name)
        if not free(span.begin, span.end) or len(name.split()) > 3:
            continue
        surname = name.split()[-1]
        alone = re.compile(r"(?<![\w’'-])(?<![A-Z][a-z]\s)(?<![A-Z][a-z][a-z]\s)" + re.escape(surname) + r"(?![\w-])(?!\s+[A-Z])")
        if not any(m.start() < span.begin or m.start() >= span.end for m in alone.finditer(text)):
            continue
        if surname.lower() in TITLE_HEADS or surname in NOT_NAMES:
            continue
        found.append(person_entity(name, span, known, "name whose surname recurs", 0.75))
    return found


def find_defined_acronyms(text: str) -> dict[str, str]:
    """Acronyms the text defines, by a name and the acronym in brackets either way round:
    "Screen Actors Guild (SAG)" and "SAG (Screen Actors Guild)" give {"SAG": "Screen Actors Guild"}."""
    defined = {}
    if "(" not in text and "[" not in text:
        return defined
    for match in _DEFINED_ACRONYM.finditer(text):
        words = match.group("name").split()
        acronym = match.group("acronym")
        # The shortest tail of the words before the bracket whose initials are the acronym.
        for start in range(len(words) - 1, -1, -1):
            if words[start][0].isupper() and initials_match(acronym, words[start:]):
                full = " ".join(words[start:])
                defined[acronym] = full
                break
    for match in _ACRONYM_FIRST.finditer(text):
        acronym, name = match.group("acronym"), " ".join(match.group("name").split())
        if acronym not in defined and initials_match(acronym, name.split()):
            defined[acronym] = name
    return defined


# What tells that a name that could be something else is a place here: a preposition of place
# before it, "city of", "state of", "-based" after it, "Austin, Texas" (a place, then its state or
# country), a dateline.
PLACE_BEFORE = re.compile(r"(?:\b(?:in|near|from|outside|across|throughout|around|across|into|to|visit(?:ed|ing|s)?|"
                          r"city of|state of|province of|prefecture of|mayor of|governor of|streets of|suburbs of)\s+(?:the\s+)?|,\s*)$", re.I)
PLACE_AFTER = re.compile(r"(?:-based\b|,\s*(?P<where>[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)*)|\s+(?P<kind>[Ss]tate|[Cc]ity|[Pp]refecture|[Pp]rovince)\b)")
PLACE_TYPES = {"city": SCHEMA + "City"}
SMALL_CITY = 500_000  # below it a city's name needs a strong place cue (the table holds cities from 100,000)
REGION_TYPE = SCHEMA + "AdministrativeArea"


def place_label(place: gaz.Place) -> str:
    """The place's name, and its kind where a country, a capital or a city has the same name:
    "New York (US state)", "Osaka (prefecture)" beside the city "New York"."""
    if place.iri_slug == gaz.slug(place.name):
        return place.name
    return f"{place.name} ({'US state' if place.country == 'US' and place.kind == 'state' else place.kind})"


def place_entity(place: gaz.Place, known: Known, span: Span, method: str, score: float = 0.9) -> Found:
    """A state, prefecture, province or city: typed, labelled, with its country (and a US city's state)."""
    iri = ID + place.iri_slug
    if iri not in known.iris:
        iri = known.find(place.name, False, "place") if place.kind == "city" and place.cue == "name" else None
        iri = iri or ID + place.iri_slug
    country = next((c for c in gaz.load().countries if c.alpha2 == place.country), None)
    facts = [(iri, RDFS + "label", _lit(place_label(place)))]
    if country is not None:
        facts += [(iri, NG + "country", ID + country.slug), (ID + country.slug, RDF + "type", SCHEMA + "Country"),
                  (ID + country.slug, RDFS + "label", _lit(country.name))]
    state = gaz.places().by_code.get(place.within) if place.kind == "city" else None
    if state is not None:
        facts += [(iri, SCHEMA + "containedInPlace", ID + state.iri_slug), (ID + state.iri_slug, RDF + "type", REGION_TYPE),
                  (ID + state.iri_slug, RDFS + "label", _lit(place_label(state)))]
    return Found(span, iri, "city" if place.kind == "city" else "region", method, score, new=iri not in known.iris,
                 types=(PLACE_TYPES.get(place.kind, REGION_TYPE),), facts=facts)


def us_places_named(text: str) -> int:
    """How many US states and cities (of a name no other thing has) the text names: what makes
    "Georgia" the state and "the Senate" the US Senate."""
    table = gaz.places()
    count = 0
    for run in gaz.CAPITALISED_RUN.finditer(text):
        words = [w.rstrip(".,").removesuffix("’s").removesuffix("'s") for w in run.group().split()]
        for first in range(len(words)):
            for length in table.first_words.get(words[first], ()):
                if any(p.country == "US" and p.cue == "name" for p in table.forms.get(" ".join(words[first:first + length]), ())):
                    count += 1
    return count


def find_regions_and_cities(text: str, known: Known, free, found: list[Found]) -> list[Found]:
    """States, prefectures, provinces and cities (graph/data/gazetteer/places.tsv) by name, where
    the name is not part of a longer name ("Texas Instruments", "Joaquin Phoenix") and, for a name
    that also names something else ("Phoenix", "Victoria", "Georgia"), where a place cue stands
    beside it. "New York" alone is the city; "New York state", "the state of New York" the state."""
    table = gaz.places()
    countries = gaz.load()
    person_words = {word for f in found if f.kind == "person" for word in f.span.text.split()}
    us_context = None
    regions_named: dict = {}  # a form the report has used for a state, province or prefecture
    result: list[Found] = []
    first_words = table.first_words
    for run in gaz.CAPITALISED_RUN.finditer(text):
        words = run.group().split()
        if not any(w in first_words or w.rstrip(".,") in first_words for w in words):
            continue  # most runs name no place: one look-up a word
        tokens = [(m.start() + run.start(), m.end() + run.start(), m.group()) for m in re.finditer(r"\S+", run.group())]
        index = 0
        while index < len(tokens):
            word = tokens[index][2].rstrip(".,")
            lengths = sorted(table.first_words.get(word, set()) | table.first_words.get(tokens[index][2], set()), reverse=True)
            hit = None
            for length in lengths:
                if index + length > len(tokens):
                    continue
                begin, end = tokens[index][0], tokens[index + length - 1][1]
                written = text[begin:end]
                for strip in ("’s", "'s", ".", ","):
                    if written.endswith(strip) and written.removesuffix(strip) in table.forms:
                        written, end = written.removesuffix(strip), end - len(strip)
                if written in table.forms:
                    hit = (begin, end, written, length)
                    break
            if hit is None:
                index += 1
                continue
            begin, end, form, length = hit
            index += length
            before, after = text[max(0, begin - 40):begin], text[end:end + 40]
            previous = tokens[index - length - 1][2] if index - length > 0 else None
            following = tokens[index][2] if index < len(tokens) else None
            if previous is not None and previous.rstrip(".") not in NOT_NAMES and previous.lower().rstrip(".") not in TITLE_HEADS \
                    and previous.lower() not in TITLE_MODIFIERS and previous.rstrip(".,").removesuffix("’s").removesuffix("'s") not in countries.forms \
                    and not previous.endswith((",", ".")):
                continue  # part of a longer name: "Joaquin Phoenix", "Fort Worth Star"
            if following is not None and following.lower().rstrip(".,") not in TITLE_HEADS and following.lower().rstrip(".,") not in TITLE_MODIFIERS \
                    and following.rstrip(".,") not in NOT_NAMES and following.rstrip(".,") not in countries.forms \
                    and following.rstrip(".,") not in table.forms and text[end:end + 1] not in (",", ".", ";", ":") \
                    and following.lower().rstrip(".,") not in ("gov", "legislature", "lawmakers", "residents", "officials"):
                continue  # the start of a longer name: "Texas Instruments", "Georgia Tech", "Osaka Expo"
            if not free(begin, end) or any(f.span.begin < end and begin < f.span.end for f in result):
                continue
            candidates = table.forms[form]
            cue_after = PLACE_AFTER.match(after)
            cue_before = PLACE_BEFORE.search(before)
            dateline = (begin == 0 or text[begin - 1] == "\n") and re.match(r"\s*[,(—–-]", after)
            chosen = candidates[0]
            kind_word = cue_after.group("kind").lower() if cue_after and cue_after.group("kind") else None
            region_cue = kind_word in ("state", "prefecture", "province") or re.search(r"\b(?:state|province|prefecture) of\s+$", before, re.I) \
                or re.match(r"\s+(?:Gov\.|(?:Governor|Legislature|lawmakers)\b)", after)
            if region_cue:
                chosen = next((p for p in candidates if p.region), chosen)
                if kind_word in ("state", "prefecture", "province") and chosen.region:
                    end += cue_after.end()
            elif kind_word == "city":
                chosen = next((p for p in candidates if p.kind == "city"), chosen)
            elif chosen.kind == "city" and any(p.region for p in candidates):
                # Listed with states, "New York" is the state: "in Rhode Island and New York".
                beside = re.search(r"([A-Z][\w.]*(?:[ \t][A-Z][\w.]*)*),?\s+(?:and|or)\s+$|([A-Z][\w.]*(?:[ \t][A-Z][\w.]*)*),\s+$", before)
                after_list = re.match(r",?\s+(?:and|or)\s+([A-Z][\w.]*(?:[ \t][A-Z][\w.]*)*)", after)
                names_beside = [n for n in ((beside.group(1) or beside.group(2)) if beside else None, after_list.group(1) if after_list else None)
                                if n and not n.startswith(form)]
                if any(p.region for n in names_beside for p in table.forms.get(n, ())):
                    chosen = next(p for p in candidates if p.region)
            if cue_after and cue_after.group("where"):
                # "Springfield, Illinois": the place of that state or country.
                where = cue_after.group("where").rstrip(".")
                region = next((p for p in table.forms.get(where, ()) if p.region), None)
                country = countries.forms.get(where, (None,))[0]
                if region is not None or country is not None:
                    matching = next((p for p in candidates if (region is not None and p.within == region.within)
                                     or (country is not None and p.country == country.alpha2)
                                     or (region is not None and not p.within and p.country == region.country)), None)
                    if matching is None and chosen.cue == "place":
                        continue  # "Victoria, British Columbia": a place of that name the table does not have
                    chosen = matching or chosen  # else a list: "New Jersey, Ohio"
            if not chosen.region and kind_word != "city" and form in regions_named:
                chosen = regions_named[form]  # one sense a report: "New York" after "New York Governor" is the state
            if chosen.kind == "city" and chosen.cue == "place" and chosen.population < SMALL_CITY and not (
                    (cue_before and not cue_before.group().startswith(",")) or (cue_after and cue_after.group("where")) or kind_word == "city"
                    or re.search(r"\b(?:in|near|from|outside|to|into)\s+(?:[A-Z][\w’'-]*\s+){0,2}[A-Z][\w’'-]*,\s*$", before)):
                continue  # a smaller city needs a preposition or its country beside it: "in Hebron", not "Also, Brent crude"
            if form == chosen.name and chosen.cue == "place" and not (cue_before or cue_after or dateline or (region_cue and chosen.region)):
                if not (chosen.country == "US" and chosen.region):
                    continue
                if us_context is None:
                    us_context = us_places_named(text)
                if us_context < 1:
                    continue  # "Georgia" is the state where other US places are named
            if form == chosen.name and " " not in form and form in person_words:
                continue  # "Phoenix" after "Joaquin Phoenix"
            span = Span(begin, end, text[begin:end])
            result.append(place_entity(chosen, known, span, f"gazetteer: {chosen.kind}"))
            if chosen.region:
                regions_named.setdefault(form, chosen)
    return result


# Institutions news names by a common noun or a nickname, resolved to the country the article is
# about (see `article_countries`). (pattern, country: an ISO code, or None for the article's own
# country, which must then be one of `countries`), IRI slug and label ({country} is the country's
# slug or name), type.
INSTITUTIONS = [
    (r"(?:[Tt]he\s+)?(?:(?:U\.S\.|US|American)\s+)?Congress(?!\s+[Pp]arty|\s+[A-Z])", "US", "united-states-congress", "United States Congress", ORGANIZATION),
    (r"Capitol Hill", "US", "united-states-congress", "United States Congress", ORGANIZATION),
    (r"[Tt]he\s+(?:(?:U\.S\.|US)\s+)?Senate(?!\s+[A-Z])", "US?", "united-states-senate", "United States Senate", ORGANIZATION),
    (r"[Tt]he\s+(?:(?:U\.S\.|US)\s+)?House(?:\s+of\s+Representatives)?(?!\s+[A-Z])(?!\s+of\b)", "US?", "united-states-house-of-representatives",
     "United States House of Representatives", ORGANIZATION),
    (r"[Tt]he\s+White\s+House(?!\s+[A-Z])", "US", "white-house", "White House", NG + "GovernmentAgency"),
    (r"[Tt]he\s+Fed\b(?!\s+[A-Z][a-z])|(?:[Tt]he\s+)?(?:U\.S\.\s+)?Federal\s+Reserve(?:\s+Board)?(?!\s+Bank)", "US", "federal-reserve", "Federal Reserve",
     ORGANIZATION),
    (r"[Tt]he\s+Pentagon", "US", "us-department-of-defense", "U.S. Department of Defense", NG + "GovernmentAgency"),
    (r"(?:(?<=[Tt]he )|(?<=['’]s ))(?:National\s+)?Diet(?!\s+[A-Z])|National\s+Diet", "JP", "national-diet", "National Diet", ORGANIZATION),
    (r"[Tt]he\s+Supreme\s+Court(?!\s+of\b)(?!\s+[A-Z])", None, "supreme-court-of-{country}", "Supreme Court of {name}", ORGANIZATION),
]
_INSTITUTION = re.compile("|".join(f"(?P<i{n}>{pattern})" for n, (pattern, *_rest) in enumerate(INSTITUTIONS)))
# The words without which no institution is named: most texts have none, and the full pattern,
# tried at every character, costs more than this test.
_INSTITUTION_WORDS = re.compile(r"Congress|Capitol|Senate|House|Fed|Pentagon|Diet|Supreme")


def article_countries(found: list[Found], text: str) -> dict[str, int]:
    """The countries an article is about: how often it names each (itself, its government, its
    capital, its states and cities), by ISO code."""
    by_iri = {ID + c.slug: c.alpha2 for c in gaz.load().countries}
    counts: dict[str, int] = {}
    for item in found:
        code = by_iri.get(item.iri) or by_iri.get(item.iri.replace("government-of-", ""))
        if code is None:
            code = next((by_iri.get(o) for s, p, o in item.facts if s == item.iri and p == NG + "country" and isinstance(o, str)), None)
        if code is not None:
            counts[code] = counts.get(code, 0) + 1
    us_places = us_places_named(text)
    if us_places:
        counts["US"] = counts.get("US", 0) + us_places
    return counts


def find_institutions(text: str, known: Known, free, found: list[Found]) -> list[Found]:
    """Congress, the Senate, the House, the White House, the Fed, the Pentagon, the Diet, the
    Supreme Court: the institution of the article's country. A name only one country uses
    ("Congress", "the Diet") is that country's unless the article names other countries and never
    this one; a name many countries use ("the Senate", "the Supreme Court") is the institution of
    the country the article names most (the US for "the Senate" and "the House", the only
    country whose chambers are written so here), and nothing when no country leads."""
    counts = None
    result: list[Found] = []
    seen: set[tuple[int, int]] = set()
    for word in _INSTITUTION_WORDS.finditer(text):
        # The full pattern only around each institution word (a look at every character costs more).
        match = next((m for m in _INSTITUTION.finditer(text, max(0, word.start() - 25), min(len(text), word.end() + 30))
                      if m.start() <= word.start() < m.end()), None)
        if match is None or match.span() in seen:
            continue
        seen.add(match.span())
        begin, end = match.span()
        lead = re.match(r"(?:(?:[Tt]he|U\.S\.|US|American)\s+)*", match.group()).end()
        begin += lead  # the institution's own words: "Senate" of "the U.S. Senate" (the country is read apart)
        if not free(begin, end) or (match.start() and text[match.start() - 1].isalnum()):
            continue
        index = int(match.lastgroup[1:])
        _pattern, code, iri_slug, label, kind = INSTITUTIONS[index]
        if counts is None:
            counts = article_countries(found, text)
        top = max(counts.values(), default=0)
        if code is None:
            leaders = [c for c, n in counts.items() if n == top]
            if len(leaders) != 1:
                continue
            code = leaders[0]
        elif code.endswith("?"):
            code = code[:-1]
            if counts.get(code, 0) < top or top == 0:
                continue  # "the Senate" where another country leads or none is named
        elif counts and counts.get(code, 0) == 0:
            continue  # "Congress" in an article about other countries only
        country = next((c for c in gaz.load().countries if c.alpha2 == code), None)
        if country is None:
            continue
        iri = ID + iri_slug.format(country=country.slug)
        name = label.format(name=country.label)
        if iri not in known.iris:
            iri = known.find(name, False, "organisation") or iri
        facts = [(iri, RDFS + "label", _lit(name)), (iri, NG + "country", ID + country.slug),
                 (ID + country.slug, RDF + "type", SCHEMA + "Country"), (ID + country.slug, RDFS + "label", _lit(country.name))]
        span = Span(begin, end, text[begin:end])
        result.append(Found(span, iri, "organisation", "institution of the article's country", 0.85, new=iri not in known.iris,
                            types=(kind,), facts=facts if iri not in known.iris else []))
    return result


# "<Name> administration", "<Name> government", "<Name>'s government": the government a person leads.
_ADMINISTRATION = re.compile(r"(?P<name>[A-Z][a-z]+(?:[- ][A-Z][a-z]+)?)(?P<own>['’]s)?[ \t]+(?P<what>administration|government|cabinet)\b")
# Words before "government" that name no person: parties, kinds and levels of government.
NOT_LEADERS = frozenset("""
Labour Labor Conservative Liberal Democratic Democrat Republican Communist Socialist Tory Federal Provincial State Military
Coalition Interim Transitional National Central Local Municipal Metropolitan Regional City County Civilian Caretaker Unity
Minority Majority Previous Current Former Next New Whole Entire Every Our Your Their His Her Its Chinese Iranian Soviet
Islamist Nationalist Populist Junta Taliban Hamas Houthi Puppet Shadow
""".split())
HEAD_ROLES = frozenset(ID + "role-" + r for r in ("president", "prime-minister", "premier", "chancellor"))


def find_administrations(text: str, known: Known, free, found: list[Found], leads=None) -> list[Found]:
    """"The Biden administration", "the Kishida government", "Ishiba's government": the government
    of the country the named person leads, where the text or the store says it (a person holding
    a president's or prime minister's post in a government: `leads(person IRI)` asks the store);
    else an organisation "<Name> administration", a government whose country is not said. Never a
    person. `found`: what the text names so far (people with their posts)."""
    result: list[Found] = []
    if "administration" not in text and "government" not in text and "cabinet" not in text:
        return result
    gazetteer = gaz.load()
    people = [f for f in found if f.kind == "person"]
    for match in _ADMINISTRATION.finditer(text):
        name = match.group("name")
        begin, end = match.start("name"), match.end()
        if " " in name and name.split()[0] in NOT_NAMES:
            begin += len(name.split()[0]) + 1  # "The Biden administration"
            name = name.split(" ", 1)[1]
        if name.split()[0] in NOT_NAMES or name in NOT_LEADERS or name.split()[-1] in NOT_LEADERS or name in gazetteer.forms \
                or name.split()[-1] in gazetteer.forms or name in gaz.places().forms or name.lower() in TITLE_HEADS \
                or name.lower() in TITLE_MODIFIERS or name in OUTLETS:
            continue
        if begin and (text[begin - 1].isalnum() or re.search(r"[A-Z][\w.’'-]*[ \t]+$", text[max(0, begin - 30):begin])
                      and not re.search(r"(?:^|[.!?“\"\n]\s*)[A-Z][\w’'-]*[ \t]+$", text[max(0, begin - 30):begin])
                      and not re.search(r"\b(?:The|the)[ \t]+$", text[max(0, begin - 30):begin])):
            continue  # part of a longer name: "New Labour government" (but a sentence's first word is no name)
        if not free(begin, end):
            continue
        surname = names.person_tokens(name)
        # The person: one the text names with this name or surname, else one the store knows.
        person = {f.iri for f in people if surname and surname[-1] in names.person_tokens(f.label)}
        person_iri = person.pop() if len(person) == 1 else (known.find(name, True, "person") or known.by_surname(name) if not person else None)
        government = None
        if person_iri is not None:
            holder = next((f for f in people if f.iri == person_iri), None)
            posts = {o for s, p, o in (holder.facts if holder else ()) if s == person_iri and p == ORG + "holds"}
            facts = holder.facts if holder else []
            heads = {s for s, p, o in facts if s in posts and p == ORG + "role" and o in HEAD_ROLES}
            government = next((o for s, p, o in facts if s in heads and p == ORG + "postIn" and "/government-of-" in o), None)
            if government is None and leads is not None:
                government = leads(person_iri)
        span = Span(begin, end, text[begin:end])
        if government is not None:
            country = next((c for c in gazetteer.countries if ID + "government-of-" + c.slug == government), None)
            if country is not None:
                gov = government_entity(country, known, span, "person's administration")
                gov.score = 0.85
                result.append(gov)
                continue
            result.append(Found(span, government, "government", "person's administration", 0.85, new=government not in known.iris,
                                types=(NG + "Government",)))
            continue
        label = f"{name} {'administration' if match.group('what') == 'administration' else match.group('what')}"
        iri = known.find(label, False, "organisation") or ID + gaz.slug(label)
        result.append(Found(span, iri, "government", "person's administration (country not said)", 0.75, new=iri not in known.iris,
                            types=(NG + "Government",), facts=[(iri, RDFS + "label", _lit(label))] if iri not in known.iris else []))
    return result


# What says that a single capitalised word is an organisation's name: its business, its shares, its
# statement, a company's verbs, or another organisation it is listed with.
_BUSINESS = (r"(?:shares?|stock|chief executive|CEO|chairman|chairwoman|founder|board|spokes(?:man|woman|person)|products?|devices?|chips?"
             r"|cars?|vehicles?|models?|phones?|smartphones?|platform|software|revenue|profits?|earnings|sales|headquarters|plants?|factory"
             r"|factories|subsidiary|stake|market value|investors|employees|shareholders|executives|quarterly|annual results)")
ORG_EVIDENCE = [
    ("corporation", r"(?P<w>{W})['’]s\s+(?:[a-z-]+\s+)?" + _BUSINESS + r"\b"),
    ("corporation", r"\bshares\s+(?:of|in)\s+(?P<w>{W})\b|\b(?P<w2>{W})\s+(?:shares|stock)\b"),
    ("corporation", r"\b(?P<w>{W})\s+said\s+in\s+a\s+(?:statement|filing|press release)|\b(?:an?\s+)?(?P<w2>{W})\s+spokes(?:man|woman|person)\b"),
    ("corporation", r"\b(?P<w>{W})\s+(?:has\s+|had\s+)?(?:unveiled|debuted|acquired|recalled|shipped|manufactures|laid off"
                    r"|(?:reported|posted)\s+(?:a\s+|an\s+|its\s+)?(?:[a-z-]+\s+)?(?:profit|loss|earnings|revenue|sales)"
                    r"|(?:took|taken|takes)\s+the\s+(?:covers|wraps)\s+off|agreed\s+to\s+(?:buy|acquire|sell|invest))\b"
                    r"|\b(?:acquired|bought)\s+by\s+(?P<w2>{W})\b"),
]
# A name of one word that acts inside a sentence ("Yesterday, Facebook announced", "and Shadman
# launched"): someone, person or organisation; the text does not say which.
_ACTS = re.compile(r"(?:,\s+|\b(?:and|but|when|while|after|as|before|because|since|that|until)\s+)(?P<w>[A-Z][a-z]+[A-Za-z]*[a-rt-z])\s+"
                   r"(?:(?:has|had|also|then|later|again|quickly|formally|officially)\s+)?(?:announced|unveiled|launched|debuted|signed|agreed"
                   r"|confirmed|denied|acquired|sued|rejected|approved|released|introduced|said|told|warned)\b")
GENERIC_ACTORS = frozenset("government cabinet opposition parliament congress senate court police army military navy regulator "
                           "regulators prosecutor prosecution defence defense management board family everyone nobody someone".split())
# Members that only an organisation has: "Hamas gunmen", "Tesla employees" (not an adjective:
# "Republican", "Islamic", "Socialist" stand before such nouns too).
_MEMBERS = re.compile(r"(?<![\w’'-])(?P<w>[A-Z][a-z]+[A-Za-z]*)(?<!an)(?<!ic)(?<!ist)(?<!ish)(?<!ese)\s+"
                      r"(?:gunmen|fighters|militants|members|executives|employees|workers|shareholders|spokes(?:man|woman|person))\b")
# Examples of a kind of organisation: "companies like Elbit, Candiru, and Rafael".
_EXAMPLES = re.compile(r"\b(?i:companies|firms|makers|groups|organi[sz]ations|carmakers|automakers|chipmakers|manufacturers|banks|brands"
                       r"|rivals|competitors|startups|lenders|insurers|airlines|retailers|suppliers|outlets|publishers)\s+(?:[\w-]+,?\s+){0,4}?"
                       r"(?:such as|like|including)\s+(?P<list>[A-Z][\w&-]*(?:(?:,\s+|,?\s+(?:and|or)\s+)[A-Z][\w&-]*)+)(?![\w&-])")
# An apposition that says what the word names: "Keidanren, Japan's most powerful business lobby,".
ORG_APPOSITION_NOUNS = {"corporation": "company firm carmaker automaker maker manufacturer chipmaker retailer conglomerate insurer lender "
                                       "airline operator startup giant supplier producer brand bank",
                        "organisation": "group lobby federation association organization organisation union party agency alliance "
                                        "confederation council institute charity"}
_ORG_APPOSITION = re.compile(r"\b(?P<w>[A-Z][A-Za-z]*[a-z][A-Za-z]*),\s+(?:an?|the|its|[A-Z][\w.]*['’]s)\s+(?:[\w-]+\s+){0,4}?"
                             r"(?P<noun>" + "|".join(w for words in ORG_APPOSITION_NOUNS.values() for w in words.split()) + r")\b(?=[^,.;]{0,40}[,.;])")
_ONE_WORD = r"[A-Z][A-Za-z]*[a-z][A-Za-z]*"  # one capitalised word, not in capitals only ("NVIDIA" is read as an acronym)
# One pattern for all the evidence (one scan of the text): the groups w0, v0, w1, v1 ... name the word.
_ORG_EVIDENCE = [("corporation", re.compile("|".join(
    f"(?:{pattern.replace('(?P<w2>', f'(?P<v{n}>').replace('(?P<w>', f'(?P<w{n}>')})" for n, (_kind, pattern) in enumerate(ORG_EVIDENCE))
    .replace("{W}", _ONE_WORD)))]
_ORG_EVIDENCE_WORDS = re.compile(r"[A-Za-z]['’]s\s|shares|stock|said in a|spokes|unveiled|debuted|acquired|recalled|shipped|manufactures"
                                 r"|laid off|reported|posted|covers off|wraps off|agreed to|bought by")


_LIST_WORD = r"(?:[A-Z][A-Za-z]*[a-z][A-Za-z]*|[A-Z]{2,5})"
_LIST_NEXT = re.compile(r"\.?(?P<join>,|,?\s+(?:and|or))\s+(?P<w>" + _LIST_WORD + r")(?![\w’'&.-])(?!\s+(?:[A-Z]|&))")
_LIST_BEFORE = re.compile(r"(?<![\w’'.-])(?<![A-Z][\w.]\s)(?P<w>" + _LIST_WORD + r")(?P<join>,|,?\s+(?:and|or))\s+(?:the\s+)?$")


def _listed_with(text: str, span: Span) -> list[tuple[str, int]]:
    """The one-word names listed with the name at `span` ("Nvidia, AMD and Intel"), with their
    offsets; none unless the list has an "and" or "or" (", Trump said" is no list)."""
    items: list[tuple[str, int, str]] = []
    position = span.end
    while True:
        match = _LIST_NEXT.match(text, position)
        if match is None:
            break
        items.append((match.group("w"), match.start("w"), match.group("join")))
        position = match.end()
        if match.group("join") != ",":
            break  # "and" ends the list
    position = span.begin
    while True:
        match = _LIST_BEFORE.search(text[max(0, position - 40):position])
        if match is None:
            break
        offset = max(0, position - 40)
        items.append((match.group("w"), offset + match.start("w"), match.group("join")))
        position = offset + match.start("w")
        if match.group("join") != ",":
            break  # "Honda and Toyota Motor Corp.": nothing before "and" belongs to the list
    if not any(join != "," for _, _, join in items):
        return []
    return [(word, at) for word, at, _ in items]


def find_one_word_organisations(text: str, known: Known, free, found: list[Found]) -> list[Found]:
    """Organisations named by one word ("Nissan", "Samsung", "Harvard"), where the text gives
    evidence (ORG_EVIDENCE, or the word listed with an organisation: "Harvard and the University of
    North Carolina"), and the word is no person's, place's, title's, month's or sentence word's.
    Every free occurrence of the word is then a mention of it."""
    gazetteer = gaz.load()
    person_words = {word for f in found if f.kind == "person" for word in re.findall(r"\w+", f.span.text)}
    evidence: dict[str, str] = {}

    def acceptable(word: str, at: int) -> bool:
        return (word not in NOT_NAMES and word.lower() not in TITLE_HEADS and word.lower() not in TITLE_MODIFIERS
                and word not in gazetteer.forms and word not in gaz.places().forms and word not in person_words
                and word.upper() not in COMMON_ACRONYMS and len(word) >= 3
                and not re.search(r"\b(?:Mr|Mrs|Ms|Dr|Justice|Judge|Sen|Rep|Gov)\.?\s+$", text[max(0, at - 10):at]))

    for kind, pattern in _ORG_EVIDENCE if _ORG_EVIDENCE_WORDS.search(text) else ():
        for match in pattern.finditer(text):
            group = next(name for name, value in match.groupdict().items() if value)
            word, at = match.group(group), match.start(group)
            previous = re.search(r"([A-Z][\w.]*)\s+$", text[max(0, at - 30):at])
            if re.match(r"\s+[A-Z]", text[match.end(group):]) or (previous and previous.group(1).rstrip(".") not in NOT_NAMES):
                continue  # a word of a longer name: "Dana Whitfield's chief executive role"
            if acceptable(word, at) and not re.search(r"\b(?:Mr|Mrs|Ms|Dr|Justice|Judge|Sen|Rep|Gov|Prof)\.?\s+" + re.escape(word) + r"\b", text):
                evidence.setdefault(word, "corporation")  # (a word a title names anywhere is a person's: "Ms. Marlowe")
    def ends_a_longer_name(at: int) -> bool:
        """A capitalised word just before, on the same line, that is no sentence end: "Dana Whitfield"."""
        previous = re.search(r"([A-Z][\w.]*)[ \t]+$", text[max(0, at - 30):at])
        return previous is not None and previous.group(1).rstrip(".") not in NOT_NAMES and not previous.group(1).endswith(".")

    for match in _MEMBERS.finditer(text):
        word, at = match.group("w"), match.start("w")
        if acceptable(word, at) and not ends_a_longer_name(at):
            evidence.setdefault(word, "organisation")
    for match in _EXAMPLES.finditer(text):
        for word in re.finditer(r"[A-Z][\w&-]*", match.group("list")):
            at = match.start("list") + word.start()
            if " " not in word.group() and not re.match(r"\s+[A-Z]", text[at + len(word.group()):]) and acceptable(word.group(), at):
                evidence.setdefault(word.group(), "corporation" if not re.match(r"(?:groups|organi[sz]ations|outlets)", match.group(), re.I) else "organisation")
    for match in _ORG_APPOSITION.finditer(text):
        word, at = match.group("w"), match.start("w")
        if acceptable(word, at) and not ends_a_longer_name(at):
            evidence.setdefault(word, next(kind for kind, words in ORG_APPOSITION_NOUNS.items() if match.group("noun") in words.split()))
    for match in _ACTS.finditer(text):
        word, at = match.group("w"), match.start("w")
        if (known.surnames or {}).get(names.person_tokens(word)[-1] if names.person_tokens(word) else word) or known.find(word, True):
            continue  # a person the store knows by this name: resolved later, by the surname
        if acceptable(word, at) and word not in evidence and not any(f.span.text == word for f in found) \
                and word not in ORG_SUFFIXES and word not in ORG_HEADS and word.lower() not in GENERIC_ACTORS:
            evidence[word] = "agent"  # (never a common noun that names a different body in every country: "Parliament")
    organisations = [f for f in found if f.kind == "organisation" and " " in f.span.text]
    for org in organisations:
        for match in re.finditer(r"\b(?P<w>" + _ONE_WORD + r")\s+(?:and|or)\s+(?:the\s+)?$", text[max(0, org.span.begin - 40):org.span.begin]):
            word = match.group("w")
            at = max(0, org.span.begin - 40) + match.start("w")
            if acceptable(word, at) and not re.search(r"[A-Z][\w.]*\s+$", text[max(0, at - 30):at]):
                evidence.setdefault(word, "organisation")
    listed: dict[str, str] = {}  # word -> the organisation it is listed with
    # A list with an organisation in it: "Toyota Motor Corp. and Honda", "Nvidia, AMD and Intel"
    # (NVIDIA known): the other one-word names of the list are organisations of its kind.
    for anchor in found:
        if anchor.kind != "organisation" or set(anchor.types) & NEWS_TYPES or (" " not in anchor.span.text and anchor.new):
            continue
        kind = "corporation" if SCHEMA + "Corporation" in anchor.types else "organisation"
        for word, at in _listed_with(text, anchor.span):
            if acceptable(word, at) and not re.search(r"\b(?:Mr|Mrs|Ms|Dr|Justice|Judge|Sen|Rep|Gov|Prof)\.?\s+" + re.escape(word) + r"\b", text):
                if word not in evidence:
                    evidence[word], listed[word] = kind, anchor.label
    result: list[Found] = []
    for word, kind in evidence.items():
        iri = known.find(word, False, "organisation") or known.partial(word) or ID + gaz.slug(word)
        org_type = {"corporation": SCHEMA + "Corporation", "agent": FOAF_AGENT}.get(kind, ORGANIZATION)
        for occurrence in re.finditer(r"(?<![\w’'-])" + re.escape(word) + r"(?![\w-])(?!\s+[A-Z])", text):
            begin, end = occurrence.span()
            if free(begin, end) and not any(r.span.begin < end and begin < r.span.end for r in result):
                why = f"listed with {listed[word]}" if word in listed else f"{kind} evidence"
                result.append(Found(Span(begin, end, word), iri, "agent" if kind == "agent" else "organisation",
                                    "one-word agent (acts in its sentence)" if kind == "agent" else f"one-word organisation ({why})", 0.8,
                                    new=iri not in known.iris, types=(org_type,),
                                    facts=[(iri, RDFS + "label", _lit(word))] if iri not in known.iris else []))
    return result
