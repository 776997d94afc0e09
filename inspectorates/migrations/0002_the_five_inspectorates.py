from django.db import migrations

# Frozen here rather than read from the registry: a migration must not change when code does.
INSPECTORATES = [
    ("ofsted", "Ofsted"),
    ("cqc", "Care Quality Commission"),
    ("hmic", "HM Inspectorate of Constabulary"),
    ("hmi_probation", "HM Inspectorate of Probation"),
    ("hmi_prisons", "HM Inspectorate of Prisons"),
]


def add_inspectorates(apps, schema_editor):
    Inspectorate = apps.get_model("inspectorates", "Inspectorate")
    for position, (code, name) in enumerate(INSPECTORATES):
        Inspectorate.objects.update_or_create(
            code=code, defaults={"name": name, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("inspectorates", "0001_initial")]

    operations = [migrations.RunPython(add_inspectorates, migrations.RunPython.noop)]
