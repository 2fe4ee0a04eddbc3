"""Generated news for feed loads: outlets with their feeds, and articles as real-looking pages. Deterministic for
a seed, no network, no files: `newsroom(feeds=50, articles=2000)` gives every outlet's feed and page bytes.

Each article tells one of a dozen kinds of story (floods, protests, budgets, layoffs, outbreaks, elections,
wildfires, troop deployments, shelling, inflation, mine accidents, strikes) at a real place, with figures (counts,
money, percentages; bounds such as "at least", "about", "up to"), named speakers with titles, and days ("on
Tuesday", "on March 4"); sentences are drawn from several wordings each, in a varied order, with paragraphs of
background between them, so that two stories of one kind share words but few runs of five. A share of the
articles are syndicated copies: another outlet runs a story of an outlet of another feed under its own headline
and byline, with a line of its own at the end (a near-copy: `Article.copy_of`). Pages come in four site layouts
(menus, tickers with numbers, most-read lists, ad slots, JSON-LD, cookie strips); feeds are RSS 2.0 or Atom, some
with validators (ETag, Last-Modified), some with an item's <source>."""
from __future__ import annotations

import html
import json
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime

START = date(2025, 3, 3)
DAYS = 120
COPY_SHARE = 0.12          # articles that are another outlet's story run again

PLACES = [  # (place as the text names it, its country)
    ("Karachi", "Pakistan"), ("Lahore", "Pakistan"), ("Sindh province", "Pakistan"), ("Lagos", "Nigeria"),
    ("Kano", "Nigeria"), ("Nairobi", "Kenya"), ("Mombasa", "Kenya"), ("Manila", "the Philippines"),
    ("Cebu", "the Philippines"), ("Dhaka", "Bangladesh"), ("Chittagong", "Bangladesh"), ("Lima", "Peru"),
    ("Quito", "Ecuador"), ("Accra", "Ghana"), ("Kampala", "Uganda"), ("Hanoi", "Vietnam"), ("Jakarta", "Indonesia"),
    ("Surabaya", "Indonesia"), ("Bogota", "Colombia"), ("Medellin", "Colombia"), ("Santiago", "Chile"),
    ("Valparaiso", "Chile"), ("Athens", "Greece"), ("Thessaloniki", "Greece"), ("Naples", "Italy"),
    ("Marseille", "France"), ("Lyon", "France"), ("Porto", "Portugal"), ("Seville", "Spain"), ("Valencia", "Spain"),
    ("Krakow", "Poland"), ("Gdansk", "Poland"), ("Kharkiv", "Ukraine"), ("Odesa", "Ukraine"), ("Tbilisi", "Georgia"),
    ("Yerevan", "Armenia"), ("Almaty", "Kazakhstan"), ("Chennai", "India"), ("Kerala", "India"), ("Assam", "India"),
    ("Kathmandu", "Nepal"), ("Colombo", "Sri Lanka"), ("Harare", "Zimbabwe"), ("Lusaka", "Zambia"),
    ("Maputo", "Mozambique"), ("Dakar", "Senegal"), ("Casablanca", "Morocco"), ("Tunis", "Tunisia"),
    ("Recife", "Brazil"), ("Porto Alegre", "Brazil"), ("Monterrey", "Mexico"), ("Oaxaca", "Mexico"),
    ("Queensland", "Australia"), ("Manitoba", "Canada"), ("Bavaria", "Germany"), ("Saxony", "Germany"),
]
FIRST = ["Amina", "David", "Lena", "Tomas", "Grace", "Rafael", "Mei", "Kwame", "Sofia", "Ibrahim", "Elena", "Jonas",
         "Priya", "Mateo", "Leila", "Oskar", "Nadia", "Samuel", "Irina", "Hassan", "Clara", "Arjun", "Yara", "Felix"]
LAST = ["Yusuf", "Ortiz", "Varga", "Novak", "Mensah", "Okafor", "Haddad", "Silva", "Kowalski", "Rahman", "Lopez",
        "Tanaka", "Dubois", "Petrov", "Rossi", "Yilmaz", "Nair", "Osei", "Schmidt", "Costa", "Moreau", "Ferreira",
        "Lindqvist", "Abdi", "Castillo", "Bakker", "Ivanova", "Kamau"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
OUTLET_WORDS = ["Herald", "Courier", "Tribune", "Observer", "Gazette", "Post", "Chronicle", "Express", "Ledger",
                "Times", "Journal", "Dispatch", "Monitor", "Sentinel", "Standard", "Record", "Telegraph", "Mirror"]
OUTLET_PLACES = ["Harbor", "Northern", "Coastal", "Valley", "Capital", "Riverside", "Eastern", "Highland", "Metro",
                 "Lakeside", "Western", "Summit", "Delta", "Prairie", "Island", "Frontier", "Central", "Southern"]


def _n(rng: random.Random, lo: int, hi: int, *, round_to: int = 1) -> str:
    return f"{max(round_to, rng.randint(lo, hi) // round_to * round_to):,}"


class _Story:
    """The slots of one story: its place, people, days and numbers, and the sentences that use them."""

    def __init__(self, rng: random.Random, published: date):
        self.rng = rng
        self.place, self.country = rng.choice(PLACES)
        self.published = published
        used: set[str] = set()

        def person() -> str:
            while True:
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                if name not in used:
                    used.add(name)
                    return name
        self.people = [person() for _ in range(4)]
        back = rng.randint(1, 3)
        self.event_day = published - timedelta(days=back)
        self.weekday = WEEKDAYS[self.event_day.weekday()]
        self.said_day = WEEKDAYS[published.weekday()]

    def dated(self, d: date) -> str:
        return f"{MONTHS[d.month - 1]} {d.day}"

    def pick(self, *options: str) -> str:
        return self.rng.choice(options)


def _flood(s: _Story, r: random.Random):
    dead, missing, homes, displaced = _n(r, 12, 240), _n(r, 3, 60), _n(r, 800, 40000, round_to=100), \
        _n(r, 5000, 300000, round_to=1000)
    a, b, c = s.people[:3]
    head = s.pick(f"Floods kill {dead} in {s.place}", f"Flood toll in {s.place} rises to {dead}",
                  f"{s.place} floods leave {dead} dead and {missing} missing")
    facts = [
        s.pick(f"Floods triggered by days of heavy rain have killed at least {dead} people in {s.place}, officials "
               f"said on {s.said_day}, and {missing} more are missing.",
               f"At least {dead} people have died in flooding across {s.place} since {s.weekday}, the disaster "
               f"management agency said, while {missing} people remain unaccounted for."),
        s.pick(f"\"We have moved about {displaced} people to relief camps,\" said {a}, who heads the provincial "
               f"disaster agency.",
               f"{a}, the head of the disaster agency, said about {displaced} people had been moved to relief camps "
               f"by {s.said_day}."),
        s.pick(f"More than {homes} homes were destroyed or damaged, according to a report released on "
               f"{s.dated(s.published)} by the Red Cross.",
               f"The Red Cross said more than {homes} houses had been damaged, many of them mud-brick homes in "
               f"low-lying villages."),
        s.pick(f"Meteorologist {b} warned that up to {_n(r, 80, 300)} millimetres of rain could fall over the next "
               f"{r.randint(2, 5)} days.",
               f"Forecasters expect up to {_n(r, 80, 300)} millimetres more rain, meteorologist {b} told reporters."),
        s.pick(f"Rescue teams from {s.country}'s army used {r.randint(12, 90)} boats to reach stranded families, "
               f"spokesperson {c} said.",
               f"The army deployed {r.randint(12, 90)} boats and {r.randint(3, 20)} helicopters, said {c}, an army "
               f"spokesperson."),
    ]
    return head, facts


def _protest(s: _Story, r: random.Random):
    police, organisers, arrests = _n(r, 2000, 40000, round_to=500), _n(r, 45000, 150000, round_to=5000), \
        _n(r, 8, 240)
    a, b, c = s.people[:3]
    head = s.pick(f"Thousands march in {s.place} over pension changes",
                  f"Crowds fill {s.place} streets as protest grows", f"Police make {arrests} arrests at {s.place} march")
    facts = [
        s.pick(f"About {police} people marched through central {s.place} on {s.weekday}, according to police, "
               f"while organisers put the crowd at {organisers}.",
               f"Police estimated the crowd in {s.place} at {police}; the organisers said {organisers} had joined."),
        s.pick(f"\"This is the largest march we have seen in a decade,\" said union leader {a}.",
               f"Union leader {a} called it the largest protest in years and promised another march next month."),
        s.pick(f"Police said {arrests} people were arrested after clashes near the parliament building.",
               f"Officers detained {arrests} people, police spokesman {b} said on {s.said_day}."),
        s.pick(f"The government, which says the reform will save {r.randint(2, 18)} billion euros a year, has "
               f"refused to withdraw it, minister {c} said.",
               f"Minister {c} said the plan would save {r.randint(2, 18)} billion euros by 2030 and would not be "
               f"withdrawn."),
    ]
    return head, facts


def _budget(s: _Story, r: random.Random):
    total, health, deficit = r.randint(40, 900), r.randint(3, 60), round(r.uniform(1.5, 7.5), 1)
    a, b, c = s.people[:3]
    head = s.pick(f"{s.country} unveils {total} billion budget", f"Budget raises health spending in {s.country}",
                  f"Deficit to reach {deficit}% under new {s.country} budget")
    facts = [
        s.pick(f"The government of {s.country} presented a budget of {total} billion dollars for the coming year "
               f"on {s.weekday}, Finance Minister {a} told parliament.",
               f"Finance Minister {a} presented a {total} billion dollar budget to parliament on {s.weekday}."),
        s.pick(f"Health spending will rise to {health} billion dollars, {a} said.",
               f"Of the total, {health} billion dollars will go to hospitals and clinics."),
        s.pick(f"The deficit is forecast at {deficit}% of economic output, up from {round(deficit - 0.8, 1)}% last "
               f"year, according to the finance ministry.",
               f"Economist {b} said the deficit of {deficit}% of GDP would be hard to finance."),
        s.pick(f"Opposition leader {c} said the plan would cut {_n(r, 2000, 30000, round_to=100)} public sector "
               f"jobs.",
               f"{c}, who leads the opposition, said about {_n(r, 2000, 30000, round_to=100)} civil service jobs "
               f"would go."),
    ]
    return head, facts


def _layoffs(s: _Story, r: random.Random):
    jobs, share, staff = _n(r, 300, 12000, round_to=50), r.randint(4, 25), _n(r, 8000, 90000, round_to=1000)
    company = r.choice(["Northwind Logistics", "Calder Steel", "Bluepeak Motors", "Orion Textiles", "Meridian Foods",
                        "Harlow Chemicals", "Crestline Airways", "Vantage Telecom"])
    a, b, _ = s.people[:3]
    head = s.pick(f"{company} to cut {jobs} jobs", f"{company} layoffs hit {s.place} plant",
                  f"{company} shrinks workforce by {share}%")
    facts = [
        s.pick(f"{company} will cut {jobs} jobs, about {share}% of its workforce, the company said on {s.said_day}.",
               f"The company said it would lay off {jobs} workers, roughly {share}% of its staff of {staff}."),
        s.pick(f"Chief executive {a} said the cuts would save up to {r.randint(50, 900)} million dollars a year.",
               f"The cuts are meant to save as much as {r.randint(50, 900)} million dollars annually, chief "
               f"executive {a} said."),
        s.pick(f"The plant in {s.place}, which employs {_n(r, 400, 5000, round_to=10)} people, will close by the "
               f"end of the year.",
               f"Union representative {b} said {_n(r, 400, 5000, round_to=10)} workers at the {s.place} plant "
               f"would lose their jobs."),
    ]
    return head, facts


def _outbreak(s: _Story, r: random.Random):
    cases, deaths, doses = _n(r, 120, 9000), _n(r, 2, 80), _n(r, 20000, 800000, round_to=1000)
    disease = r.choice(["measles", "cholera", "dengue", "mpox", "diphtheria"])
    a, b, _ = s.people[:3]
    head = s.pick(f"{disease.capitalize()} cases climb in {s.place}", f"{s.place} {disease} outbreak kills {deaths}",
                  f"Health officials race to contain {disease} in {s.place}")
    facts = [
        s.pick(f"Health officials in {s.place} have recorded {cases} {disease} cases since {s.weekday}, and {deaths} "
               f"people have died, the health ministry said.",
               f"The health ministry said on {s.said_day} that {cases} people had caught {disease} and {deaths} had "
               f"died."),
        s.pick(f"\"We are sending {doses} vaccine doses to the region this week,\" Health Minister {a} said.",
               f"Health Minister {a} said {doses} doses of vaccine would arrive by {s.dated(s.published)}."),
        s.pick(f"The World Health Organization said more than {r.randint(20, 95)}% of the cases were in children "
               f"under five.",
               f"Epidemiologist {b} said nearly {r.randint(20, 95)}% of those infected were children."),
    ]
    return head, facts


def _election(s: _Story, r: random.Random):
    turnout, votes, seats = round(r.uniform(38, 82), 1), _n(r, 200000, 9000000, round_to=1000), r.randint(40, 220)
    a, b, c = s.people[:3]
    head = s.pick(f"{a} claims victory in {s.country} vote", f"Turnout reaches {turnout}% in {s.country} election",
                  f"{s.country} opposition disputes count")
    facts = [
        s.pick(f"Turnout in {s.country}'s election reached {turnout}%, the electoral commission said on "
               f"{s.said_day}.",
               f"The electoral commission put turnout at {turnout}%, higher than at the last election."),
        s.pick(f"{a}'s party won {votes} votes and {seats} seats, according to preliminary results.",
               f"Preliminary results gave {a}'s party {seats} seats with {votes} votes counted."),
        s.pick(f"Opposition candidate {b} said at least {_n(r, 50, 900)} polling stations had reported "
               f"irregularities.",
               f"{b}, the main challenger, claimed irregularities at more than {_n(r, 50, 900)} polling stations."),
        s.pick(f"Observers led by {c} said the vote was largely orderly.",
               f"An observer mission headed by {c} reported no major problems."),
    ]
    return head, facts


def _wildfire(s: _Story, r: random.Random):
    hectares, evacuated, firefighters = _n(r, 2000, 90000, round_to=100), _n(r, 1000, 60000, round_to=100), \
        _n(r, 150, 3000, round_to=10)
    a, b, _ = s.people[:3]
    head = s.pick(f"Wildfire near {s.place} forces {evacuated} to flee", f"Fire burns {hectares} hectares in {s.place}",
                  f"Firefighters battle blaze outside {s.place}")
    facts = [
        s.pick(f"A wildfire has burned about {hectares} hectares near {s.place} since {s.weekday}, fire officials "
               f"said.",
               f"The fire outside {s.place} had scorched roughly {hectares} hectares by {s.said_day}, officials said."),
        s.pick(f"Authorities evacuated {evacuated} residents from {r.randint(4, 30)} villages, regional governor {a} "
               f"said.",
               f"Governor {a} said {evacuated} people had been ordered to leave their homes."),
        s.pick(f"More than {firefighters} firefighters and {r.randint(5, 40)} water-bombing aircraft were fighting "
               f"the blaze, fire chief {b} said.",
               f"Fire chief {b} said {firefighters} firefighters were on the fire lines."),
    ]
    return head, facts


def _troops(s: _Story, r: random.Random):
    troops, vehicles = _n(r, 1000, 20000, round_to=500), _n(r, 40, 600, round_to=10)
    a, b, _ = s.people[:3]
    head = s.pick(f"{troops} troops sent to {s.place}", f"Army reinforces {s.place} border",
                  f"Defence ministry confirms {s.place} deployment")
    facts = [
        s.pick(f"The defence ministry has deployed more than {troops} troops to {s.place}, Defence Minister {a} "
               f"said on {s.said_day}.",
               f"Defence Minister {a} said about {troops} soldiers had been sent to {s.place} since {s.weekday}."),
        s.pick(f"Satellite images showed at least {vehicles} armoured vehicles near the border, analyst {b} said.",
               f"Analyst {b} counted up to {vehicles} military vehicles in images taken on "
               f"{s.dated(s.event_day)}."),
        s.pick(f"A further {_n(r, 500, 8000, round_to=500)} troops are expected to arrive next month, the ministry "
               f"said.",
               f"The ministry plans to send another {_n(r, 500, 8000, round_to=500)} soldiers by the end of the "
               f"month."),
    ]
    return head, facts


def _shelling(s: _Story, r: random.Random):
    killed, wounded = _n(r, 2, 60), _n(r, 8, 200)
    a, b, _ = s.people[:3]
    head = s.pick(f"Shelling kills {killed} in {s.place}", f"Overnight strikes hit {s.place}",
                  f"{s.place} shelling leaves {wounded} wounded")
    facts = [
        s.pick(f"Shelling killed {killed} civilians and wounded {wounded} in {s.place} overnight, regional governor "
               f"{a} said on {s.said_day}.",
               f"At least {killed} people were killed and {wounded} injured when shells hit {s.place}, governor "
               f"{a} said."),
        s.pick(f"Emergency services said {r.randint(6, 90)} buildings, including {r.randint(1, 6)} schools, were "
               f"damaged.",
               f"Rescuers from the emergency service said {r.randint(6, 90)} apartment blocks were damaged, "
               f"spokesperson {b} said."),
    ]
    return head, facts


def _inflation(s: _Story, r: random.Random):
    rate, prior, policy = round(r.uniform(2.1, 14.9), 1), round(r.uniform(2.0, 12.0), 1), round(r.uniform(2, 18), 2)
    a, b, _ = s.people[:3]
    head = s.pick(f"Inflation in {s.country} hits {rate}%", f"{s.country} central bank raises rates to {policy}%",
                  f"Prices rise faster in {s.country}")
    facts = [
        s.pick(f"Consumer prices in {s.country} rose {rate}% in the year to {MONTHS[s.published.month - 1]}, the "
               f"statistics office said on {s.said_day}, up from {prior}% a month earlier.",
               f"Annual inflation in {s.country} reached {rate}%, against {prior}% the month before, official data "
               f"showed."),
        s.pick(f"The central bank raised its main interest rate to {policy}%, governor {a} said.",
               f"Governor {a} said the central bank would keep its key rate at {policy}% for now."),
        s.pick(f"Food prices climbed about {round(r.uniform(3, 25), 1)}%, economist {b} said.",
               f"Economist {b} said food prices were up nearly {round(r.uniform(3, 25), 1)}% on the year."),
    ]
    return head, facts


def _mine(s: _Story, r: random.Random):
    trapped, rescued = r.randint(8, 120), r.randint(2, 60)
    a, b, _ = s.people[:3]
    head = s.pick(f"{trapped} miners trapped near {s.place}", f"Rescuers reach miners near {s.place}",
                  f"Mine collapse near {s.place} traps {trapped}")
    facts = [
        s.pick(f"At least {trapped} miners were trapped when a tunnel collapsed near {s.place} on {s.weekday}, "
               f"mine operator spokesperson {a} said.",
               f"A tunnel collapse near {s.place} trapped {trapped} miners about {_n(r, 200, 900)} metres "
               f"underground, {a} of the operating company said."),
        s.pick(f"Rescuers had brought {rescued} miners to the surface by {s.said_day}, mines minister {b} said.",
               f"Mines minister {b} said {rescued} miners had been rescued and were in hospital."),
    ]
    return head, facts


def _strike(s: _Story, r: random.Random):
    workers, flights, share = _n(r, 2000, 120000, round_to=500), _n(r, 40, 1200, round_to=10), r.randint(20, 90)
    a, b, _ = s.people[:3]
    head = s.pick(f"Strike halts transport in {s.place}", f"{workers} workers walk out in {s.place}",
                  f"Flights cancelled as {s.place} strike spreads")
    facts = [
        s.pick(f"About {workers} transport workers walked off the job in {s.place} on {s.weekday}, the union said.",
               f"The union said {workers} workers had joined the strike in {s.place}."),
        s.pick(f"Airlines cancelled {flights} flights, the airport operator said, about {share}% of the day's "
               f"schedule.",
               f"The airport operator said {flights} flights, some {share}% of departures, were cancelled."),
        s.pick(f"Union leader {a} demanded a pay rise of {r.randint(6, 25)}%, while transport minister {b} offered "
               f"{r.randint(2, 6)}%.",
               f"Transport minister {b} said an offer of {r.randint(2, 6)}% was on the table; union leader {a} wants "
               f"{r.randint(6, 25)}%."),
    ]
    return head, facts


KINDS = [_flood, _protest, _budget, _layoffs, _outbreak, _election, _wildfire, _troops, _shelling, _inflation, _mine,
         _strike]

BACKGROUND = [  # paragraphs without figures, drawn at random between the facts
    "{p} has seen similar trouble before, and residents say little has changed since then.",
    "Local television in {c} showed long queues outside government offices on {w} as people waited for news.",
    "Critics of the government in {c} said the response had been slow and poorly organised.",
    "The situation in {p} remained tense into {w} evening, witnesses told reporters by phone.",
    "Aid groups working in {p} have called for more support, saying their teams are stretched thin.",
    "Officials in {c} promised a full inquiry once the immediate crisis has passed.",
    "Many shops in the centre of {p} stayed closed on {w}, and schools sent pupils home early.",
    "Opposition politicians in {c} demanded that ministers explain what went wrong.",
    "Residents of {p} described a chaotic few days, with roads blocked and phone lines down.",
    "Neighbouring countries offered {c} help, and a team of experts was expected later in the week.",
    "Business groups in {p} warned that the disruption would weigh on the local economy.",
    "The story is developing and this report will be updated as more details emerge.",
    "Social media users in {c} shared videos that appeared to show the scale of the damage in {p}.",
    "Independent analysts said official figures from {c} were likely to change in the coming days.",
    "{n}, a shopkeeper in {p}, said she had never seen anything like it.",
    "\"People are tired and frightened,\" said {n}, a teacher who lives near {p}.",
    "The government of {c} has faced growing pressure over its handling of public services.",
    "Weather and road conditions made it hard to reach some of the worst-hit areas around {p}.",
    "{n}, who runs a small business in {p}, said customers had stayed away since {w}.",
    "Church and mosque leaders in {p} urged calm and asked people to help their neighbours.",
    "The foreign ministry of {c} said it was in touch with embassies about citizens abroad.",
    "A spokesperson for the mayor of {p} said city services were working normally again.",
    "Trade unions in {c} said they would meet on {w} to decide their next steps.",
    "Commentators on state television in {c} played down the problems, which angered many viewers.",
    "{n}, a retired engineer in {p}, said the warnings had come too late.",
    "Hospitals in {p} said they had cancelled routine operations to free up beds.",
    "Train services between {p} and the capital of {c} were suspended for several hours on {w}.",
    "The United Nations said it was following events in {c} closely.",
]


@dataclass
class Article:
    outlet: int                     # index of the outlet that runs it
    slug: str
    headline: str
    byline: str
    published: date
    paragraphs: list[str]
    site: str = ""                  # the outlet's slug: its pages are under /<site>/
    copy_of: tuple[int, str] | None = None   # (outlet, slug) of the story it runs again

    @property
    def path_in_site(self) -> str:
        """Its address relative to the outlet's base address."""
        return f"{self.site}/{self.published.isoformat().replace('-', '/')}/{self.slug}.html"


@dataclass
class Outlet:
    index: int
    name: str
    slug: str
    atom: bool                      # an Atom feed, else RSS 2.0
    validators: bool                # answers with ETag and Last-Modified, and 304 to a conditional GET
    sources: bool                   # its RSS items name their outlet (<source>)
    articles: list[Article] = field(default_factory=list)


def _slugify(text: str) -> str:
    return "-".join("".join(ch.lower() if ch.isalnum() else " " for ch in text).split())[:60]


def _article(rng: random.Random, outlet: int, site: str, published: date, serial: int) -> Article:
    story = _Story(rng, published)
    head, facts = rng.choice(KINDS)(story, rng)
    background = rng.sample(BACKGROUND, rng.randint(3, 6))
    paras = list(facts)
    for b in background:
        paras.insert(rng.randint(1, len(paras)), b.format(p=story.place, c=story.country, n=story.people[3],
                                                           w=story.weekday))
    byline = f"By {rng.choice(FIRST)} {rng.choice(LAST)}"
    return Article(outlet, f"{_slugify(head)}-{serial}", head, byline, published, paras, site)


def _copy(rng: random.Random, original: Article, outlet: int, outlet_name: str, site: str, serial: int) -> Article:
    """Another outlet runs the story: its own headline and byline, a day later at most, a line of its own."""
    head = rng.choice(["", "UPDATE: ", "Latest: "]) + original.headline + rng.choice(["", " - report", ", officials say"])
    paras = list(original.paragraphs)
    paras.append(f"This story was first published by a partner of {outlet_name}; additional reporting by "
                 f"{rng.choice(FIRST)} {rng.choice(LAST)}.")
    return Article(outlet, f"{_slugify(head)}-{serial}", head, f"{outlet_name} wire desk",
                   original.published + timedelta(days=rng.randint(0, 1)), paras, site,
                   copy_of=(original.outlet, original.slug))


def newsroom(feeds: int = 50, articles: int = 2000, seed: int = 13, copy_share: float = COPY_SHARE) -> list[Outlet]:
    """`feeds` outlets with `articles` articles in all (spread evenly), a `copy_share` of them copies of another
    outlet's story."""
    rng = random.Random(seed)
    names: set[str] = set()
    outlets = []
    for i in range(feeds):
        name = f"The {rng.choice(OUTLET_PLACES)} {rng.choice(OUTLET_WORDS)}"
        while name in names:
            name = f"The {rng.choice(OUTLET_PLACES)} {rng.choice(OUTLET_WORDS)} {rng.choice(['Online', 'Daily', 'Weekly'])}"
        names.add(name)
        outlets.append(Outlet(i, name, _slugify(name), atom=i % 3 == 2, validators=i % 2 == 0,
                              sources=i % 5 == 1))
    quota = [articles // feeds + (1 if i < articles % feeds else 0) for i in range(feeds)]
    originals: list[Article] = []
    serial = 0
    for i, o in enumerate(outlets):
        for _ in range(quota[i]):
            serial += 1
            day = START + timedelta(days=rng.randrange(DAYS))
            others = [a for a in originals[-400:] if a.outlet != i]
            if others and rng.random() < copy_share:
                a = _copy(rng, rng.choice(others), i, o.name, o.slug, serial)
            else:
                a = _article(rng, i, o.slug, day, serial)
                originals.append(a)
            o.articles.append(a)
    for o in outlets:
        o.articles.sort(key=lambda a: a.published, reverse=True)      # newest first, as feeds list them
    return outlets


# ------------------------------------------------------------------------------------------ pages and feeds

def _nav(rng: random.Random) -> str:
    items = ["World", "Politics", "Business", "Climate", "Health", "Sport", "Culture", "Opinion", "Video"]
    return "".join(f'<li><a href="/section/{x.lower()}">{x}</a></li>' for x in rng.sample(items, 6))


def _most_read(rng: random.Random) -> str:
    lines = [f"<li><a href=\"/story/{rng.randint(1000, 99999)}\">{rng.choice(['Markets slide', 'Ten things to know', 'Storm warning', 'Cup final preview', 'Housing costs', 'Fuel prices'])} "
             f"({rng.randint(2, 900)} comments)</a></li>" for _ in range(5)]
    return "".join(lines)


def _ticker(rng: random.Random) -> str:
    return "".join(f"<span>{x} {rng.uniform(100, 40000):,.2f} {rng.choice(['+', '-'])}{rng.uniform(0, 3):.2f}%</span>"
                   for x in ("DOW", "FTSE", "NIKKEI", "DAX", "Brent"))


def page(article: Article, outlet: Outlet, url: str) -> bytes:
    """The article as its outlet's site shows it: one of four layouts (by outlet), the same words either way."""
    rng = random.Random(f"{outlet.index}/{article.slug}")
    esc = html.escape
    when = datetime(article.published.year, article.published.month, article.published.day, 9, 30,
                    tzinfo=timezone.utc).isoformat()
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": article.headline,
                     "datePublished": when, "author": [{"@type": "Person", "name": article.byline[3:]}],
                     "publisher": {"@type": "Organization", "name": outlet.name}, "url": url})
    head = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{esc(article.headline)} | '
            f'{esc(outlet.name)}</title><meta property="og:site_name" content="{esc(outlet.name)}">'
            f'<meta property="og:title" content="{esc(article.headline)}"><meta property="og:url" content="{esc(url)}">'
            f'<meta property="article:published_time" content="{when}"><link rel="canonical" href="{esc(url)}">'
            f'<script type="application/ld+json">{ld}</script><style>body{{font-family:sans-serif}}.ad{{min-height:90px}}'
            f"</style><script>window.dataLayer=[{{'pageType':'article','words':{rng.randint(300, 900)}}}];</script></head>")
    body = "".join(f"<p>{esc(p)}</p>" for p in article.paragraphs)
    layout = outlet.index % 4
    if layout == 0:
        main = (f'<header class="site-header"><a class="logo" href="/">{esc(outlet.name)}</a><nav><ul>{_nav(rng)}</ul>'
                f'</nav></header><div class="ticker">{_ticker(rng)}</div><main><article><h1>{esc(article.headline)}</h1>'
                f'<div class="byline">{esc(article.byline)} | <time datetime="{when}">{article.published:%d %B %Y}</time>'
                f'</div><div class="article-body">{body}</div></article><aside class="most-read"><h2>Most read</h2>'
                f"<ol>{_most_read(rng)}</ol></aside></main>")
    elif layout == 1:
        main = (f'<div class="cookie-banner">We use cookies. <button>Accept</button></div><div id="menu">{_nav(rng)}</div>'
                f'<div class="container"><div class="story"><h1 class="story-title">{esc(article.headline)}</h1>'
                f'<p class="story-meta">{esc(article.byline)}, {article.published:%B %d, %Y}</p>'
                f'<div class="ad ad-slot">Advertisement</div><div class="story-content">{body}</div>'
                f'<div class="share-tools">Share this story with {rng.randint(2, 90)} friends</div></div>'
                f'<div class="sidebar widget"><h3>Recommended</h3><ul>{_most_read(rng)}</ul></div></div>')
    elif layout == 2:
        main = (f'<nav class="top-nav"><ul>{_nav(rng)}</ul></nav><section class="content"><header><h1>'
                f'{esc(article.headline)}</h1><span class="author">{esc(article.byline)}</span></header>'
                f'<div itemprop="articleBody">{body}</div><div class="newsletter">Subscribe for {rng.randint(1, 9)} '
                f"dollars a month</div></section><section class=\"related\"><h2>Related</h2><ul>{_most_read(rng)}</ul>"
                f"</section>")
    else:
        main = (f'<div class="wrapper"><div class="masthead">{esc(outlet.name)}</div><div class="breadcrumb">Home &gt; '
                f'World</div><div class="post"><h1>{esc(article.headline)}</h1><div class="post-info">'
                f'{esc(article.byline)}</div><div class="post-body">{body}</div></div><div class="comments">'
                f"{rng.randint(3, 400)} comments</div></div>")
    foot = (f'<footer class="site-footer"><p>&copy; 2025 {esc(outlet.name)}. All rights reserved.</p>'
            f'<ul><li><a href="/about">About</a></li><li><a href="/contact">Contact</a></li></ul></footer></body></html>')
    return (head + "<body>" + main + foot).encode("utf-8")


def _rfc822(d: date) -> str:
    return format_datetime(datetime(d.year, d.month, d.day, 9, 30, tzinfo=timezone.utc), usegmt=True)


def feed(outlet: Outlet, base: str) -> bytes:
    """The outlet's feed of all its articles: Atom (relative links under xml:base) or RSS 2.0 (absolute links,
    <source> on the items of an outlet that names it)."""
    esc = html.escape
    if outlet.atom:
        entries = "".join(
            f"<entry><title>{esc(a.headline)}</title><id>urn:{outlet.slug}:{a.slug}</id>"
            f"<updated>{a.published.isoformat()}T09:30:00Z</updated><published>{a.published.isoformat()}T09:30:00Z"
            f'</published><link rel="alternate" href="{esc(a.path_in_site)}"/><author><name>{esc(a.byline[3:])}</name>'
            f"</author></entry>" for a in outlet.articles)
        return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="{esc(base)}/">'
                f"<title>{esc(outlet.name)}</title><id>urn:{outlet.slug}</id><updated>2025-07-01T00:00:00Z</updated>"
                f'<link rel="alternate" href="{esc(base)}/"/>{entries}</feed>').encode("utf-8")
    items = "".join(
        f"<item><title>{esc(a.headline)}</title><link>{esc(base + '/' + a.path_in_site)}</link>"
        f"<guid>{esc(base + '/' + a.path_in_site)}</guid><pubDate>{_rfc822(a.published)}</pubDate>"
        + (f'<source url="{esc(base)}/">{esc(outlet.name)}</source>' if outlet.sources else "")
        + f"<description>{esc(a.paragraphs[0][:160])}</description></item>" for a in outlet.articles)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{esc(outlet.name)}</title>'
            f"<link>{esc(base)}/</link><description>News from {esc(outlet.name)}</description>{items}</channel></rss>"
            ).encode("utf-8")
