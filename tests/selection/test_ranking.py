"""The ranking follows the policy's weights and rules, and honours the good or outstanding quota."""

from __future__ import annotations

import datetime
import math
import random
import re
from dataclasses import replace
from decimal import Decimal

import pytest

from selection.ranking import AreaFacts, ConcernFact, PolicyRules, months_between, rank_areas
from selection.selectors import area_facts

AS_OF = datetime.date(2015, 4, 1)
D = Decimal

# Version 1 of the policy, as plain rules: weights 40/30/10/10/5/5.
RULES = PolicyRules(
    version=1,
    weights={
        "ofsted_grade": D(40),
        "partner_concerns": D(30),
        "time_since_joint_inspection": D(10),
        "re_referral_rate": D(10),
        "child_protection_plan_rate": D(5),
        "looked_after_rate": D(5),
    },
    parameters={
        "ofsted_grade": {},
        "partner_concerns": {"counted": D(2), "lookback_months": D(24)},
        "time_since_joint_inspection": {"horizon_months": D(60)},
        "re_referral_rate": {"national": D("23.4")},
        "child_protection_plan_rate": {"national": D("42.1")},
        "looked_after_rate": {"national": D(60)},
    },
    revisit_always_candidate=True,
    revisit_window_months=36,
    recently_inspected_months=24,
    quota_fraction=D("0.25"),
)


def day(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def worked_example() -> list[AreaFacts]:
    return [
        AreaFacts(
            pk=1,
            name="Avonford",
            ofsted_grade="inadequate",
            ofsted_judged_on=day("2014-03-12"),
            re_referral_rate=D("28.1"),
            child_protection_plan_rate=D("51.0"),
            looked_after_rate=D("72.4"),
        ),
        AreaFacts(
            pk=2,
            name="Brookfield",
            ofsted_grade="requires_improvement",
            ofsted_judged_on=day("2013-11-20"),
            last_joint_inspection_on=day("2010-06-18"),
            re_referral_rate=D("23.4"),
            looked_after_rate=D("30.0"),
            concerns=(
                ConcernFact("Care Quality Commission", day("2015-02-03")),
                ConcernFact("Ofsted", day("2014-01-10")),
                ConcernFact("HM Inspectorate of Constabulary", day("2014-09-15")),
            ),
        ),
        AreaFacts(
            pk=3,
            name="Cresswell",
            ofsted_grade="good",
            ofsted_judged_on=day("2013-07-04"),
            last_joint_inspection_on=day("2012-01-20"),
            re_referral_rate=D("35.1"),
            child_protection_plan_rate=D("84.2"),
            looked_after_rate=D("130.0"),
            concerns=(ConcernFact("HM Inspectorate of Probation", day("2012-12-01")),),
        ),
        AreaFacts(
            pk=4,
            name="Dunham",
            ofsted_grade="outstanding",
            ofsted_judged_on=day("2014-06-30"),
            last_joint_inspection_on=day("2011-02-11"),
        ),
        AreaFacts(
            pk=5,
            name="Eastwick",
            ofsted_grade="inadequate",
            ofsted_judged_on=day("2011-05-10"),
            last_joint_inspection_on=day("2014-01-10"),
        ),
        AreaFacts(
            pk=6,
            name="Fairholme",
            ofsted_grade="requires_improvement",
            ofsted_judged_on=day("2014-09-22"),
            re_referral_rate=D("30.5"),
            child_protection_plan_rate=D("49.0"),
            looked_after_rate=D("80.2"),
            concerns=(
                ConcernFact("Care Quality Commission", day("2015-03-01")),
                ConcernFact("Ofsted", day("2014-08-15")),
            ),
        ),
        AreaFacts(pk=7, name="Greystone", ofsted_grade="good", live_inspection="INT-1"),
    ]


def test_ranking_follows_the_policy_weights_and_rules_on_a_worked_example():
    """Programme year from 1 April 2015, 3 places, policy version 1 (weights 40/30/10/10/5/5).

    Avonford: inadequate 12 Mar 2014, 12 months before: due for revisit (under 36), so
      always a candidate. Grade 40 x 1 = 40.0; no concerns 0.0; never jointly inspected
      10 x 1 = 10.0; re-referrals (28.1 - 23.4) / 23.4 = 0.2009 x 10 = 2.0; plans
      (51.0 - 42.1) / 42.1 = 0.2114 x 5 = 1.1; looked after (72.4 - 60) / 60 = 0.2067 x 5 = 1.0.
      Score 54.1.
    Brookfield: requires improvement 40 x 0.5 = 20.0; three concerns within 24 months, the two
      most recent count 30 / 2 = 15.0 each = 30.0, Ofsted's (10 Jan 2014) earns 0.0; last joint
      inspection 18 Jun 2010 is 57 months before: 57 / 60 x 10 = 9.5; re-referrals equal to
      national 0.0; no plans figure 0.0; looked after below national 0.0. Score 59.5.
    Cresswell: good 0.0; its concern (1 Dec 2012) is 28 months before: 0.0; joint inspection
      20 Jan 2012 is 38 months before: 38 / 60 x 10 = 6.3; re-referrals 11.7 / 23.4 = 0.5 x 10
      = 5.0; plans 42.1 / 42.1 = 1 x 5 = 5.0; looked after 70 / 60 capped at 1 x 5 = 5.0.
      Score 21.3.
    Dunham: outstanding 0.0; joint inspection 11 Feb 2011 is 49 months before: 49 / 60 x 10 =
      8.2; nothing else held. Score 8.2.
    Eastwick: jointly inspected 10 Jan 2014, 14 months before (under 24), and its inadequate
      judgement (46 months before) is no longer due for revisit: not a candidate.
    Fairholme: requires improvement 20.0; two concerns 30.0; never jointly inspected 10.0;
      re-referrals 7.1 / 23.4 = 0.3034 x 10 = 3.0; plans 6.9 / 42.1 = 0.1639 x 5 = 0.8; looked
      after 20.2 / 60 = 0.3367 x 5 = 1.7. Score 65.5.
    Greystone: an integrated inspection is live: not a candidate.

    Ranked: Fairholme 65.5, Brookfield 59.5, Avonford 54.1, Cresswell 21.3, Dunham 8.2. The top 3
    are Fairholme, Brookfield, Avonford, none good or outstanding; the quota needs
    ceil(3 x 0.25) = 1. Cresswell, the best good or outstanding candidate, comes in; the
    lowest-ranked recommended area not due for revisit gives way: Brookfield (Avonford, lower
    but due for revisit, keeps its place).
    """
    ranking = rank_areas(areas=worked_example(), rules=RULES, places=3, as_of=AS_OF)

    assert [(a.facts.name, a.score) for a in ranking.candidates] == [
        ("Fairholme", D("65.5")),
        ("Brookfield", D("59.5")),
        ("Avonford", D("54.1")),
        ("Cresswell", D("21.3")),
        ("Dunham", D("8.2")),
    ]
    assert [a.facts.name for a in ranking.recommended] == ["Fairholme", "Avonford", "Cresswell"]
    assert [(a.facts.name, a.reason) for a in ranking.excluded] == [
        (
            "Eastwick",
            "Last joint inspection ended 10 January 2014, less than 24 months before the "
            "programme year",
        ),
        ("Greystone", "An integrated inspection is already planned or under way (INT-1)"),
    ]
    assert ranking.quota_met
    assert ranking.quota_message == (
        "At least 1 of the 3 places goes to an area judged good or outstanding: 1 recommended."
    )


def test_every_reason_behind_a_score_is_listed_with_its_points():
    ranking = rank_areas(areas=worked_example(), rules=RULES, places=3, as_of=AS_OF)
    by_name = {a.facts.name: a for a in ranking.candidates}

    assert by_name["Brookfield"].all_reasons == [
        "Last Ofsted judgement requires improvement (20 November 2013): +20.0",
        "Care Quality Commission raised a concern on 3 February 2015: +15.0",
        "HM Inspectorate of Constabulary raised a concern on 15 September 2014: +15.0",
        "Ofsted raised a concern on 10 January 2014: +0.0 (only the 2 most recent concerns count)",
        "Last joint inspection ended 18 June 2010, 57 months before the programme year: +9.5",
        "Re-referrals 23.4% (national 23.4%): +0.0",
        "No child protection plans figure held: +0.0",
        "Looked-after children 30.0 per 10,000 children (national 60.0): +0.0",
        "Not recommended: its place went to Cresswell, to meet the good or outstanding quota",
    ]
    assert by_name["Avonford"].reasons[0] == (
        "Last Ofsted judgement inadequate (12 March 2014), due for revisit: always a candidate"
    )
    assert "Re-referrals 28.1% (national 23.4%): +2.0" in by_name["Avonford"].reasons
    assert (
        "HM Inspectorate of Probation raised a concern on 1 December 2012: +0.0 "
        "(24 months or more before the programme year)"
    ) in by_name["Cresswell"].reasons
    assert by_name["Cresswell"].quota_note == (
        "Recommended in place of Brookfield, to meet the good or outstanding quota"
    )


def test_the_score_is_the_sum_of_the_points_in_its_reasons():
    ranking = rank_areas(areas=worked_example(), rules=RULES, places=3, as_of=AS_OF)
    for area in ranking.candidates:
        points = [D(m) for r in area.reasons for m in re.findall(r": \+(\d+\.\d)", r)]
        assert sum(points) == area.score


def test_weights_are_the_policy_s_so_changing_one_changes_the_ranking():
    """Grade and concerns weigh nothing, re-referrals 100.

    Cresswell: 6.3 (time) + 0.5 x 100 = 50.0 + 5.0 + 5.0 = 66.3.
    Fairholme: 10.0 (time) + 0.3034 x 100 = 30.3 + 0.8 + 1.7 = 42.8.
    """
    figures_first = replace(
        RULES,
        weights={
            **RULES.weights,
            "ofsted_grade": D(0),
            "partner_concerns": D(0),
            "re_referral_rate": D(100),
        },
    )
    ranking = rank_areas(areas=worked_example(), rules=figures_first, places=3, as_of=AS_OF)
    assert [(a.facts.name, a.score) for a in ranking.candidates[:2]] == [
        ("Cresswell", D("66.3")),
        ("Fairholme", D("42.8")),
    ]
    assert "Re-referrals 35.1% (national 23.4%): +50.0" in ranking.candidates[0].reasons


def test_equal_scores_are_ranked_by_name():
    areas = [AreaFacts(pk=1, name="Zeal"), AreaFacts(pk=2, name="Aldby")]
    ranking = rank_areas(areas=areas, rules=RULES, places=1, as_of=AS_OF)
    assert [a.facts.name for a in ranking.candidates] == ["Aldby", "Zeal"]
    assert ranking.candidates[0].score == ranking.candidates[1].score == D("10.0")


def _random_areas(rng: random.Random, count: int) -> list[AreaFacts]:
    grades = ["", "outstanding", "good", "requires_improvement", "inadequate"]
    areas = []
    for pk in range(1, count + 1):
        grade = rng.choice(grades)
        areas.append(
            AreaFacts(
                pk=pk,
                name=f"Area {pk:03d}",
                ofsted_grade=grade,
                ofsted_judged_on=AS_OF - datetime.timedelta(days=rng.randint(30, 2000))
                if grade
                else None,
                last_joint_inspection_on=rng.choice(
                    [None, AS_OF - datetime.timedelta(days=rng.randint(30, 3000))]
                ),
                re_referral_rate=D(rng.randint(100, 400)) / 10,
                concerns=tuple(
                    ConcernFact("Ofsted", AS_OF - datetime.timedelta(days=rng.randint(1, 900)))
                    for _ in range(rng.randint(0, 3))
                ),
            )
        )
    return areas


@pytest.mark.parametrize("seed", range(40))
def test_quota_holds_whenever_enough_well_performing_areas_exist(seed):
    rng = random.Random(seed)
    areas = _random_areas(rng, rng.randint(1, 40))
    places = rng.randint(1, 16)
    ranking = rank_areas(areas=areas, rules=RULES, places=places, as_of=AS_OF)

    needed = math.ceil(places * 0.25)
    available = sum(1 for a in ranking.candidates if a.well_performing)
    chosen = sum(1 for a in ranking.recommended if a.well_performing)
    assert len(ranking.recommended) == min(places, len(ranking.candidates))
    if available >= needed:
        assert chosen >= needed
        assert ranking.quota_met
    else:
        assert chosen == available
        assert not ranking.quota_met
        assert ranking.quota_message.startswith("The quota cannot be met")


def test_the_list_says_when_the_quota_cannot_be_met():
    areas = [
        AreaFacts(pk=1, name="Ashby", ofsted_grade="good", ofsted_judged_on=day("2013-01-01")),
        *[
            AreaFacts(
                pk=n,
                name=f"Area {n}",
                ofsted_grade="inadequate",
                ofsted_judged_on=day("2014-01-01"),
            )
            for n in range(2, 12)
        ],
    ]
    ranking = rank_areas(areas=areas, rules=RULES, places=8, as_of=AS_OF)

    assert not ranking.quota_met
    assert ranking.quota_needed == 2
    assert ranking.quota_message == (
        "The quota cannot be met: it needs 2 areas judged good or outstanding for 8 places, but "
        "only 1 of the candidates is judged good or outstanding."
    )
    # The one good area that exists is still brought in.
    assert "Ashby" in [a.facts.name for a in ranking.recommended]


def test_an_area_due_for_revisit_gives_way_only_when_no_other_area_can():
    due = dict(ofsted_grade="inadequate", ofsted_judged_on=day("2014-06-01"))
    areas = [
        AreaFacts(pk=1, name="Due one", **due),
        AreaFacts(pk=2, name="Due two", **due),
        AreaFacts(pk=3, name="Good one", ofsted_grade="good", ofsted_judged_on=day("2013-01-01")),
    ]
    ranking = rank_areas(areas=areas, rules=RULES, places=2, as_of=AS_OF)

    assert [a.facts.name for a in ranking.recommended] == ["Due one", "Good one"]
    due_two = next(a for a in ranking.candidates if a.facts.name == "Due two")
    assert due_two.quota_note.endswith("(no area that is not due for revisit was left to give way)")


def test_a_recently_inspected_area_due_for_revisit_is_still_a_candidate():
    area = AreaFacts(
        pk=1,
        name="Larchmont",
        ofsted_grade="inadequate",
        ofsted_judged_on=day("2014-11-05"),
        last_joint_inspection_on=day("2014-01-10"),
    )
    ranking = rank_areas(areas=[area], rules=RULES, places=1, as_of=AS_OF)
    assert ranking.excluded == []
    assert ranking.candidates[0].always_candidate
    assert ranking.candidates[0].reasons[1] == (
        "Last joint inspection ended 10 January 2014, less than 24 months before the programme "
        "year: still a candidate, as it is due for revisit"
    )

    without_rule = replace(RULES, revisit_always_candidate=False)
    ranking = rank_areas(areas=[area], rules=without_rule, places=1, as_of=AS_OF)
    assert [a.facts.name for a in ranking.excluded] == ["Larchmont"]


def test_the_list_says_when_there_are_fewer_candidates_than_places():
    ranking = rank_areas(areas=worked_example(), rules=RULES, places=8, as_of=AS_OF)
    assert ranking.shortfall_message == "There are only 5 candidate areas for 8 places."
    assert len(ranking.recommended) == 5


def test_whole_months_are_counted_from_the_day_of_the_month():
    assert months_between(day("2010-06-18"), AS_OF) == 57
    assert months_between(day("2013-04-01"), AS_OF) == 24
    assert months_between(day("2013-04-02"), AS_OF) == 23
    assert months_between(day("2016-01-01"), AS_OF) == 0


@pytest.mark.django_db
def test_a_published_joint_inspection_in_the_service_counts_as_the_last_one(inspection, admin):
    inspection.status = "published"
    inspection.save()
    facts = {f.name: f for f in area_facts()}
    ashdown = facts[inspection.local_authority.name]
    assert ashdown.last_joint_inspection_on == inspection.window_end
    assert ashdown.live_inspection == ""


@pytest.mark.django_db
def test_an_area_with_a_live_integrated_inspection_is_not_a_candidate(inspection):
    facts = {f.name: f for f in area_facts()}
    assert facts[inspection.local_authority.name].live_inspection == inspection.reference
