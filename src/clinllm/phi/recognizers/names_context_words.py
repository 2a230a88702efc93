"""Word lists of the context name recognizer (:mod:`~clinllm.phi.recognizers.names_context`).

What surrounds a run of capitalised words says whether it is a person: verbs only people do,
cue words before it, people nouns before a list, and words that are never a person
(pronouns, peoples and languages, weekday and month abbreviations, car makes).
"""

from __future__ import annotations

from typing import Final

from clinllm.phi.lexicons import CAR_MAKES

__all__ = [
    "ABBREVIATIONS",
    "BEING_VERBS",
    "GROUPS",
    "INITIAL_CUES",
    "LEFT_CUES",
    "NEGATED_MODALS",
    "PEOPLE_NOUNS",
    "PERSON_ACTS",
    "PERSON_PREDICATE",
    "PERSON_VERBS",
    "PRONOUNS",
    "VOCATIVE_NEXT",
]

#: Things only people do: a run before one of these is a person even when unknown.
PERSON_VERBS: Final = frozenset(
    """said says say shouted shouts yelled told tells asked asks listed lists spent speaks
    spoke called calls wrote writes lives lived works worked came comes went goes visited
    visits arrived agreed refused complained thinks thought feels felt wants wanted loves
    loved likes liked knows knew gave met meets married divorced died smiled
    laughed cried replied answered explained mentioned slept sleeps drove moved stayed
    joined returned helped signed emailed texted phoned prefers prefer hates remembers
    forgot promised began begins believes wishes hopes sings sang plays played dances
    danced cooked teaches taught studied graduated retired grew reports reported agrees states
    stated denies denied endorses endorsed dijo dice llamó llamo habló hablo
    pidió pidio vive trabaja quiere necesita disse falou""".split()
)
#: Verbs that follow a known name just as often ("Louie is", "Johanna had").
BEING_VERBS: Final = frozenset(
    "is was has had will would can could should did does were are isn't wasn't".split()
)
LEFT_CUES: Final = frozenset(
    """by to with from at under heard given give ask asked tell told call meet met saw see
    visit visited named about for thank thanks love hug doctora doctor dra enfermera
    enfermero señor señora senhor senhora mamá mama papá papa hijo hija esposo esposa
    hermano hermana abuelo abuela tío tía con para says said asks asked replied starring
    featuring calls kid player singer author actor actress writer artist""".split()
)
#: People nouns: a list of unknown capitalised words after one is a list of people
#: ("our 3 founders: Abelsen, Gottschalk and Ćosić", "They had 6: Sylejman, Pernille, ...").
PEOPLE_NOUNS: Final = frozenset(
    """founders kids children sons daughters friends siblings brothers sisters members guests
    visitors partners staff team family families cousins grandchildren neighbors neighbours
    colleagues attendees speakers authors students patients residents twins had hijos hijas
    amigos""".split()
)
#: After "X is" / "X had", words that make X a person: "Silvestar is very reliable".
PERSON_PREDICATE: Final = frozenset(
    """very so such really always never my our your his her from not also given been told
    gone come said""".split()
)
#: "Zielinski can't come to the phone": a negated modal before something only people do.
NEGATED_MODALS: Final = frozenset(
    "can't cannot won't couldn't didn't doesn't wouldn't can’t won’t couldn’t didn’t".split()
)
PERSON_ACTS: Final = frozenset(
    """come talk speak walk sleep eat drive hear see remember make attend stand swallow get
    answer reach leave sign read""".split()
)
#: Words before "T. Nettleship" that make an initial and a surname a person.
INITIAL_CUES: Final = frozenset(
    "by per cc attn to from with dr dr. mr mr. mrs mrs. ms ms. signed seen reviewed".split()
)
#: Abbreviations of weekdays, months and scheduling words: capitalised at a line start
#: ("Appt Thurs 3/5") they are not names.
#: Car makes too: "a 2014 Toyota Camry" is a vehicle, not a person.
ABBREVIATIONS: Final = CAR_MAKES | frozenset(
    """mon tue tues wed weds thu thur thurs fri sat sun jan feb apr jun jul aug sep sept oct
    nov dec appt appts approx dept wk wks mo mos yr yrs hr hrs mme mlle madame monsieur herr
    frau sr sra srta señor señora señorita dott signor signora mevr mevrouw dhr pani""".split()
)
VOCATIVE_NEXT: Final = frozenset(
    "can could please thanks thank would will do did are is i you we".split()
)
PRONOUNS: Final = frozenset(
    """him her them it this that he she they we you i pt pts patient patients the a an my
    his your our their dr mr mrs ms""".split()
)
#: Peoples, religions and languages: capitalised, never a person.
GROUPS: Final = frozenset(
    """african american asian hispanic latino latina latinx caucasian white black native
    indigenous jewish ashkenazi sephardic muslim christian catholic protestant orthodox
    hindu buddhist sikh mormon amish arab arabic persian chinese japanese korean vietnamese
    filipino indian pakistani bengali russian ukrainian polish german french italian spanish
    portuguese greek turkish irish scottish english british dutch swedish norwegian danish
    finnish mexican cuban haitian brazilian nigerian somali ethiopian kenyan european
    hawaiian samoan cherokee navajo creole yiddish hebrew swahili tagalog mandarin
    cantonese""".split()
)
