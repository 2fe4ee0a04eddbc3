"""Sentence splitting: the English "Golden Rules" (pySBD's 48, reproduced from memory), news cases
from /work/shared/seeds, offset invariants and hostile inputs."""
from __future__ import annotations

import time

import pytest

from crosscheck.model import Block, Page
from crosscheck.reading.sentences import split_page, split_spans


def sentences(text: str, strict: bool = False) -> list[str]:
    return [text[s:e] for s, e in split_spans(text, strict=strict)]


def check_invariants(text: str, spans: list[tuple[int, int]]) -> None:
    prev = 0
    for s, e in spans:
        assert prev <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        prev = e


# ---------------------------------------------------------------------------------------------
# Golden Rules (English). (name, text, expected)

GOLDEN_RULES = [
    ("simple period", "Hello World. My name is Jonas.", ["Hello World.", "My name is Jonas."]),
    ("question mark", "What is your name? My name is Jonas.", ["What is your name?", "My name is Jonas."]),
    ("exclamation", "There it is! I found it.", ["There it is!", "I found it."]),
    ("one-letter upper abbreviation", "My name is Jonas E. Smith.", ["My name is Jonas E. Smith."]),
    ("one-letter lower abbreviation", "Please turn to p. 55.", ["Please turn to p. 55."]),
    ("two-letter lower abbreviation mid", "Were Jane and co. at the party?", ["Were Jane and co. at the party?"]),
    ("two-letter upper abbreviation mid", "They closed the deal with Pitt, Briggs & Co. at noon.",
     ["They closed the deal with Pitt, Briggs & Co. at noon."]),
    ("two-letter lower abbreviation end", "Let's ask Jane and co. They should know.",
     ["Let's ask Jane and co.", "They should know."]),
    ("two-letter upper abbreviation end", "They closed the deal with Pitt, Briggs & Co. It closed yesterday.",
     ["They closed the deal with Pitt, Briggs & Co.", "It closed yesterday."]),
    ("prepositive abbreviation", "I can see Mt. Fuji from here.", ["I can see Mt. Fuji from here."]),
    ("prepositive and postpositive", "St. Michael's Church is on 5th st. near the light.",
     ["St. Michael's Church is on 5th st. near the light."]),
    ("possessive abbreviation", "That is JFK Jr.'s book.", ["That is JFK Jr.'s book."]),
    ("multi-period abbreviation mid", "I visited the U.S.A. last year.", ["I visited the U.S.A. last year."]),
    ("multi-period abbreviation end", "I live in the E.U. How about you?", ["I live in the E.U.", "How about you?"]),
    ("U.S. as boundary", "I live in the U.S. How about you?", ["I live in the U.S.", "How about you?"]),
    ("U.S. before capital, no boundary", "I work for the U.S. Government in Virginia.",
     ["I work for the U.S. Government in Virginia."]),
    ("U.S. no boundary", "I have lived in the U.S. for 20 years.", ["I have lived in the U.S. for 20 years."]),
    ("a.m./p.m.", "At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.",
     ["At 5 a.m. Mr. Smith went to the bank.", "He left the bank at 6 P.M.", "Mr. Smith then went to the store."]),
    ("number no boundary", "She has $100.00 in her bag.", ["She has $100.00 in her bag."]),
    ("number boundary", "She has $100.00. It is in her bag.", ["She has $100.00.", "It is in her bag."]),
    ("parenthetical", "He teaches science (He previously worked for 5 years as an engineer.) at the local University.",
     ["He teaches science (He previously worked for 5 years as an engineer.) at the local University."]),
    ("email", "Her email is Jane.Doe@example.com. I sent her an email.",
     ["Her email is Jane.Doe@example.com.", "I sent her an email."]),
    ("web address", "The site is: https://www.example.50.com/new-site/awesome_content.html. Please check it out.",
     ["The site is: https://www.example.50.com/new-site/awesome_content.html.", "Please check it out."]),
    ("single quotes inside", "She turned to him, 'This is great.' she said.",
     ["She turned to him, 'This is great.' she said."]),
    ("double quotes inside", 'She turned to him, "This is great." she said.',
     ['She turned to him, "This is great." she said.']),
    ("double quotes at end", 'She turned to him, "This is great." She held the book out to show him.',
     ['She turned to him, "This is great."', "She held the book out to show him."]),
    ("double !", "Hello!! Long time no see.", ["Hello!!", "Long time no see."]),
    ("double ?", "Hello?? Who is there?", ["Hello??", "Who is there?"]),
    ("!?", "Hello!? Is that you?", ["Hello!?", "Is that you?"]),
    ("?!", "Hello?! Is that you?", ["Hello?!", "Is that you?"]),
    ("list 1.) no period", "1.) The first item 2.) The second item", ["1.) The first item", "2.) The second item"]),
    ("list 1.) period", "1.) The first item. 2.) The second item.", ["1.) The first item.", "2.) The second item."]),
    ("list 1) no period", "1) The first item 2) The second item", ["1) The first item", "2) The second item"]),
    ("list 1) period", "1) The first item. 2) The second item.", ["1) The first item.", "2) The second item."]),
    ("list 1. no period", "1. The first item 2. The second item", ["1. The first item", "2. The second item"]),
    ("list 1. period", "1. The first item. 2. The second item.", ["1. The first item.", "2. The second item."]),
    ("list bullet", "• 9. The first item • 10. The second item", ["• 9. The first item", "• 10. The second item"]),
    ("list hyphen bullet", "⁃9. The first item ⁃10. The second item", ["⁃9. The first item", "⁃10. The second item"]),
    ("alphabetical list", "a. The first item b. The second item c. The third list item",
     ["a. The first item", "b. The second item", "c. The third list item"]),
    ("geo coordinates", "You can find it at N°. 1026.253.553. That is where the treasure is.",
     ["You can find it at N°. 1026.253.553.", "That is where the treasure is."]),
    ("named entity with !", "She works at Yahoo! in the accounting department.",
     ["She works at Yahoo! in the accounting department."]),
    ("I as boundary and as initial", "We make a good team, you and I. Did you see Albert I. Jones yesterday?",
     ["We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"]),
    ("ellipsis at end of quotation",
     "Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”",
     ["Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”"]),
    ("ellipsis with square brackets", '"Bohr [...] used the analogy of parallel stairways [...]" (Smith 55).',
     ['"Bohr [...] used the analogy of parallel stairways [...]" (Smith 55).']),
    ("ellipsis as boundary (standard)",
     "If words are left off at the end of a sentence, and that is all that is omitted, indicate the omission "
     "with ellipsis marks (preceded and followed by a space) and then indicate the end of the sentence with a "
     "period . . . . Next sentence.",
     ["If words are left off at the end of a sentence, and that is all that is omitted, indicate the omission "
      "with ellipsis marks (preceded and followed by a space) and then indicate the end of the sentence with a "
      "period . . . .", "Next sentence."]),
    ("ellipsis as boundary (non-standard)", "I never meant that.... She left the store.",
     ["I never meant that....", "She left the store."]),
    ("ellipsis not boundary",
     "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.",
     ["I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it."]),
    ("4-dot ellipsis",
     "One further habit which was somewhat weakened . . . was that of combining words into self-contained "
     "units. . . .",
     ["One further habit which was somewhat weakened . . . was that of combining words into self-contained "
      "units. . . ."]),
]

# Golden rules knowingly not supported: name -> reason (strict xfail so a fix shows up).
GOLDEN_XFAIL: dict[str, str] = {}


def _golden_params():
    for name, text, expected in GOLDEN_RULES:
        marks = [pytest.mark.xfail(strict=True, reason=GOLDEN_XFAIL[name])] if name in GOLDEN_XFAIL else []
        yield pytest.param(text, expected, id=name, marks=marks)


def test_golden_rules_count():
    assert len(GOLDEN_RULES) == 48


@pytest.mark.parametrize("text,expected", list(_golden_params()))
def test_golden_rules(text, expected):
    assert sentences(text) == expected


# ---------------------------------------------------------------------------------------------
# News cases (mostly from /work/shared/seeds)

NEWS = [
    ("SEOUL, November 5 (AJP) - About 10,000 North Korean troops are currently in Russia, with a considerable "
     "number of them moving to frontline areas, the Ministry of National Defense here said on Tuesday.", None),
    # a quotation closed by ',"' and its speaker tag stay together, even over a sentence end inside it
    ('"Up from when we spoke [last] Thursday when we said as many as 8,000 were there. Now we can see – we assess '
     'that as many as 10,000 have made their way to Kursk," said spokesperson Matthew Miller the previous day.', None),
    ('"We see an increase in the number of North Koreans, but we see no increase in the response of our partners. '
     'Unfortunately," Ukrainian President Volodymyr Zelensky said in his evening video message.', None),
    ('"There are already 11,000 of [North Korean troops] in the Kursk region. We are seeing an increase in North '
     'Koreans but, unfortunately, not an increase in our partners\' response," Zelensky sighed.', None),
    ('"There are already 11,000 in Kursk," Zelensky said.', None),
    ('"We see an increase." Zelensky said.', None),
    ('"Should these troops engage in combat support operations against Ukraine, they would become legitimate '
     'military targets," Pentagon spokesman Pat Ryder said on Monday, echoing comments made last week by Defense '
     'Secretary Lloyd Austin.', None),
    ('"The National Intelligence Service said it has learned that the North has recently decided to send four '
     'brigades of 12,000 soldiers, including special forces, to the war in Ukraine," Yonhap said.', None),
    ('"They will fight." He said.', ['"They will fight."', "He said."]),
    ('"...all the others." He said.', ['"...all the others."', "He said."]),
    ('"Today is a holiday. Meeting friends is a tradition." Putin said.',
     ['"Today is a holiday.', 'Meeting friends is a tradition." Putin said.']),
    ('"Today is a holiday. Meeting friends is a tradition," Putin said.', None),
    ('"At present, there are around 11,000 North Korean troops deployed in the Kursk area," he noted. "While we '
     'observe a rise in North Korean military presence, regrettably, there hasn\'t been a corresponding increase '
     'in support from our allies."',
     ['"At present, there are around 11,000 North Korean troops deployed in the Kursk area," he noted.',
      '"While we observe a rise in North Korean military presence, regrettably, there hasn\'t been a '
      'corresponding increase in support from our allies."']),
    ('"There are already 11.000 (North Koreans) in the Kursk region," Zelenski said. "We see an increase in North '
     'Koreans, but not an increased reaction from our partners. Unfortunately".',
     ['"There are already 11.000 (North Koreans) in the Kursk region," Zelenski said.',
      '"We see an increase in North Koreans, but not an increased reaction from our partners.',
      'Unfortunately".']),
    ("There are already 11,000 in Kursk.\" Next, the troops moved.",
     ["There are already 11,000 in Kursk.\"", "Next, the troops moved."]),
    ("We should also appreciate the importance of… pic.twitter.com/o8vZQoSCoL", None),
    ("The remarks came just several hours after a similar statement from the U.S. State Department, which "
     "confirmed that more than 10,000 North Korean soldiers have moved to Kursk.", None),
    ("He lives in the U.S. The next day he left.", ["He lives in the U.S.", "The next day he left."]),
    ("Officials in the U.S. said 2.5 million dollars, or $1.25 each, was spent.", None),
    ("US Defense Secretary Lloyd J. Austin said last Sunday that soldiers are expected to be deployed.", None),
    ("T.R. Reid wrote the book. It sold well.", ["T.R. Reid wrote the book.", "It sold well."]),
    ("N. Korea to send '12,000 soldiers' for Russia's war in Ukraine: Yonhap", None),
    ("North Korea's army. REUTERS/File Photo", ["North Korea's army.", "REUTERS/File Photo"]),
    ("Publisted at 4:53 PM, Fri Oct 18th, 2024", None),
    ("The number of North Korean soldiers transferred to Russia is now about 12.000, including 500 officers, "
     "three of whom are generals.", None),
    ("Gen. Kim and Lt. Col. Park met Sen. Lee and Gov. Choi at 9 a.m. on Jan. 5 near St. Petersburg.", None),
    ("The meeting ended at 9 p.m. Officials said nothing.", ["The meeting ended at 9 p.m.", "Officials said nothing."]),
    ("Did it work? Nobody knows! Maybe.", ["Did it work?", "Nobody knows!", "Maybe."]),
    ("Some 11,000 North Korean soldiers\nhave arrived in Kursk. Russia\nsaid nothing.",
     ["Some 11,000 North Korean soldiers\nhave arrived in Kursk.", "Russia\nsaid nothing."]),
    ("Contact press@example.com. Or visit example.com for more.",
     ["Contact press@example.com.", "Or visit example.com for more."]),
    ("Fighting went on in Kursk. 10,000 troops are there.", ["Fighting went on in Kursk.", "10,000 troops are there."]),
    ("Kim Jong Un, i.e. the leader, vs. the army, e.g. generals, etc. were there.", None),
    ("Samsung Electronics Co. Ltd. said profits rose. Shares fell.",
     ["Samsung Electronics Co. Ltd. said profits rose.", "Shares fell."]),
    ("Up to 12,000 troops, etc. They may fight.", ["Up to 12,000 troops, etc.", "They may fight."]),
]


@pytest.mark.parametrize("text,expected", NEWS, ids=[f"news{i}" for i in range(len(NEWS))])
def test_news(text, expected):
    assert sentences(text) == (expected if expected is not None else [text])


HEADLINES = [
    ("'10,000 North Korean troops in Russia,' South Korean Defense Ministry says", None),
    ("Zelensky: Number of North Korean soldiers in Kursk increased to 11.000", None),
    ("U.S. Says North Korean Troops in Kursk", None),
    ("In the U.S. The Debate Goes On", None),
    ("Zelensky warns 11,000 North Koreans are in Russia's Kursk region. Kyiv asks for help",
     ["Zelensky warns 11,000 North Koreans are in Russia's Kursk region.", "Kyiv asks for help"]),
]


@pytest.mark.parametrize("text,expected", HEADLINES, ids=[f"headline{i}" for i in range(len(HEADLINES))])
def test_headlines_strict(text, expected):
    assert sentences(text, strict=True) == (expected if expected is not None else [text])


# ---------------------------------------------------------------------------------------------
# Pages, offsets

def make_page(blocks: list[tuple[str, str]]) -> Page:
    parts, out, pos = [], [], 0
    for kind, text in blocks:
        out.append(Block(kind=kind, text=text, start=pos, end=pos + len(text)))
        parts.append(text)
        pos += len(text) + 2
    return Page(text="\n\n".join(parts), blocks=out)


def test_split_page_offsets():
    page = make_page([
        ("headline", "U.S. Says 12,000 North Korean Troops in Russia"),
        ("paragraph", "  The troops arrived last month. They train with drones.  "),
        ("caption", "Volodymyr Zelensky, Photo: Reuters"),
        ("paragraph", ""),
        ("quote", '"We see an increase." Zelensky said. "Unfortunately."'),
    ])
    sents = split_page(page)
    assert [s.text for s in sents] == [
        "U.S. Says 12,000 North Korean Troops in Russia",
        "The troops arrived last month.", "They train with drones.",
        "Volodymyr Zelensky, Photo: Reuters",
        '"We see an increase." Zelensky said.', '"Unfortunately."',
    ]
    assert [s.block for s in sents] == [0, 1, 1, 2, 4, 4]
    assert [s.index for s in sents] == list(range(6))
    prev = 0
    for s in sents:
        assert page.text[s.start:s.end] == s.text
        assert s.start >= prev
        prev = s.end


def test_split_page_seeds():
    from pathlib import Path
    seeds = sorted(Path("/work/shared/seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("no seeds")
    for path in seeds:
        paras = [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        page = make_page([("paragraph", p) for p in paras])
        sents = split_page(page)
        assert sents
        prev = 0
        for i, s in enumerate(sents):
            assert s.index == i and page.text[s.start:s.end] == s.text and s.start >= prev
            prev = s.end
        # every non-space character of the page is in some sentence
        covered = sum(len("".join(s.text.split())) for s in sents)
        assert covered == len("".join(page.text.split()))


# ---------------------------------------------------------------------------------------------
# Hostile input: never raises, linear time, invariants hold

HOSTILE = [
    "x" * 1_000_000,
    "a." * 500_000,
    "." * 100_000,
    ". " * 100_000,
    "a. " * 100_000,
    "A. " * 100_000,
    "U.S. " * 100_000,
    '"' * 100_000,
    '"a. b," said ' * 50_000,
    "“" * 50_000 + "”" * 50_000,
    "1. a 2. b " * 50_000,
    "• " * 100_000,
    "?!" * 100_000,
    "…" * 100_000,
    " \n\t " * 100_000,
    "é. É. " * 100_000,
    "\x00.\ud800. \U0001F600. " * 50_000,
    "http://" + "a." * 200_000 + "com",
]


@pytest.mark.parametrize("text", HOSTILE, ids=[f"hostile{i}" for i in range(len(HOSTILE))])
def test_hostile(text):
    t0 = time.perf_counter()
    spans = split_spans(text)
    assert time.perf_counter() - t0 < 5.0
    check_invariants(text, spans)


def test_linear_time():
    unit = "About 10,000 troops, Gen. Kim said at 9 a.m. in the U.S. \"They left. We stay,\" he said. "
    small, big = unit * 1000, unit * 8000
    t0 = time.perf_counter(); split_spans(small); t_small = time.perf_counter() - t0
    t0 = time.perf_counter(); split_spans(big); t_big = time.perf_counter() - t0
    assert t_big < max(t_small, 0.01) * 8 * 3


@pytest.mark.parametrize("bad", [None, "", "   ", "\n\n", 123])
def test_odd_values(bad):
    assert split_spans(bad) == []
