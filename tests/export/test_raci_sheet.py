"""RACI spreadsheets: export layout, tolerant import of messy sheets, preview, round trips."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from planner import cli
from planner.domain.enums import RaciRole
from planner.export.json_export import export_document
from planner.export.raci_sheet import write_raci_csv, write_raci_xlsx
from planner.export.raci_sheet_import import parse_cell, preview_raci_import
from planner.operations import add_system, assign_raci, create_entity, revert, sign_off
from planner.operations.raci_import import import_raci
from planner.store.plan_loader import load_plan
from planner.store.workspace import Workspace


def _activity(ws: Workspace, key: str) -> str:
    return next(a.id for a in load_plan(ws).activities if a.key == key)


@pytest.fixture
def planned(ws: Workspace) -> dict[str, str]:
    """Two systems, two teams, three people (two called Sam Park), a few roles."""
    ids: dict[str, str] = {}
    ids["claims"] = add_system(ws, name="Claims Triage").first_id("system") or ""
    ids["fraud"] = add_system(ws, name="Fraud Scoring").first_id("system") or ""
    for key, name in (("desk", "Service Desk"), ("ml", "ML Engineering")):
        ids[key] = create_entity(ws, kind_name="team", values={"name": name}).first_id("team")  # type: ignore[assignment]
    people = (
        ("dana", "Dana Lee", "dana@example.org", "desk"),
        ("sam1", "Sam Park", "sam.park@example.org", "desk"),
        ("sam2", "Sam Park", "spark@example.org", "ml"),
    )
    for key, name, email, team in people:
        ids[key] = create_entity(
            ws,
            kind_name="person",
            values={"name": name, "email": email, "team_id": ids[team]},
        ).first_id("person")  # type: ignore[assignment]
    support = _activity(ws, "support")
    assign_raci(ws, system_id=ids["claims"], activity_id=support, person_id=ids["dana"], role="A")
    assign_raci(ws, system_id=ids["claims"], activity_id=support, team_id=ids["desk"], role="R")
    retrain = _activity(ws, "retraining")
    assign_raci(ws, system_id=ids["claims"], activity_id=retrain, person_id=ids["sam2"], role="A")
    assign_raci(ws, system_id=ids["fraud"], activity_id=support, person_id=ids["sam1"], role="I")
    return ids


def _messy_workbook(path: Path) -> None:
    """A sheet as a PM keeps it: a title, notes, header variants, mixed-up cells."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Claims"
    sheet.append(["RACI for Claims Triage — draft v3"])
    sheet.append(["Owner: the PMO; ask Dana"])
    sheet.append(
        [
            "Activity",
            "dana@example.org",
            "Sam Park (ML Engineering)",
            "Service Desk (team)",
            "Notes",
            "Priya Nair <priya@example.org>",
            "Misc",
        ]
    )
    sheet.append(["Support", "a", "-", "R, C", "handled by desk", "s", "who knows"])
    sheet.append(["retraining", "", "A/R", "", "", "", ""])
    sheet.append(["Monitoring", "Acc", "", "i", "", "R", ""])
    sheet.append(["Teleportation", "R", "", "", "", "", ""])
    sheet.append([])
    sheet.append(["Legend: R responsible, A accountable", "", "", "", "", "", ""])
    book.save(path)


def test_parse_cell_reads_what_people_type() -> None:
    assert parse_cell(" r ") == (RaciRole.RESPONSIBLE, None)
    assert parse_cell("-") == (None, None)
    assert parse_cell("") == (None, None)
    assert parse_cell("Accountable") == (RaciRole.ACCOUNTABLE, None)
    role, note = parse_cell("A/R")
    assert role == RaciRole.ACCOUNTABLE
    assert note == '"A/R": a cell holds one role; A is kept'
    role, note = parse_cell("S")
    assert role == RaciRole.CONSULTED
    assert note is not None
    assert "RASCI" in note
    with pytest.raises(ValueError, match='"Acc" is not one of R, A, C, I'):
        parse_cell("Acc")


def test_messy_sheet_preview_names_every_bad_cell(
    ws: Workspace, planned: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "claims.xlsx"
    _messy_workbook(path)
    preview = preview_raci_import(load_plan(ws), path, system="Claims Triage")
    errors = [str(e) for e in preview.errors]
    assert errors == [
        'Claims!B6: "Acc" is not one of R, A, C, I',
        'Claims!A7: "Teleportation" is not an activity of this workspace',
    ]
    assert [p.name for p in preview.new_people] == ["Priya Nair"]
    assert preview.new_people[0].email == "priya@example.org"
    assert preview.new_people[0].where == "Claims!F3"
    cells = {c.where: (c.assignee_name, c.before, c.role) for c in preview.changes}
    # Support: Dana stays A, the desk keeps R (C dropped with a note), Priya's S becomes C.
    assert "Claims!B4" not in cells
    assert "Claims!D4" not in cells
    assert cells["Claims!F4"] == ("Priya Nair", None, RaciRole.CONSULTED)
    # Retraining: Sam Park of ML Engineering is already A ("A/R" keeps A).
    assert "Claims!C5" not in cells
    assert cells["Claims!D6"] == ("Service Desk (team)", None, RaciRole.INFORMED)
    assert cells["Claims!F6"] == ("Priya Nair", None, RaciRole.RESPONSIBLE)
    notes = [str(n) for n in preview.notes]
    assert 'Claims!D4: "R, C": a cell holds one role; R is kept' in notes
    assert any(n.startswith('Claims!F4: "s": S (supports, from RASCI) is kept as C') for n in notes)
    assert 'Claims!G3: "Misc" ignored: no roles in it' in notes


def test_cli_refuses_sheet_with_errors_and_writes_nothing(
    ws: Workspace, planned: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "claims.xlsx"
    _messy_workbook(path)
    before = export_document(ws)
    ws.close()
    code = cli.main(["import", "raci", str(ws.path), str(path), "--system", "Claims Triage"])
    captured = capsys.readouterr()
    assert code == 2
    assert 'error: Claims!B6: "Acc" is not one of R, A, C, I' in captured.out
    assert "2 problems; nothing imported" in captured.err
    with _open(ws.path) as again:
        assert _strip(export_document(again)) == _strip(before)


def _open(path: Path) -> Any:
    from planner.store.workspace import open_workspace

    return open_workspace(path, actor="tester")


def _strip(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "generator"}


def test_import_is_one_operation_and_undo_restores(
    ws: Workspace, planned: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "fixed.xlsx"
    _messy_workbook(path)
    book = load_workbook(path)
    sheet = book["Claims"]
    sheet["B6"] = "C"
    sheet.delete_rows(7)
    book.save(path)
    before = export_document(ws)
    preview = preview_raci_import(load_plan(ws), path, system="Claims Triage")
    assert preview.errors == ()
    change = import_raci(
        ws,
        cells=preview.changes,
        new_people=preview.new_people,
        new_teams=preview.new_teams,
        source=path.name,
    )
    plan = load_plan(ws)
    claims = plan.systems[planned["claims"]]
    priya = next(p for p in plan.people.values() if p.name == "Priya Nair")
    assert priya.email == "priya@example.org"
    roles = {(r.activity_id, r.person_id or r.team_id): r.role for r in claims.raci}
    assert roles[(_activity(ws, "monitoring"), priya.id)] == RaciRole.RESPONSIBLE
    assert roles[(_activity(ws, "monitoring"), planned["dana"])] == RaciRole.CONSULTED
    with ws.read() as session:
        from planner.store.audit import recent_events

        events = recent_events(session, limit=1)
    assert events[0].operation == "import_raci"
    assert change.seq == events[0].seq
    revert(ws, change=change)
    assert export_document(ws)["raci"] == before["raci"]
    assert export_document(ws)["people"] == before["people"]


def test_blank_cell_removes_and_stale_preview_is_refused(
    ws: Workspace, planned: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "plan.csv"
    plan = load_plan(ws)
    write_raci_csv(plan, path, list(plan.systems.values()))
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    header = rows[0]
    dana = header.index("Dana Lee (Service Desk)")
    support = next(i for i, r in enumerate(rows) if r[:2] == ["Claims Triage", "Support"])
    rows[support][dana] = ""
    path.write_text("\n".join(",".join(r) for r in rows), encoding="utf-8")
    preview = preview_raci_import(plan, path)
    assert [(c.kind, c.where) for c in preview.changes] == [("remove", f"plan!C{support + 1}")]
    assign_raci(
        ws,
        system_id=planned["claims"],
        activity_id=_activity(ws, "support"),
        person_id=planned["dana"],
        role="C",
    )
    from planner.domain.errors import DomainError

    with pytest.raises(DomainError, match="changed since the preview"):
        import_raci(ws, cells=preview.changes, source=path.name)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_is_a_no_op(
    ws: Workspace, planned: dict[str, str], tmp_path: Path, suffix: str
) -> None:
    plan = load_plan(ws)
    path = tmp_path / f"raci{suffix}"
    writer = write_raci_xlsx if suffix == ".xlsx" else write_raci_csv
    writer(plan, path, list(plan.systems.values()))
    preview = preview_raci_import(plan, path)
    assert preview.errors == ()
    assert preview.is_empty
    assert preview.unchanged == 4
    assert preview.systems == ("Claims Triage", "Fraud Scoring")


def test_xlsx_layout(ws: Workspace, planned: dict[str, str], tmp_path: Path) -> None:
    plan = load_plan(ws)
    path = tmp_path / "raci.xlsx"
    write_raci_xlsx(plan, path, list(plan.systems.values()))
    book = load_workbook(path)
    assert book.sheetnames == ["Summary", "Claims Triage", "Fraud Scoring"]
    sheet = book["Claims Triage"]
    assert sheet["A1"].value == "Claims Triage"
    headers = [c.value for c in sheet[2]]
    # Two Sam Parks in different teams: the team tells them apart.
    assert headers == [
        "Activity",
        "Dana Lee (Service Desk)",
        "Sam Park (ML Engineering)",
        "Service Desk (team)",
    ]
    assert sheet.freeze_panes == "B3"
    assert sheet["B3"].value == "A"
    validation = sheet.data_validations.dataValidation[0]
    assert validation.formula1 == '"R,A,C,I"'
    assert "B3" in str(validation.sqref)
    rules = [r.formula[0] for rng in sheet.conditional_formatting for r in rng.rules]
    assert any('"A")=0' in f for f in rules)
    assert any('"A")>1' in f for f in rules)
    assert any('"R")=0' in f for f in rules)
    assert sheet.column_dimensions["B"].width >= len("Dana Lee (Service Desk)")
    summary = book["Summary"]
    assert [c.value for c in summary[1]][:3] == ["System", "Stage", "Sheet"]
    assert summary["C2"].hyperlink is not None


def test_locked_system_is_reported(ws: Workspace, planned: dict[str, str], tmp_path: Path) -> None:
    for role in ("business_owner", "it_operations", "data_owner", "support_lead"):
        sign_off(
            ws,
            system_id=planned["fraud"],
            role=role,
            person_id=planned["dana"],
            signed_on=dt.date(2026, 1, 5),
        )
    plan = load_plan(ws)
    path = tmp_path / "raci.csv"
    write_raci_csv(plan, path, [plan.systems[planned["fraud"]]])
    text = path.read_text(encoding="utf-8-sig").replace(",I", ",A")
    path.write_text(text, encoding="utf-8")
    preview = preview_raci_import(plan, path)
    assert [str(e) for e in preview.errors] == [
        "'Fraud Scoring' is signed off and locked; reopen it before importing"
    ]


def test_cli_export_and_import_raci(
    ws: Workspace, planned: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws.close()
    out = tmp_path / "raci.xlsx"
    assert (
        cli.main(["export", "raci", str(ws.path), "-o", str(out), "--system", "claims triage"]) == 0
    )
    assert load_workbook(out).sheetnames == ["Summary", "Claims Triage"]
    book = load_workbook(out)
    book["Claims Triage"]["C3"] = "r"
    book.save(out)
    capsys.readouterr()
    assert cli.main(["import", "raci", str(ws.path), str(out), "--dry-run"]) == 0
    printed = capsys.readouterr().out
    assert "+ Claims Triage!C3  Claims Triage / Support / Sam Park: R" in printed
    assert "dry run: nothing written" in printed
    book = load_workbook(out)
    book["Claims Triage"]["F2"] = "Olu Ade"
    book["Claims Triage"]["F3"] = "I"
    book.save(out)
    assert cli.main(["import", "raci", str(ws.path), str(out), "--no-create"]) == 0
    printed = capsys.readouterr().out
    assert "Olu Ade" not in printed
    assert "import RACI from raci.xlsx: 1 cell in 1 system" in printed
    assert cli.main(["import", "raci", str(ws.path), str(out), "--no-create"]) == 0
    assert "nothing to change" in capsys.readouterr().out
    assert cli.main(["export", "raci", str(ws.path), "-o", str(tmp_path / "x.txt")]) == 2
    assert cli.main(["import", "raci", str(ws.path), str(tmp_path / "nope.xlsx")]) == 2
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a zip")
    assert cli.main(["import", "raci", str(ws.path), str(bad)]) == 2
    assert "bad.xlsx: not a workbook" in capsys.readouterr().err


def test_semicolon_csv_from_european_excel(
    ws: Workspace, planned: dict[str, str], tmp_path: Path
) -> None:
    """Excel with a comma as decimal mark saves CSV with semicolons in the ANSI code page."""
    path = tmp_path / "Claims.csv"
    text = "Activity;Dana Lee;Zoë Haugen\r\nSupport;A;\r\nMonitoring;;R\r\n"
    path.write_bytes(text.encode("cp1252"))
    preview = preview_raci_import(load_plan(ws), path, system="Claims Triage")
    assert preview.errors == ()
    assert [p.name for p in preview.new_people] == ["Zoë Haugen"]
    assert [(c.where, c.role) for c in preview.changes] == [("Claims!C3", RaciRole.RESPONSIBLE)]


@given(
    st.lists(st.sampled_from("RACIraci"), min_size=1, max_size=4),
    st.sampled_from(["/", ", ", " ", ";", " & "]),
)
def test_combined_cells_keep_the_strongest_role(letters: list[str], separator: str) -> None:
    role, note = parse_cell(separator.join(letters))
    strongest = min({x.upper() for x in letters}, key="ARCI".index)
    assert role == RaciRole(strongest)
    assert (note is None) == (len({x.upper() for x in letters}) == 1)


@given(st.text(max_size=12))
@example(",")  # found by hypothesis: only separators crashed the reader
def test_any_cell_is_read_or_named_in_the_error(text: str) -> None:
    message = ""
    try:
        parse_cell(text)
    except ValueError as exc:
        message = str(exc)
    assert message in ("", f'"{text.strip()}" is not one of R, A, C, I')


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("source", ["demo_path", "hostile"])
def test_round_trip_of_awkward_workspaces(
    source: str, suffix: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """Names in many scripts, markup, long names, duplicates: the sheet reads back unchanged."""
    value = request.getfixturevalue(source)
    path = value if isinstance(value, Path) else value.path
    from planner.store.workspace import open_workspace

    with open_workspace(path, read_only=True, actor="tester") as opened:
        plan = load_plan(opened)
    out = tmp_path / f"raci{suffix}"
    (write_raci_xlsx if suffix == ".xlsx" else write_raci_csv)(
        plan, out, list(plan.systems.values())
    )
    preview = preview_raci_import(plan, out)
    assert [str(e) for e in preview.errors] == []
    assert preview.changes == ()
    assert preview.new_people == ()
    assert preview.unchanged == sum(len(s.raci) for s in plan)


def test_namesakes_outside_the_sheet_do_not_make_its_headers_ambiguous(
    ws: Workspace, planned: dict[str, str], tmp_path: Path
) -> None:
    """Found at 300 systems: a header named a person whose namesake had no role there."""
    for email, team in (("lee.chan@example.org", None), ("lchan@example.org", None), ("", "desk")):
        values = {"name": "Lee Chan", "email": email, "team_id": planned.get(team or "")}
        create_entity(ws, kind_name="person", values=values)
    chan = next(p.id for p in load_plan(ws).people.values() if p.email == "lchan@example.org")
    support = _activity(ws, "support")
    assign_raci(ws, system_id=planned["fraud"], activity_id=support, person_id=chan, role="C")
    plan = load_plan(ws)
    path = tmp_path / "raci.csv"
    write_raci_csv(plan, path, [plan.systems[planned["fraud"]]])
    preview = preview_raci_import(plan, path)
    assert [str(e) for e in preview.errors] == []
    assert preview.is_empty
    assert "Lee Chan <lchan@example.org>" in path.read_text(encoding="utf-8-sig")
