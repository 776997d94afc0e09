"""Who may do what in the factual accuracy round.

The lead inspector sends the draft, revokes or replaces a contact's link, and closes the round.
A comment's disposition belongs to the inspectorate that owns its section (its lead and its team
members); the shared sections' comments to the lead inspector. The contacts have no account: a
valid link is their whole right (`accuracy.links`).
"""

from __future__ import annotations

from core.permissions import refuse_unless
from inspections.permissions import InspectionAccess

NOT_ALLOWED_TO_SEND = "Only the lead inspector can send the draft to the area."
NOT_ALLOWED_TO_MANAGE_LINKS = "Only the lead inspector can revoke or replace a contact's link."
NOT_ALLOWED_TO_CLOSE = "Only the lead inspector can close the factual accuracy round."
NOT_ALLOWED_TO_DISPOSE = "Only {owner} can record a disposition of a comment on this section."


def may_see_round(access: InspectionAccess) -> bool:
    return access.can_view


def may_send(access: InspectionAccess) -> bool:
    return access.is_lead_inspector


def may_close(access: InspectionAccess) -> bool:
    return access.is_lead_inspector


def may_dispose(access: InspectionAccess, owner: str) -> bool:
    """An inspectorate's section: its lead and team members; a shared one: the lead inspector."""
    if not owner:
        return access.is_lead_inspector
    return owner in access.contributes_for or access.leads(owner)


def check_send(access: InspectionAccess) -> None:
    refuse_unless(may_send(access), NOT_ALLOWED_TO_SEND)


def check_manage_links(access: InspectionAccess) -> None:
    refuse_unless(may_send(access), NOT_ALLOWED_TO_MANAGE_LINKS)


def check_close(access: InspectionAccess) -> None:
    refuse_unless(may_close(access), NOT_ALLOWED_TO_CLOSE)


def check_dispose(access: InspectionAccess, owner: str, owner_name: str) -> None:
    refuse_unless(may_dispose(access, owner), NOT_ALLOWED_TO_DISPOSE.format(owner=owner_name))
