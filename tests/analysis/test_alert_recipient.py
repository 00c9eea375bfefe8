"""MON-003: a signal whose alert person was deleted, with no team or channel left, is found."""

from __future__ import annotations

from pathlib import Path

from analysis_plans import TODAY, build_complete

from planner.analysis import analyse
from planner.operations import create_entity, delete_entity, update_entity
from planner.store.plan_loader import load_plan
from planner.store.workspace import Workspace, create_workspace


def _alert_findings(ws: Workspace) -> list[tuple[str, str, str]]:
    analysis = analyse(load_plan(ws), today=TODAY)
    return [(f.rule_id, f.message, f.remedy) for f in analysis.findings if f.rule_id == "MON-003"]


def _person(ws: Workspace, name: str) -> str:
    return create_entity(ws, kind_name="person", values={"name": name}).first_id("person")


def test_deleting_the_only_alert_receiver_leaves_a_finding_naming_the_signal(
    tmp_path: Path,
) -> None:
    ws = create_workspace(tmp_path / "w.handover", actor="tester")
    try:
        system_id = build_complete(ws)
        signal = load_plan(ws).systems[system_id].signals[0]
        receiver = _person(ws, "Noor Haddad")
        values = {"alert_channel": "", "alert_team_id": None, "alert_person_id": receiver}
        update_entity(ws, kind_name="monitoring_signal", entity_id=signal.id, values=values)
        assert _alert_findings(ws) == []

        delete_entity(ws, kind_name="person", entity_id=receiver)

        signal = load_plan(ws).systems[system_id].signals[0]
        assert signal.alert_person_id is None  # the delete set it NULL
        [(_rule, message, remedy)] = _alert_findings(ws)
        assert signal.metric in message
        assert message.startswith("nobody receives the alerts of the ")
        assert "alert person, an alert team or an alert channel" in remedy
    finally:
        ws.close()


def test_no_finding_while_a_team_or_a_channel_still_receives_the_alerts(tmp_path: Path) -> None:
    ws = create_workspace(tmp_path / "w.handover", actor="tester")
    try:
        system_id = build_complete(ws)
        signal = load_plan(ws).systems[system_id].signals[0]
        team = create_entity(ws, kind_name="team", values={"name": "Ops"}).first_id("team")
        receiver = _person(ws, "Noor Haddad")
        for kept in ({"alert_team_id": team}, {"alert_channel": "#ml-alerts"}):
            values = {"alert_channel": "", "alert_team_id": None, "alert_person_id": receiver}
            update_entity(
                ws, kind_name="monitoring_signal", entity_id=signal.id, values=values | kept
            )
            delete_entity(ws, kind_name="person", entity_id=receiver)
            assert _alert_findings(ws) == []
            receiver = _person(ws, "Noor Haddad")
    finally:
        ws.close()
