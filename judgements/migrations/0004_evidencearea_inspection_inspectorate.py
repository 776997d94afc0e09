"""Each evidence area carries its evidence's inspection and inspectorate, indexed for counting."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_from_evidence(apps, schema_editor):
    EvidenceArea = apps.get_model("judgements", "EvidenceArea")
    Evidence = apps.get_model("judgements", "Evidence")
    evidence = Evidence.objects.filter(pk=OuterRef("evidence_id"))
    EvidenceArea.objects.update(
        inspection_id=Subquery(evidence.values("inspection_id")[:1]),
        inspectorate_id=Subquery(evidence.values("inspectorate_id")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0001_initial"),
        ("inspectorates", "0001_initial"),
        ("judgements", "0003_judgement_history_reasons_as_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="evidencearea",
            name="inspection",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="inspections.inspection",
            ),
        ),
        migrations.AddField(
            model_name="evidencearea",
            name="inspectorate",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="inspectorates.inspectorate",
            ),
        ),
        migrations.RunPython(copy_from_evidence, migrations.RunPython.noop),
    ]

