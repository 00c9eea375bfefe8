"""Bringing an offline copy back: the three-way merge, its conflicts, its audit event, undo.

The destination is the ``ws`` fixture: a file, or with HANDOVER_TEST_BACKEND=postgresql a
server workspace, so the same tests cover file -> file and server -> file -> server.
"""

from __future__ import annotations

import contextlib
import errno
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy
from sqlmodel import Session
from workspace_sql import execute, select_rows

from planner.domain.errors import DomainError, LockedError, PlannerError
from planner.operations import (
    add_system,
    create_entity,
    delete_entity,
    revert,
    update_entity,
)
from planner.operations.bring_back import _Merge, bring_back
from planner.store import offline as offline_store
from planner.store.audit import load_events
from planner.store.copying import content_hash, copy_workspace
from planner.store.offline import read_origin, record_origin
from planner.store.workspace import Workspace, create_workspace, open_workspace


def _system(ws: Workspace, name: str, **fields: object) -> str:
    system_id = add_system(ws, name=name, **fields).first_id("system")
    assert system_id is not None
    return system_id


@pytest.fixture
def offline(ws: Workspace, tmp_path: Path) -> Iterator[Workspace]:
    """An offline copy of ``ws`` (which holds one system), edited by 'ana'."""
    _system(ws, "Claims Copilot", purpose="Triage claims")
    copy_workspace(ws, tmp_path / "offline.handover")
    copy = open_workspace(tmp_path / "offline.handover", actor="ana")
    yield copy
    copy.close()


def _id(ws: Workspace, name: str) -> str:
    return str(select_rows(ws, "ai_system", name=name)[0]["id"])


def _purpose(ws: Workspace, name: str = "Claims Copilot") -> str:
    return str(select_rows(ws, "ai_system", name=name)[0]["purpose"])


def test_a_file_copy_records_its_source_and_fork(ws: Workspace, offline: Workspace) -> None:
    origin = read_origin(offline)
    events = load_events(ws, limit=1)
    assert (origin.fork.source_seq, origin.fork.copy_seq) == (events[0].seq, events[0].seq)
    assert origin.source == (str(ws.path.resolve()) if ws.path else ws.location)
    assert "password" not in origin.source
    assert set(origin.fork.base["system"]) == {_id(ws, "Claims Copilot")}
    # The copy is still the same workspace, and an ordinary one the user can edit.
    assert content_hash(offline) == content_hash(ws)
    update_entity(offline, kind_name="system", entity_id=_id(ws, "Claims Copilot"), values={})


def test_a_field_changed_offline_is_applied_and_one_changed_here_kept(
    ws: Workspace, offline: Workspace
) -> None:
    system = _id(ws, "Claims Copilot")
    update_entity(offline, kind_name="system", entity_id=system, values={"purpose": "Offline"})
    update_entity(ws, kind_name="system", entity_id=system, values={"workflow": "Here"})
    result = bring_back(ws, copy=offline)
    row = select_rows(ws, "ai_system", id=system)[0]
    assert (row["purpose"], row["workflow"]) == ("Offline", "Here")
    assert result.conflicts == ()
    assert result.applied == ("Claims Copilot: purpose: 'Triage claims' → 'Offline' (by ana)",)


def test_a_long_text_changed_in_its_middle_shows_the_words_that_changed(
    ws: Workspace, offline: Workspace, tmp_path: Path
) -> None:
    # Cut at its first 57 characters, both sides of a long purpose read the same.
    start = "Supports claims handlers by scoring each new claim for complexity, "
    end = "and indicators of possible fraud or error, summarising the claim file."
    system = _id(ws, "Claims Copilot")
    update_entity(ws, kind_name="system", entity_id=system, values={"purpose": start + end})
    copy_workspace(ws, tmp_path / "later.handover")
    copy = open_workspace(tmp_path / "later.handover", actor="ana")
    try:
        edited = start + "Edited offline. " + end
        update_entity(copy, kind_name="system", entity_id=system, values={"purpose": edited})
        (line,) = bring_back(ws, copy=copy).applied
    finally:
        copy.close()
    old, _, new = (
        line.removeprefix("Claims Copilot: purpose: ").removesuffix(" (by ana)").partition(" → ")
    )
    assert old != new
    assert "Edited offline." in new
    assert "…" in new  # still cut, around what changed
    assert len(new) < 70


def test_the_same_field_changed_on_both_sides_is_a_conflict_and_here_wins(
    ws: Workspace, offline: Workspace
) -> None:
    system = _id(ws, "Claims Copilot")
    update_entity(offline, kind_name="system", entity_id=system, values={"purpose": "Offline"})
    update_entity(ws, kind_name="system", entity_id=system, values={"purpose": "Here"})
    result = bring_back(ws, copy=offline)
    assert _purpose(ws) == "Here"
    assert [str(c) for c in result.conflicts] == [
        "Claims Copilot: purpose: offline 'Offline' (by ana); here 'Here' (by tester); "
        "kept the destination's value"
    ]
    # The same change on both sides is no conflict.
    update_entity(offline, kind_name="system", entity_id=system, values={"outcome": "Same"})
    update_entity(ws, kind_name="system", entity_id=system, values={"outcome": "Same"})
    assert bring_back(ws, copy=offline).conflicts == ()


def test_rows_added_offline_are_inserted_unless_they_clash(
    ws: Workspace, offline: Workspace
) -> None:
    system = _id(ws, "Claims Copilot")
    create_entity(offline, kind_name="document", values={"system_id": system, "title": "Runbook"})
    _system(offline, "Fraud Radar")
    _system(offline, "Both named")
    _system(ws, "Both named")
    result = bring_back(ws, copy=offline)
    assert [r["title"] for r in select_rows(ws, "document")] == ["Runbook"]
    assert len(select_rows(ws, "ai_system", name="Fraud Radar")) == 1
    assert "Added Claims Copilot: document 'Runbook' (by ana)" in result.applied
    [clash] = result.conflicts
    assert clash.what == "Both named"
    assert "there is already one with name 'Both named'" in clash.outcome


def test_a_row_added_offline_under_a_row_deleted_here_is_a_conflict(
    ws: Workspace, offline: Workspace
) -> None:
    person = create_entity(ws, kind_name="person", values={"name": "Ana Ruiz"})
    offline2 = offline.path
    assert offline2 is not None
    # A second copy, taken after the person was added, so both sides know her.
    copy_workspace(ws, offline2.with_name("second.handover"))
    with open_workspace(offline2.with_name("second.handover"), actor="ana") as copy:
        create_entity(
            copy,
            kind_name="document",
            values={
                "system_id": _id(ws, "Claims Copilot"),
                "title": "Runbook",
                "owner_id": person.first_id("person"),
            },
        )
        delete_entity(ws, kind_name="person", entity_id=str(person.first_id("person")))
        result = bring_back(ws, copy=copy)
    assert select_rows(ws, "document") == []
    [conflict] = result.conflicts
    assert conflict.what == "Claims Copilot: document 'Runbook'"
    assert "owner names no person" in conflict.outcome


def test_deleted_offline_and_unchanged_here_is_deleted(ws: Workspace, offline: Workspace) -> None:
    system = _id(ws, "Claims Copilot")
    delete_entity(offline, kind_name="system", entity_id=system)
    result = bring_back(ws, copy=offline)
    assert select_rows(ws, "ai_system") == []
    assert result.applied == ("Deleted Claims Copilot (by ana)",)


def test_deleted_on_one_side_and_changed_on_the_other_keeps_the_changed_row(
    ws: Workspace, offline: Workspace, tmp_path: Path
) -> None:
    system = _id(ws, "Claims Copilot")
    delete_entity(offline, kind_name="system", entity_id=system)
    update_entity(ws, kind_name="system", entity_id=system, values={"purpose": "Here"})
    result = bring_back(ws, copy=offline)
    assert _purpose(ws) == "Here"
    assert [str(c) for c in result.conflicts] == [
        "Claims Copilot: offline deleted by ana; here changed by tester; the changed row was kept"
    ]
    # The other way round: changed offline, deleted here: the changed row comes back.
    copy_workspace(ws, tmp_path / "again.handover")
    with open_workspace(tmp_path / "again.handover", actor="ana") as copy:
        update_entity(copy, kind_name="system", entity_id=system, values={"purpose": "Offline"})
        delete_entity(ws, kind_name="system", entity_id=system)
        result = bring_back(ws, copy=copy)
    assert _purpose(ws) == "Offline"
    assert [c.outcome for c in result.conflicts] == ["the changed row was kept"]


def test_a_deletion_offline_does_not_take_rows_added_here_with_it(
    ws: Workspace, offline: Workspace
) -> None:
    system = _id(ws, "Claims Copilot")
    delete_entity(offline, kind_name="system", entity_id=system)
    create_entity(ws, kind_name="document", values={"system_id": system, "title": "New here"})
    result = bring_back(ws, copy=offline)
    assert len(select_rows(ws, "ai_system")) == 1
    assert len(select_rows(ws, "document")) == 1
    [conflict] = result.conflicts
    assert "document 'New here' was added or changed here" in conflict.outcome


def test_a_system_signed_off_here_is_not_changed(ws: Workspace, offline: Workspace) -> None:
    system = _id(ws, "Claims Copilot")
    update_entity(offline, kind_name="system", entity_id=system, values={"purpose": "Offline"})
    create_entity(offline, kind_name="document", values={"system_id": system, "title": "Doc"})
    execute(ws, "UPDATE ai_system SET locked = :t", t=True)
    result = bring_back(ws, copy=offline)
    assert _purpose(ws) == "Triage claims"
    assert select_rows(ws, "document") == []
    assert result.applied == ()
    assert len(result.conflicts) == 2
    assert all("Claims Copilot is signed off here" in c.outcome for c in result.conflicts)
    # Once it is reopened here, bringing the copy back again applies what was held back.
    execute(ws, "UPDATE ai_system SET locked = :f", f=False)
    again = bring_back(ws, copy=offline)
    assert _purpose(ws) == "Offline"
    assert len(select_rows(ws, "document")) == 1
    assert (len(again.applied), again.conflicts) == (2, ())


def test_a_second_bring_back_applies_nothing(ws: Workspace, offline: Workspace) -> None:
    system = _id(ws, "Claims Copilot")
    update_entity(offline, kind_name="system", entity_id=system, values={"purpose": "Offline"})
    update_entity(offline, kind_name="system", entity_id=system, values={"workflow": "Conflict"})
    update_entity(ws, kind_name="system", entity_id=system, values={"workflow": "Here"})
    assert bring_back(ws, copy=offline).applied
    before = content_hash(ws)
    again = bring_back(ws, copy=offline)
    assert (again.applied, again.conflicts) == ((), ())
    assert content_hash(ws) == before
    # Later offline edits are counted from the bring-back on.
    update_entity(offline, kind_name="system", entity_id=system, values={"decision": "Later"})
    assert len(bring_back(ws, copy=offline).applied) == 1


def test_one_audit_event_records_the_offline_work_and_undo_takes_it_out(
    ws: Workspace, offline: Workspace
) -> None:
    system = _id(ws, "Claims Copilot")
    update_entity(offline, kind_name="system", entity_id=system, values={"purpose": "Offline"})
    _system(offline, "Fraud Radar")
    seq = load_events(ws, limit=1)[0].seq
    result = bring_back(ws, copy=offline)
    [event] = [e for e in load_events(ws) if e.seq > seq]
    assert (event.operation, event.actor) == ("bring_back", "tester")
    after = json.loads(event.after or "{}")
    assert after["offline_actors"] == {"ana": 2}
    assert after["offline_operations"] == {"add_system": 1, "update_system": 1}
    assert len(after["applied"]) == 2
    assert result.change is not None
    revert(ws, change=result.change)
    assert _purpose(ws) == "Triage claims"
    assert select_rows(ws, "ai_system", name="Fraud Radar") == []


def test_a_dry_run_lists_everything_and_writes_nothing(ws: Workspace, offline: Workspace) -> None:
    system = _id(ws, "Claims Copilot")
    update_entity(offline, kind_name="system", entity_id=system, values={"purpose": "Offline"})
    before, fork = content_hash(ws), read_origin(offline).fork.copy_seq
    preview = bring_back(ws, copy=offline, dry_run=True)
    assert preview.applied
    assert preview.change is None
    assert content_hash(ws) == before
    assert read_origin(offline).fork.copy_seq == fork
    assert bring_back(ws, copy=offline).applied == preview.applied


def test_a_copy_of_another_workspace_is_refused(
    ws: Workspace, offline: Workspace, tmp_path: Path
) -> None:
    with create_workspace(tmp_path / "other.handover", actor="tester") as other:
        with pytest.raises(DomainError, match=r"offline.handover was not copied from other"):
            bring_back(other, copy=offline)
        with pytest.raises(DomainError, match=r"other.handover is not an offline copy"):
            bring_back(ws, copy=other)
    with pytest.raises(DomainError, match="is the workspace itself"):
        bring_back(offline, copy=offline)


def test_sign_offs_given_offline_are_not_brought_back(ws: Workspace, offline: Workspace) -> None:
    system = _id(ws, "Claims Copilot")
    execute(offline, "UPDATE ai_system SET locked = :t", t=True)
    result = bring_back(ws, copy=offline)
    assert select_rows(ws, "ai_system")[0]["locked"] in (0, False)
    [conflict] = result.conflicts
    assert conflict.what == "Claims Copilot: locked"
    assert "sign-offs are not brought back" in conflict.outcome
    # The copy itself stays signed off.
    with pytest.raises(LockedError):
        update_entity(offline, kind_name="system", entity_id=system, values={"purpose": "x"})


def test_a_copy_of_a_copy_comes_back_to_the_copy_it_was_taken_from(
    ws: Workspace, offline: Workspace, tmp_path: Path
) -> None:
    system = _id(ws, "Claims Copilot")
    copy_workspace(offline, tmp_path / "laptop.handover")
    with open_workspace(tmp_path / "laptop.handover", actor="bo") as laptop:
        assert read_origin(laptop).source == str((tmp_path / "offline.handover").resolve())
        update_entity(laptop, kind_name="system", entity_id=system, values={"purpose": "Bo"})
        with (
            create_workspace(tmp_path / "x.handover") as stranger,
            pytest.raises(DomainError, match="not copied from"),
        ):
            bring_back(stranger, copy=laptop)
        assert bring_back(offline, copy=laptop).applied
    assert _purpose(offline) == "Bo"
    # In the first copy's trail, ana brought Bo's change in.
    assert bring_back(ws, copy=offline).applied == (
        "Claims Copilot: purpose: 'Triage claims' → 'Bo' (by ana)",
    )


def test_a_bring_back_that_was_undone_can_be_brought_back_again(
    ws: Workspace, offline: Workspace
) -> None:
    system = _id(ws, "Claims Copilot")
    update_entity(offline, kind_name="system", entity_id=system, values={"purpose": "Offline"})
    first = bring_back(ws, copy=offline)
    assert first.change is not None
    undone = revert(ws, change=first.change)
    assert _purpose(ws) == "Triage claims"
    again = bring_back(ws, copy=offline)
    assert again.applied == first.applied
    assert _purpose(ws) == "Offline"
    # Undo, redo, undo again: still counted as taken out.
    assert again.change is not None
    redone = revert(ws, change=revert(ws, change=again.change))
    assert _purpose(ws) == "Offline"
    assert bring_back(ws, copy=offline).applied == ()
    revert(ws, change=redone)
    assert bring_back(ws, copy=offline).applied == first.applied
    del undone


def test_a_saved_copy_is_an_offline_copy_too(ws: Workspace, tmp_path: Path) -> None:
    """File > Save a copy… is how a GUI user takes a workspace offline."""
    system = _system(ws, "Claims Copilot", purpose="Triage claims")
    ws.save_copy(tmp_path / "saved.handover")
    with open_workspace(tmp_path / "saved.handover", actor="ana") as copy:
        assert content_hash(copy) == content_hash(ws)
        update_entity(copy, kind_name="system", entity_id=system, values={"purpose": "Saved"})
        assert bring_back(ws, copy=copy).applied
    assert _purpose(ws) == "Saved"


def test_sign_offs_added_or_withdrawn_offline_are_listed_not_applied(
    ws: Workspace, tmp_path: Path
) -> None:
    system = _system(ws, "Claims Copilot")
    person = create_entity(ws, kind_name="person", values={"name": "Ana Ruiz"}).first_id("person")
    values = {"system_id": system, "person_id": person, "signed_on": "2026-12-01"}
    create_entity(ws, kind_name="sign_off", values={**values, "role": "business_owner"})
    copy_workspace(ws, tmp_path / "offline.handover")
    with open_workspace(tmp_path / "offline.handover", actor="ana") as copy:
        [given] = select_rows(copy, "sign_off")
        delete_entity(copy, kind_name="sign_off", entity_id=str(given["id"]))
        create_entity(copy, kind_name="sign_off", values={**values, "role": "data_owner"})
        result = bring_back(ws, copy=copy)
    assert [r["role"] for r in select_rows(ws, "sign_off")] == ["business_owner"]
    assert result.applied == ()
    assert sorted((c.offline, c.here) for c in result.conflicts) == [
        ("added by ana", "not there"),
        ("deleted by ana", "signed"),
    ]


def test_a_column_added_after_the_fork_is_brought_back(ws: Workspace, offline: Workspace) -> None:
    """A newer version may add columns to both sides after the copy was taken."""
    system = _id(ws, "Claims Copilot")
    origin = read_origin(offline)
    for row in origin.fork.base["system"].values():
        del row["workflow"]  # as if the column did not exist at the fork
    with offline.write() as session:
        record_origin(session, source=origin.source, fork=origin.fork, forked_at=origin.forked_at)
    update_entity(offline, kind_name="system", entity_id=system, values={"workflow": "New"})
    result = bring_back(ws, copy=offline)
    assert result.conflicts == ()
    assert select_rows(ws, "ai_system")[0]["workflow"] == "New"


def test_a_copy_open_read_only_is_refused_before_anything_is_applied(
    ws: Workspace, offline: Workspace
) -> None:
    """The copy must record what was brought back, or the same changes would apply again;
    a copy that cannot be written (a read-only attachment, a write-protected stick) is
    refused up front, not after the destination has already changed."""
    system = _id(ws, "Claims Copilot")
    update_entity(offline, kind_name="system", entity_id=system, values={"purpose": "Offline"})
    assert offline.path is not None
    offline.close()
    before = content_hash(ws)
    with open_workspace(offline.path, read_only=True, actor="ana") as read_only:
        assert bring_back(ws, copy=read_only, dry_run=True).applied  # a preview is fine
        with pytest.raises(DomainError, match=r"offline.handover is open read-only"):
            bring_back(ws, copy=read_only)
    assert content_hash(ws) == before


# --- a failure at any step leaves nothing half done; the next bring-back applies once ----
# The copy must know what came back (its fork), or the next bring-back would merge the
# same offline work again: a row brought back and since deleted here would come back.


def _disk_error(message: str) -> sqlalchemy.exc.OperationalError:
    """What SQLAlchemy raises when SQLite cannot write (a full disk, a failing stick)."""
    return sqlalchemy.exc.OperationalError("INSERT", {}, sqlite3.OperationalError(message))


def _raise(fault: BaseException) -> Callable[..., None]:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise fault

    return fail


@contextlib.contextmanager
def _applying_here_fails(ws: Workspace) -> Iterator[None]:
    run = _Merge.run

    def run_then_fail(merge: _Merge) -> None:
        run(merge)
        raise _disk_error("disk I/O error")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_Merge, "run", run_then_fail)
        yield


def _recording_in_the_copy_fails(
    fault: BaseException,
) -> Callable[[Workspace], contextlib.AbstractContextManager[None]]:
    @contextlib.contextmanager
    def inject(ws: Workspace) -> Iterator[None]:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(offline_store, "record_origin", _raise(fault))
            yield

    return inject


@contextlib.contextmanager
def _committing_here_fails(ws: Workspace) -> Iterator[None]:
    """The destination's own commit fails, after everything else was done."""

    def before_commit(session: Session) -> None:
        if str(session.get_bind().url) == str(ws.engine.url):
            raise _disk_error("disk I/O error")

    sqlalchemy.event.listen(Session, "before_commit", before_commit)
    try:
        yield
    finally:
        sqlalchemy.event.remove(Session, "before_commit", before_commit)


@pytest.mark.parametrize(
    "fault",
    [
        _applying_here_fails,
        _recording_in_the_copy_fails(_disk_error("database or disk is full")),
        _recording_in_the_copy_fails(_disk_error("disk I/O error")),
        _recording_in_the_copy_fails(OSError(errno.ENOSPC, "No space left on device")),
        _committing_here_fails,
    ],
    ids=["applying", "recording-disk-full", "recording-io-error", "recording-oserror", "commit"],
)
def test_a_failure_at_any_step_applies_nothing_and_the_next_bring_back_applies_once(
    ws: Workspace,
    offline: Workspace,
    fault: Callable[[Workspace], contextlib.AbstractContextManager[None]],
) -> None:
    system = _id(ws, "Claims Copilot")
    update_entity(offline, kind_name="system", entity_id=system, values={"purpose": "Offline"})
    _system(offline, "Fraud Radar")
    before = content_hash(ws)
    with fault(ws), pytest.raises((OSError, PlannerError)):
        bring_back(ws, copy=offline)
    assert content_hash(ws) == before
    assert "bring_back" not in {e.operation for e in load_events(ws, limit=None)}
    # An edit here takes the event number the failed bring-back would have had.
    update_entity(ws, kind_name="system", entity_id=system, values={"workflow": "Here"})
    result = bring_back(ws, copy=offline)
    assert (len(result.applied), result.conflicts) == (2, ())
    assert (_purpose(ws), len(select_rows(ws, "ai_system", name="Fraud Radar"))) == ("Offline", 1)
    # Brought back once: deleting here what came back is not undone by the copy.
    delete_entity(ws, kind_name="system", entity_id=_id(ws, "Fraud Radar"))
    again = bring_back(ws, copy=offline)
    assert (again.applied, again.conflicts) == ((), ())
    assert select_rows(ws, "ai_system", name="Fraud Radar") == []


def test_a_copy_changed_while_it_is_brought_back_applies_nothing(
    ws: Workspace, offline: Workspace
) -> None:
    system = _id(ws, "Claims Copilot")
    update_entity(offline, kind_name="system", entity_id=system, values={"purpose": "Offline"})
    run = _Merge.run

    def run_while_the_copy_is_edited(merge: _Merge) -> None:
        run(merge)
        update_entity(offline, kind_name="system", entity_id=system, values={"workflow": "Later"})

    before = content_hash(ws)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_Merge, "run", run_while_the_copy_is_edited)
        with pytest.raises(DomainError, match="changed while it was being brought back"):
            bring_back(ws, copy=offline)
    assert content_hash(ws) == before
    assert len(bring_back(ws, copy=offline).applied) == 2
