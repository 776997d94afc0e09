"""Writing a `ScalePlan` into the database with `bulk_create`, in one transaction."""

from __future__ import annotations

import datetime
import hashlib

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractBaseUser, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from guardian.models import UserObjectPermission

from inspections import demo
from inspections.models import (
    CaseSample,
    Inspection,
    InspectionStatus,
    LocalAuthority,
    Participation,
    PartnerBody,
    TeamMember,
    TeamRole,
)
from inspections.permissions import CONTRIBUTE_PERMISSION, LEAD_PERMISSION, VIEW_PERMISSION
from inspectorates.models import Inspectorate, InspectorProfile
from inspectorates.registry import framework_current
from seeding.scale.plan import local_datetime
from seeding.scale.seeded import (
    ALREADY_SEEDED,
    ScaleResult,
    bench_inspection_references,
    scale_already_seeded,
)
from seeding.scale.specs import KIND, PROGRAMME_BEGAN, AreaSpec, InspectionSpec, ScalePlan

SHARED_PDF_NAME = "reports/scale/shared-published-report.pdf"


def _reference(spec: InspectionSpec, area: AreaSpec) -> str:
    # The same form as `inspections.services` gives: kind, window start, ONS code.
    return f"INT-{spec.window_start:%Y%m%d}-{area.ons_code}"


class _Writer:
    def __init__(self, plan: ScalePlan) -> None:
        self.plan = plan
        self.framework = framework_current(KIND, on=PROGRAMME_BEGAN)
        self.inspectorates = {i.code: i for i in Inspectorate.objects.all()}

    # People and areas

    def people(self) -> None:
        User = get_user_model()
        demo_people = demo.seed_people()
        unusable = make_password(None)  # synthetic staff never sign in
        created = User.objects.bulk_create(
            User(
                username=person.username,
                first_name=person.first_name,
                last_name=person.last_name,
                email=f"{person.username}@example.org",
                password=unusable,
            )
            for person in self.plan.staff
        )
        InspectorProfile.objects.bulk_create(
            InspectorProfile(user=user, inspectorate=self.inspectorates[person.inspectorate])
            for user, person in zip(created, self.plan.staff, strict=True)
        )
        self.users: dict[str, AbstractBaseUser] = {
            **{user.username: user for user in created},
            **demo_people,
        }
        self.admin = demo_people["programme.admin"]

    def areas(self) -> None:
        from selection.models import AreaIndicators

        self.area_rows = LocalAuthority.objects.bulk_create(
            LocalAuthority(
                name=spec.name,
                ons_code=spec.ons_code,
                region=spec.region,
            )
            for spec in self.plan.areas
        )
        PartnerBody.objects.bulk_create(
            PartnerBody(local_authority=area, kind=kind, name=name)
            for area, spec in zip(self.area_rows, self.plan.areas, strict=True)
            for kind, name in spec.partner_bodies
        )
        AreaIndicators.objects.bulk_create(
            AreaIndicators(
                local_authority=area,
                ofsted_grade=spec.ofsted_grade,
                ofsted_judged_on=spec.ofsted_judged_on,
                re_referral_rate=spec.re_referral_rate,
                child_protection_plan_rate=spec.child_protection_plan_rate,
                looked_after_rate=spec.looked_after_rate,
                updated_by=self.admin,
            )
            for area, spec in zip(self.area_rows, self.plan.areas, strict=True)
        )

    # Inspections and teams

    def inspections(self) -> None:
        specs = self.plan.inspections
        self.inspection_rows = Inspection.objects.bulk_create(
            Inspection(
                reference=_reference(spec, self.plan.areas[spec.area]),
                local_authority=self.area_rows[spec.area],
                kind=KIND,
                framework_key=self.framework.key,
                window_start=spec.window_start,
                window_end=spec.window_end,
                notified_at=(
                    None
                    if spec.status == InspectionStatus.PLANNED
                    else local_datetime(spec.window_start - datetime.timedelta(days=5), 9)
                ),
                status=spec.status,
                lead_inspector=self.users[spec.lead_inspector],
                created_by=self.admin,
            )
            for spec in specs
        )
        participations = []
        for row, spec in zip(self.inspection_rows, specs, strict=True):
            leads = dict(spec.leads)
            participations.extend(
                Participation(
                    inspection=row,
                    inspectorate=self.inspectorates[code],
                    lead=self.users[leads[code]],
                )
                for code in spec.inspectorates
            )
        participations = Participation.objects.bulk_create(participations)
        self.participations = {(p.inspection_id, p.inspectorate.code): p for p in participations}
        members = []
        for row, spec in zip(self.inspection_rows, specs, strict=True):
            leads = set(dict(spec.leads).values())
            for code, username in spec.team():
                if username == spec.lead_inspector:
                    role = TeamRole.LEAD_INSPECTOR
                elif username in leads:
                    role = TeamRole.INSPECTORATE_LEAD
                else:
                    role = TeamRole.INSPECTOR
                members.append(
                    TeamMember(
                        inspection=row,
                        user=self.users[username],
                        inspectorate=self.inspectorates[code],
                        role=role,
                    )
                )
        TeamMember.objects.bulk_create(members)
        self._permissions(members)

    def _permissions(self, members: list[TeamMember]) -> None:
        """The guardian rows `sync_team_permissions` would write for each team, in bulk."""
        inspection_type = ContentType.objects.get_for_model(Inspection)
        participation_type = ContentType.objects.get_for_model(Participation)
        view = Permission.objects.get(content_type=inspection_type, codename=VIEW_PERMISSION)
        contribute = Permission.objects.get(
            content_type=participation_type, codename=CONTRIBUTE_PERMISSION
        )
        lead = Permission.objects.get(content_type=participation_type, codename=LEAD_PERMISSION)
        rows = []
        for member in members:
            rows.append(
                UserObjectPermission(
                    user=member.user,
                    permission=view,
                    content_type=inspection_type,
                    object_pk=str(member.inspection.pk),
                )
            )
            participation = self.participations[(member.inspection.pk, member.inspectorate.code)]
            rows.append(
                UserObjectPermission(
                    user=member.user,
                    permission=contribute,
                    content_type=participation_type,
                    object_pk=str(participation.pk),
                )
            )
        rows.extend(
            UserObjectPermission(
                user_id=participation.lead_id,
                permission=lead,
                content_type=participation_type,
                object_pk=str(participation.pk),
            )
            for participation in self.participations.values()
        )
        UserObjectPermission.objects.bulk_create(rows, batch_size=2000)

    # Fieldwork: case samples, evidence, judgements

    def fieldwork(self) -> None:
        from judgements.models import Evidence, EvidenceArea, Judgement

        specs = self.plan.inspections
        case_rows = CaseSample.objects.bulk_create(
            (
                CaseSample(
                    inspection=row,
                    internal_reference=case.internal_reference,
                    tracking=case.tracking,
                    age_band=case.age_band,
                    child_name=case.child_name,
                    date_of_birth=case.date_of_birth,
                    agency_references=case.agency_references,
                    added_by=self.users[
                        spec.inspectors[0][1] if spec.inspectors else spec.lead_inspector
                    ],
                )
                for row, spec in zip(self.inspection_rows, specs, strict=True)
                for case in spec.cases
            ),
            batch_size=1000,
        )
        self.cases: list[list[CaseSample]] = []
        position = 0
        for spec in specs:
            self.cases.append(case_rows[position : position + len(spec.cases)])
            position += len(spec.cases)
        CaseSample.agencies_involved.through.objects.bulk_create(
            (
                CaseSample.agencies_involved.through(
                    casesample_id=row.pk, inspectorate_id=self.inspectorates[code].pk
                )
                for rows, spec in zip(self.cases, specs, strict=True)
                for row, case in zip(rows, spec.cases, strict=True)
                for code in case.agencies
            ),
            batch_size=2000,
        )
        evidence_rows = Evidence.objects.bulk_create(
            (
                Evidence(
                    inspection=row,
                    inspectorate=self.inspectorates[item.inspectorate],
                    author=self.users[item.author],
                    observed_on=item.observed_on,
                    source=item.source,
                    text=item.text,
                    staff_names=item.staff_names,
                )
                for row, spec in zip(self.inspection_rows, specs, strict=True)
                for item in spec.evidence
            ),
            batch_size=1000,
        )
        evidence_by_inspection: list[list[Evidence]] = []
        position = 0
        for spec in specs:
            evidence_by_inspection.append(evidence_rows[position : position + len(spec.evidence)])
            position += len(spec.evidence)
        EvidenceArea.objects.bulk_create(
            (
                EvidenceArea.of(row, code)
                for rows, spec in zip(evidence_by_inspection, specs, strict=True)
                for row, item in zip(rows, spec.evidence, strict=True)
                for code in item.area_codes
            ),
            batch_size=2000,
        )
        Evidence.case_samples.through.objects.bulk_create(
            (
                Evidence.case_samples.through(evidence_id=row.pk, casesample_id=cases[n].pk)
                for rows, cases, spec in zip(evidence_by_inspection, self.cases, specs, strict=True)
                for row, item in zip(rows, spec.evidence, strict=True)
                for n in item.cases
            ),
            batch_size=2000,
        )
        judgement_rows = Judgement.objects.bulk_create(
            (
                Judgement(
                    inspection=row,
                    inspectorate=self.inspectorates[j.inspectorate],
                    area_code=j.area_code,
                    grade=j.grade,
                    rationale=j.rationale,
                    strengths=j.strengths,
                    areas_for_improvement=j.areas_for_improvement,
                    recommendations=j.recommendations,
                    status=j.status,
                    last_edited_by=self.users[j.author],
                    agreed_by=self.users[j.agreed_by] if j.agreed_by else None,
                    agreed_at=(
                        local_datetime(spec.window_end, 16) if j.status == "agreed" else None
                    ),
                )
                for row, spec in zip(self.inspection_rows, specs, strict=True)
                for j in spec.judgements
            ),
            batch_size=1000,
        )
        links = []
        position = 0
        for rows, spec in zip(evidence_by_inspection, specs, strict=True):
            for j in spec.judgements:
                judgement = judgement_rows[position]
                position += 1
                links.extend(
                    Judgement.evidence.through(judgement_id=judgement.pk, evidence_id=rows[n].pk)
                    for n in j.evidence
                )
        Judgement.evidence.through.objects.bulk_create(links, batch_size=2000)

    def shared_texts(self) -> None:
        from lscb.models import SharedText, SharedTextVersion, SignOff

        specs = self.plan.inspections
        pairs = [
            (row, spec, text)
            for row, spec in zip(self.inspection_rows, specs, strict=True)
            for text in spec.shared_texts
        ]
        text_rows = SharedText.objects.bulk_create(
            SharedText(
                inspection=row,
                kind=text.kind,
                status=text.status,
                current_version=len(text.versions),
                finalised_by=self.users[text.author] if text.status == "agreed" else None,
                finalised_at=(
                    local_datetime(spec.window_end, 17) if text.status == "agreed" else None
                ),
            )
            for row, spec, text in pairs
        )
        SharedTextVersion.objects.bulk_create(
            SharedTextVersion(
                shared_text=shared,
                number=number,
                grade=version.grade,
                body=version.body,
                improvements=version.improvements,
                author=self.users[text.author],
            )
            for shared, (_, _, text) in zip(text_rows, pairs, strict=True)
            for number, version in enumerate(text.versions, start=1)
        )
        sign_offs = SignOff.objects.bulk_create(
            SignOff(
                shared_text=shared,
                inspectorate=self.inspectorates[sign.inspectorate],
                version_number=sign.version_number,
                decision=sign.decision,
                comment=sign.comment,
                signed_by=self.users[sign.signed_by],
                voided_at=local_datetime(self.plan.today, 8) if sign.void_reason else None,
                void_reason=sign.void_reason,
            )
            for shared, (_, _, text) in zip(text_rows, pairs, strict=True)
            for sign in text.sign_offs
        )
        # `signed_at` is set on insert; a void sign-off was signed before the live ones.
        for sign in sign_offs:
            if sign.voided_at is not None:
                SignOff.objects.filter(pk=sign.pk).update(
                    signed_at=sign.voided_at - datetime.timedelta(days=1)
                )

    # Published reports

    def reports(self) -> str:
        from reports import rendering
        from reports.content import report_content, report_judgement_rows
        from reports.models import (
            PersonalDataCheck,
            Publication,
            ReportJudgement,
            ReportPurpose,
            ReportState,
            ReportVersion,
        )
        from reports.personal_data import personal_data_terms, terms_digest
        from reports.services import publication_slug

        published = [
            (row, spec)
            for row, spec in zip(self.inspection_rows, self.plan.inspections, strict=True)
            if spec.publications
        ]
        if not published:
            return ""
        # One real PDF, rendered from the first published report, stands for every report.
        first_row, first_spec = published[0]
        first = report_content(inspection=first_row)
        body = rendering.render_body(
            content=first,
            version_number=1,
            draft=False,
            publication_date=first_spec.publications[0].publish_at.date(),
        )
        document = rendering.lay_out(
            rendering.render_print_document(
                content=first,
                body_html=body,
                draft=False,
                created=first_spec.publications[0].publish_at,
            )
        )
        pdf = rendering.write_pdf(document)
        facts = rendering.read_pdf(pdf)
        sha256 = hashlib.sha256(pdf).hexdigest()
        if not default_storage.exists(SHARED_PDF_NAME):
            default_storage.save(SHARED_PDF_NAME, ContentFile(pdf))
        versions, contents = [], []
        for row, spec in published:
            content = first if row is first_row else report_content(inspection=row)
            digest = content.digest()
            terms = terms_digest(personal_data_terms(inspection=row))
            for number, publication in enumerate(spec.publications, start=1):
                finished = publication.publish_at - datetime.timedelta(days=2)
                versions.append(
                    ReportVersion(
                        inspection=row,
                        number=number,
                        purpose=ReportPurpose.FINAL,
                        state=ReportState.READY,
                        publication_date=publication.publish_at.date(),
                        requested_by=self.users[spec.lead_inspector],
                        pdf=SHARED_PDF_NAME,
                        sha256=sha256,
                        page_count=facts.page_count,
                        size_bytes=len(pdf),
                        body_html=rendering.render_body(
                            content=content,
                            version_number=number,
                            draft=False,
                            publication_date=publication.publish_at.date(),
                        ),
                        content_digest=digest,
                        attempts=1,
                        started_at=finished - datetime.timedelta(seconds=20),
                        finished_at=finished,
                        personal_data_check=PersonalDataCheck.PASSED,
                        personal_data_terms_digest=terms,
                    )
                )
                contents.append((content, spec, row, publication))
        versions = ReportVersion.objects.bulk_create(versions, batch_size=200)
        snapshots = []
        for version, (content, _, _, _) in zip(versions, contents, strict=True):
            snapshots.extend(report_judgement_rows(version=version, content=content))
        ReportJudgement.objects.bulk_create(snapshots, batch_size=2000)
        Publication.objects.bulk_create(
            Publication(
                inspection=row,
                report_version=version,
                slug=publication_slug(row),
                publish_at=publication.publish_at,
                published_at=publication.publish_at - datetime.timedelta(days=1),
                published_by=self.users[spec.lead_inspector],
                correction_note=publication.correction_note,
            )
            for version, (_, spec, row, publication) in zip(versions, contents, strict=True)
        )
        self.slugs = sorted({publication_slug(row) for row, _ in published})
        return SHARED_PDF_NAME


def scale_write(plan: ScalePlan) -> ScaleResult:
    """Write the plan into an empty database (or one holding only the demo)."""
    started = timezone.now()
    if scale_already_seeded():
        raise ValueError(ALREADY_SEEDED)
    writer = _Writer(plan)
    with transaction.atomic():
        writer.people()
        writer.areas()
        writer.inspections()
        writer.fieldwork()
        writer.shared_texts()
        shared_pdf = writer.reports()
    if connection.vendor == "postgresql":
        # Planner statistics for the bulk-loaded tables, as a database in use would have them.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return ScaleResult(
        plan=plan,
        bench_references=bench_inspection_references(),
        published_slugs=getattr(writer, "slugs", []),
        shared_pdf=shared_pdf,
        seconds=(timezone.now() - started).total_seconds(),
    )
