"""Each inspectorate's framework is versioned data that loads whole."""

import pytest

from inspectorates.frameworks import LimitingRule
from inspectorates.registry import (
    INSPECTORATE_CODES,
    framework_current,
    framework_get,
    framework_versions,
)


@pytest.mark.parametrize("key", ["integrated/2015.1", "integrated/2017.1"])
@pytest.mark.parametrize("code", INSPECTORATE_CODES)
def test_each_framework_loads_with_areas_and_four_descriptors_per_graded_area(code, key):
    version = framework_get(key)
    framework = version.for_inspectorate(code)
    assert framework.areas
    for area in framework.areas:
        assert area.criteria, area.code
        if area.graded:
            grades = version.scale_for(code, area).codes
            assert [bool(area.descriptor(g)) for g in grades] == [True] * 4, area.code


def test_ofsted_judges_overall_effectiveness_and_the_graded_sub_judgements():
    ofsted = framework_current("integrated").for_inspectorate("ofsted")
    assert "overall_effectiveness" in ofsted.area_codes
    assert ofsted.area("adoption_performance").parent == "looked_after_and_permanence"
    assert ofsted.area("care_leavers").parent == "looked_after_and_permanence"


def test_ofsted_hard_limiting_rule_is_framework_data():
    ofsted = framework_current("integrated").for_inspectorate("ofsted")
    rule = next(r for r in ofsted.limiting_rules if r.code == "help_and_protection_inadequate")
    assert isinstance(rule, LimitingRule)
    assert rule.violated_by({"help_and_protection": "inadequate", "overall_effectiveness": "good"})
    assert not rule.violated_by(
        {"help_and_protection": "inadequate", "overall_effectiveness": "inadequate"}
    )


def test_the_three_inspection_kinds_have_their_windows_and_participants():
    versions = {v.kind: v for v in framework_versions().values() if v.version == "2015.1"}
    assert versions["integrated"].window_days == 28
    assert set(versions["integrated"].inspectorates) == set(INSPECTORATE_CODES)
    assert versions["joint_child_protection"].window_days == 14
    assert not versions["joint_child_protection"].announced
    assert set(versions["looked_after_children"].inspectorates) == {"ofsted", "cqc"}


def test_prisons_take_part_only_where_appropriate():
    prisons = framework_current("integrated").for_inspectorate("hmi_prisons")
    assert prisons.requires_custodial_establishment
