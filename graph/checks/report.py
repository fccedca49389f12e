"""The quality report, in the style of ROBOT's `report`: every rule (queries/report/*.rq, each
with a header naming its severity and saying the problem, why it matters and how to fix it) run
over a store."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...queries import SEVERITIES, Rule, report_rules

if TYPE_CHECKING:
    from ..store import Store


@dataclass
class RuleResult:
    rule: Rule
    rows: list[tuple[str, str]] = field(default_factory=list)  # (entity, detail)


def run_report(store: Store) -> list[RuleResult]:
    """Run every rule over the store, most severe first."""
    results = []
    for rule in report_rules():
        rows = [(row["entity"].value, row["detail"].value) for row in store.query(rule.text)]
        results.append(RuleResult(rule, rows))
    return sorted(results, key=lambda r: (SEVERITIES.index(r.rule.severity), r.rule.name))
