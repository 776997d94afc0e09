"""The kinds as framework data (issue 16, ADR 17): the version in force on the day the area is
told, each kind's notice rule, who must take part, the looked after children kind without a
shared LSCB judgement, and the set-up form that says all of it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from inspections import services
from inspections.models import InspectionStatus, LocalAuthority
from inspectorates.frameworks import NOTICE_ANNOUNCED, NOTICE_NONE, NoticeKind, NoticeRule
from inspectorates.registry import framework_current
from lscb import selectors as lscb_selectors
from lscb import services as lscb_services
from lscb.models import SharedTextKind, kinds_for
from reports.content import report_content
from reports.selectors import (
    KEY_FINDINGS_NOT_AGREED,
    LSCB_NOT_AGREED,
    publication_missing_conditions,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _set_up(people, kind, start, codes, *, days=10, area="Brackenfield"):
    return services.inspection_create(
        acting_user=people["programme.admin"],
        local_authority=LocalAuthority.objects.get(name=area),
        kind=kind,
        window_start=start,
        window_end=start + days * DAY,
        inspectorate_codes=codes,
        lead_inspector=people["ofsted.lead"],
    )


def _notify(people, inspection, notified_on=None):
    return services.inspection_move_stage(
        acting_user=people["programme.admin"],
        inspection=inspection,
        to_status=InspectionStatus.NOTIFIED,
        notified_on=notified_on,
    )


def test_a_new_inspection_takes_the_version_in_force_when_the_area_is_told(people):
    start = timezone.localdate() + 14 * DAY
    inspection = _notify(people, _set_up(people, "integrated", start, ["ofsted", "cqc"]))
    assert inspection.framework_key == "integrated/2017.1"
    assert inspection.notified_at.date() == timezone.localdate()
    # One recorded after the event, told in 2016, is on the first version, and keeps it.
    old = _set_up(
        people, "integrated", datetime.date(2016, 5, 9), ["ofsted", "cqc"], area="Dunmore"
    )
    old = _notify(people, old, notified_on=datetime.date(2016, 4, 25))
    assert old.framework_key == "integrated/2015.1"
    old = services.inspection_move_stage(
        acting_user=people["ofsted.lead"], inspection=old, to_status=InspectionStatus.FIELDWORK
    )
    assert old.framework_key == "integrated/2015.1"
    assert framework_current("integrated", on=datetime.date(2017, 3, 31)).version == "2015.1"
    assert framework_current("integrated", on=datetime.date(2017, 4, 1)).version == "2017.1"


def test_the_announced_kind_is_refused_once_the_window_has_opened(people):
    start = timezone.localdate() - 2 * DAY
    inspection = _set_up(people, "integrated", start, ["ofsted", "cqc"])
    with pytest.raises(ValidationError) as refused:
        _notify(people, inspection)
    assert refused.value.messages == [
        NOTICE_ANNOUNCED.format(start=f"{start:%-d %B %Y}", before="")
    ]
    inspection.refresh_from_db()
    assert (inspection.status, inspection.notified_at) == (InspectionStatus.PLANNED, None)
    assert _notify(people, inspection, notified_on=start - 3 * DAY).notified_at is not None


def test_the_unannounced_kinds_are_told_on_a_day_of_the_window(people):
    start = timezone.localdate() + 7 * DAY
    codes = ["ofsted", "cqc", "hmic", "hmi_probation"]
    inspection = _set_up(people, "joint_child_protection", start, codes)
    with pytest.raises(ValidationError) as refused:
        _notify(people, inspection)
    end = start + 10 * DAY
    assert refused.value.messages == [
        NOTICE_NONE.format(start=f"{start:%-d %B %Y}", end=f"{end:%-d %B %Y}")
    ]
    with pytest.raises(ValidationError) as future:
        _notify(people, inspection, notified_on=start)
    assert future.value.messages == [services.NOTIFIED_IN_FUTURE]
    today = timezone.localdate()
    lac = _set_up(people, "looked_after_children", today, ["ofsted", "cqc"], area="Dunmore")
    assert _notify(people, lac).status == InspectionStatus.NOTIFIED


def test_short_notice_counts_working_days_to_the_day_the_window_opens():
    rule = NoticeRule(NoticeKind.SHORT, working_days=5)
    # Thursday 2 April 2015, before Easter: five working days later is Monday 13 April.
    told = datetime.date(2015, 4, 2)
    window_end = datetime.date(2015, 4, 24)
    opens = datetime.date(2015, 4, 13)
    assert rule.refusal(notified_on=told, window_start=opens, window_end=window_end) == ""
    message = rule.refusal(
        notified_on=told, window_start=datetime.date(2015, 4, 9), window_end=window_end
    )
    assert message == (
        "This kind of inspection gives 5 working days' notice: notified on 2 April 2015, the "
        "window must open on 13 April 2015."
    )


def test_the_joint_child_protection_kind_covers_every_local_agency_named_for_it(people):
    start = timezone.localdate() + 7 * DAY
    with pytest.raises(ValidationError) as refused:
        _set_up(people, "joint_child_protection", start, ["ofsted", "cqc", "hmic"])
    assert refused.value.messages == [
        services.REQUIRED_INSPECTORATE_MISSING.format(name="HM Inspectorate of Probation")
    ]
    framework = framework_current("joint_child_protection")
    assert set(framework.required_inspectorates) == {"ofsted", "cqc", "hmic", "hmi_probation"}
    for code in framework.required_inspectorates:
        assert framework.for_inspectorate(code).areas, code


def test_the_looked_after_children_kind_has_no_lscb_judgement(people, client_for):
    today = timezone.localdate()
    inspection = _set_up(people, "looked_after_children", today, ["ofsted", "cqc"])
    inspection = _notify(people, inspection)
    assert not inspection.framework.shared_lscb_judgement
    assert kinds_for(inspection.framework) == (SharedTextKind.KEY_FINDINGS,)
    with pytest.raises(ValidationError) as refused:
        lscb_services.shared_text_save(
            acting_user=people["ofsted.lead"],
            inspection=inspection,
            kind=SharedTextKind.LSCB_JUDGEMENT,
            body="The board.",
            grade="good",
            expected_version=0,
        )
    assert refused.value.messages == [lscb_services.UNKNOWN_KIND]
    lead = client_for("ofsted.lead")
    assert lead.get(f"/inspections/{inspection.reference}/shared/lscb/").status_code == 404
    assert lead.get(f"/inspections/{inspection.reference}/shared/key-findings/").status_code == 200
    overview = lead.get(f"/inspections/{inspection.reference}/shared/").content.decode()
    assert "this kind of inspection has no shared LSCB judgement" in overview
    assert "/shared/lscb/" not in overview
    assert (
        "Shared summary of key findings" in lead.get(inspection.get_absolute_url()).content.decode()
    )
    assert lscb_selectors.shared_texts_not_agreed(inspection=inspection) == {
        SharedTextKind.KEY_FINDINGS
    }
    missing = publication_missing_conditions(inspection=inspection)
    assert KEY_FINDINGS_NOT_AGREED in missing
    assert LSCB_NOT_AGREED not in missing
    assert report_content(inspection=inspection).lscb is None


def test_the_set_up_form_says_each_kinds_window_notice_and_participants(client_for):
    page = client_for("programme.admin").get("/inspections/new/").content.decode()
    assert (
        "Window of up to 14 days. Unannounced: the area is told when fieldwork starts, on a day "
        "of the window. Must take part: Ofsted, Care Quality Commission." in page
    )
    assert (
        "Window of up to 28 days. Announced: the local authority is notified before the window "
        "opens. Must take part: Ofsted. May take part: Care Quality Commission, "
        "HM Inspectorate of Constabulary and Fire &amp; Rescue Services" in page
    )
    assert (
        "Must take part: Ofsted, Care Quality Commission, HM Inspectorate of Constabulary, "
        "HM Inspectorate of Probation." in page
    )
