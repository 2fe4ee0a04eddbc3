"""The word table every part of the scope step reads (scope.json): Lex, lex() and its cue patterns."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import load_table, trie

WORD = re.compile(r"\[?[\w][\w'’.-]*\]?|[^\w\s]")


@dataclass
class Lex:
    stop: frozenset
    classes: dict          # surface noun (lowercase) -> class name
    multi_classes: list    # multi-word surfaces, longest first
    group_nouns: frozenset
    ranks: frozenset
    descriptive: frozenset
    casualty: dict
    status_patterns: list  # (status, compiled regex)
    planned: re.Pattern    # the planned cues, and those that make an amount planned or expected
    planned_after: re.Pattern   # a time to come after an amount: "next year"
    any_status: re.Pattern  # any status cue: a window without one needs no per-status scan
    before_patterns: re.Pattern
    toll_words: dict
    non_locative_heads: frozenset
    locatives: frozenset
    region_words: frozenset
    unknown_place: re.Pattern
    facility_place: re.Pattern     # a named facility after a locative: a place ("at the Woomera Detention Centre")
    not_places: frozenset
    subject_country: re.Pattern
    participles: frozenset      # irregular participles and "worth": they end a noun phrase
    not_amount_nouns: frozenset # "tens of", "short of", "in lieu of": no noun an amount measures
    works_at: re.Pattern        # "analysts at" right before a name: an employer, not a place
    case_nouns: frozenset       # "cases", "infections": counted of a disease on an outbreak page
    not_diseases: frozenset     # words before "cases" that name no disease ("court cases", "more cases")
    placeless_units: frozenset  # a specification's units ("hp", "GHz"): the story's place does not hold for it
    country_nouns: frozenset    # "household", "exports": a country's adjective on them places the figure there
    region_adjectives: dict     # "European" -> "Europe": a region's adjective does the same
    region_adjective: re.Pattern
    released: re.Pattern        # "released", "freed", "swapped": captives set free are no longer captured
    charge_nouns: frozenset     # "five counts": a count of charges, never of people captured
    national: re.Pattern        # "nationally", "across the country": the figure is the home country's
    research: re.Pattern        # "one study in 496 girls found": a study's sample takes no story's place
    national_before: re.Pattern  # "the national average of" right before the figure


_ADV = r"(?:\s+(?:currently|now|already|still|reportedly|allegedly|mostly|all))*"


def _cue_atoms(cue: str) -> list[str]:
    """A status cue of the data file as regex pieces: "deaths?" -> d e a t h s?, "hospitali[sz]ed", a space is
    any whitespace, " {ADV}" adverbs ("are {ADV} in": "are still in"). Nothing else is special."""
    if re.search(r"[\\.^$*+(){}|]", cue.replace(" {ADV}", "")) or cue.count("[") != cue.count("]"):
        raise ValueError(f"status cue {cue!r} in scope.json: only '?', '[...]' and ' {{ADV}}' are special")
    atoms: list[str] = []
    i = 0
    while i < len(cue):
        ch = cue[i]
        if cue.startswith(" {ADV}", i):
            atoms.append(_ADV)
            i += 6
        elif ch == " ":
            atoms.append(r"\s+")
            i += 1
        elif ch == "[":
            j = cue.index("]", i)
            atoms.append(cue[i:j + 1])
            i = j + 1
        elif ch == "?" and atoms:
            atoms[-1] = "(?:%s)?" % atoms[-1] if len(atoms[-1]) > 1 and atoms[-1][0] != "[" else atoms[-1] + "?"
            i += 1
        else:
            atoms.append(re.escape(ch))
            i += 1
    return atoms


def _cue_pattern(cues, tail: str = r"(?![\w-])") -> re.Pattern:
    """Any of the cues (_cue_atoms) as whole words, any case; `tail` what must follow ("\\s+\\Z": the figure)."""
    return re.compile(r"(?<![\w-])(?:%s)%s" % ("|".join("".join(_cue_atoms(c)) for c in cues), tail), re.I)


def _research_pattern(r: dict) -> re.Pattern:
    """A study and the sample it followed: 'study in 496 girls', 'review of 14 studies', 'trial involving 3,000'."""
    nouns = "|".join(map(re.escape, sorted(r["nouns"], key=len, reverse=True)))
    subjects = "|".join(map(re.escape, r["subjects_before"]))
    return re.compile(r"(?<![\w-])(?:%s)(?:\s+(?:%s))?\s+(?:(?:over|about|more\s+than|nearly|some)\s+)?\d" % (nouns, subjects),
                      re.I)


@lru_cache(maxsize=None)
def lex() -> Lex:
    t = load_table("scope.json")
    classes = {}
    for cls, words in t["noun_classes"].items():
        for w in words:
            classes[w.lower()] = cls
    # (each status's cues in their order: which one matches matters; any_status, for yes/no only, is the trie
    # of all of them: under re.I the engine would try all 190 at every position)
    status_patterns = []
    all_cues = []
    for status, cues in t["status_cues"].items():
        if status == "planned":
            cues = cues + t["count_planned_cues"]["cues"]      # (the amounts' cues are status_cues' alone)
        body = "|".join("".join(_cue_atoms(c)) for c in cues)
        all_cues.extend(cues)
        status_patterns.append((status, re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % body, re.I)))
    return Lex(
        stop=frozenset(t["np_stopwords"]), classes=classes,
        multi_classes=sorted((w for w in classes if " " in w), key=len, reverse=True),
        group_nouns=frozenset(t["group_nouns"]), ranks=frozenset(t["military_ranks"]),
        descriptive=frozenset(t["descriptive_adjectives"]),
        casualty=t["casualty_adjectives"], status_patterns=status_patterns,
        # (as a trie: only whether a cue is there matters, and the engine tries a branch or two per position)
        planned=re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % trie(
            _cue_atoms(c) for c in t["status_cues"]["planned"] + t["amount_planned_cues"]), re.I),
        planned_after=re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % "|".join(t["amount_planned_after"]), re.I),
        any_status=re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % trie(_cue_atoms(c) for c in all_cues), re.I),
        before_patterns=re.compile(r"\b(?:the |a |an |its |their )?(?:%s)\s+$" % "|".join(
            re.escape(p) for p in t["counted_patterns_before"]), re.I),
        toll_words=t["toll_words"], non_locative_heads=frozenset(t["non_locative_heads"]),
        locatives=frozenset(t["locative_prepositions"]),
        region_words=frozenset(load_table("places.json")["region_words"]),
        unknown_place=re.compile(t["unknown_place_pattern"]),
        # "at the Woomera Detention Centre", "at Kandahar airport": group 1 the facility's name with its word
        facility_place=re.compile(r"\b(?:in|near|at|outside|inside|into|from|of)\s+(?:the\s+)?((?:[A-Z][a-z]+[ -]){1,3}(?:%s))\b"
                                  % "|".join(map(re.escape, sorted(t["facility_nouns"]["words"], key=len, reverse=True)))),
        not_places=frozenset(t["not_places"]),
        subject_country=re.compile(r"\s+(?:%s)\b" % "|".join(t["subject_country_verbs"])),
        participles=frozenset(t.get("participles", ())),
        not_amount_nouns=frozenset(t.get("not_amount_nouns", ())),
        case_nouns=frozenset(t.get("case_nouns", ())), not_diseases=frozenset(t.get("not_diseases", ())),
        placeless_units=frozenset(t["placeless_units"]["units"]),
        country_nouns=frozenset(t["country_adjective_nouns"]["words"]),
        region_adjectives=t["country_adjective_nouns"]["region_adjectives"],
        region_adjective=re.compile(r"\b(?:%s)\b" % "|".join(t["country_adjective_nouns"]["region_adjectives"])),
        charge_nouns=frozenset(t["charge_nouns"]["words"]),
        released=_cue_pattern(t["release_cues"]["words"]),
        national=_cue_pattern(t["national_cues"]["sentence"]),
        research=_research_pattern(t["research_findings"]),
        national_before=_cue_pattern(t["national_cues"]["before_figure"], r"\s+\Z"),
        works_at=re.compile(r"\b(?:%s)\s+at\Z" % "|".join(map(re.escape, t.get("employee_nouns", ()))) or r"(?!x)x", re.I))
