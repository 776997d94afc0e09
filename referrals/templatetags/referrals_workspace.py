"""`{% open_referrals_panel inspection access %}`: the open referrals, on the lead inspector's
workspace, without the workspace (judgements) knowing how referrals are kept."""

from __future__ import annotations

from django import template

from referrals import permissions, selectors

register = template.Library()


@register.inclusion_tag("referrals/includes/workspace_panel.html")
def open_referrals_panel(inspection, access) -> dict:
    """Every open referral, escalated ones flagged; shown to the team only (children's cases)."""
    if access is None or not permissions.referrals_visible(access):
        return {"show": False}
    return {
        "show": True,
        "inspection": inspection,
        "referrals": list(selectors.open_referrals(inspection=inspection).order_by("number")),
    }
