"""Reporting statements in a sentence: "X said", "said X", "according to X", "citing X", '"...," X said', "X: ..." in
a headline, an owner's words ("NASA's announcement"); each with its speaker's words on the page, its verb and
the time cue that dates it. The words that drive them are data/attribution.json's (words())."""
from __future__ import annotations

import re
from dataclasses import dataclass
import datetime
from functools import lru_cache
from itertools import islice

from ..model import Claimant, Sentence
from .dates import TimeCue, dateline, find_cues
from .lexicon import alternation, caseless_prefilter, claimants, has_caseless, load_table, places

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
    titled_name: re.Pattern        # "Mr. Trump", "President Xi": one capitalised word after a title names a person
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
    body_name_ends: frozenset        # "Alden Global Capital": the full names a one-word short name stands for
    hearsay: re.Pattern              # "reportedly": the outlet relays what others reported
    hearsay_claimant: str
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
        # (a title as written, capitalised; the word after it ends the name: "General Motors Co" and "Major League
        # Baseball" run on into more capitalised words)
        # ("(?=[A-Z])" first: the lookbehind and the titles' alternation are tried only where a capital stands)
        titled_name=re.compile(r"(?=[A-Z])(?<![\w.])(?:%s)[^\S\n]+([A-Z][a-z][\w'’-]*)(?![\w'’-]|[^\S\n]+[A-Z&])" % "|".join(
            sorted((re.escape(x) for x in t["titles"] if x[:1].isupper()), key=len, reverse=True))),
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
        body_name_ends=frozenset(t["body_name_ends"]["words"]),
        hearsay=re.compile(r"\b(?:%s)\b" % "|".join(map(re.escape, t["hearsay_adverbs"]["words"])), re.I),
        hearsay_claimant=t["hearsay_adverbs"]["claimant"],
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
    date: datetime.date | None = None
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
_SAMPLE = load_table("attribution.json")["sample_postmodifiers"]
# "One study in 24 older adults found": the study, then whom it followed (digits' commas are no clause break)
_SAMPLE_BEFORE_VERB = re.compile(r"(?<![\w-])((?:%s))\s+(?:%s)\s+(?:[^,;:\"“”()]|,(?=\d)){1,60}?\s*$" % (
    "|".join(map(re.escape, _SAMPLE["nouns"])), "|".join(map(re.escape, _SAMPLE["prepositions"]))), re.I)
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
        else:
            sample = _SAMPLE_BEFORE_VERB.search(text, max(0, pos - 90), pos)
            if sample:
                pos = sample.end(1)    # "One study in 24 older adults found": the study
    # the first of two speakers with a companion ("Paganini and his team reported"); the time between a
    # speaker and the verb ("Clark in October revealed")
    companions = " and " in text[max(0, pos - 60):pos] and _COMPANIONS_BEFORE_VERB.search(text, max(0, pos - 60), pos)
    between = companions or _TIME_BEFORE_VERB.search(text, max(0, pos - 40), pos)
    if between:
        pos = between.start()
    else:
        # where a named speaker, or one named by title, is, between it and the verb: "The U.S. Central Command in
        # Florida said", "the ambassador in Washington said" (a known place)
        seat = _SEAT_BEFORE_VERB.search(text, max(0, pos - 50), pos)
        if seat and (seat.group(1)[0].isupper() and seat.group(1).lower() not in words().generic_bodies or
                     seat.group(1) in words().titles) and _names_a_place(seat.group(3)):
            pos = seat.start(2)
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


def _names_a_place(name: str) -> bool:
    found = places().find(f"in {name}")
    return bool(found) and found[0].start == 3 and found[0].end == 3 + len(name)


# the place between a speaker and its verb, with the word before it (a generic body is named by its place:
# "officials in Kabul", "authorities in Beijing"; a name or a title is not: "Central Command in Florida")
_SEAT_BEFORE_VERB = re.compile(r"\b([A-Za-z][\w'’.-]*)(\s+(?:in|at)\s+((?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w'’.-]*))\s*$")


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
        if not (modifier_word(w, sentence_first=words[i - 1].start() == 0) or
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


def modifier_word(w: str, sentence_first: bool) -> bool:
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


# attribution.json's document nouns as one alternation, longest first: "report", "data", "figures", ...
DOCUMENT_NOUNS = "|".join(sorted(map(re.escape, load_table("attribution.json")["document_nouns"]), key=len,
                                  reverse=True))
# an author's capitalised name, with "of (the)", "for", "and" inside it: "the Office for National Statistics"
_AUTHOR_NAME = r"((?:the\s+)?[A-Z][\w'’&.-]*(?:\s+(?:of\s+(?:the\s+)?|for\s+|and\s+)?[A-Z][\w'’&.-]*){0,6})"
# right after "according to": a document (its name and words that say which: "the TexAuto Facts report", "a report
# released Thursday") then "from" or "by" and its author's capitalised name
_DOCUMENT_FROM = re.compile(
    r"\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+|this\s+|that\s+)?(?:[\w'’&.-]+\s+){0,4}?(?:%s)\s+"
    r"(?:[a-z][\w-]*\s+){0,3}?(?:by|from)\s+%s" % (DOCUMENT_NOUNS, _AUTHOR_NAME))
# ... or a document and who put it out, in a relative clause: "according to figures the mayor's office released
# Friday", "according to data the ministry published" (the author's words end right before the verb)
_DOCUMENT_RELEASED = re.compile(
    r"\s+(?:the\s+|a\s+|an\s+|new\s+)?(?:[a-z][\w-]*\s+){0,2}?(?:%s)\s+(?:that\s+)?"
    r"((?:the\s+|its\s+)?(?:[\w'’&.-]+\s+){0,3}?[\w'’&.-]+)\s+(?:has\s+|had\s+)?"
    r"(?:released|published|issued|provided|compiled|filed|shared|posted|gave)\b" % DOCUMENT_NOUNS)
# the rest of the clause up to "by" and a capitalised name
_BY_AUTHOR = re.compile(r"[^,;:.\"“”()]{0,60}?\bby\s+" + _AUTHOR_NAME)
_TO_CLAUSE_END = re.compile(r"[^,;:.()\"“”]{0,60}?(?=\s*(?:[,;:.)]|$))")


# ---------------------------------------------------------------- statements in a sentence

# an amount right after a verb: "pledged $2.1 billion", "organisers claim 100,000" (the verb's object)
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
SHORT_COUNTRY = {"United States": "US", "United Kingdom": "UK"}
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
            author = _DOCUMENT_FROM.match(text, m.end()) or _DOCUMENT_RELEASED.match(text, m.end())
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
                not _body_subject(text, span, wd) and \
                not _PUT_AT.match(text, m.end()) and not ((_THAT_AFTER.match(text, m.end()) or
                                                           _AMOUNT_AFTER.match(text, m.end())) and
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
    (group 1), found first by the apostrophe; and the owner's name, or a body's ('the interior ministry'), that
    ends right before it. Not a day's: "Monday's announcement", "Today's report"."""
    t = load_table("attribution.json")["owned_words"]
    owned = re.compile(r"(?:['’]s|(?<=s)['’])\s+(?:(?:%s)\s+){0,2}(%s)\b" % ("|".join(t["which"]), "|".join(t["nouns"])))
    days = _MONTH_OR_DAY[:-1] + r"|Today|Yesterday|Tomorrow|Last|This|Next)"
    # a name ('NASA', 'the Kremlin'), or a body named by what it is ('the interior ministry's count')
    bodies = "|".join(sorted(map(re.escape, load_table("attribution.json")["generic_bodies"]), key=len, reverse=True))
    owner = re.compile(r"(?<![\w'’.-])(?:(?!(?:%s)\Z)(?:[A-Z][\w.&-]*\s+){0,4}[A-Z][\w.&-]*|(?i:the\s+(?:%s)))\Z"
                       % (days, bodies))
    return owned, owner


def _headline_speaker(words_: str) -> bool:
    """One to three capitalised words that are no place, demonym or headline label."""
    parts = words_.split()
    pl = places()
    return 1 <= len(parts) <= 3 and all(p[:1].isupper() for p in parts) and words_ not in pl.canonical and \
        words_ not in pl.demonym_country and parts[0].lower() not in words().headline_labels


DETERMINERS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                "january", "february", "march", "april", "june", "july", "august", "september", "october",
                "november", "december", "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "it",
                "everything", "nothing", "something", "anything", "everyone", "everybody", "nobody", "someone",
                "all", "both", "many", "some", "most", "none", "one", "another"}


def capitalised_words(mention: str) -> list[str]:
    """Capitalised words that may be names: not a sentence-initial determiner ("This budget")."""
    words = mention.split()
    # ("its May forecasts": the month; a mention that is "May" alone is too, "Theresa May" is a name)
    return [w for i, w in enumerate(words) if w[:1].isupper() and w.lower() not in DETERMINERS and
            not (w == "May" and (i == 0 or words[i - 1].lower() in _BEFORE_A_MONTH))]


_BEFORE_A_MONTH = frozenset({"its", "their", "in", "of", "last", "next", "this", "early", "late", "mid", "since", "until",
                             "by", "the"})


def _plausible_speaker(mention: str) -> bool:
    low = mention.lower()
    if low.rsplit(None, 1)[-1:] in (["and"], ["or"], ["but"]):
        return False     # "in France and posted it": a second verb, no speaker
    if low in ("he", "she", "they", "we", "i", "it", "which", "who"):
        return True      # (resolved with the statements before: "The agency said ... It added that")
    if capitalised_words(mention):
        return True
    wd = words()
    return any(b in low for b in wd.generic_bodies) or any(w in wd.spokes for w in low.split()) or \
        wd.postmodified.search(mention) is not None


def _body_subject(text: str, span: tuple[int, int], wd) -> bool:
    """'The department', 'the health ministry': a body named by what it is, speaking ('The department estimates
    the damage at $1.5 million': a verb, not the noun 'estimates')."""
    low = text[span[0]:span[1]].lower().split()
    return 1 <= len(low) <= 2 and low[-1] in wd.org_words and \
        (low[0] == "the" or text[max(0, span[0] - 4):span[0]].lower() == "the ")


def _named_speaker(mention: str) -> bool:
    return mention.lower() in ("he", "she", "they", "we", "i", "it", "which", "who") or \
        bool(capitalised_words(mention)) or claimants().match(mention) is not None or \
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
