from django.apps import AppConfig


class AccuracyConfig(AppConfig):
    name = "accuracy"
    verbose_name = "Factual accuracy round"

    def ready(self) -> None:
        from accuracy import dashboard, selectors
        from accuracy.models import AccuracyComment, AccuracyLink, FactualAccuracyRound, LinkUse
        from core import gates
        from core.audit_registry import audit_register
        from core.dashboard import awaiting_register, inspection_links_register

        audit_register(
            FactualAccuracyRound, name="Factual accuracy round", inspection_path="inspection_id"
        )
        audit_register(
            AccuracyLink, name="Factual accuracy link", inspection_path="round__inspection_id"
        )
        audit_register(
            AccuracyComment, name="Factual accuracy comment", inspection_path="round__inspection_id"
        )
        # Every use of a contact's link, refused ones too (a tampered link names no inspection).
        audit_register(LinkUse, name="Factual accuracy link use", inspection_path="inspection_id")
        # DESIGN rule 10: publication needs the round closed.
        gates.register("publish", selectors.publication_missing)
        awaiting_register(selectors.awaiting_for_user)
        inspection_links_register(dashboard.inspection_links)
