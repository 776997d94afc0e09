from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = "Inspections"

    def ready(self) -> None:
        from core.audit_registry import audit_register
        from core.dashboard import inspection_links_register
        from inspections.areas import links
        from inspections.models import (
            AreaContact,
            CaseSample,
            Inspection,
            LocalAuthority,
            Participation,
            PartnerBody,
            TeamMember,
        )

        # What the audit log shows of the shared inspection; children's details never.
        audit_register(Inspection, name="Inspection", inspection_path="id")
        audit_register(
            Participation, name="Inspectorate taking part", inspection_path="inspection_id"
        )
        audit_register(TeamMember, name="Team member", inspection_path="inspection_id")
        audit_register(
            CaseSample,
            name="Case sample",
            inspection_path="inspection_id",
            personal_fields={
                "child_name",
                "date_of_birth",
                "agency_references",
                "family_members",
                "carers",
                "aliases",
                "school",
            },
        )
        audit_register(LocalAuthority, name="Local authority", inspection_path=None)
        audit_register(PartnerBody, name="Partner body", inspection_path=None)
        audit_register(AreaContact, name="Area contact", inspection_path=None)
        inspection_links_register(links.inspection_links)
