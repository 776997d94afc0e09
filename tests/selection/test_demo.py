"""The demo has indicators, concerns, a programme year and a ranked list to look at."""

from __future__ import annotations

from selection import demo
from selection.models import (
    AreaIndicators,
    Decision,
    PartnerConcern,
    ProgrammeYear,
    SelectionPolicy,
)


def test_the_demo_gives_a_ranked_list_and_is_safe_to_run_again(seeded, client_for):
    demo.seed(seeded)
    counts = (
        AreaIndicators.objects.count(),
        PartnerConcern.objects.count(),
        ProgrammeYear.objects.count(),
        Decision.objects.count(),
    )
    demo.seed(seeded)
    assert counts == (
        AreaIndicators.objects.count(),
        PartnerConcern.objects.count(),
        ProgrammeYear.objects.count(),
        Decision.objects.count(),
    )
    assert counts == (10, 3, 1, 1)

    page = client_for("programme.admin").get(f"/selection/years/{demo.DEMO_YEAR}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Recommended in place of" in text  # the quota at work
    assert "An integrated inspection is already planned or under way" in text  # Ashdown
    assert "Set up an inspection" in text  # the selected area


def test_the_demo_restores_the_first_policy_where_the_database_lost_it(seeded):
    # A transactional test empties every table, the migrations' rows included.
    SelectionPolicy.objects.all().delete()
    demo.seed(seeded)
    assert SelectionPolicy.objects.get().version == 1
    assert Decision.objects.count() == 1
