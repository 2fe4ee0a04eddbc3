"""Which quantities are no figure claims (reading/nonfigures.py): (sentence, the quantity's words, why or None).

Every rule has cases it must leave alone: a duration that is the claimed length, a "one" that counts, a
number after a name that is no age."""
import pytest

from crosscheck.reading.figures import find_quantities
from crosscheck.reading.nonfigures import game_statistic, sports_report, why_not_a_figure
from crosscheck.reading.pipeline import extract, page_from_text

CASES = [
    # back references
    ("Its two partners signed the accord on Friday.", "two", "back reference"),
    ("Both sides agreed that two countries would host the talks.", "two", None),
    ("The four-time champion retired on Sunday.", "four", None),
    # the writer's own points
    ("\"There are two things you need to know before you retire,\" he said.", "two", "discourse"),
    ("There's at least one common strategy in nearly every story about early retirement.", "at least one", "discourse"),
    ("She said she had learned three lessons from the crash.", "three", "discourse"),
    ("The inspectors found 40 problems at the plant.", "40", None),
    ("Engineers traced the outage to two faults in the grid.", "two", None),
    # ages
    ("Police said a 34-year-old man was arrested at the scene.", "34-year-old", "age"),
    ("Marsh, 44, is charged with two counts of fraud.", "44", "age"),
    ("The court heard that Okafor, 29, had fled the country.", "29", "age"),
    ("Tickets are free for children aged 12 and younger.", "12", "age"),
    ("In Harlow, 31 homes were flooded overnight.", "31", None),
    ("The former sitcom star, 42, was voted off the show on Monday.", "42", "age"),
    ("Lockett retired in 1999 and will turn 36 in March.", "36", "age"),
    ("The coroner said the boy had been offending since he was 13.", "13", "age"),
    ("The footage showed children as young as 6, police said.", "6", "age"),
    ("The charity turned 40 homes into shelters.", "40", None),
    ("The patient, 63, died in hospital on Tuesday, police said.", "63", "age"),
    ("I'm 74 and was tempted to call the police.", "74", "age"),
    ("“I am 19, and I have never voted,” she said.", "19", "age"),
    ("Of the players, 12, including the captain, were hurt.", "12", None),
    ("“I am 3 votes short of a majority,” he said.", "3", None),
    ("The council approved 45 new homes, officials said.", "45", None),
    # 'or two' after a single thing: a vague few
    ("The decision could take a day or two, officials said.", "two", "vague"),
    ("Chances are you have an app or two to check the air quality.", "two", "vague"),
    ("Officials said one or two people were hurt.", "two", None),
    ("Police arrested a man or two women, witnesses disagreed.", "two", None),
    # time frames
    ("Nine years after the flood, the levee was finally rebuilt.", "Nine years", "time frame"),
    ("The company was founded more than three decades ago in a garage.", "more than three decades", "time frame"),
    ("Four weeks before the vote, the party changed its leader.", "Four weeks", "time frame"),
    ("The plant closed two months later.", "two months", "time frame"),
    ("Prices have risen sharply in the past three months.", "three months", "time frame"),
    ("The agency will publish its report within two weeks.", "two weeks", "time frame"),
    ("Growth will slow over the next two years, the bank said.", "two years", "time frame"),
    ("He gave a two-hour interview to state television.", "two-hour", "time frame"),
    ("The index hit a 52-week high on Tuesday.", "52-week", "time frame"),
    ("Rents rose above the prior 12-month average.", "12-month", "time frame"),
    ("A small, 3-month study found that fasting cut calorie intake.", "3-month", "time frame"),
    ("The deal ends a 20-year partnership between the league and the broadcaster.", "20-year", "time frame"),
    ("After a four-year hiatus, the band released a new album.", "four-year", "time frame"),
    ("The study followed the patients for two years, researchers said.", "two years", None),
    ("The jury deliberated for 40 minutes before convicting him.", "40 minutes", None),
    ("The siege has been underway for nearly five months.", "nearly five months", None),
    ("She was sentenced to 18 months in prison.", "18 months", None),
    ("Protesters have blocked the road over the last six days.", "six days", None),
    ("The rebels ended a 12-year insurgency in 2016.", "12-year", None),
    # the time a record is set against: "its lowest rate in nearly three decades"
    ("Chinese growth has slowed to its lowest rate in nearly three decades.", "nearly three decades", "time frame"),
    ("It is set to be the largest share sale in Hong Kong for nine years.", "nine years", "time frame"),
    ("The region suffered its worst drought in 40 years, officials said.", "40 years", "time frame"),
    ("The longest strike lasted 40 days.", "40 days", None),
    ("The band will tour together for the first time in 25 years.", "25 years", None),
    ("The biggest protest was held in May and lasted for three days.", "three days", None),
    ("The government declared three days of national mourning.", "three days", None),
    # the article's own items, in a headline or a list's introduction
    ("15 Tips to Overcome Binge Eating", "15", "own items"),
    ("Here are 15 tips to help overcome binge eating.", "15", "own items"),
    ("Seven big questions heading into the debate:", "Seven", "own items"),
    ("Five things to know about the new tax rules", "Five", "own items"),
    ("Officials gave 12 reasons for the delay.", "12", None),
    ("Seven people were killed in the blast.", "Seven", None),
    ("Ten candidates meet on the debate stage on Wednesday.", "Ten", None),
    # addresses and names with a letter in brackets
    ("Read more: https://www.example.com/news/article/Cat-found-after-going-missing-in-14848175.php", "14848175",
     "address"),
    ("You can contribute up to $19,000 to a 401(k) this year.", "401", "designation"),
    ("The charity's 501(c)(3) status was revoked.", "501", "designation"),
    ("The fund paid out 401 claims in March.", "401", None),
    # reference markers: a whole number, or a list of them, alone in brackets after a word
    ("Other studies found that water boosts metabolism (10, 11).", "10", "reference"),
    ("Other studies found that water boosts metabolism (10, 11).", "11", "reference"),
    ("The device was cleared by regulators[2] in 2019.", "2", "reference"),
    ("Two reviews reached the same conclusion (12\u201314).", "12\u201314", "reference"),
    ("The toll rose to 12 (including 4 children), police said.", "4", None),
    ("The 24 buses (12 of them electric) arrived on Monday.", "12", None),
    ("Police arrested 12 (and later released 3) protesters.", "12", None),
    # amounts without a numeral
    ("Several thousand nurses marched on parliament.", "Several thousand", "vague"),
    ("The storm left hundreds of thousands of homes without power.", "hundreds of thousands", "vague"),
    ("The deal is worth tens of millions of dollars.", "tens of millions of dollars", "vague"),
    ("About 3,000 nurses marched on parliament.", "About 3,000", None),
    # "one"
    ("She is one of the most senior officials in the party.", "one", "one"),
    ("One witness said the driver did not stop.", "One", "one"),
    ('"It was chaos," one resident told reporters.', "one", "one"),
    ("At one point the crowd pushed through the barriers.", "one point", "one"),
    ("It became the number one exporter of rice.", "one", "one"),
    ("Just one bridge remained open after the storm.", "one", None),
    ("Only one of the six reactors was running.", "one", None),
    ("She was the only one left in the village.", "one", "one"),
    ("Four people were injured, including one child.", "one", None),
    ("He faces one count of arson.", "one", None),
    ("One person was killed and four were injured in the blast.", "One", None),
    # symbols, unnamed sources, selections, labels
    ("In China the number eight is considered lucky.", "eight", "symbol"),
    ("Three people familiar with the plan said it would be announced next week.", "Three", "unnamed sources"),
    ("Two officials said the talks had stalled.", "Two", "unnamed sources"),
    ("Two officials were dismissed over the leak.", "Two", None),
    ("The talks between the world's two biggest exporters resumed.", "two", "selection"),
    ("Their two biggest exporters were fined.", "two", "back reference"),
    ('The state passed a "three strikes" law in 1994.', "three", "label"),
    ('"Two people died," the mayor said.', "Two", None),
    # two or three things named right after their number
    ("The bill won the support of two senior Republican senators: Susan Pryor and Mark Ellison.", "two",
     "enumeration"),
    ("The only two neighbours to have reopened their borders - Chad and Niger - protested.", "two", "enumeration"),
    ("Investors usually pick one of three funds: Vanguard, Fidelity, and Schwab.", "three", "enumeration"),
    ("In Europe, there will be two versions: the 50 quattro and the 55 quattro.", "two", None),
    ("Two hostages - an American and a Briton - were freed on Tuesday.", "Two", None),
    ("She performed two dances for judges Len Goodman, Bruno Tonioli and Carrie Ann Inaba.", "two", None),
    ("Subscribers end up paying three times (for the box, for the service, for each film).", "three times",
     "enumeration"),
    ("The agency also invited two smaller firms, Orbit Works and Helion Labs, to bid.", "two", "enumeration"),
    ("Two soldiers were killed: Sgt. Ana Ruiz and Cpl. Tom Lee.", "Two", None),
    ("Police arrested three men, Omar Haddad, Li Wen and Piotr Nowak, on Friday.", "three", None),
    ("Five companies were chosen: Blue Orbit, Ceres, Lumen, Tycho and Vantage.", "Five", None),
    ("The ministry said two people, a driver and a passenger, were hurt.", "two", None),
    ("Sales rose in two regions, officials said, and fell in the rest.", "two", None),
    # designations: a size glued to its unit right before a product's name, an acceleration test's range
    ("Welcome to the new 16-inch MacBook Pro.", "16-inch", "designation"),
    ("13-Inch MacBook Pro With Scissor Keyboard Expected in First Half of 2020", "13-Inch", "designation"),
    ("Apple also sells an 11-inch iPad Pro with the same chip.", "11-inch", "designation"),
    ("Police said the gunman carried a 9-mm Glock pistol.", "9-mm", "designation"),
    ("The 2018 15-inch i9 MacBook Pro was a very hot machine.", "15-inch", "designation"),
    ("It is larger than the 15-inch 2016 MacBook Pro design.", "15-inch", "designation"),
    ("The 15-inch 4K display is brighter than last year's.", "15-inch", None),
    ("The phone has a 6.1-inch display and two cameras.", "6.1-inch", None),
    ("Samsung sold 2 million 55-inch TVs last year.", "55-inch", None),
    ("The new screen is 16 inches across, Apple said.", "16 inches", None),
    ("The car goes from zero to 60 mph in five seconds.", "from zero to 60 mph", "designation"),
    ("It should do 0-62 mph in 6.6 seconds, Renault says.", "0-62 mph", "designation"),
    ("It sprints from 0 to 100 km/h in 4.1 seconds.", "from 0 to 100 km/h", "designation"),
    ("The car goes from zero to 60 mph in five seconds.", "five seconds", None),
    ("Speeds ranged from 40 to 60 mph on the bypass.", "from 40 to 60 mph", None),
    ("It has a new 2.0-liter four-cylinder engine.", "four-cylinder", "designation"),
    ("Audi revealed the e-tron as an electric 4-door coupe.", "4", "designation"),
    ("Power is sent to the rear wheels via a 10-speed automatic transmission.", "10", "designation"),
    ("The supplier sold 4,000 cylinders of gas last year.", "4,000 cylinders", None),
    # list markers
    ("2. Never urged Ukraine to investigate Joe Biden", "2", "list marker"),
    ("11. Put Plan A into action, but enjoy the present, too", "11", "list marker"),
    ("3) Keep receipts for every claim", "3", "list marker"),
    ("3 people were hurt in the crash, police said.", "3", None),
]


def _quantity(sentence, words):
    quantities = find_quantities(sentence, claims=True)      # as the pipeline reads them
    found = [q for q in quantities if sentence[q.start:q.end] == words]
    assert found, f"no quantity {words!r} in {[sentence[q.start:q.end] for q in quantities]}"
    return found[0]


@pytest.mark.parametrize("sentence, words, why", CASES, ids=[c[0][:50] for c in CASES])
def test_why_not_a_figure(sentence, words, why):
    assert why_not_a_figure(sentence, _quantity(sentence, words)) == why


def test_a_page_lists_only_the_claims_and_keeps_its_place():
    """The non-claims are dropped after scope: 'tens of thousands marched in Lisbon' still tells where the
    crowd the later estimates count was."""
    page = page_from_text("Crowds rally against rents\n"
                          "Tens of thousands of people marched through central Lisbon on Saturday.\n"
                          "Organisers said some 120,000 people took part, one of the largest protests in years.\n"
                          "Ana Costa, 34, said she had marched two years ago as well.")
    figures = extract(page)
    assert [f.text for f in figures] == ["some 120,000"]
    assert figures[0].location == "Lisbon"


def test_a_conversion_goes_with_the_number_it_converts():
    """'(97 kph)' right after a non-claim is the same number in other units: no claim either; after a claim it
    is the claim's own conversion and stays."""
    page = page_from_text("Volkswagen shows an electric SUV\n"
                          "The SUV will go from zero to 60 mph (97 kph) in five seconds, Volkswagen says.\n"
                          "Its top speed is 112 mph (180 kph), the company said.")
    assert [f.text for f in extract(page)] == ["five seconds", "112 mph", "180 kph"]


@pytest.mark.parametrize("lines, kept", [
    # a count the page gave before, named again after 'the' or 'these', refers back: no new claim
    (["NASA adds companies to lunar lander program",
      "NASA said on Monday that it had added five companies, bringing the total to 14.",
      "The 14 companies currently in the program can bid on delivery services."], ["five", "14"]),
    (["Democrats debate in Atlanta",
      "Ten candidates meet on the debate stage on Wednesday.",
      "Five of the 10 Democrats on stage will serve as jurors."], ["Ten", "Five"]),
    (["Lander bids",
      "NASA received 11 proposals for the lander.",
      "These 11 had until Nov. 1 to submit detailed plans."], ["11"]),
    # ... but not a count the page has not given, nor one said again with a qualifier of its own
    (["Lander bids",
      "NASA awarded the first three contracts in July."], ["three"]),
    (["Lander bids",
      "NASA received 11 proposals for the lander.",
      "Officials said the 11 proposals were worth about $2 billion, or more than 11 times last year's."],
     ["11", "about $2 billion", "more than 11 times"]),
])
def test_a_count_named_again_refers_back(lines, kept):
    assert [f.text for f in extract(page_from_text("\n".join(lines)))] == kept


@pytest.mark.parametrize("lines, kept", [
    # a size the page named a product by names that model again before a model noun or alone at a clause's end
    (["Apple updates laptops",
      "The entry-level 13-inch MacBook Pro was last updated in July, while higher-end 13-inch models were "
      "refreshed in May."], []),
    (["Review: Apple's new laptop",
      "Apple has unveiled its 16-inch MacBook Pro, which replaces the 15-inch MacBook Pro.",
      "We compared the 16-inch base to the previous 15-inch base and the 16-inch model won.",
      "The battery lasts one hour longer than the 15-inch."], ["one hour"]),
    # ... but a part of that size stays a figure, and a size the page never named a product by is one
    (["Review: Apple's new laptop",
      "Apple has unveiled its 16-inch MacBook Pro.",
      "It has a 16-inch display and weighs 4.3 pounds.",
      "Rivals sell 14-inch models for less."], ["16-inch", "4.3 pounds", "14-inch"]),
])
def test_a_size_that_named_a_product_names_it_again(lines, kept):
    assert [f.text for f in extract(page_from_text("\n".join(lines)))] == kept


# game statistics and results in a sports report (nonfigures.json: game_statistics): (sentence, words, a statistic?)
GAME_CASES = [
    ("Okafor finished with 27 points, 12 rebounds and 9 assists for the Hawks.", "27 points", True),
    ("Okafor finished with 27 points, 12 rebounds and 9 assists for the Hawks.", "12", True),
    ("Okafor finished with 27 points, 12 rebounds and 9 assists for the Hawks.", "9", True),
    ("Reyes scored 18 of his career-high 33 points after halftime.", "18", True),
    ("Reyes scored 18 of his career-high 33 points after halftime.", "33 points", True),
    ("Six of Reyes' assists went to the centre.", "Six", True),
    ("The Hawks scored 11 straight points to take the lead.", "11", True),
    # a number whose noun is left out, beside another number's game statistic
    ("Gallinari added 25 points, and Noel had 15.", "15", True),
    ("Reyes has five triple-doubles this month, getting four in victories.", "four", True),
    ("The Hawks scored nine straight points to cut the lead to two on free throws.", "two", True),
    ("Reyes scored 20 points before 18,000 fans, and 12 were hurt in a crush outside.", "18,000", False),
    ("Reyes scored 20 points, and 12 people were hurt in a crush outside.", "12", False),
    ("The club was fined $20,000 after the game, and Reyes had 15.", "$20,000", False),
    ("She is averaging 8.4 assists a game this season.", "8.4", True),
    ("Mendez hit a 3-pointer with 41 seconds left.", "3", True),
    ("Mendez hit a 3-pointer with 41 seconds left.", "41 seconds", True),
    ("Cole rushed for 143 yards on 22 carries.", "143 yards", True),
    ("Cole rushed for 143 yards on 22 carries.", "22", True),
    ("Park was 19-of-27 passing for two touchdowns.", "19", True),
    ("Park was 19-of-27 passing for two touchdowns.", "27", True),
    ("Park was 19-of-27 passing for two touchdowns.", "two", True),
    ("The keeper made 31 saves in the shutout.", "31", True),
    ("United have won 9 of their last 11 matches.", "9", True),
    ("United have won 9 of their last 11 matches.", "11", True),
    ("The Rangers have lost three of four on the road.", "three", True),
    ("City turned five chances into three goals and seven wins out of eight.", "eight", True),
    ("The win ended a 14-game losing streak against Leeds.", "14", True),
    ("He has scored in five consecutive games.", "five", True),
    ("Spain had won all previous 12 meetings between the sides.", "12", True),
    ("He played 14 NHL seasons before retiring.", "14", True),
    ("The Owls (5-6, 2-5) travel to Akron on Saturday.", "5-6", True),
    ("Lopez beat Ivanov 4-6, 6-3, 7-5 in the final.", "4-6", True),
    # cricket: a side's score ('3 for 89': wickets for runs), a batsman's score, a bowler's figures
    ("After resuming at 4 for 112, the visitors lost two quick wickets.", "4", True),
    ("After resuming at 4 for 112, the visitors lost two quick wickets.", "112", True),
    ("India will resume at no wicket for 54 after being set 410 to win.", "54", True),
    ("Starc took 4 for 61 and Cummins 2 for 40.", "61", True),
    ("Root was out for 47, caught at slip.", "47", True),
    ("Smith removed Williamson for 52 with a short ball.", "52", True),
    ("Warner was not out 88 at stumps.", "88", True),
    ("Labuschagne is on 34 and Head 12.", "34", True),
    # a race's distance that names its event, and a winning time
    ("Okoro won the women's 100 metres butterfly in 57.8 seconds.", "100 metres", True),
    ("Okoro won the women's 100 metres butterfly in 57.8 seconds.", "57.8 seconds", True),
    ("Halep won 6-3, 6-4 in 71 minutes.", "71 minutes", True),
    # ... but not a sports report's other claims
    ("The board will pay 4 for every 100 shares held, the club said.", "4", False),
    ("The swimmer trains 25 hours a week in Brisbane.", "25 hours", False),
    ("A crowd of 18,204 watched the game at the Fieldhouse.", "18,204", False),
    ("The league fined the club $50,000 for the brawl.", "$50,000", False),
    ("He was suspended for two games for the hit.", "two", False),
    ("Twenty teams have qualified for next summer's finals.", "Twenty", False),
    ("The club paid a reported £38 million transfer fee.", "£38 million", False),
    ("The arena was built for 3-4 years of temporary use.", "3-4 years", False),
    ("Three fans were taken to hospital after the match.", "Three", False),
]


@pytest.mark.parametrize("sentence, words, stat", GAME_CASES, ids=[f"{c[0][:40]}-{c[1]}" for c in GAME_CASES])
def test_game_statistic(sentence, words, stat):
    assert game_statistic(sentence, _quantity(sentence, words)) is stat


@pytest.mark.parametrize("url, text, sports", [
    ("https://www.example-times.com/sports/article/Nelson-lifts-Isles-14848099.php", "", True),
    ("https://www.example.com/nba/news/lakers-hold-off-thunder", "", True),
    ("https://www.cbssports.com/soccer/news/qualifying/", "", True),
    ("https://www.sportsnet.ca/tennis/davis-cup-opener/", "", True),
    ("https://www.example.com/2019/11/19/parise-scores-2-goals/",
     "Parise had 2 goals and Dubnyk made 31 saves. Spurgeon added 2 assists.", True),
    ("https://www.example.com/business/stocks-fall/", "The index fell 200 points, or 1.2%, after 3 sessions.", False),
    ("https://www.example.com/politics/vote/", "The bill passed with 52 votes to 48; the party won 3 seats.", False),
    (None, "He posted 22 rebounds and 14 assists against Denver.", True),
    (None, "Rents rose 4% and 12 homes were sold.", False),
    (None, "Lee took two wickets, and the openers hit six fours in 44 runs.", True),
    (None, "Graham won the 300 metres freestyle; Huegill took the 50 metres butterfly.", True),
    (None, "The 50 metres freestyle pool will be rebuilt for $13 million.", False),
    (None, "Seles had to fight hard, winning 6-3, 6-4 in 62 minutes.", True),
    (None, "The court ruled 5-4 on Monday, and the vote was 3-2, officials said.", False),
])
def test_sports_report(url, text, sports):
    assert sports_report(url, text) is sports


def test_a_sports_report_keeps_its_claims_and_drops_its_statistics():
    page = page_from_text("Hawks edge Bulls 101-99\n"
                          "Okafor finished with 27 points, 12 rebounds and 9 assists as the Hawks won their fourth "
                          "straight game.\n"
                          "A crowd of 18,204 watched at the Fieldhouse, where the Bulls have lost three of four.\n"
                          "The league fined the Bulls $50,000 for the brawl.",
                          url="https://www.example.com/sports/nba/hawks-bulls")
    assert [f.text for f in extract(page)] == ["18,204", "$50,000"]
    # the same sentences on a page that is no sports report keep their numbers: points may be an index's
    page = page_from_text("Markets close lower\nThe index fell 27 points, or 1.2%, as 12 stocks lost ground.",
                          url="https://www.example.com/business/markets")
    assert [f.text for f in extract(page)] == ["27 points", "1.2%", "12"]
