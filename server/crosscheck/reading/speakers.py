"""Who a statement's speaker is: its words on the page resolved to a claimant (known claimants and their aliases
from data/claimants.json; otherwise people and organisations by pattern), and the speakers that only other
statements name ("he said", "the agency said", "The report found", "It added that")."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..model import Claimant
from .context import StoryContext
from .lexicon import alternation, claimants, load_table, places
from .sentences import split_spans
from .statements import (DETERMINERS, DOCUMENT_NOUNS, SHORT_COUNTRY, Statement, capitalised_words, modifier_word,
                         words)


# ---------------------------------------------------------------- speaker resolution

def resolve_mention(st: Statement, home_country: str | None) -> None:
    mention = st.mention.strip()
    if mention.endswith(("'s", "’s", "s'", "s’")) and len(mention) > 3:
        # the owner of the words that speak: "according to NASA's calculations", "the researchers' estimate"
        mention = mention[:-2] if mention[-2] in "'’" else mention[:-1]
    records = words().records_last.search(mention)
    owner = mention[:records.start()] if records else ""
    if records and (any(w[:1].isupper() for w in owner.split()[1:]) or owner.isupper() or claimants().match(owner)):
        mention = mention[:records.start()]     # "LSEG data", "Chicago Police Department figures": who keeps them
    low = mention.lower()
    pl = places()
    wd = words()
    if low in ("he", "she", "they", "we", "i", "it"):
        st.pending = "pronoun"
        return
    owner = _PRONOUN_OWNER.match(low)
    if owner:
        # "His office said", "her spokesman said": the person the pronoun stands for speaks, through them
        st.pending, st.pronoun = "pronoun", _POSSESSIVE_PRONOUN[owner.group(1)]
        return
    if low in ("which", "who") and not mention.isupper():      # "WHO says" is the World Health Organization
        st.pending = "relative"
        return
    post = wd.postmodified.search(mention)
    if post and not _person_name(mention[:post.start()]):
        # "people familiar with the matter", "US officials briefed on the talks": the speakers as the text says
        # who they are (a named body or person before the words is that body or person: "Smith, close to")
        name = re.sub(r"^(?:(?:the|a|an|some|several|two|three|four|many)\s+)+", "", mention, flags=re.I)
        head = mention[:post.start()]
        known = claimants().match(head)
        if known is None or known[0].kind != "person":
            if name.split()[0].lower() in _COMMON_SPEAKER_NOUNS:
                name = name[:1].lower() + name[1:]       # "People familiar ..." begins a sentence
            party = pl.country_of(head) or (known[0].party if known else None)
            st.claimant = Claimant(name, mention, party, "group")
            return
    spokes = _SPOKESPERSON_FOR.match(mention)
    if spokes:
        # "a spokesperson for the Red Crescent", "an official at the health ministry": the body speaks
        probe = Statement(st.sentence, st.block, st.start, st.end, st.anchor, spokes.group(1), verb=st.verb)
        resolve_mention(probe, home_country)
        if probe.claimant is not None and probe.pending is None:
            st.claimant = Claimant(probe.claimant.name, mention, probe.claimant.party, probe.claimant.kind)
            return
    body_in = _BODY_IN_PLACE.match(mention)
    if body_in and body_in.group(1).lower() in wd.generic_bodies:
        # "the defence ministry in Moscow": that country's ministry ("Russian defence ministry"), a city's
        # police ("Derna police")
        body, place = body_in.group(1).lower(), body_in.group(2)
        entry = pl.canonical.get(place)
        country = entry[1] if entry else pl.capital_country.get(place)
        local = entry is None or not entry[2] and place not in pl.capital_country
        prefix = place if local else pl.country_demonym.get(country, country)
        st.claimant = Claimant(f"{prefix} {body}", mention, country, "organisation")
        return
    known = claimants().match(mention)
    person = _person_name(mention)
    if known and not person:
        owned = _OWNED_BODY.match(mention, mention.find(known[1]) + len(known[1]))
        if owned and capitalised_words(owned.group(1)) and claimants().match(owned.group(1)) is None:
            # "the EU's Copernicus service": the service speaks, for the EU
            k = known[0]
            st.claimant = Claimant(owned.group(1), mention, k.party or k.name, "organisation")
            return
    if known:
        k, alias = known
        st.claimant = Claimant(k.name, mention, k.party, k.kind)
        st.person = person if k.kind != "person" else k.name
        if k.kind == "person":
            st.person = k.name
        return
    bare = re.sub(r"^(?:the|a|an)\s+", "", mention, flags=re.I)
    bare = re.sub(r"^(?:senior|top|some|several|two|three|unnamed|anonymous)\s+", "", bare, flags=re.I)
    # a country, its capital or "the United States" speaking as a whole
    if bare in pl.canonical and pl.canonical[bare][2] or bare in pl.capital_country or bare in ("US", "U.S."):
        country = pl.canonical[bare][0] if bare in pl.canonical else pl.capital_country.get(bare, "United States")
        st.claimant = Claimant(country, mention, country, "country")
        st.pending = "country"
        st.country_speaks = True
        return
    country = places().country_of(mention.replace(person, " ") if person else mention)   # not "Luís Montenegro"'s
    for noun, pattern in wd.media_patterns if country else ():
        m = pattern.search(low)
        if m and m.start() and mention[m.start()].isupper():
            continue        # "the Afghan Islamic Press": an agency's name, not the country's press
        if m:
            demonym = pl.country_demonym.get(country, country)
            st.claimant = Claimant(f"{demonym} media", mention, country, "media")
            return
    tally = _DEMONYM_TALLY.match(mention)
    demonym = tally.group(1) if tally else bare
    if demonym in pl.demonym_country:
        country = pl.demonym_country[demonym]        # "according to Israeli tallies": the country counts
        st.claimant = Claimant(country, mention, country, "country")
        st.pending = "country"
        st.country_speaks = True
        return
    local = _OFFICIALS_IN.match(mention)
    place = re.sub(r"^the\s+", "", local.group(2), flags=re.I) if local else None
    if local and not person and not (place in pl.canonical and pl.canonical[place][2]):
        # "Officials in Derna said": that place's officials (a country's are named by its demonym, below)
        st.claimant = Claimant(f"{place} {local.group(1).lower()}", mention, country, "group")
        return
    m = re.search(r"\b(officials|authorities|diplomats|sources|intelligence)\b", low)
    if m and country and not person:
        short = SHORT_COUNTRY.get(country, pl.country_demonym.get(country, country))
        st.claimant = Claimant(f"{short} {m.group(1)}", mention, country, "group")
        return
    tokens = mention.split()
    capitals = [t for t in tokens if t[:1].isupper()]
    has_org_word = any(t.lower().strip(",.") in wd.org_words for t in tokens)
    if bare.lower() in wd.generic_bodies and bare[1:] == bare[1:].lower():
        capitals = []             # "Police say ...": capitalised only because it begins the sentence
    if has_org_word and capitals and not person:
        name = re.sub(r"^(?:the|a|an)\s+", "", mention, flags=re.I)
        name = wd.spokes_tail.sub("", name)
        run = _NAME_RUN.findall(name)
        if run and (not name[:1].isupper() or name.split()[0].lower() in wd.generic_bodies and len(run) > 1):
            # "Organizers with the Halden Together coalition" -> "Halden Together coalition" (also sentence-first)
            best = max(run, key=len)
            name = name[name.index(best):]
        name = re.sub(r"^[A-Z][\w-]*-based\s+", "", name)     # "Nairobi-based Mizani Research"
        trailing = re.match(r"^(%s)((?:\s+[a-z][\w-]*)+)$" % _NAME_RUN.pattern, name)
        owned = re.match(r"([A-Z][\w .-]*?)['’]s\s+([a-z][\w -]*)$", name)
        if owned and owned.group(1) in pl.canonical and pl.canonical[owned.group(1)][2]:
            # "Sudan's health ministry" -> "Sudanese health ministry", as "the Sudanese health ministry" reads
            country = pl.canonical[owned.group(1)][0]
            st.claimant = Claimant(f"{pl.country_demonym.get(country, country)} {owned.group(2)}", mention, country,
                                   "organisation")
            return
        owned_name = re.match(r"([A-Z][\w .-]*?)['’]s\s+([A-Z].*)$", name)
        if owned_name and owned_name.group(1) in pl.canonical:
            name = f"{owned_name.group(1)} {owned_name.group(2)}"   # "South Dakota's Department of Social Services"
        if trailing and all(w in wd.org_words or w in wd.generic_bodies for w in trailing.group(2).split()) and \
                trailing.group(1) not in pl.demonym_country:
            name = trailing.group(1)          # "the CGT union" -> "CGT" (but "the Jordanian government" stays)
        national = re.match(r"(?:National|State|Federal|Ministry|Interior|Foreign|Defen[cs]e)\b", name)
        party = country or (home_country if " here" in st.sentence.text[st.start:st.end] or national else None)
        known = claimants().match(f"{party} {name}") if party and not country else None
        if known and known[0].party == party:   # "the Ministry of National Defense here", datelined Seoul
            st.claimant = Claimant(known[0].name, mention, known[0].party, known[0].kind)
            return
        if national and party and not country:
            # "the National Civil Protection Agency", datelined in Kestria; "US National Institute on Drug Abuse"
            name = f"{SHORT_COUNTRY.get(party, party)} {name}"
        st.claimant = Claimant(name, mention, party, "organisation")
        return
    if person:
        st.person = person
        org = re.sub(r"\s*\b%s\b.*$" % re.escape(person.split()[0]), "", mention).strip()
        org_words = [t for t in org.split() if t.lower().rstrip(".") not in wd.titles and t.lower() not in wd.spokes]
        org_known = claimants().match(org) if org else None
        if org_known:
            k = org_known[0]
            st.claimant = Claimant(k.name, mention, k.party, k.kind)
            return
        capital_titles = [t for t in org.split() if t[:1].isupper() and t.lower().rstrip(".") in wd.titles]
        if any(t.lower().rstrip(".") in wd.speaks_for for t in org.split()) and not capital_titles:
            named = [t for t in org_words if t not in pl.demonym_country]
            while named and not named[0][:1].isupper():
                named.pop(0)
            if named:                     # "PDMA spokesman Imran Jatoi", "Fire brigade spokesman Yiannis Artopios"
                body = " ".join(named)
                generic = body.lower() in wd.generic_bodies
                st.claimant = Claimant(body.lower() if generic else body, mention, country,
                                       "group" if generic else "organisation")
                return
            st.pending = "generic"        # "agency spokesman Tomas Reval": speaks for the body just mentioned
            low_org = org.lower()
            body = _generic_pattern().search(low_org)
            heads = [t.lower() for t in org.split() if t.lower() in wd.org_words]
            st.generic_head = heads[-1] if heads else (body.group(0).split()[-1] if body else None)
            st.claimant = Claimant(body.group(0), mention, country, "group") if body else \
                Claimant(person, mention, country, "person")
            return
        if org_words and any(t[:1].isupper() for t in org_words) and any(t.lower() in wd.org_words for t in org_words):
            if any(t.lower().rstrip(".") in wd.spokes for t in org.split()):
                # a body's spokesperson speaks for it ("Police spokeswoman Sgt. Maria Lopez")
                st.claimant = Claimant(" ".join(org_words), mention, country, "organisation")
            else:
                # the head of a body speaks as themselves, for the body ("Indiana State Teachers Association
                # President Keith Gambill", "Union president Carla Reyes"), as the real-text key names them
                st.claimant = Claimant(person, mention, country or " ".join(org_words), "person")
            return
        st.claimant = Claimant(person, mention, country, "person")
        return
    # generic bodies: "a ministry spokesperson", "police", "organisers"
    m = _generic_pattern().search(low)
    owner = [t for t in mention[:m.start()].split() if t[:1].isupper() and t.lower() not in DETERMINERS and
             t not in pl.demonym_country and t not in pl.canonical and t.lower().rstrip(".") not in wd.titles] if m else []
    if m and m.group(0).split()[-1] in _NAMED_WORKS and owner and mention[:m.start()].split()[-1:] == owner[-1:]:
        # "a YouGov poll", "a Gallup survey": the named maker speaks
        st.claimant = Claimant(" ".join(owner), mention, country, "organisation")
        return
    if m:
        body = m.group(0)
        st.pending = "generic"
        st.generic_head = body.split()[-1]
        name = re.sub(r"^(?:the|a|an)\s+", "", body)
        modifiers = _modifiers_before(mention, m.start(), st.sentence.text.startswith(mention))
        st.claimant = Claimant(" ".join([*modifiers, name]), mention, country or home_country, "group")
        return
    if capitals:
        # (titles go, but a title that ends the mention is a name's last word: "the Sioux Falls Argus Leader")
        toks = re.sub(r"^(?:The|A|An)\s+", "", mention).split()
        bare = [t for i, t in enumerate(toks) if t.lower().rstrip(".") not in wd.titles or 0 < i == len(toks) - 1]
        while len(bare) > 1 and bare[0].lower() in wd.not_first_names:
            bare = bare[1:]               # "Although James said", "As Gaiman put it"
        st.claimant = Claimant(" ".join(bare) or mention, mention, country, "organisation")   # "Mr Kiprono" -> "Kiprono"
    elif st.verb == "according to":
        # "according to federal prison records": the source as written, whatever it is
        st.claimant = Claimant(re.sub(r"^(?:the|a|an)\s+", "", mention, flags=re.I), mention, country, "group")


def _modifiers_before(mention: str, end: int, starts_sentence: bool) -> list[str]:
    """The words right before a generic body in a mention that say which one it is, as the text words them:
    "federal" of "Federal prosecutors", "teachers" of "the state's teachers unions", "Washington-based",
    "PG&E" (lowercase, hyphenated or all-capital words; the mention's first word may be capitalised as the
    sentence's first; no determiner, number or possessive)."""
    out: list[str] = []
    tokens = mention[:end].split()
    for i in range(len(tokens) - 1, -1, -1):
        w = tokens[i]
        first = i == 0 and starts_sentence and w[:1].isupper() and w[1:].islower()
        if "'" in w or "’" in w or not modifier_word(w, first):
            break
        # (capitalised as the sentence's first word, unless a place's: "Flood-hit", not "Washington-based")
        out.insert(0, w.lower() if first and w.split("-")[0] not in places().canonical else w)
    return out


_COMMON_SPEAKER_NOUNS = frozenset({"people", "sources", "officials", "persons", "person"})
# a person's office or people speaking for them: "His office", "her spokeswoman", "their lawyers"
_PRONOUN_OWNER = re.compile(r"(his|her|their)\s+(?:office|spokes(?:man|woman|person)|campaign|aides?|lawyers?|"
                            r"attorneys?|team|staff|representatives?)$")
_POSSESSIVE_PRONOUN = {"his": "he", "her": "she", "their": "they"}
_BODY_IN_PLACE = re.compile(r"(?:[Tt]he\s+|[Ll]ocal\s+)?([a-z][a-z -]{2,40}?)\s+in\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})$")
_SPOKESPERSON_FOR = re.compile(r"(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:spokes(?:person|man|woman)|official|representative)"
                               r"\s+(?:for|of|at|with)\s+(?:the\s+)?([A-Z].*)$", re.I)
_OFFICIALS_IN = re.compile(r"(?:(?:the|local|senior|top)\s+)*(officials|authorities|police|rescuers|doctors|medics)\s+"
                           # "in Derna", "in the city of Derna", "in the Indian state of Manipur"
                           r"(?:in|from|at)\s+(?:the\s+(?:[\w-]+\s+){0,2}?(?:city|town|village|port|province|state|"
                           r"region|district|county|municipality)\s+of\s+)?((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2})$",
                           re.I)
_DEMONYM_TALLY = re.compile(r"(?:the\s+)?([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s+(?:tallies|tally|figures|estimates|"
                            r"data|statistics|counts|count|numbers)$")
_NAMED_WORKS = frozenset({"poll", "survey", "study", "report", "analysis", "count", "estimate", "tally", "data"})
_OWNED_BODY = re.compile(r"['’]s\s+(.*\S)")
_NAME_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of|for|and|the|de|du|on)?\s*[A-Z][\w'’.-]*)*")


@lru_cache(maxsize=None)
def _generic_pattern() -> re.Pattern:
    return alternation(words().generic_bodies)


_NAME_JOINERS = frozenset({"and", "of", "for", "the", "&", "on"})


def _person_name(mention: str) -> str | None:
    """The personal name in a mention: 'Pentagon spokesman Pat Ryder' -> 'Pat Ryder'."""
    wd = words()
    pl = places()
    tokens = mention.split()
    if tokens and "," not in mention and tokens[-1][:1].isupper() and tokens[-1].lower().rstrip(".") in wd.titles:
        return None          # a name comes after its title: "the Sioux Falls Argus Leader" is a newspaper's
    run: list[str] = []
    best: list[str] = []
    in_body = False         # inside a body's name: "Centre for Economic Policy Research", "Ministry of Health"
    before_chain = None     # best as it was before the current run of capitalised words began
    for t in tokens:
        bare = t.strip(",.")
        low = bare.lower()
        if low in wd.org_words:
            run, in_body = [], True      # "National Civil Protection Agency" names a body, not a person
            if before_chain is not None:
                best = before_chain      # "New York State Nurses Association": no "New York" in it
            continue
        if not bare[:1].isupper():
            if low not in _NAME_JOINERS:      # "National Disaster Risk Reduction and Management Council" is one name
                before_chain = None
        elif before_chain is None:
            before_chain = best
        if in_body and (low in ("of", "for", "and", "the", "on") or bare[:1].isupper()) and low.rstrip(".") not in wd.titles:
            continue      # (a title ends the body's name: "BART Police Chief Ed Alvarez")
        in_body = False
        if bare[:1].isupper() and bare.lower().rstrip(".") not in wd.titles and bare not in pl.demonym_country \
                and (run and run[-1] not in pl.name_prefixes or bare not in pl.canonical and bare not in pl.capital_country) \
                and not bare.endswith("'s") and not bare.endswith("’s") and \
                (not bare.isupper() or len(bare.rstrip(".")) == 1 and t.rstrip(",") == t and bare not in ("I", "A")):
            # ("K Rajan", "J. Smith": an initial begins or middles a name, never ends one)
            # (a place name may end a name, not begin one: "Luís Montenegro", but "Kyiv Mayor ...")
            run.append(bare)
        else:
            if len(run) >= 2:
                best = run
            run = []
    if len(run) >= 2:
        best = run
    while best and len(best[-1].rstrip(".")) == 1:
        best = best[:-1]
    while best and best[0].lower() in wd.not_first_names:
        best = best[1:]                    # "As Gaiman put it": a sentence's first word, no given name
    name = " ".join(best) if len(best) >= 2 else None
    if name is not None:
        known = claimants().match(name)
        if name.lower() in wd.org_words or known and known[1] == name and known[0].kind != "person":
            return None      # "a spokesperson for the Red Crescent": a body's name, not a person's
    return name


def _other_body(mention: str, head: str | None, prev: Statement) -> bool:
    """Whether a generic mention names another body of the same kind as the earlier speaker: both name theirs by
    a word before the head, and the words differ ('the education ministry' after 'the interior ministry'; not
    'the central bank' after 'the Bank of England', nor 'the ministry' after either)."""
    if not head:
        return False
    mine, theirs = _modifiers_of(mention, head), _modifiers_of(prev.mention, head)
    return bool(mine) and bool(theirs) and not mine & theirs


_NOT_MODIFIERS = frozenset("one two three four five six seven eight nine ten another other new same".split())


def _modifiers_of(mention: str, head: str) -> set[str]:
    words_ = mention.lower().split()
    if head not in words_:
        return set()
    # (by their first five letters: 'statistics office' after 'Federal Statistical Office' is the same)
    return {w[:5] for w in words_[:words_.index(head)]
            if w.isalpha() and w not in DETERMINERS and w not in _NOT_MODIFIERS}


def _body_in_sentence(st: Statement) -> str | None:
    """A named organisation in the statement's own sentence, outside its claim."""
    m = words().named_body.search(st.sentence.text)
    return re.sub(r"^(?:At|In|The|From)\s+", "", m.group(1)) if m else None


NEAR = 40   # statements looked at around one: enough for any article, bounded on hostile pages


_SPEAKS_FOR = re.compile(
    r"^\s*,\s*(?:a|an|the)?\s*(?:deputy\s+|senior\s+|chief\s+)?(?:spokes\w+|representative|official|director|head|chief)"
    r"\s+(?:for|of|at|with)\s+(?:the\s+)?((?:[A-Z][\w'’&.-]*|of|and|for|the)(?:\s+(?:[A-Z][\w'’&.-]*|of|and|for|the))*)")


def speaks_for(st: "Statement") -> None:
    """"said Wanjiru Mwangi, a spokeswoman for the National Treasury": the claim is the body's."""
    if st.claimant is None or st.claimant.kind != "person":
        return
    text = st.sentence.text
    m = _SPEAKS_FOR.match(text[st.end:] if st.end <= len(text) else "")
    if not m:
        # "Imran Jatoi, spokesman for the PDMA, said": the apposition sits between name and verb
        name_at = text.find(st.mention)
        m = _SPEAKS_FOR.match(text[name_at + len(st.mention):]) if name_at >= 0 else None
    if not m:
        return
    body = re.sub(r"(?:\s+(?:of|and|for|the))+$", "", m.group(1)).strip()
    if not any(w[:1].isupper() for w in body.split()):
        return      # "a spokeswoman for the regional government": no body named, the person speaks
    if body.endswith(".") and not re.search(r"\b(?:Inc|Corp|Co|Ltd|Bros|St)\.$", body):
        body = body[:-1]                 # (the sentence's full stop)
    if body.endswith(("'s", "’s")):
        # "head of Ukraine's military intelligence agency HUR": the body is the whole apposition, if known
        rest = re.match(r"[^,;:\"“”()]*", m.string[m.start(1):])
        known = claimants().match(rest.group(0)) if rest else None
        if known:
            st.claimant = Claimant(known[0].name, st.mention, known[0].party, known[0].kind)
        return
    if not body:
        return
    known = claimants().match(body)
    if known:
        st.claimant = Claimant(known[0].name, st.mention, known[0].party, known[0].kind)
    else:
        st.claimant = Claimant(body, st.mention, st.claimant.party, "organisation")


def scope_generic_bodies(statements: list["Statement"], story: StoryContext) -> None:
    """A body named without its place ("the interior ministry", "police") takes the page's place."""
    if not any(st.claimant is not None and st.claimant.kind == "group" for st in statements):
        return          # (the page's places are looked up only when a body needs them)
    scope = load_table("attribution.json")["body_scope"]
    country = story.home_country
    demonym = places().country_demonym.get(country) if country else None
    city = story.dateline.city if story.dateline else None
    pl = places()
    regions = Counter(p.name for p in story.places if not p.is_country and p.country == country
                      and p.name not in pl.cities and p.name not in pl.capitals)
    region = re.sub(r"\s+(?:province|region|state|oblast)$", "", regions.most_common(1)[0][0]) if regions else None
    for st in statements:
        c = st.claimant
        if c is None or c.kind != "group":
            continue
        name = c.name.lower()
        # (a body whose side is known is that side's: "citing military intelligence" in a Ukrainian report)
        own = pl.country_demonym.get(c.party) if c.party and c.party != country else None
        prefix = city if name in scope["local"] and not own else region if name in scope["regional"] and not own \
            else (own or demonym) if name in scope["national"] else None
        if prefix:
            scoped = f"{prefix} {name}"
            known = claimants().match(scoped)      # "Palestinian health ministry" is the Gaza Health Ministry
            if known and known[1].lower() == scoped.lower():
                st.claimant = Claimant(known[0].name, c.mention, known[0].party, known[0].kind)
            else:
                st.claimant = Claimant(scoped, c.mention, c.party or country, "organisation")


# "Diane Okafor", "Pat J. Ryder" ("[A-Z](?<!\w.)" is "\b[A-Z]", faster: see named_body)
# ("McKinley", "DeSantis": a capital inside a name's word)
FULL_NAME = re.compile(r"([A-Z](?<!\w.)[a-z]+(?:[^\S\n]+[A-Z]\.)?(?:[^\S\n]+[A-Z][a-z'’-]+(?:[A-Z][a-z'’-]+)?){1,4})\b")


def _no_persons_word(word: str, wd, pl) -> bool:
    """A word no person's name holds: a title, an organisation's word, a place, a demonym or a capital."""
    return word.lower().rstrip(".") in wd.titles or word.lower() in wd.org_words or word in pl.canonical or \
        word in pl.demonym_country or word in pl.capital_country


class PageEntities:
    """People and bodies named on the page, for later short mentions: "Okafor" is "Diane Okafor",
    "the union" is "the Port Halden Municipal Workers Union"."""

    LIMIT = 2000

    def __init__(self, text: str):
        self.text = text
        self._surnames = self._bodies = None
        self._people = None          # a pattern of the page's people's names, built on first use

    @property
    def surnames(self) -> dict:
        if self._surnames is None:
            self._index()
        return self._surnames

    @property
    def bodies(self) -> dict:
        if self._bodies is None:
            self._index()
        return self._bodies

    def _index(self) -> None:
        """Built on first use: most pages never need it."""
        text = self.text
        wd = words()
        pl = places()
        self._surnames: dict[str, set] = {}
        self._bodies: dict[str, list] = {}
        for i, m in enumerate(wd.named_body_of.finditer(text)):
            if i > self.LIMIT:
                break
            name = re.sub(r"^(?:The|A|An|At|In|From|By)\s+", "", m.group(1))
            self._bodies.setdefault(name.split()[-1].lower(), []).append((m.start(), name))
        for i, m in enumerate(FULL_NAME.finditer(text)):
            if i > self.LIMIT:
                break
            if text[max(0, m.start() - 4):m.start()].lower() == "the ":
                continue         # "the White House": a place or a body, not a person
            toks = m.group(1).split()
            # the name after a title and what the title is of: "Mayor Diane Okafor", "Emirates President Tim
            # Clark", "New York Mayor Eric Adams"; "Although James" -> "James"
            last_title = max((j for j, t in enumerate(toks) if t.lower().rstrip(".") in wd.titles), default=-1)
            toks = toks[last_title + 1:]
            while toks and toks[0].lower() in wd.not_first_names:
                toks = toks[1:]
            if len(toks) < 2:
                continue
            name = " ".join(toks)
            if any(_no_persons_word(t, wd, pl) for t in toks):
                continue
            self._surnames.setdefault(toks[-1], set()).add(name)
        # a person the page names only by title and surname ("Mr. Trump", "President Xi", "Gov. Holcomb") goes by
        # the surname: 'he said' may stand for them, and a mention of the surname is a person's
        for i, m in enumerate(wd.titled_name.finditer(text)):
            if i > self.LIMIT:
                break
            word = m.group(1)
            if word in self._surnames or _no_persons_word(word, wd, pl) or \
                    word.lower() in wd.company_name_words or word.lower() in wd.not_first_names:
                continue
            self._surnames[word] = {word}

    def complete(self, st: "Statement") -> None:
        c = st.claimant
        if c is not None and c.kind == "person" and c.party and c.party.lower() in words().org_words:
            # "Union president Carla Reyes": of the union the page named before
            named = self.body_before(c.party.lower(), st.page_start)
            if named:
                st.claimant = c = Claimant(c.name, c.mention, named, c.kind)
        if c is not None and c.kind == "person" and c.name.count(" ") == 1:
            # "Hawk Sawyer" after "Kathleen Hawk Sawyer": a two-word short name, when one full name of three words
            # ends in it (not "Public Prosecution Eva-Marie Persson", a title's words run into a name)
            longer = [n for n in self.surnames.get(c.name.rpartition(" ")[2], ())
                      if n.endswith(" " + c.name) and n.count(" ") == 2]     # (one given name more)
            if len(longer) == 1:
                st.claimant = Claimant(longer[0], st.mention, c.party, "person")
                st.person = longer[0]
            return
        if c is None or " " in c.name or c.kind not in ("organisation", "person"):
            return
        if claimants().match(c.name) is not None:
            return
        if c.name.lower() in words().org_words:     # "Union president Carla Reyes": which union
            named = self.body_before(c.name.lower(), st.page_start)
            if named:
                st.claimant = Claimant(named, st.mention, c.party, "organisation")
            return
        full = self.surnames.get(c.name)
        if full and len(full) == 1:
            name = next(iter(full))
            st.claimant = Claimant(name, st.mention, c.party, "person")
            st.person = name
        elif c.kind == "organisation":
            longer = self.body_named_in_full(c.name, st.page_start)
            if longer:
                st.claimant = Claimant(longer, st.mention, c.party, "organisation")

    def person_before(self, pos: int, window: int = 400) -> str | None:
        """The person named last in the `window` characters before `pos`, by the full name the page gives
        ("Mr. Trump" after "Donald Trump"); None when none is, or a surname stands for two full names."""
        if self._people is None:
            names = {n for full in self.surnames.values() for n in full} | set(self.surnames)
            self._people = re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % "|".join(
                map(re.escape, sorted(names, key=len, reverse=True)))) if names else False
        if not self._people:
            return None
        last = None
        for last in self._people.finditer(self.text, max(0, pos - window), pos):
            pass
        if last is None:
            return None
        name = last.group(0)
        if " " in name:
            # (a person's name has two or three words: "Trade War Keeps World Guessing" is a headline's)
            return name if name.count(" ") <= 2 else None
        full = self.surnames.get(name, ())
        return next(iter(full)) if len(full) == 1 else None

    def body_named_in_full(self, word: str, pos: int) -> str | None:
        """The full name a body's one-word short name stands for: the one capitalised name of two to four words
        that begins with it before `pos` and ends as a body's name does ("Alden" after "Alden Global Capital";
        attribution.json body_name_ends); None when the page gives two ("Alden Capital", "Alden Group")."""
        found = set()
        for i, m in enumerate(re.finditer(r"(?<![\w-])%s((?:[^\S\n]+[A-Z][\w&'’-]*){1,3})(?![\w-])"
                                          % re.escape(word), self.text[:pos])):
            if i > 50:
                break
            found.add(word + m.group(1))
            if len(found) > 1:
                return None
        if not found:
            return None
        name = found.pop()
        return name if name.rsplit(None, 1)[-1].lower() in words().body_name_ends else None

    def surname_of_a_person(self, word: str) -> bool:
        """Whether the page names a person whose name ends in `word` ('Clark' of 'Tim Clark'; not 'Emirates' of
        'United Arab Emirates', a place)."""
        canonical = places().canonical
        return any(full not in canonical for full in self.surnames.get(word, ()))

    def subject_before(self, st: "Statement") -> str | None:
        """The company that the statement's sentence, or one of the two sentences before it in its paragraph or
        the one before, begins with."""
        before = self.text[max(0, st.page_start - 600):st.page_start - st.start]
        sentences = [part[a:b] for part in before.split("\n") for a, b in split_spans(part)][-2:]
        wd = words()
        bodies = wd.org_words | wd.company_name_words | wd.body_name_ends
        for text in [st.sentence.text, *reversed(sentences)]:
            name = _sentence_subject(_OPENING_PHRASE.sub("", text.strip()), self.text)
            if name:
                # one word that is no one's surname on the page ('Boeing'), or a name that ends as a body's does
                # ('Emirates Airline'): a person ('Tim Clark told reporters ... It announced') is no 'it'
                last = name.split()[-1].lower()
                if " " in name and (last in bodies or last + "s" in bodies) or \
                        " " not in name and not self.surname_of_a_person(name):   # (not 'Clark in October ...')
                    return name
        return None

    def body_before(self, head: str, pos: int) -> str | None:
        best = None
        for start, name in self.bodies.get(head, []):
            if start < pos:
                best = name
        return best

    def company_before(self, pos: int) -> str | None:
        """The last company named before `pos`: a body whose name ends in a company word ("... Telecom")."""
        best = None
        for head in words().company_name_words:
            for start, name in self.bodies.get(head, []):
                if start < pos and (best is None or start > best[0]):
                    best = (start, name)
        return best[1] if best else None


# a short phrase of time or manner before a sentence's subject: "As of October, Emirates had ..."
_OPENING_PHRASE = re.compile(r"^(?:As|On|In|At|By|Since|After|Before|During|Until|Earlier|Later|Last|This|Meanwhile|"
                             r"Separately|However|Still|Also)\b[^,.;:]{0,40},\s+")
_SUBJECT_NAME = re.compile(r"(?:[A-Z][A-Za-z]*[^\S\n]+\([^)]{1,30}\)[^\S\n]+)?(?:The[^\S\n]+)?"
                           r"((?:[A-Z][\w&.'’-]{0,30}[^\S\n]+){0,3}[A-Z][\w&.'’-]{0,30})(?=[^\S\n]+[a-z]|,)")


def _subject_company(statements: list[Statement], i: int, page_text: str = "") -> str | None:
    """The name a sentence begins with, in the statement's sentence or the two before it: a company a later
    'the company said' speaks for. Not a place, a title or a word that merely begins a sentence (one word the
    page also writes in lowercase: "Hackers stole ..." beside "says hackers stole")."""
    st = statements[i]
    seen = [st.sentence]
    for prev in reversed(statements[max(0, i - 6):i]):
        if prev.sentence not in seen:
            seen.append(prev.sentence)
    # "across Facebook's platforms, according to the company": a company the sentence names as an owner
    for m in _OWNER_NAME.finditer(st.sentence.text, 0, st.start):
        if _company_name(m.group(1), page_text):
            return m.group(1)
    for sentence in seen[:3]:
        name = _sentence_subject(sentence.text, page_text)
        if name:
            return name
    return None


def _company_name(name: str, page_text: str) -> bool:
    """Whether a name that begins a sentence may be a company's: not a place, a title or a word that merely
    begins a sentence."""
    wd, pl = words(), places()
    toks = name.split()
    return not (toks[0].lower() in wd.not_first_names or toks[0].lower() in DETERMINERS or
                len(toks) == 1 and toks[0].endswith("ing") or       # "Shelling by the RSF killed ..."
                any(t.lower().rstrip(".") in wd.titles for t in toks) or name in pl.canonical or
                name in pl.demonym_country or name.lower() in wd.generic_bodies or
                len(toks) == 1 and _written_lowercase(name, page_text))


def _sentence_subject(text: str, page_text: str) -> str | None:
    """The company a sentence begins with ("Emirates Airline finalized a deal ..."), or None."""
    text = _LEAD_IN.sub("", _DATELINE_HEAD.sub("", text))      # "At the SNCF, ..."
    m = _SUBJECT_NAME.match(text)
    if m and _company_name(m.group(1), page_text) and not words().company_noun_next.match(text, m.end(1)):
        return m.group(1)
    return None


# a name that only describes the generic noun after it: "Telecom operator says", "Tech giant cuts"

def _written_lowercase(word: str, text: str) -> bool:
    """Whether the page writes this capitalised word in lowercase too: then it is a common word."""
    low = word.lower()
    return low != word and re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(low), text) is not None


_OWNER_NAME = re.compile(r"\b((?:[A-Z][\w&.-]{0,30}[^\S\n]+){0,2}[A-Z][\w&.-]{0,30})['’]s\b")
_LEAD_IN = re.compile(r"^(?:At|In|For|From|Inside)\s+(?:the\s+)?(?=[A-Z])")


_DATELINE_HEAD = re.compile(r"^[A-Z][A-Z .,'-]{2,40}(?:\([^)]{1,30}\))?\s*(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2}\s*)?"
                            r"(?:\([^)]{1,30}\)\s*)?[-–—:]\s*")


# (words bounded in length: a hostile page's 30,000-letter word must not make this quadratic)
_DEFINED_ACRONYM = re.compile(r"\b((?:[A-Z][\w'’-]{0,30}[^\S\n]+(?:(?:of|for|and|the|on)[^\S\n]+){0,2}){1,6}"
                              r"[A-Z][\w'’-]{0,30})"
                              r"[^\S\n]*\(([A-Z][A-Z&.-]{1,9})\)")


_ACRONYM_IN_BRACKETS = re.compile(r"\(([A-Z][A-Z&.-]{1,9})\)")


def acronyms_as_named(statements: list[Statement], text: str) -> None:
    """'the National Electoral Institute (INE)' ... 'the INE said': one claimant, named as the page first named
    it, so the same body is not two claimants on one page."""
    defined = {}
    for i, paren in enumerate(_ACRONYM_IN_BRACKETS.finditer(text)):    # few pages define one: look only there
        if i > 200:
            break
        m = _DEFINED_ACRONYM.search(text, max(0, paren.start() - 150), paren.end())
        while m and m.end() != paren.end():       # an earlier "(ABC)" in the window: look past it
            m = _DEFINED_ACRONYM.search(text, m.start() + 1, paren.end())
        if m:
            defined.setdefault(m.group(2), m.group(1))
    if not defined:
        return
    named = {}
    for st in statements:
        if st.claimant is not None:
            for acronym, full in defined.items():
                # (the name's last two words: the pattern may have taken words before it, "In Mexico the ...")
                if acronym not in named and st.claimant.name != acronym and \
                        " ".join(full.split()[-2:]) in st.mention:
                    named[acronym] = st.claimant
    for st in statements:
        c = st.claimant
        if c is not None and c.name in named and named[c.name].name != c.name:
            full = named[c.name]
            st.claimant = Claimant(full.name, st.mention, full.party, full.kind)


def _documents_by_author(statements: list[Statement], text: str) -> None:
    """"The report found ...": the author of the last report the page names before it ("a new report by the World
    Health Organization", "the World Bank's study", "Gallup published a poll"), when the page names one."""
    for st in statements:
        doc = _THE_DOCUMENT.fullmatch(st.mention.strip())
        if doc is None or not doc.group(0)[:1].isalpha() or not (
                doc.group(0)[:4].lower() in ("the ", "this", "that") or
                _DEFINITE_BEFORE.search(st.sentence.text, max(0, st.start - 20), st.start)):
            continue
        kind = _document_kind(doc.group(1))
        window = text[max(0, st.page_start - 3000):st.page_start]
        best = None
        for m in _authored_documents().finditer(window):
            if _document_kind(m.group("noun") or m.group("noun2") or m.group("noun3") or m.group("noun4")) == kind:
                best = m
        if best is not None:
            author = re.sub(r"^the\s+", "", best.group("by") or best.group("owner") or best.group("maker") or
                            best.group("modifier"))
            probe = Statement(st.sentence, st.block, st.start, st.end, st.anchor, author, verb=st.verb)
            resolve_mention(probe, None)
            if probe.claimant is not None and probe.pending is None:
                st.claimant = Claimant(probe.claimant.name, st.mention, probe.claimant.party, probe.claimant.kind)
                st.pending = None


# "the report", "this new study", "the survey's": a document the page has named before (the determiner may stand
# before the mention)
_DEFINITE_BEFORE = re.compile(r"\b(?i:the|this|that)\s+(?:(?:new|latest|full|annual|same)\s+)?\Z")
_THE_DOCUMENT = re.compile(r"(?:(?i:the|this|that)\s+(?:(?:new|latest|full|annual|same)\s+)?)?(%s)(?:['’]s)?"
                           % DOCUMENT_NOUNS)
_NAME = r"(?:the[^\S\n]+)?[A-Z][\w'’&.-]*(?:[^\S\n]+(?:of[^\S\n]+(?:the[^\S\n]+)?|for[^\S\n]+|on[^\S\n]+|and[^\S\n]+)?" \
        r"[A-Z][\w'’&.-]*){0,6}"


@lru_cache(maxsize=None)
def _authored_documents() -> re.Pattern:
    """A document and its author: "a report ... by <Name>" (by), "<Name>'s new report" (owner), "<Name> published a
    report" (maker), "a YouGov poll" (modifier); the document's noun in group 'noun', 'noun2', 'noun3' or 'noun4'."""
    nouns = DOCUMENT_NOUNS
    return re.compile(
        r"\b(?P<noun>%s)\b[^.;:!?\"“”]{0,60}?\bby\s+(?P<by>%s)"
        r"|(?<![\w'’.-])(?P<owner>%s)['’]s?\s+(?:[a-z][\w-]*\s+){0,2}(?P<noun2>%s)\b"
        r"|(?<![\w'’.-])(?P<maker>%s)\s+(?:has\s+)?(?:published|released|issued|conducted|commissioned)\s+"
        r"(?:a|an|its|the)\s+(?:[a-z][\w-]*\s+){0,3}(?P<noun3>%s)\b"
        # "a YouGov poll", "a new Pew Research Center survey": the author's name before the noun
        r"|\b(?:[Aa]n?|[Tt]he)\s+(?:(?:new|latest)\s+)?(?P<modifier>%s)\s+(?P<noun4>%s)\b"
        % (nouns, _NAME, _NAME, nouns, _NAME, nouns, _NAME, nouns))


@lru_cache(maxsize=None)
def _document_kinds() -> dict[str, str]:
    return {noun: group[0] for group in load_table("attribution.json")["document_kin"]["groups"] for noun in group}


def _document_kind(noun: str) -> str:
    """A document noun's kind: the noun, or the first of its kin ('survey' -> 'poll')."""
    noun = noun.lower().rstrip("s")
    return _document_kinds().get(noun, noun)


def _a_person_spoke(st: Statement) -> bool:
    """Whether a person spoke for the statement's claimant, so that 'he' or 'she' may stand for them: a
    spokesperson or an official ("A government spokesman said ... 12 are missing, he said"), or a lone capitalised
    name no one knows as a body ("Ruiz said ... She added")."""
    words_ = st.mention.lower().split()
    if any(w in words().spokes or w.rstrip(".") in words().titles for w in words_):
        return True
    m = st.mention.strip()
    return m.isalpha() and len(m) > 2 and m[:1].isupper() and not m.isupper() and \
        m.lower() not in words().org_words and m.lower() not in words().not_first_names and \
        claimants().match(m) is None and m not in places().canonical


def resolve_context(statements: list[Statement], entities: PageEntities | None = None) -> None:
    """Pronouns, 'which', bare bodies and whole countries take their claimant from nearby statements."""
    if entities is not None:
        _documents_by_author(statements, entities.text)
    for i, st in enumerate(statements):
        if st.pending == "pronoun":
            low = (st.pronoun or st.mention).lower()
            for prev in reversed(statements[max(0, i - NEAR):i]):
                if prev.claimant is None or prev.pending == "pronoun" and prev.claimant is None:
                    continue
                if st.pronoun and prev.sentence.index < st.sentence.index - 1:
                    break           # "His office said": only the person who spoke just before
                if low in ("he", "she") and not (prev.person or prev.claimant.kind == "person" or
                                                 _a_person_spoke(prev)):
                    continue
                if low == "it" and prev.claimant.kind == "person":
                    continue        # "it announced an order" is a company's, not the last person's who spoke
                st.claimant = Claimant(prev.claimant.name, st.mention, prev.claimant.party, prev.claimant.kind)
                st.person = prev.person
                break
            else:
                # "President Donald Trump met farmers. ... he said": no one spoke before, so the person the
                # text named last just before
                name = entities.person_before(st.page_start) if entities and low in ("he", "she") and \
                    not st.pronoun and st.verb in words().speech_verbs else None
                if name:
                    st.claimant = Claimant(name, st.mention, None, "person")
                    st.person = name
                elif entities is not None and low == "it" and not st.pronoun:
                    # "Emirates Airline finalized a deal ... it announced an order": no one spoke before, so the
                    # company the sentence or one of the two before begins with
                    company = entities.subject_before(st)
                    if company:
                        st.claimant = Claimant(company, st.mention, None, "organisation")
            if low in ("we", "i"):
                st.pending = "speaker"          # resolved by the quotation that holds it
            else:
                st.pending = None
        elif st.pending == "relative":
            text = st.sentence.text
            ante = re.search(r"([^,]{3,120}),\s*$", text[:st.start])
            st.pending = None
            if ante:
                probe = Statement(st.sentence, st.block, 0, 0, 0, ante.group(1))
                resolve_mention(probe, None)
                if probe.claimant is None:
                    known = claimants().match(ante.group(1))
                    if known:
                        probe.claimant = Claimant(known[0].name, ante.group(1), known[0].party, known[0].kind)
                st.claimant = probe.claimant
        elif st.pending == "generic":
            head = st.generic_head
            body = _body_in_sentence(st) if st.person else None
            if body:             # "At Dravenik General Hospital, ..., deputy director Ana Voss said"
                st.claimant = Claimant(body, st.mention, st.claimant.party if st.claimant else None, "organisation")
            else:
                title = head in words().titles if head else False
                for prev in reversed(statements[max(0, i - NEAR):i]):
                    if prev.claimant is None or prev is st or prev.claimant.kind in ("country", "outlet"):
                        continue
                    if prev.claimant.kind == "person" and not title:
                        continue
                    if head is None or head in prev.claimant.name.lower() or head in prev.mention.lower():
                        if _other_body(st.mention, head, prev):
                            continue    # "the education ministry" after "the interior ministry": another one
                        st.claimant = Claimant(prev.claimant.name, st.mention, prev.claimant.party, prev.claimant.kind)
                        break
                else:
                    named = entities.body_before(head, st.page_start) if entities and head else None
                    if named is None and head in words().any_body_heads:
                        # "the NDRRMC said ... the agency said": the organisation that spoke last
                        prev = next((p for p in reversed(statements[max(0, i - NEAR):i]) if p.claimant is not None
                                     and p.claimant.kind == "organisation" and not p.claimant.name.endswith(("'s", "’s"))
                                     and p.claimant.name[:1].isupper()), None)
                        named = prev.claimant.name if prev else None
                    if named is None and head in words().company_nouns:
                        # "... Southern Cross Telecom ... the company said"; "Northwind ..., the software maker
                        # said"
                        named = _subject_company(statements, i, entities.text if entities else "") or \
                            (entities.company_before(st.page_start) if entities else None)
                    if named:      # "the union" after "The Port Halden Municipal Workers Union disputes ..."
                        party = st.claimant.party if st.claimant else None
                        st.claimant = Claimant(named, st.mention, party, "organisation")
            st.pending = None
    # a whole country ("the United States estimates", "according to Kiev") speaks through the nearest
    # named claimant of the same side
    for i, st in enumerate(statements):
        if st.pending != "country" or st.claimant is None:
            continue
        best = None
        for other in statements[max(0, i - NEAR):i + NEAR]:
            if other is st or other.claimant is None or other.pending == "country":
                continue
            if other.claimant.party != st.claimant.party or other.claimant.kind == "country":
                continue
            d = abs(other.sentence.index - st.sentence.index)
            if d <= 3 and (best is None or d < best[0]):
                best = (d, other)
        if best:
            st.claimant = Claimant(best[1].claimant.name, st.mention, best[1].claimant.party, best[1].claimant.kind)
        st.pending = None
    # "X reported ..., citing Y": the claim is Y's; X only relays it, here and wherever X is quoted
    relays = {}
    for i, st in enumerate(statements):
        if st.verb == "citing" and st.claimant:
            for other in statements[max(0, i - 8):i]:
                if other.sentence is st.sentence and other.claimant and other.start < st.start:
                    relays[other.claimant.name] = st.claimant
                    other.cited = st.claimant
    for st in statements:
        if st.claimant and st.claimant.name in relays:
            cited = relays[st.claimant.name]
            # a body the relay names without its side is the relay's side's ("Ukrainian media reported, citing
            # military intelligence": Ukraine's)
            party = (st.claimant.party or cited.party) if cited.kind == "group" else cited.party
            st.claimant = Claimant(cited.name, st.mention, party, cited.kind)
