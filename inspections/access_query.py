"""The access check of `inspections.permissions.with_access_of`, as SQL read with the inspection.

Every signed-in page of an inspection runs it, so its cost is paid on every request: built with
the ORM's subqueries (Exists, ArraySubquery, Cast) it took longer to compile in Python than the
four queries it replaced took to run (bench/README.md, fix 11). These are the same conditions
as `permissions._object_permissions` and Django's ModelBackend (the user's own permissions and
their groups'), written once, with the table names taken from the models.
"""

from __future__ import annotations

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.db.models import BooleanField, CharField, Expression
from django.db.models.expressions import RawSQL
from guardian.models import UserObjectPermission

from inspections.models import Inspection, Participation
from inspectorates.models import Inspectorate


@cache
def _statements() -> dict[str, str]:
    user_model = get_user_model()
    tables = {
        "inspection": Inspection._meta.db_table,
        "participation": Participation._meta.db_table,
        "inspectorate": Inspectorate._meta.db_table,
        "rights": UserObjectPermission._meta.db_table,
        "permission": Permission._meta.db_table,
        "content_type": ContentType._meta.db_table,
        "own": user_model.user_permissions.through._meta.db_table,
        "groups": user_model.groups.through._meta.db_table,
        "group_permissions": Group.permissions.through._meta.db_table,
    }
    # A right of the user's (guardian's rows: object_pk is text) with this codename on the row
    # whose id is `{pk}`, an object of the content type given as a parameter. The permission is
    # of that content type too, as guardian assigns and checks it; saying so lets PostgreSQL find
    # it by its unique (content type, codename) index instead of reading every permission.
    right = (  # noqa: S608 - table names from the models; every value is a parameter
        'EXISTS (SELECT 1 FROM "{rights}" r JOIN "{permission}" p ON p.id = r.permission_id '
        "WHERE r.user_id = %s AND r.content_type_id = %s AND p.content_type_id = r.content_type_id "
        "AND p.codename = %s "
        "AND r.object_pk = ({{pk}})::text)"
    ).format(**tables)
    inspection_pk = '"{inspection}"."id"'.format(**tables)
    inspectorates_with = (  # noqa: S608 - table names from the models; values are parameters
        'ARRAY(SELECT i.code FROM "{participation}" pa JOIN "{inspectorate}" i '
        'ON i.id = pa.inspectorate_id WHERE pa.inspection_id = "{inspection}"."id" '
        "AND {right} ORDER BY i.code)"
    ).format(right=right.format(pk="pa.id"), **tables)
    programme = (  # noqa: S608 - table names from the models; every value is a parameter
        'EXISTS (SELECT 1 FROM "{permission}" p JOIN "{content_type}" ct '
        "ON ct.id = p.content_type_id WHERE ct.app_label = %s AND p.codename = %s AND ("
        'EXISTS (SELECT 1 FROM "{own}" o WHERE o.permission_id = p.id AND o.user_id = %s) OR '
        'EXISTS (SELECT 1 FROM "{groups}" ug JOIN "{group_permissions}" gp '
        "ON gp.group_id = ug.group_id WHERE gp.permission_id = p.id AND ug.user_id = %s)))"
    ).format(**tables)
    return {
        "member": right.format(pk=inspection_pk),
        "inspectorates_with": inspectorates_with,
        "programme": programme,
    }


def access_annotations(
    user_id: int, programme_permission: str, view: str, contribute: str, lead: str
) -> dict[str, Expression]:
    """`access_*` columns for a query of inspections: whether the user holds the programme
    permission (`app_label.codename`), is on the team (`view` on the inspection), and the codes
    of the inspectorates whose participation they hold `contribute` and `lead` on."""
    sql = _statements()
    types = ContentType.objects.get_for_models(Inspection, Participation)  # cached per process
    on_inspection, on_participation = types[Inspection].pk, types[Participation].pk
    app_label, codename = programme_permission.split(".")
    codes = ArrayField(CharField())
    return {
        "access_programme": _raw(
            sql["programme"], (app_label, codename, user_id, user_id), BooleanField()
        ),
        "access_member": _raw(sql["member"], (user_id, on_inspection, view), BooleanField()),
        "access_contributes": _raw(
            sql["inspectorates_with"], (user_id, on_participation, contribute), codes
        ),
        "access_leads": _raw(sql["inspectorates_with"], (user_id, on_participation, lead), codes),
    }


def _raw(sql: str, params: tuple, output_field) -> RawSQL:
    return RawSQL(sql, params, output_field)  # noqa: S611 - fixed statements, values as parameters
