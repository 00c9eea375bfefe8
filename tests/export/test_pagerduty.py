"""PagerDuty export: REST API v2 bodies and Terraform JSON from a plan's escalation chains."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from planner import cli
from planner.export.pagerduty import build_model, rest_document, terraform_document
from planner.operations import add_escalation_level, add_system, create_entity
from planner.store.plan_loader import load_plan
from planner.store.workspace import Workspace

START = dt.date(2026, 12, 7)


@pytest.fixture
def oncall(ws: Workspace) -> Workspace:
    """Claims Triage (business hours): SEV1 pages Dana and the Service Desk, then Zoë."""
    system = add_system(ws, name="Claims Triage", purpose="Scores claims.").first_id("system")
    desk = create_entity(ws, kind_name="team", values={"name": "Service Desk"}).first_id("team")
    people = {}
    for name, email, phone, team, zone in (
        ("Dana Lee", "dana@example.org", "+44 20 7946 0000", None, "Europe/London"),
        ("Zoë Haugen", "zoe@example.org", "020 7946 0001", None, ""),
        ("Ravi Shah", "ravi@example.org", "", desk, "Europe/Berlin"),
        ("Ann Noemail", "", "", desk, ""),
    ):
        values = {"name": name, "email": email, "phone": phone, "team_id": team, "timezone": zone}
        people[name] = create_entity(ws, kind_name="person", values=values).first_id("person")
    chain = create_entity(
        ws,
        kind_name="escalation_chain",
        values={"system_id": system, "severity": "sev1", "repeat_loops": 2},
    ).first_id("escalation_chain")
    add_escalation_level(
        ws, chain_id=chain, response_minutes=15, person_ids=[people["Dana Lee"]], team_ids=[desk]
    )
    add_escalation_level(ws, chain_id=chain, delay_minutes=30, person_ids=[people["Zoë Haugen"]])
    return ws


def _model(ws: Workspace) -> Any:
    plan = load_plan(ws)
    return build_model(plan, list(plan.systems.values()), start=START)


def test_rest_document_uses_pagerduty_field_names(oncall: Workspace) -> None:
    model = _model(oncall)
    document = rest_document(model, start=START)
    (policy,) = document["escalation_policies"]
    body = policy["escalation_policy"]
    assert body["type"] == "escalation_policy"
    assert body["name"] == "Claims Triage SEV1"
    assert body["num_loops"] == 2
    # Level 2 is called 30 minutes in: rule 1 waits 30; the last waits for no target: 30.
    rules = body["escalation_rules"]
    assert [r["escalation_delay_in_minutes"] for r in rules] == [30, 30]
    assert rules[0]["targets"] == [
        {"id": "dana_lee", "type": "user_reference"},
        {"id": "service_desk", "type": "schedule_reference"},
    ]
    assert "Level 1: at once, respond within 15 min." in body["description"]
    (schedule,) = document["schedules"]
    layer = schedule["schedule"]["schedule_layers"][0]
    assert schedule["schedule"]["time_zone"] == "Europe/Berlin"
    assert layer["rotation_turn_length_seconds"] == 604800
    assert layer["users"] == [{"user": {"id": "ravi_shah", "type": "user_reference"}}]
    users = {u["id"]: u for u in document["users"]}
    assert set(users) == {"dana_lee", "zoe_haugen", "ravi_shah"}
    assert users["dana_lee"]["user"] == {
        "type": "user",
        "name": "Dana Lee",
        "email": "dana@example.org",
        "time_zone": "Europe/London",
    }
    assert users["dana_lee"]["contact_methods"][1] == {
        "type": "phone_contact_method",
        "label": "Work",
        "country_code": 44,
        "address": "2079460000",
    }
    (service,) = document["services"]
    body = service["service"]
    assert body["escalation_policy"] == {"id": policy["id"], "type": "escalation_policy_reference"}
    assert body["incident_urgency_rule"]["type"] == "use_support_hours"
    assert body["support_hours"] == {
        "type": "fixed_time_per_day",
        "time_zone": "UTC",
        "days_of_week": [1, 2, 3, 4, 5],
        "start_time": "09:00:00",
        "end_time": "17:00:00",
    }
    assert body["scheduled_actions"][0]["at"] == {
        "type": "named_time",
        "name": "support_hours_start",
    }


def test_what_the_plan_lacks_is_a_warning_not_an_invention(oncall: Workspace) -> None:
    warnings = _model(oncall).warnings
    assert "Ann Noemail has no e-mail address; PagerDuty needs one, so they are left out" in (
        warnings
    )
    assert any(w.startswith("Zoë Haugen's phone '020 7946 0001'") for w in warnings)
    assert any("Service Desk: the plan has no on-call rotation" in w for w in warnings)
    assert any("last level has no response target" in w for w in warnings)
    assert any("business hours taken as 09:00-17:00" in w for w in warnings)


def test_terraform_document(oncall: Workspace) -> None:
    document = terraform_document(_model(oncall), start=START)
    resources = document["resource"]
    assert set(resources) == {
        "pagerduty_user",
        "pagerduty_user_contact_method",
        "pagerduty_schedule",
        "pagerduty_escalation_policy",
        "pagerduty_service",
    }
    policy = resources["pagerduty_escalation_policy"]["claims_triage_sev1"]
    assert policy["rule"][0]["target"][1] == {
        "type": "schedule_reference",
        "id": "${pagerduty_schedule.service_desk.id}",
    }
    service = resources["pagerduty_service"]["claims_triage"]
    assert service["escalation_policy"] == "${pagerduty_escalation_policy.claims_triage_sev1.id}"
    assert service["support_hours"][0]["type"] == "fixed_time_per_day"
    assert service["incident_urgency_rule"][0]["during_support_hours"] == [
        {"type": "constant", "urgency": "high"}
    ]
    assert resources["pagerduty_schedule"]["service_desk"]["layer"][0]["users"] == [
        "${pagerduty_user.ravi_shah.id}"
    ]


def test_cli_prints_warnings_on_stderr(
    oncall: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    oncall.close()
    out = tmp_path / "pd.json"
    assert cli.main(["export", "pagerduty", str(oncall.path), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "warning: Ann Noemail has no e-mail address" in captured.err
    assert json.loads(out.read_text(encoding="utf-8"))["services"][0]["id"] == "claims_triage"
    tf = tmp_path / "main.tf.json"
    args = ["export", "pagerduty", str(oncall.path), "-o", str(tf), "--terraform"]
    assert cli.main(args) == 0
    assert "pagerduty_service" in json.loads(tf.read_text(encoding="utf-8"))["resource"]
    assert cli.main([*args, "--system", "Nope"]) == 2
    assert "no system named 'Nope'" in capsys.readouterr().err


def test_demo_portfolio_exports(demo_plan: Any) -> None:
    model = build_model(demo_plan, list(demo_plan.systems.values()), start=START)
    document = rest_document(model, start=START)
    refs = [u["id"] for u in document["users"]]
    assert len(refs) == len(set(refs))
    assert all(r[0].isalpha() for r in refs)
    for policy in document["escalation_policies"]:
        for rule in policy["escalation_policy"]["escalation_rules"]:
            assert rule["escalation_delay_in_minutes"] >= 1
            assert rule["targets"]
