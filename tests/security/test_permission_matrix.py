"""Who gets what, for every URL of the service and every role, on the demo data.

One table states the expected answer of each URL pattern to an anonymous visitor and to each
demo user: 200, a redirect to sign in ("login"), 403, 404, or 405 for a GET of a POST-only
action. A URL pattern missing from the table fails the test, so a new page cannot ship without
saying who may see it. A second test POSTs to every action as every role: whoever may not act
is refused (403 or 404, or sent to sign in) and the database is unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.test import Client

from tests.security.actions import write_cases
from tests.security.test_headers import inline_code
from tests.security.urls import ROLES, TEAM, table_counts, url_arguments, url_for, url_names

LOGIN = "login"
NOT_ALLOWED = "405"


def expect(
    *,
    anonymous=LOGIN,
    admin=200,
    team=200,
    outsider=404,
    **overrides,
) -> dict[str, object]:
    """Expected answers by role: the usual groups, then single users (dots as underscores)."""
    answers = {"anonymous": anonymous, "programme.admin": admin, "outsider": outsider}
    answers.update({user: team for user in TEAM})
    for user, answer in overrides.items():
        answers[user.replace("_", ".")] = answer
    return answers


EVERYONE = expect(anonymous=200, admin=200, team=200, outsider=200)
NOT_FOUND_FOR_ALL_ROLES = expect(anonymous=404, admin=404, team=404, outsider=404)
SIGNED_IN = expect(outsider=200)
POST_ONLY = expect(admin=405, team=405, outsider=405)
# Programme administrators only: everyone else signed in gets 403.
PROGRAMME = expect(team=403, outsider=403)
PROGRAMME_POST_ONLY = expect(admin=405, team=403, outsider=403)
# The inspection's team and programme staff read it; anyone else must not learn it exists.
TEAM_READS = expect()
# Set-up pages: programme staff; the team may look but not change it.
SET_UP = expect(team=403)
# Children's personal details: the team only, not even programme staff.
TEAM_ONLY = expect(admin=404)
# Recording evidence: team members (each for their own inspectorate), not programme staff.
TEAM_WRITES = expect(admin=403)
# Evidence 1 is Ofsted inspector's: only its author edits or deletes it.
AUTHOR_ONLY = expect(admin=403, team=403, ofsted_inspector=200)
# The lead inspector drafts the shared text.
LEAD_INSPECTOR = expect(admin=403, team=403, ofsted_lead=200)
SIGN_IN_REDIRECTS = "redirect:/inspections/"

MATRIX: dict[str, dict[str, object]] = {
    "home": {
        role: ("redirect:/reports/" if role == "anonymous" else SIGN_IN_REDIRECTS) for role in ROLES
    },
    "healthz": EVERYONE,
    "login": {role: (200 if role == "anonymous" else SIGN_IN_REDIRECTS) for role in ROLES},
    "logout": expect(anonymous=405, admin=405, team=405, outsider=405),
    "two_factor_enrol": SIGNED_IN,
    # Without an authenticator app there is no code to give: set one up first.
    "two_factor_verify": expect(
        admin="redirect:/accounts/two-factor/",
        team="redirect:/accounts/two-factor/",
        outsider="redirect:/accounts/two-factor/",
    ),
    "password_change": SIGNED_IN,
    "password_change_done": SIGNED_IN,
    "audit": PROGRAMME,
    "inspections:list": SIGNED_IN,
    "inspections:create": PROGRAMME,
    "inspections:detail": TEAM_READS,
    "inspections:set_up": SET_UP,
    "inspections:move_stage": POST_ONLY,
    # Issue 14: why fieldwork continues after the window closed (the stage mover records it).
    "inspections:fieldwork_continues": POST_ONLY,
    "inspections:team": SET_UP,
    "inspections:team_member_remove": POST_ONLY,
    "inspections:case_list": TEAM_ONLY,
    "inspections:case_create": TEAM_ONLY,
    "inspections:case_detail": TEAM_ONLY,
    # Children's personal details (issue 15): changing a case sample is the team's; the read
    # log of views of those details and the erasures are for programme administrators.
    "inspections:case_update": TEAM_ONLY,
    "audit_child_views": PROGRAMME,
    "audit_erasures": PROGRAMME,
    "judgements:workspace": TEAM_READS,
    "judgements:coverage": TEAM_READS,
    "judgements:evidence_list": TEAM_READS,
    "judgements:evidence_create": TEAM_WRITES,
    "judgements:evidence_detail": TEAM_READS,
    "judgements:evidence_update": AUTHOR_ONLY,
    "judgements:evidence_delete": AUTHOR_ONLY,
    "judgements:judgement": TEAM_READS,
    "judgements:judgement_submit": POST_ONLY,
    "judgements:judgement_agree": POST_ONLY,
    # Ofsted's help and protection is submitted: Ofsted's team may send it back to draft.
    "judgements:judgement_reopen": expect(
        admin=403, team=403, ofsted_lead=200, ofsted_inspector=200
    ),
    "judgements:judgement_history": TEAM_READS,
    "lscb:overview": TEAM_READS,
    "lscb:detail": TEAM_READS,
    "lscb:edit": LEAD_INSPECTOR,
    "lscb:circulate": POST_ONLY,
    "lscb:sign": POST_ONLY,
    "lscb:finalise": POST_ONLY,
    # The LSCB judgement is not finalised, so there is nothing to reopen: back to its page.
    "lscb:reopen": expect(
        admin=403,
        team=403,
        ofsted_lead="redirect:/inspections/{reference}/shared/lscb/",
    ),
    "lscb:history": TEAM_READS,
    # Concern referrals show children's details: the team only, as case samples (issue 15).
    "referrals:list": TEAM_ONLY,
    "referrals:create": TEAM_ONLY,
    "referrals:detail": TEAM_ONLY,
    "referrals:response": TEAM_ONLY,
    "referrals:close": POST_ONLY,
    "reports_team:overview": TEAM_READS,
    "reports_team:publish": TEAM_READS,
    "reports_team:version": TEAM_READS,
    "reports_team:version_status": TEAM_READS,
    "reports_team:version_retry": POST_ONLY,
    "reports_team:version_pdf": TEAM_READS,
    # Acknowledging a personal-data warning: a lead of the team (the service names who).
    "reports_team:version_acknowledge": POST_ONLY,
    # The factual accuracy round, on the demo's Brackenfield inspection (HMI Prisons takes no
    # part); its response document waits for the round to close.
    "accuracy:overview": expect(prisons_lead=404, prisons_inspector=404),
    "accuracy:send": POST_ONLY,
    "accuracy:close": POST_ONLY,
    "accuracy:link_revoke": POST_ONLY,
    "accuracy:link_reissue": POST_ONLY,
    "accuracy:comment": expect(prisons_lead=404, prisons_inspector=404),
    "accuracy:response_pdf": expect(admin=404, team=404, outsider=404),
    # The contacts' pages need a valid signed link, whoever asks; see extra_cases for one.
    "accuracy_contact:draft": {role: 403 for role in ROLES},
    "accuracy_contact:no_comments": {role: 405 for role in ROLES},
    "accuracy_contact:draft_pdf": {role: 403 for role in ROLES},
    "accuracy_contact:response_pdf": {role: 403 for role in ROLES},
    # Issue 14: the lead inspector opens a correction of the published report.
    "reports_team:correction": LEAD_INSPECTOR,
    "selection:home": PROGRAMME,
    "selection:areas": PROGRAMME,
    "selection:import": PROGRAMME,
    "selection:area": PROGRAMME,
    "selection:indicators": PROGRAMME,
    "selection:concern_delete": PROGRAMME_POST_ONLY,
    "selection:policy": PROGRAMME,
    "selection:policy_edit": PROGRAMME,
    "selection:policy_version": PROGRAMME,
    "selection:year_create": PROGRAMME,
    "selection:year": PROGRAMME,
    "selection:year_places": PROGRAMME_POST_ONLY,
    "selection:year_export": PROGRAMME,
    "selection:decision": PROGRAMME,
    # An area's partner bodies and contacts (Ashdown): programme staff change them; the team of
    # its live inspection reads them; anyone else does not learn whom the team deals with.
    "areas:list": PROGRAMME,
    "areas:detail": TEAM_READS,
    "areas:history": TEAM_READS,
    "areas:body_create": SET_UP,
    "areas:body_update": SET_UP,
    "areas:body_remove": SET_UP,
    "areas:contact_create": SET_UP,
    "areas:contact_update": SET_UP,
    "areas:contact_drafts": POST_ONLY,
    "reports:list": EVERYONE,
    "reports:feed": EVERYONE,
    "reports:detail": EVERYONE,
    "reports:pdf": EVERYONE,
    # The newest published version's own address sends readers to the report's page.
    "reports:version": {role: "redirect:/reports/{slug}/" for role in ROLES},
    "reports:version_pdf": EVERYONE,
    # Issue 14: the stamped copy exists only for a superseded version (the extra case below).
    "reports:version_pdf_superseded": NOT_FOUND_FOR_ALL_ROLES,
    "reports:api_list": EVERYONE,
    # Issue 17: one report as open data; any other /api/ address is the API's own 404; the
    # sitemap of published reports; the footer's pages; what machines ask every site for.
    "reports:api_detail": EVERYONE,
    "reports:api_not_found": NOT_FOUND_FOR_ALL_ROLES,
    "reports:sitemap": EVERYONE,
    "service_status": EVERYONE,
    "accessibility": EVERYONE,
    "privacy": EVERYONE,
    "cookies": EVERYONE,
    "licence": EVERYONE,
    "robots_txt": EVERYONE,
    "favicon": {role: "redirect:/static/govuk/images/favicon.ico" for role in ROLES},
    # Written statements of action (of the second published report, which owes one, received
    # and not yet published): programme staff only; the public PDF only once published.
    "statements:list": PROGRAMME,
    "statements:overdue": PROGRAMME,
    "statements:detail": PROGRAMME,
    "statements:receive": PROGRAMME,
    "statements:pdf": PROGRAMME,
    "statements:action_create": PROGRAMME,
    "statements:action_update": PROGRAMME,
    "statements:note_create": PROGRAMME,
    "statements:publish": PROGRAMME,
    "statements_public:pdf": {role: 404 for role in ROLES},
    # Issue 16: the demo's published joint targeted area inspection (HMI Prisons takes no part):
    # its team and programme staff read its theme and findings; once published no one writes.
    "narrative:findings": expect(prisons_lead=404, prisons_inspector=404),
    "narrative:theme": expect(prisons_lead=404, prisons_inspector=404),
    "narrative:finding_add": expect(admin=403, team=403, prisons_lead=404, prisons_inspector=404),
    "narrative:finding_edit": expect(admin=403, team=403, prisons_lead=404, prisons_inspector=404),
    "narrative:finding_delete": POST_ONLY,
    # Thematic series: programme staff keep them; a published overview is public.
    "thematic_public:list": EVERYONE,
    "thematic_public:overview": EVERYONE,
    "thematic_public:overview_json": EVERYONE,
    "thematic:manage": PROGRAMME,
    "thematic:manage_series": PROGRAMME,
    "thematic:publish": POST_ONLY,
}

# Who asks every page with HEAD as well as GET: the public, programme staff and a team lead.
HEAD_ROLES = ("anonymous", "programme.admin", "ofsted.lead")

NOT_FOUND_FOR_ALL = {role: 404 for role in ROLES}
NOT_FOUND_FOR_SIGNED_IN = expect(admin=404, team=404, outsider=404)


@dataclass
class Extra:
    """A second address of a pattern, on other demo rows, where the answer differs."""

    description: str
    url: str
    expected: dict[str, object] = field(default_factory=dict)


def extra_cases(arguments: dict) -> list[Extra]:
    slug, reference = arguments["slug"], arguments["reference"]
    return [
        # The factual accuracy draft was never published: its public address does not exist.
        Extra("draft version page", f"/reports/{slug}/versions/1/", NOT_FOUND_FOR_ALL),
        Extra("draft version PDF", f"/reports/{slug}/versions/1.pdf", NOT_FOUND_FOR_ALL),
        # The inspection in fieldwork has no published report under any guessable address.
        Extra("unpublished report page", f"/reports/{reference.lower()}/", NOT_FOUND_FOR_ALL),
        # Its report pages exist only for its team (and programme staff).
        Extra("report overview in fieldwork", f"/inspections/{reference}/report/", TEAM_READS),
        Extra(
            "report version that does not exist",
            f"/inspections/{reference}/report/versions/1.pdf",
            NOT_FOUND_FOR_SIGNED_IN,
        ),
        # Another inspectorate's judgement pages are readable by the whole team, as DESIGN says.
        Extra(
            "HMIC judgement read by the team",
            f"/inspections/{reference}/judgements/hmic/child_protection/",
            TEAM_READS,
        ),
        # A contact's valid link opens the draft for whoever holds it, with no account.
        Extra(
            "contact's link",
            f"/factual-accuracy/{arguments['contact_token']}/",
            {role: 200 for role in ROLES},
        ),
        Extra(
            "no such inspection", "/inspections/INT-20990101-E00000000/", NOT_FOUND_FOR_SIGNED_IN
        ),
        # The demo's own report owes no statement of action: its page says so; nothing to record.
        Extra("statement not owed", f"/statements/{arguments['published_reference']}/", PROGRAMME),
        Extra(
            "statement receipt where none is owed",
            f"/statements/{arguments['published_reference']}/receipt/",
            expect(admin=404, team=403, outsider=403),
        ),
        # The demo's first final version (2) was superseded by its correction (3).
        Extra(
            "superseded version marked SUPERSEDED",
            f"/reports/{slug}/versions/2-superseded.pdf",
            EVERYONE,
        ),
    ]


def _answer(response) -> object:
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith("/accounts/login/"):
            return LOGIN
        return f"redirect:{location.split('?')[0]}"
    return response.status_code


def _clients(people) -> dict[str, Client]:
    clients = {"anonymous": Client()}
    for role in ROLES[1:]:
        clients[role] = Client()
        clients[role].force_login(people[role])
    return clients


# Text that must never reach someone outside the team before publication: the inspection's
# reference, the children's names and the staff named in evidence (judgements.demo).
def _secrets(demo) -> list[str]:
    from inspections.models import CaseSample

    names = list(
        CaseSample.objects.filter(inspection=demo.inspection).values_list("child_name", flat=True)
    )
    return [demo.inspection.reference, *names, "Sam Okafor"]


def test_every_url_answers_every_role_as_the_table_says(demo_data):
    arguments = url_arguments(demo_data)
    names = url_names()
    missing = sorted(set(names) - set(MATRIX))
    assert not missing, (
        f"Add these URL patterns to MATRIX in {__file__}, saying what each role gets: {missing}"
    )
    stale = sorted(set(MATRIX) - set(names))
    assert not stale, f"MATRIX names URL patterns that no longer exist: {stale}"

    clients = _clients(demo_data.people)
    secrets = _secrets(demo_data)
    cases = [(name, url_for(name, arguments), MATRIX[name]) for name in names]
    cases += [(extra.description, extra.url, extra.expected) for extra in extra_cases(arguments)]
    wrong, leaks, inline, head_wrong = [], [], [], []
    for name, url, expected in cases:
        for role in ROLES:
            response = clients[role].get(url)
            want = expected[role]
            if isinstance(want, str):
                want = want.format(**arguments)
            got = _answer(response)
            if got != want:
                wrong.append(f"{name} {url} as {role}: expected {want}, got {got}")
            # HTTP: wherever GET is allowed, so is HEAD, with the same answer and no body.
            if role in HEAD_ROLES and response.status_code != 405:
                head = clients[role].head(url)
                body = b"".join(head.streaming_content) if head.streaming else head.content
                if _answer(head) != got or body:
                    head_wrong.append(f"{name} {url} as {role}: HEAD {_answer(head)}, GET {got}")
            if response.status_code != 200 or response.get("Content-Type", "").startswith(
                "application/pdf"
            ):
                continue
            body = response.content.decode()
            if role in ("anonymous", "outsider"):
                leaks += [f"{url} as {role} shows {s!r}" for s in secrets if s in body]
            if response["Content-Type"].startswith("text/html"):
                inline += [f"{url}: {problem}" for problem in inline_code(body)]
    assert wrong == []
    assert head_wrong == []
    assert leaks == []
    assert inline == []


# --- Writes ---------------------------------------------------------------------------------------

WRITE_MODELS = (
    "inspections",
    "judgements",
    "lscb",
    "reports",
    "accuracy",
    "selection",
    "statements",
    "referrals",
    "narrative",
    "thematic",
)


def _fingerprint() -> tuple[int, ...]:
    """Row counts of every table the services write, history included."""
    return table_counts(WRITE_MODELS)


def test_no_one_acts_beyond_their_role_and_a_refusal_changes_nothing(demo_data):
    arguments = url_arguments(demo_data)
    clients = _clients(demo_data.people)
    problems = []
    for name, url, data, allowed in write_cases(demo_data, arguments):
        for role in ROLES:
            payload = data(role) if callable(data) else data
            with transaction.atomic():
                before = _fingerprint()
                response = clients[role].post(url, payload)
                after = _fingerprint()
                transaction.set_rollback(True)
            got = _answer(response)
            if response.status_code >= 500:
                problems.append(f"{name} as {role}: server error")
            elif role in allowed:
                if got in (403, 404, LOGIN):
                    problems.append(f"{name} as {role}: refused ({got}) but should be allowed")
            else:
                if got not in (403, 404, 405, LOGIN):
                    problems.append(f"{name} as {role}: expected a refusal, got {got}")
                if after != before:
                    problems.append(f"{name} as {role}: refused, but the database changed")
    assert problems == []
