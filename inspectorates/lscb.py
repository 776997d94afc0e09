"""Grade descriptors for the shared LSCB judgement, as framework data.

The LSCB judgement belongs to no one inspectorate, so its descriptors are not in any
inspectorate's framework; the registry gives each framework version its set, like the rest of
the framework data: a new framework version names a new set, and old inspections keep theirs.
"""

from __future__ import annotations

from collections.abc import Mapping

LSCB_2015: Mapping[str, str] = {
    "outstanding": (
        "The LSCB is highly influential in improving the care and protection of children. It "
        "rigorously evaluates the effectiveness of every partner's work, and its challenge "
        "demonstrably improves practice and children's experiences."
    ),
    "good": (
        "The LSCB coordinates and monitors the work of partners effectively. It knows the "
        "strengths and weaknesses of local safeguarding, challenges partners where needed, and "
        "learning from case reviews and audits improves practice."
    ),
    "requires_improvement": (
        "The LSCB meets its statutory duties but is not yet good: its monitoring, evaluation or "
        "challenge of partners is not strong enough to drive improvement consistently."
    ),
    "inadequate": (
        "The LSCB does not meet its statutory duties, or has not identified or acted on "
        "widespread or serious failures in the help and protection children receive."
    ),
}
