"""The codebook: event types, their PLOVER quad class, score and modes; themes; date precision.

Event types and modes follow the PLOVER event ontology (Open Event Data Alliance, manual draft
0.7b1) in the 16-type form used by this project, where REQUEST takes the place of PLOVER's DEMAND
and ACCUSE merges DISAPPROVE and INVESTIGATE. Scores are PLOVER's "Schrodt scores" on the
-10 (conflict) to +10 (cooperation) scale; REQUEST takes DEMAND's score. The sign of the score is
the sign of the tie an event creates between its actors and its recipients in the actor network.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventType:
    name: str
    quad: str
    score: float
    modes: tuple[str, ...]
    definition: str


EVENT_TYPES: dict[str, EventType] = {
    t.name: t
    for t in [
        EventType(
            "AGREE",
            "verbal cooperation",
            4.2,
            (),
            "Agree to, offer or promise to cooperate; declare an intention to act jointly.",
        ),
        EventType(
            "CONSULT",
            "verbal cooperation",
            2.1,
            ("visit", "third-party", "multilateral", "phone"),
            "Meet, visit, host or hold talks, in person or remotely.",
        ),
        EventType(
            "SUPPORT",
            "verbal cooperation",
            4.6,
            (),
            "Express political or diplomatic support, recognise, commend, approve.",
        ),
        EventType(
            "CONCEDE",
            "verbal cooperation",
            5.0,
            (),
            "Make a verbal concession, promise to ease restrictions or withdraw.",
        ),
        EventType(
            "COOPERATE",
            "material cooperation",
            6.8,
            (),
            "Mutual material cooperation: economic exchange, joint military activity.",
        ),
        EventType(
            "AID",
            "material cooperation",
            7.4,
            ("economic", "military", "humanitarian", "asylum"),
            "Provide material aid that mainly benefits the recipient: money, arms, personnel.",
        ),
        EventType(
            "RETREAT",
            "material cooperation",
            7.6,
            ("withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"),
            "A material concession: withdraw forces, release captives, resign.",
        ),
        EventType(
            "REQUEST",
            "verbal conflict",
            -5.0,
            ("assist", "change", "yield", "meet"),
            "Ask, call on or demand that another actor act.",
        ),
        EventType(
            "ACCUSE",
            "verbal conflict",
            -2.0,
            (),
            "Criticise, condemn, accuse, allege or investigate.",
        ),
        EventType(
            "REJECT",
            "verbal conflict",
            -4.2,
            ("assist", "change", "yield", "meet"),
            "Reject, refuse or deny a request, offer or allegation.",
        ),
        EventType(
            "THREATEN",
            "verbal conflict",
            -5.1,
            ("restrict", "ban", "arrest", "relations", "expel", "territory", "violence"),
            "Threaten sanctions, force or other coercive action.",
        ),
        EventType(
            "PROTEST",
            "material conflict",
            -6.6,
            ("demo", "riot", "strike-gen", "strike-lim", "strike-hun", "boycott", "obstruct"),
            "Demonstrate, rally or otherwise protest collectively.",
        ),
        EventType(
            "SANCTION",
            "material conflict",
            -5.2,
            ("convict", "cancel", "expel", "withdraw", "sever"),
            "Reduce relations: impose sanctions, embargoes or bans; cut ties.",
        ),
        EventType(
            "MOBILIZE",
            "material conflict",
            -5.3,
            ("troops", "weapons", "police"),
            "Military or police moves short of the use of force: deployments, exercises.",
        ),
        EventType(
            "COERCE",
            "material conflict",
            -7.2,
            (
                "confiscate",
                "restrict",
                "ban",
                "censor",
                "curfew",
                "martial-law",
                "arrest",
                "deport",
                "withhold",
            ),
            "Repress or restrict rights: arrest, detain, ban, withhold.",
        ),
        EventType(
            "ASSAULT",
            "material conflict",
            -9.3,
            (
                "abduct",
                "beat",
                "torture",
                "execute",
                "sexual",
                "assassinate",
                "destroy",
                "primitive",
                "firearms",
                "explosives",
                "suicide-attack",
                "heavy-weapons",
            ),
            "Deliberate physical harm: killings, attacks, destruction.",
        ),
    ]
}

THEMES: dict[str, str] = {
    "background": "Context: events before 2019 and the line-up around the two claimants.",
    "military": "Military involvement: Cuba, Russia, Iran, Colombian guerrillas, intervention.",
    "russia": "The Russian presence: deployments, diplomacy, drawdown and later arrivals.",
    "sanctions": "Sanctions: who sanctioned whom and what, and how the targets answered.",
}

DATE_PRECISIONS: dict[str, str] = {
    "year": "YYYY: the event falls somewhere in that year.",
    "month": "YYYY-MM: the event falls somewhere in that month.",
    "day": "YYYY-MM-DD: the event falls on that day.",
}

DATE_BASES: dict[str, str] = {
    "stated": "The source states the date (at the precision given).",
    "inferred": "The date is resolved from the text's own anchors (e.g. 'on Monday'); see note.",
    "borrowed": "The text does not fix the date; it is taken from another source's report of the "
    "same event, which the note names. Never evidence that the sources agree on a date.",
}

SCOPES: dict[str, str] = {
    "crisis": "An act in the Venezuelan crisis: it places actors in camps and is counted.",
    "context": "Background or an aside the sources tell; narrated, but not an act of the crisis.",
}

# The hedges a claim may carry, as the quote words them, with the interval each stands for:
# a value v hedged this way lies in [low * v, high * v]. The number reader
# (``crisis.data.numbers``) recognises exactly these words, and the corroboration reads them.
HEDGES: dict[str, tuple[float, float]] = {
    "": (1.0, 1.0),
    "about": (0.9, 1.1),
    "around": (0.9, 1.1),
    "approximately": (0.9, 1.1),
    "roughly": (0.9, 1.1),
    "some": (0.9, 1.1),
    "or so": (0.9, 1.1),
    "nearly": (0.9, 1.0),
    "almost": (0.9, 1.0),
    "just": (0.9, 1.0),
    "less than": (0.9, 1.0),
    "fewer than": (0.9, 1.0),
    "under": (0.9, 1.0),
    "up to": (0.9, 1.0),
    "as many as": (0.9, 1.0),
    "more than": (1.0, 1.1),
    "over": (1.0, 1.1),
    "at least": (1.0, 1.1),
    "or more": (1.0, 1.1),
}
# Hedges written after the number ("100 or so"); every other hedge comes before it.
TRAILING_HEDGES = ("or so", "or more")


def score(event_type: str) -> float:
    """The PLOVER score of an event type (positive: cooperation, negative: conflict)."""
    return EVENT_TYPES[event_type].score


def sign(event_type: str) -> int:
    """+1 for a cooperative event type, -1 for a conflictual one."""
    return 1 if score(event_type) > 0 else -1
