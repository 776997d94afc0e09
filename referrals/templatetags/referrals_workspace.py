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
    # Read with the inspection in the same query (OPEN_REFERRALS_ANNOTATIONS) when the page
    # asked for it: no query at all when none is open, the usual case.
    if getattr(inspection, "any_referral_open", True) is False:
        referrals = []
    else:
        referrals = list(selectors.open_referrals(inspection=inspection).order_by("number"))
    return {"show": True, "inspection": inspection, "referrals": referrals}
