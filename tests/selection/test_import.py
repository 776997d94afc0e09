"""Indicators import from CSV whole or not at all; every problem names its row and column."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from inspections.models import LocalAuthority
from selection import indicators, services
from selection.models import AreaIndicators

HEADER = (
    "ons_code,ofsted_grade,ofsted_judged_on,last_joint_inspection_on,re_referral_rate,"
    "child_protection_plan_rate,looked_after_rate"
)
# The inspections' demo areas: Ashdown, Brackenfield, Calderbridge, Dunmore.
GOOD_ROWS = [
    "E06000901,good,2012-10-05,2010-03-19,21.9,38.4,57.0",
    "E08000902,inadequate,2014-03-12,,28.1,51.0,72.4",
    "E08000903,requires_improvement,2013-11-20,2010-06-18,24.9,44.0,65.0",
]


def csv_file(*rows: str, header: str = HEADER, name: str = "indicators.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, "\n".join([header, *rows]).encode(), content_type="text/csv")


def upload(client, file: SimpleUploadedFile):
    return client.post("/selection/areas/import/", {"file": file})


@pytest.mark.django_db
def test_a_good_file_imports_every_row(client_for, people):
    response = upload(client_for("programme.admin"), csv_file(*GOOD_ROWS))

    assert response.status_code == 302
    assert AreaIndicators.objects.count() == 3
    brackenfield = AreaIndicators.objects.get(local_authority__name="Brackenfield")
    assert brackenfield.ofsted_grade == "inadequate"
    assert brackenfield.ofsted_judged_on == datetime.date(2014, 3, 12)
    assert brackenfield.last_joint_inspection_on is None
    assert brackenfield.re_referral_rate == Decimal("28.1")
    record = brackenfield.history.get()
    assert record.history_user == people["programme.admin"]
    assert record.history_change_reason == "Imported from indicators.csv, row 3"


@pytest.mark.django_db
def test_one_bad_row_rejects_the_whole_file_naming_its_row_and_column(client_for):
    bad = "E08000903,requires_improvement,2013-11-20,2010-06-18,lots,44.0,65.0"
    response = upload(client_for("programme.admin"), csv_file(GOOD_ROWS[0], GOOD_ROWS[1], bad))

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Row 4, column re_referral_rate: &#x27;lots&#x27; is not a number" in page
    # Rows 2 and 3 were fine, but nothing is half-imported.
    assert AreaIndicators.objects.count() == 0


@pytest.mark.django_db
def test_a_rejected_file_leaves_what_was_held_untouched(admin):
    services.indicators_import_csv(acting_user=admin, data=csv_file(*GOOD_ROWS).read())
    changed = "E06000901,inadequate,2015-01-05,2010-03-19,30.0,38.4,57.0"
    bad = "E09000904,outstanding,2014-06-31,,19.8,35.2,48.0"
    with pytest.raises(ValidationError) as error:
        services.indicators_import_csv(acting_user=admin, data=csv_file(changed, bad).read())

    assert error.value.message_dict["file"] == [
        "Row 3, column ofsted_judged_on: '2014-06-31' is not a date written as YYYY-MM-DD, "
        "for example 2014-03-12"
    ]
    ashdown = AreaIndicators.objects.get(local_authority__name="Ashdown")
    assert ashdown.ofsted_grade == "good"
    assert ashdown.re_referral_rate == Decimal("21.9")
    assert not AreaIndicators.objects.filter(local_authority__name="Dunmore").exists()


@pytest.mark.django_db
def test_every_problem_in_the_file_is_listed(admin):
    rows = [
        "E00000000,good,2012-10-05,,21.9,38.4,57.0",
        "E08000902,inadequat,2014-03-12,,128.1,51.0,-2",
        "E08000903,good,,,24.9,44.0,65.0",
        "E08000902,,2013-01-01,2099-01-01,,,",
        ",,,,,,",
        "E09000904,good",
    ]
    with pytest.raises(ValidationError) as error:
        services.indicators_import_csv(acting_user=admin, data=csv_file(*rows).read())

    assert error.value.message_dict["file"] == [
        "Row 2, column ons_code: no local authority has the ONS code 'E00000000'",
        "Row 3, column ofsted_grade: 'inadequat' is not one of outstanding, good, "
        "requires_improvement, inadequate",
        "Row 3, column re_referral_rate: 128.1 is not between 0 and 100",
        "Row 3, column looked_after_rate: -2 is not between 0 and 10000",
        "Row 4, column ofsted_judged_on: the grade needs the date of the judgement in "
        "ofsted_judged_on",
        "Row 5, column ons_code: 'E08000902' is already on row 3",
        "Row 5, column ofsted_grade: the date needs the grade of the judgement in ofsted_grade",
        "Row 5, column last_joint_inspection_on: 2099-01-01 is in the future",
        "Row 7: it has 2 cells but the header row has 7",
    ]
    assert AreaIndicators.objects.count() == 0


@pytest.mark.django_db
def test_a_file_without_the_expected_columns_is_rejected(admin):
    header = "ons_code,grade,ofsted_judged_on,re_referral_rate"
    with pytest.raises(ValidationError) as error:
        services.indicators_import_csv(
            acting_user=admin, data=csv_file("E06000901,good,2012-10-05,21.9", header=header).read()
        )
    assert error.value.message_dict["file"] == [
        "The header row is missing the columns: ofsted_grade, last_joint_inspection_on, "
        "child_protection_plan_rate, looked_after_rate.",
        "The header row has columns that are not recognised: grade.",
    ]


@pytest.mark.django_db
def test_a_file_that_is_not_utf8_is_rejected(client_for):
    file = SimpleUploadedFile(
        "indicators.csv",
        (HEADER + "\nE06000901,good,2012-10-05,,21.9,38.4,57.0 \xe9").encode("latin-1"),
    )
    response = upload(client_for("programme.admin"), file)
    assert indicators.CSV_NOT_UTF8 in response.content.decode()
    assert AreaIndicators.objects.count() == 0


@pytest.mark.django_db
def test_a_spreadsheet_export_with_a_byte_order_mark_name_column_and_any_order_imports(admin):
    header = (
        "local_authority,ons_code,looked_after_rate,child_protection_plan_rate,re_referral_rate,"
        "last_joint_inspection_on,ofsted_judged_on,ofsted_grade"
    )
    data = "\ufeff" + header + "\r\nDunmore,e09000904,48,35.2,19.84,,2014-06-30,Outstanding\r\n"
    result = services.indicators_import_csv(acting_user=admin, data=data.encode("utf-8"))

    assert (result.rows, result.changed) == (1, 1)
    dunmore = AreaIndicators.objects.get(local_authority__ons_code="E09000904")
    assert dunmore.ofsted_grade == "outstanding"
    assert dunmore.re_referral_rate == Decimal("19.8")
    assert dunmore.looked_after_rate == Decimal("48.0")


@pytest.mark.django_db
def test_blank_cells_clear_a_figure_and_areas_not_in_the_file_are_left_alone(admin):
    services.indicators_import_csv(acting_user=admin, data=csv_file(*GOOD_ROWS).read())
    services.indicators_import_csv(
        acting_user=admin, data=csv_file("E06000901,good,2012-10-05,2010-03-19,,38.4,57.0").read()
    )
    assert AreaIndicators.objects.get(local_authority__name="Ashdown").re_referral_rate is None
    assert AreaIndicators.objects.get(
        local_authority__name="Brackenfield"
    ).re_referral_rate == Decimal("28.1")


@pytest.mark.django_db
def test_importing_the_same_file_again_changes_nothing(admin):
    services.indicators_import_csv(acting_user=admin, data=csv_file(*GOOD_ROWS).read())
    result = services.indicators_import_csv(acting_user=admin, data=csv_file(*GOOD_ROWS).read())
    assert (result.rows, result.changed) == (3, 0)
    assert AreaIndicators.history.count() == 3


@pytest.mark.django_db
def test_the_upload_page_documents_every_column(client_for):
    page = client_for("programme.admin").get("/selection/areas/import/").content.decode()
    assert 'enctype="multipart/form-data"' in page
    for column in indicators.CSV_COLUMNS:
        assert f"<code>{column}</code>" in page


@pytest.mark.django_db
def test_only_csv_files_are_accepted(client_for):
    file = SimpleUploadedFile("indicators.xlsx", b"PK\x03\x04")
    response = upload(client_for("programme.admin"), file)
    assert "The selected file must be a CSV file" in response.content.decode()


@pytest.mark.django_db
def test_an_import_adds_indicators_to_an_area_without_any(admin):
    area = LocalAuthority.objects.get(name="Calderbridge")
    assert not AreaIndicators.objects.filter(local_authority=area).exists()
    services.indicators_import_csv(acting_user=admin, data=csv_file(GOOD_ROWS[2]).read())
    assert AreaIndicators.objects.get(local_authority=area).ofsted_grade == "requires_improvement"


@pytest.mark.django_db
def test_years_outside_the_services_range_are_refused_like_a_date_box_refuses_them(admin):
    rows = [
        "E08000902,good,1066-10-14,,21.9,38.4,57.0",
        "E08000903,good,2014-03-12,0001-01-01,24.9,44.0,65.0",
    ]
    with pytest.raises(ValidationError) as error:
        services.indicators_import_csv(acting_user=admin, data=csv_file(*rows).read())

    assert error.value.message_dict["file"] == [
        "Row 2, column ofsted_judged_on: 1066-10-14: the year must be between 1900 and 2100",
        "Row 3, column last_joint_inspection_on: 0001-01-01: the year must be between 1900 "
        "and 2100",
    ]
    assert AreaIndicators.objects.count() == 0
