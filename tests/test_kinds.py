"""What kind of thing a figure counts (reading/kinds.py) and its subject, on sentences of the kind news prints."""
import pytest

from crosscheck.reading.pipeline import extract, page_from_text


def figure(lines, words):
    figures = extract(page_from_text("\n".join(["Headline", *lines])))
    found = [f for f in figures if f.text == words]
    assert found, f"no figure {words!r} among {[f.text for f in figures]}"
    return found[-1]


@pytest.mark.parametrize("sentence, words, kind", [
    # people by what happened to them: a toll, whatever its words
    ("Floods have killed 58 people in Sindh province, officials said.", "58", "killed"),
    ("The toll of 58 flood deaths in Sindh province rose on Tuesday.", "58", "killed"),
    ("Rescuers recovered 40 bodies from the rubble in Derna.", "40", "killed"),
    ("Three demonstrators were shot dead during the protests, activists said.", "Three", "killed"),
    ("The storm injured 214 people in the coastal towns.", "214", "injured"),
    ("Officials said 23 people remain missing after the landslide.", "23", "missing"),
    ("At least 300 people were evacuated from their homes near the river.", "At least 300", "displaced"),
    ("More than 2,000 residents fled the fighting in Khartoum.", "More than 2,000", "displaced"),
    ("The country has taken in more than 1.4 million Syrian refugees.", "more than 1.4 million", "displaced"),
    ("Some 135,000 people are living in 342 relief camps.", "Some 135,000", "displaced"),
    ("Police arrested 87 protesters in the capital.", "87", "arrested"),
    ("The Taliban freed three prisoners in a swap.", "three", "arrested"),
    ("The utility said 2.5 million people were without power on Monday.", "2.5 million", "affected"),
    ("The outage affected nearly 400,000 customers across the state.", "nearly 400,000", "affected"),
    # groups
    ("About 10,000 North Korean troops are in the Kursk region.", "About 10,000", "troops"),
    ("More than 15,000 people marched through the city centre on Saturday.", "More than 15,000", "protesters"),
    ("Health officials reported 481 measles cases in Texas.", "481", "cases"),
    ("The virus has infected 1,200 people since March.", "1,200", "cases"),
    ("The carmaker said it would cut 4,000 jobs in Germany.", "4,000", "jobs"),
    ("The plant employs 1,300 workers.", "1,300", "jobs"),
    ("The newspaper chain laid off more than 60 employees last week.", "more than 60", "jobs"),
    ("Some 2.1 million voters cast ballots on Sunday.", "Some 2.1 million", "voters"),
    ("About 7,000 nurses went on strike at the city's hospitals on Monday.", "About 7,000", "protesters"),
    ("About 7 million people were registered to vote in the election.", "About 7 million", "voters"),
    ("More than 12 million people have been driven from their homes since the war began.", "More than 12 million",
     "displaced"),
    ("The agency said 24.6 million people faced acute hunger.", "24.6 million", "affected"),
    ("The museum drew 1.2 million visitors last year.", "1.2 million", "people"),
    ("More than 600,000 Israelis live in settlements in the West Bank.", "More than 600,000", "people"),
    # things, and the amounts' own kinds
    ("About 1,200 homes were damaged or destroyed in the quake.", "About 1,200", "things"),
    ("The airline ordered 30 new jets on Monday.", "30", "things"),
    ("More than 40 aftershocks followed the quake.", "More than 40", "things"),
    ("The council approved a $4.2 billion budget.", "$4.2 billion", "money"),
    ("Inflation fell to 2.3% in April.", "2.3%", "percent"),
    ("The fire has burned more than 10,000 hectares.", "more than 10,000 hectares", "measure"),
    # a share written as a fraction is a percentage
    ("About half of Marin County's cell sites were out of service.", "About half", "percent"),
    ("Two-thirds of the staff quit after the merger.", "Two-thirds", "percent"),
    # people by what they do
    ("Ten candidates took the debate stage once again.", "Ten", "people"),
    ("Over 20 lawyers and investigators worked on the inquiry.", "Over 20", "people"),
    # compounds of men, women, girls, boys, children, people are people; one person is a person
    ("Around 200 firemen were able to stem the flames' spread.", "Around 200", "people"),
    ("Two schoolgirls died when a tree fell on them at a reserve.", "Two", "killed"),
    ("One person has died after the aircraft crashed near the city.", "One", "killed"),
    ("The shuttle landed with four other astronauts on board.", "four", "people"),
    # ... not a thing whose name ends so
    ("The lab kept 40 specimen jars from the site.", "40", "things"),
    # staff on strike are a crowd; staff cut are jobs
    ("About 60,000 bank staff will walk off the job this week.", "About 60,000", "protesters"),
    ("More than 2,000 employees have imposed work bans and stoppages.", "More than 2,000", "protesters"),
    ("The bank will cut 600 staff next year.", "600", "jobs"),
])
def test_count_kind(sentence, words, kind):
    assert figure([sentence], words).extra["count_kind"] == kind


@pytest.mark.parametrize("sentence, words, kind", [
    # what the rules must leave alone
    ("The port city of 1.9 million people last saw protests on this scale in 2011.", "1.9 million", "people"),
    ("The hospital diverted ambulances and transferred 31 patients to other facilities.", "31", "people"),
    ("The court will rule on two cases against the government next month.", "two", "things"),
    ("The death toll rose to 23 as rescue crews reached villages that had been cut off.", "23", "killed"),
    ("The breach covers about 87 million users whose data went to a firm hired by the campaign.",
     "about 87 million", "people"),
    ("The plant turned out 120,000 cars last year.", "120,000", "things"),
    ("The company sold half a million phones.", "half a million", "things"),
    ("Stir in 1/2 cup of sugar and ½ tsp ground cloves.", "½", "things"),
    ("Engineers brought the coefficient of drag down to 0.24 this year.", "0.24", "things"),
])
def test_count_kind_leaves_alone(sentence, words, kind):
    assert figure([sentence], words).extra["count_kind"] == kind


@pytest.mark.parametrize("lines, words, kind", [
    # a figure of a list takes its parent's status, but its own words tell what happened to it
    (["According to the agency, 486 people were injured and about 25,000 spent a second night in tents."],
     "about 25,000", "displaced"),
    (["According to the agency, 486 people were injured and about 25,000 spent a second night in tents."],
     "486", "injured"),
    # a relief camp is a thing; the people moved there are displaced
    (["More than 120,000 people had been moved to 310 relief camps across the province."], "310", "things"),
    (["More than 120,000 people had been moved to 310 relief camps across the province."],
     "More than 120,000", "displaced"),
    # the words after a part say what happened to it, not the whole's before it
    (["More than 410,000 people were affected, of whom about 96,000 remained in evacuation centres."],
     "about 96,000", "displaced"),
    (["More than 410,000 people were affected, of whom about 96,000 remained in evacuation centres."],
     "More than 410,000", "affected"),
    # killed first: the people a toll counts were protesters, but they are counted as killed
    (["At least four protesters were killed in clashes with police."], "At least four", "killed"),
])
def test_count_kind_in_context(lines, words, kind):
    assert figure(lines, words).extra["count_kind"] == kind


@pytest.mark.parametrize("sentence, words, subject", [
    ("About 10,000 North Korean troops are in the Kursk region.", "About 10,000", "North Korean"),
    ("Police arrested 87 protesters in the capital.", "87", "protesters"),
    ("More than 2,500 Afghan civilians have been killed this year.", "More than 2,500", "Afghan civilians"),
    ("Health officials reported 481 measles cases in Texas.", "481", "measles"),
    ("Floods have killed 58 people in Sindh province, officials said.", "58", None),       # the kind says it all
    ("The toll of 58 flood deaths in Sindh province rose on Tuesday.", "58", None),        # 'flood' is the event
    ("The quake injured 486 people, 61 of them critically.", "61", "critically"),         # the badly hurt
    ("About 1,200 homes were damaged or destroyed in the quake.", "About 1,200", "homes"),
    ("The outbreak has spread to 14 Texas counties.", "14", "counties"),                   # the place is the location
    ("The council approved a $4.2 billion budget.", "$4.2 billion", None),                # amounts have none
])
def test_subject(sentence, words, subject):
    assert figure([sentence], words).extra["subject"] == subject
