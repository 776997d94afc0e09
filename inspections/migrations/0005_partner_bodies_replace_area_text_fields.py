"""The area's partner agencies live only as PartnerBody rows: the old lines of text on the local
authority go (DESIGN rule 18).

Before they go, any text changed since 0004 copied it is copied again (by name, so nothing is
copied twice); going back, each kind's bodies are written into its old field, one a line.
"""

from django.db import migrations

# kind -> (old field, holds one name a line)
OLD_FIELDS = {
    "police": ("police_force", False),
    "health": ("health_bodies", True),
    "youth_offending": ("youth_offending_team", False),
    "probation": ("probation_provider", False),
    "custodial": ("custodial_establishments", True),
}


def copy_text_to_partner_bodies(apps, schema_editor):
    LocalAuthority = apps.get_model("inspections", "LocalAuthority")
    PartnerBody = apps.get_model("inspections", "PartnerBody")
    for area in LocalAuthority.objects.all():
        for kind, (field, _) in OLD_FIELDS.items():
            for line in (getattr(area, field) or "").splitlines():
                if line.strip():
                    PartnerBody.objects.get_or_create(
                        local_authority=area, name=line.strip()[:160], defaults={"kind": kind}
                    )


def copy_partner_bodies_to_text(apps, schema_editor):
    LocalAuthority = apps.get_model("inspections", "LocalAuthority")
    PartnerBody = apps.get_model("inspections", "PartnerBody")
    for area in LocalAuthority.objects.all():
        for kind, (field, many) in OLD_FIELDS.items():
            names = list(
                PartnerBody.objects.filter(local_authority=area, kind=kind)
                .order_by("name")
                .values_list("name", flat=True)
            )
            limit = None if many else area._meta.get_field(field).max_length
            setattr(area, field, "\n".join(names) if many else (names[0][:limit] if names else ""))
        area.save()


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0004_partner_bodies_from_area_fields"),
    ]

    operations = [
        migrations.RunPython(copy_text_to_partner_bodies, copy_partner_bodies_to_text),
        migrations.RemoveField(
            model_name="historicallocalauthority",
            name="custodial_establishments",
        ),
        migrations.RemoveField(
            model_name="historicallocalauthority",
            name="health_bodies",
        ),
        migrations.RemoveField(
            model_name="historicallocalauthority",
            name="police_force",
        ),
        migrations.RemoveField(
            model_name="historicallocalauthority",
            name="probation_provider",
        ),
        migrations.RemoveField(
            model_name="historicallocalauthority",
            name="youth_offending_team",
        ),
        migrations.RemoveField(
            model_name="localauthority",
            name="custodial_establishments",
        ),
        migrations.RemoveField(
            model_name="localauthority",
            name="health_bodies",
        ),
        migrations.RemoveField(
            model_name="localauthority",
            name="police_force",
        ),
        migrations.RemoveField(
            model_name="localauthority",
            name="probation_provider",
        ),
        migrations.RemoveField(
            model_name="localauthority",
            name="youth_offending_team",
        ),
    ]
