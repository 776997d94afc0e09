"""Two programme administrators deciding at once cannot overfill a programme year."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import close_old_connections

from inspections.models import LocalAuthority, Region
from selection import services
from selection.models import Decision, SelectionPolicy
from tests.conftest import require_services


def _programme_admin(username: str):
    # Built here rather than from the demo: a transactional test cannot rely on rows that data
    # migrations made, as another transactional test may have flushed them.
    user = get_user_model().objects.create_user(username=username)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="inspections", codename="manage_programme")
    )
    return get_user_model().objects.get(pk=user.pk)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_people_selecting_at_once_cannot_both_take_the_last_place():
    require_services(postgres=True)
    first_admin, second_admin = _programme_admin("admin.one"), _programme_admin("admin.two")
    if not SelectionPolicy.objects.exists():
        services.selection_policy_create(
            acting_user=first_admin,
            based_on_version=None,
            criteria={"ofsted_grade": {"weight": 40}},
            revisit_always_candidate=True,
            revisit_window_months=36,
            recently_inspected_months=24,
            quota_fraction=Decimal("0"),
            change_note="First version.",
        )
    programme_year = services.programme_year_create(acting_user=first_admin, year=2015, places=1)
    areas = [
        LocalAuthority.objects.create(name=name, ons_code=code, region=Region.EAST)
        for name, code in (("Avonford", "E06000991"), ("Brookfield", "E06000992"))
    ]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def select(user, area):
        try:
            barrier.wait(timeout=10)
            services.decision_record(
                acting_user=user,
                programme_year=programme_year,
                local_authority=area,
                outcome="selected",
                rationale="Chosen.",
            )
            outcomes.append("selected")
        except ValidationError as error:
            outcomes.append(error.message_dict["outcome"][0])
        finally:
            close_old_connections()

    threads = [
        threading.Thread(target=select, args=(first_admin, areas[0])),
        threading.Thread(target=select, args=(second_admin, areas[1])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == sorted(
        ["selected", services.PLACES_FULL.format(places=1, year="2015 to 2016")]
    )
    assert Decision.objects.filter(outcome="selected").count() == 1
