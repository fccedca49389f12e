"""The gold set's annotations, written by hand for this project (by reading each text, not from
ingest's output), with each mention given by its words and occurrence in its sentence; running
this file locates them and writes ingest-gold.json with character offsets. The texts stay in
../shared/news-graphs/ (see pages.py).

Conventions, those of the seed annotation: a country's adjective or demonym is a mention of the
country ("South Korean thriller"); a capital that stands for its government is the government
("Seoul has said"); a language ("the Korean language") is no country; a claim's source is the
entity that says or reports it, "unnamed" for an unnamed one; hedges are the words that make a
claim less than certain; a date's value is the day, month (YYYY-MM), year or first/last days of
the period it names, as a reader on the publication day understands it.

Events (each tuple: sentence, trigger words, occurrence, kind, participants, date, place,
status): a report that something of a kind the model names happened or will happen: a meeting,
talks, a visit, a summit, an announcement (a product unveiled or debuted included), an agreement
(a deal, a settlement, a partnership formed, an accord signed or adopted), a proposal, a ruling
(a court's or a panel's decision), a vote (an election, a confirmation, a law passed). Not events:
what is negated ("has not engaged in discussions"), hypothetical or wished ("any possible offer",
"to be elected again"), generic or recurring ("yearly COP meetings"), a reference to an event
already reported ("that vote", "the agreement"), a document named as a thing ("the goal of the
Paris Climate Accord"), a speech act (those are attributions), and kinds the model does not name
(trials, testimony, lawsuits and charges, launches of missions or contests, exercises, ceremonies,
publications, nominations). Participants are the named people, organisations, governments and
countries that take part (a country or state standing for its people or legislature, "New Jersey
residents voted"; a pronoun is the person it names), never the outlet that reports it; the date is
the event's, as a reader of the whole report understands it (from another sentence if need be);
the place is where it happened where the report says so; the status is "took place",
"scheduled" or None where the report says neither (a rumour). Documents that give "scored" are
annotated for those kinds only: the texts were chosen for their events.
"""

from __future__ import annotations

import json
from pathlib import Path

from newsgraph.graph.model.text import split_sentences
from pages import document_text

_RSS500 = {"published": "2012-12-31", "source": "RSS-500 (English news RSS feeds)", "scored": ["events"], "heldout": True,
           "licence": "CC BY-NC-SA 4.0 (dice-group/n3-collection)"}

DOCUMENTS = [
    {
        "id": "yonhap-2019-08-20", "path": "text/yna_co_kr.txt", "published": "2019-08-20", "source": "Yonhap",
        "licence": "MIT (newspaper4k test data)",
        "entities": [
            (1, "SEOUL", 1, "city", "seoul"), (1, "Yonhap", 1, "organisation", "yonhap"),
            (1, "North Korea", 1, "country", "north-korea"), (1, "South Korea", 1, "country", "south-korea"),
            (1, "United States", 1, "country", "united-states"), (1, "Seoul", 1, "government", "government-of-south-korea"),
            (2, "South Korea", 1, "country", "south-korea"), (2, "U.S.", 1, "country", "united-states"),
            (3, "Seoul", 1, "government", "government-of-south-korea"), (3, "Washington", 1, "government", "government-of-united-states"),
            (3, "Pyongyang", 1, "government", "government-of-north-korea"),
            (4, "South Korea", 1, "country", "south-korea"), (4, "U.S.", 1, "country", "united-states"),
            (4, "Rodong Sinmun", 1, "organisation", "rodong-sinmun"),
            (6, "South Korea", 1, "country", "south-korea"), (6, "North Korea", 1, "country", "north-korea"),
            (6, "South", 2, "country", "south-korea"),  # the first "South" is South Korea's
            (7, "North Korea", 1, "country", "north-korea"), (7, "South Korea", 1, "country", "south-korea"),
            (8, "North", 1, "country", "north-korea"), (8, "South Korea", 1, "country", "south-korea"),
            (8, "U.S.", 1, "country", "united-states"),
            (9, "North", 1, "country", "north-korea"), (9, "South", 1, "country", "south-korea"),
            (9, "U.S.", 1, "country", "united-states"),
            (10, "North", 1, "country", "north-korea"), (10, "Pyongyang", 1, "government", "government-of-north-korea"),
            (10, "South Korea", 1, "country", "south-korea"), (10, "Seoul", 1, "government", "government-of-south-korea"),
            (10, "Washington", 1, "government", "government-of-united-states"),
        ],
        "attributions": [(1, "rodong-sinmun"), (3, "government-of-south-korea"), (4, "rodong-sinmun"), (5, "rodong-sinmun"),
                         (6, "rodong-sinmun"), (9, "north-korea"), (10, "unnamed")],
        "hedges": [(1, "will"), (2, "were to"), (6, "will"), (8, "apparent")],
        "dates": [(1, "Aug. 20", 1, "2019-08-20"), (1, "on Tuesday", 1, "2019-08-20"), (2, "later in the day", 1, "2019-08-20"),
                  (9, "last week", 1, "2019-08-12/2019-08-18"), (10, "Friday", 1, "2019-08-16")],
        "amounts": [],
        "events": [(10, "issued a statement", 1, "Announcement", ["north-korea"], "2019-08-16", None, "took place")],
    },
    {
        "id": "reuters-2020-01-20", "path": "pages/traf__reuters.com.parasite.html", "paragraphs": [3, 10],
        "published": "2020-01-20", "source": "Reuters", "licence": "Apache-2.0 (trafilatura test data)",
        "entities": [
            (1, "LOS ANGELES", 1, "city", "los-angeles"), (1, "Reuters", 1, "organisation", "reuters"),
            (1, "South Korean", 1, "country", "south-korea"), (1, "Screen Actors Guild", 1, "organisation", "screen-actors-guild"),
            (1, "SAG", 1, "organisation", "screen-actors-guild"),
            (1, "Joaquin Phoenix", 1, "person", "joaquin-phoenix"), (1, "Renee Zellweger", 1, "person", "renee-zellweger"),
            (2, "South Korea", 1, "country", "south-korea"), (2, "SAG", 1, "organisation", "screen-actors-guild"),
            (4, "SAG", 1, "organisation", "screen-actors-guild"),
            (4, "Academy of Motion Picture Arts and Sciences", 1, "organisation", "academy-of-motion-picture-arts-and-sciences"),
            (5, "Bong Joon Ho", 1, "person", "bong-joon-ho"), (8, "Phoenix", 1, "person", "joaquin-phoenix"),
        ],
        "attributions": [(5, "bong-joon-ho"), (6, "bong-joon-ho"), (7, "bong-joon-ho")],
        "hedges": [(5, "could"), (5, "might")],
        "dates": [(1, "on Sunday", 1, "2020-01-19"), (1, "next month", 1, "2020-02"), (5, "on Feb. 9", 1, "2020-02-09"),
                  (7, "today", 1, "2020-01-19"), (7, "this year", 1, "2020")],
        "amounts": [],
        "events": [],
    },
    {
        "id": "grist-2020-01-10", "path": "pages/traf__salon.com.emissions.html", "paragraphs": [1, 5],
        "published": "2020-01-10", "source": "Salon", "licence": "Apache-2.0 (trafilatura test data)",
        "entities": [
            (1, "United States", 1, "country", "united-states"), (3, "Rhodium Group", 1, "organisation", "rhodium-group"),
            (5, "U.S.", 1, "country", "united-states"), (8, "Trevor Houser", 1, "person", "trevor-houser"),
            (8, "Rhodium", 1, "organisation", "rhodium-group"),
        ],
        "attributions": [(3, "rhodium-group"), (8, "trevor-houser"), (9, "trevor-houser"), (10, "trevor-houser")],
        "hedges": [],
        "dates": [(1, "last year", 1, "2019"), (3, "the year before", 1, "2018"), (12, "in 2009", 1, "2009"),
                  (13, "last year", 1, "2019")],
        "amounts": [(3, "2 percent", 1, "percent", "2", "value"), (10, "75 percent", 1, "percent", "75", "value"),
                    (13, "18 percent", 1, "percent", "18", "value")],
        "events": [],
    },
    {
        "id": "cnn-2023-11-06", "path": "text/cnn_002.txt", "paragraphs": [0, 5], "published": "2023-11-06", "source": "CNN",
        "licence": "MIT (newspaper4k test data)",
        "entities": [
            (1, "Donald Trump", 1, "person", "donald-trump"), (1, "New York", 1, "city", "new-york"),
            (2, "Trump", 1, "person", "donald-trump"), (2, "New York", 1, "city", "new-york"),
            (3, "Arthur Engoron", 1, "person", "arthur-engoron"), (3, "Trump", 1, "person", "donald-trump"),
            (3, "Chris Kise", 1, "person", "chris-kise"), (3, "Trump", 2, "person", "donald-trump"),
            (4, "Trump", 1, "person", "donald-trump"), (4, "Trump", 2, "person", "donald-trump"),
            (5, "Trump", 1, "person", "donald-trump"),
            (6, "New York", 1, "city", "new-york"), (6, "Letitia James", 1, "person", "letitia-james"),
            (6, "Trump", 1, "person", "donald-trump"),
            (7, "Engoron", 1, "person", "arthur-engoron"), (7, "Trump", 1, "person", "donald-trump"),
        ],
        "attributions": [(3, "arthur-engoron")],
        "hedges": [],
        "dates": [(1, "Monday", 1, "2023-11-06"), (2, "in 2024", 1, "2024")],
        "amounts": [(6, "$250 million", 1, "USD", "250000000", "value")],
        "events": [(7, "ruled", 1, "Ruling", ["arthur-engoron", "donald-trump"], None, None, "took place")],
    },

    # Events only: short cuts of real reports, chosen for their events (none about Japan's 2025
    # tariff talks), every event of the cut annotated.
    {"id": "cnn-2023-11-06-prelogar", "path": "text/cnn_001.txt", "paragraphs": [11, 12], "published": "2023-11-06", "source": "CNN",
     "licence": "MIT (newspaper4k test data)", "scored": ["events"],
     "events": [(2, "presidential election", 1, "Vote", [], "2016", None, "took place"),
                (3, "confirmed Prelogar by a vote", 1, "Vote", ["elizabeth-prelogar", "united-states-senate"], "2021", None, "took place")]},
    {"id": "cnn-2023-11-06-osha", "path": "text/cnn_001.txt", "paragraphs": [38, 40], "published": "2023-11-06", "source": "CNN",
     "licence": "MIT (newspaper4k test data)", "scored": ["events"],
     "events": [(2, "lost by a 6-3 vote", 1, "Ruling", [], None, None, "took place")]},
    {"id": "cnn-2023-11-06-verona", "path": "text/cnn_001.txt", "paragraphs": [56, 66], "published": "2023-11-06", "source": "CNN",
     "licence": "MIT (newspaper4k test data)", "scored": ["events"],
     "events": [(1, "lost the dispute by a 6-3 vote", 1, "Ruling", ["biden-administration", "harvard", "university-of-north-carolina"],
                 None, None, "took place"),
                (10, "election", 1, "Vote", [], "2016-11", None, "took place"),
                (13, "deliver their ruling", 1, "Ruling", ["samuel-alito"], "2016-12", None, "took place"),
                (16, "announced", 1, "Announcement", ["samuel-alito"], "2016-12", None, "took place"),
                (17, "taken its own vote", 1, "Vote", [], "2016-12", None, "took place")]},
    {"id": "time-2023-11-02", "path": "text/time_001.txt", "paragraphs": [0, 6], "published": "2023-11-02", "source": "Time",
     "licence": "MIT (newspaper4k test data)", "scored": ["events"],
     "events": [(13, "webinar", 1, "Meeting", ["james-hansen"], "2023-11-02", None, "took place"),
                (17, "was adopted", 1, "Agreement", [], "2015", None, "took place")]},
    {"id": "fox13-2013-12-30", "path": "text/fox13now_001.txt", "paragraphs": [14, 24], "published": "2013-12-30", "source": "CNN",
     "licence": "MIT (newspaper4k test data)", "scored": ["events"],
     "events": [(2, "passed two laws", 1, "Vote", ["illinois"], None, None, "took place"),
                (13, "voted", 1, "Vote", ["new-jersey"], None, None, "took place"),
                (14, "voted", 1, "Vote", [], None, "connecticut", "took place")]},
    {"id": "thenextweb-2015-01-14", "path": "pages/np4kold__thenextweb.com1.html", "paragraphs": [0, 5], "published": "2015-01-14",
     "source": "The Next Web", "licence": "MIT (newspaper4k test data)", "scored": ["events"],
     "events": [(1, "talks", 1, "Negotiation", ["blackberry", "samsung"], None, None, None)]},
    {"id": "businessinsider-2014-12-29", "path": "pages/np4kold__businessinsider.com2.html", "paragraphs": [6, 8], "published": "2014-12-29",
     "source": "Business Insider", "licence": "MIT (newspaper4k test data)", "scored": ["events"],
     "events": [(1, "agreed to pay", 1, "Agreement", ["f-squared-investments-inc"], None, None, "took place")]},
    {"id": "kulu-2026-06-12", "path": "pages/traf__kulu-media.com.meta-outage.html", "paragraphs": [53, 56], "published": "2026-06-12",
     "source": "Kulu Media", "licence": "Apache-2.0 (trafilatura test data)", "scored": ["events"],
     "events": [(1, "formed a strategic partnership", 1, "Agreement", ["china", "russia"], None, None, "took place"),
                (3, "announcing", 1, "Announcement", ["china"], None, None, "took place"),
                (6, "signed", 1, "Agreement", ["united-states"], None, None, "took place")]},
    {"id": "mercurynews-2023-01-17-price", "path": "pages/traf__mercurynews.com.2023.01.16.letters-1119.html", "paragraphs": [7, 10],
     "published": "2023-01-17", "source": "The Mercury News", "licence": "Apache-2.0 (trafilatura test data)", "scored": ["events"],
     "events": [(2, "was elected", 1, "Vote", ["pamela-price"], None, None, "took place")]},
    {"id": "mercurynews-2023-01-17-noaa", "path": "pages/traf__mercurynews.com.2023.01.16.letters-1119.html", "paragraphs": [23, 25],
     "published": "2023-01-17", "source": "The Mercury News", "licence": "Apache-2.0 (trafilatura test data)", "scored": ["events"],
     "events": [(2, "released", 1, "Announcement", ["national-oceanic-and-atmospheric-administration"], "2022-10", None, "took place")]},
    {"id": "pewresearch-2014-11-20", "path": "pages/np4kold__pewresearch.org1.html", "paragraphs": [8, 9], "published": "2014-11-20",
     "source": "Pew Research Center", "licence": "MIT (newspaper4k test data)", "scored": ["events"],
     "events": [(1, "announced", 1, "Announcement", [], None, None, "took place")]},
    {"id": "parsely-2014-12-11", "path": "pages/np4kold__parsely.com1.html", "paragraphs": [2, 3], "published": "2014-12-11",
     "source": "Parse.ly", "licence": "MIT (newspaper4k test data)", "scored": ["events"],
     "events": [(1, "announced", 1, "Announcement", ["facebook"], "2014-12-10", None, "took place")]},
    {"id": "autoindustria-2019-11-20", "path": "pages/np4k__autoindustria.html", "paragraphs": [11, 12], "published": "2019-11-20",
     "source": "AutoIndustriya", "licence": "MIT (newspaper4k test data)", "scored": ["events"],
     "events": [(1, "debuting", 1, "Announcement", ["nissan"], "2019-09", None, "took place"),
                (1, "taken the covers off", 1, "Announcement", ["nissan"], None, None, "took place")]},
    {"id": "businessweek-2014-12-18", "path": "pages/np4kold__businessweek.com1.html", "paragraphs": [32, 33], "published": "2014-12-18",
     "source": "Businessweek", "licence": "MIT (newspaper4k test data)", "scored": ["events"],
     "events": [(7, "announced", 1, "Announcement", ["hikmatullah-shadman"], "2014-10", None, "took place")]},
    # Held out: annotated (entities and events) after the rules of h16e's first commit were
    # written and before any further rule was changed, on reports no rule was written against.
    # bench/ingest_eval.py reports them apart. None of these three has an event of a kind the model
    # names (a veto, an attack, a study's findings are not), so they measure entities only.
    {"id": "wired-2023-11-heldout", "path": "text/wired_001.txt", "paragraphs": [1, 3], "published": "2023-11-13", "source": "Wired",
     "licence": "MIT (newspaper4k test data)", "scored": ["entities", "events"], "heldout": True,
     "entities": [(1, "Azza", 1, "person", "ahmed-azza"), (1, "Tel Rumeida", 1, "place", "tel-rumeida"), (1, "Hebron", 1, "city", "hebron"),
                  (1, "West Bank", 1, "place", "west-bank"), (2, "Tel Rumeida", 1, "place", "tel-rumeida"), (2, "Hebron", 1, "city", "hebron"),
                  (2, "Israeli government", 1, "government", "government-of-israel"), (3, "Palestinians", 1, "country", "palestine"),
                  (3, "Israeli", 1, "country", "israel"), (3, "Israeli", 2, "country", "israel"), (3, "Palestinians", 2, "country", "palestine"),
                  (5, "Palestinians", 1, "country", "palestine"), (5, "Israeli", 1, "country", "israel"), (6, "West Bank", 1, "place", "west-bank"),
                  (6, "Israeli", 1, "country", "israel"), (7, "Elbit", 1, "organisation", "elbit"), (7, "Candiru", 1, "organisation", "candiru"),
                  (7, "Rafael", 1, "organisation", "rafael"), (7, "NSO Group", 1, "organisation", "nso-group"), (8, "Israel", 1, "country", "israel"),
                  (9, "Hamas", 1, "organisation", "hamas"), (9, "Gaza", 1, "place", "gaza"), (9, "Israel", 1, "country", "israel"),
                  (10, "Israel’s government", 1, "government", "government-of-israel"), (10, "West Bank", 1, "place", "west-bank")],
     "events": []},
    {"id": "businessweek-2015-heldout", "path": "pages/np4kold__businessweek.com2.html", "paragraphs": [5, 11], "published": "2015-01-05",
     "source": "Businessweek", "licence": "MIT (newspaper4k test data)", "scored": ["entities", "events"], "heldout": True,
     "entities": [(1, "New York", 1, "region", "new-york-state"), (1, "Andrew Cuomo", 1, "person", "andrew-cuomo"),
                  (1, "New York", 2, "region", "new-york-state"),
                  (4, "NYCRS", 1, "organisation", "new-york-city-retirement-system"),
                  (4, "New York City Retirement System", 1, "organisation", "new-york-city-retirement-system"),
                  (5, "NYCRS", 1, "organisation", "new-york-city-retirement-system"), (11, "California", 1, "region", "california"),
                  (12, "New Jersey", 1, "region", "new-jersey"), (12, "Ohio", 1, "region", "ohio"), (12, "New Mexico", 1, "region", "new-mexico"),
                  (12, "Illinois", 1, "region", "illinois"), (13, "Cuomo", 1, "person", "andrew-cuomo"),
                  (14, "New York", 1, "region", "new-york-state"), (19, "New York", 1, "region", "new-york-state")],
     "events": []},
    {"id": "pewresearch-2014-12-heldout", "path": "pages/np4kold__pewresearch.org2.html", "paragraphs": [2, 9], "published": "2014-12-15",
     "source": "Pew Research Center", "licence": "MIT (newspaper4k test data)", "scored": ["entities", "events"], "heldout": True,
     "entities": [(3, "Pew Research Center", 1, "organisation", "pew-research-center"), (3, "Americans", 1, "country", "united-states"),
                  (4, "U.S. Energy Information Administration", 1, "organisation", "u-s-energy-information-administration"),
                  (7, "University of Michigan", 1, "organisation", "university-of-michigan"),
                  (10, "Loyola University Maryland", 1, "organisation", "loyola-university-maryland"),
                  (10, "University of Maryland Baltimore County", 1, "organisation", "university-of-maryland-baltimore-county"),
                  (11, "Journal of Monetary Economics", 1, "organisation", "journal-of-monetary-economics"),
                  (11, "University of Michigan", 1, "organisation", "university-of-michigan"),
                  (15, "JME", 1, "organisation", "journal-of-monetary-economics"), (15, "Paul Edelstein", 1, "person", "paul-edelstein"),
                  (15, "Lutz Kilian", 1, "person", "lutz-kilian"), (17, "Edelstein", 1, "person", "paul-edelstein"),
                  (17, "Kilian", 1, "person", "lutz-kilian")],
     "events": []},
    # Held out, second set: annotated blind on 2026-12-02 from RSS-500, before any rule change of
    # that day, by reading the sentences only (no ingest output, no extractor code). One document
    # per sentence: RSS-500's sentences come from unrelated reports, so grouping them would let a
    # pronoun or a date of one sentence reach into another's. The corpus gives no publication
    # date; "published" is 2012-12-31 (the feeds are of 2012) and matters to none of these
    # documents: sentences whose events carry a relative date ("Tuesday", "last week") or a day
    # without its year ("on July 11") were skipped, so every date below is absolute or None. In a
    # one-sentence document nothing is "already reported": an event noun used as something that
    # happened is the event's report even where definite ("joined ... at the meeting", "following
    # the board's ruling"), and one that names an agreement, proposal or ruling as a thing (what it
    # says, allows or is worth: "touted the agreement as a means", "the proposal would allow",
    # "review the ruling") is not. Documents with no event measure precision: the comment says
    # what tempts there.
    # none: the agreement named as a thing, its merits
    {"id": "rss500-6-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/6#char=0,141", **_RSS500,
     "events": []},
    {"id": "rss500-10-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/10#char=0,166", **_RSS500,
     "events": [(1, "meeting", 1, "Meeting", ["dan-dewalt", "adrienne-kinne", "earle", "leas"], None, None, "took place")]},
    # none: a proposal named as a thing that started a debate
    {"id": "rss500-20-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/20#char=0,201", **_RSS500,
     "events": []},
    # none: a donation; an amendment promoted, not voted; a negated threat
    {"id": "rss500-21-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/21#char=0,226", **_RSS500,
     "events": []},
    {"id": "rss500-23-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/23#char=0,175", **_RSS500,
     "events": [(1, "proposes", 1, "Proposal", ["the-people-should-decide"], None, None, "took place")]},
    # none: a meeting asked for ("personally connect")
    {"id": "rss500-34-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/34#char=0,205", **_RSS500,
     "events": []},
    # none: a negated adoption of policies
    {"id": "rss500-42-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/42#char=0,183", **_RSS500,
     "events": []},
    {"id": "rss500-43-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/43#char=0,276", **_RSS500,
     "events": [(1, "were acquitted", 1, "Ruling", ["arthur-kwesi-john", "desmond-thomas", "mohamed-alie-shaaban"], None, None, "took place")]},
    {"id": "rss500-55-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/55#char=0,252", **_RSS500,
     "events": [(1, "proposed", 1, "Proposal", [], None, None, "took place")]},
    {"id": "rss500-76-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/76#char=0,189", **_RSS500,
     "events": [(1, "made announcements", 1, "Announcement", ["brian-hemphill", "beverly-jo-harris"], None, None, "took place"),
                (1, "meeting", 1, "Meeting", ["brian-hemphill", "beverly-jo-harris"], None, None, "took place")]},
    # "the US$1.36 billion deal would help" names the deal as a thing; "chose to partner" reports it
    {"id": "rss500-81-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/81#char=0,302", **_RSS500,
     "events": [(1, "chose to partner", 1, "Agreement", ["bluescope", "nsc"], None, None, "took place")]},
    # none: decisions that could be taken ("could decide")
    {"id": "rss500-84-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/84#char=0,151", **_RSS500,
     "events": []},
    {"id": "rss500-106-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/106#char=0,180", **_RSS500,
     "events": [(1, "announced", 1, "Announcement", ["brian-hemphill"], None, None, "took place")]},
    {"id": "rss500-121-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/121#char=0,168", **_RSS500,
     "events": [(1, "launched", 1, "Announcement", ["samsung"], None, "united-states", "took place")]},
    {"id": "rss500-125-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/125#char=0,143", **_RSS500,
     "events": [(1, "authored legislation", 1, "Proposal", ["leland-yee"], None, None, "took place")]},
    # none: filings and a petition in a case
    {"id": "rss500-126-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/126#char=0,284", **_RSS500,
     "events": []},
    # none: an agreement as a goal ("Achieving a competitive agreement")
    {"id": "rss500-127-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/127#char=0,180", **_RSS500,
     "events": []},
    # none: a charge
    {"id": "rss500-143-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/143#char=0,136", **_RSS500,
     "events": []},
    {"id": "rss500-144-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/144#char=0,129", **_RSS500,
     "events": [(1, "arrived in Georgia", 1, "Visit", ["charles-aznavour"], None, "georgia", "took place")]},
    # the Council's backing is the act of agreeing; Ban's proposals are what it backed, named as a thing
    {"id": "rss500-165-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/165#char=0,172", **_RSS500,
     "events": [(1, "united behind", 1, "Agreement", ["security-council"], None, None, "took place")]},
    # none: a directive criticised (a speech act)
    {"id": "rss500-166-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/166#char=0,90", **_RSS500,
     "events": []},
    # "requested Bonner meet with Peacock" asks for a meeting (none); the meeting before it took place, its members unnamed
    {"id": "rss500-180-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/180#char=0,126", **_RSS500,
     "events": [(1, "meeting", 1, "Meeting", [], None, None, "took place")]},
    # none: an agreement that might not be reached ("if ... was not reached")
    {"id": "rss500-229-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/229#char=0,110", **_RSS500,
     "events": []},
    {"id": "rss500-233-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/233#char=0,191", **_RSS500,
     "events": [(1, "helped elect", 1, "Vote", ["northern-wake-republican-club"], None, None, "took place")]},
    # none: an opinion asked for, not issued
    {"id": "rss500-238-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/238#char=0,136", **_RSS500,
     "events": []},
    # none: arriving in Washington to govern, no trip
    {"id": "rss500-244-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/244#char=0,208", **_RSS500,
     "events": []},
    {"id": "rss500-255-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/255#char=0,72", **_RSS500,
     "events": [(1, "launch", 1, "Announcement", ["nokia"], None, None, "scheduled")]},
    # the deal is what the FCC allowed (a thing); Verizon's pledge to sell is a promise, no agreement with T-Mobile
    {"id": "rss500-277-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/277#char=0,177", **_RSS500,
     "events": [(1, "allowing", 1, "Ruling", ["fcc", "verizon"], None, None, "took place")]},
    # none: a determination not yet made ("until it is determined")
    {"id": "rss500-295-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/295#char=0,264", **_RSS500,
     "events": []},
    # none: a request to a judge and a doping case (lawsuits and charges)
    {"id": "rss500-305-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/305#char=0,228", **_RSS500,
     "events": []},
    # none: a promise (a speech act), a law named as a thing, an election hypothesised ("if he's elected")
    {"id": "rss500-310-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/310#char=0,189", **_RSS500,
     "events": []},
    {"id": "rss500-341-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/341#char=0,157", **_RSS500,
     "events": [(1, "ordered", 1, "Ruling", ["seoul-western-district-court", "kim-seung-youn"], None, None, "took place")]},
    # a meeting set up (arranged): whether it was held is not said
    {"id": "rss500-344-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/344#char=0,84", **_RSS500,
     "events": [(1, "meeting", 1, "Meeting", ["dhani", "alex-rigopulos"], None, None, "scheduled")]},
    # the departure's destination is Syria; where the men left from is not said
    {"id": "rss500-353-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/353#char=0,222", **_RSS500,
     "events": [(1, "gathered the men", 1, "Meeting", ["hassan-nasrallah"], None, None, "took place"),
                (1, "headed to Syria", 1, "Departure", [], None, None, "took place")]},
    # "the closest House elections will be in districts ..." places a set of races, no one vote
    {"id": "rss500-357-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/357#char=0,228", **_RSS500,
     "events": [(1, "primaries", 1, "Vote", ["hillary-clinton", "obama"], "2008", None, "took place")]},
    # none: a report written (a publication)
    {"id": "rss500-361-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/361#char=0,153", **_RSS500,
     "events": []},
    # none: a ruling named as a thing to review; an appeal hypothesised
    {"id": "rss500-369-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/369#char=0,164", **_RSS500,
     "events": []},
    {"id": "rss500-383-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/383#char=0,196", **_RSS500,
     "events": [(1, "confirmed", 1, "Announcement", ["football-association-of-ireland"], None, None, "took place")]},
    {"id": "rss500-403-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/403#char=0,256", **_RSS500,
     "events": [(1, "ruling", 1, "Ruling", [], None, None, "took place")]},
    # none: a proposal named as a thing (what it would allow)
    {"id": "rss500-409-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/409#char=0,149", **_RSS500,
     "events": []},
    # none: a lawsuit heard (trials are no event)
    {"id": "rss500-440-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/440#char=0,183", **_RSS500,
     "events": []},
    # none: an offer not made ("deciding against it"); "last summer" dates no event
    {"id": "rss500-460-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/460#char=0,124", **_RSS500,
     "events": []},
    # the press conference of Aug. 5 is where Lo spoke (an attribution), no event; the treaty is of 1952
    {"id": "rss500-464-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/464#char=0,301", **_RSS500,
     "events": [(1, "signed", 1, "Agreement", ["china", "japan"], "1952-04-28", "taipei", "took place")]},
    # none: an exit (no kind) and an investigation that would have ended
    {"id": "rss500-499-heldout2", "path": "nif/RSS-500.ttl", "context": "http://aksw.org/N3/RSS-500/499#char=0,218", **_RSS500,
     "events": []},
]


def locate(text: str, sentence, words: str, occurrence: int) -> tuple[int, int]:
    position = sentence.begin - 1
    for _ in range(occurrence):
        position = text.find(words, position + 1, sentence.end)
        if position < 0:
            raise ValueError(f"{words!r} (occurrence {occurrence}) is not in {sentence.text!r}")
    return position, position + len(words)


def main() -> None:
    out = []
    for spec in DOCUMENTS:
        text = document_text(spec)
        if text is None:
            raise SystemExit(f"../shared/news-graphs/{spec['path']} is missing")
        sentences = split_sentences(text)
        doc = {k: spec[k] for k in ("id", "path", "published", "source", "licence")}
        for key in ("paragraphs", "context", "scored", "heldout"):
            if key in spec:
                doc[key] = spec[key]
        doc["characters"] = len(text)
        doc["entities"] = [dict(zip(("begin", "end"), locate(text, sentences[n - 1], words, occ)), text=words, kind=kind, entity=entity)
                           for n, words, occ, kind, entity in spec.get("entities", [])]
        doc["attributions"] = [{"sentence": n, "begin": sentences[n - 1].begin, "source": source} for n, source in spec.get("attributions", [])]
        doc["hedges"] = [{"sentence": n, "begin": sentences[n - 1].begin, "words": words} for n, words in spec.get("hedges", [])]
        doc["dates"] = [dict(zip(("begin", "end"), locate(text, sentences[n - 1], words, occ)), text=words, value=value)
                        for n, words, occ, value in spec.get("dates", [])]
        doc["amounts"] = [dict(zip(("begin", "end"), locate(text, sentences[n - 1], words, occ)), text=words, unit=unit, value=value, bound=bound)
                          for n, words, occ, unit, value, bound in spec.get("amounts", [])]
        doc["events"] = [dict(zip(("begin", "end"), locate(text, sentences[n - 1], words, occ)), text=words, kind=kind, actors=actors, date=day,
                              place=place, status=status)
                         for n, words, occ, kind, actors, day, place, status in spec["events"]]
        out.append(doc)
    target = Path(__file__).with_name("ingest-gold.json")
    target.write_text(json.dumps({"about": __doc__.split("\n\n")[1].replace("\n", " "), "documents": out}, indent=1, ensure_ascii=False) + "\n",
                      encoding="utf-8")


if __name__ == "__main__":
    main()
