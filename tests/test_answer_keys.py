"""The pipeline scored against the answer keys, with the thresholds of the figures issue.

The seed key is read twice: from the plain-text seeds and from the HTML fixture pages (with their site
furniture). The extra key holds articles of our own on other stories (death toll, crowd size, budget)."""
from pathlib import Path

import pytest

from crosscheck.evaluate import evaluate

ROOT = Path(__file__).resolve().parents[1]
SHARED_KEY = ROOT.parent / "shared" / "gold" / "seeds.gold.json"

THRESHOLDS = {"value": 0.98, "qualifier": 0.95, "counted": 0.90, "location": 0.90, "status": 0.90,
              "claimant": 0.90, "claim_date": 0.90}


def check(result, detection=0.97, thresholds=THRESHOLDS, measures=0.0):
    problems = []
    if result["measure_pairs"]["f1"] < measures:
        problems.append(f"measure pairs F1 {result['measure_pairs']['f1']} < {measures}")
    if result["detection"]["f1"] < detection:
        problems.append(f"detection F1 {result['detection']['f1']}")
    if result["non_figures_reported"]:
        problems.append(f"{result['non_figures_reported']} non-figures reported")
    for name, minimum in thresholds.items():
        acc = result["fields"][name]["accuracy"]
        if acc is None or acc < minimum:
            problems.append(f"{name} {acc} < {minimum}")
    errors = "\n".join(f"  {e['id']} {e['field']}: gold={e['gold']!r} system={e['system']!r}"
                       for e in result["errors"])
    assert not problems, "; ".join(problems) + "\n" + errors


@pytest.mark.parametrize("key", ["seeds-text.gold.json", "seeds.gold.json"])
def test_seed_key(key):
    check(evaluate(ROOT / "fixtures" / key))


def test_seed_measures_group_the_same_quantity():
    result = evaluate(ROOT / "fixtures" / "seeds.gold.json")
    assert result["measure_pairs"]["f1"] >= 0.90


def test_shared_key_reads_the_shared_seeds():
    if not SHARED_KEY.exists():
        pytest.skip("../shared is not beside the checkout")
    check(evaluate(SHARED_KEY))


# The extra key (our own death-toll, crowd and budget articles) is labelled more semantically than the
# seed key: it carries the story's place to every figure and names invented bodies in full ("Kestria
# National Civil Protection Agency"). Figures, values and qualifiers meet the issue's thresholds; the
# other fields are held at the floors measured on 2026-11-22 so that they can only go up. Raising them
# to the seed thresholds is open work (see the closing note of the figures issue).
EXTRA_FLOORS = {"value": 0.98, "qualifier": 0.95, "status": 0.88, "claimant": 0.45, "claim_date": 0.77,
                "counted": 0.44, "location": 0.55}
EXTRA_MEASURES = 0.74       # pairwise F1 of figures of the same quantity across outlets (0.296 on 2026-11-22,
                            # 0.627 before keys named a count by its kind, 0.636 before they named an amount's
                            # heads by one name and dated a figure by its own years only)


def test_extra_key_other_stories():
    key = ROOT / "fixtures" / "extra.gold.json"
    check(evaluate(key), detection=0.97, thresholds=EXTRA_FLOORS, measures=EXTRA_MEASURES)


# A second key of our own (fixtures/more.gold.json: floods in Sindh, a strike in France, Kenya's budget;
# 6 outlets, 116 figures), labelled strictly in the seed key's conventions. Floors measured on 2026-11-22.
# Its location labels a figure's place only where the figure's own sentence names one; since 2026-12-04 the
# story's place holds for a figure that names none (the convention, the real-text key's and the extra
# key's: a flood's dateline and lede set where its deaths are), which this key marks as wrong: its location floor
# went from 0.69 to 0.49 with that rule, while the real-text key's went from 0.42 to 0.63. Likewise both keys give
# every amount the status "other", while a proposed budget or a rainfall forecast is planned in the real-text
# key's conventions (fixtures/realtext/CONVENTIONS.md): status floors 0.94 -> 0.84 here, 0.92 -> 0.88 in extra.
# (claimant 0.65 -> 0.82 on 2026-12-06: 0.828 measured once 'the education ministry' stopped being the interior one)
MORE_FLOORS = {"value": 0.98, "qualifier": 0.95, "status": 0.84, "claimant": 0.82, "claim_date": 0.92,
               "counted": 0.47, "location": 0.49}
MORE_MEASURES = 0.81        # 0.333 before the story's region and the protest page's crowd (2026-11-22), 0.756
                            # before keys named a count by its kind, 0.790 before they named an amount's heads by
                            # one name


def test_more_key_other_stories_in_seed_conventions():
    check(evaluate(ROOT / "fixtures" / "more.gold.json"), detection=0.97, thresholds=MORE_FLOORS,
          measures=MORE_MEASURES)


# The real-text key's second, independent blind labelling (fixtures/realtext/second-pass.json, scored by
# benchmarks/agreement.py): it must stay a labelling of the key's own figures, whole pages of both splits, in the
# conventions' vocabularies, or the agreement it measures means nothing.
def test_second_labelling_covers_whole_pages_of_the_real_text_key():
    import json
    key = json.loads((ROOT / "fixtures" / "realtext.gold.json").read_text())
    second = json.loads((ROOT / "fixtures" / "realtext" / "second-pass.json").read_text())
    split_of = {s["id"]: s["split"] for s in key["sources"]}
    on_pages = sorted(f["id"] for f in key["figures"] if f["source"] in second["pages"])
    labelled = sorted(a["id"] for a in second["labels"])
    assert labelled == on_pages
    assert {split_of[p] for p in second["pages"]} == {"dev", "eval"}
    kinds = {"killed", "injured", "missing", "displaced", "arrested", "affected", "protesters", "troops", "cases",
             "jobs", "voters", "people", "things", "money", "percent", "measure", "duration", "other"}
    statuses = {"killed", "wounded", "missing", "captured", "casualties", "in_place", "training", "planned", "other"}
    for a in second["labels"]:
        assert a["count_kind"] in kinds and a["status"] in statuses, a
        assert a["claim_date"] is None or len(a["claim_date"]) == 10, a


# The Lee key (fixtures/lee.gold.json) labels items of a corpus fetched by benchmarks/lee_corpus.py, which make
# test does not fetch: its scores live in benchmarks/keys.py. Here its shape: one split per item by the stated
# hash, figures of listed items in the conventions' vocabularies, no claim dates (the items carry none).
def test_lee_key_is_whole_and_in_the_conventions():
    import hashlib
    import json
    key = json.loads((ROOT / "fixtures" / "lee.gold.json").read_text())
    ids = {s["id"] for s in key["sources"]}
    for s in key["sources"]:
        digest = int(hashlib.sha256(f"crosscheck-lee:{s['id']}".encode()).hexdigest(), 16)
        assert s["split"] == ("eval" if digest % 3 == 0 else "dev")
    kinds = {"killed", "injured", "missing", "displaced", "arrested", "affected", "protesters", "troops", "cases",
             "jobs", "voters", "people", "things", "money", "percent", "measure", "duration", "other"}
    seen = set()
    for f in key["figures"]:
        assert f["source"] in ids and f["id"] not in seen, f
        seen.add(f["id"])
        assert f["surface"] in f["context"] and f["claim_date"] is None and f["count_kind"] in kinds, f
        assert f["status"] in {"killed", "wounded", "missing", "captured", "casualties", "in_place", "training",
                               "planned", "other"}, f


@pytest.mark.parametrize("a, b, same", [
    ("U.S. Central Command", "US Central Command", True),      # an initialism however it is dotted
    ("the U.N. refugee agency", "the UN refugee agency", True),
    ("US Central Command", "US Central Commands", True),        # (plurals fold, as before)
    ("US Central Command", "US Northern Command", False),
])
def test_scoring_compares_names_by_their_words(a, b, same):
    from crosscheck.evaluate import same_label
    assert same_label("claimant", {"claimant": a}, {"claimant": b}) is same
