"""Status from the cues of a figure's clause: a count's nearest (killed, captured, in_place ...), an amount planned."""
from __future__ import annotations

import re

from .dates import MONTHS, WEEKDAYS
from .scope_words import lex


# what ends another figure's clause between a status word and this figure: "14 people were arrested and |
# three officers were injured"
_OTHER_CLAUSE = re.compile(r"\b(?:and|but|while|whereas)\b|;")
_CASUALTY_STATUSES = frozenset({"killed", "wounded", "missing", "captured", "casualties"})
# a coordinated clause with a verb of its own: "... and forced", ", forces" (not "and 30", "and another")
_NEW_VERB_CLAUSE = re.compile(r"\band\s+(?!(?:about|some|nearly|more|less|fewer|at|up|over|almost|around|the|a|an|"
                              r"another|other|its|their|his|her|at\s+least)\b)[a-z]+(?:ed|es|s)\b(?!\s+by\b)")
# a coordinated verb right after "and": "infected 4,500 people and killed 120" (not "police and gendarmes had
# been deployed", nouns joined by "and")
_AND_VERB_BEFORE = re.compile(r"\b(?:and|but)\s+(?:(?:also|then|later)\s+)?\Z")
# a verb's object right after it: "killed an Israeli settler", "shot 12 protesters" (not "killed in", "killed Monday")
_VERB_OBJECT = re.compile(r"\s+(?:(?:an?|the|his|her|their|its|two|three|four|five|six|seven|eight|nine|ten|dozens|"
                          r"hundreds)(?![\w-])|\d|(?!(?:%s)\b)[A-Z])" % "|".join(
                              w.capitalize() for w in (*WEEKDAYS, *MONTHS)))
_PASSIVE = re.compile(r"\b(?:were|was|are|is|been|being|be|got|get|gets)\b")
# another figure's own noun, right after it: "109 deaths as of Monday, up from 3,900 cases"
_FIGURE_NOUN_GAP = re.compile(r"\s*\Z")


def _status_in(text: str, before, after, others=(), own_noun: bool = False) -> tuple[str, int] | None:
    """The status word nearest the figure in its clause, and its distance. A word before the figure does not
    count when it belongs to another, earlier figure: in a clause joined to this one by 'and' ("14 people were
    arrested and three officers injured"), or right after that figure when this one has its own noun ("109
    deaths, up from 3,900 cases"; but "15,000 marched, organisers claim 100,000" shares the verb)."""
    best = None
    # most windows hold no status word at all: one scan for any of them, the per-status scans only where one is
    lx = lex()
    after = [(a, b) for a, b in after if lx.any_status.search(text, a, b)]
    before = [(a, b) for a, b in before if lx.any_status.search(text, a, b)]
    if not after and not before:
        return None
    for status, pat in lx.status_patterns:
        for a, b in after:
            for m in pat.finditer(text, a, b):
                d = m.start() - a
                if best is None or d < best[1]:
                    if m.group(0)[-1:] == "s" and any(a < e <= m.start() and _FIGURE_NOUN_GAP.match(text, e, m.start())
                                                      for _, e in others):
                        continue   # "26 cases and 11 deaths": the next figure's noun
                    if _AND_VERB_BEFORE.search(text, a, m.start()) and any(m.end() <= s2 <= m.end() + 40 for s2, _ in others):
                        continue   # "infected 4,500 people and killed 120": the next figure's own verb
                    if status in _CASUALTY_STATUSES and m.group(0).endswith(("ed", "shot")) and \
                            _VERB_OBJECT.match(text, m.end()) and \
                            not _PASSIVE.search(text, a, m.start()):
                        continue   # "Two gunmen killed an Israeli settler": they did it, it was not done to them
                    best = (status, d)
        for a, b in before:
            for m in pat.finditer(text, a, b):
                d = b - m.end()
                if best is None or d < best[1]:
                    owner = max((e for _, e in others if a <= e <= m.start()), default=None)
                    if owner is not None and (_OTHER_CLAUSE.search(text, m.end(), b) or
                                              own_noun and _FIGURE_NOUN_GAP.match(text, owner, m.start()) and
                                              m.group(0)[-1:] == "s"):     # a noun ("deaths"), not "killed"
                        continue
                    # the verb's own object comes first: "killed at least 12 people and forced more than
                    # 300,000 to flee" (but "killed 12 civilians and 30 soldiers" shares it)
                    taken = max((e for s2, e in others if m.end() <= s2 and e <= b), default=None)
                    if taken is not None and _NEW_VERB_CLAUSE.search(text, taken, b):
                        continue
                    best = (status, d)
    return best


def _planned_in(text: str, start: int, end: int, before, after) -> bool:
    """A planned, promised or expected cue right before an amount, in its clause ("is set to raise up to", "plans
    to spend a total of", "forecast another"), or a time to come right after it ("5.4% of GDP next year")."""
    lx = lex()
    near = [(max(a, start - _PLANNED_BEFORE), b) for a, b in before if b > start - _PLANNED_BEFORE]
    return any(lx.planned.search(text, a, b) for a, b in near) or \
        any(lx.planned_after.search(text, a, min(b, end + _PLANNED_AFTER)) for a, b in after if a < end + _PLANNED_AFTER)


_PLANNED_BEFORE = 45     # characters: the verb phrase that governs the amount, not an earlier clause's
_PLANNED_AFTER = 40
