"""The annotation contract (../shared/spec/annotation-contract.md) as pydantic models: the one JSON shape
that the API, the command line, the extension and outside evaluation read."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .claims import words
from .model import Figure, Page

Qualifier = Literal["exact", "approx", "more_than", "at_least", "up_to", "less_than", "range"]
Kind = Literal["count", "money", "percent", "measure", "duration", "other"]
Status = Literal["in_place", "planned", "training", "killed", "wounded", "casualties", "captured", "missing", "other"]
CountKind = Literal["killed", "injured", "missing", "displaced", "arrested", "affected", "protesters", "troops", "cases",
                    "jobs", "voters", "people", "things", "money", "percent", "measure", "duration", "other"]
CONTEXT = 32


class PageInfo(BaseModel):
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None


class Selector(BaseModel):
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


class Value(BaseModel):
    low: float
    high: float | None = None


class ClaimantOut(BaseModel):
    name: str
    mention: str
    party: str | None = None
    kind: str | None = None       # added field: person, organisation, group, media, country, outlet


class Copy(BaseModel):
    """Added: another outlet that ran the same story (a syndicated copy of the report's page)."""
    outlet: str | None = None
    url: str | None = None
    published: str | None = None


class Report(BaseModel):
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    sentence: str
    # added field: the other outlets whose page is a near-copy of this one (the same wire story) and carries this
    # report too; they are one source, not agreeing sources ('also in N outlets')
    also_in: list[Copy] = Field(default_factory=list)


class Other(BaseModel):
    claimant: ClaimantOut | None = None
    value: Value
    qualifier: Qualifier
    claim_date: str | None = None
    relation: Literal["same", "overlaps", "higher", "lower"]
    reports: list[Report] = Field(default_factory=list)
    # added fields: the measure the claim was filed under, its value in a reader's words, the parts of the
    # figure's measure it shares (why it was compared), and the reader's correction that set it aside (id)
    measure: str | None = None
    value_text: str | None = None
    matched_on: list[str] = Field(default_factory=list)
    correction: int | None = None


class Related(BaseModel):
    measure: str
    label: str
    others: list[Other] = Field(default_factory=list)


class Range(BaseModel):
    low: float
    high: float


class Comparison(BaseModel):
    verdict: Literal["agrees", "differs", "conflicts", "unique"] = "unique"
    flags: list[str] = Field(default_factory=list)
    summary: str = "No other source in the claim set reports this quantity."
    range: Range | None = None
    others: list[Other] = Field(default_factory=list)
    related: list[Related] = Field(default_factory=list)
    # added fields: what every compared claim shares with the figure ('North Korean troops', 'in Kursk region',
    # 'in place'), and the claims of its measure a reader marked as not the same quantity (not weighed)
    matched_on: list[str] = Field(default_factory=list)
    corrected: list[Other] = Field(default_factory=list)


class Understood(BaseModel):
    """Added field: what the figure was read as, in a reader's words (claims/words.py)."""
    value: str                       # as the figure gives it: 'more than 10,000', '27.53 billion dollars'
    compared_as: str                 # the interval its bound means: 'at least 10,000', '9,900-12,100'
    counts: str | None = None        # 'North Korean troops'
    where: str | None = None         # 'Kursk region'
    status: str | None = None        # 'in place'
    when: str | None = None          # '4 Nov 2024'
    claimant: str | None = None      # 'Volodymyr Zelensky (Ukraine)'
    filed_under: list[str] = Field(default_factory=list)   # the measure's parts: what a match must share
    would_match: str                 # "another source's count of North Korean troops, in Kursk region, in place"


class FigureOut(BaseModel):
    id: str
    text: str
    sentence: str
    selector: Selector
    value: Value
    qualifier: Qualifier
    trend: Literal["up", "down"] | None = None
    kind: Kind
    unit: str | None = None
    counted: str | None = None
    location: str | None = None
    status: Status | None = None
    count_kind: CountKind | None = None   # added field: what kind of thing it counts (reading/kinds.py)
    subject: str | None = None            # added field: who or what it counts beyond its kind ("North Korean")
    claimant: ClaimantOut | None = None
    claim_date: str | None = None
    quoted: bool = False
    measure: str
    understood: Understood | None = None  # added field
    comparison: Comparison = Field(default_factory=Comparison)


class AnnotateResponse(BaseModel):
    page: PageInfo
    figures: list[FigureOut]


def _num(x: float | None) -> float | None:
    return x


def selector(page: Page, start: int, end: int) -> Selector:
    return Selector(exact=page.text[start:end], prefix=page.text[max(0, start - CONTEXT):start],
                    suffix=page.text[end:end + CONTEXT], start=start, end=end)


def figure_out(page: Page, f: Figure) -> FigureOut:
    q = f.quantity
    c = f.claimant
    return FigureOut(
        id=f"f{f.start}-{f.end}",
        text=f.text,
        sentence=f.sentence.text,
        selector=selector(page, f.start, f.end),
        value=Value(low=q.low, high=q.high),
        qualifier=q.qualifier,
        trend=q.trend,
        kind=q.kind,
        unit=q.unit,
        counted=f.counted,
        location=f.location,
        status=f.status,
        count_kind=f.extra.get("count_kind"),
        subject=f.extra.get("subject"),
        claimant=ClaimantOut(name=c.name, mention=c.mention, party=c.party, kind=c.kind) if c else None,
        claim_date=f.claim_date.isoformat() if f.claim_date else None,
        quoted=f.quoted,
        measure=f.measure,
        understood=understood(f),
    )


def _story_place(parts: list[str]) -> str | None:
    """A figure that names no place is filed under its story's place (the key's): say so."""
    where = parts[1] if len(parts) > 1 else "no place named"
    return None if where == "no place named" else f"{where[3:]} (the story's place)"


def understood(f: Figure) -> Understood:
    q, c = f.quantity, f.claimant
    parts = words.key_words(f.measure, unit=q.unit, counted=f.counted, subject=f.extra.get("subject"),
                            location=f.location)
    party = c.party if c and c.party and c.party != c.name else None
    return Understood(
        value=words.value_words(q.low, q.high, q.qualifier, q.unit),
        compared_as=words.interval_words(q.low, q.high, q.qualifier, q.unit),
        counts=f.counted, where=f.location or _story_place(parts), status=words.STATUS_WORDS.get(f.status or ""),
        when=words.date_words(f.claim_date.isoformat()) if f.claim_date else None,
        claimant=(f"{c.name} ({party})" if party else c.name) if c else None,
        filed_under=parts, would_match=words.would_match(q.kind, parts))


def annotate_response(page: Page, figures: list[Figure]) -> AnnotateResponse:
    return AnnotateResponse(
        page=PageInfo(url=page.url, title=page.title, outlet=page.outlet,
                      published=page.published.isoformat() if page.published else None),
        figures=[figure_out(page, f) for f in figures])


# ---------------------------------------------------------------- the claim set at the API boundary

class SourceOut(BaseModel):
    id: int
    key: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    content_hash: str
    ingested_at: str
    reports: int
    copy_of: int | None = None       # added: the source (id) whose syndicated copy this page is


class ReportOut(Report):
    text: str
    qualifier: Qualifier
    value: Value
    quoted: bool = False
    source_id: int


class ClaimOut(BaseModel):
    id: int
    claimant: ClaimantOut | None = None
    measure: str
    value: Value
    claim_date: str | None = None
    reports: list[ReportOut] = Field(default_factory=list)
    # added fields: the claim's wording (the quoted one when a report quotes it, else the commonest) and its value
    # in a reader's words ('more than 10,000')
    qualifier: Qualifier | None = None
    value_text: str | None = None


class StorySource(BaseModel):
    """Added (the story page, issue 13): a page that reports claims of a measure, with its syndicated copies folded
    in: one source 'also in N outlets', as comparison counts them."""
    id: int                                   # the source (GET /v1/sources) of the story's first page
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    title: str | None = None                  # the page's headline
    claims: list[int] = Field(default_factory=list)     # the ids of the claims (of `timeline`) it reports
    also_in: list[Copy] = Field(default_factory=list)


class MeasureOut(BaseModel):
    key: str
    label: str
    counted: str | None = None
    location: str | None = None
    status: str | None = None
    kind: str | None = None
    unit: str | None = None
    count_kind: CountKind | None = None   # added field: what kind of thing it counts (reading/kinds.py)
    subject: str | None = None            # added field: who or what it counts beyond its kind
    timeline: list[ClaimOut] = Field(default_factory=list)    # claims ordered by claim date
    related: list["Related"] = Field(default_factory=list)
    corrections: list["CorrectionOut"] = Field(default_factory=list)   # added field: the reader's, of this measure
    sources: list[StorySource] = Field(default_factory=list)   # added field: the pages that report its claims


class FiniteValue(Value):
    model_config = ConfigDict(allow_inf_nan=False)      # a correction names values that compare equal


class ClaimRef(BaseModel):
    """A claim by what it says (the store's identity of a claim): a figure on a page, or another source's claim
    shown beside it (a figure's fields, or an `others` entry with its `measure`)."""
    measure: str = Field(min_length=1, max_length=500)
    claimant: str | None = Field(default=None, max_length=500)
    value: FiniteValue
    claim_date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")


class CorrectionRequest(BaseModel):
    """Mark two claims as not the same quantity: the figure's and one of the others it was compared with."""
    figure: ClaimRef
    other: ClaimRef
    note: str | None = Field(default=None, max_length=500)


class CorrectionOut(BaseModel):
    id: int
    kind: Literal["not_same"] = "not_same"
    figure: ClaimRef
    other: ClaimRef
    note: str | None = None
    created_at: str


class CorrectionsOut(BaseModel):
    corrections: list[CorrectionOut]


class ClaimsOut(BaseModel):
    claims: list[ClaimOut]
    limit: int
    offset: int
    # added field: the reader's corrections of the listed claims' measures (pairs marked not the same quantity)
    corrections: list[CorrectionOut] = Field(default_factory=list)


class AnnotateRequest(BaseModel):
    url: str | None = Field(default=None, max_length=8192)
    html: str
    title: str | None = Field(default=None, max_length=2000)


class SourceRequest(BaseModel):
    url: str = Field(min_length=1, max_length=8192)
    html: str
    outlet: str | None = Field(default=None, max_length=500)
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")


class FeedOut(BaseModel):
    """A followed feed: its last fetch, its error in words (null when it went well), when it is tried again
    (null: at the next refresh), and the articles and figures it brought into the claim set."""
    id: int
    url: str
    title: str | None = None
    site_url: str | None = None
    added_at: str
    last_fetch: str | None = None
    last_ok: str | None = None
    last_error: str | None = None
    failures: int = 0
    next_try: str | None = None
    entries: int = 0
    articles: int = 0
    reports: int = 0


class FeedsOut(BaseModel):
    feeds: list[FeedOut] = Field(default_factory=list)


class FeedRequest(BaseModel):
    """Follow the RSS or Atom feed at `url`, or the feed that the site's page at `url` names."""
    url: str = Field(min_length=1, max_length=2048)


class RefreshOut(BaseModel):
    """What one refresh did: feeds fetched (of which not modified), new articles, their figures, the claims the
    claim set gained, and every feed or article that failed."""
    feeds: int
    not_modified: int
    new_articles: int        # articles added whose story the claim set did not hold
    syndicated: int = 0      # articles added that are syndicated copies of a story the claim set held
    copies: int = 0          # pages whose text the claim set already holds under another address: not added
    figures: int
    claims: int
    errors: list[dict[str, str]] = Field(default_factory=list)


class ErrorOut(BaseModel):
    error: str
    detail: str | None = None
