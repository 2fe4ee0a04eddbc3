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
from datetime import date

from ..model import Claimant, Figure, Page, Sentence
from .context import StoryContext
from .clauses import _CLAUSE_BREAK
from .dates import MONTHS, find_cues, resolve
from .lexicon import load_table
from .quotes import inside, quote_spans
from .speakers import (PageEntities, acronyms_as_named, resolve_context, resolve_mention, scope_generic_bodies,
                       speaks_for)
from .statements import Statement, find_statements, words


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
        speaks_for(st)
        entities.complete(st)
    resolve_context(statements, entities)
    acronyms_as_named(statements, page.text)
    scope_generic_bodies(statements, story)
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
    spoken: dict[int, list[tuple[Figure, Statement]]] = {}       # sentence index: its figures' statements
    for f in figures:
        b = f.sentence.block
        if b not in spans_by_block:
            spans_by_block[b] = quote_spans(page.blocks[b].text)
        st = _statement_for(f, page, by_sentence, quote_speakers, statements, spans_by_block[b], signed)
        if st is None or st.claimant is None:
            st = _broken_down(f, spoken.get(f.sentence.index - 1, ()), page) or st
        if st is not None and st.claimant is not None:
            spoken.setdefault(f.sentence.index, []).append((f, st))
        if st is None or st.claimant is None:
            hearsay = _hearsay(f, spans_by_block[b], page)
            if hearsay is not None:
                f.claimant, f.claim_date = hearsay, None
                continue
            f.claimant = _pollster(f, sentences, home_country) or outlet
            # the outlet's own statement of a fact is made on the day it publishes it, whatever day the fact
            # is of ('a storm dumped 2 inches of rain late Friday'; the conventions of the answer keys)
            f.claim_date = page.published
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
                not _MONTH_TIME.search(st.sentence.text, st.start, st.end - len(st.verb)) and \
                not _MONTH_OPENS.fullmatch(st.sentence.text, 0, st.start):
            f.claim_date = reference
        if st.synthetic_quote:
            f.quoted = True      # the words of an embedded post
    _headlines_from_body(page, figures)


def _broken_down(f: Figure, before: list[tuple[Figure, Statement]], page: Page) -> Statement | None:
    """The statement of the count a sentence breaks down ("... 40 people were killed, the ministry said. Of those,
    12 were children"; attribution.json breakdowns): the last claimed count of the sentence right before, in its
    paragraph or the one before it."""
    m = _BREAKDOWN.match(f.sentence.text)
    if m is None or not before or f.sentence.block - before[-1][0].sentence.block > 1 or \
            page.blocks[f.sentence.block].kind != "paragraph":
        return None
    counts = [(g, st) for g, st in before if g.quantity.kind == "count" and st.claimant.kind != "outlet"]
    if not counts:
        return None
    g, st = counts[-1]
    noun = m.group("noun")
    if noun is not None and noun.lower() not in _CASUALTY_WORDS and \
            noun.lower() != (g.extra.get("head") or g.counted or "").rpartition(" ")[2].lower():
        return None          # "Of the city's 12 hospitals": something else picked out
    return st


_BREAKDOWNS = load_table("attribution.json")["breakdowns"]
_CASUALTY_WORDS = frozenset(_BREAKDOWNS["casualty_words"])
_BREAKDOWN = re.compile(r"\W*(?:%s)\s+(?:(?:%s)\b|the\s+(?:[\d,]+\s+|[a-z]+\s+)?(?P<noun>[A-Za-z]+)\b)" % (
    "|".join(_BREAKDOWNS["openers"]), "|".join(_BREAKDOWNS["pronouns"])), re.I)


def _hearsay(f: Figure, spans, page: Page) -> Claimant | None:
    """Media reports, for a figure the outlet relays as reported by others ("GateHouse reportedly laid off more
    than 60 employees", "the $20 reportedly demanded by Ferro"; attribution.json hearsay_adverbs): the adverb in
    the figure's clause, before it or right after it, outside quotations."""
    wd = words()
    text, q = f.sentence.text, f.quantity
    if not wd.hearsay.search(text) or inside(spans, f.start - page.blocks[f.sentence.block].start):
        return None
    lo = max(0, q.start - 80)
    # (not across a clause's end: "Ferro reportedly wanted more, and the company sold 12")
    before = [m for m in wd.hearsay.finditer(text, lo, q.start) if not _CLAUSE_BREAK.search(text, m.end(), q.start)]
    after = wd.hearsay.search(text, q.end, q.end + 30)
    if after is not None and _CLAUSE_BREAK.search(text, q.end, after.start()):
        after = None
    if not before and after is None:
        return None
    m = before[-1] if before else after
    return Claimant(wd.hearsay_claimant, m.group(0), None, "media")


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


# a month between a speaker and the verb: "Clark in October revealed" spoke in October, not on the day the page
# was published (a month before the speaker dates what the claim tells of: "rose to 6.4% in August, the agency said")
_MONTHS = r"(?:%s)" % "|".join(m.capitalize() for m in MONTHS)
_MONTH_TIME = re.compile(r"\b(?:in|during|since|earlier in|late in|early in)\s+" + _MONTHS + r"\b")
# ... or opening the sentence whose speaker it is: "In late October, the ministry said" (not "rose to 6.4% in
# August, the agency said", where the month is the figure's)
_MONTH_OPENS = re.compile(r"\W*(?:In|During|Since|Earlier in|Late in|Early in|Until)\s+(?:(?:early|mid|late)[ -])?" +
                          _MONTHS + r"(?:,?\s+(?:19|20)\d\d)?\s*,?\s*(?:(?:the|a|an|its|his|her|their)\s+)?")
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


# the rest of a reporting frame before the quotation it opens: "said in a statement: \"", "told reporters: \""
_FRAME_TO_QUOTE = re.compile(r"[^\"“”.!?;]{0,40}[:,]\s*")


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
                if end <= qs and (qs - end <= 4 or _FRAME_TO_QUOTE.fullmatch(block.text, end, qs)):
                    tag = st      # '"...', or 'X said in a statement: "...'
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
              not (st.verb in _CLAUSE_BOUND and _CONTRAST.search(text, st.anchor, pos)) and
              # (nor does the speaker claim what the outlet says of it: "said the Muttahida Jihad Council (MJC),
              # an alliance of 18 groups")
              not (_TRAILING_FRAME.search(text, 0, st.start) and _SPEAKER_APPOSITIVE.fullmatch(text, st.end, pos))]
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
    # nor does one a concession or a contrast opens ("..., yet Nissan says it will use less fuel", "though VW says
    # it could add a bench"): its speaker claims that clause, not the figure before it
    after = [st for st in after if not _RELATIVE_TO_FIGURE.search(text, max(0, st.start - 60), st.start) and
             not (_CONTRAST.search(text, f.quantity.end, st.start) and _DIGIT.search(text, st.anchor)) and
             not _CONCESSION_OPENS.search(text, f.quantity.end, st.start)]
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
# a statement that closes what came before it ('"...," said X', '..., X said'), not one that opens its sentence
_TRAILING_FRAME = re.compile(r"[,\"”’]\s*\Z")
# an appositive right after a speaker that describes it, up to a figure in it
_SPEAKER_APPOSITIVE = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?,\s+(?:an?|the|one\s+of|which|who)\s+[^,;:\"“”]{0,80}")
# a concession or contrast that opens the clause a statement stands in (no comma between them: not "..., though
# prices fell, the association said", which speaks for the whole sentence)
_CONCESSION_OPENS = re.compile(r"(?<![\w-])(?:while|whereas|but|yet|though|although)[^\S\n]+[^,;:\n]*\Z")
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
