from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    """Children found at risk during fieldwork: referred to a local agency and followed up."""

    name = "referrals"
    verbose_name = "Concern referrals"

    def ready(self) -> None:
        from core import gates
        from core.audit_registry import audit_register
        from core.dashboard import awaiting_register, inspection_links_register
        from referrals import dashboard, selectors
        from referrals.models import ConcernReferral, EscalationNotice

        # What was found and what the agency said are about the child: never in the audit log.
        audit_register(
            ConcernReferral,
            name="Concern referral",
            inspection_path="inspection_id",
            personal_fields={"concern", "response"},
        )
        audit_register(
            EscalationNotice,
            name="Referral escalation",
            inspection_path="referral__inspection_id",
        )
        # DESIGN rule 13: no drafting while a referral has no response recorded.
        gates.register("enter:drafting", selectors.referrals_blocking_drafting)
        awaiting_register(dashboard.awaiting_for_user)
        inspection_links_register(dashboard.inspection_links)
        # What was found and the agency's response are erased with the case samples (rule 14).
        from privacy import erasure
        from referrals.services import erase_personal_details

        erasure.register(erase_personal_details, name="concern referrals")
