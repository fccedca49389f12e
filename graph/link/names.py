"""Name normalisation and comparison, shared by `ingest` (mentions of known entities) and `link`.

- normalise: case, punctuation and accents folded; titles and honorifics dropped ("Minister
  Akazawa" -> "akazawa");
- the key of a name is its sorted tokens, so Western and Japanese name order agree
  ("Akazawa Ryosei" = "Ryosei Akazawa");
- transliteration folding maps letters that romanisations confuse onto one (b/v, l/r, doubled
  letters, long vowels), so "Vessen" and "Bessen" fold alike;
- similarity compares names token by token (difflib ratio on folded tokens), so two people who
  share a surname but not a given name score low.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

TITLES = frozenset("""
minister secretary treasury president prime deputy chief cabinet finance trade economy economic
revitalization revitalisation negotiator ambassador governor chairman chairwoman chair ceo spokesman
spokeswoman spokesperson mr mrs ms dr prof sir madam san u s us japan japanese
""".split())
STOPWORDS = frozenset("the of and for in on at to a an".split())


def tokens(name: str) -> list[str]:
    return list(_tokens(name))


@lru_cache(maxsize=1 << 16)
def _tokens(name: str) -> tuple[str, ...]:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("’", "'").replace("'s", " ")
    return tuple(token for token in re.split(r"[^0-9a-z]+", text) if token)


def person_tokens(name: str) -> list[str]:
    """The name tokens of a person, without titles and honorifics."""
    return [token for token in tokens(name) if token not in TITLES and token not in STOPWORDS]


@lru_cache(maxsize=None)
def key(name: str, person: bool = False) -> str:
    """Order-insensitive key: equal keys are the same name."""
    parts = person_tokens(name) if person else [t for t in tokens(name) if t not in STOPWORDS]
    return " ".join(sorted(parts))


def fold(token: str) -> str:
    """Transliteration folding: b/v, l/r, long vowels and doubled letters."""
    token = token.replace("v", "b").replace("l", "r")
    token = re.sub(r"(ou|oh|oo)", "o", token)
    token = re.sub(r"(uu)", "u", token)
    return re.sub(r"(.)\1+", r"\1", token)


@lru_cache(maxsize=1 << 16)
def similarity(first: str, second: str, person: bool = False) -> float:
    """0..1: for people, the mean of the best token-to-token ratios of folded tokens (both names
    must have the same number of name tokens); for others, the ratio of the folded keys."""
    if person:
        a, b = [fold(t) for t in person_tokens(first)], [fold(t) for t in person_tokens(second)]
        if not a or len(a) != len(b):
            return 0.0
        remaining = list(b)
        scores = []
        for token in a:
            best = max(remaining, key=lambda other: SequenceMatcher(None, token, other).ratio())
            scores.append(SequenceMatcher(None, token, best).ratio())
            remaining.remove(best)
        return min(scores) * 0.5 + (sum(scores) / len(scores)) * 0.5
    a = " ".join(fold(t) for t in key(first).split())
    b = " ".join(fold(t) for t in key(second).split())
    return SequenceMatcher(None, a, b).ratio() if a and b else 0.0


@lru_cache(maxsize=None)
def blocking_keys(name: str, person: bool = False) -> frozenset[str]:
    """Keys under which a name is indexed: its folded tokens (for people, without titles)."""
    parts = person_tokens(name) if person else [t for t in tokens(name) if t not in STOPWORDS]
    return frozenset(fold(token) for token in parts if len(token) > 1)
