"""What the command line prints (issue 15), run as real processes on real SQLite files: the one line `serve`
prints when it listens, `ingest`'s summary line, tables that fit 80 columns by wrapping without cutting a number
or a measure key (checked against the same command's --json), --json wherever a table is printed, and help
text for every command and option."""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from crosscheck.cli import build_parser
from crosscheck.tables import KEEP, Heading, display_width, table_lines, wrap
from serve_process import ServeProcess, free_port
from cli_run import run_cli

ROOT = Path(__file__).resolve().parents[1]
NUMBER = re.compile(r"\d[\d,.]*\d|\d")       # a number as the tables write it: 2,800,000,000 or 5.1
CLAIM_SET_WORDS = r"(\d[\d,]*) sources?, (\d[\d,]*) reports?, (\d[\d,]*) claims?"


def run(*args, columns=80, check=True):
    return run_cli(*args, columns=columns, check=check)


def db_counts(db: Path) -> tuple[int, int, int]:
    con = sqlite3.connect(db)
    try:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("sources", "reports", "claims"))
    finally:
        con.close()


def words_as_numbers(match: re.Match) -> tuple[int, int, int]:
    return tuple(int(g.replace(",", "")) for g in match.groups())


@pytest.fixture(scope="module")
def rich_db(tmp_path_factory):
    """The built-in claim set with the made-up stories and the extra articles: long keys, big numbers, ranges."""
    db = tmp_path_factory.mktemp("cli") / "claims.sqlite"
    run("ingest", "--manifest", "fixtures/stories.sources.json", "--db", db)
    run("ingest", "--manifest", "fixtures/extra.sources.json", "--db", db)
    return db


# ---------------------------------------------------------------- serve's start line

def first_line_of_serve(db: Path, *extra) -> tuple[str, int]:
    """Start the real server on a free loopback port, read the first line it prints, stop it."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("CROSSCHECK_DB", None)
    proc = subprocess.Popen([sys.executable, "-m", "crosscheck", "serve", "--port", str(port), "--db", str(db),
                             *extra], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    guard = threading.Timer(120, proc.kill)        # a server that never prints must not hang the suite
    guard.start()
    try:
        line = proc.stdout.readline()
    finally:
        guard.cancel()
        proc.terminate()
        proc.wait(timeout=30)
        proc.stdout.close()
    return line, port


@pytest.mark.parametrize("extra, workers_words", [((), ""), (("--workers", "2"), " with 2 worker processes")])
def test_serve_starts_with_one_line_of_plain_words(tmp_path, builtin_db_template, extra, workers_words):
    db = tmp_path / "claims.sqlite"
    shutil.copyfile(builtin_db_template, db)
    line, port = first_line_of_serve(db, *extra)
    m = re.fullmatch(rf"Crosscheck serving http://127\.0\.0\.1:{port}{workers_words}, claim set: "
                     rf"{CLAIM_SET_WORDS} \(Ctrl\+C stops it\)\n", line)
    assert m, line
    assert words_as_numbers(m) == db_counts(db)
    assert "{" not in line and "'" not in line


def test_serve_says_the_counts_of_the_claim_set_it_opened(tmp_path, rich_db):
    db = tmp_path / "claims.sqlite"
    shutil.copyfile(rich_db, db)
    line, _ = first_line_of_serve(db, "--no-builtin")
    m = re.search(CLAIM_SET_WORDS, line)
    assert m and words_as_numbers(m) == db_counts(db) and db_counts(db)[0] > 5


def test_the_servers_own_start_line_through_serve_process(tmp_path, builtin_db_template):
    """The helper the other tests use starts the same server: its log begins with the same line."""
    db = tmp_path / "claims.sqlite"
    shutil.copyfile(builtin_db_template, db)
    server = ServeProcess(db, tmp_path / "serve.log")
    try:
        status, health = server.get("/healthz")
    finally:
        server.stop()
    first = server.output().splitlines()[0]
    assert status == 200 and first.startswith(f"Crosscheck serving {server.base}, claim set: ")
    assert f"{health['sources']} sources, {health['reports']} reports, {health['claims']} claims" in first


# ---------------------------------------------------------------- ingest's summary line

def test_ingest_manifest_prints_one_summary_line(tmp_path):
    db = tmp_path / "claims.sqlite"
    out = run("ingest", "--manifest", "fixtures/extra.sources.json", "--db", db).stdout
    m = re.fullmatch(rf"ingested 4 sources; claim set: {CLAIM_SET_WORDS}\n", out)
    assert m, out
    assert words_as_numbers(m) == db_counts(db)


def test_ingest_page_prints_one_summary_line(tmp_path, builtin_db_template):
    db = tmp_path / "claims.sqlite"
    shutil.copyfile(builtin_db_template, db)
    url = "https://cli.example/kenya-budget"
    out = run("ingest", "fixtures/pages/more-budget-fmw.html", "--url", url, "--db", db).stdout
    m = re.fullmatch(rf"ingested {re.escape(url)} \((\d+) figures\); claim set: {CLAIM_SET_WORDS}\n", out)
    assert m, out
    con = sqlite3.connect(db)
    figures = con.execute("SELECT count(*) FROM reports r JOIN sources s ON s.id = r.source_id WHERE s.url = ?",
                          (url,)).fetchone()[0]
    con.close()
    assert int(m.group(1)) == figures > 0
    assert tuple(int(g) for g in m.groups()[1:]) == db_counts(db)


# ---------------------------------------------------------------- tables at 80 columns, checked against --json

def number_words(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"


def numbers_of(value: dict) -> list[str]:
    return [number_words(value["low"])] + ([number_words(value["high"])] if value.get("high") is not None else [])


def assert_fits_and_nothing_is_cut(text: str, width: int, numbers: set[str], keys: set[str]) -> None:
    """Every line fits `width` (or is one word too long to fit any line), nothing is cut with an ellipsis, every
    number stands whole on a line as a token of its own, every key is a word of a line."""
    lines = text.splitlines()
    assert "…" not in text
    for line in lines:
        assert display_width(line) <= width or len(line.split()) <= 2, line
    tokens = {t for line in lines for t in NUMBER.findall(line)}
    words = {w for line in lines for w in line.split()}
    assert numbers and not numbers - tokens, sorted(numbers - tokens)
    assert not keys - words, sorted(keys - words)


PAGES = ["fixtures/pages/ajp.html", "fixtures/pages/more-budget-fmw.html", "fixtures/pages/more-flood-orbis.html",
         "fixtures/stories/seizure-daily.txt", "fixtures/text/vijesti.txt"]


def figure_numbers(data: dict) -> set[str]:
    """The values the table shows, and the numbers written in the figures' own words."""
    values = {n for f in data["figures"] for n in numbers_of(f["value"])}
    return values | {n for f in data["figures"] for n in NUMBER.findall(f["text"])}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("columns", [80, 40])
def test_extract_table_wraps_without_cutting(page, columns):
    data = json.loads(run("extract", page, "--published", "2025-01-01", "--json").stdout)
    text = run("extract", page, "--published", "2025-01-01", columns=columns).stdout
    assert_fits_and_nothing_is_cut(text, columns, figure_numbers(data), set())
    if columns == 80:          # a table, one numbered row per figure of the JSON
        digits = len(str(len(data["figures"])))     # the '#' column; blank on a row's wrapped lines
        numbered = [line[:digits] for line in text.splitlines() if line[:digits].strip().isdigit()]
        assert [int(n) for n in numbered] == list(range(1, len(data["figures"]) + 1))


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("columns", [80, 40])
def test_annotate_table_wraps_without_cutting_numbers_or_measure_keys(page, columns, rich_db):
    data = json.loads(run("annotate", page, "--json", "--db", rich_db).stdout)
    text = run("annotate", page, "--db", rich_db, columns=columns).stdout
    keys = {f["measure"] for f in data["figures"]}
    assert_fits_and_nothing_is_cut(text, columns, figure_numbers(data), keys)
    flat = " ".join(text.split())        # at 40 columns a long key goes to the line below 'measure'
    for f in data["figures"]:
        assert f"measure {f['measure']}" in flat
    verdicts = re.findall(r":\s+(agrees|differs|conflicts|unique)\b", text)
    assert verdicts == [f["comparison"]["verdict"] for f in data["figures"]]


@pytest.mark.parametrize("columns", [80, 40])
def test_claims_table_wraps_without_cutting_numbers_or_measure_keys(columns, rich_db):
    data = json.loads(run("claims", "--json", "--db", rich_db).stdout)
    text = run("claims", "--db", rich_db, columns=columns).stdout
    keys = {c["measure"] for c in data["claims"]}
    assert max(map(len, keys)) > 60           # keys longer than any column an 80-column table could give them
    numbers = {n for c in data["claims"] for n in numbers_of(c["value"])}
    assert_fits_and_nothing_is_cut(text, columns, numbers, keys)
    headings = [line for line in text.splitlines() if line and not line.startswith(" ")]
    assert headings == sorted(keys)           # each measure once, on a line of its own


def test_claims_table_keeps_the_measure_filter_and_the_json_in_step(rich_db):
    everything = json.loads(run("claims", "--json", "--db", rich_db).stdout)["claims"]
    key = max((c["measure"] for c in everything), key=len)
    data = json.loads(run("claims", "--measure", key, "--json", "--db", rich_db).stdout)
    assert data["claims"] and {c["measure"] for c in data["claims"]} == {key}
    text = run("claims", "--measure", key, "--db", rich_db).stdout
    assert text.splitlines()[1] == key
    assert len([line for line in text.splitlines()[2:] if NUMBER.search(line)]) >= len(data["claims"])


def test_eval_errors_table_wraps_without_cutting_ids():
    data = json.loads(run("eval", "fixtures/more.gold.json", "--json").stdout)
    text = run("eval", "fixtures/more.gold.json", "--errors").stdout
    ids = {e["id"] for e in data["errors"]}
    fields = set(data["fields"])
    assert ids and fields
    assert_fits_and_nothing_is_cut(text, 80, {f"{v['accuracy']:.3f}" for v in data["fields"].values()
                                              if v["accuracy"] is not None}, ids | fields)


@pytest.mark.parametrize("columns", ["", "0", "nonsense"])
def test_without_a_usable_columns_a_pipe_gets_80(columns, rich_db):
    """Output to a pipe, as here: $COLUMNS unset or unusable means 80 columns."""
    env = {**os.environ, "COLUMNS": columns}
    if not columns:
        env.pop("COLUMNS")
    out = subprocess.run([sys.executable, "-m", "crosscheck", "claims", "--db", str(rich_db)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300).stdout
    widths = [display_width(line) for line in out.splitlines() if line.startswith(" ")]
    assert max(widths) <= 80 and max(widths) > 70


def test_a_wider_terminal_gets_a_wider_table(rich_db):
    narrow = run("claims", "--db", rich_db, columns=80).stdout.splitlines()
    wide = run("claims", "--db", rich_db, columns=200).stdout.splitlines()
    assert len(wide) < len(narrow)
    assert 80 < max(map(display_width, wide)) <= 200


# ---------------------------------------------------------------- --json wherever a table is printed

JSON_COMMANDS = [
    (("extract", "fixtures/pages/ajp.html"), {"page", "figures"}),
    (("annotate", "fixtures/pages/ajp.html"), {"page", "figures"}),
    (("claims",), {"claims", "limit", "offset", "corrections"}),
    (("corrections",), {"corrections"}),
    (("feeds",), {"feeds"}),
    (("eval", "fixtures/seeds.gold.json"), {"detection", "fields", "measure_pairs", "errors"}),
]


@pytest.mark.parametrize("args, keys", JSON_COMMANDS, ids=lambda v: v[0] if isinstance(v, tuple) else None)
def test_every_table_has_json_with_stable_keys(args, keys, tmp_path, builtin_db_template):
    db = tmp_path / "claims.sqlite"
    shutil.copyfile(builtin_db_template, db)
    store = ("--db", db) if args[0] in ("annotate", "claims", "corrections", "feeds") else ()
    data = json.loads(run(*args, "--json", *store).stdout)
    assert keys <= set(data)
    table = run(*args, *store).stdout
    with pytest.raises(json.JSONDecodeError):
        json.loads(table)                      # the default is the table, not JSON


# ---------------------------------------------------------------- help for every command and option

def commands(parser: argparse.ArgumentParser) -> tuple[dict, dict]:
    """({command: its one-line help}, {command: its parser})."""
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {choice.dest: choice.help for choice in sub._choices_actions}, sub.choices


def test_every_command_and_every_option_has_help():
    parser = build_parser()
    helps, parsers = commands(parser)
    assert set(helps) == set(parsers) == {"serve", "annotate", "ingest", "claims", "corrections", "extract",
                                                 "eval", "follow", "feeds", "unfollow", "refresh", "forget",
                                                 "migrate"}
    for name, sub in parsers.items():
        assert helps[name] and helps[name].strip(), name
        assert sub.description and sub.description.strip(), name
        for action in sub._actions:
            assert action.help and action.help.strip() and action.help != argparse.SUPPRESS, \
                (name, action.option_strings or action.dest)


def test_top_level_help_describes_every_command():
    out = run("--help").stdout
    helps, _ = commands(build_parser())
    flat = " ".join(out.split())
    for name, text in helps.items():
        assert f"{name} {' '.join(text.split())}" in flat, name
    assert "--json" in flat


@pytest.mark.parametrize("command", ["serve", "annotate", "ingest", "claims", "corrections", "extract", "eval",
                                     "follow", "feeds", "unfollow", "refresh", "forget", "migrate"])
def test_each_commands_help_names_every_option(command):
    out = run(command, "--help").stdout
    _, parsers = commands(build_parser())
    for action in parsers[command]._actions:
        for option in action.option_strings:
            assert option in out, (command, option)
    assert "usage: crosscheck " + command in out


# ---------------------------------------------------------------- the table layout itself

cell_words = st.one_of(
    st.from_regex(r"[0-9]{1,3}(,[0-9]{3}){0,4}", fullmatch=True),
    st.from_regex(r"[a-z]{1,9}(-[a-z]{1,9}){0,3}@[a-z]{1,12}:[a-z_]{1,8}", fullmatch=True),
    st.from_regex(r"[A-Za-zé北]{1,12}", fullmatch=True))
cells = st.lists(cell_words, max_size=6).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.lists(cells, min_size=4, max_size=4), min_size=1, max_size=6),
       width=st.integers(min_value=20, max_value=120))
def test_table_lines_never_cut_a_word(rows, width):
    header = ["claimant", "value", "date", "outlets"]
    lines = table_lines(header, [Heading("a-heading@place:status")] + rows, width)
    words = {w for line in lines for w in line.split()}
    assert {w for row in rows for cell in row for w in cell.split()} <= words
    for line in lines:
        assert display_width(line) <= width or len(line.split()) <= 2, (width, line)


def test_a_bound_stays_with_its_number():
    assert wrap(f"more than{KEEP}10,000 troops", 6) == ["more", "than 10,000", "troops"]


def test_a_range_breaks_after_its_dash_only():
    assert wrap("about 11,000–12,000 troops", 9) == ["about", "11,000–", "12,000", "troops"]
    assert wrap("11,000–12,000", 40) == ["11,000–12,000"]


@given(text=cells, width=st.integers(min_value=1, max_value=60))
def test_wrap_keeps_every_word_and_its_order(text, width):
    lines = wrap(text, width)
    assert " ".join(lines).split() == text.split()
    assert all(display_width(line) <= width or len(line.split()) == 1 for line in lines)
