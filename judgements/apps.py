from django.apps import AppConfig


class JudgementsConfig(AppConfig):
    name = "judgements"
    verbose_name = "Evidence and judgements"

    def ready(self) -> None:
        from core.audit_registry import audit_register
        from core.dashboard import inspection_links_register
        from judgements import dashboard
        from judgements.models import Evidence, EvidenceArea, Judgement

        # Staff names are personal details too: the audit log never shows them.
        audit_register(
            Evidence,
            name="Evidence",
            inspection_path="inspection_id",
            personal_fields={"staff_names"},
        )
        audit_register(
            EvidenceArea, name="Evidence area", inspection_path="evidence__inspection_id"
        )
        audit_register(Judgement, name="Judgement", inspection_path="inspection_id")
        inspection_links_register(dashboard.inspection_links)
        # The workspace's cache key moves with every write it shows (workspace_cache.py).
        from judgements import workspace_cache

        workspace_cache.connect()
