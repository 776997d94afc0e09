"""Race safety on PostgreSQL: leads sign while the lead inspector edits and finalises.

Whatever the interleaving, the text is never agreed unless every participating inspectorate's
live sign-off is an agreement with the current version, and no live sign-off names an older one.
"""

from __future__ import annotations

import random
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from inspections import demo
from lscb import services
from lscb.models import SharedText, SharedTextStatus, SignOffDecision
from tests.conftest import require_services
from tests.lscb.conftest import LEADS, save

ROUNDS = 10


def _in_thread(errors: list[Exception], work, *args) -> threading.Thread:
    """Run `work` on its own database connection; anything but a refusal is a failure."""

    def run() -> None:
        try:
            work(*args)
        except ValidationError:
            pass  # a refused step (stale version, not yet agreed, finalised) is the lock working
        except Exception as error:
            errors.append(error)  # reported by the main thread, which asserts there are none
        finally:
            connection.close()

    return threading.Thread(target=run)


def _assert_consistent(shared_text: SharedText, participating: set[int]) -> None:
    shared_text.refresh_from_db()
    live = list(shared_text.sign_offs.filter(voided_at=None))
    assert all(s.version_number == shared_text.current_version for s in live), [
        (s.inspectorate_id, s.version_number, shared_text.current_version) for s in live
    ]
    assert len({s.inspectorate_id for s in live}) == len(live)
    assert shared_text.versions.count() == shared_text.current_version
    if shared_text.status == SharedTextStatus.AGREED:
        agreeing = {s.inspectorate_id for s in live if s.decision == SignOffDecision.AGREE}
        assert agreeing == participating


def _start_round(shared_text: SharedText, people, round_number: int) -> int:
    """Put a fresh circulated version in front of the leads; returns its number."""
    lead_inspector = people["ofsted.lead"]
    shared_text.refresh_from_db()
    if shared_text.status == SharedTextStatus.AGREED:
        services.shared_text_reopen(
            acting_user=lead_inspector,
            shared_text=shared_text,
            reason=f"Round {round_number}",
            seen_version=shared_text.current_version,
        )
    save(
        people,
        shared_text.inspection,
        expected_version=shared_text.current_version,
        body=f"Round {round_number}: the board knows the area's risks.",
    )
    shared_text.refresh_from_db()
    if shared_text.status == SharedTextStatus.DRAFT:
        services.shared_text_circulate(
            acting_user=lead_inspector,
            shared_text=shared_text,
            seen_version=shared_text.current_version,
        )
    return shared_text.current_version


def _race(shared_text: SharedText, people, *, version: int, edit_delay: float) -> None:
    """Five leads (one of them signing twice at once, as a double-clicked button would), an
    edit and a finalise, all released together; each thread has its own connection."""
    signers = [*LEADS.items(), ("cqc", LEADS["cqc"])]
    barrier = threading.Barrier(len(signers) + 2)
    errors: list[Exception] = []

    def signer(code: str, username: str) -> None:
        barrier.wait()
        try:
            services.signoff_record(
                acting_user=people[username],
                shared_text=shared_text,
                inspectorate_code=code,
                version_number=version,
                decision=SignOffDecision.AGREE,
            )
        except ValidationError:
            # The text changed under them: read the new version and sign that one.
            fresh = SharedText.objects.get(pk=shared_text.pk)
            services.signoff_record(
                acting_user=people[username],
                shared_text=fresh,
                inspectorate_code=code,
                version_number=fresh.current_version,
                decision=SignOffDecision.AGREE,
            )

    def editor() -> None:
        barrier.wait()
        time.sleep(edit_delay)
        save(
            people,
            shared_text.inspection,
            expected_version=version,
            body=f"Version {version + 1}: edited while the leads were signing.",
        )

    def finaliser() -> None:
        barrier.wait()
        for _ in range(15):
            try:
                services.shared_text_finalise(
                    acting_user=people["ofsted.lead"],
                    shared_text=shared_text,
                    seen_version=shared_text.current_version,
                )
                return
            except ValidationError:
                time.sleep(0.005)

    threads = [_in_thread(errors, signer, code, username) for code, username in signers]
    threads += [_in_thread(errors, editor), _in_thread(errors, finaliser)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []


# Committed rows, so that each thread's own connection sees them. serialized_rollback restores
# the rows migrations put in, and keeps the flush afterwards from re-creating content types
# under new ids, which would break a later test that restores them.
@pytest.mark.django_db(transaction=True)
def test_concurrent_sign_offs_edits_and_finalising_stay_consistent():
    require_services(postgres=True)
    seeded = demo.seed()
    people = seeded.people
    shared_text = save(people, seeded.inspection, expected_version=0)
    participating = set(seeded.inspection.participations.values_list("inspectorate_id", flat=True))
    randomness = random.Random(2015)

    for round_number in range(1, ROUNDS + 1):
        version = _start_round(shared_text, people, round_number)
        _race(shared_text, people, version=version, edit_delay=randomness.uniform(0, 0.02))
        _assert_consistent(shared_text, participating)
