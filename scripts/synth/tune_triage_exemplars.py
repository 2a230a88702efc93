#!/usr/bin/env python3
"""Exemplar sentences for the triage semantic layer, by clinical class (tune side only).

Written fresh for the sentence classifier (``scripts/train_triage_semantic.py``), not taken
from any message of an eval set: each class names one kind of red flag, urgent situation or
hard negative, phrased the ways issue 16 lists as missed by keyword lists — a caregiver writing
for someone else, Spanish and mixed Spanish-English, other languages a portal sees, very short
texts, plain words with no medical term. The negatives hold the same alarm words negated, past,
hypothetical, part of a name or a bill, so the nearest exemplar of such a sentence is a *none*.

Labels: ``E`` an emergency now, ``U`` a same-day need (symptom or not), ``N`` neither. The
class name is the leave-class-out group of the trainer's report.

    python3 scripts/synth/tune_triage_exemplars.py     # prints counts per class
"""

from __future__ import annotations

import sys

#: class -> (label, sentences). Keep every sentence general: no names, dates or ids.
CLASSES: dict[str, tuple[str, tuple[str, ...]]] = {
    "cardiac": (
        "E",
        (
            "there's a heavy weight sitting on my chest and my jaw aches",
            "my husband is grabbing his chest and sweating buckets",
            "pain spreading from her chest into her back and she looks gray",
            "dad says his chest feels like it's in a vise",
            "squeezing in my chest that won't let up, I feel sick to my stomach",
            "he's clutching his chest and can't sit still",
            "mi papa dice que le aprieta el pecho y esta sudando frio",
            "a mi esposa le duele el pecho y el brazo izquierdo",
            "my mother's chest hurts bad y esta muy palida",
            "minha mae esta com dor forte no peito",
            "j'ai une douleur dans la poitrine qui serre et je transpire",
            "anh ay bi dau nguc du doi va kho tho",
            "papa m gen doule nan pwatrin li",
            "masakit ang dibdib ng tatay ko at pinagpapawisan siya",
            "у мужа сильная боль в груди",
            "아버지가 가슴이 너무 아프대요",
            "ابي عنده الم شديد في صدره",
        ),
    ),
    "breathing": (
        "E",
        (
            "she is fighting for every breath",
            "he can only say two words before he has to breathe",
            "my son's breathing is loud and his chest is sucking in",
            "grandpa is wheezing and turning a dusky color",
            "can't get air in, lips tingling",
            "she keeps gasping and her nebulizer did nothing",
            "mi hija no puede respirar y se le hunde el pecho",
            "mi abuela se esta ahogando",
            "my wife no puede respirar bien, she's panicking",
            "il n'arrive plus a respirer",
            "con toi khong tho duoc",
            "hindi makahinga ang anak ko",
            "он задыхается",
            "숨을 못 쉬어요",
            "لا يستطيع التنفس",
        ),
    ),
    "stroke": (
        "E",
        (
            "her mouth is pulling to one side and her speech is garbled",
            "he's talking nonsense and his right hand is limp",
            "mom suddenly can't hold her cup and half her face sagged",
            "my husband woke up and can't move his left side",
            "she's slurring and dragging her foot since breakfast",
            "all of a sudden he can't see out of one eye and feels off balance",
            "mi mama no puede hablar y tiene la boca de lado",
            "a mi papa se le durmio medio cuerpo de repente",
            "my abuela's face looks crooked y no habla bien",
            "ma mere a la bouche de travers et ne parle plus",
            "ba toi bi meo mieng va noi ngong",
            "тетя не может говорить, лицо перекосило",
            "갑자기 말을 못하고 한쪽 팔을 못 움직여요",
        ),
    ),
    "unresponsive": (
        "E",
        (
            "we found him on the floor and he isn't answering",
            "she keeps drifting off and we can't keep her awake",
            "my brother is breathing but won't open his eyes",
            "grandma is not making sense and is very hard to rouse",
            "the man next door is on the ground, can't get up and his speech sounds strange",
            "he blacked out at the table and is still out",
            "mi esposo no reacciona",
            "encontre a mi mama en el piso y no despierta",
            "my tio esta inconsciente",
            "il ne se reveille pas",
            "hindi magising ang lola ko",
            "он без сознания",
        ),
    ),
    "seizure": (
        "E",
        (
            "she's jerking and foaming at the mouth and it won't stop",
            "second seizure in a row and he hasn't woken between them",
            "my daughter is convulsing right now",
            "mi hijo esta temblando todo y no contesta",
            "con toi dang co giat",
        ),
    ),
    "self_harm": (
        "E",
        (
            "I'm done living and I've worked out how to do it",
            "tonight is the night I end it",
            "I've written my goodbye letters",
            "my son texted that he's going to jump off the bridge",
            "my teenager cut her wrists and there's a lot of blood",
            "I have the rope ready",
            "I've saved up my pills and I'm going to swallow them all tonight",
            "I'm planning to drive my car into a wall after work",
            "this is my last message, I'm taking everything in the cabinet",
            "voy a tomarme todas las pastillas esta noche",
            "she told me she's going to overdose on her meds tonight",
            "she says she's going to kill herself and locked the door",
            "ya no quiero vivir y tengo las pastillas listas",
            "mi hijo dice que se va a matar",
            "je veux en finir ce soir",
            "toi muon chet, toi co thuoc roi",
            "gusto ko nang mamatay ngayong gabi",
            "я хочу покончить с собой сегодня",
            "오늘 밤 죽을 거예요",
        ),
    ),
    "overdose": (
        "E",
        (
            "he took all of his heart pills at once",
            "she swallowed a handful of her antidepressants an hour ago",
            "I took way too many of my pain pills and feel very drowsy",
            "my roommate took a bunch of pills with vodka and is snoring weird",
            "se tomo un frasco entero de pastillas",
            "my papa tomo demasiadas pastillas y no despierta bien",
            "elle a avale toute la boite de comprimes",
        ),
    ),
    "child_ingestion": (
        "E",
        (
            "my toddler put one of those little round batteries in her mouth and it's gone",
            "the baby chewed a laundry pod",
            "my son drank some of the drain cleaner",
            "my 2 year old got into grandma's blood pressure pills",
            "she may have eaten some of my gummies with THC",
            "he swallowed a magnet from the toy set",
            "la nina se comio unas pastillas de su abuela",
            "mi bebe tomo cloro",
            "my kid swallowed una moneda and is drooling",
            "con toi nuot pin",
        ),
    ),
    "infant": (
        "E",
        (
            "our 6 week old feels hot, the thermometer says 100.6",
            "my newborn is floppy and won't wake to eat",
            "the baby is grunting with every breath and her lips look dusky",
            "my 1 month old is breathing fast and grunting",
            "the baby's soft spot is sunken and he won't feed",
            "mi bebe de tres semanas tiene calentura",
            "mi recien nacido no quiere comer y esta muy dormido",
            "our 10 day old is too sleepy to feed and her hands and feet are cold",
            "two week old not eating, hard to wake and looks yellow",
        ),
    ),
    "pregnancy": (
        "E",
        (
            "I'm 33 weeks and haven't felt her kick all day",
            "fluid gushed out and I'm only 30 weeks",
            "I'm pregnant and bleeding through pads",
            "34 weeks with a terrible headache and my vision has sparkles",
            "pregnant with severe belly pain that won't ease",
            "estoy embarazada y no siento al bebe moverse",
            "tengo 32 semanas y se me rompio la fuente",
            "embarazada con sangrado fuerte",
            "I'm pregnant y estoy sangrando mucho",
            "fluid keeps trickling down my legs and I'm 29 weeks",
            "I think my waters are leaking and the baby is kicking less, 31 weeks",
        ),
    ),
    "bleeding": (
        "E",
        (
            "the wound is pouring blood even with pressure",
            "he's passing lots of blood from his bottom and feels faint",
            "she threw up what looks like coffee grounds and is dizzy",
            "my stool is black and sticky and I nearly fainted",
            "the cut on his leg is spurting",
            "esta sangrando por la boca y no para",
            "mi papa hace popo negro y se mareo",
        ),
    ),
    "anaphylaxis": (
        "E",
        (
            "her throat feels tight and she has hives everywhere after the peanut",
            "his lips are puffing up after the new medicine and he sounds hoarse",
            "I used my EpiPen and I'm still wheezing",
            "my face is swelling fast after the shot",
            "se le cerro la garganta despues de la picadura",
            "mi hijo comio cacahuate y se le hincho la cara",
        ),
    ),
    "sugar": (
        "E",
        (
            "her meter says LO and she's not making sense",
            "he's diabetic, breathing fast and smells fruity, and keeps vomiting",
            "my sugar is 40 and I'm shaking and sweaty and confused",
            "la glucosa de mi mama esta en 35 y esta confundida",
            "my son's sugar says HI and he's throwing up and very sleepy",
        ),
    ),
    "sepsis": (
        "E",
        (
            "she's on chemotherapy and now has chills and a temperature of 101",
            "he had chemo last week and is burning up",
            "fever, fast heartbeat and she's confused and cold and clammy",
            "mi esposo esta en quimio y tiene fiebre",
            "his skin is blotchy and he's shivering and barely responding",
            "high fever and tiny purple spots that don't fade when you press on them",
            "she has a fever and a dark rash spreading fast on her legs",
        ),
    ),
    "head_injury": (
        "E",
        (
            "she takes blood thinners and fell and hit her head on the counter",
            "grandpa on Xarelto hit his head and now has a headache and is drowsy",
            "he bumped his head and has thrown up three times",
            "mi papa toma anticoagulante y se golpeo la cabeza",
        ),
    ),
    "other_acute": (
        "E",
        (
            "my son woke with sudden horrible pain in his testicle and is vomiting",
            "worst headache ever, came on in seconds",
            "her blood pressure is 220 over 130 and she can't see right",
            "his leg is ice cold and blue and he can't feel it",
            "my heart is racing over 170 and I feel like I'm going to pass out",
            "de repente el peor dolor de cabeza de mi vida",
        ),
    ),
    "short": (
        "E",
        (
            "cant breath",
            "chest pain now",
            "not breathing",
            "face drooping",
            "took all pills",
            "baby not moving",
            "he's blue",
            "she won't wake",
            "help overdose",
            "no despierta",
            "dolor de pecho",
            "no puede hablar",
            "tragó pila",
        ),
    ),
    "last_sentence": (
        "E",
        (
            "also my husband just collapsed while I was typing this",
            "oh and my chest has been crushing for the last hour",
            "btw my dad's face started drooping a few minutes ago",
            "by the way I took all my sleeping pills",
            "p.s. the baby swallowed a button battery",
            "ps she's not breathing right now",
            "ah y mi esposo no puede respirar",
            "tambien mi papa se desmayo y no despierta",
        ),
    ),
    "urgent_symptom": (
        "U",
        (
            "a red streak is creeping up from the cut on my hand",
            "my surgical wound opened and is oozing",
            "she's had diarrhea all day and is barely peeing",
            "pain and burning when I pee with fever and chills",
            "my calf is hot and swollen on one side",
            "his eye got hit and is blurry and painful",
            "the baby has had a fever for three days and an ear ache",
            "I have thoughts about not wanting to wake up but I won't act on them",
            "tengo fiebre y dolor al orinar desde ayer",
            "mi herida de la cirugia esta roja y supura",
        ),
    ),
    "urgent_gap": (
        "U",
        (
            "we have no more of his seizure medicine and the next dose is tonight",
            "my insulin pen is empty and the pharmacy can't fill it until Monday",
            "she is out of her anti-rejection pills since this morning",
            "I ran out of my blood thinner yesterday",
            "my HIV meds are gone and I can't get more until next week",
            "he has no hydrocortisone left and he has adrenal insufficiency",
            "my last Parkinson pill is this evening",
            "se le acabaron las pastillas para la presion y el corazon",
            "ya no tengo insulina",
            "mi hijo no tiene medicina para las convulsiones",
        ),
    ),
    "urgent_missed_treatment": (
        "U",
        (
            "my chemotherapy was cancelled and has to be given again this week",
            "she missed her infusion today because the ride never came",
            "his dialysis session was skipped this week",
            "the radiation appointment was missed and I don't know what to do",
            "no me pusieron la quimio porque falto la autorizacion",
            "perdi mi cita de quimioterapia",
        ),
    ),
    "urgent_exposure": (
        "U",
        (
            "I'm pregnant and my nephew just broke out in chickenpox",
            "I'm expecting and someone at work has measles",
            "I found out I'm pregnant while taking my acne pills",
            "I'm pregnant and I've been taking methotrexate",
            "my son on chemo was around a kid with chickenpox",
            "estoy embarazada y mi sobrino tiene varicela",
            "I'm pregnant y estuve con alguien con sarampion",
        ),
    ),
    "urgent_interaction": (
        "U",
        (
            "I took a Viagra and I use nitro for my heart",
            "can I take the new antibiotic with my warfarin, I already took one",
            "he took tramadol with his antidepressant and feels jittery",
            "my pharmacy gave me two blood thinners and I took both",
            "she got a live vaccine and she's on drugs that lower her immunity",
        ),
    ),
    "negated": (
        "N",
        (
            "no trouble breathing, no chest pain, just a stuffy nose",
            "he hasn't fainted or hit his head, he just has a bruise",
            "she's not confused at all, just tired",
            "no bleeding since the procedure",
            "the baby is moving normally and I feel fine",
            "I'm not having any thoughts of hurting myself",
            "no tiene fiebre ni dolor de pecho",
            "no me falta el aire, solo tengo tos",
            "ni sangrado ni mareos",
            "pas de douleur thoracique",
            "denies shortness of breath or palpitations",
        ),
    ),
    "past": (
        "N",
        (
            "my father's heart attack was six years ago, he needs his cardiology follow-up",
            "she had a seizure as a child but none since",
            "after my overdose years ago I've been in recovery",
            "I was in the ER last week for chest pain and it was reflux",
            "he had a stroke in the past and still uses a cane",
            "mi mama tuvo un derrame hace anos",
            "my bleeding stopped two weeks ago and the follow-up was normal",
            "the allergic reaction last spring is why I need a new EpiPen",
        ),
    ),
    "hypothetical": (
        "N",
        (
            "what should we do if he ever stops breathing at night",
            "which symptoms of a heart attack should I call for",
            "if the baby gets a fever should I bring her in",
            "my daughter wants to learn CPR",
            "where can I get Narcan just in case",
            "que hago si a mi papa le da un infarto",
        ),
    ),
    "named_or_billing": (
        "N",
        (
            "I got a bill from the emergency department for my fall",
            "the ambulance charge is wrong on my statement",
            "is the heart failure clinic on the second floor",
            "my daughter volunteers for suicide prevention week",
            "the stroke rehab program sent a survey",
            "my insurance denied the chest CT from last month",
            "la cuenta de la sala de emergencias esta mal",
            "THIS BILL IS AN EMERGENCY FOR MY BUDGET",
            "I'm dying to know if you take my insurance",
            "the wait time is killing me",
        ),
    ),
    "routine_requests": (
        "N",
        (
            "please send my blood pressure pills to the new pharmacy",
            "I still have plenty of my seizure medicine, just renewing early",
            "can I move my infusion to next month when I'm back from vacation",
            "my pregnancy is going well, can I book the glucose test",
            "she's due for her vaccines, when can we come",
            "necesito cambiar la hora de mi cita",
            "tengo suficiente insulina para un mes",
            "quick question about my lab portal",
            "ok thanks",
            "see you Tuesday",
        ),
    ),
}


def exemplars() -> list[tuple[str, str, str]]:
    """Every exemplar as (sentence, label, ``class:<name>``), in a fixed order."""
    return [
        (sentence, label, f"class:{name}")
        for name, (label, pool) in CLASSES.items()
        for sentence in pool
    ]


def main(argv: list[str]) -> int:
    del argv
    for name, (label, pool) in CLASSES.items():
        print(f"{label} {name}: {len(pool)}")
    print(f"total {len(exemplars())}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
