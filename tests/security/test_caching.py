"""Pages with children's details are kept out of caches; public pages keep their caching.

One table says, for every URL pattern, whether it is public (the published reports) or private
(everything else). A URL pattern missing from the table fails the test, so a new page cannot
ship without saying which it is. Every answer to a signed-in user on a private pattern, whatever
its status, carries `Cache-Control: private, no-store`: a shared computer must not show it from
its cache after sign-out. Public pages are not marked private, and the PDFs keep their ETags.
"""

from __future__ import annotations

from django.test import Client
from django.utils.cache import get_max_age

from tests.security.urls import url_arguments, url_for, url_names

PRIVATE, PUBLIC = "private", "public"

CACHING: dict[str, str] = {
    "home": PRIVATE,
    "healthz": PRIVATE,
    "login": PRIVATE,
    "logout": PRIVATE,
    "two_factor_enrol": PRIVATE,
    "two_factor_verify": PRIVATE,
    "password_change": PRIVATE,
    "password_change_done": PRIVATE,
    "audit": PRIVATE,
    "inspections:list": PRIVATE,
    "inspections:create": PRIVATE,
    "inspections:detail": PRIVATE,
    "inspections:set_up": PRIVATE,
    "inspections:move_stage": PRIVATE,
    "inspections:fieldwork_continues": PRIVATE,
    "inspections:team": PRIVATE,
    "inspections:team_member_remove": PRIVATE,
    "inspections:case_list": PRIVATE,
    "inspections:case_create": PRIVATE,
    "inspections:case_detail": PRIVATE,
    # Children's personal details (issue 15).
    "inspections:case_update": PRIVATE,
    "audit_child_views": PRIVATE,
    "audit_erasures": PRIVATE,
    # The areas' partner bodies and their contacts: people's names and emails (issue 14).
    **dict.fromkeys(
        [
            "areas:list",
            "areas:detail",
            "areas:history",
            "areas:body_create",
            "areas:body_update",
            "areas:body_remove",
            "areas:contact_create",
            "areas:contact_update",
            "areas:contact_drafts",
        ],
        PRIVATE,
    ),
    # Concern referrals: children's details, never in a cache (issue 15).
    "referrals:list": PRIVATE,
    "referrals:create": PRIVATE,
    "referrals:detail": PRIVATE,
    "referrals:response": PRIVATE,
    "referrals:close": PRIVATE,
    "judgements:workspace": PRIVATE,
    "judgements:coverage": PRIVATE,
    "judgements:evidence_list": PRIVATE,
    "judgements:evidence_create": PRIVATE,
    "judgements:evidence_detail": PRIVATE,
    "judgements:evidence_update": PRIVATE,
    "judgements:evidence_delete": PRIVATE,
    "judgements:judgement": PRIVATE,
    "judgements:judgement_submit": PRIVATE,
    "judgements:judgement_agree": PRIVATE,
    "judgements:judgement_reopen": PRIVATE,
    "judgements:judgement_history": PRIVATE,
    "lscb:overview": PRIVATE,
    "lscb:detail": PRIVATE,
    "lscb:edit": PRIVATE,
    "lscb:circulate": PRIVATE,
    "lscb:sign": PRIVATE,
    "lscb:finalise": PRIVATE,
    "lscb:reopen": PRIVATE,
    "lscb:history": PRIVATE,
    "reports_team:overview": PRIVATE,
    "reports_team:publish": PRIVATE,
    "reports_team:correction": PRIVATE,
    "reports_team:version_acknowledge": PRIVATE,
    "reports_team:version": PRIVATE,
    "reports_team:version_status": PRIVATE,
    "reports_team:version_retry": PRIVATE,
    "reports_team:version_pdf": PRIVATE,
    # The factual accuracy round: the team's pages, and the contacts' (a draft not for publication).
    "accuracy:overview": PRIVATE,
    "accuracy:send": PRIVATE,
    "accuracy:close": PRIVATE,
    "accuracy:link_revoke": PRIVATE,
    "accuracy:link_reissue": PRIVATE,
    "accuracy:comment": PRIVATE,
    "accuracy:response_pdf": PRIVATE,
    "accuracy_contact:draft": PRIVATE,
    "accuracy_contact:no_comments": PRIVATE,
    "accuracy_contact:draft_pdf": PRIVATE,
    "accuracy_contact:response_pdf": PRIVATE,
    "selection:home": PRIVATE,
    "selection:areas": PRIVATE,
    "selection:import": PRIVATE,
    "selection:area": PRIVATE,
    "selection:indicators": PRIVATE,
    "selection:concern_delete": PRIVATE,
    "selection:policy": PRIVATE,
    "selection:policy_edit": PRIVATE,
    "selection:policy_version": PRIVATE,
    "selection:year_create": PRIVATE,
    "selection:year": PRIVATE,
    "selection:year_places": PRIVATE,
    "selection:year_export": PRIVATE,
    "selection:decision": PRIVATE,
    "reports:list": PUBLIC,
    "reports:feed": PUBLIC,
    "reports:detail": PUBLIC,
    # Issue 16: a narrative inspection's theme and findings are the team's; a published
    # thematic overview is public, the programme administrator's pages are not.
    "narrative:findings": PRIVATE,
    "narrative:theme": PRIVATE,
    "narrative:finding_add": PRIVATE,
    "narrative:finding_edit": PRIVATE,
    "narrative:finding_delete": PRIVATE,
    "thematic_public:list": PUBLIC,
    "thematic_public:overview": PUBLIC,
    "thematic_public:overview_json": PUBLIC,
    "thematic:manage": PRIVATE,
    "thematic:manage_series": PRIVATE,
    "thematic:publish": PRIVATE,
    "reports:pdf": PUBLIC,
    "reports:version": PUBLIC,
    "reports:version_pdf": PUBLIC,
    "reports:version_pdf_superseded": PUBLIC,
    "reports:api_list": PUBLIC,
    # Issue 17: open data for one report, the API's own 404, the sitemap; the footer's pages
    # and robots.txt sit outside the public namespaces, so signed in they are not stored.
    "reports:api_detail": PUBLIC,
    "reports:api_not_found": PUBLIC,
    "reports:sitemap": PUBLIC,
    "service_status": PRIVATE,
    "accessibility": PRIVATE,
    "privacy": PRIVATE,
    "cookies": PRIVATE,
    "licence": PRIVATE,
    "robots_txt": PRIVATE,
    "favicon": PRIVATE,
    "statements:list": PRIVATE,
    "statements:overdue": PRIVATE,
    "statements:detail": PRIVATE,
    "statements:receive": PRIVATE,
    "statements:pdf": PRIVATE,
    "statements:action_create": PRIVATE,
    "statements:action_update": PRIVATE,
    "statements:note_create": PRIVATE,
    "statements:publish": PRIVATE,
    "statements_public:pdf": PUBLIC,
}

# Between them these see every private page with a 200: the team's own pages (children's
# details are the team's only), the lead inspector's and the programme's.
SIGNED_IN = ("ofsted.inspector", "ofsted.lead", "programme.admin")


def _directives(response) -> set[str]:
    header = response.get("Cache-Control", "")
    return {part.strip().split("=")[0].lower() for part in header.split(",") if part.strip()}


def _clients(people) -> dict[str, Client]:
    clients = {"anonymous": Client()}
    for username in SIGNED_IN:
        clients[username] = Client()
        clients[username].force_login(people[username])
    return clients


def test_every_url_pattern_says_whether_it_is_public():
    names = url_names()
    missing = sorted(set(names) - set(CACHING))
    assert not missing, f"Add these URL patterns to CACHING in {__file__}: {missing}"
    stale = sorted(set(CACHING) - set(names))
    assert not stale, f"CACHING names URL patterns that no longer exist: {stale}"


def test_signed_in_pages_are_private_and_not_stored_and_public_pages_keep_their_caching(
    demo_data,
):
    arguments = url_arguments(demo_data)
    clients = _clients(demo_data.people)
    stored, marked_private, seen = [], [], set()
    for name in url_names():
        url = url_for(name, arguments)
        for role, client in clients.items():
            response = client.get(url)
            directives = _directives(response)
            if response.status_code == 200:
                seen.add(name)
            if CACHING[name] == PUBLIC:
                if directives & {"private", "no-store"}:
                    marked_private.append(f"{url} as {role}: {response['Cache-Control']}")
            elif role != "anonymous" and not {"private", "no-store"} <= directives:
                stored.append(
                    f"{url} as {role} ({response.status_code}): "
                    f"{response.get('Cache-Control', 'no Cache-Control')}"
                )
    assert stored == []
    assert marked_private == []
    # The check looked at real pages, not only at refusals and redirects.
    assert {"inspections:case_detail", "judgements:evidence_detail", "audit"} <= seen


def test_the_case_sample_page_is_not_kept_after_sign_out(demo_data):
    arguments = url_arguments(demo_data)
    client = Client()
    client.force_login(demo_data.people["ofsted.inspector"])
    response = client.get(url_for("inspections:case_detail", arguments))
    assert response.status_code == 200
    assert {"private", "no-store"} <= _directives(response)
    assert "public" not in _directives(response)


def test_the_published_pdf_keeps_its_etag_and_public_caching(demo_data):
    arguments = url_arguments(demo_data)
    for client in (Client(), _clients(demo_data.people)["ofsted.lead"]):
        response = client.get(url_for("reports:version_pdf", arguments))
        assert response.status_code == 200
        assert response["ETag"].startswith('"')
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        current = client.get(url_for("reports:pdf", arguments))
        assert get_max_age(current) == 0
        assert "public" in _directives(current)


def test_static_files_keep_their_caching(client):
    response = client.get("/static/js/init.mjs")
    assert response.status_code == 200
    assert "no-store" not in _directives(response)
