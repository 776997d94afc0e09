"""The contacts' personal links: signed, bound to one contact and one draft, expiring, revocable.

The address carries a value signed with the service's secret key (`django.core.signing`, with a
salt of its own) naming the link's random id, its random nonce, the round, the contact and the
draft. Nothing in it can be guessed or changed: a changed character fails the signature. The
link row says whether it still works: its expiry day (to the end of that day, Europe/London),
its revocation, and whether its round is still the inspection's newest.
"""

from __future__ import annotations

import datetime
import secrets
import zoneinfo
from dataclasses import dataclass

from django.core import signing
from django.utils import timezone

from accuracy.models import AccuracyLink, FactualAccuracyRound, LinkUseKind

SALT = "accuracy.contact-link"
LONDON = zoneinfo.ZoneInfo("Europe/London")


def new_secret() -> str:
    return secrets.token_urlsafe(24)


def token_for(link: AccuracyLink) -> str:
    """The signed value the contact's address carries."""
    return signing.dumps(
        {
            "l": link.token_id,
            "n": link.nonce,
            "r": link.round_id,
            "c": link.contact_id,
            "v": link.round.report_version_id,
        },
        salt=SALT,
        compress=True,
    )


def expires_at(day: datetime.date) -> datetime.datetime:
    """The end of `day` in England: the first moment of the next day, Europe/London."""
    return datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), LONDON)


@dataclass(frozen=True)
class LinkCheck:
    """What a presented address turned out to be: the link, if known, and why it is refused."""

    link: AccuracyLink | None
    refused: str = ""  # a LinkUseKind refusal, or "" when the link may be used

    @property
    def ok(self) -> bool:
        return not self.refused


def check_token(token: str, *, now: datetime.datetime | None = None) -> LinkCheck:
    """The link an address names, and whether it may be used now."""
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return LinkCheck(None, LinkUseKind.REFUSED_TAMPERED)
    if not isinstance(payload, dict):
        return LinkCheck(None, LinkUseKind.REFUSED_TAMPERED)
    link = (
        AccuracyLink.objects.select_related(
            "round__inspection__local_authority",
            "round__report_version",
            "contact__partner_body",
        )
        .filter(token_id=str(payload.get("l", "")))
        .first()
    )
    if link is None:
        return LinkCheck(None, LinkUseKind.REFUSED_TAMPERED)
    bound = (payload.get("n"), payload.get("r"), payload.get("c"))
    if bound != (link.nonce, link.round_id, link.contact_id):
        return LinkCheck(link, LinkUseKind.REFUSED_TAMPERED)
    if payload.get("v") != link.round.report_version_id or not _round_is_current(link.round):
        return LinkCheck(link, LinkUseKind.REFUSED_OTHER_DRAFT)
    if link.is_revoked:
        return LinkCheck(link, LinkUseKind.REFUSED_REVOKED)
    # After the round closes the link stays usable to fetch the response document; the draft
    # page shows it in place of the comment form (the view decides).
    if (now or timezone.now()) >= expires_at(link.expires_on) and link.round.is_open:
        return LinkCheck(link, LinkUseKind.REFUSED_EXPIRED)
    return LinkCheck(link)


def _round_is_current(round_: FactualAccuracyRound) -> bool:
    """A link to a round that a newer round (a newer draft) replaced is for another draft."""
    return not FactualAccuracyRound.objects.filter(
        inspection_id=round_.inspection_id, sent_at__gt=round_.sent_at
    ).exists()
