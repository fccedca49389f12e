"""The rules of matching two reports of one event (graph/link/eventmatch.py), in process: which
kinds may name one event, the date window, and the matches that must never be made."""

from __future__ import annotations

from datetime import date

from newsgraph.graph.link.eventmatch import Kinds, Reported, _weigh, within_window

# As the ontology has them (event_kinds reads them from the store): a purchase proposal is a
# proposal; a negotiation and a round of it are disjoint.
KINDS = Kinds(frozenset({("PurchaseProposal", "Proposal"), ("NegotiationMeasure", "Proposal")}),
              frozenset({frozenset(("Negotiation", "NegotiationRound")), frozenset(("Summit", "NegotiationRound"))}))
A, B, C, D = (f"https://example.org/{name}" for name in ("aoyama", "whitlock", "ferreira", "robles"))
WASHINGTON, CANBERRA = "https://example.org/washington", "https://example.org/canberra"


def event(kind, graph, first, last=None, actors=(A, B), places=(WASHINGTON,), rounds=()):
    return Reported(f"https://example.org/{graph}/{kind}", kind, f"https://example.org/{graph}", kind.lower(),
                    set(actors), set(places), first, last or first, set(rounds), set())


def test_kinds_are_the_same_compatible_or_unrelated():
    assert KINDS.relation("Meeting", "Meeting") == "same"
    for a, b in (("Meeting", "Summit"), ("Meeting", "NegotiationRound"), ("Meeting", "Negotiation"),
                 ("Negotiation", "NegotiationRound"), ("Proposal", "PurchaseProposal")):
        assert KINDS.relation(a, b) == KINDS.relation(b, a) == "compatible"
    # A visit holds meetings, it is not one; siblings under Proposal are two acts; a vote is no meeting.
    for a, b in (("Visit", "Meeting"), ("PurchaseProposal", "NegotiationMeasure"), ("Vote", "Meeting")):
        assert KINDS.relation(a, b) is None
    # Everything one kind can match is compared in its block.
    assert KINDS.family("Summit") == KINDS.family("NegotiationRound") == KINDS.family("Meeting")
    assert KINDS.family("PurchaseProposal") == KINDS.family("Proposal") == "Proposal"
    assert KINDS.family("Visit") == "Visit"


def test_the_window_takes_a_day_either_way_and_a_day_inside_a_period():
    friday = event("Meeting", "a", date(2025, 9, 12))
    assert within_window(friday, event("Summit", "b", date(2025, 9, 13)))  # Friday in Washington, Saturday in Tokyo
    assert within_window(friday, event("Summit", "b", date(2025, 9, 11)))
    assert not within_window(friday, event("Summit", "b", date(2025, 9, 14)))
    mid_june = event("Negotiation", "a", date(2025, 6, 11), date(2025, 6, 20))
    assert within_window(mid_june, event("Meeting", "b", date(2025, 6, 16)))
    assert within_window(mid_june, event("Meeting", "b", date(2025, 6, 21)))
    assert not within_window(mid_june, event("Meeting", "b", date(2025, 6, 25)))


def test_the_same_kind_scores_higher_than_a_compatible_kind():
    same = _weigh(event("Meeting", "a", date(2025, 9, 12)), event("Meeting", "b", date(2025, 9, 12)), KINDS)
    compatible = _weigh(event("Meeting", "a", date(2025, 9, 12)), event("Summit", "b", date(2025, 9, 12)), KINDS)
    assert same.status == compatible.status == "accepted" and same.score > compatible.score
    assert "same kind (Meeting)" in same.support and "compatible kinds: Meeting and Summit" in compatible.support
    assert "different kinds: Meeting and Summit" in compatible.against


def test_a_compatible_kind_needs_stronger_evidence_to_be_one_event():
    meeting = event("Meeting", "a", date(2025, 9, 12))
    # A day apart in one place, every participant in both: one event.
    assert _weigh(meeting, event("Summit", "b", date(2025, 9, 13)), KINDS).status == "accepted"
    # One participant in common out of one: a candidate (the same kind would be accepted).
    alone = dict(actors=(A,))
    assert _weigh(event("Meeting", "a", date(2025, 9, 12), **alone), event("Summit", "b", date(2025, 9, 12), **alone), KINDS).status == "candidate"
    assert _weigh(event("Meeting", "a", date(2025, 9, 12), **alone), event("Meeting", "b", date(2025, 9, 12), **alone), KINDS).status == "accepted"
    # A period ("mid-June") holding the day: a candidate.
    assert _weigh(event("Meeting", "a", date(2025, 6, 16)), event("Summit", "b", date(2025, 6, 11), date(2025, 6, 20)), KINDS).status == "candidate"
    # A place named by one report only and a day apart: a candidate.
    assert _weigh(meeting, event("Summit", "b", date(2025, 9, 13), places=()), KINDS).status == "candidate"
    # A third participant named by one report only is still one event: the other names fewer.
    assert _weigh(meeting, event("Summit", "b", date(2025, 9, 12), actors=(A, B, C)), KINDS).status == "accepted"


def test_kinds_the_ontology_declares_disjoint_stay_a_candidate():
    link = _weigh(event("Negotiation", "a", date(2025, 6, 16)), event("NegotiationRound", "b", date(2025, 6, 16), rounds=("1",)), KINDS)
    assert link.status == "candidate" and "compatible kinds: Negotiation and NegotiationRound" in link.support
    assert any("declares Negotiation and NegotiationRound disjoint" in reason for reason in link.against)


def test_never_a_false_merge():
    meeting = event("Meeting", "a", date(2025, 9, 12))
    # Two rounds: the third is not the fourth, whatever else agrees.
    assert _weigh(event("NegotiationRound", "a", date(2025, 6, 16), rounds=("3",)),
                  event("NegotiationRound", "b", date(2025, 6, 16), rounds=("4",)), KINDS) is None
    assert _weigh(event("Meeting", "a", date(2025, 6, 16), rounds=()), event("NegotiationRound", "b", date(2025, 6, 16), rounds=("4",)), KINDS) \
        .status == "accepted"  # a meeting names no round: no conflict
    # A week apart.
    assert _weigh(meeting, event("Summit", "b", date(2025, 9, 19)), KINDS) is None
    assert _weigh(meeting, event("Meeting", "b", date(2025, 9, 19)), KINDS) is None
    # No participant in common, the same day and place.
    assert _weigh(meeting, event("Meeting", "b", date(2025, 9, 12), actors=(C, D)), KINDS) is None
    assert _weigh(meeting, event("Summit", "b", date(2025, 9, 12), actors=(C, D)), KINDS) is None
    # Kinds that are not compatible.
    assert _weigh(meeting, event("Visit", "b", date(2025, 9, 12)), KINDS) is None
    # Places that differ: a candidate, never owl:sameAs.
    assert _weigh(meeting, event("Summit", "b", date(2025, 9, 12), places=(CANBERRA,)), KINDS).status == "candidate"
