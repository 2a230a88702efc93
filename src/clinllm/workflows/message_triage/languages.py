"""Red-flag and request words in the other languages patients write: the same concepts.

A portal serves Vietnamese, Haitian Creole, Tagalog, Russian, Korean and Arabic speakers too.
"my father can't breathe" written as "bố tôi không thở được", "papa m pa ka respire" or
"아버지가 숨을 못 쉬어요" is the same emergency; an English-only phrase list routes it to
``other``/``routine``, and the message waits in a queue. This module maps each language's
words to the concepts the English and Spanish vocabulary already has (chest pain, trouble
breathing, stroke signs, unresponsive or seizing, heavy bleeding, overdose, suicidal thoughts,
a medicine run out, and the three request kinds), so the same rules, with the same framing,
decide.

Phrases are written in their own script and folded here with the normalizer of
:class:`~.context.Text` (lower case, accents removed, one character for one), so "khó thở"
matches the folded "kho tho" of a message. Hangul is kept whole by that normalizer. Negation
inside a phrase ("không thở được", "pa ka respire") is part of the finding, as "can't breathe"
is; negation *of* a finding in these languages is not read, so a denial there over-triages
(the safe direction).
"""

from __future__ import annotations

from clinllm.workflows.message_triage.context import fold

__all__ = [
    "APPOINTMENT",
    "BILLING",
    "BLEEDING",
    "BREATHING",
    "CHEST_PAIN",
    "IDEATION",
    "OUT_OF_MEDICINE",
    "OVERDOSE",
    "REFILL",
    "STROKE",
    "UNRESPONSIVE",
]


def _folded(*alternatives: str) -> tuple[str, ...]:
    r"""``alternatives`` with every non-ASCII character folded like a message is.

    ASCII is left alone, so the regex syntax (``\\b``, ``\\w``) keeps its meaning.
    """
    return tuple("".join(ch if ch.isascii() else fold(ch) for ch in a) for a in alternatives)


# Vietnamese (vi), Haitian Creole (ht), Tagalog (tl), Russian (ru), Korean (ko), Arabic (ar).
CHEST_PAIN = _folded(
    r"\b(?:đau|tức|thắt) ngực|\bnhồi máu cơ tim|\bcơn đau tim",  # vi
    r"\bdoulè (?:\w+ ){0,2}pwatrin|\bpwatrin (?:\w+ ){0,2}(?:fè mal|sere|ap fè)|\bkriz kè",  # ht
    r"\b(?:ma|suma|nanana)?sakit (?:\w+ ){0,2}dibdib|\b(?:naninikip|paninikip|masikip)"
    r" (?:\w+ ){0,2}dibdib|\b(?:inaatake|atake) sa puso",  # tl
    r"\bбол\w* (?:\w+ ){0,2}груд\w*|\bгруд\w* (?:\w+ ){0,2}(?:болит|давит|жжет|сжимает)"
    r"|\bдавит (?:\w+ ){0,2}груд\w*|\bинфаркт|\bсердечн\w* приступ",  # ru
    r"가슴(?:이|에|가)? ?(?:통증|아프|아파|답답|조여|조이|찢어|짓눌)|심장 ?마비|심근 ?경색",  # ko
    r"\bألم (?:في |ب)?(?:ال)?صدر|\bصدري (?:\w+ )?(?:يؤلمني|يوجعني)|\bنوبة قلبية"
    r"|\bجلطة قلبية|\bذبحة صدرية",  # ar
)
BREATHING = _folded(
    r"\bkhó thở|\bkhông (?:\w+ )?thở (?:được|nổi)|\bngạt thở|\bthở không (?:được|nổi)"
    r"|\bmôi (?:\w+ )?tím",  # vi
    r"\bpa (?:ka|kapab|kab) respire|\b(?:difikilte|pwoblèm|mal) (?:\w+ )?respire|\bmanke souf"
    r"|\bsouf (?:\w+ )?kout|\bbouch (?:\w+ )?ble",  # ht
    r"\bhindi (?:\w+ )?makahinga|\b(?:hirap|nahihirapan\w*) (?:\w+ )?huminga"
    r"|\bkinakapos (?:ng|sa) hininga|\bnangingitim ang labi",  # tl
    r"\bне (?:может|могу|можем|могла|мог) (?:\w+ )?дышать|\bзадыха\w*|\b(?:трудно|тяжело)"
    r" дышать|\bгуб\w* (?:\w+ )?(?:син\w*|посинел\w*)",  # ru
    r"숨(?:을|이)? ?(?:못|안) ?쉬|숨(?:을)? ?쉴 ?수(?:가)? ?없|숨 ?쉬기(?:가)? ?(?:힘들|어려)"
    r"|호흡 ?곤란|입술이? ?(?:파랗|파래)",  # ko
    r"\bلا (?:أ|ي|ت|ن)ستطيع (?:أن )?(?:ال)?تنفس|\bصعوبة (?:في |ب)?(?:ال)?تنفس|\bيختنق"
    r"|\bتختنق|\bاختناق",  # ar
)
STROKE = _folded(
    r"\bđột quỵ|\btai biến|\bméo (?:miệng|mặt)|\bnói (?:ngọng|lắp|không rõ)"
    r"|\b(?:yếu|tê|liệt) nửa người",  # vi
    r"\bestwòk|\bstwòk|\batak serebral|\bbouch (?:\w+ )?kwochi|\bfigi (?:\w+ )?(?:kwochi|tòde"
    r"|tòtiye)|\bpa (?:ka|kapab) pale byen|\bpa ka leve bra",  # ht
    r"\bna-?stroke|\b(?:tabingi|ngiwi|lumaylay) (?:\w+ ){0,2}(?:mukha|bibig|labi)"
    r"|\bhindi (?:\w+ )?(?:makapagsalita|maigalaw|maiangat)|\bbulol",  # tl
    r"\bинсульт|\bпереко\w* (?:\w+ )?(?:лицо|рот)|\b(?:лицо|рот) (?:\w+ )?переко\w*"
    r"|\b(?:невнятн\w*|нечетк\w*|смазанн\w*) реч\w*|\bне (?:может|могу) (?:говорить|поднять"
    r" рук\w*)|\bонемел\w* (?:\w+ )?(?:рука|нога|половин\w*)",  # ru
    r"뇌졸중|중풍|뇌경색|뇌출혈|(?:얼굴|입)(?:이|가)? ?(?:한쪽(?:으로|이)? ?)?(?:처지|처졌|돌아"
    r"|비뚤)|말(?:이|을)? ?(?:어눌|잘 ?못 ?하|못 ?하)|발음이? ?(?:이상|어눌)"
    r"|한쪽 ?(?:팔|다리|몸)(?:에|이)? ?(?:힘이 ?없|마비)",  # ko
    r"\bسكتة دماغية|\bجلطة (?:في )?(?:ال)?دماغ\w*|\b(?:وجه|فم)\w* (?:\w+ )?(?:مائل|معوج|ملتو)"
    r"|\bلا (?:أ|ي|ت)ستطيع (?:الكلام|التحدث|الكلام بوضوح)|\bكلام\w* (?:غير واضح|ثقيل)",  # ar
)
UNRESPONSIVE = _folded(
    r"\bbất tỉnh|\bkhông (?:\w+ )?tỉnh (?:lại|dậy)|\bco giật|\bđộng kinh|\bhôn mê",  # vi
    r"\bpa (?:\w+ )?reponn|\bpèdi konesans|\bsan konesans|\bkonvilsyon|\bfè (?:yon )?kriz\b"
    r"|\bendispoze",  # ht
    r"\b(?:nawalan|walang) (?:ng )?malay|\bhindi (?:\w+ )?magising|\bnangingisay"
    r"|\bk(?:u|o)mbulsyon|\bkinukumbulsyon",  # tl
    r"\bбез сознания|\bпотерял\w* сознани\w*|\bне (?:приходит в себя|просыпается|реагирует)"
    r"|\bсудорог\w*|\bприпад\w*",  # ru
    r"의식(?:이|을)? ?(?:없|잃)|(?:깨어나지|일어나지) ?(?:않|못)|안 ?깨어나"
    r"|경련|발작|쓰러졌|쓰러져",  # ko
    r"\b(?:فاقد|فقد|فقدت) (?:ال)?وعي|\bغائب عن الوعي|\bلا (?:ي|ت)(?:ستجيب|ستيقظ)|\bتشنج\w*"
    r"|\bنوبة صرع",  # ar
)
BLEEDING = _folded(
    r"\bchảy máu (?:\w+ ){0,1}(?:nhiều|không (?:ngừng|cầm|dừng))|\b(?:ói|nôn) ra máu",  # vi
    r"\bsenyen (?:\w+ )?anpil|\bsan (?:\w+ ){0,2}(?:koule anpil|pa (?:vle )?(?:kanpe|sispann))"
    r"|\bvomi san",  # ht
    r"\bdumudugo (?:\w+ ){0,2}(?:marami|malakas|hindi tumitigil)|\b(?:malakas|maraming)"
    r" (?:\w+ )?(?:pagdurugo|dugo)|\bsumusuka (?:ng )?dugo",  # tl
    r"\bсильн\w* кровотечени\w*|\bкровь не (?:останавлива\w*|перестает)|\bрвот\w* кровью"
    r"|\bрвет кровью",  # ru
    r"피가 ?(?:멈추지|안 ?멈|계속)|출혈이? ?(?:심|많)|피를 ?토",  # ko
    r"\bنزيف (?:حاد|شديد)|\b(?:ال)?نزيف لا يتوقف|\bالدم لا يتوقف|\b(?:يتقيأ|تتقيأ|استفراغ)"
    r" (?:ال)?دم",  # ar
)
OVERDOSE = _folded(
    r"\bquá liều|\buống (?:\w+ ){0,2}(?:quá nhiều|hết) (?:\w+ )?thuốc",  # vi
    r"\bbwè (?:\w+ ){0,2}(?:tout|anpil) grenn",  # ht
    r"\b(?:uminom|ininom) (?:ng )?(?:maraming|lahat ng) (?:\w+ )?(?:gamot|tableta)",  # tl
    r"\bпередозировк\w*|\b(?:выпил\w*|наглотал\w*|проглотил\w*) (?:\w+ ){0,2}(?:все )?"
    r"(?:таблет\w*|лекарств\w*)",  # ru
    r"과다 ?복용|약을 ?(?:한꺼번에|많이|다) ?(?:먹|삼)",  # ko
    r"\bجرعة زائدة|\bابتلع (?:\w+ )?(?:حبوب|أقراص)",  # ar
)
IDEATION = _folded(
    r"\btự (?:tử|sát)|\bmuốn chết",  # vi
    r"\btouye tèt (?:mwen|li)|\bswisid|\bvle mouri",  # ht
    r"\bmagpakamatay|\bgusto (?:ko |niya )?(?:nang )?mamatay",  # tl
    r"\bпокончить с собой|\bсамоубийств\w*|\b(?:хочу|хочет) умереть",  # ru
    r"자살|죽고 ?싶",  # ko
    r"\bانتحار|\bأنتحر|\b(?:أريد|يريد) أن (?:أموت|يموت)",  # ar
)
OUT_OF_MEDICINE = _folded(
    r"\bhết thuốc",  # vi
    r"\b(?:medikaman|grenn) (?:\w+ ){0,2}fini",  # ht
    r"\b(?:naubos|ubos na) (?:\w+ ){0,2}(?:gamot|insulin|tableta)",  # tl
    r"\bзакончил\w* (?:\w+ ){0,2}(?:лекарств\w*|таблет\w*|инсулин)",  # ru
    r"약이? ?(?:다 )?떨어",  # ko
    r"\bنفد (?:\w+ )?(?:ال)?دواء|\bنفدت (?:\w+ )?(?:ال)?حبوب",  # ar
)
REFILL = _folded(
    r"\b(?:toa|đơn|lấy thêm) thuốc|\bhết thuốc",  # vi
    r"\brenouvle|\bpreskripsyon|\bmedikaman (?:\w+ ){0,2}fini",  # ht
    r"\breseta\b|\b(?:naubos|ubos na) (?:\w+ ){0,2}gamot",  # tl
    r"\bрецепт\w*|\bзакончил\w* (?:\w+ ){0,2}(?:лекарств\w*|таблет\w*)",  # ru
    r"처방|약이? ?(?:다 )?떨어",  # ko
    r"\bوصفة|\bتجديد (?:ال)?دواء|\bنفد (?:\w+ )?(?:ال)?دواء",  # ar
)
APPOINTMENT = _folded(
    r"\b(?:lịch|đặt|đổi|hủy|dời) (?:lịch )?hẹn|\bhẹn khám",  # vi
    r"\brandevou",  # ht
    r"\bmagpa-?(?:schedule|appointment|check-?up)|\biskedyul",  # tl
    r"\bзапис(?:ат\w*|ь на)|\bперенести (?:\w+ )?при[её]м|\bпри[её]м (?:у|к) (?:врач\w*)",  # ru
    r"예약|진료 ?(?:날짜|시간)",  # ko
    r"\bموعد|\bحجز",  # ar
)
BILLING = _folded(
    r"\bhóa đơn|\bbao nhiêu tiền|\bthanh toán",  # vi
    r"\bbòdwo|\bfaktu\w*|\bkonbyen (?:\w+ ){0,2}(?:koute|pou peye)",  # ht
    r"\bbayarin|\bsingil|\bmagkano",  # tl
    r"\bсч[её]т за|\bоплат\w*|\bсколько стоит",  # ru
    r"청구서|요금|비용|결제",  # ko
    r"\bفاتورة|\bتكلفة|\bكم (?:سعر|تكلفة)",  # ar
)
