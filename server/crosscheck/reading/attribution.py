"""Who claims each figure, and when.

First every reporting statement on the page is found ("X said", "said X", "according to X", "citing X",
'"...," X said', "X: ..." in a headline), its speaker resolved to a claimant (known claimants and their
aliases from data/claimants.json; otherwise people and organisations by pattern) and its date cue resolved
against the publication date. Then each figure takes the statement that covers it: a statement inside the
same quotation, the quotation's speaker, the nearest statement of its sentence, a tweet's signature, or
else the outlet itself. A claim date missing from a statement is taken from the nearest dated statement of
the same claimant."""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import islice

from ..model import Claimant, Figure, Page, Sentence
from .context import StoryContext
from .dates import TimeCue, dateline, find_cues, resolve
from .lexicon import alternation, caseless_prefilter, claimants, has_caseless, load_table, places
from .quotes import inside, quote_spans

WORD = re.compile(r"[\w][\w'’.\-]*[\w](?:\.(?=\s+[A-Z]))?|[\w]|[^\w\s]")
ADVERBS = {"also", "later", "previously", "earlier", "separately", "further", "then", "here", "has", "have",
           "had", "is", "was", "were", "are", "reportedly", "publicly", "again", "once", "subsequently",
           "recently", "would", "will", "on", "in", "a", "statement", "it", "that", "could", "already", "just",
           "privately", "officially", "initially", "first", "now", "still"}


@dataclass
class Words:
    verbs: re.Pattern
    source_phrases: re.Pattern
    source_phrases_lower: re.Pattern | None   # their lowercased words: a prefilter (lexicon.has_caseless)
    speaker_lower: frozenset
    titles: frozenset
    org_words: frozenset
    generic_bodies: frozenset
    spokes: frozenset
    ambiguous: frozenset
    speech_verbs: frozenset        # verbs that only mean speaking: "he said" may stand for the person named last
    opinion_verbs: frozenset       # "51 percent say", "support": a share of opinions, a poll's finding
    poll_name: re.Pattern          # "A new ABC News poll": the pollster's name before a poll noun
    not_first_names: frozenset
    descriptors: frozenset
    company_nouns: frozenset
    company_name_words: frozenset    # lowercase, as PageEntities keys bodies
    company_noun_next: re.Pattern    # a company noun next: "Telecom operator says" (a description, not a name)
    passive_participles: frozenset   # "was found", "were told": no speaker
    dated_by_publication: frozenset  # "X said" with no day of its own speaks on the publication day
    any_body_heads: frozenset        # "the agency said": whichever organisation spoke last
    speaks_for: frozenset
    media_patterns: tuple          # (noun, its word-bounded regex), in media_nouns order
    spokes_tail: re.Pattern        # a spokesperson word ending a name
    named_body: re.Pattern         # "Halden Port Authority": capitalised words ending in an organisation word
    named_body_of: re.Pattern      # ... allowing "of (the)" inside ("Ministry of the Interior")
    aside_before_verb: re.Pattern  # what may stand between a speaker and the verb (speaker_before)
    headline_labels: frozenset     # "Breaking:", "Watch:": a headline's label before a colon, not a speaker
    records_last: re.Pattern       # a source's records ending a mention: "court documents", "LSEG data"
    body_in_before: re.Pattern     # "the defence ministry in" before a place: the body speaks, not the place
    postmodifier: re.Pattern       # "people familiar with the matter": what says who a speaker is, after it
    postmodified: re.Pattern       # a mention that holds one
    postmodifier_words: tuple      # their words, for a cheap look first
    document_nouns: frozenset      # what an author writes: "a report ... by the World Bank"
    giving_verbs: frozenset        # "pledged", "promised": with an amount right after, a gift, not a claim


@lru_cache(maxsize=None)
def words() -> Words:
    t = load_table("attribution.json")
    speaker_lower = set()
    for key in ("spokesperson_words", "generic_bodies", "media_nouns"):
        for phrase in t[key]:
            speaker_lower.update(phrase.lower().split())
    speaker_lower.update({"news", "spy", "intelligence", "defense", "defence", "foreign", "health", "senior",
                          "top", "military", "local", "state", "reports", "interior", "policy", "press",
                          "presidential", "deputy", "national", "civil", "protection", "emergency",
                          "emergencies", "rescue", "fire", "city", "regional", "provincial", "federal",
                          "security", "disaster", "management", "finance", "budget", "independent",
                          "former", "acting", "chief", "spy", "border", "guard", "counting", "crowd"})
    speaker_lower.update(t["record_nouns"])     # a source's records speak for it: "Reuters data showed"
    speaker_lower -= {"the", "of", "a", "an"}
    org = "|".join(sorted((re.escape(w.lower().capitalize()) for w in t["org_words"]), key=len, reverse=True))
    return Words(
        verbs=alternation(t["reporting_verbs"]),
        source_phrases=alternation(t["source_phrases"], re.I),
        source_phrases_lower=caseless_prefilter(t["source_phrases"]),
        speaker_lower=frozenset(speaker_lower),
        titles=frozenset(w.lower().rstrip(".") for title in t["titles"] for w in title.split()),
        org_words=frozenset(w.lower() for w in t["org_words"]),
        generic_bodies=frozenset(t["generic_bodies"]),
        spokes=frozenset(t["spokesperson_words"]),
        ambiguous=frozenset(t["ambiguous_verbs"]),
        speech_verbs=frozenset(t["speech_verbs"]["words"]),
        opinion_verbs=frozenset(t["polls"]["opinion_verbs"]),
        # (after an article and up to three lower-case words: "A new ABC News poll"; not a headline's "Impeachment poll")
        poll_name=re.compile(r"\b(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat|[Ii]ts)[^\S\n]+(?:[a-z]+[^\S\n]+){0,3}"
                             r"((?:[A-Z][\w&'’./-]*[^\S\n]+){1,5}?)(?:opinion[^\S\n]+)?(?:%s)\b" % "|".join(
                                 t["polls"]["nouns"])),
        not_first_names=frozenset(t.get("not_first_names", ())),
        descriptors=frozenset(t.get("descriptor_nouns", ())),
        company_nouns=frozenset(t.get("company_nouns", ())),
        company_name_words=frozenset(w.lower() for w in t.get("company_name_words", ())),
        company_noun_next=re.compile(r"[^\S\n]+(?:%s)\b" % "|".join(
            sorted(map(re.escape, t.get("company_nouns", ())), key=len, reverse=True) or [r"(?!x)x"])),
        passive_participles=frozenset(t.get("passive_participles", ())),
        dated_by_publication=frozenset(t["dated_by_publication"]),
        headline_labels=frozenset(t["headline_labels"]),
        # (up to the verb, after an auxiliary at most: "people familiar with the matter have said")
        postmodifier=re.compile(r"(?<=\w)\s+((?:%s)\s+[^,;:\"“”()]{1,60}?)(?:\s+(?:had|have|has|also))*\s*$" % "|".join(
            sorted(map(re.escape, t["speaker_postmodifiers"]), key=len, reverse=True))),
        postmodifier_words=tuple(t["speaker_postmodifiers"]),
        document_nouns=frozenset(t["document_nouns"]),
        giving_verbs=frozenset(t["giving_verbs"]["words"]),
        postmodified=re.compile(r"(?<=\w)\s+(?:%s)\s+\S" % "|".join(map(re.escape, t["speaker_postmodifiers"]))),
        records_last=re.compile(r"(?<=[A-Za-z])\s+(?:%s)$" % "|".join(map(re.escape, t["record_nouns"]))),
        body_in_before=re.compile(r"(?:\b(?:[Tt]he|[Ll]ocal)\s+)?\b(?:%s)\s+(?:in|of)\s+\Z" % "|".join(
            sorted(map(re.escape, t["generic_bodies"]), key=len, reverse=True)), re.I),
        any_body_heads=frozenset(t.get("any_body_heads", ())),
        speaks_for=frozenset(t["speaks_for_titles"]),
        media_patterns=tuple((n, re.compile(r"\b%s\b" % re.escape(n)))
                             for n in sorted(t["media_nouns"], key=len, reverse=True)),
        spokes_tail=re.compile(r"\s+(?:%s)$" % "|".join(map(re.escape, t["spokesperson_words"]))),
        # (names never run across a line break: the page's blocks are joined by blank lines)
        # ("[A-Z](?<!\w.)" is "\b[A-Z]" with the boundary checked after the capital, so the regex engine skips
        # to capitals: half the time of a scan of the whole page)
        named_body=re.compile(r"([A-Z](?<!\w.)[\w'-]+[^\S\n]+(?:[A-Z][\w'-]+[^\S\n]+){0,3}(?:%s))\b" % org),
        # what may stand between a speaker and the verb: "X, in a statement on Monday, said"; "X, who voted
        # against the plan, said", "The ministry, which does not count combatants, said" (a relative clause about
        # the speaker); a title after a name: "Gwynne Shotwell, president and chief operating officer of SpaceX,
        # said"
        aside_before_verb=re.compile(
            r"(?<=\w),\s+(?:(?:in|on|at|during|after|before|from|with|according)\b[^,]{2,60}"
            r"|(?:who|whose|which)\s[^,\"“”]{2,100}"
            r"|(?:the\s+|a\s+|an\s+)?(?:[a-z][\w-]*\s+){0,5}(?:%s)\b[^,\"“”]{0,80}"
            # an appositive that says who the speaker is: "Maria Lopez, a nurse at the hospital, said",
            # "Lakshiwnder Singh, another deportee, said", "Ana Ruiz, one of the organisers, said"
            r"|(?:a|an|another|one\s+of)\s+[a-z][^,\"“”]{1,80}"
            # an age: "Smith, 45, said"
            r"|\d{1,3}"
            # a participle about the speaker: "The study, published in JAMA Psychiatry, found"
            r"|(?:published|released|conducted|led|funded|issued|commissioned|carried\s+out|based|posted|"
            r"written|prepared|compiled)\s[^,\"“”]{2,80}),\s*$" % "|".join(
                sorted(map(re.escape, {w.lower().rstrip(".") for w in t["titles"] + t["spokesperson_words"]}),
                       key=len, reverse=True))),
        named_body_of=re.compile(r"([A-Z](?<!\w.)[\w'’-]+[^\S\n]+(?:of[^\S\n]+(?:the[^\S\n]+)?)?"
                                 r"(?:[A-Z][\w'’-]+[^\S\n]+(?:of[^\S\n]+(?:the[^\S\n]+)?)?){0,4}(?:%s))\b" % org),
    )


@dataclass
class Statement:
    sentence: Sentence
    block: int
    start: int               # span of the whole reporting frame in the sentence (speaker and verb)
    end: int
    anchor: int              # where the claim begins: after the verb / the source phrase
    mention: str
    claimant: Claimant | None = None
    pending: str | None = None       # pronoun | generic | country | relative, resolved with page context
    generic_head: str | None = None
    person: str | None = None        # a person named in the mention ("Pat Ryder"), for "he said"
    cue: TimeCue | None = None
    date: date | None = None
    cited: Claimant | None = None    # "X reported, citing Y"
    synthetic_quote: bool = False    # a tweet's signature covers the blocks before it
    covers_blocks: tuple = ()
    verb: str = ""                   # the reporting verb or source phrase ("said", "according to", "citing")
    country_speaks: bool = False     # the speaker is a whole country ("Greece has recorded ...")
    pronoun: str | None = None       # the pronoun a pending mention stands on ("His office": "he")

    @property
    def page_start(self) -> int:
        return self.sentence.start + self.start


# ---------------------------------------------------------------- noun phrases around a verb

def _tok(text: str, a: int, b: int):
    return [(m.start(), m.end(), m.group(0)) for m in WORD.finditer(text, a, b)]


def _speakerish(w: str) -> bool:
    wd = words()
    low = w.lower()
    if low in ("of", "the", "for", "from", "'s", "’s", "and", "&"):
        return True
    if w[0].isupper() or w[0].isdigit() and False:
        return True
    if low.endswith("'s") or low.endswith("’s"):
        return True
    return low in wd.speaker_lower


# a relative clause between a speaker and the verb, without commas ("consumers who sought help on launch day
# reported")
_WHO_BEFORE_VERB = re.compile(r"(?<=\w)\s+who\s+[^,;:\"“”()]{2,80}?\s*$")
_POLLED_BY = re.compile(r"(?<=\w)\s+(?:polled|surveyed|interviewed|questioned|consulted)\s+by\s+[^,;:\"“”()]{1,40}?"
                        r"(?:\s+(?:had|have|has))?\s*$")

# "The researchers estimate that": a plural speaker before a clause makes "estimate" a verb
_THAT_AFTER = re.compile(r"\s+that\b")
_PLURAL_SPEAKER = re.compile(r"[a-z]s\Z")
# "put the figure at about 35,000", "puts the death toll at 58", "put it at 100,000": an estimate, whoever makes it
_PUT_AT = re.compile(r"\s+(?:(?:(?:the|its|their|that|this)\s+[^,.;:\d]{1,40}?|it|them)\s+at|"
                     r"(?:the\s+)?[A-Z][^,.;:\d]{0,40}?\s+on)"
                     r"\s+(?:[a-z]+\s+){0,3}[$€£]?\d")        # (and a poll's "put Labour on 38%")


def speaker_before(text: str, pos: int) -> tuple[int, int] | None:
    """Span of the speaker noun phrase that ends just before `pos` (a reporting verb)."""
    head = text[max(0, pos - 160):pos]
    m = re.search(r"\s*\([A-Z][A-Za-z.&-]{1,12}\)\s*$", head)     # "... Affairs (OCHA) said"
    if m:
        pos -= len(head) - m.start()
    if " of the " in text[max(0, pos - 100):pos]:
        # "The mayor of the southern port city of Odesa said": the mayor, as "the mayor of Odesa said"
        m = _OF_DESCRIBED_PLACE.search(text, max(0, pos - 100), pos)
        if m and places().described_place.fullmatch(text, m.start(1), m.end(1)):
            pos = m.start()
    base = max(0, pos - 160)
    m = re.search(r",\s*((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*),\s*$", text[base:pos])
    if m and not re.search(r"[\"”’']\s*$", text[:base + m.start() + 1]):
        # an appositive name: "The regional governor, Mirela Kast, said"
        return base + m.start(1), base + m.end(1)
    aside = words().aside_before_verb.search(text, max(0, pos - 160), pos)
    if aside:
        pos = aside.start()
    else:
        # (the words themselves looked for first: most speakers have none)
        window = text[max(0, pos - 90):pos]
        post = words().postmodifier.search(text, max(0, pos - 90), pos) \
            if any(w in window for w in words().postmodifier_words) else None
        if post:
            # "people familiar with the matter said", "a group representing rural counties said": the speaker
            # with what says who they are
            start = _noun_phrase_start(text, post.start(), capitals=True)
            return (start, post.end(1)) if start is not None else None
        who = _WHO_BEFORE_VERB.search(text, max(0, pos - 100), pos) or _POLLED_BY.search(text, max(0, pos - 80), pos)
        if who:
            pos = who.start()      # "analysts who have done the calculations say", "economists polled by Reuters
            #                        had expected": the analysts, the economists
    # the first of two speakers with a companion ("Paganini and his team reported"); the time between a
    # speaker and the verb ("Clark in October revealed")
    companions = " and " in text[max(0, pos - 60):pos] and _COMPANIONS_BEFORE_VERB.search(text, max(0, pos - 60), pos)
    between = companions or _TIME_BEFORE_VERB.search(text, max(0, pos - 40), pos)
    if between:
        pos = between.start()
    toks = _tok(text, max(0, pos - 160), pos)
    k = len(toks)
    while k and toks[k - 1][2].lower() in ADVERBS and toks[k - 1][2].lower() != "it":
        k -= 1
    if k and toks[k - 1][2] in ("it", "It") and (k == 1 or toks[k - 2][2] in (".", ",", ";", ":", "and", "but")):
        return toks[k - 1][0], toks[k - 1][1]   # "It added that ...", "It also said": the body that spoke last
    # drop adverbs, auxiliaries and a time cue between speaker and verb: "X also said", "X on Monday said"
    while toks and (toks[-1][2].lower() in ADVERBS or re.fullmatch(
            r"(?i)monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|last", toks[-1][2])):
        if toks[-1][2].lower() in ("that",):
            return None
        toks.pop()
    end = None
    start = None
    for i in range(len(toks) - 1, -1, -1):
        s, e, w = toks[i]
        if w in (",", '"', "”", "“", "'", "’", ":", ";", "(", ")", "–", "—", "-") or not (
                _speakerish(w) or w == "on" and start is not None and i and _ORG_ON.match(toks[i - 1][2])):
            break           # ("on" inside a body's name: "National Institute on Drug Abuse")
        if end is None:
            end = e
        start = s
    if start is None:
        # pronouns and relative pronouns
        if toks and toks[-1][2].lower() in ("he", "she", "they", "we", "i", "it", "which", "who"):
            return toks[-1][0], toks[-1][1]
        return None
    # a known name that ends where the speaker does: "the U.N. refugee agency said" is UNHCR, not "agency"
    known = _known_ending_at(text, end) if _LOWER_BEFORE.search(text, max(0, start - 40), start) else None
    if known is not None and known < start:
        start = known
    if _TO_BEFORE.search(text, max(0, start - 12), start):
        return None         # "documents leaked to the New York Times have unveiled": an object, no speaker
    # trim connectors at the left edge
    span = text[start:end]
    lead = re.match(r"(?:(?:of|the|for|from|and|but|or|yet|so|however|meanwhile)\s+)+", span, re.I)
    if lead:
        start += lead.end()
    if start >= end:
        return None
    # (both need "in"/"of"/"from"/"at" right before the speaker: one cheap look first)
    officials = _PLACE_PREPOSITION_BEFORE.search(text, max(0, start - 10), start) and (
        _OFFICIALS_BEFORE.search(text, max(0, start - 40), start) or
        words().body_in_before.search(text, max(0, start - 60), start))
    owner = _OWNER_BEFORE.search(text, max(0, start - 80), start)
    if officials:
        start = officials.start()      # "Officials in Derna said", "the defence ministry in Moscow said"
    elif owner:
        start = owner.start(1)         # "Bolivia's public defender's office said": whose office
    elif text[start:start + 1].islower():
        # the words that say which body or people a generic speaker is: "Education advocacy groups estimated",
        # "federal prosecutors said" (the walk above stops at words it does not know)
        wider = _noun_phrase_start(text, end, capitals=False)
        start = start if wider is None else wider
    return start, end


# "(mayor) of the southern port city of Odesa" right before a verb: group 1 is the described place
_OF_DESCRIBED_PLACE = re.compile(r"(?<=[a-z])\s+of\s+(the\s+(?:[\w’'-]+\s+){1,4}of\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)\s*\Z")


_TO_BEFORE = re.compile(r"\bto\s+(?:the\s+)?\Z")
# a named owner right before a speaker, with up to two lower-case words between: "Bolivia's public| defender's
# office", "The Washington Post's |Fact Checker"
_OWNER_BEFORE = re.compile(r"(?<![\w'’-])((?:[A-Z][\w.&-]*[^\S\n]+){0,3}[A-Z][\w.&-]*['’]s)[^\S\n]+(?:[a-z][\w-]*[^\S\n]+){0,2}\Z")


# a companion after the speaker: "Paganini and his team", "The governor and her aides"
_COMPANIONS_BEFORE_VERB = re.compile(r"(?<=\w)\s+and\s+(?:his|her|their|its)\s+(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*s?\s*$")
_MONTH_OR_DAY = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
                 r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)")
# a time between a speaker and the verb: "Clark in October revealed", "The firm last week said"
# ... or a participle with its time: "A ministry statement issued on Monday put the toll at 40"
_TIME_BEFORE_VERB = re.compile(r"(?<=\w)\s+(?:(?:(?:issued|released|published|posted|sent|made)\s+)?"
                               r"(?:in|on|during|since)\s+(?:early\s+|late\s+|mid-)?%s(?:\s+\d{1,2})?|"
                               r"(?:issued|released|published|posted|sent|made)\s+(?:late\s+|early\s+)?%s|"
                               r"(?:last|this|earlier\s+this|late\s+last|early\s+last)\s+(?:week|month|year|weekend|%s))"
                               r"(?:\s+(?:night|morning|evening|afternoon))?\s*$"
                               % (_MONTH_OR_DAY, _MONTH_OR_DAY, _MONTH_OR_DAY))


# words that end a noun phrase on its left: determiners, numbers and quantifiers, function words, times
_NP_LEFT_EDGE = frozenset(
    "the a an this that these those its their his her our my your some several many most all both each every any "
    "two three four five six seven eight nine ten dozens hundreds thousands one other another few "
    "and or but nor yet so as than of for from to in on at by with without about after before during since "
    "over under into onto upon while when where whether if because although though who which whose whom "
    "is are was were be been being has have had do does did will would could should may might must can "
    "not no also said says say told "
    "monday tuesday wednesday thursday friday saturday sunday today yesterday".split())


def _noun_phrase_start(text: str, end: int, capitals: bool, most: int = 4) -> int | None:
    """Where the noun phrase that ends at `end` begins: back over up to `most` words to a determiner, number or
    function word (_NP_LEFT_EDGE), a punctuation mark or the sentence's start; None when no such edge is found.
    `capitals`: its words may be names ("Sources close to", "PG&E officials"); else only lowercase,
    hyphenated ("Washington-based") and all-capital words go in."""
    words = list(_NP_WORD.finditer(text, max(0, end - 120), end))
    start, edge, i = None, end, len(words)
    while i and words[i - 1].end() == edge and len(words) - i < most:
        w = words[i - 1].group(0)
        if not (_modifier_word(w, sentence_first=words[i - 1].start() == 0) or
                capitals and w.lower() not in _NP_LEFT_EDGE):
            break
        i -= 1
        start, edge = words[i].start(), words[i].start() - 1
        if edge < 0 or text[edge] != " ":
            break
    if start is None:
        return None
    if start == 0 or text[start - 1] in ",;:(\"“”—–":
        return start
    before = words[i - 1] if i else None
    if before is None or before.end() != start - 1 or before.group(0).lower() not in _NP_LEFT_EDGE:
        return None
    if before.group(0).lower() in _SINGULAR_DETERMINERS and text[end - 1:end] == "s":
        return None        # "a pledge critics say": "a" is no plural's; "critics" begins a clause of its own
    return start


_SINGULAR_DETERMINERS = frozenset({"a", "an", "this", "that", "another", "each", "every", "one"})


def _modifier_word(w: str, sentence_first: bool) -> bool:
    """A word that may say which body or people a generic noun is: lowercase, hyphenated ("Washington-based")
    or all capitals ("PG&E"), or capitalised only as a sentence's first; no determiner or function word."""
    return w.lower() not in _NP_LEFT_EDGE and (w.islower() or "-" in w or w.isupper() or sentence_first)


_NP_WORD = re.compile(r"[A-Za-z][\w&.'’-]*")


_PLACE_PREPOSITION_BEFORE = re.compile(r"\b(?:in|of|from|at)\s+(?:the\s+)?\Z")
# a place's officials before it: "Officials in Derna", "local authorities in Hatay", "Police in the Indian state of"
_OFFICIALS_BEFORE = re.compile(r"(?:\b(?:[Tt]he|[Ll]ocal|[Ss]enior|[Tt]op)\s+)*\b(?:[Oo]fficials|[Aa]uthorities|[Pp]olice|"
                               r"[Rr]escuers|[Dd]octors|[Mm]edics)\s+(?:in|from|at)\s+(?:the\s+)?\Z")
_LOWER_BEFORE = re.compile(r"[a-z.]\s+\Z")      # the speaker found may be the end of a longer name


def _known_ending_at(text: str, end: int) -> int | None:
    """The start of the longest known claimant alias that ends at `end` (within 60 characters), or None."""
    c = claimants()
    lo = max(0, end - 60)
    for pattern in (c.pattern, c.pattern_ci):
        for m in pattern.finditer(text, lo, end):
            if m.end() == end:
                return m.start()
    return None


def speaker_after(text: str, pos: int) -> tuple[int, int] | None:
    """Speaker noun phrase that starts at `pos` (inverted "said spokesperson Matthew Miller")."""
    toks = _tok(text, pos, min(len(text), pos + 200))
    wd = words()
    start = end = None
    seen_capital = False
    for i, (s, e, w) in enumerate(toks):
        low = w.lower()
        if start is None and low in ("the", "a", "an"):
            start = s
            continue
        if low in ("estimates", "estimate", "figures", "data", "statement", "a", "report", "reports") and not seen_capital and (
                i + 1 < len(toks) and toks[i + 1][2].lower() in ("by", "from", "of")):
            continue
        if low in ("by", "from") and not seen_capital and end is None:
            continue
        if low in wd.descriptors and end is None and i + 1 < len(toks) and toks[i + 1][2][:1].isupper():
            start = None       # "by the firm Comptage Public": the name is the speaker
            continue
        if low in ("of", "the", "for", "and") and end is not None and i + 1 < len(toks) and toks[i + 1][2][:1].isupper():
            continue
        if w[:1].isupper() or low.endswith("'s") or low.endswith("’s"):
            seen_capital = True
        elif low in wd.speaker_lower and not (seen_capital and low in ("news",) and False):
            if seen_capital and low not in wd.speaker_lower:
                break
        else:
            break
        if start is None:
            start = s
        end = e
    if end is None:
        return None
    joined = text.rfind(" and ", start, end)
    if joined >= 0 and text[start:end].rsplit(None, 1)[-1].lower() not in wd.org_words:
        end = joined       # "and" joins the words of one body's name ("... Reduction and Management Authority"),
        #                    not two sources ("Reuters and AFP")
    while text[start:end].lower().split()[0] in ("the", "a", "an") and len(text[start:end].split()) > 1:
        start = start + len(text[start:end].split()[0]) + 1
    return start, end


# "according to teachers unions", "according to federal prison records": whatever noun phrase follows names the
# source, capitalised or not (up to six words, to the clause's end)
_SOURCE_NP = re.compile(r"\s+(?:the\s+|a\s+|an\s+)?((?:(?!(?:that|which|who|when|while|as|but|and|in|on|at|for|since|"
                        r"after|before|this|last)\b)[\w'’.&-]+\s+){0,5}[\w'’&-]*[\w])(?=\s*(?:[,;:.)]|$|\s+(?:that|which|who|"
                        r"when|while|as|but|and|in|on|at|for|since|after|before)\b))")


def _source_after(text: str, pos: int) -> tuple[int, int] | None:
    m = _SOURCE_NP.match(text, pos)
    if m is None or not any(ch.isalpha() for ch in m.group(1)) or re.match(r"\d", m.group(1)):
        return None
    if words().postmodified.search(m.group(1)):
        # what says who the source is runs to the clause's end: "a group representing rural counties in California"
        rest = _TO_CLAUSE_END.match(text, m.end(1))
        return m.start(1), rest.end() if rest else m.end(1)
    return m.start(1), m.end(1)


def _document_author(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """The author of the document a source phrase names, who speaks for it: "according to a report released
    Thursday by the World Bank", "according to a survey conducted in May by Gallup" (attribution.json
    document_nouns); None when the clause names none."""
    if not any(w.lower() in words().document_nouns for w in text[span[0]:span[1]].split()):
        return None
    m = _BY_AUTHOR.match(text, span[1])
    return m.span(1) if m else None


# right after "according to": a document (its name and words that say which: "the TexAuto Facts report", "a report
# released Thursday") then "from" or "by" and its author's capitalised name
_DOCUMENT_FROM = re.compile(
    r"\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+|this\s+|that\s+)?(?:[\w'’&.-]+\s+){0,4}?(?:%s)\s+"
    r"(?:[a-z][\w-]*\s+){0,3}?(?:by|from)\s+((?:the\s+)?[A-Z][\w'’&.-]*(?:\s+(?:of\s+(?:the\s+)?|for\s+|and\s+)?"
    r"[A-Z][\w'’&.-]*){0,6})" % "|".join(sorted(map(re.escape, load_table("attribution.json")["document_nouns"]),
                                                 key=len, reverse=True)))
# the rest of the clause up to "by" and a capitalised name
_BY_AUTHOR = re.compile(r"[^,;:.\"“”()]{0,60}?\bby\s+((?:the\s+)?[A-Z][\w'’&.-]*(?:\s+(?:of\s+(?:the\s+)?|for\s+|and\s+)?"
                        r"[A-Z][\w'’&.-]*){0,6})")
_TO_CLAUSE_END = re.compile(r"[^,;:.()\"“”]{0,60}?(?=\s*(?:[,;:.)]|$))")


# ---------------------------------------------------------------- statements in a sentence

_AMOUNT_AFTER = re.compile(r"\s+(?:(?:a|an|another|a\s+further|a\s+total\s+of|about|around|some|up\s+to|nearly|almost|"
                           r"roughly|more\s+than|over|at\s+least)\s+)?(?:[$€£¥₹]|(?:US|A|C|HK)\$|\d)")
_AUX_BEFORE = re.compile(r"\b(?:is|are|was|were|been|be)\s+(?:(?:also|now|still|already)\s+)?\Z")
_WITH_BEFORE = re.compile(r"\b[Ww]ith\s+(?:the\s+)?\Z")
_PROGRESSIVE = re.compile(r"\s+(?:(?:also|now|still|already)\s+)?(?:is|are|was|were|been|be)\s+(?:(?:also|now|still|already)\s+)?")
_VERB_AFTER = re.compile(r"\s+(?:was|is|were|are|had|has|have|would|will|could|can|may|might|did|does|should)\b")
_ATTRIBUTIVE_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|our)\s+\Z", re.I)
# ... after an article and a name, with a noun right after: "a South Carolina shared workspace" (not "The
# Pentagon confirmed 40 deaths", "the ministry reported that")
_ATTRIBUTIVE_NAME_BEFORE = re.compile(r"\b(?:a|an|the|its|their|his|her|our)\s+(?:[A-Z][\w'’-]*\s+){1,3}\Z")
_NOUN_AFTER = re.compile(r"\s+(?!(?:that|the|a|an|its|their|his|her|our|on|in|at|by|to|for|from|with|about|this|"
                         r"last|as|it|he|she|they|we|some|more|nearly|about|around|over|up|one|two|three|four|five|"
                         r"six|seven|eight|nine|ten|dozens|hundreds|thousands|millions|several|many|few)\b)[a-z]{3,}\b")
# the short names a body's country goes by in front of it ("US officials", "UK Office for National Statistics")
_SHORT_COUNTRY = {"United States": "US", "United Kingdom": "UK"}
# a body whose name goes on with "on": "Institute on Drug Abuse", "Commission on Human Rights"
_ORG_ON = re.compile(r"(?:Institute|Commission|Council|Committee|Center|Centre|Office|Board|Conference|Forum|Panel|"
                     r"Task Force|Coalition|Alliance)\Z")
# what a player adds: a score, not words ("added 25 points", "added a goal", "added his seventh")
_SCORE_AFTER = re.compile(r"\s+(?:(?:his|her|their|a|an|another)\s+(?:\w+\s+)?(?:goals?|assists?|points?|touchdowns?|"
                          r"baskets?|tries|try|runs?|saves?|rebounds?|wickets?|first|second|third|fourth|fifth|sixth|"
                          r"seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b|\d+\s+(?:points?|goals?|assists?|rebounds?|"
                          r"saves?|runs?|yards?|touchdowns?|tackles?|strikeouts?|wickets?|steals?|blocks?)\b)")
# (an adverb may stand between: "was last updated in July", "were first reported")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:(?:last|first|also|recently|just|since|"
                             r"previously|originally|widely)\s+)?\Z")
_BY_AFTER = re.compile(r"\s+by\b")

_MAX_VERBS = 24       # reporting verbs looked at per sentence (real ones have at most 5; 'said said said ...' many)


def find_statements(sentence: Sentence, block_kind: str, block_index: int) -> list[Statement]:
    text = sentence.text
    wd = words()
    found: list[Statement] = []
    phrases = wd.source_phrases.finditer(text) if has_caseless(wd.source_phrases_lower, text) else ()
    for m in islice(phrases, _MAX_VERBS):
        span = speaker_after(text, m.end())
        if m.group(0).lower() == "according to":
            if span is None or text[span[0]:span[1]].islower():
                span = _source_after(text, m.end()) or span      # "according to federal prison records"
            author = _DOCUMENT_FROM.match(text, m.end())
            if author:
                span = author.span(1)      # "according to the TexAuto Facts report from InfoNation": its author
                if text[span[1] - 1] == "." and text[span[0]:span[1]].rsplit(None, 1)[-1].lower() not in \
                        wd.company_name_words:
                    span = (span[0], span[1] - 1)      # (the sentence's full stop, not "Inc.")
            elif span:
                span = _document_author(text, span) or span
        if span:
            phrase = m.group(0).lower()
            found.append(Statement(sentence, block_index, m.start(), span[1], m.end(), text[span[0]:span[1]],
                                   verb=phrase))
    for m in islice(wd.verbs.finditer(text), _MAX_VERBS):
        if any(st.start <= m.start() < st.end for st in found):
            continue
        if _PASSIVE_BEFORE.search(text, max(0, m.start() - 20), m.start()) and \
                (m.group(0).endswith("ed") or m.group(0) in wd.passive_participles) and not _BY_AFTER.match(text, m.end()):
            continue        # "Epstein was found dead", "100 were reported killed": nobody speaks
        if _ATTRIBUTIVE_BEFORE.search(text, max(0, m.start() - 12), m.start()) and m.group(0).endswith("ed"):
            continue        # "At the reported pricing", "the estimated 140,000": an adjective, nobody speaks
        if m.group(0).endswith("ed") and _ATTRIBUTIVE_NAME_BEFORE.search(text, max(0, m.start() - 60), m.start()) \
                and _NOUN_AFTER.match(text, m.end()):
            continue        # "a South Carolina shared workspace"
        if m.group(0).endswith("ing") and not ("with" in text[max(0, m.start() - 60):m.start()].lower() or
                                              _AUX_BEFORE.search(text, max(0, m.start() - 20), m.start())):
            continue        # (a participle needs 'with' or an auxiliary before it: looked at before the speaker)
        if m.group(0) in wd.giving_verbs and _AMOUNT_AFTER.match(text, m.end()):
            continue        # "Donors pledged $2.1 billion": a gift the outlet reports, no claim
        if m.group(0) in ("added", "adds") and _SCORE_AFTER.match(text, m.end()):
            continue        # "Danilo Gallinari added 25 points", "Beauvillier added his seventh": a score, no claim
        before_text = text[:m.start()].rstrip()
        span = speaker_before(text, m.start())
        inverted = False
        after_quote = bool(re.search(r"""[,.!?]?["”’']\s*$""", before_text))
        if span is None or text[span[0]:span[1]].lower() in ("it",) or after_quote:
            alt = speaker_after(text, m.end()) if m.group(0) not in ("told", "tells", "tell", "put", "puts") else None
            if alt and re.match(r"(?i)(?:on|last|this|late|early)\b|monday|tuesday|wednesday|thursday|friday|saturday|sunday", text[alt[0]:alt[1]]):
                alt = None          # "said on Monday that": a time, not a speaker
            if alt and _VERB_AFTER.match(text, alt[1]):
                alt = None          # "posts claimed Yovanovitch was worth": the claim's subject, not a speaker
            if alt and (span is None or after_quote):
                span, inverted = alt, True
        if span is None:
            continue
        mention = text[span[0]:span[1]]
        if not _plausible_speaker(mention):
            continue
        if m.group(0).endswith("ing") and not inverted and not (
                _WITH_BEFORE.search(text, max(0, span[0] - 12), span[0]) or
                _PROGRESSIVE.fullmatch(text, span[1], m.start())):
            continue        # a participle speaks only as "with officials saying" or "Audi is promising": not "Without saying so"
        if m.group(0) in wd.ambiguous and not inverted and not _named_speaker(mention) and \
                not _PUT_AT.match(text, m.end()) and not (_THAT_AFTER.match(text, m.end()) and
                                                          _PLURAL_SPEAKER.search(mention)):
            # "intelligence reports that": a noun, not a verb; "police put the figure at 35,000" is one, and so
            # is "The researchers estimate that" (a plural speaker before a clause)
            continue
        start, end = (m.start(), span[1]) if inverted else (span[0], m.end())
        found.append(Statement(sentence, block_index, start, end, m.end() if not inverted else span[1], mention,
                               verb=m.group(0)))
    if "'" in text or "’" in text:
        owned, owner = _owned_words()
        for m in islice(owned.finditer(text), _MAX_VERBS):
            who = owner.search(text, max(0, m.start() - 80), m.start())
            if who and not any(st.start <= who.start() < st.end or who.start() <= st.start < m.end() for st in found):
                # "NASA's Monday announcement ... increased the total to 14": the owner speaks
                found.append(Statement(sentence, block_index, who.start(), m.end(), m.end(), who.group(0),
                                       verb=m.group(1).lower()))
    if block_kind in ("headline", "subheading") or len(text) < 160 and not text.rstrip().endswith((".", "!", "?", '"', "”")):
        m = re.match(r"^([A-Z][\w.'’ -]{1,40}?):\s+\S", text)
        # "Budanov: nearly 11,000 troops ...", "UN: 5,000 missing": a name or a known claimant before a colon
        # speaks (not a place or a topic: "Ukraine: ...", "Breaking: ...", "Watch: ...")
        if m and _plausible_speaker(m.group(1)) and claimants().match(m.group(1)):
            found.append(Statement(sentence, block_index, 0, m.end(1) + 1, m.end(1) + 1, m.group(1)))
        elif m and block_kind == "headline" and _plausible_speaker(m.group(1)) and _headline_speaker(m.group(1)):
            # (kept only if the article names them too: attribute() checks)
            found.append(Statement(sentence, block_index, 0, m.end(1) + 1, m.end(1) + 1, m.group(1), verb=":"))
        m = re.search(r":\s+([A-Z][\w.'’ -]{1,40}?)\s*$", text)
        if m:
            found.append(Statement(sentence, block_index, m.start(), len(text), 0, m.group(1)))
    for st in found:
        _attach_cue(st)
    found.sort(key=lambda s: s.start)
    return found


@lru_cache(maxsize=None)
def _owned_words() -> tuple[re.Pattern, re.Pattern]:
    """A named owner's words as a sentence's subject (attribution.json owned_words): the possessive and the noun
    (group 1), found first by the apostrophe; and the owner's name that ends right before it. Not a day's:
    "Monday's announcement", "Today's report"."""
    t = load_table("attribution.json")["owned_words"]
    owned = re.compile(r"(?:['’]s|(?<=s)['’])\s+(?:(?:%s)\s+){0,2}(%s)\b" % ("|".join(t["which"]), "|".join(t["nouns"])))
    days = _MONTH_OR_DAY[:-1] + r"|Today|Yesterday|Tomorrow|Last|This|Next)"
    owner = re.compile(r"(?<![\w'’.-])(?!(?:%s)\Z)(?:[A-Z][\w.&-]*\s+){0,4}[A-Z][\w.&-]*\Z" % days)
    return owned, owner


def _headline_speaker(words_: str) -> bool:
    """One to three capitalised words that are no place, demonym or headline label."""
    parts = words_.split()
    pl = places()
    return 1 <= len(parts) <= 3 and all(p[:1].isupper() for p in parts) and words_ not in pl.canonical and \
        words_ not in pl.demonym_country and parts[0].lower() not in words().headline_labels


_DETERMINERS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                "january", "february", "march", "april", "june", "july", "august", "september", "october",
                "november", "december", "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "it",
                "everything", "nothing", "something", "anything", "everyone", "everybody", "nobody", "someone",
                "all", "both", "many", "some", "most", "none"}


def _capitalised_words(mention: str) -> list[str]:
    """Capitalised words that may be names: not a sentence-initial determiner ("This budget")."""
    words = mention.split()
    # ("its May forecasts": the month; a mention that is "May" alone is too, "Theresa May" is a name)
    return [w for i, w in enumerate(words) if w[:1].isupper() and w.lower() not in _DETERMINERS and
            not (w == "May" and (i == 0 or words[i - 1].lower() in _BEFORE_A_MONTH))]


_BEFORE_A_MONTH = frozenset({"its", "their", "in", "of", "last", "next", "this", "early", "late", "mid", "since", "until",
                             "by", "the"})


def _plausible_speaker(mention: str) -> bool:
    low = mention.lower()
    if low.rsplit(None, 1)[-1:] in (["and"], ["or"], ["but"]):
        return False     # "in France and posted it": a second verb, no speaker
    if low in ("he", "she", "they", "we", "i", "it", "which", "who"):
        return True      # (resolved with the statements before: "The agency said ... It added that")
    if _capitalised_words(mention):
        return True
    wd = words()
    return any(b in low for b in wd.generic_bodies) or any(w in wd.spokes for w in low.split()) or \
        wd.postmodified.search(mention) is not None


def _named_speaker(mention: str) -> bool:
    return mention.lower() in ("he", "she", "they", "we", "i", "it", "which", "who") or \
        bool(_capitalised_words(mention)) or claimants().match(mention) is not None or \
        words().records_last.search(mention) is not None      # "court documents show", "the figures show"


_FRAME_DATE_GAP = re.compile(r"\s*(?:(?:in|at|during)\s+(?:a|an|the|its|their)\s+[a-z]+\s+)?"   # "in a statement"
                             r"(?:(?:on|in|at|during)\s+(?:(?:a|an|the|its|their)\s+)?)?")


def _attach_cue(st: Statement) -> None:
    """The time cue that dates this statement: next to its speaker or verb, never inside the claim."""
    text = st.sentence.text
    lo = max(0, st.start - 30)
    # sentence-initial "On Monday, X said"
    head = re.match(r"^\s*((?:on|late on|early on|earlier on)?\s*[^,]{0,30}),", text)
    hi = st.end
    tail = text[st.end:st.end + 40]
    stop = re.search(r"""\bthat\b|["“”]|,|\d""", tail)
    hi = st.end + (stop.start() if stop else len(tail))
    # (a month alone dates a statement only right after its verb, "estimated in March that ..."; elsewhere it
    # is more often when something happened)
    # (the frame ends at the claim's first digit, but a date begun before it, right after the verb or after a
    # preposition, is the frame's: "announced Nov. 18 that", "said on October 21", "said in a statement on Nov. 3
    # that", "recounted in an Oct. 21 cabinet meeting"; not "said the July 25 call ...", a day the claim names)
    candidates = [c for c in find_cues(text) if ((lo <= c.start and (c.end <= hi or c.kind == "date" and c.start < hi
                                                                     and _FRAME_DATE_GAP.fullmatch(text, st.end, c.start)))
                                                 or (head and c.end <= head.end(1) and st.start > head.end(1) - 1)) and
                  (c.kind != "month" or 0 <= c.start - st.end <= 1)]
    candidates = [c for c in candidates if not (c.start < st.start and re.search(r"""["”“]""", text[c.end:st.start]))]
    if candidates and st.start > 0:
        # a dateline's day is the copy's, not the statement's ("NAIROBI, June 13 (FMW) - Kenya's government on
        # Thursday proposed ...")
        dl = dateline(text)
        if dl and dl[2] <= st.start:
            candidates = [c for c in candidates if c.start >= dl[2]] or candidates
    if candidates:
        # (a cue between the speaker and the verb is the statement's own: "Kenya's government on Thursday said")
        inside_ = [c for c in candidates if st.start <= c.start and c.end <= st.end]
        st.cue = min(inside_ or candidates, key=lambda c: min(abs(c.start - st.end), abs(c.end - st.start)))


# ---------------------------------------------------------------- speaker resolution

def resolve_mention(st: Statement, home_country: str | None) -> None:
    mention = st.mention.strip()
    if mention.endswith(("'s", "’s", "s'", "s’")) and len(mention) > 3:
        # the owner of the words that speak: "according to NASA's calculations", "the researchers' estimate"
        mention = mention[:-2] if mention[-2] in "'’" else mention[:-1]
    records = words().records_last.search(mention)
    owner = mention[:records.start()] if records else ""
    if records and (any(w[:1].isupper() for w in owner.split()[1:]) or owner.isupper() or claimants().match(owner)):
        mention = mention[:records.start()]     # "LSEG data", "Chicago Police Department figures": who keeps them
    low = mention.lower()
    pl = places()
    wd = words()
    if low in ("he", "she", "they", "we", "i", "it"):
        st.pending = "pronoun"
        return
    owner = _PRONOUN_OWNER.match(low)
    if owner:
        # "His office said", "her spokesman said": the person the pronoun stands for speaks, through them
        st.pending, st.pronoun = "pronoun", _POSSESSIVE_PRONOUN[owner.group(1)]
        return
    if low in ("which", "who") and not mention.isupper():      # "WHO says" is the World Health Organization
        st.pending = "relative"
        return
    post = wd.postmodified.search(mention)
    if post and not _person_name(mention[:post.start()]):
        # "people familiar with the matter", "US officials briefed on the talks": the speakers as the text says
        # who they are (a named body or person before the words is that body or person: "Smith, close to")
        name = re.sub(r"^(?:(?:the|a|an|some|several|two|three|four|many)\s+)+", "", mention, flags=re.I)
        head = mention[:post.start()]
        known = claimants().match(head)
        if known is None or known[0].kind != "person":
            if name.split()[0].lower() in _COMMON_SPEAKER_NOUNS:
                name = name[:1].lower() + name[1:]       # "People familiar ..." begins a sentence
            party = pl.country_of(head) or (known[0].party if known else None)
            st.claimant = Claimant(name, mention, party, "group")
            return
    spokes = _SPOKESPERSON_FOR.match(mention)
    if spokes:
        # "a spokesperson for the Red Crescent", "an official at the health ministry": the body speaks
        probe = Statement(st.sentence, st.block, st.start, st.end, st.anchor, spokes.group(1), verb=st.verb)
        resolve_mention(probe, home_country)
        if probe.claimant is not None and probe.pending is None:
            st.claimant = Claimant(probe.claimant.name, mention, probe.claimant.party, probe.claimant.kind)
            return
    body_in = _BODY_IN_PLACE.match(mention)
    if body_in and body_in.group(1).lower() in wd.generic_bodies:
        # "the defence ministry in Moscow": that country's ministry ("Russian defence ministry"), a city's
        # police ("Derna police")
        body, place = body_in.group(1).lower(), body_in.group(2)
        entry = pl.canonical.get(place)
        country = entry[1] if entry else pl.capital_country.get(place)
        local = entry is None or not entry[2] and place not in pl.capital_country
        prefix = place if local else pl.country_demonym.get(country, country)
        st.claimant = Claimant(f"{prefix} {body}", mention, country, "organisation")
        return
    known = claimants().match(mention)
    person = _person_name(mention)
    if known and not person:
        owned = _OWNED_BODY.match(mention, mention.find(known[1]) + len(known[1]))
        if owned and _capitalised_words(owned.group(1)) and claimants().match(owned.group(1)) is None:
            # "the EU's Copernicus service": the service speaks, for the EU
            k = known[0]
            st.claimant = Claimant(owned.group(1), mention, k.party or k.name, "organisation")
            return
    if known:
        k, alias = known
        st.claimant = Claimant(k.name, mention, k.party, k.kind)
        st.person = person if k.kind != "person" else k.name
        if k.kind == "person":
            st.person = k.name
        return
    bare = re.sub(r"^(?:the|a|an)\s+", "", mention, flags=re.I)
    bare = re.sub(r"^(?:senior|top|some|several|two|three|unnamed|anonymous)\s+", "", bare, flags=re.I)
    # a country, its capital or "the United States" speaking as a whole
    if bare in pl.canonical and pl.canonical[bare][2] or bare in pl.capital_country or bare in ("US", "U.S."):
        country = pl.canonical[bare][0] if bare in pl.canonical else pl.capital_country.get(bare, "United States")
        st.claimant = Claimant(country, mention, country, "country")
        st.pending = "country"
        st.country_speaks = True
        return
    country = places().country_of(mention.replace(person, " ") if person else mention)   # not "Luís Montenegro"'s
    for noun, pattern in wd.media_patterns if country else ():
        if pattern.search(low):
            demonym = pl.country_demonym.get(country, country)
            st.claimant = Claimant(f"{demonym} media", mention, country, "media")
            return
    tally = _DEMONYM_TALLY.match(mention)
    demonym = tally.group(1) if tally else bare
    if demonym in pl.demonym_country:
        country = pl.demonym_country[demonym]        # "according to Israeli tallies": the country counts
        st.claimant = Claimant(country, mention, country, "country")
        st.pending = "country"
        st.country_speaks = True
        return
    local = _OFFICIALS_IN.match(mention)
    place = re.sub(r"^the\s+", "", local.group(2), flags=re.I) if local else None
    if local and not person and not (place in pl.canonical and pl.canonical[place][2]):
        # "Officials in Derna said": that place's officials (a country's are named by its demonym, below)
        st.claimant = Claimant(f"{place} {local.group(1).lower()}", mention, country, "group")
        return
    m = re.search(r"\b(officials|authorities|diplomats|sources|intelligence)\b", low)
    if m and country and not person:
        short = _SHORT_COUNTRY.get(country, pl.country_demonym.get(country, country))
        st.claimant = Claimant(f"{short} {m.group(1)}", mention, country, "group")
        return
    tokens = mention.split()
    capitals = [t for t in tokens if t[:1].isupper()]
    has_org_word = any(t.lower().strip(",.") in wd.org_words for t in tokens)
    if bare.lower() in wd.generic_bodies and bare[1:] == bare[1:].lower():
        capitals = []             # "Police say ...": capitalised only because it begins the sentence
    if has_org_word and capitals and not person:
        name = re.sub(r"^(?:the|a|an)\s+", "", mention, flags=re.I)
        name = wd.spokes_tail.sub("", name)
        run = _NAME_RUN.findall(name)
        if run and (not name[:1].isupper() or name.split()[0].lower() in wd.generic_bodies and len(run) > 1):
            # "Organizers with the Halden Together coalition" -> "Halden Together coalition" (also sentence-first)
            best = max(run, key=len)
            name = name[name.index(best):]
        name = re.sub(r"^[A-Z][\w-]*-based\s+", "", name)     # "Nairobi-based Mizani Research"
        trailing = re.match(r"^(%s)((?:\s+[a-z][\w-]*)+)$" % _NAME_RUN.pattern, name)
        owned = re.match(r"([A-Z][\w .-]*?)['’]s\s+([a-z][\w -]*)$", name)
        if owned and owned.group(1) in pl.canonical and pl.canonical[owned.group(1)][2]:
            # "Sudan's health ministry" -> "Sudanese health ministry", as "the Sudanese health ministry" reads
            country = pl.canonical[owned.group(1)][0]
            st.claimant = Claimant(f"{pl.country_demonym.get(country, country)} {owned.group(2)}", mention, country,
                                   "organisation")
            return
        owned_name = re.match(r"([A-Z][\w .-]*?)['’]s\s+([A-Z].*)$", name)
        if owned_name and owned_name.group(1) in pl.canonical:
            name = f"{owned_name.group(1)} {owned_name.group(2)}"   # "South Dakota's Department of Social Services"
        if trailing and all(w in wd.org_words or w in wd.generic_bodies for w in trailing.group(2).split()) and \
                trailing.group(1) not in pl.demonym_country:
            name = trailing.group(1)          # "the CGT union" -> "CGT" (but "the Jordanian government" stays)
        national = re.match(r"(?:National|State|Federal|Ministry|Interior|Foreign|Defen[cs]e)\b", name)
        party = country or (home_country if " here" in st.sentence.text[st.start:st.end] or national else None)
        known = claimants().match(f"{party} {name}") if party and not country else None
        if known and known[0].party == party:   # "the Ministry of National Defense here", datelined Seoul
            st.claimant = Claimant(known[0].name, mention, known[0].party, known[0].kind)
            return
        if national and party and not country:
            # "the National Civil Protection Agency", datelined in Kestria; "US National Institute on Drug Abuse"
            name = f"{_SHORT_COUNTRY.get(party, party)} {name}"
        st.claimant = Claimant(name, mention, party, "organisation")
        return
    if person:
        st.person = person
        org = re.sub(r"\s*\b%s\b.*$" % re.escape(person.split()[0]), "", mention).strip()
        org_words = [t for t in org.split() if t.lower().rstrip(".") not in wd.titles and t.lower() not in wd.spokes]
        org_known = claimants().match(org) if org else None
        if org_known:
            k = org_known[0]
            st.claimant = Claimant(k.name, mention, k.party, k.kind)
            return
        capital_titles = [t for t in org.split() if t[:1].isupper() and t.lower().rstrip(".") in wd.titles]
        if any(t.lower().rstrip(".") in wd.speaks_for for t in org.split()) and not capital_titles:
            named = [t for t in org_words if t not in pl.demonym_country]
            while named and not named[0][:1].isupper():
                named.pop(0)
            if named:                     # "PDMA spokesman Imran Jatoi", "Fire brigade spokesman Yiannis Artopios"
                body = " ".join(named)
                generic = body.lower() in wd.generic_bodies
                st.claimant = Claimant(body.lower() if generic else body, mention, country,
                                       "group" if generic else "organisation")
                return
            st.pending = "generic"        # "agency spokesman Tomas Reval": speaks for the body just mentioned
            low_org = org.lower()
            body = _generic_pattern().search(low_org)
            heads = [t.lower() for t in org.split() if t.lower() in wd.org_words]
            st.generic_head = heads[-1] if heads else (body.group(0).split()[-1] if body else None)
            st.claimant = Claimant(body.group(0), mention, country, "group") if body else \
                Claimant(person, mention, country, "person")
            return
        if org_words and any(t[:1].isupper() for t in org_words) and any(t.lower() in wd.org_words for t in org_words):
            if any(t.lower().rstrip(".") in wd.spokes for t in org.split()):
                # a body's spokesperson speaks for it ("Police spokeswoman Sgt. Maria Lopez")
                st.claimant = Claimant(" ".join(org_words), mention, country, "organisation")
            else:
                # the head of a body speaks as themselves, for the body ("Indiana State Teachers Association
                # President Keith Gambill", "Union president Carla Reyes"), as the real-text key names them
                st.claimant = Claimant(person, mention, country or " ".join(org_words), "person")
            return
        st.claimant = Claimant(person, mention, country, "person")
        return
    # generic bodies: "a ministry spokesperson", "police", "organisers"
    m = _generic_pattern().search(low)
    owner = [t for t in mention[:m.start()].split() if t[:1].isupper() and t.lower() not in _DETERMINERS and
             t not in pl.demonym_country and t not in pl.canonical and t.lower().rstrip(".") not in wd.titles] if m else []
    if m and m.group(0).split()[-1] in _NAMED_WORKS and owner and mention[:m.start()].split()[-1:] == owner[-1:]:
        # "a YouGov poll", "a Gallup survey": the named maker speaks
        st.claimant = Claimant(" ".join(owner), mention, country, "organisation")
        return
    if m:
        body = m.group(0)
        st.pending = "generic"
        st.generic_head = body.split()[-1]
        name = re.sub(r"^(?:the|a|an)\s+", "", body)
        modifiers = _modifiers_before(mention, m.start(), st.sentence.text.startswith(mention))
        st.claimant = Claimant(" ".join([*modifiers, name]), mention, country or home_country, "group")
        return
    if capitals:
        bare = [t for t in re.sub(r"^(?:The|A|An)\s+", "", mention).split() if t.lower().rstrip(".") not in wd.titles]
        while len(bare) > 1 and bare[0].lower() in wd.not_first_names:
            bare = bare[1:]               # "Although James said", "As Gaiman put it"
        st.claimant = Claimant(" ".join(bare) or mention, mention, country, "organisation")   # "Mr Kiprono" -> "Kiprono"
    elif st.verb == "according to":
        # "according to federal prison records": the source as written, whatever it is
        st.claimant = Claimant(re.sub(r"^(?:the|a|an)\s+", "", mention, flags=re.I), mention, country, "group")


def _modifiers_before(mention: str, end: int, starts_sentence: bool) -> list[str]:
    """The words right before a generic body in a mention that say which one it is, as the text words them:
    "federal" of "Federal prosecutors", "teachers" of "the state's teachers unions", "Washington-based",
    "PG&E" (lowercase, hyphenated or all-capital words; the mention's first word may be capitalised as the
    sentence's first; no determiner, number or possessive)."""
    out: list[str] = []
    tokens = mention[:end].split()
    for i in range(len(tokens) - 1, -1, -1):
        w = tokens[i]
        first = i == 0 and starts_sentence and w[:1].isupper() and w[1:].islower()
        if "'" in w or "’" in w or not _modifier_word(w, first):
            break
        # (capitalised as the sentence's first word, unless a place's: "Flood-hit", not "Washington-based")
        out.insert(0, w.lower() if first and w.split("-")[0] not in places().canonical else w)
    return out


_COMMON_SPEAKER_NOUNS = frozenset({"people", "sources", "officials", "persons", "person"})
# a person's office or people speaking for them: "His office", "her spokeswoman", "their lawyers"
_PRONOUN_OWNER = re.compile(r"(his|her|their)\s+(?:office|spokes(?:man|woman|person)|campaign|aides?|lawyers?|"
                            r"attorneys?|team|staff|representatives?)$")
_POSSESSIVE_PRONOUN = {"his": "he", "her": "she", "their": "they"}
_BODY_IN_PLACE = re.compile(r"(?:[Tt]he\s+|[Ll]ocal\s+)?([a-z][a-z -]{2,40}?)\s+in\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})$")
_SPOKESPERSON_FOR = re.compile(r"(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:spokes(?:person|man|woman)|official|representative)"
                               r"\s+(?:for|of|at|with)\s+(?:the\s+)?([A-Z].*)$", re.I)
_OFFICIALS_IN = re.compile(r"(?:(?:the|local|senior|top)\s+)*(officials|authorities|police|rescuers|doctors|medics)\s+"
                           # "in Derna", "in the city of Derna", "in the Indian state of Manipur"
                           r"(?:in|from|at)\s+(?:the\s+(?:[\w-]+\s+){0,2}?(?:city|town|village|port|province|state|"
                           r"region|district|county|municipality)\s+of\s+)?((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2})$",
                           re.I)
_DEMONYM_TALLY = re.compile(r"(?:the\s+)?([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s+(?:tallies|tally|figures|estimates|"
                            r"data|statistics|counts|count|numbers)$")
_NAMED_WORKS = frozenset({"poll", "survey", "study", "report", "analysis", "count", "estimate", "tally", "data"})
_OWNED_BODY = re.compile(r"['’]s\s+(.*\S)")
_NAME_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of|for|and|the|de|du|on)?\s*[A-Z][\w'’.-]*)*")


@lru_cache(maxsize=None)
def _generic_pattern() -> re.Pattern:
    return alternation(words().generic_bodies)


_NAME_JOINERS = frozenset({"and", "of", "for", "the", "&", "on"})


def _person_name(mention: str) -> str | None:
    """The personal name in a mention: 'Pentagon spokesman Pat Ryder' -> 'Pat Ryder'."""
    wd = words()
    pl = places()
    tokens = mention.split()
    run: list[str] = []
    best: list[str] = []
    in_body = False         # inside a body's name: "Centre for Economic Policy Research", "Ministry of Health"
    before_chain = None     # best as it was before the current run of capitalised words began
    for t in tokens:
        bare = t.strip(",.")
        low = bare.lower()
        if low in wd.org_words:
            run, in_body = [], True      # "National Civil Protection Agency" names a body, not a person
            if before_chain is not None:
                best = before_chain      # "New York State Nurses Association": no "New York" in it
            continue
        if not bare[:1].isupper():
            if low not in _NAME_JOINERS:      # "National Disaster Risk Reduction and Management Council" is one name
                before_chain = None
        elif before_chain is None:
            before_chain = best
        if in_body and (low in ("of", "for", "and", "the", "on") or bare[:1].isupper()) and low.rstrip(".") not in wd.titles:
            continue      # (a title ends the body's name: "BART Police Chief Ed Alvarez")
        in_body = False
        if bare[:1].isupper() and bare.lower().rstrip(".") not in wd.titles and bare not in pl.demonym_country \
                and (run and run[-1] not in pl.name_prefixes or bare not in pl.canonical and bare not in pl.capital_country) \
                and not bare.endswith("'s") and not bare.endswith("’s") and \
                (not bare.isupper() or len(bare.rstrip(".")) == 1 and t.rstrip(",") == t and bare not in ("I", "A")):
            # ("K Rajan", "J. Smith": an initial begins or middles a name, never ends one)
            # (a place name may end a name, not begin one: "Luís Montenegro", but "Kyiv Mayor ...")
            run.append(bare)
        else:
            if len(run) >= 2:
                best = run
            run = []
    if len(run) >= 2:
        best = run
    while best and len(best[-1].rstrip(".")) == 1:
        best = best[:-1]
    while best and best[0].lower() in wd.not_first_names:
        best = best[1:]                    # "As Gaiman put it": a sentence's first word, no given name
    name = " ".join(best) if len(best) >= 2 else None
    if name is not None:
        known = claimants().match(name)
        if name.lower() in wd.org_words or known and known[1] == name and known[0].kind != "person":
            return None      # "a spokesperson for the Red Crescent": a body's name, not a person's
    return name


# ---------------------------------------------------------------- the step

def outlet_claimant(page: Page) -> Claimant:
    return Claimant(page.outlet or "the outlet", "", None, "outlet")


def attribute(page: Page, sentences: list[Sentence], figures: list[Figure], story: StoryContext) -> None:
    """Fill claimant and claim_date on every figure of a page, in place."""
    blocks = page.blocks
    home_country = story.home_country
    reference = story.published
    statements: list[Statement] = []
    by_sentence: dict[int, list[Statement]] = {}
    for s in sentences:
        sts = find_statements(s, blocks[s.block].kind, s.block)
        for st in sts:
            resolve_mention(st, home_country)
        by_sentence[s.index] = sts
        statements.extend(sts)
    statements.extend(_signatures(page, sentences, by_sentence, home_country))
    body = page.text[page.blocks[1].start:] if len(page.blocks) > 1 else ""
    for sts in by_sentence.values():
        # a name before a headline's colon speaks only if the article gives it as a person's full name too
        # ("Budanov: nearly 11,000 ..." with "Kyrylo Budanov said" below; not a label: "Daily Deals: ...")
        for st in [st for st in sts if st.verb == ":" and not re.search(
                r"\b[A-Z][a-z]+(?:[^\S\n]+[A-Z]\.)?[^\S\n]+%s\b" % re.escape(st.mention), body)]:
            sts.remove(st)
            statements.remove(st)
    statements.sort(key=lambda st: (st.page_start, st.start))
    entities = PageEntities(page.text)
    for st in statements:
        _speaks_for(st)
        entities.complete(st)
    _resolve_context(statements, entities)
    _acronyms_as_named(statements, page.text)
    _scope_generic_bodies(statements, story)
    quote_speakers = _quote_speakers(page, sentences, by_sentence)
    enclosed = _date_statements(page, statements, quote_speakers, reference)

    outlet = outlet_claimant(page)
    spans_by_block: dict[int, list] = {}
    signed = {b: st for st in statements if st.synthetic_quote for b in st.covers_blocks}
    dated: dict[str, list[Statement]] = {}
    for st in statements:
        if st.date and st.claimant:
            dated.setdefault(st.claimant.name, []).append(st)
            if len(dated[st.claimant.name]) > 200:   # bounded on hostile pages
                dated[st.claimant.name].pop(0)
    for f in figures:
        b = f.sentence.block
        if b not in spans_by_block:
            spans_by_block[b] = quote_spans(page.blocks[b].text)
        st = _statement_for(f, page, by_sentence, quote_speakers, statements, spans_by_block[b], signed)
        if st is None or st.claimant is None:
            f.claimant = _pollster(f, sentences, home_country) or outlet
            f.claim_date = _event_day(f, spans_by_block[b], page, reference) or page.published
            continue
        f.claimant = st.claimant
        f.claim_date = st.date
        if f.claim_date is None and id(st) not in enclosed and st.sentence is f.sentence:
            f.claim_date = _sentence_day(f, spans_by_block[b], page, reference)
        f.claim_date = f.claim_date or _nearest_date(st, dated, enclosed)
        # a plain report with no day of its own ("X said", "according to X") speaks on the publication day;
        # "X has said" and "earlier this month, X reported" (a vague time right before or inside the frame) point
        # back to an earlier one
        if f.claim_date is None and (st.verb in words().dated_by_publication or
                                     st.verb.split(" ", 1)[0] in words().dated_by_publication) and \
                not re.search(r"\b(?:has|have|had)\s+(?:\w+\s+)?$", st.sentence.text[:st.end - len(st.verb)]) and \
                not _VAGUE_TIME.search(st.sentence.text, max(0, st.start - 40), st.end) and \
                not _VAGUE_AFTER_VERB.match(st.sentence.text, st.end) and \
                not _MONTH_TIME.search(st.sentence.text, st.start, st.end - len(st.verb)):
            f.claim_date = reference
        if st.synthetic_quote:
            f.quoted = True      # the words of an embedded post
    _headlines_from_body(page, figures)


def _pollster(f: Figure, sentences: list[Sentence], home_country: str | None) -> Claimant | None:
    """Who polled a share of opinions that no one is said to claim: the poll or survey named in its sentence or
    one of the two before ("A new ABC News poll shows ... Fifty-one percent say ..."; attribution.json polls)."""
    q = f.quantity
    if q.kind != "percent":
        return None
    wd = words()
    after = f.sentence.text[q.end:q.end + 60]
    if not (_OF_PEOPLE.match(after) or any(w in wd.opinion_verbs for w in _LOWER_WORD.findall(after)[:3])):
        return None
    i = f.sentence.index
    for s in sentences[max(0, i - 2):i + 1][::-1]:       # its sentence, then the two before
        found = None
        for found in wd.poll_name.finditer(s.text):
            pass                                         # (the last poll named)
        if found:
            name = found.group(1).strip()
            probe = Statement(s, s.block, found.start(1), found.end(1), found.start(1), name)
            resolve_mention(probe, home_country)
            if probe.claimant is not None and probe.pending is None:
                return Claimant(probe.claimant.name, name, probe.claimant.party, probe.claimant.kind)
            return Claimant(name, name, None, "organisation")
    return None


_OF_PEOPLE = re.compile(r"\s+of\s+(?:all\s+|the\s+)?[A-Za-z]+(?:s|people|public)\b")
_LOWER_WORD = re.compile(r"[a-z]+")


def _headlines_from_body(page: Page, figures: list[Figure]) -> None:
    """A headline figure nobody claims there ("Floods kill at least 58") is the body's figure: it takes the
    claimant and day of the same value for the same quantity in the article; else, for a count, of the first
    body count of the same people in the same status that the headline rounds (within a tenth: "More than 100
    protesters killed" over "At least 106 protesters ... have been killed, according to ... Amnesty")."""
    body = [g for g in figures if page.blocks[g.sentence.block].kind not in ("headline", "subheading") and
            g.claimant is not None and g.claimant.kind != "outlet"]
    for f in figures:
        if page.blocks[f.sentence.block].kind not in ("headline", "subheading") or \
                f.claimant is None or f.claimant.kind != "outlet":
            continue
        same = next((g for g in body if (g.quantity.low, g.quantity.high) == (f.quantity.low, f.quantity.high) and
                     (g.counted == f.counted or g.quantity.kind == f.quantity.kind != "count")), None)
        if same is None and f.quantity.kind == "count" and f.quantity.high is None and f.quantity.low:
            same = next((g for g in body if g.quantity.kind == "count" and g.counted == f.counted and
                         g.status == f.status and abs(g.quantity.low - f.quantity.low) <= 0.1 * f.quantity.low),
                        None)
        if same is not None:
            f.claimant, f.claim_date = same.claimant, same.claim_date


def _body_in_sentence(st: Statement) -> str | None:
    """A named organisation in the statement's own sentence, outside its claim."""
    m = words().named_body.search(st.sentence.text)
    return re.sub(r"^(?:At|In|The|From)\s+", "", m.group(1)) if m else None


# a month between a speaker and the verb: "Clark in October revealed" spoke in October, not on the day the page
# was published (a month before the speaker dates what the claim tells of: "rose to 6.4% in August, the agency said")
_MONTH_TIME = re.compile(r"\b(?:in|during|since|earlier in|late in|early in)\s+(?:January|February|March|April|May|June|"
                         r"July|August|September|October|November|December)\b")
# ... or right after the verb: "officials said last week that"
_VAGUE_AFTER_VERB = re.compile(r"\s+(?:(?:earlier|later)\s+this\s+(?:week|month|year)|last\s+(?:week|month|year)|recently)\b",
                               re.I)
_VAGUE_TIME = re.compile(r"\b(?:earlier|later)\s+this\s+(?:week|month|year)\b|\blast\s+(?:week|month|year)\b|\brecently\b",
                         re.I)


def _sentence_day(f: Figure, spans, page: Page, reference: date | None) -> date | None:
    """A statement without a time of its own, in a sentence that gives one day ("the toll rose to 74 late on
    Wednesday, the government said"): that day. Not a calendar date in the claim ("killed on October 3"),
    which dates the event, and not when the sentence dates the statement vaguely ("earlier this month")."""
    if _VAGUE_TIME.search(f.sentence.text):
        return None
    block_start = page.blocks[f.sentence.block].start
    days = [c for c in find_cues(f.sentence.text) if c.kind in ("weekday", "yesterday", "today", "prev")
            and not inside(spans, f.sentence.start - block_start + c.start)]
    return resolve(days[0], reference) if len(days) == 1 else None


def _event_day(f: Figure, spans, page: Page, reference: date | None) -> date | None:
    """The outlet's own statement of a fact is dated by the sentence's relative day ("approved ... late Friday",
    "yesterday"), when there is one outside quotations. A calendar date or a month dates an event the sentence
    tells of ("a tariff due Dec. 15", "the attacks of September 11, 2001"), not the outlet's statement: that is
    the publication day."""
    block_start = page.blocks[f.sentence.block].start
    text = f.sentence.text
    lo, hi = 0, len(text)
    for m in _ASIDE.finditer(text):
        if m.start() < f.quantity.start < m.end():
            lo, hi = m.start(), m.end()     # a figure in an aside is dated only by the aside
            break
    for cue in find_cues(text[lo:hi]):
        if cue.kind in ("same", "month", "date") or inside(spans, f.sentence.start - block_start + lo + cue.start):
            continue
        return resolve(cue, reference)
    return None


_ASIDE = re.compile(r"\s[-–—]\s[^-–—]{3,200}?\s[-–—]\s")


def _signatures(page, sentences, by_sentence, home_country) -> list[Statement]:
    """An embedded post signs off with '— Name (@handle) Month D, YYYY': it speaks the blocks above it."""
    out = []
    sig = re.compile(r"^[—–-]\s*(?P<name>[^@(/]{2,60}?)\s*(?:/[^(]*)?\(@\w+\)\s*(?P<date>.+)$")
    for s in sentences:
        m = sig.match(s.text)
        if not m:
            continue
        st = Statement(s, s.block, 0, len(s.text), 0, m.group("name").strip())
        resolve_mention(st, home_country)
        cues = find_cues(m.group("date"))
        if cues:
            st.cue = cues[0]
        covered = []
        b = s.block - 1
        if s.start > page.blocks[s.block].start:
            covered.append(s.block)
        quoted = page.blocks[s.block].kind == "quote"
        # (a post embedded as a quotation covers its own quotation's blocks, not the paragraphs above it)
        while b >= 0 and len(covered) < 4 and not (quoted and page.blocks[b].kind != "quote"):
            has_statement = any(x for t in sentences if t.block == b for x in by_sentence.get(t.index, []))
            if has_statement or page.blocks[b].kind in ("headline", "subheading"):
                break
            covered.append(b)
            b -= 1
        st.synthetic_quote = True
        st.covers_blocks = tuple(covered)
        out.append(st)
    return out


NEAR = 40   # statements looked at around one: enough for any article, bounded on hostile pages


_SPEAKS_FOR = re.compile(
    r"^\s*,\s*(?:a|an|the)?\s*(?:deputy\s+|senior\s+|chief\s+)?(?:spokes\w+|representative|official|director|head|chief)"
    r"\s+(?:for|of|at|with)\s+(?:the\s+)?((?:[A-Z][\w'’&.-]*|of|and|for|the)(?:\s+(?:[A-Z][\w'’&.-]*|of|and|for|the))*)")


def _speaks_for(st: "Statement") -> None:
    """"said Wanjiru Mwangi, a spokeswoman for the National Treasury": the claim is the body's."""
    if st.claimant is None or st.claimant.kind != "person":
        return
    text = st.sentence.text
    m = _SPEAKS_FOR.match(text[st.end:] if st.end <= len(text) else "")
    if not m:
        # "Imran Jatoi, spokesman for the PDMA, said": the apposition sits between name and verb
        name_at = text.find(st.mention)
        m = _SPEAKS_FOR.match(text[name_at + len(st.mention):]) if name_at >= 0 else None
    if not m:
        return
    body = re.sub(r"(?:\s+(?:of|and|for|the))+$", "", m.group(1)).strip()
    if not any(w[:1].isupper() for w in body.split()):
        return      # "a spokeswoman for the regional government": no body named, the person speaks
    if body.endswith(".") and not re.search(r"\b(?:Inc|Corp|Co|Ltd|Bros|St)\.$", body):
        body = body[:-1]                 # (the sentence's full stop)
    if body.endswith(("'s", "’s")):
        # "head of Ukraine's military intelligence agency HUR": the body is the whole apposition, if known
        rest = re.match(r"[^,;:\"“”()]*", m.string[m.start(1):])
        known = claimants().match(rest.group(0)) if rest else None
        if known:
            st.claimant = Claimant(known[0].name, st.mention, known[0].party, known[0].kind)
        return
    if not body:
        return
    known = claimants().match(body)
    if known:
        st.claimant = Claimant(known[0].name, st.mention, known[0].party, known[0].kind)
    else:
        st.claimant = Claimant(body, st.mention, st.claimant.party, "organisation")


def _scope_generic_bodies(statements: list["Statement"], story: StoryContext) -> None:
    """A body named without its place ("the interior ministry", "police") takes the page's place."""
    if not any(st.claimant is not None and st.claimant.kind == "group" for st in statements):
        return          # (the page's places are looked up only when a body needs them)
    scope = load_table("attribution.json")["body_scope"]
    country = story.home_country
    demonym = places().country_demonym.get(country) if country else None
    city = story.dateline.city if story.dateline else None
    pl = places()
    regions = Counter(p.name for p in story.places if not p.is_country and p.country == country
                      and p.name not in pl.cities and p.name not in pl.capitals)
    region = re.sub(r"\s+(?:province|region|state|oblast)$", "", regions.most_common(1)[0][0]) if regions else None
    for st in statements:
        c = st.claimant
        if c is None or c.kind != "group":
            continue
        name = c.name.lower()
        # (a body whose side is known is that side's: "citing military intelligence" in a Ukrainian report)
        own = pl.country_demonym.get(c.party) if c.party and c.party != country else None
        prefix = city if name in scope["local"] and not own else region if name in scope["regional"] and not own \
            else (own or demonym) if name in scope["national"] else None
        if prefix:
            scoped = f"{prefix} {name}"
            known = claimants().match(scoped)      # "Palestinian health ministry" is the Gaza Health Ministry
            if known and known[1].lower() == scoped.lower():
                st.claimant = Claimant(known[0].name, c.mention, known[0].party, known[0].kind)
            else:
                st.claimant = Claimant(scoped, c.mention, c.party or country, "organisation")


# "Diane Okafor", "Pat J. Ryder" ("[A-Z](?<!\w.)" is "\b[A-Z]", faster: see named_body)
# ("McKinley", "DeSantis": a capital inside a name's word)
_FULL_NAME = re.compile(r"([A-Z](?<!\w.)[a-z]+(?:[^\S\n]+[A-Z]\.)?(?:[^\S\n]+[A-Z][a-z'’-]+(?:[A-Z][a-z'’-]+)?){1,4})\b")


class PageEntities:
    """People and bodies named on the page, for later short mentions: "Okafor" is "Diane Okafor",
    "the union" is "the Port Halden Municipal Workers Union"."""

    LIMIT = 2000

    def __init__(self, text: str):
        self.text = text
        self._surnames = self._bodies = None
        self._people = None          # a pattern of the page's people's names, built on first use

    @property
    def surnames(self) -> dict:
        if self._surnames is None:
            self._index()
        return self._surnames

    @property
    def bodies(self) -> dict:
        if self._bodies is None:
            self._index()
        return self._bodies

    def _index(self) -> None:
        """Built on first use: most pages never need it."""
        text = self.text
        wd = words()
        pl = places()
        self._surnames: dict[str, set] = {}
        self._bodies: dict[str, list] = {}
        for i, m in enumerate(wd.named_body_of.finditer(text)):
            if i > self.LIMIT:
                break
            name = re.sub(r"^(?:The|A|An|At|In|From|By)\s+", "", m.group(1))
            self._bodies.setdefault(name.split()[-1].lower(), []).append((m.start(), name))
        for i, m in enumerate(_FULL_NAME.finditer(text)):
            if i > self.LIMIT:
                break
            if text[max(0, m.start() - 4):m.start()].lower() == "the ":
                continue         # "the White House": a place or a body, not a person
            toks = m.group(1).split()
            # the name after a title and what the title is of: "Mayor Diane Okafor", "Emirates President Tim
            # Clark", "New York Mayor Eric Adams"; "Although James" -> "James"
            last_title = max((j for j, t in enumerate(toks) if t.lower().rstrip(".") in wd.titles), default=-1)
            toks = toks[last_title + 1:]
            while toks and toks[0].lower() in wd.not_first_names:
                toks = toks[1:]
            if len(toks) < 2:
                continue
            name = " ".join(toks)
            if any(t.lower().rstrip(".") in wd.titles or t.lower() in wd.org_words or t in pl.canonical
                   or t in pl.demonym_country or t in pl.capital_country for t in toks):
                continue
            self._surnames.setdefault(toks[-1], set()).add(name)

    def complete(self, st: "Statement") -> None:
        c = st.claimant
        if c is not None and c.kind == "person" and c.party and c.party.lower() in words().org_words:
            # "Union president Carla Reyes": of the union the page named before
            named = self.body_before(c.party.lower(), st.page_start)
            if named:
                st.claimant = c = Claimant(c.name, c.mention, named, c.kind)
        if c is not None and c.kind == "person" and c.name.count(" ") == 1:
            # "Hawk Sawyer" after "Kathleen Hawk Sawyer": a two-word short name, when one full name of three words
            # ends in it (not "Public Prosecution Eva-Marie Persson", a title's words run into a name)
            longer = [n for n in self.surnames.get(c.name.rpartition(" ")[2], ())
                      if n.endswith(" " + c.name) and n.count(" ") == 2]     # (one given name more)
            if len(longer) == 1:
                st.claimant = Claimant(longer[0], st.mention, c.party, "person")
                st.person = longer[0]
            return
        if c is None or " " in c.name or c.kind not in ("organisation", "person"):
            return
        if claimants().match(c.name) is not None:
            return
        if c.name.lower() in words().org_words:     # "Union president Carla Reyes": which union
            named = self.body_before(c.name.lower(), st.page_start)
            if named:
                st.claimant = Claimant(named, st.mention, c.party, "organisation")
            return
        full = self.surnames.get(c.name)
        if full and len(full) == 1:
            name = next(iter(full))
            st.claimant = Claimant(name, st.mention, c.party, "person")
            st.person = name

    def person_before(self, pos: int, window: int = 400) -> str | None:
        """The person named last in the `window` characters before `pos`, by the full name the page gives
        ("Mr. Trump" after "Donald Trump"); None when none is, or a surname stands for two full names."""
        if self._people is None:
            names = {n for full in self.surnames.values() for n in full} | set(self.surnames)
            self._people = re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % "|".join(
                map(re.escape, sorted(names, key=len, reverse=True)))) if names else False
        if not self._people:
            return None
        last = None
        for last in self._people.finditer(self.text, max(0, pos - window), pos):
            pass
        if last is None:
            return None
        name = last.group(0)
        if " " in name:
            # (a person's name has two or three words: "Trade War Keeps World Guessing" is a headline's)
            return name if name.count(" ") <= 2 else None
        full = self.surnames.get(name, ())
        return next(iter(full)) if len(full) == 1 else None

    def body_before(self, head: str, pos: int) -> str | None:
        best = None
        for start, name in self.bodies.get(head, []):
            if start < pos:
                best = name
        return best

    def company_before(self, pos: int) -> str | None:
        """The last company named before `pos`: a body whose name ends in a company word ("... Telecom")."""
        best = None
        for head in words().company_name_words:
            for start, name in self.bodies.get(head, []):
                if start < pos and (best is None or start > best[0]):
                    best = (start, name)
        return best[1] if best else None


_SUBJECT_NAME = re.compile(r"(?:[A-Z][A-Za-z]*[^\S\n]+\([^)]{1,30}\)[^\S\n]+)?(?:The[^\S\n]+)?"
                           r"((?:[A-Z][\w&.'’-]{0,30}[^\S\n]+){0,3}[A-Z][\w&.'’-]{0,30})(?=[^\S\n]+[a-z]|,)")


def _subject_company(statements: list[Statement], i: int, page_text: str = "") -> str | None:
    """The name a sentence begins with, in the statement's sentence or the two before it: a company a later
    'the company said' speaks for. Not a place, a title or a word that merely begins a sentence (one word the
    page also writes in lowercase: "Hackers stole ..." beside "says hackers stole")."""
    st = statements[i]
    seen = [st.sentence]
    for prev in reversed(statements[max(0, i - 6):i]):
        if prev.sentence not in seen:
            seen.append(prev.sentence)
    wd, pl = words(), places()

    def company(name: str) -> bool:
        toks = name.split()
        return not (toks[0].lower() in wd.not_first_names or toks[0].lower() in _DETERMINERS or
                    len(toks) == 1 and toks[0].endswith("ing") or       # "Shelling by the RSF killed ..."
                    any(t.lower().rstrip(".") in wd.titles for t in toks) or name in pl.canonical or
                    name in pl.demonym_country or name.lower() in wd.generic_bodies or
                    len(toks) == 1 and _written_lowercase(name, page_text))
    # "across Facebook's platforms, according to the company": a company the sentence names as an owner
    for m in _OWNER_NAME.finditer(st.sentence.text, 0, st.start):
        if company(m.group(1)):
            return m.group(1)
    for sentence in seen[:3]:
        text = _LEAD_IN.sub("", _DATELINE_HEAD.sub("", sentence.text))      # "At the SNCF, ..."
        m = _SUBJECT_NAME.match(text)
        if m and company(m.group(1)) and not wd.company_noun_next.match(text, m.end(1)):
            return m.group(1)
    return None


# a name that only describes the generic noun after it: "Telecom operator says", "Tech giant cuts"

def _written_lowercase(word: str, text: str) -> bool:
    """Whether the page writes this capitalised word in lowercase too: then it is a common word."""
    low = word.lower()
    return low != word and re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(low), text) is not None


_OWNER_NAME = re.compile(r"\b((?:[A-Z][\w&.-]{0,30}[^\S\n]+){0,2}[A-Z][\w&.-]{0,30})['’]s\b")
_LEAD_IN = re.compile(r"^(?:At|In|For|From|Inside)\s+(?:the\s+)?(?=[A-Z])")


_DATELINE_HEAD = re.compile(r"^[A-Z][A-Z .,'-]{2,40}(?:\([^)]{1,30}\))?\s*(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2}\s*)?"
                            r"(?:\([^)]{1,30}\)\s*)?[-–—:]\s*")


# (words bounded in length: a hostile page's 30,000-letter word must not make this quadratic)
_DEFINED_ACRONYM = re.compile(r"\b((?:[A-Z][\w'’-]{0,30}[^\S\n]+(?:(?:of|for|and|the|on)[^\S\n]+){0,2}){1,6}"
                              r"[A-Z][\w'’-]{0,30})"
                              r"[^\S\n]*\(([A-Z][A-Z&.-]{1,9})\)")


_ACRONYM_IN_BRACKETS = re.compile(r"\(([A-Z][A-Z&.-]{1,9})\)")


def _acronyms_as_named(statements: list[Statement], text: str) -> None:
    """'the National Electoral Institute (INE)' ... 'the INE said': one claimant, named as the page first named
    it, so the same body is not two claimants on one page."""
    defined = {}
    for i, paren in enumerate(_ACRONYM_IN_BRACKETS.finditer(text)):    # few pages define one: look only there
        if i > 200:
            break
        m = _DEFINED_ACRONYM.search(text, max(0, paren.start() - 150), paren.end())
        while m and m.end() != paren.end():       # an earlier "(ABC)" in the window: look past it
            m = _DEFINED_ACRONYM.search(text, m.start() + 1, paren.end())
        if m:
            defined.setdefault(m.group(2), m.group(1))
    if not defined:
        return
    named = {}
    for st in statements:
        if st.claimant is not None:
            for acronym, full in defined.items():
                # (the name's last two words: the pattern may have taken words before it, "In Mexico the ...")
                if acronym not in named and st.claimant.name != acronym and \
                        " ".join(full.split()[-2:]) in st.mention:
                    named[acronym] = st.claimant
    for st in statements:
        c = st.claimant
        if c is not None and c.name in named and named[c.name].name != c.name:
            full = named[c.name]
            st.claimant = Claimant(full.name, st.mention, full.party, full.kind)


def _documents_by_author(statements: list[Statement], text: str) -> None:
    """"The report found ...": the author of the last report the page names before it ("a new report by the World
    Health Organization", "the World Bank's study", "Gallup published a poll"), when the page names one."""
    for st in statements:
        doc = _THE_DOCUMENT.fullmatch(st.mention.strip())
        if doc is None or not doc.group(0)[:1].isalpha() or not (
                doc.group(0)[:4].lower() in ("the ", "this", "that") or
                _DEFINITE_BEFORE.search(st.sentence.text, max(0, st.start - 20), st.start)):
            continue
        noun = doc.group(1).lower().rstrip("s")
        window = text[max(0, st.page_start - 3000):st.page_start]
        best = None
        for m in _authored_documents().finditer(window):
            if (m.group("noun") or m.group("noun2") or m.group("noun3")).lower().rstrip("s") == noun:
                best = m
        if best is not None:
            author = re.sub(r"^the\s+", "", best.group("by") or best.group("owner") or best.group("maker"))
            probe = Statement(st.sentence, st.block, st.start, st.end, st.anchor, author, verb=st.verb)
            resolve_mention(probe, None)
            if probe.claimant is not None and probe.pending is None:
                st.claimant = Claimant(probe.claimant.name, st.mention, probe.claimant.party, probe.claimant.kind)
                st.pending = None


# "the report", "this new study", "the survey's": a document the page has named before (the determiner may stand
# before the mention)
_DEFINITE_BEFORE = re.compile(r"\b(?i:the|this|that)\s+(?:(?:new|latest|full|annual|same)\s+)?\Z")
_THE_DOCUMENT = re.compile(r"(?:(?i:the|this|that)\s+(?:(?:new|latest|full|annual|same)\s+)?)?(%s)(?:['’]s)?" % "|".join(
    sorted(map(re.escape, load_table("attribution.json")["document_nouns"]), key=len, reverse=True)))
_NAME = r"(?:the[^\S\n]+)?[A-Z][\w'’&.-]*(?:[^\S\n]+(?:of[^\S\n]+(?:the[^\S\n]+)?|for[^\S\n]+|on[^\S\n]+|and[^\S\n]+)?" \
        r"[A-Z][\w'’&.-]*){0,6}"


@lru_cache(maxsize=None)
def _authored_documents() -> re.Pattern:
    """A document and its author: "a report ... by <Name>" (by), "<Name>'s new report" (owner), "<Name> published a
    report" (maker); the document's noun in group 'noun', 'noun2' or 'noun3'."""
    nouns = "|".join(sorted(map(re.escape, load_table("attribution.json")["document_nouns"]), key=len, reverse=True))
    return re.compile(
        r"\b(?P<noun>%s)\b[^.;:!?\"“”]{0,60}?\bby\s+(?P<by>%s)"
        r"|(?<![\w'’.-])(?P<owner>%s)['’]s?\s+(?:[a-z][\w-]*\s+){0,2}(?P<noun2>%s)\b"
        r"|(?<![\w'’.-])(?P<maker>%s)\s+(?:has\s+)?(?:published|released|issued|conducted|commissioned)\s+"
        r"(?:a|an|its|the)\s+(?:[a-z][\w-]*\s+){0,3}(?P<noun3>%s)\b" % (nouns, _NAME, _NAME, nouns, _NAME, nouns))


def _a_person_spoke(st: Statement) -> bool:
    """Whether a person spoke for the statement's claimant, so that 'he' or 'she' may stand for them: a
    spokesperson or an official ("A government spokesman said ... 12 are missing, he said"), or a lone capitalised
    name no one knows as a body ("Ruiz said ... She added")."""
    words_ = st.mention.lower().split()
    if any(w in words().spokes or w.rstrip(".") in words().titles for w in words_):
        return True
    m = st.mention.strip()
    return m.isalpha() and len(m) > 2 and m[:1].isupper() and not m.isupper() and \
        m.lower() not in words().org_words and m.lower() not in words().not_first_names and \
        claimants().match(m) is None and m not in places().canonical


def _resolve_context(statements: list[Statement], entities: PageEntities | None = None) -> None:
    """Pronouns, 'which', bare bodies and whole countries take their claimant from nearby statements."""
    if entities is not None:
        _documents_by_author(statements, entities.text)
    for i, st in enumerate(statements):
        if st.pending == "pronoun":
            low = (st.pronoun or st.mention).lower()
            for prev in reversed(statements[max(0, i - NEAR):i]):
                if prev.claimant is None or prev.pending == "pronoun" and prev.claimant is None:
                    continue
                if st.pronoun and prev.sentence.index < st.sentence.index - 1:
                    break           # "His office said": only the person who spoke just before
                if low in ("he", "she") and not (prev.person or prev.claimant.kind == "person" or
                                                 _a_person_spoke(prev)):
                    continue
                if low == "it" and prev.claimant.kind == "person":
                    continue        # "it announced an order" is a company's, not the last person's who spoke
                st.claimant = Claimant(prev.claimant.name, st.mention, prev.claimant.party, prev.claimant.kind)
                st.person = prev.person
                break
            else:
                # "President Donald Trump met farmers. ... he said": no one spoke before, so the person the
                # text named last just before
                name = entities.person_before(st.page_start) if entities and low in ("he", "she") and \
                    not st.pronoun and st.verb in words().speech_verbs else None
                if name:
                    st.claimant = Claimant(name, st.mention, None, "person")
                    st.person = name
            if low in ("we", "i"):
                st.pending = "speaker"          # resolved by the quotation that holds it
            else:
                st.pending = None
        elif st.pending == "relative":
            text = st.sentence.text
            ante = re.search(r"([^,]{3,120}),\s*$", text[:st.start])
            st.pending = None
            if ante:
                probe = Statement(st.sentence, st.block, 0, 0, 0, ante.group(1))
                resolve_mention(probe, None)
                if probe.claimant is None:
                    known = claimants().match(ante.group(1))
                    if known:
                        probe.claimant = Claimant(known[0].name, ante.group(1), known[0].party, known[0].kind)
                st.claimant = probe.claimant
        elif st.pending == "generic":
            head = st.generic_head
            body = _body_in_sentence(st) if st.person else None
            if body:             # "At Dravenik General Hospital, ..., deputy director Ana Voss said"
                st.claimant = Claimant(body, st.mention, st.claimant.party if st.claimant else None, "organisation")
            else:
                title = head in words().titles if head else False
                for prev in reversed(statements[max(0, i - NEAR):i]):
                    if prev.claimant is None or prev is st or prev.claimant.kind in ("country", "outlet"):
                        continue
                    if prev.claimant.kind == "person" and not title:
                        continue
                    if head is None or head in prev.claimant.name.lower() or head in prev.mention.lower():
                        st.claimant = Claimant(prev.claimant.name, st.mention, prev.claimant.party, prev.claimant.kind)
                        break
                else:
                    named = entities.body_before(head, st.page_start) if entities and head else None
                    if named is None and head in words().any_body_heads:
                        # "the NDRRMC said ... the agency said": the organisation that spoke last
                        prev = next((p for p in reversed(statements[max(0, i - NEAR):i]) if p.claimant is not None
                                     and p.claimant.kind == "organisation" and not p.claimant.name.endswith(("'s", "’s"))
                                     and p.claimant.name[:1].isupper()), None)
                        named = prev.claimant.name if prev else None
                    if named is None and head in words().company_nouns:
                        # "... Southern Cross Telecom ... the company said"; "Northwind ..., the software maker
                        # said"
                        named = _subject_company(statements, i, entities.text if entities else "") or \
                            (entities.company_before(st.page_start) if entities else None)
                    if named:      # "the union" after "The Port Halden Municipal Workers Union disputes ..."
                        party = st.claimant.party if st.claimant else None
                        st.claimant = Claimant(named, st.mention, party, "organisation")
            st.pending = None
    # a whole country ("the United States estimates", "according to Kiev") speaks through the nearest
    # named claimant of the same side
    for i, st in enumerate(statements):
        if st.pending != "country" or st.claimant is None:
            continue
        best = None
        for other in statements[max(0, i - NEAR):i + NEAR]:
            if other is st or other.claimant is None or other.pending == "country":
                continue
            if other.claimant.party != st.claimant.party or other.claimant.kind == "country":
                continue
            d = abs(other.sentence.index - st.sentence.index)
            if d <= 3 and (best is None or d < best[0]):
                best = (d, other)
        if best:
            st.claimant = Claimant(best[1].claimant.name, st.mention, best[1].claimant.party, best[1].claimant.kind)
        st.pending = None
    # "X reported ..., citing Y": the claim is Y's; X only relays it, here and wherever X is quoted
    relays = {}
    for i, st in enumerate(statements):
        if st.verb == "citing" and st.claimant:
            for other in statements[max(0, i - 8):i]:
                if other.sentence is st.sentence and other.claimant and other.start < st.start:
                    relays[other.claimant.name] = st.claimant
                    other.cited = st.claimant
    for st in statements:
        if st.claimant and st.claimant.name in relays:
            cited = relays[st.claimant.name]
            # a body the relay names without its side is the relay's side's ("Ukrainian media reported, citing
            # military intelligence": Ukraine's)
            party = (st.claimant.party or cited.party) if cited.kind == "group" else cited.party
            st.claimant = Claimant(cited.name, st.mention, party, cited.kind)


def _quote_speakers(page: Page, sentences, by_sentence) -> dict:
    """For every quotation (block index, start, end in block): the statement that tags it."""
    speakers = {}
    by_block: dict[int, list[Statement]] = {}
    for s in sentences:
        for st in by_sentence.get(s.index, []):
            by_block.setdefault(s.block, []).append(st)
    previous = None
    for bi, block in enumerate(page.blocks):
        spans = quote_spans(block.text)
        sts = by_block.get(bi, [])
        for qs, qe in spans:
            tag = None
            for st in sts:
                pos = st.page_start - block.start
                end = st.sentence.start + st.end - block.start
                if qe <= pos <= qe + 40 and not re.search(r"[.!?][\"”’']?\s+[A-Z]", block.text[qe - 1:pos]) or \
                        (qe <= pos + 2 and pos < qe + 40 and pos >= qe - 2):
                    tag = st
                    break
                if end <= qs and qs - end <= 4:
                    tag = st
            if tag is None and previous is not None and (qs <= 2 or previous.block == bi):
                tag = previous    # a quotation goes on: '"...," Okafor said. "This budget ..."' 
            if tag is not None:
                speakers[(bi, qs, qe)] = tag
                previous = tag
            else:
                previous = None
    return speakers


def _date_statements(page: Page, statements: list[Statement], quote_speakers: dict, reference: date | None) -> set:
    """Resolve every statement's time cue; a statement quoted inside another speaker's words counts
    from that speaker's day and, without a cue of its own, takes it. Returns the quoted statements."""
    enclosing = {}
    by_block: dict[int, list[Statement]] = {}
    for st in statements:
        by_block.setdefault(st.block, []).append(st)
    for (bi, qs, qe), tag in quote_speakers.items():
        block_start = page.blocks[bi].start
        for st in by_block.get(bi, []):
            if st is not tag and qs < st.page_start - block_start < qe:
                enclosing[id(st)] = tag
                if st.pending == "speaker" or st.claimant is None:
                    st.claimant = tag.claimant and Claimant(tag.claimant.name, st.mention, tag.claimant.party,
                                                            tag.claimant.kind)
                    st.pending = None
    previous = None
    for st in statements:           # in page order: "the same day" is the day of the statement before
        if st.cue and id(st) not in enclosing:
            st.date = resolve(st.cue, reference, previous)
        if st.date:
            previous = st.date
    for st in statements:
        if id(st) in enclosing:
            tag = enclosing[id(st)]
            st.date = resolve(st.cue, tag.date or reference, tag.date) if st.cue else tag.date
    return set(enclosing)


def _statement_for(f: Figure, page: Page, by_sentence, quote_speakers, statements, spans, signed) -> Statement | None:
    s = f.sentence
    text = s.text
    pos = f.quantity.start
    block = page.blocks[s.block]
    own = by_sentence.get(s.index, [])
    q = inside(spans, f.start - block.start)
    # an aside between dashes is the outlet's own background unless it has its own statement
    for m in re.finditer(r"\s[-–—]\s[^-–—]{3,200}?\s[-–—]\s", text[max(0, pos - 220):pos + 220]):
        m_start, m_end = m.start() + max(0, pos - 220), m.end() + max(0, pos - 220)
        if m_start < pos < m_end and not any(m_start <= st.start < m_end for st in own):
            return None
    if q is not None:
        qs, qe = q
        inner = [st for st in own if qs <= (st.page_start - block.start) < qe and st.sentence.start + st.anchor - block.start <= f.start - block.start]
        if inner:
            return inner[-1]
        tag = quote_speakers.get((s.block, qs, qe))
        if tag is not None:
            return tag
    # (a verb whose clause ends at a dash or a semicolon says nothing after it: "the visual quality Google
    # promised – it's revealed in Eurogamer's review that ... 30fps")
    before = [st for st in own if st.anchor <= pos and not _in_other_quote(st, spans, q, block) and
              not (st.anchor < pos and _CLAUSE_ENDS.match(text, st.anchor)) and
              # (an owner's words speak in their own clause only: not "Sweden's report was delayed, and 40 died")
              not (st.verb in _CLAUSE_BOUND and _CONTRAST.search(text, st.anchor, pos))]
    # the people the figure counts do not claim it: "70 percent of Americans say", "Some 2,000 residents said"
    # (but "the $14.6 billion analysts had expected" is the analysts')
    counted = "" if _THE_BEFORE.search(text, max(0, pos - 40), pos) else \
        (f.extra.get("head") or f.counted or "").rpartition(" ")[2].lower()
    after = [st for st in own if st.start >= f.quantity.end and not _in_other_quote(st, spans, q, block) and
             not (counted and st.mention.rpartition(" ")[2].lower() == counted and
                  _COUNTED_SPEAKERS.fullmatch(text, f.quantity.end, st.start))]
    if after and after[0].verb.endswith(" by") and after[0].start - f.quantity.end <= 30 and \
            re.fullmatch(r"[\s\w-]*", text[f.quantity.end:after[0].start]):
        return after[0]        # "the 250,000 claimed by the CGT": the figure's own source, whoever spoke before
    if after and _THE_BEFORE.search(text, max(0, pos - 40), pos) and \
            _RELATIVE_GAP.fullmatch(text, f.quantity.end, after[0].start):
        return after[0]        # "more than the 9.4 million the company first disclosed": the same
    # a statement that names another figure ("the $4.2 billion the UN says is needed") or that begins a clause
    # of its own with its own figure (", while Britain said it would give 120 million pounds") does not speak
    # for this one
    after = [st for st in after if not _RELATIVE_TO_FIGURE.search(text, max(0, st.start - 60), st.start) and
             not (_CONTRAST.search(text, f.quantity.end, st.start) and _DIGIT.search(text, st.anchor))]
    if before:
        if before[-1].country_speaks:
            # "Greece has recorded 1,250 wildfires, according to Copernicus": the country is where it
            # happened, the source named after the figure is who counts it
            # (or the speaker of the sentence's closing "..., the researchers estimated")
            sourced = [st for st in after if st.verb in _NAMED_SOURCES or not st.country_speaks]
            if sourced:
                return sourced[0]
        return before[-1]
    if after:
        return after[0]
    if s.block in signed:
        return signed[s.block]
    if block.kind == "quote":
        # a quotation block with no speaker of its own is spoken by whoever introduces it: a speaker earlier in
        # its run of quotation blocks, or in the paragraph right before the run; not one across a heading or in
        # another quotation (a roundup quotes one review after another under headings of its own)
        first = s.block
        while first > 0 and page.blocks[first - 1].kind == "quote":
            first -= 1
        if first > 0 and page.blocks[first - 1].kind == "paragraph":
            first -= 1
        starts = [st.page_start for st in statements]
        i = bisect.bisect_left(starts, block.start)
        for st in reversed(statements[max(0, i - 20):i]):
            if st.sentence.block < first:
                break
            if st.claimant:
                return st
    return None


# statements that speak in their own clause only: an owner's words, a proposal (attribution.json)
_CLAUSE_BOUND = frozenset(load_table("attribution.json")["owned_words"]["nouns"]) | \
    frozenset(load_table("attribution.json")["proposal_verbs"]["words"])
_CLAUSE_ENDS = re.compile(r"\s*(?:[;–—]|\s-\s)")
# a figure named by a relative clause: "the 9.4 million (customers) (that) the company disclosed"
_THE_BEFORE = re.compile(r"\bthe\s+\Z")
_RELATIVE_GAP = re.compile(r"(?:\s+[a-z][\w-]*){0,2}?\s+(?:(?:that|which)\s+)?")
# ... seen from the statement: "the $4.2 billion (that) ..." right before its speaker
_RELATIVE_TO_FIGURE = re.compile(r"\bthe\s+[$€£]?\d[\d.,]*(?:\s+(?:million|billion|trillion|thousand|per\s*cent|percent)|%%)?"
                                 r"%s\Z" % _RELATIVE_GAP.pattern)
_CONTRAST = re.compile(r",\s+(?:while|whereas|but|and)\b|;")
# between a figure and its speaker, who are what it counts: "70 percent| of |Americans say", "2,000| residents"
_COUNTED_SPEAKERS = re.compile(r"\s+(?:of\s+(?:the\s+|all\s+)?)?")
_DIGIT = re.compile(r"\d")

_NAMED_SOURCES = frozenset({"according to", "data from", "figures from", "estimates by", "estimates from"})


def _in_other_quote(st: Statement, spans, q, block) -> bool:
    where = inside(spans, st.page_start - block.start)
    return where is not None and where != q


def _nearest_date(st: Statement, dated: dict, enclosed: set) -> date | None:
    """The date of the nearest dated statement of the same claimant; statements quoted inside another
    speaker's words ("when we said ... last Thursday") only when there is nothing else."""
    if st.claimant is None:
        return None
    best = None
    for other in dated.get(st.claimant.name, ()):
        d = (id(other) in enclosed, abs(other.sentence.index - st.sentence.index))
        if best is None or d < best[0]:
            best = (d, other.date)
    return best[1] if best else None
