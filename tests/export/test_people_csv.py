"""People directory as CSV: round trip, a messy file from HR, errors naming the cell, undo."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner import cli
from planner.domain.errors import DomainError
from planner.export.json_export import export_document
from planner.export.people_csv import preview_people_import, write_people_csv
from planner.operations import create_entity, revert, update_entity
from planner.operations.people_import import import_people
from planner.store.plan_loader import load_plan
from planner.store.workspace import Workspace


@pytest.fixture
def directory(ws: Workspace) -> dict[str, str]:
    desk = create_entity(ws, kind_name="team", values={"name": "Service Desk"}).first_id("team")
    ids = {"desk": desk}
    for key, name, email in (
        ("dana", "Dana Lee", "dana@example.org"),
        ("sam", "Sam Park", "sam@example.org"),
        ("sam2", "Sam Park", "spark@example.org"),
    ):
        values = {"name": name, "email": email, "team_id": desk, "timezone": "Europe/London"}
        ids[key] = create_entity(ws, kind_name="person", values=values).first_id("person")
    update_entity(ws, kind_name="person", entity_id=ids["dana"], values={"deputy_id": ids["sam"]})
    return ids  # type: ignore[return-value]


def _import(ws: Workspace, path: Path) -> object:
    preview = preview_people_import(load_plan(ws), path)
    assert preview.errors == ()
    return import_people(
        ws,
        new_teams=preview.new_teams,
        new_people=[p.values for p in preview.new_people],
        updates=preview.updates,
        source=path.name,
    )


def test_export_then_import_is_a_no_op(
    ws: Workspace, directory: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    plan = load_plan(ws)
    write_people_csv(plan, path)
    rows = path.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "Name,Title,Team,E-mail,Phone,Time zone,Deputy"
    # Two Sam Parks: Dana's deputy is written by e-mail so it names one of them.
    assert rows[1].endswith(",sam@example.org")
    preview = preview_people_import(plan, path)
    assert preview.is_empty
    assert preview.errors == ()
    assert preview.unchanged == 3


def test_messy_file_errors_name_the_cell(
    ws: Workspace, directory: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "hr.csv"
    path.write_text(
        "Full name;Job title;Department;Email address;Mobile;TZ;Backup;Notes\n"
        "Dana Lee;Service owner;Service Desk;dana@example.org;;Europe/London;Priya Nair;ok\n"
        "Sam Park;;;;;;;ambiguous\n"
        "Priya Nair;Analyst;Data Platform;priya@example.org;+44 1;Mars/Olympus;;\n"
        "Ravi Shah;;;not-an-email;;;Nobody Here;\n"
        ";;;;;;;\n",
        encoding="utf-8",
    )
    preview = preview_people_import(load_plan(ws), path)
    assert [str(e) for e in preview.errors] == [
        "hr!A3: 2 people are called 'Sam Park'; add the e-mail",
        "hr!F4: 'Mars/Olympus' is not a known time zone (use a name like Europe/Berlin)",
        "hr!G5: no person named 'Nobody Here'",
    ]


def test_import_creates_teams_people_and_deputies_in_one_undoable_step(
    ws: Workspace, directory: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "hr.csv"
    path.write_text(
        "Name,E-mail,Team,Deputy,Time zone\n"
        "Dana Lee,dana@example.org,Service Desk,priya@example.org,Europe/Berlin\n"
        "Priya Nair,priya@example.org,Data Platform,Ravi Shah,\n"
        "Ravi Shah,ravi@example.org,Data Platform,-,\n",
        encoding="utf-8",
    )
    before = export_document(ws)
    preview = preview_people_import(load_plan(ws), path)
    assert [t["name"] for t in preview.new_teams] == ["Data Platform"]
    assert [p.name for p in preview.new_people] == ["Priya Nair", "Ravi Shah"]
    (update,) = preview.updates
    assert set(update.shown) == {
        ("timezone", "Europe/London", "Europe/Berlin"),
        ("deputy", "Sam Park", "priya@example.org"),
    }
    change = _import(ws, path)
    plan = load_plan(ws)
    people = {p.name: p for p in plan.people.values()}
    assert people["Dana Lee"].deputy_id == people["Priya Nair"].id
    assert people["Priya Nair"].deputy_id == people["Ravi Shah"].id
    assert plan.teams[people["Ravi Shah"].team_id].name == "Data Platform"
    revert(ws, change=change)  # type: ignore[arg-type]
    after = export_document(ws)
    for section in ("people", "teams"):
        assert after[section] == before[section]


def test_stale_preview_is_refused(ws: Workspace, directory: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "hr.csv"
    path.write_text("Name,E-mail,Title\nDana Lee,dana@example.org,Owner\n", encoding="utf-8")
    preview = preview_people_import(load_plan(ws), path)
    update_entity(ws, kind_name="person", entity_id=directory["dana"], values={"title": "Lead"})
    with pytest.raises(DomainError, match="changed since the preview"):
        import_people(ws, updates=preview.updates)


def test_cli_people(
    ws: Workspace, directory: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws.close()
    out = tmp_path / "people.csv"
    assert cli.main(["export", "people", str(ws.path), "-o", str(out)]) == 0
    out.write_text(
        out.read_text(encoding="utf-8-sig").replace("Dana Lee,,", "Dana Lee,Owner,"),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert cli.main(["import", "people", str(ws.path), str(out), "--dry-run"]) == 0
    printed = capsys.readouterr().out
    assert "~ people!A2  Dana Lee: title (blank) -> Owner" in printed
    assert cli.main(["import", "people", str(ws.path), str(out)]) == 0
    assert "import people from people.csv: 0 new, 1 changed" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("Name,E-mail\nZed,zed-at-example\n", encoding="utf-8")
    assert cli.main(["import", "people", str(ws.path), str(bad)]) == 2
    captured = capsys.readouterr()
    assert "error: bad!B2: 'zed-at-example' is not an e-mail address" in captured.out
    assert "bad.csv: 1 problem; nothing imported" in captured.err
