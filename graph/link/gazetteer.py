"""The country gazetteer (graph/data/gazetteer/countries.tsv): names, abbreviations, adjectives,
demonyms and capitals of countries, and the IRIs newsgraph gives them, their governments and
their capitals.

IRIs are article-independent and follow the seed's: a country is ``id:`` plus the slug of its
short name (``id:japan``, ``id:united-states``), its government ``id:government-of-`` plus the
same slug, its capital the slug of the capital's first name (``id:tokyo``, ``id:washington-dc``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from ..data import FOLDER


def slug(value: str) -> str:
    """"Brasília" -> "brasilia", "Shigeru Ishiba" -> "shigeru-ishiba"."""
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", value) if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", folded.lower().replace("’", "").replace("'", "")).strip("-")


def _rows(name: str):
    """The rows of a gazetteer table (graph/data/gazetteer/NAME): comment lines skipped, the first
    other line the header, each row a dict by its column names."""
    header = None
    for line in (FOLDER / "gazetteer" / name).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        yield dict(zip(header, cells))


@lru_cache(maxsize=4096)
def _slug_of(name: str) -> str:
    return slug(name)


@dataclass
class Country:
    alpha2: str
    alpha3: str
    name: str
    names: list[str]
    adjectives: list[str]
    demonyms: list[str]
    capitals: list[str]
    abbreviations: list[str]
    source: str
    bloc: bool = False

    @property
    def slug(self) -> str:
        return _slug_of(self.name)

    @property
    def label(self) -> str:
        """The name as a sentence uses it: "the United States", "Japan"."""
        return f"the {self.name}" if f"the {self.name}" in self.names else self.name


@dataclass
class Gazetteer:
    countries: list[Country]
    # surface form (as written, case-sensitive) -> (country, how: name | abbreviation | adjective | demonym | capital)
    forms: dict[str, tuple[Country, str]] = field(default_factory=dict)
    pattern: re.Pattern | None = None

    def words(self) -> frozenset[str]:
        """Every word of every form, folded: words that are countries' and never a name's own."""
        return frozenset(word.lower() for form in self.forms for word in re.findall(r"[A-Za-z]+", form))


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    countries = []
    for row in _rows("countries.tsv"):
        split = lambda value: [part for part in value.split("|") if part]  # noqa: E731
        countries.append(Country(row["alpha2"], row["alpha3"], row["name"], split(row["names"]), split(row["adjectives"]),
                                 split(row["demonyms"]), split(row["capitals"]), split(row["abbreviations"]),
                                 row["source"], bloc=not row["alpha3"]))
    gazetteer = Gazetteer(countries)
    # Hand rows first: their forms win over another country's official name ("Korea").
    for country in sorted(countries, key=lambda c: "hand" not in c.source):
        for how, forms in (("name", [country.name, *country.names]), ("abbreviation", country.abbreviations),
                           ("adjective", country.adjectives), ("demonym", country.demonyms), ("capital", country.capitals)):
            for form in forms:
                form = form.removeprefix("the ")
                if how == "capital" and form in gazetteer.forms:
                    continue  # "Singapore" the country before "Singapore" the city
                gazetteer.forms.setdefault(form, (country, how))
    alternatives = "|".join(re.escape(form) for form in sorted(gazetteer.forms, key=lambda f: (-len(f), f)))
    # Not inside a word; an abbreviation's final dot belongs to it ("U.S."), and "America's" is America.
    gazetteer.pattern = re.compile(r"(?<![\w.-])(?:" + alternatives + r")(?![\w-])(?!\.\w)")
    return gazetteer


@dataclass
class Place:
    """A place below a country (graph/data/gazetteer/places.tsv): a state, prefecture, province or
    territory, or a city."""

    kind: str  # state | prefecture | province | territory | city
    name: str
    names: list[str]
    country: str  # ISO 3166-1 alpha-2
    within: str  # ISO 3166-2 code of the state or province (of a US city: its state)
    population: int
    cue: str  # name: the name alone is the place; place: only beside a place cue
    iri_slug: str = ""

    @property
    def region(self) -> bool:
        return self.kind != "city"


@dataclass
class Places:
    places: list[Place]
    # surface form (case-sensitive) -> the places it may name, the preferred first (a city before a
    # region of the same name: "Osaka" is the city, "Osaka Prefecture" the prefecture)
    forms: dict[str, list[Place]] = field(default_factory=dict)
    first_words: dict[str, set[int]] = field(default_factory=dict)  # first word of a form -> its lengths in words
    by_code: dict[str, Place] = field(default_factory=dict)  # "US-TX" -> Texas


# A run of capitalised words (with the small words of place names between them): where a place's
# name can be. One pattern for every text; the run's words are then looked up in Places.forms.
CAPITALISED_RUN = re.compile(r"(?<![\w.’'-])[A-Z][\w’'.-]*(?:[ \t]+(?:[A-Z][\w’'.-]*|am|es|de|del|do|da))*")


@lru_cache(maxsize=1)
def places() -> Places:
    """The places table, read on first use."""
    rows = []
    for row in _rows("places.tsv"):
        rows.append(Place(row["kind"], row["name"], [n for n in row["names"].split("|") if n], row["country"], row["within"],
                          int(row["population"] or 0), row["cue"]))
    countries = load()
    # A place's IRI is its name's slug (id:texas, id:osaka), unless a country, a capital or (for a
    # region) a city has that name: id:georgia-state, id:washington-state, id:osaka-prefecture.
    taken = {slug(form) for form in countries.forms}
    result = Places(rows)
    city_slugs = {slug(p.name) for p in rows if p.kind == "city"}
    for place in rows:
        own = slug(place.name)
        place.iri_slug = own if own not in taken and (place.kind == "city" or own not in city_slugs) else slug(f"{place.name} {place.kind}")
        if place.region:
            result.by_code[place.within] = place
    for place in sorted(rows, key=lambda p: (p.kind != "city", -p.population)):
        for form in dict.fromkeys([place.name, *place.names]):
            if form in countries.forms and countries.forms[form][1] in ("name", "capital", "abbreviation"):
                if not (place.region and place.country == "US"):
                    continue  # a country or a capital: the countries' table reads it ("Georgia" is decided there)
            result.forms.setdefault(form, []).append(place)
            words = form.split()
            result.first_words.setdefault(words[0], set()).add(len(words))
    return result
