"""Each figure of a page against the claim set: who else reported its quantity, with what value and when.

Values are compared through the interval a qualifier implies ("about" is a band, "more than" is open above,
"up to" open below, a range is its span). Reports are grouped into claims (one claimant, one value, one day),
so outlets repeating one statement count once. A figure is compared with the claims of its measure and, when
what it counts has a named owner ('Facebook users'), of the measures that differ from it only in that one of
them has no place. Flags: `superseded` (the same claimant later gave a new figure), `misreported` (outlets give
the same claimant's statement with another value or an incompatible qualifier), `paraphrase_differs` (a page's
paraphrase contradicts the quotation it paraphrases)."""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from ..contract import ClaimantOut, Comparison, Copy, Other, Range, Related, Report, ReportOut, StorySource, Value
from ..model import Figure, Page
from .geo import around, within
from .align import close
from .measure import key_parts, measure_what, owned, same_but_place, same_but_time
from .units import comparable, convert
from . import words
from .store import ClaimIdentity, ClaimRow, ClaimStore, MeasureRow, ReportRow

BAND = 0.10            # "about 10,000" spans 9,000-11,000
SAME_TIME_DAYS = 1     # claims a day apart describe the same moment; further apart, a change over time
INF = float("inf")
QUALIFIER_CLASS = {"exact": "point", "approx": "point", "more_than": "above", "at_least": "above",
                   "up_to": "below", "less_than": "below", "range": "range"}


def interval(low: float, high: float | None, qualifier: str) -> tuple[float, float]:
    if qualifier == "range" and high is not None:
        return (min(low, high), max(low, high))
    v = low
    if qualifier == "approx":
        return (v - abs(v) * BAND, v + abs(v) * BAND)
    if qualifier in ("more_than", "at_least"):
        return (v, INF)
    if qualifier in ("up_to", "less_than"):
        return (min(0.0, v), v)
    return (v, v if high is None else high)


def relation(this: tuple[float, float | None], other: tuple[float, float | None], other_qualifier: str) -> str:
    """How another claim stands to this figure's value: same, overlaps (its interval covers this value),
    higher or lower."""
    a, b = this[0], this[1] if this[1] is not None else this[0]
    if (other[0], other[1]) == (this[0], this[1]):
        return "same"
    lo, hi = interval(other[0], other[1], other_qualifier)
    strict_lo = other_qualifier == "more_than"
    strict_hi = other_qualifier == "less_than"
    above = lo > b or (strict_lo and lo >= b)
    below = hi < a or (strict_hi and hi <= a)
    if not above and not below:
        return "overlaps"
    return "higher" if above else "lower"


def compatible(q1: str, q2: str) -> bool:
    return QUALIFIER_CLASS.get(q1) == QUALIFIER_CLASS.get(q2)


def _days(d1: str | None, d2: str | None) -> int | None:
    if not d1 or not d2:
        return None
    return abs((date.fromisoformat(d1) - date.fromisoformat(d2)).days)


# ---------------------------------------------------------------- shapes

def claimant_out(name, kind, party, mention) -> ClaimantOut | None:
    if name is None:
        return None
    return ClaimantOut(name=name, mention=mention or "", party=party, kind=kind)


def report_out(r: ReportRow) -> ReportOut:
    return ReportOut(outlet=r.outlet, url=r.url, published=r.published, sentence=r.sentence, text=r.text,
                     qualifier=r.qualifier, value=Value(low=r.value_low, high=r.value_high), quoted=r.quoted,
                     source_id=r.source_id)


WORDS = {"exact": "", "approx": "about ", "more_than": "more than ", "at_least": "at least ", "up_to": "up to ",
         "less_than": "less than ", "range": ""}


_WORD_ORDER = {q: i for i, q in enumerate(WORDS)}


def value_text(low: float, high: float | None, qualifier: str, unit: str | None = None) -> str:
    """As a reader writes it: 'more than 10,000', '27.53 billion dollars', '40%' (claims/words.py)."""
    return words.value_words(low, high, qualifier, unit)


def _day(d: str | None) -> str:
    if not d:
        return "on an unknown day"
    x = date.fromisoformat(d)
    return f"on {x.day} {x.strftime('%b')}"


# ---------------------------------------------------------------- grouping reports into claims

def claim_qualifier(reports) -> str:
    """A claim's wording, from its reports (anything with `qualifier` and `quoted`): the quoted one when a report
    quotes it, else the commonest; on a tie the plain wording wins over a bound ("10,000" over "at least
    10,000"). 'exact' for a claim without reports."""
    quoted = [r.qualifier for r in reports if r.quoted]
    pool = Counter(quoted or [r.qualifier for r in reports])
    if not pool:
        return "exact"
    top = max(pool.values())
    return min((q for q, n in pool.items() if n == top), key=lambda q: _WORD_ORDER.get(q, len(_WORD_ORDER)))


def in_unit(low: float, high: float | None, unit: str | None, figure_unit: str | None,
            this: tuple[float, float | None]) -> tuple[float, float | None]:
    """A claim's values in the figure's unit: another unit of one dimension converted (a claim's 146 lb-ft beside
    a figure's 198 Nm); a converted value within 1% of the figure's is the figure's, rounded another way ('1,200
    miles (1,931 kilometers)'). A unit no other converts to stays as it is."""
    if unit == figure_unit or not comparable(unit, figure_unit):
        return low, high
    low, high = _rounded(convert(low, unit, figure_unit)), _rounded(convert(high, unit, figure_unit))
    if this[1] is None and high is None and close(low, this[0]):
        low = this[0]
    return low, high


def _rounded(x: float | None) -> float | None:
    """A converted value to four significant digits (29,652.6 acres is 29,650): no unit's value is more exact."""
    return None if x is None else float(f"{x:.4g}")


class _Claim:
    def __init__(self, r: ReportRow):
        self.claim_id = r.claim_id
        self.claimant, self.party, self.kind = r.claimant, r.party, r.claimant_kind
        self.mention = r.claimant_mention
        self.low, self.high, self.claim_date, self.measure = r.value_low, r.value_high, r.claim_date, r.measure
        self.unit = r.unit
        self.reports: list[ReportRow] = []
        self.copies: dict[int, list[ReportRow]] = {}     # a report's id: the reports of copies folded into it

    @property
    def qualifier(self) -> str:
        """The claim's wording: the quoted one when a report quotes it, else the commonest."""
        cached = self.__dict__.get("_qualifier")
        if cached is not None and cached[0] == len(self.reports):
            return cached[1]          # asked for every figure the claim is shown to; reports are all in by then
        q = claim_qualifier(self.reports)
        self._qualifier = (len(self.reports), q)
        return q

    def identity(self) -> ClaimIdentity:
        return ClaimIdentity(self.claimant, self.measure, self.low, self.high, self.claim_date).normal()

    def values_in(self, unit: str | None, this: tuple[float, float | None]) -> tuple[float, float | None]:
        return in_unit(self.low, self.high, self.unit, unit, this)

    def other(self, this: tuple[float, float | None], matched_on: list[str] | None = None,
              correction: int | None = None, unit: str | None = None) -> Other:
        # the claim is shown beside every figure of its measure on the page: its parts are built once (the
        # models are not changed after they are made) and only the relation differs
        parts = self.__dict__.get("_parts")
        if parts is None or parts[0] != len(self.reports):
            parts = self._parts = (len(self.reports), claimant_out(self.claimant, self.kind, self.party, self.mention),
                                   Value(low=self.low, high=self.high),
                                   [Report(outlet=r.outlet, url=r.url, published=r.published, sentence=r.sentence,
                                           also_in=_also_in(r, self.copies)) for r in self.reports],
                                   value_text(self.low, self.high, self.qualifier, self.unit))
        _, claimant, value, reports, text = parts
        return Other(claimant=claimant, value=value, qualifier=self.qualifier, claim_date=self.claim_date,
                     relation=relation(this, self.values_in(unit or self.unit, this), self.qualifier), reports=reports,
                     measure=self.measure, value_text=text, matched_on=matched_on or [], correction=correction)


def _fold_copies(reports: list[ReportRow]) -> tuple[list[ReportRow], dict[int, list[ReportRow]]]:
    """Syndicated copies are one source: the reports of a story's pages (ReportRow.story: the first page of the
    story, which its near-copies name) are folded into the report of one page, the story's first page when it is
    among them, else the oldest. A copy's report of the same sentence and figure folds into that page's report,
    whichever claim it was filed under (a copy dated a day later may date 'Tuesday' otherwise); a claim that two
    pages of a story carry in other words is that one page's too. Returns the reports kept, in their order, and
    for each kept report's id the reports folded into it."""
    if not any(r.story is not None and r.story != r.source_id for r in reports):
        return reports, {}

    def rank(r: ReportRow):
        return (r.source_id != r.story, r.source_id, r.id)
    ranked = sorted(reports, key=rank)
    lead: dict[tuple, ReportRow] = {}
    for r in ranked:
        if r.story is not None:
            lead.setdefault((r.story, r.sentence, r.text, r.value_low, r.value_high), r)
    folded: dict[int, list[ReportRow]] = defaultdict(list)
    first: dict[tuple, ReportRow] = {}
    kept: set[int] = set()
    for r in ranked:
        if r.story is None:
            kept.add(r.id)
            continue
        into = lead[(r.story, r.sentence, r.text, r.value_low, r.value_high)]
        if into.source_id == r.source_id:
            into = first.setdefault((r.claim_id, r.story), r)
        if into.source_id != r.source_id:
            folded[into.id].append(r)
        else:
            kept.add(r.id)
    return [r for r in reports if r.id in kept], folded


def _claims(reports: list[ReportRow]) -> list[_Claim]:
    reports, folded = _fold_copies(reports)
    by_id: dict[int, _Claim] = {}
    for r in reports:
        c = by_id.get(r.claim_id)
        if c is None:
            c = by_id[r.claim_id] = _Claim(r)
        c.reports.append(r)
    for c in by_id.values():
        c.copies = folded
    return sorted(by_id.values(), key=lambda c: (c.claim_date or "", c.claim_id))


def _also_in(r: ReportRow, folded: dict[int, list[ReportRow]]) -> list[Copy]:
    """The other outlets of a report's story that carry it, one per page."""
    seen, out = {r.source_id}, []
    for x in folded.get(r.id, ()):
        if x.source_id not in seen:
            seen.add(x.source_id)
            out.append(Copy(outlet=x.outlet, url=x.url, published=x.published))
    return out


def story_sources(reports: list[ReportRow]) -> list[StorySource]:
    """The pages that carry these reports, a story's syndicated copies folded into one source as _fold_copies folds
    their reports: the story's first page when it is among them, else the oldest; the others are `also_in`. In
    order of publication (unknown last), then of ingestion."""
    by_story: dict[int, list[ReportRow]] = defaultdict(list)
    for r in reports:
        by_story[r.story if r.story is not None else r.source_id].append(r)
    out = []
    for story, rows in by_story.items():
        lead_id = story if any(r.source_id == story for r in rows) else min(r.source_id for r in rows)
        lead = next(r for r in rows if r.source_id == lead_id)
        copies: dict[int, Copy] = {}
        for r in sorted(rows, key=lambda r: r.source_id):
            if r.source_id != lead_id and r.source_id not in copies:
                copies[r.source_id] = Copy(outlet=r.outlet, url=r.url, published=r.published)
        out.append(StorySource(id=lead_id, outlet=lead.outlet, url=lead.url, published=lead.published,
                               title=lead.title, claims=list(dict.fromkeys(r.claim_id for r in rows)),
                               also_in=list(copies.values())))
    return sorted(out, key=lambda s: (s.published or "9999", s.id))


# ---------------------------------------------------------------- related measures

STATUS_FAMILY = {"in_place": "presence", "planned": "presence", "training": "presence",
                 "killed": "losses", "wounded": "losses", "casualties": "losses", "missing": "losses",
                 "captured": "losses", "other": "other"}


def related_keys(store: ClaimStore, key: str, what, location, status) -> list[MeasureRow]:
    """Measures of the same thing (MeasureRow.what: the same people whatever happened to them) that must be
    shown beside this one and never mixed with it: in another status, at a place that contains it or lies
    within it, or at another time (its key dated to other years: a year's value, the value before a change)."""
    out = []
    family = STATUS_FAMILY.get(status or "other")
    candidates = store.related_candidates(what, family, location, status) if isinstance(store, _PageReads) \
        else store.measures_like(what)
    for m in candidates:
        if m.key == key or STATUS_FAMILY.get(m.status or "other") != family:
            continue
        if m.location == location and m.status != status:
            out.append(m)                  # planned beside in place, killed beside wounded
        elif m.status == status and (within(location, m.location) or within(m.location, location)):
            out.append(m)                  # the same count for a containing or contained place
        elif m.location == location and m.status == status and location is not None and \
                same_but_time(key_parts(key), key_parts(m.key)):
            out.append(m)                  # the budget beside last year's, the price before it rose
        elif (location is None or m.location is None) and m.status != status:
            out.append(m)                  # "12,000 to be sent" beside "10,000 in Russia"
    return out


MAX_OTHERS = 50              # claims of a figure's own measure shown beside it, the latest (all are weighed)
# related measures are shown beside a figure, not weighed with it: a few, with their latest claims, are what a
# reader can use (a large claim set gave one figure 94 related measures and 9,275 claims, 0.6 s to build)
MAX_RELATED_KEYS = 50        # related measures looked up
MAX_RELATED = 12             # ... shown, those with claims, in related_keys' order
MAX_RELATED_OTHERS = 10      # claims shown per related measure, the latest


def related_measures(store: ClaimStore, m: MeasureRow, this=None, exclude: frozenset[str] = frozenset(),
                     sentences: frozenset[str] = frozenset()) -> list[Related]:
    """The claims of the measures related to `m`, by measure. For a page's figure, the page's own sources are left
    out as they are from its comparison: `exclude`, the keys of the page and of its copies found so far, and any
    source that gives a related figure in one of the page's `sentences` (_words of its figures' sentences), the
    same wire story in another outlet."""
    rel = related_keys(store, m.key, m.what, m.location, m.status)[:MAX_RELATED_KEYS]
    if not rel:
        return []
    keys = [x.key for x in rel]
    memo = store.related_claims if isinstance(store, _PageReads) else None
    by_claims = memo.get((tuple(keys), exclude, sentences)) if memo is not None else None
    if by_claims is None:
        reports, _ = _without_copies([r for r in store.reports_for_measures(keys) if r.source_key not in exclude],
                                     sentences)
        by_measure = defaultdict(list)
        for r in reports:
            by_measure[r.measure].append(r)
        by_claims = {k: _claims(rs) for k, rs in by_measure.items()}
        if memo is not None:
            memo[(tuple(keys), exclude, sentences)] = by_claims      # the figures of a page share related measures
    out = []
    for x in rel:
        claims = by_claims.get(x.key, [])[-MAX_RELATED_OTHERS:]
        if not claims:
            continue
        ref = this or (claims[0].low, claims[0].high)
        out.append(Related(measure=x.key, label=x.label, others=[c.other(ref) for c in claims]))
        if len(out) == MAX_RELATED:
            break
    return out


def timeline(store: ClaimStore, key: str) -> list[ClaimRow]:
    rows = store.claims(measure=key, limit=10_000)
    return sorted(rows, key=lambda c: (c.claim_date or "9999", c.id))


# ---------------------------------------------------------------- the comparison of a page

class _PageReads:
    """The store's reads for one page's comparison, each asked once: figures of a page share measures, and
    measures of the same thing share their related measures."""

    def __init__(self, store: ClaimStore):
        self.store = store
        self._measure: dict = {}
        self._like: dict = {}
        self._reports: dict = {}
        self._near: dict = {}
        self.related_claims: dict = {}

    def measure(self, key: str) -> MeasureRow | None:
        if key not in self._measure:
            self._measure[key] = self.store.measure(key)
        return self._measure[key]

    def measures_like(self, what: str | None) -> list[MeasureRow]:
        if what not in self._like:
            self._like[what] = self.store.measures_like(what)
        return self._like[what]

    def related_candidates(self, what, family, location, status) -> list[MeasureRow]:
        """The measures_like rows, in their order, that related_keys can keep for a measure of this family, place
        and status (read through the store's indexes, not every measure of the same thing): at the same place,
        at no place, or at a place that contains it or lies within it (geo.around); with no place, those of the
        family in another status."""
        k, ask = self._near_ask(what, family, location, status)
        if k is None:
            return self.measures_like(what)
        if k not in self._near:
            self._near[k] = self.store.measures_near(what, **ask)
        return self._near[k]

    @staticmethod
    def _near_ask(what, family, location, status) -> tuple[tuple | None, dict | None]:
        """related_candidates' read: its memo key and measures_near's arguments (None: all of measures_like)."""
        if location is not None:
            near = (location, *around(location))
            return (what, "places", near), {"places": list(near)}
        if family is None:
            return None, None
        statuses = [s for s, fam in STATUS_FAMILY.items() if fam == family] + ([None, ""] if family == "other" else [])
        statuses = [s for s in statuses if s != status]
        return (what, "statuses", tuple(statuses)), {"statuses": statuses}

    def prefetch(self, figures: list[Figure]) -> None:
        """The measures of the page's figures and their related candidates, read together: a store on a server
        answers each batch in one round trip (measures_many, measures_near_many), not one per figure (a page's
        dozen reads were most of PostgreSQL's annotate time)."""
        keys = [k for k in dict.fromkeys(f.measure for f in figures) if k not in self._measure]
        if keys:
            self._measure.update(self.store.measures_many(keys))
        asks: dict = {}
        for f in figures:
            m = figure_measure(f, self)
            k, ask = self._near_ask(m.what, STATUS_FAMILY.get(m.status or "other"), m.location, m.status)
            if k is not None and k not in self._near:
                asks[k] = (m.what, ask.get("places"), ask.get("statuses"))
        if asks:
            self._near.update(zip(asks, self.store.measures_near_many(list(asks.values()))))

    def reports_for_measures(self, measures) -> list[ReportRow]:
        k = tuple(measures)
        if k not in self._reports:
            self._reports[k] = self.store.reports_for_measures(k)
        return self._reports[k]


def _without_copies(reports: list[ReportRow], sentences: frozenset[str]) -> tuple[list[ReportRow], set[str]]:
    """The reports but those of sources that give a figure in one of the page's `sentences` (_words of them): the
    same wire story in another outlet, no other source; and the keys of those sources."""
    copies = {r.source_key for r in reports if r.sentence and _words(r.sentence) in sentences} if sentences else set()
    return ([r for r in reports if r.source_key not in copies] if copies else reports), copies


def _words(sentence: str) -> str:
    return " ".join(sentence.split()).casefold()


def compare_page(page: Page, figures: list[Figure], store: ClaimStore, own_key: str | None = None,
                 twins: dict[str, tuple[str, ...]] | None = None) -> dict[int, Comparison]:
    """A Comparison for every figure (keyed by id(figure)). The page's own reports in the store (the same
    url, or manifest id, ingested earlier) never count as other sources. `twins`: other keys the claim set holds
    each figure's quantity under (align.py), compared with it as its own."""
    reads = _PageReads(store)
    reads.prefetch(figures)
    # the page itself, under its address or another, or in another outlet as the same wire story, is not another
    # source: a stored page that gives one of this page's figures in this page's very sentence is a copy of it
    # (a sentence compared, not the whole page sketched: that cost a fifth of annotate's time)
    own = store.keys_with_content(page.text) if figures else set()
    own.update(k for k in (own_key, page.url) if k)
    own_key = own_key or page.url
    # the measures each figure is compared with: its own, and those of the same quantity told with no place
    same: dict[str, tuple[str, ...]] = {}
    twins = twins or {}
    for f in figures:
        if f.measure not in same:
            same[f.measure] = tuple(dict.fromkeys((f.measure, *twins.get(f.measure, ()),
                                                   *_placeless_twins(f, reads))))
    stored = [r for r in store.reports_for_measures({k for keys in same.values() for k in keys})
              if r.source_key not in own]
    sentences = frozenset(_words(f.sentence.text) for f in figures)
    stored, copies = _without_copies(stored, sentences)
    own_sources = frozenset(own | copies)      # the page's own key is among them; nor are they in related measures
    by_measure: dict[str, list[ReportRow]] = defaultdict(list)
    for r in stored:
        by_measure[r.measure].append(r)
    claims_by_measure = {m: _claims([r for k in keys for r in by_measure.get(k, ())]) for m, keys in same.items()}
    # the reader's corrections of these measures: pairs of claims that are not the same quantity
    corrected = {c.pair(): c.id for c in store.corrections(measures={k for keys in same.values() for k in keys})} \
        if figures else {}
    paraphrases = _paraphrase_differs(figures)
    out = {}
    for f in figures:
        claims, aside = _set_aside(f, claims_by_measure.get(f.measure, []), corrected)
        out[id(f)] = _compare_one(f, page, claims, figures, reads, id(f) in paraphrases, own_key, aside,
                                  own_sources, sentences)
    return out


def figure_identity(f: Figure) -> ClaimIdentity:
    """The claim a figure makes, as the store would file it (a correction names it so)."""
    q = f.quantity
    return ClaimIdentity(_claimant(f), f.measure, q.low, q.high, _iso(f.claim_date)).normal()


def _set_aside(f: Figure, claims: list["_Claim"], corrected: dict) -> tuple[list["_Claim"], list[tuple]]:
    """The claims compared with a figure, and those a reader marked as not the same quantity as it (with the
    correction's id): a correction is of a pair of claims, in either order."""
    if not corrected:
        return claims, []
    mine = figure_identity(f)
    kept, aside = [], []
    for c in claims:
        cid = corrected.get(frozenset((mine, c.identity())))
        if cid is None:
            kept.append(c)
        else:
            aside.append((c, cid))
    return kept, aside


def _matched_on(f: Figure, measure: str, cache: dict) -> list[str]:
    """The parts of the figure's measure that a claim filed under `measure` shares with it: all of them for
    its own measure; for a twin told with no place, all but the place."""
    if measure not in cache:
        kw = dict(unit=f.quantity.unit, counted=f.counted, subject=f.extra.get("subject"), location=f.location)
        mine = cache.setdefault(f.measure, words.key_words(f.measure, **kw))
        theirs = words.key_words(measure, **kw)
        cache[measure] = [p for p in mine if p in theirs]
    return cache[measure]


def _placeless_twins(f: Figure, reads: "_PageReads") -> list[str]:
    """Measures of the figure's quantity that differ from its own only in that one of them has no place, when
    what it counts has a named owner ('Facebook users', 'Northwind contractors'): an owner's count is the same
    wherever it is told. (A plain 'killed@anywhere' is not every toll.)"""
    if not owned(f.extra.get("subject")):
        return []
    mine = key_parts(f.measure)
    return [m.key for m in reads.measures_like(measure_what(f)) if m.key != f.measure and
            same_but_place(mine, key_parts(m.key))]


def _claimant(f: Figure):
    return f.claimant.name if f.claimant else None


def _iso(d) -> str | None:
    return d.isoformat() if d else None


def figure_measure(f: Figure, store: ClaimStore) -> MeasureRow:
    """The stored measure of a figure, or the one it would make (a measure the claim set does not hold yet)."""
    m = store.measure(f.measure)
    if m is None:
        q = f.quantity
        m = MeasureRow(f.measure, f.measure, f.counted, f.location, key_parts(f.measure).status, q.kind, q.unit,
                       measure_what(f))
    return m


def _compare_one(f: Figure, page: Page, claims: list[_Claim], page_figures: list[Figure], store: ClaimStore,
                 paraphrase_differs: bool, own_key: str | None, aside: list[tuple] = (),
                 own_sources: frozenset[str] = frozenset(), sentences: frozenset[str] = frozenset()) -> Comparison:
    q = f.quantity
    this = (q.low, q.high)
    this_date = _iso(f.claim_date)
    party = f.claimant.party if f.claimant else None
    relations = [relation(this, c.values_in(q.unit, this), c.qualifier) for c in claims]
    parts: dict = {}
    # the latest; the verdict weighs them all
    others = [c.other(this, _matched_on(f, c.measure, parts), unit=q.unit) for c in claims[-MAX_OTHERS:]]
    shared = [p for p in _matched_on(f, f.measure, parts) if all(p in o.matched_on for o in others)] \
        if others else []
    flags: list[str] = []
    notes: list[str] = []

    later = _superseded_by(f, claims, page_figures)
    if later:
        flags.append("superseded")
        notes.append(f"{later[0]} later said {later[1]} {_day(later[2])}")
    versions = _misreported(f, page, claims, own_key)
    if versions:
        flags.append("misreported")
        notes.append("other outlets report the same statement as " + ", ".join(versions))
    if paraphrase_differs:
        flags.append("paraphrase_differs")
        notes.append("the article's paraphrase and its quotation of this claim differ")

    if not claims:
        verdict = "unique"
    elif all(r in ("same", "overlaps") for r in relations):
        verdict = "agrees"
    else:
        clash = [c for c, r in zip(claims, relations) if r in ("higher", "lower")
                 and (c.claimant is None or party is None or c.party != party)
                 and (_days(c.claim_date, this_date) is None or _days(c.claim_date, this_date) <= SAME_TIME_DAYS)]
        verdict = "conflicts" if clash else "differs"

    values = [v for c in claims for v in c.values_in(q.unit, this) if v is not None]
    rng = Range(low=min(values), high=max(values)) if values else None
    related = related_measures(store, figure_measure(f, store), this, exclude=own_sources, sentences=sentences)
    return Comparison(verdict=verdict, flags=flags,
                      summary=_summary(verdict, others, notes, party, q.unit, total=len(claims)),
                      range=rng, others=others, related=related, matched_on=shared,
                      corrected=[c.other(this, _matched_on(f, c.measure, parts), cid, q.unit) for c, cid in aside])


def _summary(verdict: str, others: list[Other], notes: list[str], party: str | None, unit: str | None,
             total: int | None = None) -> str:
    if verdict == "unique":
        head = "No other source in the claim set reports this quantity"
    else:
        parts = []
        for o in sorted(others, key=lambda o: {"higher": 0, "lower": 0, "overlaps": 1, "same": 2}[o.relation])[:3]:
            who = o.claimant.name if o.claimant else "an outlet"
            outlets = len({r.outlet for r in o.reports})
            carried = f", in {outlets} outlets" if outlets > 1 else ""
            copies = len({(c.url, c.outlet) for r in o.reports for c in r.also_in})
            if copies:
                carried += f", also in {copies} outlet{'s' if copies > 1 else ''}"
            parts.append(f"{who} said {o.value_text or value_text(o.value.low, o.value.high, o.qualifier, unit)} "
                         f"{_day(o.claim_date)} ({o.relation}{carried})")
        total = len(others) if total is None else total
        more = f" and {total - 3} more" if total > 3 else ""
        sides = {o.claimant.party for o in others if o.claimant and o.claimant.party}
        independent = "" if verdict != "agrees" else (
            ", all from the same side" if sides and sides <= {party} else "")
        lead = {"agrees": "Agrees with the other sources", "differs": "Other sources differ, over time or "
                "from the same side", "conflicts": "Conflicts with other sources"}[verdict]
        head = f"{lead}{independent}: " + "; ".join(parts) + more
    if notes:
        head += "; " + "; ".join(notes)
    return head + "."


def _superseded_by(f: Figure, claims: list[_Claim], page_figures: list[Figure]):
    """The same claimant's later figure for the same measure, on another page or this one."""
    if f.claimant is None or f.claim_date is None or f.claimant.kind == "outlet":
        return None
    me = f.claimant.name
    mine = f.claim_date.isoformat()
    best = None
    for c in claims:
        if c.claimant == me and c.claim_date and c.claim_date > mine and (best is None or c.claim_date > best[2]):
            best = (me, value_text(c.low, c.high, c.qualifier, c.unit), c.claim_date)
    for g in page_figures:
        if g is f or g.measure != f.measure or _claimant(g) != me or not g.claim_date:
            continue
        d = g.claim_date.isoformat()
        if d > mine and (best is None or d > best[2]):
            best = (me, value_text(g.quantity.low, g.quantity.high, g.quantity.qualifier, g.quantity.unit), d)
    return best


def _misreported(f: Figure, page: Page, claims: list[_Claim], own_key: str | None) -> list[str]:
    """Versions of this claimant's same-day statement that other outlets give, when this page's version is
    the odd one out (or as common as the others)."""
    if f.claimant is None or f.claimant.kind == "outlet" or f.claim_date is None:
        return []
    me, day = f.claimant.name, f.claim_date.isoformat()
    q = f.quantity
    mine = (q.low, q.high, QUALIFIER_CLASS[q.qualifier])
    outlets_by_version: dict[tuple, set] = defaultdict(set)
    wording: dict[tuple, str] = {}
    for c in claims:
        if c.claimant != me or c.claim_date != day:
            continue
        for r in c.reports:
            if r.source_key == own_key:
                continue
            v = (*in_unit(r.value_low, r.value_high, r.unit, q.unit, (q.low, q.high)), QUALIFIER_CLASS[r.qualifier])
            outlets_by_version[v].add(r.outlet or r.source_key)
            wording.setdefault(v, value_text(r.value_low, r.value_high, r.qualifier, r.unit))
    differing = {v: o for v, o in outlets_by_version.items() if v != mine}
    if not differing:
        return []
    mine_count = len(outlets_by_version.get(mine, set()) | {page.outlet or page.url})
    if mine_count > max(len(o) for o in differing.values()):
        return []                       # this page agrees with most outlets; the others are the odd ones
    return [f"{wording[v]} ({', '.join(sorted(str(x) for x in o))})" for v, o in differing.items()]


def _paraphrase_differs(figures: list[Figure]) -> set[int]:
    """Figures whose claimant is both quoted and paraphrased on the page, for the same measure and day,
    with another value or an incompatible qualifier."""
    groups: dict[tuple, list[Figure]] = defaultdict(list)
    for f in figures:
        if f.claimant is None or f.claimant.kind == "outlet":
            continue
        groups[(f.claimant.name, f.measure, f.claim_date)].append(f)
    flagged: set[int] = set()
    for group in groups.values():
        quoted = [g for g in group if g.quoted]
        para = [g for g in group if not g.quoted]
        for p in para:
            for qf in quoted:
                if (p.quantity.low, p.quantity.high) != (qf.quantity.low, qf.quantity.high) or \
                        not compatible(p.quantity.qualifier, qf.quantity.qualifier):
                    flagged.update({id(p), id(qf)})
    return flagged
