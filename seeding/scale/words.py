"""Made-up words for the programme at scale: place names, people, findings and evidence.

Nothing here names a real council, child or member of staff.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

PLACE_STARTS = (
    "Alder", "Bramble", "Cinder", "Dale", "Elm", "Fen", "Gorse", "Heath", "Ivy", "Juniper",
    "Kings", "Lark", "Marsh", "Nether", "Oak", "Pike", "Quarry", "Rush", "Stone",
)  # fmt: skip
PLACE_ENDS = ("ford", "ham", "ley", "wick", "bury", "ton", "field", "mouth")

FIRST_NAMES = (
    "Amelia", "Ben", "Chloe", "Daniel", "Ellie", "Finley", "Grace", "Harry", "Isla", "Jack",
    "Kayla", "Liam", "Mia", "Noah", "Olivia", "Priya", "Quentin", "Ruby", "Sami", "Tia",
    "Umar", "Violet", "Wes", "Yasmin", "Zac",
)  # fmt: skip
LAST_NAMES = (
    "Ashworth", "Brennan", "Caldwell", "Dunmore", "Eastwood", "Fairbairn", "Gallagher",
    "Hartley", "Ingram", "Jarvis", "Kershaw", "Lindqvist", "Mahmood", "Nwosu", "Okonjo",
    "Pemberton", "Quarrie", "Rowntree", "Sutcliffe", "Thwaite", "Underhill", "Vickers",
    "Whitlock", "Yardley",
)  # fmt: skip

FINDINGS = (
    "Thresholds for help and protection are understood by partner agencies and applied "
    "consistently at the front door.",
    "Children at immediate risk of harm are seen quickly and strategy discussions include the "
    "police and health practitioners.",
    "Assessments are timely and most analyse the child's history well, although a minority "
    "describe events without weighing what they mean for the child.",
    "Social workers know their children well and speak warmly about them; children are seen "
    "alone and their views shape their plans.",
    "Managers oversee practice regularly, but supervision records do not always show the "
    "reasons for decisions or the actions agreed.",
    "Early help is well established, and families say that the help they receive makes a "
    "difference to their daily lives.",
    "Children who go missing from home or care are offered return interviews, and the "
    "information gathered is used to reduce risks.",
    "The multi-agency response to children at risk of sexual exploitation is well coordinated "
    "and informed by a shared understanding of local patterns.",
    "Plans for children looked after are reviewed on time, and independent reviewing officers "
    "challenge drift effectively.",
    "Most children live in stable placements close to home and make good progress at school, "
    "supported by the virtual school.",
    "Decisions about permanence are made early, and children for whom adoption is the plan are "
    "matched with families without delay.",
    "Care leavers have personal advisers who keep in touch, but pathway plans are not always "
    "updated when circumstances change.",
    "Health practitioners identify risks well and share information with children's social "
    "care the same day.",
    "Initial health assessments for children looked after are timely, while review health "
    "assessments for children placed out of the area are often late.",
    "Officers attending incidents of domestic abuse consistently identify the children in the "
    "household and refer them promptly.",
    "Joint investigations with children's social care are timely, well planned and properly "
    "recorded.",
    "The youth offending team assesses risk to and from young people well and works closely "
    "with education and health services.",
    "Probation providers do not always check with children's social care whether offenders "
    "have contact with children.",
    "Children held in custody feel safe, are treated with respect and spend most of the day in "
    "education or purposeful activity.",
    "Resettlement planning starts early, although some children leave custody without "
    "confirmed education or training.",
    "Leaders know their services well, and performance information is used to challenge and "
    "improve practice.",
    "Caseloads are manageable and the workforce is stable, which helps children build lasting "
    "relationships with their workers.",
    "The local safeguarding children board holds partners to account through a programme of "
    "multi-agency audits.",
    "Learning from serious case reviews has been disseminated, but the board has not yet "
    "evaluated its impact on front-line practice.",
    "Partners attend child protection conferences at the right level and contribute to "
    "well-focused plans.",
    "Children's views are gathered through the children in care council and have influenced "
    "the local offer to care leavers.",
    "Information sharing between agencies is effective, supported by a co-located "
    "multi-agency safeguarding hub.",
    "A small number of child in need plans lack clear timescales and measurable outcomes.",
    "Out-of-hours services respond appropriately to concerns, and information is passed to "
    "day-time teams promptly.",
    "Private fostering arrangements are identified and assessed, although awareness among "
    "partner agencies is limited.",
    "Children who are electively home educated are known to the local authority, and their "
    "welfare is checked.",
    "Commissioning of placements is informed by a clear analysis of children's needs and "
    "sufficiency.",
)
STRENGTHS = (
    "Strategy discussions are held promptly and include every relevant agency.",
    "Children are seen alone and their wishes and feelings are recorded.",
    "Placement stability is better than the national average.",
    "Designated professionals provide strong leadership and challenge.",
    "The public protection unit is well resourced and well led.",
    "Young people's views are sought and used in planning.",
    "Personal advisers know their young people well.",
    "Supervision is regular and reflective.",
)
IMPROVEMENTS = (
    "Make sure that every child in need plan sets out measurable actions and timescales.",
    "Review every pathway plan with the young person at least every six months.",
    "Agree arrangements with host areas so that review health assessments are on time.",
    "Make sure that safeguarding checks are completed at the start of every order.",
    "Confirm education or training arrangements before every child's release.",
    "Evaluate the impact of multi-agency training on front-line practice.",
    "Use performance information to drive improvement in outcomes for care leavers.",
    "Make sure supervision records show the reasons for decisions.",
)
EVIDENCE = (
    "Audit of a tracked case: the referral was screened the same day and a strategy discussion "
    "held within 24 hours.",
    "Observed the multi-agency safeguarding hub applying thresholds to new contacts.",
    "Discussion with practitioners about how they escalate concerns between agencies.",
    "Meeting with a young person and their carer about the help they receive.",
    "Review of the board's audit programme and its annual report.",
    "Sampled case records of children looked after placed out of the area.",
    "Shadowed a return interview with a child who had gone missing from care.",
    "Read minutes of three child protection conferences and the plans they agreed.",
    "Performance data on the timeliness of assessments over the last twelve months.",
    "Discussion with the designated nurse about review health assessments.",
    "Observed a youth offending team panel and the plan agreed with the young person.",
    "Review of police referrals after domestic abuse incidents involving children.",
)
COMMENTS = (
    "The grade is right, but the text should say more about care leavers.",
    "Please make the improvement about health assessments more specific.",
    "We agree with the judgement but not the wording of the second paragraph.",
)


def prose(rng: random.Random, words: int, bank: Sequence[str] = FINDINGS) -> str:
    """Paragraphs of sentences from `bank`, about `words` words long."""
    paragraphs: list[str] = []
    count = 0
    while count < words:
        sentences = rng.sample(bank, k=min(len(bank), rng.randint(3, 5)))
        paragraphs.append(" ".join(sentences))
        count += sum(len(sentence.split()) for sentence in sentences)
    return "\n\n".join(paragraphs)


def lines(rng: random.Random, bank: Sequence[str], low: int, high: int) -> str:
    return "\n".join(rng.sample(bank, k=rng.randint(low, high)))


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
