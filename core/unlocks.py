"""What an open correction unlocks on a published inspection, asked by the apps that own it.

After publication nothing changes (DESIGN rule 8) except what an open correction names (rule 11).
The correction belongs to `reports`, above `judgements` and `lscb` in the layers, so those apps
ask here, and `reports` registers in its `AppConfig.ready()` the function that answers.

A part is named by a string: "judgement:<id>" (its text), "judgement_grade:<id>" (its grade as
well), "shared:lscb_judgement" or "shared:key_findings".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Answer = Callable[..., bool]  # (*, inspection, part) -> whether an open correction names it

_answers: list[Answer] = []


def register(answer: Answer) -> None:
    if answer not in _answers:
        _answers.append(answer)


def unlocked(part: str, *, inspection: Any) -> bool:
    """Whether an open correction of the published `inspection` names `part`."""
    return any(answer(inspection=inspection, part=part) for answer in _answers)


def judgement(pk: int, *, grade: bool = False) -> str:
    return f"judgement_grade:{pk}" if grade else f"judgement:{pk}"


def shared_text(kind: str) -> str:
    return f"shared:{kind}"
