"""Every URL pattern of the service, and the demo rows that fill in its arguments."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from inspections.models import AreaContact, CaseSample, PartnerBody, TeamMember
from judgements.models import Evidence
from reports.models import Publication
from selection.models import PartnerConcern, ProgrammeYear
from tests.security.conftest import FullDemo

# Patterns the matrix leaves out, and why.
EXCLUDED_PREFIXES = {
    # Django's admin: staff only, its own login and permission checks (tested by Django).
    "admin/": "Django admin",
}

# Every role the matrix signs in as: anonymous, then each demo user.
ROLES = [
    "anonymous",
    "programme.admin",
    "ofsted.lead",
    "ofsted.inspector",
    "cqc.lead",
    "cqc.inspector",
    "hmic.lead",
    "hmic.inspector",
    "probation.lead",
    "probation.inspector",
    "prisons.lead",
    "prisons.inspector",
    "outsider",
]
TEAM = ROLES[2:12]


def url_names() -> list[str]:
    """The namespaced name of every URL pattern, except the excluded ones."""
    names = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if any(route.startswith(p) for p in EXCLUDED_PREFIXES):
                    continue
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, route, inner)
            elif isinstance(pattern, URLPattern):
                assert pattern.name, f"The URL pattern {route!r} needs a name."
                names.append(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, "", "")
    return names


def url_arguments(demo: FullDemo) -> dict[str, dict]:
    """Keyword arguments for each kind of URL argument, from the demo data."""
    inspection, published = demo.inspection, demo.published
    publication = Publication.objects.filter(inspection=published).latest("publish_at")
    version = publication.report_version
    concern = PartnerConcern.objects.select_related("local_authority").order_by("pk").first()
    return {
        "reference": inspection.reference,
        "member_id": TeamMember.objects.get(
            inspection=inspection, user=demo.people["hmic.inspector"]
        ).pk,
        "case_pk": CaseSample.objects.filter(inspection=inspection)
        .order_by("internal_reference")
        .first()
        .pk,
        "evidence_pk": Evidence.objects.filter(
            inspection=inspection, author=demo.people["ofsted.inspector"]
        )
        .order_by("pk")
        .first()
        .pk,
        "published_reference": published.reference,
        "version_number": version.number,
        "slug": publication.slug,
        "ons_code": inspection.local_authority.ons_code,
        "concern_id": concern.pk,
        "concern_ons_code": concern.local_authority.ons_code,
        "year": ProgrammeYear.objects.order_by("year").first().year,
        # Ashdown's youth offending service has no contacts, so it can be removed.
        "body_id": PartnerBody.objects.get(
            local_authority=inspection.local_authority, kind="youth_offending"
        ).pk,
        "contact_id": AreaContact.objects.filter(
            partner_body__local_authority=inspection.local_authority
        )
        .order_by("name")
        .first()
        .pk,
        "owing_reference": demo.owing.reference,
        "action_id": demo.owing.statement_of_action.actions.get().pk,
        # The factual accuracy round: the demo's Brackenfield round and its first comment.
        **accuracy_arguments(),
        # Issue 16: the demo's published joint targeted area inspection and its series.
        **narrative_arguments(),
    }


def narrative_arguments() -> dict:
    from narrative.models import Finding
    from thematic.models import Series

    finding = Finding.objects.filter(inspectorate__code="ofsted").order_by("pk").first()
    return {
        "narrative_reference": finding.inspection.reference,
        "finding_pk": finding.pk,
        "series_slug": Series.objects.order_by("pk").first().slug,
    }


def accuracy_arguments() -> dict:
    from accuracy.links import token_for
    from accuracy.models import AccuracyComment, AccuracyLink

    comment = AccuracyComment.objects.select_related("round__inspection", "link").get(
        section_key="key-findings"
    )
    # The link the lead inspector sent after the deadline: the one still usable.
    usable = AccuracyLink.objects.filter(revoked_at=None).order_by("-expires_on", "-pk").first()
    return {
        "accuracy_reference": comment.round.inspection.reference,
        "accuracy_comment": comment.pk,
        "accuracy_link": comment.link_id,
        "accuracy_round": comment.round_id,
        # The matrix asks with a token that is not a real link: refused for everyone alike.
        "bad_token": "not-a-real-link",
        "contact_token": token_for(usable),
    }


def url_for(name: str, arguments: dict) -> str:
    """The address of a pattern on the demo data."""
    a = arguments
    judgement = {
        "reference": a["reference"],
        "inspectorate_code": "ofsted",
        "area_code": "help_and_protection",
    }
    kwargs = {
        "inspections:detail": {"reference": a["reference"]},
        "inspections:set_up": {"reference": a["reference"]},
        "inspections:move_stage": {"reference": a["reference"]},
        "inspections:team": {"reference": a["reference"]},
        "inspections:team_member_remove": {
            "reference": a["reference"],
            "member_id": a["member_id"],
        },
        "inspections:case_list": {"reference": a["reference"]},
        "inspections:case_create": {"reference": a["reference"]},
        "inspections:case_detail": {"reference": a["reference"], "pk": a["case_pk"]},
        "inspections:case_update": {"reference": a["reference"], "pk": a["case_pk"]},
        "judgements:workspace": {"reference": a["reference"]},
        "judgements:coverage": {"reference": a["reference"]},
        "judgements:evidence_list": {"reference": a["reference"]},
        "judgements:evidence_create": {"reference": a["reference"]},
        "judgements:evidence_detail": {"reference": a["reference"], "pk": a["evidence_pk"]},
        "judgements:evidence_update": {"reference": a["reference"], "pk": a["evidence_pk"]},
        "judgements:evidence_delete": {"reference": a["reference"], "pk": a["evidence_pk"]},
        "judgements:judgement": judgement,
        "judgements:judgement_submit": judgement,
        "judgements:judgement_agree": judgement,
        "judgements:judgement_reopen": judgement,
        "judgements:judgement_history": judgement,
        "lscb:overview": {"reference": a["reference"]},
        "lscb:detail": {"reference": a["reference"], "kind": "lscb"},
        "lscb:edit": {"reference": a["reference"], "kind": "lscb"},
        "lscb:circulate": {"reference": a["reference"], "kind": "lscb"},
        "lscb:sign": {"reference": a["reference"], "kind": "lscb", "inspectorate": "cqc"},
        "lscb:finalise": {"reference": a["reference"], "kind": "lscb"},
        "lscb:reopen": {"reference": a["reference"], "kind": "lscb"},
        "lscb:history": {"reference": a["reference"], "kind": "lscb"},
        # Referral 2 of the demo is open, awaiting the agency's response.
        "referrals:list": {"reference": a["reference"]},
        "referrals:create": {"reference": a["reference"]},
        "referrals:detail": {"reference": a["reference"], "number": 2},
        "referrals:response": {"reference": a["reference"], "number": 2},
        "referrals:close": {"reference": a["reference"], "number": 2},
        # The report pages are about the published inspection: the one with versions.
        "reports_team:overview": {"reference": a["published_reference"]},
        "reports_team:publish": {"reference": a["published_reference"]},
        "reports_team:correction": {"reference": a["published_reference"]},
        "inspections:fieldwork_continues": {"reference": a["reference"]},
        "reports_team:version": {
            "reference": a["published_reference"],
            "number": a["version_number"],
        },
        "reports_team:version_status": {
            "reference": a["published_reference"],
            "number": a["version_number"],
        },
        "reports_team:version_retry": {
            "reference": a["published_reference"],
            "number": a["version_number"],
        },
        "reports_team:version_pdf": {
            "reference": a["published_reference"],
            "number": a["version_number"],
        },
        "reports_team:version_acknowledge": {
            "reference": a["published_reference"],
            "number": a["version_number"],
        },
        **accuracy_url_kwargs(a),
        "selection:area": {"ons_code": a["ons_code"]},
        "selection:indicators": {"ons_code": a["ons_code"]},
        "selection:concern_delete": {
            "ons_code": a["concern_ons_code"],
            "concern_id": a["concern_id"],
        },
        "selection:policy_version": {"version": 1},
        "selection:year": {"year": a["year"]},
        "selection:year_places": {"year": a["year"]},
        "selection:year_export": {"year": a["year"]},
        "selection:decision": {"year": a["year"], "ons_code": a["ons_code"]},
        "areas:detail": {"ons_code": a["ons_code"]},
        "areas:history": {"ons_code": a["ons_code"]},
        "areas:body_create": {"ons_code": a["ons_code"]},
        "areas:body_update": {"ons_code": a["ons_code"], "body_id": a["body_id"]},
        "areas:body_remove": {"ons_code": a["ons_code"], "body_id": a["body_id"]},
        "areas:contact_create": {"ons_code": a["ons_code"], "body_id": a["body_id"]},
        "areas:contact_update": {"ons_code": a["ons_code"], "contact_id": a["contact_id"]},
        "areas:contact_drafts": {"ons_code": a["ons_code"], "contact_id": a["contact_id"]},
        # The statement pages are about the second published report, which owes one.
        "statements:detail": {"reference": a["owing_reference"]},
        "statements:receive": {"reference": a["owing_reference"]},
        "statements:pdf": {"reference": a["owing_reference"]},
        "statements:action_create": {"reference": a["owing_reference"]},
        "statements:action_update": {
            "reference": a["owing_reference"],
            "action_id": a["action_id"],
        },
        "statements:note_create": {"reference": a["owing_reference"]},
        "statements:publish": {"reference": a["owing_reference"]},
        "statements_public:pdf": {"slug": a["slug"]},
        "narrative:findings": {"reference": a["narrative_reference"]},
        "narrative:theme": {"reference": a["narrative_reference"]},
        "narrative:finding_add": {"reference": a["narrative_reference"], "inspectorate": "ofsted"},
        "narrative:finding_edit": {"reference": a["narrative_reference"], "pk": a["finding_pk"]},
        "narrative:finding_delete": {"reference": a["narrative_reference"], "pk": a["finding_pk"]},
        "thematic:manage_series": {"slug": a["series_slug"]},
        "thematic:publish": {"slug": a["series_slug"]},
        "thematic_public:overview": {"slug": a["series_slug"]},
        "thematic_public:overview_json": {"slug": a["series_slug"]},
        "reports:detail": {"slug": a["slug"]},
        "reports:pdf": {"slug": a["slug"]},
        "reports:api_detail": {"slug": a["slug"]},
        "reports:api_not_found": {"rest": "no-such-thing/"},
        "reports:version": {"slug": a["slug"], "number": a["version_number"]},
        "reports:version_pdf": {"slug": a["slug"], "number": a["version_number"]},
        "reports:version_pdf_superseded": {"slug": a["slug"], "number": a["version_number"]},
    }.get(name, {})
    return reverse(name, kwargs=kwargs)


def accuracy_url_kwargs(a: dict) -> dict[str, dict]:
    team = {"reference": a["accuracy_reference"]}
    return {
        "accuracy:overview": team,
        "accuracy:send": team,
        "accuracy:close": team,
        "accuracy:link_revoke": {**team, "pk": a["accuracy_link"]},
        "accuracy:link_reissue": {**team, "pk": a["accuracy_link"]},
        "accuracy:comment": {**team, "pk": a["accuracy_comment"]},
        "accuracy:response_pdf": {**team, "pk": a["accuracy_round"]},
        "accuracy_contact:draft": {"token": a["bad_token"]},
        "accuracy_contact:no_comments": {"token": a["bad_token"]},
        "accuracy_contact:draft_pdf": {"token": a["bad_token"], "number": 1},
        "accuracy_contact:response_pdf": {"token": a["bad_token"]},
    }


def table_counts(app_labels: tuple[str, ...]) -> tuple[int, ...]:
    """Row counts of every table of these apps (history tables included), in one query."""
    from django.apps import apps
    from django.db import connection

    tables = sorted(
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.app_label in app_labels and model._meta.managed
    )
    quote = connection.ops.quote_name
    count = "(SELECT COUNT(*) FROM {})"  # noqa: S608 - table names from the models, not input
    counts = ", ".join(count.format(quote(table)) for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return tuple(cursor.fetchone())
