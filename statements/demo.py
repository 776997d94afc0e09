"""The demo's written statements of action: for every published demo report that owes one
(DESIGN rule 12), a statement received, with two actions (one overdue) and a monitoring note.

Only where the rule says a statement is owed: a demo report with no judgement of the framework's
`statement_of_action_grades` gets none. Idempotent: a statement already received is left alone.
"""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from inspections.demo import DemoInspection
from inspections.models import LocalAuthority, PartnerBody, PartnerBodyKind
from statements import selectors, services
from statements.models import ActionStatus


def _pdf(title: str) -> bytes:
    """A one-page PDF saying `title`: the demo's stand-in for the file an area sends."""
    text = title.replace("\\", "").replace("(", "").replace(")", "")
    stream = f"BT /F1 18 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _bodies(area: LocalAuthority) -> list[PartnerBody]:
    """The area's partner bodies; the demo areas' own, from their details, if none is recorded."""
    bodies = list(PartnerBody.objects.filter(local_authority=area))
    if not bodies:
        for kind, name in (
            (PartnerBodyKind.CHILDRENS_SERVICES, f"{area.name} Children's Services"),
            (PartnerBodyKind.POLICE, area.police_force),
        ):
            if name:
                body, _ = PartnerBody.objects.get_or_create(
                    local_authority=area, name=name, defaults={"kind": kind}
                )
                bodies.append(body)
    return bodies


def seed(seeded: DemoInspection) -> int:
    """Record a statement for each owed and not yet received; returns how many were recorded."""
    admin = seeded.people["programme.admin"]
    today = selectors.today()
    recorded = 0
    for owed in selectors.statements_owed():
        if owed.is_received:
            continue
        inspection = owed.inspection
        area = inspection.local_authority
        upload = SimpleUploadedFile(
            f"{area.name} written statement of action.pdf",
            _pdf(f"{area.name}: written statement of action"),
            content_type="application/pdf",
        )
        services.statement_receive(
            acting_user=admin, inspection=inspection, received_on=today, upload=upload
        )
        bodies = _bodies(area)
        first, second = bodies[0], bodies[-1]
        services.action_save(
            acting_user=admin,
            inspection=inspection,
            description="Make sure every child in need plan sets out measurable actions and "
            "timescales, and audit a sample of plans each month.",
            owner=first,
            due_on=today - datetime.timedelta(days=14),
            status=ActionStatus.IN_PROGRESS,
        )
        services.action_save(
            acting_user=admin,
            inspection=inspection,
            description="Agree with partners how the multi-agency safeguarding hub records "
            "its threshold decisions, and train every duty officer in it.",
            owner=second,
            due_on=today + datetime.timedelta(days=90),
            status=ActionStatus.NOT_STARTED,
        )
        services.note_add(
            acting_user=admin,
            inspection=inspection,
            noted_on=today,
            text="Monitoring visit: the audit of child in need plans has started but has not "
            "yet covered every team. The area expects to finish it next month.",
        )
        recorded += 1
    return recorded
