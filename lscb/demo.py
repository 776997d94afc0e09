"""Demo shared text for `make run`: first drafts of both texts, circulated, partly signed.

Idempotent: a text that already exists is left exactly as it is, so running the seed again (or
after someone has worked on the demo) changes nothing. Everything goes through the services,
so the demo has the same history and emails as real use.
"""

from __future__ import annotations

from inspections.demo import DemoInspection
from lscb import services
from lscb.models import SharedText, SharedTextKind, SignOffDecision
from lscb.permissions import SHARED_TEXT_STATUSES

LSCB_DRAFT = {
    "grade": "requires_improvement",
    "body": (
        "Ashdown Local Safeguarding Children Board meets its statutory duties. Partners attend "
        "at the right level and the board has a clear view of the main risks to children in "
        "the area, including children who go missing and children at risk of sexual "
        "exploitation.\n"
        "Its monitoring of front-line practice is not yet strong enough. Multi-agency audits "
        "are too few to show whether learning from serious case reviews has changed practice, "
        "and the board does not yet challenge partners on the timeliness of health assessments "
        "for looked after children."
    ),
    "improvements": (
        "Agree a programme of multi-agency audits that tests whether learning from case reviews "
        "has changed practice.\n"
        "Hold health partners to account for the timeliness of initial health assessments for "
        "children looked after.\n"
        "Publish an annual report that evaluates the effectiveness of local services, not only "
        "their activity."
    ),
}

KEY_FINDINGS_DRAFT = {
    "body": (
        "Children in Ashdown who need help and protection are mostly identified early, and "
        "partners share information well at the front door.\n"
        "Social workers know their children well; assessments are timely but do not always "
        "analyse the child's history.\n"
        "Health visitors and school nurses are well connected to early help, but initial health "
        "assessments for looked after children are often late.\n"
        "The police respond quickly to children at immediate risk, and the youth offending "
        "service's work reduces reoffending.\n"
        "The Local Safeguarding Children Board knows the main risks but does not yet evaluate "
        "whether partners' practice is improving."
    ),
}

# kind, content, sign-offs (username, inspectorate code, decision, comment)
DEMO_TEXTS = [
    (
        SharedTextKind.LSCB_JUDGEMENT,
        LSCB_DRAFT,
        [
            ("cqc.lead", "cqc", SignOffDecision.AGREE, ""),
            (
                "hmic.lead",
                "hmic",
                SignOffDecision.AGREE,
                "Agreed; the police evidence supports it.",
            ),
        ],
    ),
    (
        SharedTextKind.KEY_FINDINGS,
        KEY_FINDINGS_DRAFT,
        [
            ("probation.lead", "hmi_probation", SignOffDecision.AGREE, ""),
            (
                "prisons.lead",
                "hmi_prisons",
                SignOffDecision.NOT_AGREE,
                "Please add a finding on children held at HM Young Offender Institution "
                "Ashdown Park: resettlement planning starts too late.",
            ),
        ],
    ),
]


def seed(seeded: DemoInspection) -> None:
    inspection = seeded.inspection
    if inspection.status not in SHARED_TEXT_STATUSES:
        return
    people = seeded.people
    lead_inspector = people["ofsted.lead"]
    for kind, content, sign_offs in DEMO_TEXTS:
        if SharedText.objects.filter(inspection=inspection, kind=kind).exists():
            continue
        shared_text = services.shared_text_save(
            acting_user=lead_inspector,
            inspection=inspection,
            kind=kind,
            expected_version=0,
            **content,
        )
        shared_text = services.shared_text_circulate(
            acting_user=lead_inspector,
            shared_text=shared_text,
            seen_version=shared_text.current_version,
        )
        for username, code, decision, comment in sign_offs:
            services.signoff_record(
                acting_user=people[username],
                shared_text=shared_text,
                inspectorate_code=code,
                version_number=shared_text.current_version,
                decision=decision,
                comment=comment,
            )
