from decimal import Decimal

from django.db import migrations

# Frozen here rather than read from the app: a migration must not change when code does.
# National figures for England, 2013-14: re-referrals 23.4%, child protection plans 42.1 and
# looked-after children 60 per 10,000 children.
FIRST_POLICY = {
    "version": 1,
    "criteria": {
        "ofsted_grade": {"weight": 40},
        "partner_concerns": {"weight": 30, "counted": 2, "lookback_months": 24},
        "time_since_joint_inspection": {"weight": 10, "horizon_months": 60},
        "re_referral_rate": {"weight": 10, "national": 23.4},
        "child_protection_plan_rate": {"weight": 5, "national": 42.1},
        "looked_after_rate": {"weight": 5, "national": 60},
    },
    "revisit_always_candidate": True,
    "revisit_window_months": 36,
    "recently_inspected_months": 24,
    "quota_fraction": Decimal("0.25"),
    "change_note": (
        "The selection criteria proposed in the consultation on the targeted programme of "
        "integrated inspections (June 2014)."
    ),
}


def add_first_policy(apps, schema_editor):
    SelectionPolicy = apps.get_model("selection", "SelectionPolicy")
    if not SelectionPolicy.objects.exists():
        SelectionPolicy.objects.create(**FIRST_POLICY)


class Migration(migrations.Migration):
    dependencies = [("selection", "0001_initial")]

    operations = [migrations.RunPython(add_first_policy, migrations.RunPython.noop)]
