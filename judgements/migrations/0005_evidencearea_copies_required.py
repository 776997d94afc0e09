"""The copies filled in by 0004 become required, and indexed for counting.

A migration of its own: PostgreSQL refuses to alter a table in the transaction that updated its
rows while their deferred foreign-key checks are pending.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("judgements", "0004_evidencearea_inspection_inspectorate"),
    ]

    operations = [
        migrations.AlterField(
            model_name="evidencearea",
            name="inspection",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="inspections.inspection",
            ),
        ),
        migrations.AlterField(
            model_name="evidencearea",
            name="inspectorate",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="inspectorates.inspectorate",
            ),
        ),
        migrations.AddIndex(
            model_name="evidencearea",
            index=models.Index(
                fields=["inspection", "inspectorate", "area_code"], name="evidence_area_count"
            ),
        ),
    ]
