"""The ranked list downloads as CSV, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

from inspections.models import LocalAuthority
from selection import services
from selection.export import EXPORT_HEADER, csv_safe


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_ranked_list_downloads_as_csv_with_a_header_row(
    client_for, make_area, programme_year, inspection
):
    make_area("Avonford", grade="inadequate", judged_on="2014-03-12", re_referrals="28.1")
    response = client_for("programme.admin").get("/selection/years/2015/ranking.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == ('attachment; filename="selection-2015-to-2016.csv"')
    rows = rows_of(response)
    assert rows[0] == list(EXPORT_HEADER)
    assert rows[1][:7] == ["1", rows[1][1], "Avonford", "52.0", "yes", "no", "yes"]
    assert "Re-referrals 28.1% (national 23.4%): +2.0" in rows[1][-1]
    # Areas that are not candidates come last, with the reason.
    assert rows[-1][2] == inspection.local_authority.name
    assert rows[-1][4] == "not a candidate"


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_made_inert(
    client_for, programme_year, admin
):
    area = LocalAuthority.objects.get(name="Brackenfield")
    area.name = '=HYPERLINK("http://example.org","Brackenfield")'
    area.save()
    services.decision_record(
        acting_user=admin,
        programme_year=programme_year,
        local_authority=area,
        outcome="deferred",
        rationale="+1 more year of data needed",
    )
    rows = rows_of(client_for("programme.admin").get("/selection/years/2015/ranking.csv"))
    row = next(r for r in rows if "HYPERLINK" in r[2])
    assert row[2] == '\'=HYPERLINK("http://example.org","Brackenfield")'
    assert row[9] == "'+1 more year of data needed"


def test_every_formula_prefix_is_guarded():
    assert [csv_safe(v) for v in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "plain", 52)] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "plain",
        "52",
    ]
