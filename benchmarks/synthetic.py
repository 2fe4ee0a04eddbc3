"""Synthetic claim sets for the scale benchmark: N claims over many measures and topics, written straight into
the store's schema (SQLiteStore creates it) with executemany in one transaction, bypassing the pipeline.

    .venv/bin/python benchmarks/synthetic.py --claims 100000 --db /tmp/claims-100k.sqlite

Shape (deterministic for a seed): measures are what is counted (about 600 nouns: base nouns x modifiers) at a
place of the gazetteer in a status, with kinds count / money / percent as the pipeline makes them; about 4 claims
per measure by known and invented claimants over two years; 1-3 reports per claim (outlets repeating a
statement); about 12 reports per source page. `anchor_measures` (measure keys the benchmark pages really produce)
get a constant handful of claims each (counted in the size), so annotating those pages finds other claims at
every size while the work per figure must not grow with the size of the set.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))

from crosscheck.reading.lexicon import load_table, places  # noqa: E402
from crosscheck.claims.measure import key_parts, slug  # noqa: E402
from crosscheck.claims.store_sqlite import SQLiteStore  # noqa: E402
from crosscheck.claims.store import content_hash, measure_label  # noqa: E402

GENERATOR_VERSION = 1

BASE_NOUNS = ["people", "troops", "soldiers", "refugees", "migrants", "homes", "houses", "schools", "hospitals",
              "patients", "children", "students", "workers", "jobs", "vehicles", "tanks", "drones", "missiles",
              "flights", "passengers", "tonnes of wheat", "barrels of oil", "cases", "deaths", "votes", "voters",
              "protesters", "police officers", "doctors", "nurses", "teachers", "farmers", "cattle", "acres",
              "hectares", "buildings", "bridges", "roads", "shelters", "tents", "doses", "vaccines", "tests",
              "arrests", "prisoners", "hostages", "civilians", "fighters", "firefighters", "volunteers", "households",
              "families", "businesses", "shops", "factories", "trucks", "containers", "ships", "aircraft", "villages"]
MODIFIERS = ["", "displaced ", "injured ", "foreign ", "local ", "civilian ", "military ", "rescue ", "new ",
             "additional "]
STATUSES = ["in_place"] * 4 + ["planned", "killed", "wounded", "missing", "captured", "other", "training",
                               "casualties"]
MONEY_HEADS = ["budget", "aid", "loan", "deficit", "spending", "revenue", "investment", "debt", "fund", "grant"]
CURRENCIES = ["USD", "EUR", "GBP", "PKR", "KES", "INR"]
PERCENT_HEADS = ["inflation", "turnout", "unemployment", "growth", "approval", "interest rate", "tax rate"]
OUTLETS = [f"Outlet {i}" for i in range(300)]
QUALIFIERS = ["exact"] * 5 + ["approx", "approx", "more_than", "at_least", "up_to", "range"]


def _claimants(rng: random.Random) -> list[tuple[str, str | None, str]]:
    table = load_table("claimants.json")["claimants"]
    known = [(c["name"], c.get("party"), c.get("kind", "organisation")) for c in table if isinstance(c, dict)
             and c.get("name")]
    invented = [(f"{rng.choice('ABCDEFGHJKLMNPRSTVW')}. {name}", None, "person")
                for name in ("Okafor", "Haddad", "Novak", "Silva", "Kim", "Ivanova", "Mensah", "Rahman", "Lopez",
                             "Schmidt", "Tanaka", "Dubois", "Kowalski", "Nair", "Osei", "Petrov", "Rossi", "Yilmaz")
                for _ in range(3)]
    return known + invented + [(None, None, None)] * 20          # outlets' own figures: no claimant


def _topics(rng: random.Random):
    """(counted, kind, unit, head) combinations: the 'what' of a measure."""
    out = [(m + n, "count", None, None) for n in BASE_NOUNS for m in MODIFIERS]
    out += [(None, "money", cur, h) for h in MONEY_HEADS for cur in CURRENCIES]
    out += [(None, "percent", "%", h) for h in PERCENT_HEADS]
    rng.shuffle(out)
    return out


def _value(rng: random.Random, kind: str) -> float:
    if kind == "percent":
        return round(rng.uniform(0.5, 60), 1)
    if kind == "money":
        return float(rng.choice([1, 2, 5, 10, 25, 50, 100, 250]) * 10 ** rng.randint(5, 10))
    return float(int(10 ** rng.uniform(1, 6)))


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}"


def build(path: str | Path, n_claims: int, *, seed: int = 5, anchor_measures: list[tuple] = (),
          claims_per_anchor: int = 3) -> dict:
    """Write a claim set of about n_claims synthetic claims (+ claims_per_anchor per anchor measure) into a
    new SQLite file at `path`. anchor_measures: (key, counted, location, status, kind, unit, what) tuples."""
    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    t0 = time.perf_counter()
    store = SQLiteStore(path)          # creates the schema through the store's own migrations
    db = store._db
    rng = random.Random(seed)
    claimants = _claimants(rng)
    topics = _topics(rng)
    place_names = sorted({v[0] for v in places().canonical.values()})
    day0 = date(2023, 1, 1)

    measures: list[tuple] = []       # (key, label, counted, location, status, kind, unit, what)
    claims: list[tuple] = []         # (id, claimant, party, kind, measure, low, high, claim_date)
    reports: list[tuple] = []
    sources: list[tuple] = []
    seen_keys: set[str] = set()
    now = "2025-01-01T00:00:00+00:00"
    per_source = 12
    state = {"claim_id": 0, "source_id": 0, "in_source": per_source}

    def new_source() -> int:
        state["source_id"] += 1
        sid = state["source_id"]
        outlet = OUTLETS[sid % len(OUTLETS)]
        pub = (day0 + timedelta(days=sid % 730)).isoformat()
        url = f"https://synthetic.test/{sid}"
        sources.append((sid, url, url, outlet, pub, f"Synthetic story {sid}", content_hash(url), now))
        return sid

    def add_claim(key, counted, location, status, kind, unit, low, day):
        name, party, ckind = rng.choice(claimants)
        qual = rng.choice(QUALIFIERS)
        high = round(low * rng.uniform(1.1, 1.6)) if qual == "range" else None
        state["claim_id"] += 1
        cid = state["claim_id"]
        cdate = day.isoformat()
        claims.append((cid, name, party, ckind if name else None, key, low, high, cdate))
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
            if state["in_source"] >= per_source:
                state["sid"] = new_source()
                state["in_source"] = 0
            state["in_source"] += 1
            words = ("about " if qual == "approx" else "more than " if qual == "more_than" else "") + _fmt(low)
            what = counted or kind
            sentence = f"{name or 'Officials'} said {words} {what} in {location or 'the region'} on {cdate}."
            start = sentence.index(words)
            reports.append((state["sid"], cid, words, sentence, words, sentence[:start][-32:],
                            sentence[start + len(words):][:32], start, start + len(words), low, high, qual, None,
                            kind, unit, counted, location, status, name, name, party, ckind if name else None,
                            cdate, int(rng.random() < 0.2), key))

    # anchors: the measures real pages produce, a constant number of claims each
    for key, counted, location, status, kind, unit, what in anchor_measures:
        if key in seen_keys:
            continue
        seen_keys.add(key)
        measures.append((key, measure_label(counted, location, status, kind, unit), counted, location, status,
                         kind, unit, what))
        for j in range(claims_per_anchor):
            add_claim(key, counted, location, status, kind or "count", unit, _value(rng, kind or "count") + j,
                      day0 + timedelta(days=rng.randint(0, 729)))

    target = max(n_claims, state["claim_id"])       # the anchors' claims count toward the size
    while state["claim_id"] < target:
        counted, kind, unit, head = rng.choice(topics)
        location = rng.choice(place_names)
        status = rng.choice(STATUSES) if kind == "count" else "other"
        what = counted or head
        if kind == "money":
            what = f"{head} ({unit})"
        key = f"{slug(what)}@{slug(location)}:{status}"
        if rng.random() < 0.15:
            key += f".y{rng.choice((2019, 2020, 2021, 2022))}"
        if key in seen_keys:
            continue
        seen_keys.add(key)
        measures.append((key, measure_label(counted, location, status, kind, unit), counted, location, status,
                         kind, unit, key_parts(key).what))
        base = _value(rng, kind)
        first = day0 + timedelta(days=rng.randint(0, 700))
        for j in range(min(rng.choice((1, 2, 3, 4, 5, 6, 7, 8)), target - state["claim_id"])):
            add_claim(key, counted, location, status, kind, unit, round(base * (1 + 0.05 * j), 1),
                      first + timedelta(days=j * rng.randint(0, 10)))

    t1 = time.perf_counter()
    with store._lock:
        db.execute("BEGIN IMMEDIATE")
        db.executemany("INSERT INTO sources (id, key, url, outlet, published, title, content_hash, ingested_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", sources)
        db.executemany("INSERT INTO measures (key, label, counted, location, status, kind, unit, what) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", measures)
        db.executemany("INSERT INTO claims (id, claimant, party, claimant_kind, measure, value_low, value_high, "
                       "claim_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", claims)
        db.executemany('INSERT INTO reports (source_id, claim_id, text, sentence, exact, prefix, suffix, start, "end", '
                       "value_low, value_high, qualifier, trend, kind, unit, counted, location, status, claimant, "
                       "claimant_mention, party, claimant_kind, claim_date, quoted, measure) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", reports)
        db.execute("COMMIT")
    counts = store.counts()
    store.close()
    return {"claims": counts["claims"], "reports": counts["reports"], "sources": counts["sources"],
            "measures": counts["measures"], "generate_s": round(t1 - t0, 2),
            "insert_s": round(time.perf_counter() - t1, 2)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=10_000)
    ap.add_argument("--db", required=True)
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args(argv)
    print(build(args.db, args.claims, seed=args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
