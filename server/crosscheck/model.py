"""Plain dataclasses that flow between the pipeline steps (page -> sentences -> figures -> scope ->
attribution -> measure). Pydantic models live only at the boundary (contract.py)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

BLOCK_KINDS = ("headline", "subheading", "paragraph", "quote", "caption")


@dataclass
class Block:
    kind: str          # one of BLOCK_KINDS
    text: str
    start: int         # offsets of the block in Page.text
    end: int


@dataclass
class Page:
    text: str                      # the article's blocks joined by "\n\n"; all offsets point here
    blocks: list[Block]
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    truncated: bool = False        # only a part of the page was read (too long, or too many figures)


@dataclass
class Sentence:
    text: str
    start: int         # offsets in Page.text
    end: int
    block: int         # index into Page.blocks
    index: int         # position among all the page's sentences


@dataclass
class Quantity:
    """A number with its bound, unit and direction, as found in one sentence (figures.py)."""
    start: int                     # span of the figure's words in the sentence, qualifier words included
    end: int
    value_start: int               # span of the numeral words alone ("10,000", "three", "12-thousand")
    value_end: int
    low: float
    high: float | None = None      # only for a range
    qualifier: str = "exact"       # exact|approx|more_than|at_least|up_to|less_than|range
    trend: str | None = None       # up|down
    kind: str = "count"            # count|money|percent|measure|duration|other
    unit: str | None = None        # "USD", "%", "km", "month"... None for plain counts
    unit_end: int | None = None    # end of the unit words after the number, when there are any


@dataclass
class Claimant:
    name: str                      # canonical name: "Pentagon", "Volodymyr Zelensky"
    mention: str                   # the words on the page
    party: str | None = None       # the government or side it speaks for
    kind: str = "organisation"     # person | organisation | group | media | country | outlet


@dataclass
class Figure:
    """A figure claim on a page: a quantity with everything the later steps work out."""
    sentence: Sentence
    quantity: Quantity
    counted: str | None = None
    location: str | None = None
    status: str | None = None
    quoted: bool = False
    claimant: Claimant | None = None
    claim_date: date | None = None
    measure: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def start(self) -> int:
        return self.sentence.start + self.quantity.start

    @property
    def end(self) -> int:
        return self.sentence.start + self.quantity.end

    @property
    def text(self) -> str:
        return self.sentence.text[self.quantity.start:self.quantity.end]
