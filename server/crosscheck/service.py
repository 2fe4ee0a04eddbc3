"""What the server and the command line do with the claim set: annotate a page against it, add a page to
it, list claims and measures. One object over a ClaimStore; the HTTP layer (api.py) and the CLI call it."""
from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path
from time import perf_counter

from .claims.align import align
from .claims.compare import (claim_qualifier, claimant_out, compare_page, related_measures, report_out, story_sources,
                             timeline, value_text)
from .contract import (AnnotateResponse, ClaimOut, ClaimRef, ClaimsOut, CorrectionOut, CorrectionRequest, FeedOut,
                       FiniteValue, MeasureOut, SourceOut, Value, annotate_response)
from .manifest import load_manifest
from .model import Page
from .reading.pipeline import extract, lap, page_from_html, read_page
from .claims.store import ClaimIdentity, ClaimRow, ClaimStore, CorrectionRow, FeedRow, SourceRow


def source_out(row: SourceRow) -> SourceOut:
    return SourceOut(**row.__dict__)


def feed_out(row: FeedRow) -> FeedOut:
    """A followed feed at the boundary (its validators stay inside)."""
    return FeedOut(**{k: v for k, v in row.__dict__.items() if k in FeedOut.model_fields})


def claim_out(c: ClaimRow) -> ClaimOut:
    qualifier = claim_qualifier(c.reports)
    unit = c.reports[0].unit if c.reports else None
    return ClaimOut(id=c.id, claimant=claimant_out(c.claimant, c.claimant_kind, c.party,
                                                   c.reports[0].claimant_mention if c.reports else None),
                    measure=c.measure, value=Value(low=c.value_low, high=c.value_high), claim_date=c.claim_date,
                    reports=[report_out(r) for r in c.reports], qualifier=qualifier,
                    value_text=value_text(c.value_low, c.value_high, qualifier, unit))


def identity(ref: ClaimRef) -> ClaimIdentity:
    return ClaimIdentity(ref.claimant, ref.measure, ref.value.low, ref.value.high, ref.claim_date).normal()


def claim_ref(c: ClaimIdentity) -> ClaimRef:
    return ClaimRef(measure=c.measure, claimant=c.claimant, value=FiniteValue(low=c.low, high=c.high),
                    claim_date=c.claim_date)


def correction_out(row: CorrectionRow) -> CorrectionOut:
    return CorrectionOut(id=row.id, figure=claim_ref(row.figure), other=claim_ref(row.other), note=row.note,
                         created_at=row.created_at)


class Crosscheck:
    def __init__(self, store: ClaimStore):
        self.store = store

    # ------------------------------------------------------------ annotate

    def annotate_page(self, page: Page, own_key: str | None = None, *, timings: dict | None = None) -> AnnotateResponse:
        """`timings`, when given, gets the seconds of each step added to it: the pipeline's (see extract),
        "align" (the claim set's keys for its quantities), "response" (the contract's figures) and "compare"
        (matching against the claim set)."""
        figures = extract(page, timings=timings)
        t0 = perf_counter() if timings is not None else 0.0
        alignment = align(page, figures, self.store, own_key=own_key)   # the keys the claim set has for them
        alignment.apply(figures)
        t0 = lap(timings, "align", t0)
        response = annotate_response(page, figures)
        t0 = lap(timings, "response", t0)
        comparisons = compare_page(page, figures, self.store, own_key=own_key, twins=alignment.twins)
        for out, f in zip(response.figures, figures):
            out.comparison = comparisons[id(f)]
        lap(timings, "compare", t0)
        return response

    def annotate(self, *, html: str | bytes, url: str | None = None, title: str | None = None,
                 timings: dict | None = None) -> AnnotateResponse:
        page = page_from_html(html, url=url, timings=timings)
        if title and not page.title:
            page.title = title
        response = self.annotate_page(page, timings=timings)
        response._truncated = page.truncated      # not a field of the contract: the API reports it
        return response

    # ------------------------------------------------------------ the claim set

    def ingest_page(self, page: Page, key: str | None = None) -> SourceOut:
        return source_out(self.store.ingest(page, extract(page), key=key))

    def add_source(self, *, url: str, html: str | bytes, outlet: str | None = None,
                   published: date | None = None) -> SourceOut:
        return self.ingest_page(page_from_html(html, url=url, published=published, outlet=outlet), key=url)

    def delete_source(self, source_id: int) -> bool:
        return self.store.delete_source(source_id)

    def sources(self) -> list[SourceOut]:
        return [source_out(s) for s in self.store.sources()]

    def claims(self, *, measure=None, claimant=None, text=None, limit=100, offset=0) -> ClaimsOut:
        """The claims, with the reader's corrections of their measures: exported together."""
        rows = self.store.claims(measure=measure, claimant=claimant, text=text, limit=limit, offset=offset)
        fixes = self.store.corrections(measures={c.measure for c in rows}) if rows else []
        return ClaimsOut(claims=[claim_out(c) for c in rows], limit=limit, offset=offset,
                         corrections=[correction_out(r) for r in fixes])

    # ------------------------------------------------------------ the reader's corrections

    def add_correction(self, req: CorrectionRequest) -> tuple[CorrectionOut, bool]:
        """Mark a figure's claim and another as not the same quantity; raises ValueError for a claim and itself."""
        row, created = self.store.add_correction(identity(req.figure), identity(req.other), req.note)
        return correction_out(row), created

    def corrections(self, measure: str | None = None) -> list[CorrectionOut]:
        rows = self.store.corrections(measures=[measure] if measure else None)
        return [correction_out(r) for r in rows]

    def delete_correction(self, correction_id: int) -> bool:
        return self.store.delete_correction(correction_id)

    def measure(self, key: str) -> MeasureOut | None:
        m = self.store.measure(key)
        if m is None:
            return None
        claims = timeline(self.store, key)
        return MeasureOut(key=m.key, label=m.label, counted=m.counted, location=m.location, status=m.status,
                          kind=m.kind, unit=m.unit, count_kind=m.count_kind, subject=m.subject,
                          timeline=[claim_out(c) for c in claims],
                          related=related_measures(self.store, m),
                          corrections=[correction_out(r) for r in self.store.corrections([key])],
                          sources=story_sources([r for c in claims for r in c.reports]))

    def health(self) -> dict:
        return {"status": "ok", **self.store.counts(), "db_bytes": self.store.size()}

    # ------------------------------------------------------------ the built-in claim set

    def ensure_builtin(self) -> int:
        """Fill an empty claim set with the built-in sources (the seed articles); returns pages added."""
        if self.store.counts()["sources"]:
            return 0
        return self.ingest_manifest(builtin_manifest())

    def ingest_manifest(self, manifest: str | Path, progress=None) -> int:
        sources, _ = load_manifest(manifest)
        for i, s in enumerate(sources):
            page = read_page(s.path, url=s.url, published=s.published, outlet=s.outlet)
            self.store.ingest(page, extract(page), key=s.url or s.id)
            if progress:
                progress(i + 1, len(sources), s)
        return len(sources)

    def annotate_manifest(self, manifest: str | Path):
        """(source id, response) for every source of a manifest; its own claims never count."""
        sources, _ = load_manifest(manifest)
        for s in sources:
            page = read_page(s.path, url=s.url, published=s.published, outlet=s.outlet)
            yield s.id, self.annotate_page(page, own_key=s.url or s.id)


def builtin_manifest() -> Path:
    """The claim set shipped inside the package (also in a wheel): the seed articles' pages."""
    return Path(str(resources.files("crosscheck").joinpath("builtin", "sources.json")))
