from django.apps import AppConfig


class LscbConfig(AppConfig):
    name = "lscb"
    verbose_name = "Shared LSCB judgement and key findings"

    def ready(self) -> None:
        from core.audit_registry import audit_register
        from core.dashboard import awaiting_register, inspection_links_register
        from lscb import dashboard, selectors
        from lscb.models import SharedText, SignOff

        audit_register(SharedText, name="Shared text", inspection_path="inspection_id")
        audit_register(SignOff, name="Sign-off", inspection_path="shared_text__inspection_id")
        awaiting_register(selectors.awaiting_for_user)
        inspection_links_register(dashboard.inspection_links)
