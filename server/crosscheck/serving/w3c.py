"""A page's annotations as W3C Web Annotation JSON-LD (an AnnotationPage), so that other annotation tools
(Hypothesis and the like) can load them. Each figure becomes an `assessing` annotation targeting its words
with a TextQuoteSelector and a TextPositionSelector."""
from __future__ import annotations

from datetime import datetime, timezone

from ..contract import AnnotateResponse

CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def annotation_page(response: AnnotateResponse) -> dict:
    source = response.page.url or "urn:crosscheck:page"
    created = datetime.now(timezone.utc).isoformat(timespec="seconds")
    items = []
    for f in response.figures:
        c = f.comparison
        items.append({
            "id": f"{source}#crosscheck-{f.id}",
            "type": "Annotation",
            "motivation": "assessing",
            "created": created,
            "generator": {"type": "Software", "name": "Crosscheck"},
            "body": [
                {"type": "TextualBody", "purpose": "assessing", "format": "text/plain", "value": c.summary},
                {"type": "TextualBody", "purpose": "tagging", "value": c.verdict},
                *({"type": "TextualBody", "purpose": "tagging", "value": flag} for flag in c.flags),
            ],
            "target": {
                "source": source,
                "selector": [
                    {"type": "TextQuoteSelector", "exact": f.selector.exact, "prefix": f.selector.prefix,
                     "suffix": f.selector.suffix},
                    {"type": "TextPositionSelector", "start": f.selector.start, "end": f.selector.end},
                ],
            },
        })
    return {"@context": CONTEXT, "id": f"{source}#crosscheck", "type": "AnnotationPage", "items": items}
