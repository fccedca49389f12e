"""The three headline questions `newsgraph build` answers, each from a named query."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...queries import get_named_query
from .readable import in_words

if TYPE_CHECKING:
    from ..store import Store


@dataclass
class Headline:
    question: str
    query: str  # the named query that answers it
    answers: list[str]


def _rows(store: Store, name: str) -> list[dict[str, str]]:
    results = store.query(get_named_query(name).text)
    variables = [v.value for v in results.variables]
    return [{v: (row[v].value if row[v] is not None else "") for v in variables} for row in results]


def headline_answers(store: Store) -> list[Headline]:
    negotiations = [
        f"{r['party']} with {r['counterpart']}: {r['event']}"
        + (f", {r['date']}" if r["date"] else "")
        + (f", {r['place']}" if r["place"] else "")
        + (f" ({r['status']})" if r["status"] else "")
        for r in _rows(store, "negotiations")
        if r["event"]
    ]
    offer = [
        f"{r['proposedBy']} to {r['recipient']}: {r['goods']}, {r['bound']} {in_words(float(r['amount']))} {r['currency']}"
        + (f" (restating {r['restates']!r})" if r["restates"] else f" ({r['expression']!r})" if r["expression"] else "")
        for r in _rows(store, "offer")
    ]
    composition: dict[str, list[str]] = {}
    totals: dict[str, str] = {}
    for r in _rows(store, "tariff-composition"):
        composition.setdefault(r["tariff"], []).append(
            f"{r['componentPercent']}%" + (" applied to all countries" if r["allCountries"] == "true" else " additional")
        )
        totals[r["tariff"]] = r["ratePercent"]
    tariffs = [f"{tariff}: {totals[tariff]}% = " + " + ".join(parts) for tariff, parts in composition.items()]
    return [
        Headline("Who negotiates with whom, when and where?", "negotiations", negotiations),
        Headline("What did Japan offer to buy, and for how much?", "offer", offer),
        Headline("Which tariff applies to Japan, and how is the rate composed?", "tariff-composition", tariffs),
    ]
