"""Each area's partner agencies, until now lines of text on the local authority, become rows of
PartnerBody that the programme administrator can edit (DESIGN rule 18)."""

from django.db import migrations


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def copy_partner_bodies(apps, schema_editor):
    LocalAuthority = apps.get_model("inspections", "LocalAuthority")
    PartnerBody = apps.get_model("inspections", "PartnerBody")
    for area in LocalAuthority.objects.all():
        names = [
            ("police", [area.police_force]),
            ("health", _lines(area.health_bodies)),
            ("youth_offending", [area.youth_offending_team]),
            ("probation", [area.probation_provider]),
            ("custodial", _lines(area.custodial_establishments)),
        ]
        for kind, values in names:
            for name in values:
                if name and name.strip():
                    PartnerBody.objects.get_or_create(
                        local_authority=area, name=name.strip()[:160], defaults={"kind": kind}
                    )


class Migration(migrations.Migration):
    dependencies = [("inspections", "0003_partner_bodies_and_people_around_the_child")]

    operations = [migrations.RunPython(copy_partner_bodies, migrations.RunPython.noop)]
