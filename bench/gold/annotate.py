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
"""

from __future__ import annotations

import json
from pathlib import Path

from newsgraph.graph.model.text import split_sentences
from pages import document_text

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
            (6, "South", 1, "country", "south-korea"),
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
        "events": [(10, "issued a statement", 1, "Announcement", ["north-korea"], "2019-08-16")],
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
        "events": [],
    },
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
        if "paragraphs" in spec:
            doc["paragraphs"] = spec["paragraphs"]
        doc["characters"] = len(text)
        doc["entities"] = [dict(zip(("begin", "end"), locate(text, sentences[n - 1], words, occ)), text=words, kind=kind, entity=entity)
                           for n, words, occ, kind, entity in spec["entities"]]
        doc["attributions"] = [{"sentence": n, "begin": sentences[n - 1].begin, "source": source} for n, source in spec["attributions"]]
        doc["hedges"] = [{"sentence": n, "begin": sentences[n - 1].begin, "words": words} for n, words in spec["hedges"]]
        doc["dates"] = [dict(zip(("begin", "end"), locate(text, sentences[n - 1], words, occ)), text=words, value=value)
                        for n, words, occ, value in spec["dates"]]
        doc["amounts"] = [dict(zip(("begin", "end"), locate(text, sentences[n - 1], words, occ)), text=words, unit=unit, value=value, bound=bound)
                          for n, words, occ, unit, value, bound in spec["amounts"]]
        doc["events"] = [dict(zip(("begin", "end"), locate(text, sentences[n - 1], words, occ)), text=words, kind=kind, actors=actors, date=day)
                         for n, words, occ, kind, actors, day in spec["events"]]
        out.append(doc)
    target = Path(__file__).with_name("ingest-gold.json")
    target.write_text(json.dumps({"about": __doc__.split("\n\n")[1].replace("\n", " "), "documents": out}, indent=1, ensure_ascii=False) + "\n",
                      encoding="utf-8")


if __name__ == "__main__":
    main()
