"""Changing an area's partner bodies and contacts: programme staff only, one transaction each,
a history record naming who acted and why (DESIGN rules 9 and 18).

Each write locks the area's row first, so two people adding the same body or contact at once
cannot both pass the duplicate check: the second waits, then sees the first's row.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from core.models import record_change
from inspections.models import (
    CLOSED_STATUSES,
    AreaContact,
    Inspection,
    LocalAuthority,
    PartnerBody,
    PartnerBodyKind,
)
from inspections.permissions import check_manage_areas

NAME_REQUIRED = "Enter the name of the partner body"
KIND_REQUIRED = "Select what kind of body it is"
DUPLICATE_BODY = "{area} already has a partner body called {name}"
BODY_HAS_CONTACTS = (
    "{body} has contacts on record, so it cannot be removed. Mark each contact as no longer "
    "receiving drafts instead."
)
BODY_IN_USE = "{body} is named in the inspections' records, so it cannot be removed."
CUSTODY_NEEDED = (
    "HM Inspectorate of Prisons is taking part in {reference}, which needs a custodial "
    "establishment in {area}. Add another custodial establishment first."
)
CONTACT_NAME_REQUIRED = "Enter the contact's full name"
CONTACT_ROLE_REQUIRED = "Enter the contact's role, for example Director of children's services"
EMAIL_REQUIRED = "Enter the contact's email address"
EMAIL_INVALID = "Enter an email address in the correct format, like name@example.gov.uk"
DUPLICATE_EMAIL = "{body} already has a contact with the email address {email}"

BODY_NAME_MAX_LENGTH = PartnerBody._meta.get_field("name").max_length
CONTACT_NAME_MAX_LENGTH = AreaContact._meta.get_field("name").max_length
CONTACT_ROLE_MAX_LENGTH = AreaContact._meta.get_field("role").max_length
EMAIL_MAX_LENGTH = 254


def _lock_area(local_authority: LocalAuthority) -> LocalAuthority:
    return LocalAuthority.objects.select_for_update().get(pk=local_authority.pk)


def _body_fields(
    *, area: LocalAuthority, kind: str, name: str, exclude_pk: int | None
) -> tuple[str, str]:
    """The body's kind and tidied name, or every problem with them at once."""
    name = " ".join((name or "").split())
    errors: dict[str, str] = {}
    if kind not in PartnerBodyKind.values:
        errors["kind"] = KIND_REQUIRED
    if not name:
        errors["name"] = NAME_REQUIRED
    elif len(name) > BODY_NAME_MAX_LENGTH:
        errors["name"] = f"The name must be {BODY_NAME_MAX_LENGTH} characters or fewer"
    else:
        # The database's constraint is case-sensitive; "Ashdown police" beside "Ashdown Police"
        # would still be the same body to a reader.
        same = PartnerBody.objects.filter(local_authority=area, name__iexact=name)
        if same.exclude(pk=exclude_pk).exists():
            errors["name"] = DUPLICATE_BODY.format(area=area.name, name=name)
    if errors:
        raise ValidationError(errors)
    return kind, name


def _save_unique(instance, error: ValidationError) -> None:
    """Save; a unique constraint that another transaction won first is the same refusal."""
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as clash:
        raise error from clash


def _check_custody_kept(*, body: PartnerBody, area: LocalAuthority) -> None:
    """Refuse to take away the area's last custodial establishment while HMI Prisons, which
    needs one (DESIGN rule 18), takes part in a live inspection of the area."""
    if body.kind != PartnerBodyKind.CUSTODIAL:
        return
    others = PartnerBody.objects.filter(local_authority=area, kind=PartnerBodyKind.CUSTODIAL)
    if others.exclude(pk=body.pk).exists():
        return
    live = Inspection.objects.filter(local_authority=area).exclude(status__in=CLOSED_STATUSES)
    for inspection in live.prefetch_related("participations__inspectorate"):
        for participation in inspection.participations.all():
            code = participation.inspectorate.code
            if code in inspection.framework.inspectorates and (
                inspection.framework.for_inspectorate(code).requires_custodial_establishment
            ):
                raise ValidationError(
                    CUSTODY_NEEDED.format(reference=inspection.reference, area=area.name)
                )


@transaction.atomic
def partner_body_create(
    *, acting_user: AbstractBaseUser, local_authority: LocalAuthority, kind: str, name: str
) -> PartnerBody:
    check_manage_areas(acting_user)
    area = _lock_area(local_authority)
    kind, name = _body_fields(area=area, kind=kind, name=name, exclude_pk=None)
    body = PartnerBody(local_authority=area, kind=kind, name=name)
    record_change(body, acting_user=acting_user, reason="Partner body added")
    _save_unique(body, ValidationError({"name": DUPLICATE_BODY.format(area=area, name=name)}))
    return body


@transaction.atomic
def partner_body_update(
    *, acting_user: AbstractBaseUser, partner_body: PartnerBody, kind: str, name: str
) -> PartnerBody:
    check_manage_areas(acting_user)
    area = _lock_area(partner_body.local_authority)
    body = PartnerBody.objects.select_for_update().get(pk=partner_body.pk)
    kind, name = _body_fields(area=area, kind=kind, name=name, exclude_pk=body.pk)
    if kind != body.kind:
        _check_custody_kept(body=body, area=area)
    if (kind, name) == (body.kind, body.name):
        return body
    body.kind, body.name = kind, name
    record_change(body, acting_user=acting_user, reason="Partner body changed")
    _save_unique(body, ValidationError({"name": DUPLICATE_BODY.format(area=area, name=name)}))
    return body


@transaction.atomic
def partner_body_remove(*, acting_user: AbstractBaseUser, partner_body: PartnerBody) -> None:
    """Remove a body entered by mistake or gone. A body with contacts stays: drafts may have been
    sent to them, and the record of that must keep its names."""
    check_manage_areas(acting_user)
    area = _lock_area(partner_body.local_authority)
    body = PartnerBody.objects.select_for_update().get(pk=partner_body.pk)
    if body.contacts.exists():
        raise ValidationError(BODY_HAS_CONTACTS.format(body=body.name))
    _check_custody_kept(body=body, area=area)
    record_change(body, acting_user=acting_user, reason="Partner body removed")
    try:
        body.delete()
    except ProtectedError as error:
        # Another app's record names the body (a referral's agency alerted, for instance).
        raise ValidationError(BODY_IN_USE.format(body=body.name)) from error


def _contact_fields(
    *, body: PartnerBody, name: str, role: str, email: str, exclude_pk: int | None
) -> tuple[str, str, str]:
    name, role = " ".join((name or "").split()), " ".join((role or "").split())
    email = (email or "").strip()
    errors: dict[str, str] = {}
    for field, value, required, limit in (
        ("name", name, CONTACT_NAME_REQUIRED, CONTACT_NAME_MAX_LENGTH),
        ("role", role, CONTACT_ROLE_REQUIRED, CONTACT_ROLE_MAX_LENGTH),
    ):
        if not value:
            errors[field] = required
        elif len(value) > limit:
            errors[field] = f"The {field} must be {limit} characters or fewer"
    if not email:
        errors["email"] = EMAIL_REQUIRED
    else:
        try:
            if len(email) > EMAIL_MAX_LENGTH:
                raise ValidationError(EMAIL_INVALID)
            validate_email(email)
        except ValidationError:
            errors["email"] = EMAIL_INVALID
        else:
            same = AreaContact.objects.filter(partner_body=body, email__iexact=email)
            if same.exclude(pk=exclude_pk).exists():
                errors["email"] = DUPLICATE_EMAIL.format(body=body.name, email=email)
    if errors:
        raise ValidationError(errors)
    return name, role, email


@transaction.atomic
def area_contact_create(
    *, acting_user: AbstractBaseUser, partner_body: PartnerBody, name: str, role: str, email: str
) -> AreaContact:
    check_manage_areas(acting_user)
    _lock_area(partner_body.local_authority)
    name, role, email = _contact_fields(
        body=partner_body, name=name, role=role, email=email, exclude_pk=None
    )
    contact = AreaContact(partner_body=partner_body, name=name, role=role, email=email)
    record_change(contact, acting_user=acting_user, reason="Contact added")
    duplicate = DUPLICATE_EMAIL.format(body=partner_body.name, email=email)
    _save_unique(contact, ValidationError({"email": duplicate}))
    return contact


@transaction.atomic
def area_contact_update(
    *, acting_user: AbstractBaseUser, contact: AreaContact, name: str, role: str, email: str
) -> AreaContact:
    check_manage_areas(acting_user)
    _lock_area(contact.partner_body.local_authority)
    contact = AreaContact.objects.select_related("partner_body").get(pk=contact.pk)
    name, role, email = _contact_fields(
        body=contact.partner_body, name=name, role=role, email=email, exclude_pk=contact.pk
    )
    if (name, role, email) == (contact.name, contact.role, contact.email):
        return contact
    contact.name, contact.role, contact.email = name, role, email
    record_change(contact, acting_user=acting_user, reason="Contact changed")
    duplicate = DUPLICATE_EMAIL.format(body=contact.partner_body.name, email=email)
    _save_unique(contact, ValidationError({"email": duplicate}))
    return contact


@transaction.atomic
def area_contact_set_active(
    *, acting_user: AbstractBaseUser, contact: AreaContact, active: bool
) -> AreaContact:
    """Stop (or start again) sending drafts to a contact. A contact is never deleted: the record
    of a factual accuracy round names whom its draft went to."""
    check_manage_areas(acting_user)
    contact = AreaContact.objects.select_for_update().get(pk=contact.pk)
    if contact.active == active:
        return contact
    contact.active = active
    reason = "Receives drafts again" if active else "No longer receives drafts"
    record_change(contact, acting_user=acting_user, reason=reason)
    contact.save()
    return contact
