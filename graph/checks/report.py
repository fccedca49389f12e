"""Quality-report rules in the style of ROBOT's `report`: one `.rq` file per rule, each with a header
naming its severity and saying the problem, why it matters and how to fix it. Each query selects
?entity and ?detail for every place the rule is broken."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import InputError

SEVERITIES = ("error", "warning", "info")
_HEADER = re.compile(r"^#\s*(title|severity|problem|why|fix):\s*(.*)$")


@dataclass
class Rule:
    name: str
    title: str
    severity: str
    problem: str
    why: str
    fix: str
    text: str


@dataclass
class RuleResult:
    rule: Rule
    rows: list[tuple[str, str]] = field(default_factory=list)  # (entity, detail)


def rules() -> list[Rule]:
    found = []
    for entry in sorted((Path(__file__).parents[2] / "queries" / "report").glob("*.rq")):
        name = entry.stem
        text = entry.read_text(encoding="utf-8")
        fields: dict[str, str] = {}
        last = None
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            match = _HEADER.match(line)
            if match:
                last = match.group(1)
                fields[last] = match.group(2).strip()
            elif last and line.startswith("#   "):
                fields[last] += " " + line[1:].strip()
        missing = [key for key in ("title", "severity", "problem", "why", "fix") if key not in fields]
        if missing or fields.get("severity") not in SEVERITIES:
            raise InputError(f"report rule {name}.rq: the header needs title, severity ({'/'.join(SEVERITIES)}), problem, why and fix")
        found.append(Rule(name, fields["title"], fields["severity"], fields["problem"], fields["why"], fields["fix"], text))
    return found


def run_report(store) -> list[RuleResult]:
    """Run every rule over the store, most severe first."""
    results = []
    for rule in rules():
        rows = [(row["entity"].value, row["detail"].value) for row in store.query(rule.text)]
        results.append(RuleResult(rule, rows))
    return sorted(results, key=lambda r: (SEVERITIES.index(r.rule.severity), r.rule.name))
