"""Case tables for crosscheck.reading.figures: (sentence, [(text, low, high, qualifier, trend, kind, unit), ...])."""
import time

import pytest

from crosscheck.reading.figures import find_quantities, page_uses_thousands_dot


def shape(sentence, **kw):
    return [(sentence[q.start:q.end], q.low, q.high, q.qualifier, q.trend, q.kind, q.unit)
            for q in find_quantities(sentence, **kw)]


def check(sentence, expected, **kw):
    got = shape(sentence, **kw)
    assert len(got) == len(expected), got
    for g, e in zip(got, expected):
        assert g[0] == e[0], got
        assert g[1] == pytest.approx(e[1]), got
        assert (g[2] is None) == (e[2] is None) and (e[2] is None or g[2] == pytest.approx(e[2])), got
        assert g[3:] == tuple(e[3:]), got


# -- the seed articles' figures: value, qualifier and span must come out exactly ----------------------------
SEED = [
    ("About 10,000 North Korean troops are currently in Russia",
     [("About 10,000", 10000, None, "approx", None, "count", None)]),
    ('"Approximately 10,000 North Korean troops have been dispatched to Russia," said a spokesperson.',
     [("Approximately 10,000", 10000, None, "approx", None, "count", None)]),
    ("which confirmed that more than 10,000 North Korean soldiers have moved to Kursk",
     [("more than 10,000", 10000, None, "more_than", None, "count", None)]),
    ("Up from when we spoke Thursday when we said as many as 8,000 were there.",
     [("as many as 8,000", 8000, None, "up_to", None, "count", None)]),
    ("Some 11,000 North Korean soldiers have already arrived in Kursk.",
     [("Some 11,000", 11000, None, "approx", None, "count", None)]),
    ("Pentagon says up to 12,000 North Korean troops in Russia",
     [("up to 12,000", 12000, None, "up_to", None, "count", None)]),
    ("at least 10,000 North Korean troops in Kursk", [("at least 10,000", 10000, None, "at_least", None, "count", None)]),
    ("over 10,000 North Korean troops are in Russia", [("over 10,000", 10000, None, "more_than", None, "count", None)]),
    ("approximately 12,000 soldiers from North Korea",
     [("approximately 12,000", 12000, None, "approx", None, "count", None)]),
    ("The contingent includes 500 officers and three generals.",
     [("500", 500, None, "exact", None, "count", None), ("three", 3, None, "exact", None, "count", None)]),
    ("The offensive has been underway for nearly three months.",
     [("nearly three months", 3, None, "up_to", None, "duration", "month")]),
    ("around 40 North Korean soldiers may have lost their lives",
     [("around 40", 40, None, "approx", None, "count", None)]),
    ("There are already 11.000 (North Koreans) in the Kursk region", [("11.000", 11000, None, "exact", None, "count", None)]),
    ("the number of North Korean soldiers transferred to Russia is now about 12.000, including 500 officers, "
     "three of whom are generals.",
     [("about 12.000", 12000, None, "approx", None, "count", None), ("500", 500, None, "exact", None, "count", None),
      ("three", 3, None, "exact", None, "count", None)]),
    ("there are 10.000 North Korean soldiers in the Kursk region", [("10.000", 10000, None, "exact", None, "count", None)]),
    ('The total number of North Korean troops in Russia "could be closer to 11.000-12.000," Ryder said.',
     [("closer to 11.000-12.000", 11000, 12000, "range", None, "count", None)]),
    ("where Ukrainian troops control several hundred square kilometers of Russian territory",
     [("several hundred square kilometers", 300, 900, "range", None, "measure", "km2")]),
    ("there are about 8.000 North Korean troops out of a total of 10.000 in Russia.",
     [("about 8.000", 8000, None, "approx", None, "count", None), ("10.000", 10000, None, "exact", None, "count", None)]),
    ("Pyongyang agreed to send four brigades of 12,000 soldiers",
     [("four", 4, None, "exact", None, "count", None), ("12,000", 12000, None, "exact", None, "count", None)]),
    ("Kim agreed to send '12,000 soldiers' to Russia", [("12,000", 12000, None, "exact", None, "count", None)]),
    ("six North Korean military officers were killed", [("six", 6, None, "exact", None, "count", None)]),
    ("Soldiers in Kursk increased to 11.000", [("11.000", 11000, None, "exact", "up", "count", None)]),
]

# -- number forms ---------------------------------------------------------------------------------------------
FORMS = [
    ("They sent 10 000 troops.", [("10 000", 10000, None, "exact", None, "count", None)]),
    ("They sent 10\u202f000 troops.", [("10\u202f000", 10000, None, "exact", None, "count", None)]),
    ("They sent 10\u00a0000 troops.", [("10\u00a0000", 10000, None, "exact", None, "count", None)]),
    ("They sent 12-thousand troops.", [("12-thousand", 12000, None, "exact", None, "count", None)]),
    ("NLV is counting on a veteran defense to propel the co-op to a .500 record.",
     [(".500", 0.5, None, "exact", None, "count", None)]),
    ("Core inflation rose 0.3% in June.", [("0.3%", 0.3, None, "exact", "up", "percent", "%")]),
    ("It will cost $30 billion.", [("$30 billion", 30e9, None, "exact", None, "money", "USD")]),
    ("Facebook has more than 2.2 billion users.", [("more than 2.2 billion", 2.2e9, None, "more_than", None, "count", None)]),
    ("The fund raised 1.5 trillion won.", [("1.5 trillion won", 1.5e12, None, "exact", None, "money", "KRW")]),
    ("Sales hit 2.7m units and $13.6M in revenue.",
     [("2.7m", 2.7e6, None, "exact", None, "count", None), ("$13.6M", 13.6e6, None, "exact", None, "money", "USD")]),
    ("Revenue was $1.762bn, up from 5mn euros.",
     [("$1.762bn", 1.762e9, None, "exact", None, "money", "USD"), ("5mn euros", 5e6, None, "exact", None, "money", "EUR")]),
    ("The current population is about 8 B people.", [("about 8 B", 8e9, None, "approx", None, "count", None)]),
    ("Salaries start at $50k.", [("$50k", 50000, None, "exact", None, "money", "USD")]),
    ("If you compute the amount I think thats maybe tens of millions of dollars.",
     [("tens of millions of dollars", 1e7, 1e8, "range", None, "money", "USD")]),
    ("Currently, there are twenty-eight thousand six hundred forty-two students enrolled.",
     [("twenty-eight thousand six hundred forty-two", 28642, None, "exact", None, "count", None)]),
    ("five thousand people marched", [("five thousand", 5000, None, "exact", None, "count", None)]),
    ("One and a half million people visited.", [("One and a half million", 1.5e6, None, "exact", None, "count", None)]),
    ("He bought a dozen eggs.", [("a dozen", 12, None, "exact", None, "count", None)]),
    ("A hundred people came.", [("A hundred", 100, None, "exact", None, "count", None)]),
    ("It is a million dollar house.", [("a million dollar", 1e6, None, "exact", None, "money", "USD")]),
    ("There were 4 hundred people.", [("4 hundred", 400, None, "exact", None, "count", None)]),
    ("A third of those screened were obese.", [("A third", 1 / 3, None, "exact", None, "count", None)]),
    ("One fourth of the US population is vaccinated.", [("One fourth", 0.25, None, "exact", None, "count", None)]),
    ("The recipe requires 1/2 pound of chocolate chips.", [("1/2 pound", 0.5, None, "exact", None, "measure", "pound")]),
    # a fraction written as one sign, alone or after a whole number; a whole number and a fraction after a space
    ("The drive takes 2½ hours.", [("2½ hours", 2.5, None, "exact", None, "duration", "hour")]),
    ("Add ½ cup of sugar.", [("½", 0.5, None, "exact", None, "count", None)]),
    ("The pipe is 2 ½ inches wide.", [("2 ½ inches", 2.5, None, "exact", None, "measure", "in")]),
    ("The pipe is 2 1/2 inches wide.", [("2 1/2 inches", 2.5, None, "exact", None, "measure", "in")]),
    ("The lots measure 10 and 12 acres.", [("10", 10, None, "exact", None, "count", None),
                                          ("12 acres", 12, None, "exact", None, "measure", "acre")]),
    ("One US fluid ounce is 1\u204432 of a US quart.",
     [("One", 1, None, "exact", None, "count", None), ("1\u204432", 1 / 32, None, "exact", None, "count", None)]),
    ("Revenue grew more than sixfold last year.",
     [("more than sixfold", 6, None, "more_than", "up", "other", "times")]),
    ("The Hornets total offense was minus-5 yards.", [("minus-5 yards", -5, None, "exact", None, "measure", "yard")]),
    ("He was one of the people responsible.", [("one", 1, None, "exact", None, "count", None)]),
    # a share written "N in M", "N out of M"; for plain quantities also "N of M", as NewsQuant marks it
    ("One in five adults smokes.", [("One in five", 0.2, None, "exact", None, "count", None)]),
    ("Nine out of 10 dentists agree.", [("Nine out of 10", 0.9, None, "exact", None, "count", None)]),
    ("GDP grew 2.3 percent in the quarter.", [("2.3 percent", 2.3, None, "exact", "up", "percent", "%")]),
    # a rating with a half point is a share too, its scale no count of its own
    ("The film scored 4.5 out of 5 stars.", [("4.5 out of 5", 0.9, None, "exact", None, "count", None)]),
    ("Score 3.5 out of 10", [("3.5 out of 10", 0.35, None, "exact", None, "count", None)]),
    ("About 1 in 4 adults is obese.", [("About 1 in 4", 0.25, None, "approx", None, "count", None)]),
    ("The probe is one of four mission concepts.", [("one of four", 0.25, None, "exact", None, "count", None)]),
    ("One of the victims was a child.", [("One", 1, None, "exact", None, "count", None)]),
    ("He scored 2 in 10 minutes.", [("2", 2, None, "exact", None, "count", None),
                                    ("10 minutes", 10, None, "exact", None, "duration", "minute")]),
    ("The team won 3 in 2019.", [("3", 3, None, "exact", None, "count", None)]),
    ("It has a 1-in-3 chance of success.", [("1-in-3", 1 / 3, None, "exact", None, "count", None)]),
    ("There is a one-in-five chance of rain.", [("one-in-five", 0.2, None, "exact", None, "count", None)]),
    ("The 3-in-1 charger costs $99.", [("$99", 99, None, "exact", None, "money", "USD")]),      # a kind of product
    # a fraction glued by a hyphen needs no "of"; a share of a scale word multiplies it
    ("Nearly two-thirds of voters back the plan.", [("Nearly two-thirds", 2 / 3, None, "up_to", None, "count", None)]),
    ("The bill needs a two-thirds majority.", [("two-thirds", 2 / 3, None, "exact", None, "count", None)]),
    ("About three-quarters of the ballots were counted.",
     [("About three-quarters", 0.75, None, "approx", None, "count", None)]),
    ("One-tenth of the forest burned.", [("One-tenth", 0.1, None, "exact", None, "count", None)]),
    ("The town has a quarter of a million residents.", [("a quarter of a million", 250000, None, "exact", None, "count", None)]),
    ("The fund spent three-quarters of a billion dollars.",
     [("three-quarters of a billion dollars", 7.5e8, None, "exact", None, "money", "USD")]),
    ("The flight takes two-and-a-half hours.", [("two-and-a-half hours", 2.5, None, "exact", None, "duration", "hour")]),
    ("Sales fell in three quarters of the last four.", [("three quarters", 0.75, None, "exact", None, "count", None),
                                                       ("four", 4, None, "exact", None, "count", None)]),
    ("Profits fell in three quarters last year.", [("three quarters", 3, None, "exact", None, "duration", "quarter")]),
    ("The third quarter was weak.", []),
    ("almost half of which are in California", [("almost half", 0.5, None, "up_to", None, "count", None)]),
]

# -- ranges -----------------------------------------------------------------------------------------------------
RANGES = [
    ("Estimates run at 11,000-12,000 troops.", [("11,000-12,000", 11000, 12000, "range", None, "count", None)]),
    ("Estimates run at 11 to 12,000 troops.", [("11 to 12,000", 11000, 12000, "range", None, "count", None)]),
    ("There are four to five thousand people.", [("four to five thousand", 4000, 5000, "range", None, "count", None)]),
    ("people earning between $48,000 and $90,000 a year",
     [("between $48,000 and $90,000", 48000, 90000, "range", None, "money", "USD")]),
    ("Fruit prices are expected to increase between 5% and 6%.", [("between 5% and 6%", 5, 6, "range", None, "percent", "%")]),
    ("Homes from $750,000 to $1 million stay an average of 70 days.",
     [("from $750,000 to $1 million", 750000, 1e6, "range", None, "money", "USD"),
      ("70 days", 70, None, "exact", None, "duration", "day")]),
    ("They work 40 to 50 hours a week.", [("40 to 50 hours", 40, 50, "range", None, "duration", "hour")]),
    ("growth forecast from 5 to 7 per cent", [("from 5 to 7 per cent", 5, 7, "range", None, "percent", "%")]),
    # after "by", a far larger second number is the level the change reached, not a range's end
    ("Deaths climbed by 300 to 4,500.", [("300", 300, None, "exact", "up", "count", None),
                                         ("4,500", 4500, None, "exact", None, "count", None)]),
    ("Membership fell by 12 to 88.", [("12", 12, None, "exact", "down", "count", None),
                                      ("88", 88, None, "exact", None, "count", None)]),
    ("Costs will rise by 5 to 10 percent.", [("5 to 10 percent", 5, 10, "range", "up", "percent", "%")]),
    ("It went from 0 to 62 mph in 7.2 seconds.",
     [("from 0 to 62 mph", 0, 62, "range", None, "measure", "mph"), ("7.2 seconds", 7.2, None, "exact", None, "duration", "second")]),
    ("sizes of 33-35 billion euros", [("33-35 billion euros", 33e9, 35e9, "range", None, "money", "EUR")]),
    ("The downside/upside risk is $7/$9.", [("$7/$9", 7, 9, "range", None, "money", "USD")]),
    ("unemployed for one to two years", [("one to two years", 1, 2, "range", None, "duration", "year")]),
    ("Homes cost from £200,000 up to £1m.", [("from £200,000 up to £1m", 2e5, 1e6, "range", None, "money", "GBP")]),
    ("Homes cost £200,000 up to £1m.", [("£200,000", 2e5, None, "exact", None, "money", "GBP"),
                                        ("up to £1m", 1e6, None, "up_to", None, "money", "GBP")]),
    # plain quantities: a change written "to X from Y" is one range, as "from X to Y" is (claims: two levels)
    ("Unemployment rose to 5.2% from 4.9%.", [("5.2% from 4.9%", 4.9, 5.2, "range", None, "percent", "%")]),
    ("Volume narrowed to 138,285 lots from 212,577 lots.",
     [("138,285 lots from 212,577", 138285, 212577, "range", None, "count", None)]),
    ("Sales rose to 300 units from 12 countries.", [("300", 300, None, "exact", "up", "count", None),
                                                    ("12", 12, None, "exact", None, "count", None)]),
    ("They sent 300 people to 12 camps from the border.", [("300", 300, None, "exact", None, "count", None),
                                                           ("12", 12, None, "exact", None, "count", None)]),
    # one currency sign and one scale for both ends
    ("Beijing would buy $40-50 billion of farm goods.", [("$40-50 billion", 40e9, 50e9, "range", None, "money", "USD")]),
    ("a fine of between $5 to 10 million", [("between $5 to 10 million", 5e6, 10e6, "range", None, "money", "USD")]),
    ("Rents run $900-1,200 a month.", [("$900-1,200", 900, 1200, "range", None, "money", "USD")]),
    ("a $2-3bn deal", [("$2-3bn", 2e9, 3e9, "range", None, "money", "USD")]),
]

# -- qualifiers -------------------------------------------------------------------------------------------------
QUALIFIERS = [
    ("roughly 8 billion people", [("roughly 8 billion", 8e9, None, "approx", None, "count", None)]),
    ("An estimated 5 million children", [("An estimated 5 million", 5e6, None, "approx", None, "count", None)]),
    ("upwards of 300 people", [("upwards of 300", 300, None, "more_than", None, "count", None)]),
    ("in excess of 300 people", [("in excess of 300", 300, None, "more_than", None, "count", None)]),
    ("no fewer than 300 people", [("no fewer than 300", 300, None, "at_least", None, "count", None)]),
    ("a minimum of 300 people", [("a minimum of 300", 300, None, "at_least", None, "count", None)]),
    ("just under 300 people", [("just under 300", 300, None, "up_to", None, "count", None)]),
    ("no more than 300 people", [("no more than 300", 300, None, "up_to", None, "count", None)]),
    ("almost 300 people", [("almost 300", 300, None, "up_to", None, "count", None)]),
    ("fewer than 300 people", [("fewer than 300", 300, None, "less_than", None, "count", None)]),
    ("below 300 people", [("below 300", 300, None, "less_than", None, "count", None)]),
    ("Demand for sub-300 sq m office space", [("sub-300 sq m", 300, None, "less_than", None, "measure", "m2")]),
    ("It costs about $40 million to build.", [("about $40 million", 40e6, None, "approx", None, "money", "USD")]),
    ("10,000 or more people", [("10,000 or more", 10000, None, "at_least", None, "count", None)]),
    ("Turnout was just shy of 60 percent.", [("just shy of 60 percent", 60, None, "up_to", None, "percent", "%")]),
    ("The agency was paid just short of $449,000.",
     [("just short of $449,000", 449000, None, "up_to", None, "money", "USD")]),
    ("The firm fell short of its target of 500,000 cars.", [("500,000", 500000, None, "exact", None, "count", None)]),
    ("Homes there sell for south of $300,000.", [("south of $300,000", 300000, None, "less_than", None, "money", "USD")]),
    ("Some 40-odd protesters gathered.", [("Some 40-odd", 40, None, "approx", None, "count", None)]),
    ("He did 30 odd jobs last summer.", [("30", 30, None, "exact", None, "count", None)]),
    ("The crowd numbered 5,000 or thereabouts.", [("5,000 or thereabouts", 5000, None, "approx", None, "count", None)]),
    ("Buy at $50 or higher.", [("$50 or higher", 50, None, "at_least", None, "money", "USD")]),
    ("The repairs cost in the neighbourhood of $2 million.",
     [("in the neighbourhood of $2 million", 2e6, None, "approx", None, "money", "USD")]),
    ("The count took not quite 3 hours.", [("not quite 3 hours", 3, None, "up_to", None, "duration", "hour")]),
    ("Children under the age of 5 were vaccinated.", [("under the age of 5", 5, None, "less_than", None, "count", None)]),
    ("Those over the age of 65 get the jab first.", [("over the age of 65", 65, None, "more_than", None, "count", None)]),
    ("a survey of more than 6,000 employers", [("more than 6,000", 6000, None, "more_than", None, "count", None)]),
    # headline verbs of passing a mark; "top" as a rank is no bound
    ("Cholera cases top 5,000 in Malawi", [("top 5,000", 5000, None, "more_than", None, "count", None)]),
    ("Death toll tops 100 as rescuers dig", [("tops 100", 100, None, "more_than", None, "count", None)]),
    ("Losses surpassed $2 billion last year", [("surpassed $2 billion", 2e9, None, "more_than", None, "money", "USD")]),
    ("She is among the top 10 earners.", [("10", 10, None, "exact", None, "count", None)]),
    ("the Democratic Party’s top 10 face off", [("10", 10, None, "exact", None, "count", None)]),
    ("Top 5 picks for the weekend", []),       # a title, like "Route 66"
    ("the 25- to 30-metre vessel", [("25- to 30-metre", 25, 30, "range", None, "measure", "m")]),   # suspended hyphen
    ("a 10- to 15-minute walk", [("10- to 15-minute", 10, 15, "range", None, "duration", "minute")]),
    ("a margin of error of plus or minus 3%", [("plus or minus 3%", 3, None, "up_to", None, "percent", "%")]),
    ("temperatures of minus 5 degrees", [("minus 5 degrees", -5, None, "exact", None, "measure", "degree")]),
    ("Earthquake toll passes 2,000", [("passes 2,000", 2000, None, "more_than", None, "count", None)]),
    ("The Senate passed 12 bills", [("12", 12, None, "exact", None, "count", None)]),   # a verb, no bound
    ("an ex gratia of Rs 4 lakh each", [("Rs 4 lakh", 4e5, None, "exact", None, "money", "INR")]),
    ("Nigeria budgeted N50 billion for roads.", [("N50 billion", 50e9, None, "exact", None, "money", "NGN")]),
    ("The regulator fined it R100 million.", [("R100 million", 1e8, None, "exact", None, "money", "ZAR")]),
    ("The R100 road was shut and nurses wore N95 masks.", []),
    ("Kerala sought Rs 2,000 crore in aid", [("Rs 2,000 crore", 2e10, None, "exact", None, "money", "INR")]),
]

# -- trends -----------------------------------------------------------------------------------------------------
TRENDS = [
    ("Inflation fell 0.3 percentage points to 2.1% in June.",       # a change, then a level: not a range
     [("0.3 percentage points", 0.3, None, "exact", "down", "percent", "percentage point"),
      ("2.1%", 2.1, None, "exact", None, "percent", "%")]),
    ("Healthcare dropped 1.61%, while energy fell 0.94%.",
     [("1.61%", 1.61, None, "exact", "down", "percent", "%"), ("0.94%", 0.94, None, "exact", "down", "percent", "%")]),
    ("Toronto Stock Exchange (16369.03 up 58.06 points).",
     [("16369.03", 16369.03, None, "exact", None, "count", None), ("58.06 points", 58.06, None, "exact", "up", "other", "point")]),
    ("Australias S&P/ASX 200 gained 0.7 percent to 6,327.80.",
     [("0.7 percent", 0.7, None, "exact", "up", "percent", "%"), ("6,327.80", 6327.8, None, "exact", None, "count", None)]),
    ("The TA-35 index edged down 0.03% to a close of 1,463.87 points.",
     [("0.03%", 0.03, None, "exact", "down", "percent", "%"), ("1,463.87 points", 1463.87, None, "exact", None, "other", "point")]),
    ("Shares were down 1% and Tesla jumped 8.5%.",
     [("1%", 1, None, "exact", "down", "percent", "%"), ("8.5%", 8.5, None, "exact", "up", "percent", "%")]),
    ("European automakers slid 4.8% after the downgrade.", [("4.8%", 4.8, None, "exact", "down", "percent", "%")]),
    ("The deficit increased by $43.6 billion.", [("$43.6 billion", 43.6e9, None, "exact", "up", "money", "USD")]),
    ("S&P 500 e-minis were up 0.25 points, or 0.01%.",
     [("0.25 points", 0.25, None, "exact", "up", "other", "point"), ("0.01%", 0.01, None, "exact", "up", "percent", "%")]),
    ("Heineken Malaysia rose 18 sen to RM23.50.",
     [("18 sen", 18, None, "exact", "up", "money", "sen"), ("RM23.50", 23.5, None, "exact", "up", "money", "MYR")]),
    ("Boiling down to $21.25 per square foot.", [("$21.25", 21.25, None, "exact", None, "money", "USD")]),
    ("The defense gave up 517 rushing yards.", [("517", 517, None, "exact", None, "count", None)]),
    # market verbs with up/down move a level; a count opened is no move
    ("Oil futures settled up 1.2% at $57.34 a barrel.", [("1.2%", 1.2, None, "exact", "up", "percent", "%"),
                                                         ("$57.34", 57.34, None, "exact", None, "money", "USD")]),
    ("The Dow opened down 150 points.", [("150 points", 150, None, "exact", "down", "other", "point")]),
    ("The chain opened up 200 new stores.", [("200", 200, None, "exact", None, "count", None)]),
    # a change verb, its object, "by" and the change
    ("The central bank cut rates by 25 basis points.",
     [("25 basis points", 25, None, "exact", "down", "percent", "basis point")]),
    ("The insurer raised its full-year forecast by 5%.", [("5%", 5, None, "exact", "up", "percent", "%")]),
    ("The ministry increased the number of troops by 3,000.", [("3,000", 3000, None, "exact", "up", "count", None)]),
    ("Rates were lowered by 0.5 points.", [("0.5 points", 0.5, None, "exact", "down", "other", "point")]),
    ("The startup raised $12 million from investors.", [("$12 million", 12e6, None, "exact", None, "money", "USD")]),
    ("The surge was driven by 5 factors.", [("5", 5, None, "exact", None, "count", None)]),
    ("The club was founded by 3 brothers.", [("3", 3, None, "exact", None, "count", None)]),
    ("The champions lost the final by 3 points.", [("3 points", 3, None, "exact", None, "other", "point")]),
    ("Prices rose as the chain beat forecasts by 5 cents.", [("5 cents", 5, None, "exact", None, "money", "cent")]),
]

# -- units and kinds --------------------------------------------------------------------------------------------
UNITS = [
    ("a fine of 10.5 million Australian dollars ($7.5 million)",
     [("10.5 million Australian dollars", 10.5e6, None, "exact", None, "money", "AUD"),
      ("$7.5 million", 7.5e6, None, "exact", None, "money", "USD")]),
    ("Revenue from China rose to HK $3.7 billion (US $473 million).",
     [("HK $3.7 billion", 3.7e9, None, "exact", "up", "money", "HKD"),
      ("US $473 million", 473e6, None, "exact", "up", "money", "USD")]),
    ("a net profit of Y=100 million", [("Y=100 million", 100e6, None, "exact", None, "money", "JPY")]),
    ("a sum of USD10m and EUR50m", [("USD10m", 10e6, None, "exact", None, "money", "USD"),
                                   ("EUR50m", 50e6, None, "exact", None, "money", "EUR")]),
    ("a price of €20 or £30 or ¥500", [("€20", 20, None, "exact", None, "money", "EUR"),
                                      ("£30", 30, None, "exact", None, "money", "GBP"),
                                      ("¥500", 500, None, "exact", None, "money", "JPY")]),
    ("turnover of 1.23 billion shekels", [("1.23 billion shekels", 1.23e9, None, "exact", None, "money", "ILS")]),
    ("Wuliangye rose 8.1 percent to 99.20 yuan.",
     [("8.1 percent", 8.1, None, "exact", "up", "percent", "%"), ("99.20 yuan", 99.2, None, "exact", "up", "money", "CNY")]),
    ("a 24pc discount", [("24pc", 24, None, "exact", None, "percent", "%")]),
    ("a 51 per cent stake", [("51 per cent", 51, None, "exact", None, "percent", "%")]),
    ("The highway will stretch over 2,000km.", [("over 2,000km", 2000, None, "more_than", None, "measure", "km")]),
    ("winds of 50mph", [("50mph", 50, None, "exact", None, "measure", "mph")]),
    ("It cost him 10 quid, not 50 bucks.", [("10 quid", 10, None, "exact", None, "money", "GBP"),
                                            ("50 bucks", 50, None, "exact", None, "money", "USD")]),
    ("The star is 40 light-years away.", [("40 light-years", 40, None, "exact", None, "measure", "light-year")]),
    ("The diamond weighs 20 carats.", [("20 carats", 20, None, "exact", None, "measure", "carat")]),
    # a glued "m": metres before a word of length or place, millions before other words, unread at a clause end
    ("The tower is 828m tall.", [("828m", 828, None, "exact", None, "measure", "m")]),
    ("She won the 100m sprint.", [("100m", 100, None, "exact", None, "measure", "m")]),
    ("The wreck lies in 40m of water.", [("40m", 40, None, "exact", None, "measure", "m")]),
    ("The show drew 2.7m viewers.", [("2.7m", 2.7e6, None, "exact", None, "count", None)]),
    ("The flat measures 32m2.", [("32m2", 32, None, "exact", None, "measure", "m2")]),
    ("Subscribers rose to 2.5m.", []),
    ("It ships with a Radeon Pro 5300M or 5500M.", []),
    ("the 278kg bluefin tuna", [("278kg", 278, None, "exact", None, "measure", "kg")]),
    ("BOEM identified 311 square miles", [("311 square miles", 311, None, "exact", None, "measure", "square mile")]),
    ("The iconic 3923sq m estate", [("3923sq m", 3923, None, "exact", None, "measure", "m2")]),
    ("it offers 536 hp", [("536 hp", 536, None, "exact", None, "measure", "hp")]),
    ("The base iPhone 11 has just 64GB of storage.", [("64GB", 64, None, "exact", None, "measure", "GB")]),
    ("a 6kW motor and a 5.5kWh battery", [("6kW", 6, None, "exact", None, "measure", "kW"),
                                         ("5.5kWh", 5.5, None, "exact", None, "measure", "kilowatt hour")]),
    ("a 5-mpg boost", [("5-mpg", 5, None, "exact", None, "measure", "mile per gallon")]),
    ("it orbits the sun every 33 years.", [("33 years", 33, None, "exact", None, "duration", "year")]),
    ("for 3 days and 16 hours", [("3 days", 3, None, "exact", None, "duration", "day"),
                                ("16 hours", 16, None, "exact", None, "duration", "hour")]),
    ("The magnitude 6.8 quake struck.", [("magnitude 6.8", 6.8, None, "exact", None, "measure", "magnitude")]),
    ("homes built over four years", [("four years", 4, None, "exact", None, "duration", "year")]),
    ("unemployed for over two years", [("over two years", 2, None, "more_than", None, "duration", "year")]),
    ("between 40,000 and 50,000 people", [("between 40,000 and 50,000", 40000, 50000, "range", None, "count", None)]),
    ("The 65-year-old worries", [("65-year-old", 65, None, "exact", None, "other", "year of age")]),
    ("It costs $200.", [("$200", 200, None, "exact", None, "money", "USD")]),
    # units of reviews and spec sheets
    ("a baseline of 38 dBa of ambient noise", [("38 dBa", 38, None, "exact", None, "measure", "decibel")]),
    ("you're looking at 21.7 cu.ft. in total", [("21.7 cu.ft.", 21.7, None, "exact", None, "measure", "cubic foot")]),
    ("It puts out 151 PS along with 197 Nm of torque.", [("151 PS", 151, None, "exact", None, "measure", "PS"),
                                                         ("197 Nm", 197, None, "exact", None, "measure",
                                                          "newton metre")]),
    ("powerful 10.7 teraflop hardware", [("10.7 teraflop", 10.7, None, "exact", None, "measure", "teraflop")]),
    ("a pixel density of 226ppi", [("226ppi", 226, None, "exact", None, "measure", "pixel per inch")]),
]

# -- not figures --------------------------------------------------------------------------------------------------
NOT_FIGURES = [
    "By Park Ung Posted : November 5, 2024, 11:38",
    "Monday, 06 January 2025",
    "The project was launched in 2022.",
    "since the invasion in 2022",
    "November 4, 2024",
    "8274 views 17 comment(s)",
    "4:53 PM, Fri Oct 18th, 2024",
    "The attack began on October 3.",
    "the largest deployment since World War II",
    "The Hwasong-19 missile was launched.",
    "the 11th Corps",
    "The match ended 2-2.",
    "Bristol City beat Charlton 2-1 thanks to a late winner.",
    "tied Game 7 at 89-89",
    "The 1995 proposal by Shell",
    "We hopped into a 2020 Escape hybrid Titanium.",
    "during the Euro 2020 qualifier",
    "the first company to frack for gas since 2011",
    "We did that on Aug. 14, Ford said.",
    "carried out on February 11 this year",
    "The grid frequency fell on 9 May.",
    "Published 5:55 AM EST Dec 20 2019",
    "Updated 2:55 p.m. PT: Added news.",
    "an outage that could begin as early as 9:01 p.m. Pacific time",
    "Klay Thompson's layup with 4:39 left",
    "the third quarter",
    "Lucas Mouras 96th-minute winner",
    "iPhone 11 Pro and 11 Pro Max",
    "In the S&P 500 utilities are holding up better.",
    "Markets are due a rally, the FTSE 100 in particular.",
    "The benchmark TA-35 index",
    "the Stoxx 600 index",
    "Tesla delivered Model 3s",
    "Cayman Airways grounded its 737 Max jets.",
    "a G20 summit",
    "the COVID-19 pandemic",
    "Get your kicks on Route 66.",
    "the X-Pro3 camera",
    "between A.D. 1000 and 1260",
    "Between 1600 and 1900 temperatures dropped.",
    "several hours after the statement",
    "reusing old passwords or using the same one across accounts",
    "each one they lose in the US",
    "Call 555-123-4567 for details.",
    "He was born in the 1970s.",
    "Putin and Kim signed a treaty between the two countries.",
    "a three-bed apartment",
    "the Kick Six win",
    "the sp 500 is poised to drop",
    "The figures were released on 2019-08-31.",
    "He joined the club in '19.",
    "the class of ’08",
    "He is ranked No. 1 in the world.",
    "the no. 2 seed",
    "The A-10 Warthog flew low.",
    # versions of a standard or a product
    "USB 3.2 type C ones can be had for cheaper.",
    "get a USB 3.0 dock for around",
    "The phone supports Bluetooth 5.0 and fast charging.",
]


# -- names, codes and standards beside amounts: each rule with what it must leave alone ---------------------------
DESIGNATIONS = [
    ("The console streams in 4K at 60fps.", [("60fps", 60, None, "exact", None, "measure", "fps")]),
    ("It renders at 1080p/1440p and 30 frames per second.",
     [("30 frames per second", 30, None, "exact", None, "measure", "fps")]),
    ("The 4K set now costs $4K.", [("$4K", 4000, None, "exact", None, "money", "USD")]),
    ("Bundles with the PS5 start at PS4.50 and reach PS5 million.",
     [("PS4.50", 4.5, None, "exact", None, "money", "GBP"), ("PS5 million", 5e6, None, "exact", None, "money", "GBP")]),
    ("The airline ordered 40 of the 737-8 jets and 12 A321-200s.",
     [("40", 40, None, "exact", None, "count", None), ("12", 12, None, "exact", None, "count", None)]),
    ("The House voted 312-118 to pass the bill.", []),
    ("Prices ranged 300-450 dollars.", [("300-450 dollars", 300, 450, "range", None, "money", "USD")]),
    ("It delayed its order of 777x jets but wants a 10x increase in range.",
     [("10x", 10, None, "exact", None, "other", "times")]),
    ("Photo 2 of 8", []),
    # a capital letter glued to a name's number is part of the name, not a magnitude
    ("NASA wants to fly the SLS Block 1B by 2025.", []),
    ("The Radeon 5500M chip runs hot, and Apple sold 1M laptops.",
     [("1M", 1e6, None, "exact", None, "count", None)]),
    ("The fund raised $1B from NBA 2K players.", [("$1B", 1e9, None, "exact", None, "money", "USD")]),
    ("Game 3 of the series drew 41,000 fans.", [("41,000", 41000, None, "exact", None, "count", None)]),
    ("Fighting in sector 12 displaced 900 families.", [("900", 900, None, "exact", None, "count", None)]),
    ("Parliament scrapped article 370 in 2019.", []),
    ("The report on page 5 counts 12 sites.", [("12", 12, None, "exact", None, "count", None)]),
    ("Shares of Take-Two rose after the Six-Day War film deal.", []),
    ("Four-Day Week trials began at 61 firms.",     # (a sentence's first word may be capitalised for no name)
     [("Four-Day", 4, None, "exact", None, "duration", "day"), ("61", 61, None, "exact", None, "count", None)]),
    ("He wore the No. 10 shirt and scored 2 goals.", [("2", 2, None, "exact", None, "count", None)]),
    ("She said no. 5 people died.", [("5", 5, None, "exact", None, "count", None)]),
    ("He scored '10 points' in the poll.", [("10 points", 10, None, "exact", None, "other", "point")]),
    ("A neighbour called 911.", []),
    ("Dispatchers answered 911 calls all night.", []),
    ("Police called 14 witnesses and received 300 calls.",
     [("14", 14, None, "exact", None, "count", None), ("300", 300, None, "exact", None, "count", None)]),
]


@pytest.mark.parametrize("sentence,expected", DESIGNATIONS)
def test_designations(sentence, expected):
    check(sentence, expected)


# -- amounts spelled with the words that hold their unit ----------------------------------------------------------
SPELLED = [
    ("The central bank cut its key rate by a quarter-point.",
     [("a quarter-point", 0.25, None, "exact", "down", "percent", "percentage point")]),
    ("Yields rose half a percentage point.",
     [("half a percentage point", 0.5, None, "exact", "up", "percent", "percentage point")]),
    ("She won a point against the champion.", []),
    ("The city spent nearly half a million dollars on the campaign.",
     [("nearly half a million dollars", 5e5, None, "up_to", None, "money", "USD")]),
    ("About half a dozen boats capsized.", [("About half a dozen", 6, None, "approx", None, "count", None)]),
    ("About half the boats capsized.", [("About half", 0.5, None, "approx", None, "count", None)]),
    ("The three-time champion lost.", [("three", 3, None, "exact", None, "count", None)]),
    ("Buyers pay a one-time fee under a five-year plan.", []),
]

# -- a number word glued to a unit of time before what it describes is no plain quantity (NewsQuant leaves it
#    unmarked), but claims keep it ------------------------------------------------------------------------------
TIME_ADJECTIVES = [
    ("The grant comes with a five-year $700,000 award.", ["$700,000"], ["five-year", "$700,000"]),
    ("The airline cut its three-year growth forecast.", [], ["three-year"]),
    ("He was handed a five-year prison term.", [], ["five-year"]),
    ("After a six-hour debate, the bill passed.", [], ["six-hour"]),
    ("The debate lasted six hours.", ["six hours"], ["six hours"]),
    ("The five-year-old girl was rescued.", ["five-year-old"], ["five-year-old"]),
    ("They signed a 10-year lease.", ["10-year"], ["10-year"]),
    ("It has a four-cylinder engine.", ["four-cylinder"], ["four-cylinder"]),
]


@pytest.mark.parametrize("sentence,plain,claims", TIME_ADJECTIVES)
def test_time_adjectives(sentence, plain, claims):
    assert [x[0] for x in shape(sentence)] == plain
    assert [x[0] for x in shape(sentence, claims=True)] == claims

# -- vague amounts: a plural scale on its own spans one order of magnitude, as NewsQuant marks it; read for plain
#    quantities only (no claim gives it) ------------------------------------------------------------------------
VAGUE = [
    ("Thousands of workers walked out at the plant.", [("Thousands", 1000, 10000, "range", None, "count", None)]),
    ("The airline announced thousands of job cuts.", [("thousands", 1000, 10000, "range", None, "count", None)]),
    ("Hundreds of protesters gathered outside parliament.",
     [("Hundreds", 100, 1000, "range", None, "count", None)]),
    ("The flood caused millions of dollars in damage.",
     [("millions of dollars", 1e6, 1e7, "range", None, "money", "USD")]),
    ("Dozens of homes were flattened by the tornado.", [("Dozens", 12, None, "exact", None, "count", None)]),
    ("Tens of thousands fled the fighting.", [("Tens of thousands", 1e4, 1e5, "range", None, "count", None)]),
    ("Hundreds of thousands of people lost power.", [("Hundreds of thousands", 1e5, 1e6, "range", None, "count", None)]),
    ("Several hundred homes were damaged.", [("Several hundred", 300, 900, "range", None, "count", None)]),
    ("The county hired 5 thousand extra staff.", [("5 thousand", 5000, None, "exact", None, "count", None)]),
    ("A thousand people queued for tickets.", [("A thousand", 1000, None, "exact", None, "count", None)]),
]

# -- read only for claims: amounts NewsQuant's annotators leave unmarked ------------------------------------------
CLAIM_ONLY = [
    ("The moon holds twice as much water as Earth's oceans.", [("twice", 2, None, "exact", None, "other", "times")]),
    ("Chains cut staff at about twice the rate of the industry.",
     [("about twice", 2, None, "approx", None, "other", "times")]),
    ("He wants exporters to more than triple that figure.",
     [("more than triple", 3, None, "more_than", None, "other", "times")]),
    ("Parise scored twice as the Wild beat the Sabres.", []),
    ("The pair meet twice a week.", []),
    ("Cost-cutting has gone on for more than a decade.",
     [("more than a decade", 10, None, "more_than", None, "duration", "year")]),
    ("It is their first tour in nearly a quarter century.",
     [("nearly a quarter century", 25, None, "up_to", None, "duration", "year")]),
    ("More than a year and a half into the trade war, talks resumed.",
     [("More than a year and a half", 1.5, None, "more_than", None, "duration", "year")]),
    ("A decade ago the plant employed 900 people.", [("900", 900, None, "exact", None, "count", None)]),
    ("Tickets cost $40 a month.", [("$40", 40, None, "exact", None, "money", "USD")]),
]


@pytest.mark.parametrize("sentence,expected", SPELLED)
def test_spelled(sentence, expected):
    check(sentence, expected)


@pytest.mark.parametrize("sentence,expected", VAGUE)
def test_vague_amounts(sentence, expected):
    check(sentence, expected)
    plural = expected[0][0].lower() in ("thousands", "hundreds", "millions of dollars", "dozens")
    assert bool(find_quantities(sentence, claims=True)) is not plural


@pytest.mark.parametrize("sentence,expected", CLAIM_ONLY)
def test_claim_only_amounts(sentence, expected):
    check(sentence, expected, claims=True)
    assert not [e for e in shape(sentence) if e[6] in ("times", "year")]      # not read as plain quantities


@pytest.mark.parametrize("sentence,expected", SEED)
def test_seed(sentence, expected):
    check(sentence, expected)


@pytest.mark.parametrize("sentence,expected", FORMS)
def test_forms(sentence, expected):
    check(sentence, expected)


def test_share_of_is_plain_only():
    s = "The probe is one of four mission concepts."
    assert [x[0] for x in shape(s, claims=True)] == ["one", "four"]
    assert [x[0] for x in shape("One in five adults smokes.", claims=True)] == ["One in five"]


@pytest.mark.parametrize("sentence,expected", RANGES)
def test_ranges(sentence, expected):
    check(sentence, expected)


def test_change_to_from_is_two_levels_for_claims():
    assert [x[:5] for x in shape("Unemployment rose to 5.2% from 4.9%.", claims=True)] == [
        ("5.2%", 5.2, None, "exact", "up"), ("4.9%", 4.9, None, "exact", None)]


@pytest.mark.parametrize("sentence, levels", [
    ("The toll rose from 37 to 112.", ["37", "112"]),
    ("In Cinebench R20, scores jumped as well from 2395 to 2623.", ["2395", "2623"]),
    ("The pixel density is going from 220 to 226ppi.", ["220", "226ppi"]),
    ("Tariffs were increased from 10% to 25% in May.", ["10%", "25%"]),
    # a span with no change before it stays one range
    ("Shoppers save anywhere from $200 to $500.", ["from $200 to $500"]),
    ("Homes from $750,000 to $1 million stay on the market longer.", ["from $750,000 to $1 million"]),
    ("The car goes from zero to 60 mph in five seconds.", ["from zero to 60 mph", "five seconds"]),
])
def test_change_from_to_is_two_levels_for_claims(sentence, levels):
    """Claims read a change "rose from X to Y" as the levels before and after it (as "rose to Y from X"); a
    plain reading keeps one range, as NewsQuant marks it."""
    assert [x[0] for x in shape(sentence, claims=True)] == levels
    assert [x[3] for x in shape(sentence)].count("range") == 1


@pytest.mark.parametrize("sentence,expected", QUALIFIERS)
def test_qualifiers(sentence, expected):
    check(sentence, expected)


@pytest.mark.parametrize("sentence,expected", TRENDS)
def test_trends(sentence, expected):
    check(sentence, expected)


@pytest.mark.parametrize("sentence,expected", UNITS)
def test_units(sentence, expected):
    check(sentence, expected)


@pytest.mark.parametrize("sentence", NOT_FIGURES)
def test_not_figures(sentence):
    assert shape(sentence) == []


# -- thousands dot ------------------------------------------------------------------------------------------------
DOT = [
    ("11.000 North Korean soldiers", None, 11000),
    ("11.000 North Korean soldiers", True, 11000),
    ("11.000 North Korean soldiers", False, 11.0),
    ("2.5 million people", None, 2.5e6),
    ("2.5 million people", True, 2.5e6),
    ("1.356 billion", None, 1.356e9),
    ("It weighs 1.125 kg", None, 1.125),
    ("The yield was 0.534", None, 0.534),
    ("1.000.000 people", None, 1e6),
]


@pytest.mark.parametrize("sentence,tdot,value", DOT)
def test_thousands_dot(sentence, tdot, value):
    qs = find_quantities(sentence, thousands_dot=tdot)
    assert len(qs) == 1 and qs[0].low == pytest.approx(value)


def test_malformed_dotted_number_is_not_a_figure():
    assert find_quantities("index 1.463.87 today") == []


@pytest.mark.parametrize("texts,expected", [
    (["There are already 11.000 in Kursk", "closer to 11.000-12.000", "about 8.000 troops"], True),
    (["There are already 11.000 in Kursk", "inflation of 2.5 percent"], False),
    (["About 10,000 troops", "2.5 million people"], False),
    (["1.356 billion", "no dotted thousands here"], False),
    ([], False),
])
def test_page_uses_thousands_dot(texts, expected):
    assert page_uses_thousands_dot(texts) is expected


# -- offsets ---------------------------------------------------------------------------------------------------------
def test_offsets():
    s = "Officials said as many as 10,000 troops and more than $30 billion in aid."
    q1, q2 = find_quantities(s)
    assert s[q1.start:q1.end] == "as many as 10,000" and s[q1.value_start:q1.value_end] == "10,000"
    assert s[q2.start:q2.end] == "more than $30 billion" and s[q2.value_start:q2.value_end] == "30 billion"
    assert q2.unit_end is None or q2.unit_end <= q2.end
    s = "underway for nearly three months"
    (q,) = find_quantities(s)
    assert s[q.value_start:q.value_end] == "three" and s[q.start:q.end] == "nearly three months"
    assert s[q.value_end:q.unit_end].strip() == "months"


# -- hostile input: never raises, linear time ------------------------------------------------------------------------
HOSTILE = [
    " ".join(str(i) for i in range(50000)),
    "a" * 1_000_000,
    "1" * 1_000_000,
    "1," * 300_000,
    "1.000" * 100_000,
    "1-" * 200_000,
    "twenty-" * 100_000,
    "$1m " * 100_000,
    "more than " * 50_000 + "5",
    "rose " * 100_000 + "5%",
    "(" * 100_000 + "5" + ")" * 100_000,
    "\u2009".join(["100"] * 100_000),
    "",
    "   ",
    "½ ¼ ⅓ ² ³ ٣ ३ 𝟙",
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:12]))
def test_hostile_input_returns(text):
    t0 = time.perf_counter()
    out = find_quantities(text)
    assert isinstance(out, list)
    assert time.perf_counter() - t0 < 20


def test_non_string_input():
    assert find_quantities(None) == []  # type: ignore[arg-type]


def test_number_word_prefilter_matches_as_its_plain_form():
    """figures._MAYBE_NUMBER_WORD checks "\\b" after a word's first letter (for speed): it must find what the
    plain "\\b(?:words)\\b" alternation finds, or sentences with only number words would lose their figures."""
    import random
    import re

    from crosscheck.reading import figures
    words = figures._NUMBER_WORDS | set(figures._MULTIPLICATIVE) | {"half", "several", "dozens", "nil", "tens"}
    plain = re.compile(r"\b(?:%s)\b" % "|".join(sorted(map(re.escape, words), key=len, reverse=True)))
    pieces = ["three", "xthree", "threex", "_three", "3three", "dozens", "twenty-one", "half", "él", "два", " ",
              "-", "nil", "several", "tens", "tense", "one", "none"]
    rng = random.Random(19)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert bool(figures._MAYBE_NUMBER_WORD.search(text)) == bool(plain.search(text)), text
