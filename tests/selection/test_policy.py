"""The selection policy is versioned data: a change is a new version; past decisions stay put."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from selection import services
from selection.models import Decision, SelectionPolicy
from selection.policy import (
    POLICY_CHANGED_MEANWHILE,
    POLICY_NEEDS_WEIGHT,
    POLICY_QUOTA_RANGE,
    POLICY_UNCHANGED,
)


def policy_post(policy: SelectionPolicy, **changes) -> dict:
    """The policy form as the browser submits it, filled in from `policy`, with `changes`."""
    data = {
        "based_on_version": policy.version,
        "revisit_window_months": policy.revisit_window_months,
        "recently_inspected_months": policy.recently_inspected_months,
        "quota_percent": int(policy.quota_fraction * 100),
        "change_note": "",
    }
    if policy.revisit_always_candidate:
        data["revisit_always_candidate"] = "on"
    for code, values in policy.criteria.items():
        for name, value in values.items():
            data[f"{code}__{name}"] = value
    data.update(changes)
    return data


def test_changing_the_policy_in_the_browser_creates_a_new_version(client_for, policy, admin):
    response = client_for("programme.admin").post(
        "/selection/policy/new/",
        policy_post(
            policy,
            ofsted_grade__weight="50",
            quota_percent="30",
            change_note="More weight on the Ofsted judgement after consultation responses.",
        ),
    )
    assert response.status_code == 302
    new = SelectionPolicy.objects.get(version=2)
    assert new.criteria["ofsted_grade"] == {"weight": 50}
    assert new.quota_fraction == Decimal("0.30")
    assert new.created_by == admin
    assert new.change_note.startswith("More weight")
    page = client_for("programme.admin").get("/selection/policy/").content.decode()
    assert "Selection policy version 2" in page


def test_the_old_version_is_left_exactly_as_it_was(policy, admin):
    before = (policy.criteria, policy.quota_fraction, policy.change_note)
    services.selection_policy_create(
        acting_user=admin,
        based_on_version=1,
        criteria={**policy.criteria, "ofsted_grade": {"weight": 10}},
        revisit_always_candidate=False,
        revisit_window_months=12,
        recently_inspected_months=0,
        quota_fraction=Decimal("0.5"),
        change_note="Trial of a lighter grade weight.",
    )
    policy.refresh_from_db()
    assert (policy.criteria, policy.quota_fraction, policy.change_note) == before
    assert policy.revisit_always_candidate is True
    assert SelectionPolicy.objects.count() == 2


def test_past_decisions_keep_the_policy_score_and_reasons_they_were_made_on(
    make_area, programme_year, policy, admin, client_for
):
    area = make_area("Avonford", grade="inadequate", judged_on="2014-03-12", re_referrals="28.1")
    decision = services.decision_record(
        acting_user=admin,
        programme_year=programme_year,
        local_authority=area,
        outcome="selected",
        rationale="Due for revisit after an inadequate judgement.",
    )
    snapshot = (decision.policy_id, decision.score, decision.rank, decision.reasons)
    assert decision.score == Decimal("52.0")  # 40.0 grade + 10.0 never jointly + 2.0 re-referrals

    services.selection_policy_create(
        acting_user=admin,
        based_on_version=1,
        criteria={**policy.criteria, "ofsted_grade": {"weight": 0}},
        revisit_always_candidate=True,
        revisit_window_months=36,
        recently_inspected_months=24,
        quota_fraction=Decimal("0.25"),
        change_note="Grade no longer weighed.",
    )

    decision = Decision.objects.get(pk=decision.pk)
    assert (decision.policy_id, decision.score, decision.rank, decision.reasons) == snapshot
    assert decision.policy.version == 1
    page = client_for("programme.admin").get("/selection/years/2015/").content.decode()
    assert "Selection policy version 2" in page  # the list is ranked on the new version...
    assert "policy version 1, score 52.0" in page  # ...and the decision still shows its own


def test_a_change_based_on_an_old_version_is_refused(client_for, policy, admin):
    services.selection_policy_create(
        acting_user=admin,
        based_on_version=1,
        criteria={**policy.criteria, "ofsted_grade": {"weight": 45}},
        revisit_always_candidate=True,
        revisit_window_months=36,
        recently_inspected_months=24,
        quota_fraction=Decimal("0.25"),
        change_note="First change.",
    )
    response = client_for("programme.admin").post(
        "/selection/policy/new/",
        policy_post(policy, ofsted_grade__weight="20", change_note="A change made on version 1."),
    )
    assert response.status_code == 200
    assert POLICY_CHANGED_MEANWHILE.format(version=2) in response.content.decode()
    assert SelectionPolicy.objects.count() == 2


def test_saving_the_same_policy_again_is_refused(policy, admin):
    with pytest.raises(ValidationError) as error:
        services.selection_policy_create(
            acting_user=admin,
            based_on_version=1,
            criteria=policy.criteria,
            revisit_always_candidate=policy.revisit_always_candidate,
            revisit_window_months=policy.revisit_window_months,
            recently_inspected_months=policy.recently_inspected_months,
            quota_fraction=policy.quota_fraction,
            change_note="No real change.",
        )
    assert error.value.messages == [POLICY_UNCHANGED]


def test_a_policy_needs_a_weight_above_zero(client_for, policy):
    zero = {f"{code}__weight": "0" for code in policy.criteria}
    response = client_for("programme.admin").post(
        "/selection/policy/new/", policy_post(policy, **zero, change_note="Nothing counts.")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert POLICY_NEEDS_WEIGHT in page
    assert SelectionPolicy.objects.count() == 1


def test_a_policy_change_needs_a_reason(client_for, policy):
    response = client_for("programme.admin").post(
        "/selection/policy/new/", policy_post(policy, ofsted_grade__weight="45", change_note=" ")
    )
    assert "Enter why the policy is changing" in response.content.decode()
    assert SelectionPolicy.objects.count() == 1


def test_parameters_are_checked(policy, admin):
    with pytest.raises(ValidationError) as error:
        services.selection_policy_create(
            acting_user=admin,
            based_on_version=1,
            criteria={
                **policy.criteria,
                "partner_concerns": {"weight": 30, "counted": 0, "lookback_months": 24},
                "re_referral_rate": {"weight": 10},
            },
            revisit_always_candidate=True,
            revisit_window_months=36,
            recently_inspected_months=24,
            quota_fraction=Decimal("1.5"),
            change_note="Broken.",
        )
    errors = error.value.message_dict
    assert errors["partner_concerns__counted"] == [
        "'Most recent concerns that count' must be at least 1."
    ]
    assert errors["re_referral_rate__national"] == ["Enter a value for 'National figure'."]
    assert errors["quota_fraction"] == [POLICY_QUOTA_RANGE]


def test_the_new_version_is_kept_in_history_with_who_and_why(policy, admin):
    new = services.selection_policy_create(
        acting_user=admin,
        based_on_version=1,
        criteria={**policy.criteria, "looked_after_rate": {"weight": 0, "national": 60}},
        revisit_always_candidate=True,
        revisit_window_months=36,
        recently_inspected_months=24,
        quota_fraction=Decimal("0.25"),
        change_note="Looked-after figures are under review.",
    )
    record = new.history.get()
    assert record.history_user == admin
    assert record.history_change_reason == "Policy version 2"


def test_an_earlier_version_can_still_be_read(client_for, policy, admin):
    services.selection_policy_create(
        acting_user=admin,
        based_on_version=1,
        criteria={**policy.criteria, "ofsted_grade": {"weight": 45}},
        revisit_always_candidate=True,
        revisit_window_months=36,
        recently_inspected_months=24,
        quota_fraction=Decimal("0.25"),
        change_note="Second version.",
    )
    page = client_for("programme.admin").get("/selection/policy/1/").content.decode()
    assert "Selection policy version 1" in page
    assert "This is an earlier version" in page


def test_only_programme_administrators_can_change_the_policy(policy, people):
    with pytest.raises(PermissionDenied):
        services.selection_policy_create(
            acting_user=people["ofsted.lead"],
            based_on_version=1,
            criteria={**policy.criteria, "ofsted_grade": {"weight": 45}},
            revisit_always_candidate=True,
            revisit_window_months=36,
            recently_inspected_months=24,
            quota_fraction=Decimal("0.25"),
            change_note="Not allowed.",
        )
    assert SelectionPolicy.objects.count() == 1
