"""The command line: the GUI by default, subcommands for headless work.

Exit status: 0 success, 1 a check found blockers, 2 a user error (one line on stderr),
70 an unexpected error (its traceback goes to a log file whose path is printed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import shlex
import sys
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from planner import APP_NAME, __version__
from planner.domain.errors import PlannerError
from planner.domain.wording import lower_first
from planner.logs import log_path, setup_logging

if TYPE_CHECKING:
    from planner.domain.plan import Plan, SystemPlan
    from planner.store.workspace import Workspace

EXIT_OK = 0
EXIT_BLOCKERS = 1
EXIT_USER_ERROR = 2
EXIT_INTERNAL = 70

Handler = Callable[[argparse.Namespace], int]
T = TypeVar("T")
log = logging.getLogger(__name__)


class UserError(PlannerError):
    """A mistake in the command line itself."""


# --- helpers -------------------------------------------------------------------------


def _actor() -> str | None:
    from planner.preferences import Preferences

    return Preferences.load().actor()


def _tell(ws: Workspace) -> Workspace:
    """Say in one line each how the workspace was opened, when that is news (a rolled-back
    crash, a read-only file)."""
    for notice in ws.notices:
        print(f"handover-planner: {notice}", file=sys.stderr)
    return ws


def open_for_reading(location: str) -> Workspace:
    """Open a workspace file or server read-only (reading never takes the lock)."""
    from planner.store.locations import open_location

    return _tell(open_location(location, read_only=True, actor=_actor()))


def open_for_writing(location: str) -> Workspace:
    """Open an existing workspace file or server for writing (one line if it cannot be)."""
    from planner.store.locations import open_location

    ws = open_location(location, actor=_actor())
    if ws.read_only:
        ws.close()
        raise UserError(f"{ws.display} cannot be changed: {ws.read_only_reason}")
    return _tell(ws)


def existing_workspace(location: str) -> str:
    """``location`` if it names a server or an existing workspace file (one line if not)."""
    from planner.store.server_url import is_server_url

    if not is_server_url(location):
        existing_file(Path(location), "a workspace")
    return location


def write_new_or_existing(location: str, work: Callable[[Workspace], T]) -> tuple[T, str]:
    """Run ``work`` on a workspace for writing, creating a missing file; return its result
    and where it ran (without a password).

    A new file appears only once ``work`` has finished in it, so a failed or killed import
    to a new path leaves nothing behind. A server workspace is never created here.
    """
    from planner.store.server_url import is_server_url
    from planner.store.workspace import create_workspace

    path = Path(location)
    if is_server_url(location) or path.exists() or path.is_symlink():
        with open_for_writing(location) as ws:
            return work(ws), ws.location
    results: list[T] = []
    create_workspace(path, actor=_actor(), fill=lambda ws: results.append(work(ws))).close()
    return results[0], str(path)


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-01-31") from None


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


# Five times the largest portfolio the benchmarks measure; beyond it a typo (999999)
# would run for hours writing gigabytes.
MAX_DEMO_SYSTEMS = 10_000


def demo_size(text: str) -> int:
    value = positive_int(text)
    if value > MAX_DEMO_SYSTEMS:
        raise argparse.ArgumentTypeError(f"must be at most {MAX_DEMO_SYSTEMS:,}")
    return value


def display_available() -> bool:
    """Whether a GUI can be shown: Qt aborts without a message when it cannot."""
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal", "vnc"):
        return True
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


# --- commands ------------------------------------------------------------------------


def cmd_gui(args: argparse.Namespace) -> int:
    from planner.preferences import workspace_to_reopen

    if not display_available():
        raise UserError(
            "no display available: run this on a desktop session, or use the subcommands "
            "(see handover-planner --help)"
        )
    from planner.app import run
    from planner.store.server_url import is_server_url

    given = getattr(args, "path", None)
    if given and is_server_url(given):
        # A server workspace: the window connects (and asks for a password if needed).
        return run(given.strip())
    # With no file named: the workspace used last, else the start screen (first run).
    return run(Path(given) if given else workspace_to_reopen())


def cmd_new(args: argparse.Namespace) -> int:
    from planner.operations import add_system
    from planner.store.workspace import create_workspace

    path = Path(args.path)
    if args.template:
        from planner.domain.templates import get_template

        try:
            template = get_template(args.template)
        except KeyError as exc:
            raise UserError(str(exc.args[0])) from None

    def fill(ws: Workspace) -> None:
        if args.template:
            add_system(ws, name=args.name or template.name, template=args.template)

    create_workspace(path, actor=_actor(), fill=fill).close()
    print(f"created {path}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from planner.demo import create_demo

    change, where = write_new_or_existing(
        args.path, lambda ws: create_demo(ws, systems=args.systems, seed=args.seed)
    )
    print(f"{where}: {lower_first(change.description)}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """``import PATH FILE.json`` or ``import FORMAT PATH FILE`` (json, raci)."""
    importers: dict[str, Handler] = {
        "json": cmd_import_json,
        "raci": cmd_import_raci,
        "people": cmd_import_people,
    }
    fmt = args.format or "json"
    if fmt != "raci" and (args.system or args.no_create):
        raise UserError(f"import {fmt}: --system and --no-create are for 'import raci'")
    if fmt == "json" and args.dry_run:
        raise UserError("import json: --dry-run is for 'import raci' and 'import people'")
    return importers[fmt](args)


def _preview_only(preview: Any, source: Path, *, dry_run: bool) -> bool:
    """Print an import's preview; True when nothing is to be written (a dry run, no
    change). A preview with problems is refused in one line, and nothing is written."""
    from planner.domain.wording import count_of

    print(preview.text())
    if preview.errors:
        raise UserError(
            f"{source.name}: {count_of(len(preview.errors), 'problem')}; nothing imported"
        )
    if dry_run or preview.is_empty:
        print("dry run: nothing written" if dry_run else "nothing to change")
        return True
    return False


def cmd_import_people(args: argparse.Namespace) -> int:
    from planner.export.people_csv import preview_people_import
    from planner.operations.people_import import import_people
    from planner.store.plan_loader import load_plan

    source = existing_file(Path(args.file), "a CSV file")
    path = existing_workspace(args.path)
    with open_for_reading(path) if args.dry_run else open_for_writing(path) as ws:
        preview = preview_people_import(load_plan(ws), source)
        if _preview_only(preview, source, dry_run=args.dry_run):
            return EXIT_OK
        change = import_people(
            ws,
            new_teams=preview.new_teams,
            new_people=[p.values for p in preview.new_people],
            updates=preview.updates,
            source=source.name,
        )
    print(f"{ws.location}: {lower_first(change.description)}")
    return EXIT_OK


def cmd_export_people(args: argparse.Namespace) -> int:
    from planner.export.people_csv import write_people_csv
    from planner.store.plan_loader import load_plan

    output = Path(args.output)
    if output.suffix.lower() != ".csv":
        raise UserError(f"{output.name}: name a .csv file to write")
    if not output.parent.is_dir():
        raise UserError(f"{output.parent}: no such folder")
    with open_for_reading(args.path) as ws:
        plan = load_plan(ws)
    size = write_people_csv(plan, output)
    print(f"wrote {output} ({len(plan.people)} people, {size:,} bytes)")
    return EXIT_OK


def existing_file(path: Path, what: str) -> Path:
    if not path.exists():
        raise UserError(f"{path}: no such file")
    if path.is_dir():
        raise UserError(f"{path}: is a folder, not {what}")
    return path


def cmd_import_raci(args: argparse.Namespace) -> int:
    from planner.export.raci_sheet_import import preview_raci_import
    from planner.operations.raci_import import import_raci
    from planner.store.plan_loader import load_plan

    source = existing_file(Path(args.file), "a spreadsheet")
    path = existing_workspace(args.path)
    with open_for_reading(path) if args.dry_run else open_for_writing(path) as ws:
        preview = preview_raci_import(load_plan(ws), source, system=args.system)
        if args.no_create:
            unknown = [p.id for p in preview.new_people] + [t.id for t in preview.new_teams]
            preview = preview.without_new(unknown)
        if _preview_only(preview, source, dry_run=args.dry_run):
            return EXIT_OK
        change = import_raci(
            ws,
            cells=preview.changes,
            new_people=preview.new_people,
            new_teams=preview.new_teams,
            source=source.name,
        )
    print(f"{ws.location}: {lower_first(change.description)}")
    return EXIT_OK


def _read_for_export(args: argparse.Namespace) -> tuple[Path, Plan, list[SystemPlan]]:
    """The file to write (its folder must exist), the plan, and the systems --system names."""
    from planner.export.raci_sheet import select_systems
    from planner.store.plan_loader import load_plan

    output = Path(args.output)
    if not output.parent.is_dir():
        raise UserError(f"{output.parent}: no such folder")
    with open_for_reading(args.path) as ws:
        plan = load_plan(ws)
    return output, plan, select_systems(plan, args.system)


def _report_written(output: Path, systems: Sequence[object], size: int, warnings: list[str]) -> int:
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"wrote {output} ({len(systems)} systems, {size:,} bytes, {len(warnings)} warnings)")
    return EXIT_OK


def cmd_export_raci(args: argparse.Namespace) -> int:
    from planner.export.raci_sheet import write_raci_csv, write_raci_xlsx

    writers = {".xlsx": write_raci_xlsx, ".csv": write_raci_csv}
    writer = writers.get(Path(args.output).suffix.lower())
    if writer is None:
        raise UserError(f"{Path(args.output).name}: name a .xlsx or .csv file to write")
    output, plan, systems = _read_for_export(args)
    size = writer(plan, output, systems)
    print(f"wrote {output} ({len(systems)} systems, {size:,} bytes)")
    return EXIT_OK


def cmd_export_pagerduty(args: argparse.Namespace) -> int:
    from planner.export.pagerduty import write_pagerduty

    output, plan, systems = _read_for_export(args)
    size, warnings = write_pagerduty(plan, output, systems, terraform=args.terraform)
    return _report_written(output, systems, size, warnings)


def cmd_export_backstage(args: argparse.Namespace) -> int:
    from planner.export.backstage import write_backstage

    output, plan, systems = _read_for_export(args)
    size, warnings = write_backstage(plan, output, systems)
    return _report_written(output, systems, size, warnings)


def cmd_import_json(args: argparse.Namespace) -> int:
    from planner.domain.interchange import MAX_FILE_BYTES, InterchangeError, parse_document
    from planner.operations.interchange import import_workspace

    source = Path(args.file)
    try:
        if source.stat().st_size > MAX_FILE_BYTES:
            raise UserError(
                f"{source.name}: larger than the {MAX_FILE_BYTES // 2**20} MiB import limit"
            )
        raw = source.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{source}: is a folder, not a JSON file") from None
    try:
        document = parse_document(raw)
        change, where = write_new_or_existing(
            args.path, lambda ws: import_workspace(ws, document=document)
        )
    except InterchangeError as exc:
        # "$" is the document itself in the error's path: say which file that is.
        raise UserError(f"{source.name}: {str(exc).removeprefix('$: ')}") from None
    print(f"{where}: {lower_first(change.description)}")
    return EXIT_OK


def cmd_export_json(args: argparse.Namespace) -> int:
    from planner.export.json_export import export_json

    with open_for_reading(args.path) as ws:
        size = export_json(ws, Path(args.output), include_audit=args.audit)
    print(f"wrote {args.output} ({size:,} bytes)")
    return EXIT_OK


def cmd_export_pdf(args: argparse.Namespace) -> int:
    from planner.analysis import analyse
    from planner.export.pdf.audit import load_audit
    from planner.export.pdf.export import export_pdf, select_systems
    from planner.store.audit_chain import workspace_head
    from planner.store.plan_loader import load_plan
    from planner.store.workspace import os_user

    output = Path(args.output)
    if output.is_dir():
        raise UserError(f"{output}: is a folder; name the PDF file to write")
    if not output.parent.is_dir():
        raise UserError(f"{output.parent}: no such folder")
    today = args.date or dt.date.today()
    with open_for_reading(args.path) as ws:
        plan = load_plan(ws)
        chosen = select_systems(plan, args.system)
        audit = load_audit(ws, [s.id for s in chosen])
        chain_head = str(workspace_head(ws))
    # The cover names who exported it: --by, else the name in Preferences, else the OS
    # user; with none the cover says how to set one (never "unknown").
    actor = args.by or _actor() or os_user() or ""
    # A pack is never printed without its findings: its readers trust it to name the gaps.
    analysis = analyse(plan, today=today)
    result = export_pdf(
        plan,
        output,
        kind=args.kind,
        system_ids=[s.id for s in chosen] if args.system else None,
        date=today,
        actor=actor,
        analysis=analysis,
        audit_events=audit,
        chain_head=chain_head,
    )
    print(f"wrote {output} ({result.pages} pages, {result.size:,} bytes)")
    return EXIT_OK


def cmd_templates(_args: argparse.Namespace) -> int:
    from planner.domain.templates import load_templates

    for template in load_templates().values():
        print(f"{template.key:28} {template.name}: {template.description}")
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    from planner.store.audit import load_events

    with open_for_reading(args.path) as ws:
        events = load_events(ws, limit=args.limit)
    for event in reversed(events):
        when = event.at.strftime("%Y-%m-%d %H:%M:%S")
        target = f"{event.entity_type} {event.entity_id}" if event.entity_id else event.entity_type
        print(f"{event.seq:>6}  {when}Z  {event.actor:<16} {event.operation:<24} {target}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    import json

    from planner.analysis import analyse
    from planner.analysis.report import report_json, report_text
    from planner.domain.wording import count_of
    from planner.store.audit_chain import verify_workspace
    from planner.store.plan_loader import load_plan

    today = args.today or dt.date.today()
    with open_for_reading(args.path) as ws:
        plan = load_plan(ws)
        tampering = verify_workspace(ws)
    if args.system is not None:
        chosen = plan.system_named(args.system)
        if chosen is None:
            raise UserError(f"check: no system named {args.system!r} in {ws.display}")
        # The whole plan is analysed: key-person rules count across the portfolio.
        analysis = analyse(plan, today=today).only({chosen.id})
        tampering = [t for t in tampering if t.system_id in (None, chosen.id)]
    else:
        analysis = analyse(plan, today=today)
    if args.format == "json":
        report = report_json(analysis)
        report["integrity"] = [t.as_json() for t in tampering]
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(report_text(analysis))
        if tampering:
            signs = count_of(len(tampering), "sign")
            print(f"\nIntegrity: {signs} of changes made outside the app")
            for tamper in tampering:
                print(f"  [{tamper.kind}] {tamper.message}")
    return EXIT_BLOCKERS if analysis.blockers or tampering else EXIT_OK


def cmd_audit_head(args: argparse.Namespace) -> int:
    from planner.store.audit_chain import verify_workspace_chain, workspace_head

    with open_for_reading(args.path) as ws:
        tip = workspace_head(ws)
        broken = verify_workspace_chain(ws)
    print(tip)
    if broken:
        print(f"handover-planner: {broken[0].message}", file=sys.stderr)
        return EXIT_BLOCKERS
    return EXIT_OK


def cmd_copy(args: argparse.Namespace) -> int:
    from planner.store.copying import copy_workspace
    from planner.store.server_url import is_server_url

    with open_for_reading(args.source) as source:
        result = copy_workspace(source, args.destination)
    print(
        f"copied {result.rows:,} rows to {result.destination}; "
        f"content hash {result.digest[:16]} verified"
    )
    if not is_server_url(args.destination):
        print(
            "to bring the changes made in it back later: handover-planner bring-back "
            f"{shlex.quote(args.destination)} {shlex.quote(args.source)}"
        )
    return EXIT_OK


def cmd_bring_back(args: argparse.Namespace) -> int:
    from planner.operations.bring_back import bring_back

    existing_workspace(args.copy)
    existing_workspace(args.destination)
    if Path(args.copy).resolve() == Path(args.destination).resolve():
        raise UserError("bring-back: COPY and DEST are the same file; name the offline copy first")
    open_copy = open_for_reading if args.dry_run else open_for_writing
    with open_copy(args.copy) as copy, open_for_writing(args.destination) as destination:
        result = bring_back(destination, copy=copy, dry_run=args.dry_run)
    print("\n".join(result.report()))
    if args.dry_run:
        print("\nnothing was changed (dry run)")
    return EXIT_OK


def cmd_server_init(args: argparse.Namespace) -> int:
    from planner.store.server import init_server

    location = init_server(args.url, owner=args.owner, app_role=args.app_role, actor=_actor())
    print(
        f"created a workspace in {location.label}, owned by {args.owner}; "
        f"{args.app_role} may edit plans and append to (never change) the audit trail"
    )
    return EXIT_OK


def cmd_reassign(args: argparse.Namespace) -> int:
    from planner.operations.reassign import (
        find_assignee,
        find_person,
        locked_message,
        plan_handover,
        reassign_responsibilities,
    )
    from planner.store.locations import open_location
    from planner.store.plan_loader import load_plan

    with open_location(args.path, read_only=args.dry_run, actor=_actor()) as ws:
        plan = load_plan(ws)
        source = find_person(plan, args.source)
        to_person, to_team = find_assignee(plan, args.target)
        system_id = None
        if args.system is not None:
            chosen = plan.system_named(args.system)
            if chosen is None:
                raise UserError(f"reassign: no system named {args.system!r} in {ws.display}")
            system_id = chosen.id
        target = {"to_person_id": to_person, "to_team_id": to_team, "system_id": system_id}
        handover = plan_handover(
            plan, from_person_id=source, skip_locked=args.skip_locked, **target
        )
        for move in handover.moves:
            mark = {"move": "move ", "merge": "merge", "skip": "skip "}[move.kind.value]
            where = move.system_name or "(no system)"
            note = f"  [{move.note}]" if move.note else ""
            print(f"{mark}  {where}: {move.what}{note}")
        if handover.locked_systems and not args.skip_locked:
            raise UserError(f"reassign: {locked_message(handover.locked_systems)} (--skip-locked)")
        count, skipped = len(handover.applied), len(handover.skipped)
        left = f" ({skipped} left as they are)" if skipped else ""
        if not count:
            print(f"{handover.from_name} has nothing to hand over to {handover.to_name}{left}")
            return EXIT_OK
        if args.dry_run:
            print(
                f"dry run: would hand over {count} responsibilities of {handover.from_name} "
                f"to {handover.to_name}{left}"
            )
            return EXIT_OK
        change = reassign_responsibilities(
            ws, from_person_id=source, skip_locked=args.skip_locked, **target
        )
        where = ws.location
    print(f"{where}: {change.description}{left}")
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from planner.analysis.report import framework_text, rules_markdown, rules_text

    if args.framework is not None:
        try:
            print(framework_text(args.framework), end="")
        except KeyError as exc:
            raise UserError(f"rules: {exc.args[0]}") from None
        return EXIT_OK

    print(rules_markdown() if args.markdown else rules_text(), end="")
    return EXIT_OK


def cmd_install_desktop(args: argparse.Namespace) -> int:
    from planner.desktop_integration import install_desktop, uninstall_desktop

    report = uninstall_desktop() if args.remove else install_desktop()
    verb = "removed" if args.remove else "wrote"
    for path in report.files:
        print(f"{verb} {path}")
    if args.remove and not report.files:
        print("nothing to remove: the desktop integration was not installed")
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    return EXIT_OK


# --- parser --------------------------------------------------------------------------


PROG = "handover-planner"


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad command line as a UserError (exit 2, one line), and
    keeps the names of the commands added to it (argparse has no public way to list them)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.command_names: list[str] = []
        # Options that take every value after them (--system A B): a PATH typed after
        # their values is read as one more, and "PATH is required" needs saying why.
        self.list_options: list[str] = []

    def add_list_option(self, flag: str, **kwargs: Any) -> None:
        self.add_argument(flag, action="extend", nargs="+", **kwargs)
        self.list_options.append(flag)

    def error(self, message: str) -> None:  # type: ignore[override]
        if "PATH" in message and self.list_options:
            flags = " and ".join(self.list_options)
            message += f" (put PATH before {flags}, which takes every name after it)"
        # The error line already starts "handover-planner: "; say the command once.
        command = self.prog.removeprefix(PROG).strip()
        raise UserError(f"{command}: {message}" if command else message)


def build_parser() -> _Parser:
    parser = _Parser(
        prog=PROG,
        description=f"{APP_NAME}: plan who keeps an AI system running after the pilot.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.set_defaults(handler=cmd_gui, path=None)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        parser.command_names.append(name)
        sub.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
        sub.set_defaults(handler=handler)
        return sub

    # Added in the order `--help` lists them.
    _add_workspace_commands(add)
    export = add("export", lambda _args: _missing_format(), "export a workspace")
    formats = export.add_subparsers(title="formats", metavar="FORMAT", parser_class=_Parser)
    _add_export_formats(formats)
    add("templates", cmd_templates, "list the starter templates")
    _add_check_commands(add)
    _add_maintenance_commands(add)
    _add_bring_back_command(add)
    return parser


_Add = Callable[[str, Handler, str], argparse.ArgumentParser]


def _add_workspace_commands(add: _Add) -> None:
    """open, new, demo, import: making and filling a workspace."""
    sub = add(
        "open",
        cmd_gui,
        "open the GUI on a workspace file or a postgresql:// server workspace "
        "(default: your own file)",
    )
    sub.add_argument("path", metavar="PATH", nargs="?")

    sub = add("new", cmd_new, "create a workspace, optionally with one system from a template")
    sub.add_argument("path", metavar="PATH")
    sub.add_argument("--template", metavar="T", help="a template key (see 'templates')")
    sub.add_argument("--name", help="name of the system made from the template")

    sub = add("demo", cmd_demo, "create (or add to) a workspace with fictional demo data")
    sub.add_argument("path", metavar="PATH")
    sub.add_argument("--systems", type=demo_size, default=6, metavar="N")
    sub.add_argument("--seed", type=int, default=1, metavar="S")

    sub = add(
        "import",
        cmd_import,
        "import into a workspace: a JSON file (the workspace is created if missing), or "
        "'import raci PATH FILE.xlsx|FILE.csv' for a RACI spreadsheet, "
        "'import people PATH FILE.csv' for the people directory",
    )
    sub.add_argument("format", metavar="FORMAT", nargs="?", choices=("json", "raci", "people"))
    sub.add_argument("path", metavar="PATH")
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--system", metavar="NAME", help="raci: the system every sheet goes to")
    sub.add_argument(
        "--dry-run", action="store_true", help="raci, people: print the preview, write nothing"
    )
    sub.add_argument(
        "--no-create",
        action="store_true",
        help="raci: skip the columns of people and teams the workspace does not know",
    )


def _add_check_commands(add: _Add) -> None:
    """check, rules, audit-head: judging a plan and anchoring its audit chain."""
    sub = add("check", cmd_check, "check plans for readiness gaps (exit 1 if any blocker)")
    sub.add_argument("path", metavar="PATH")
    sub.add_argument("--system", metavar="NAME", help="check one system only")
    sub.add_argument("--format", choices=("text", "json"), default="text")
    sub.add_argument("--today", type=parse_date, metavar="YYYY-MM-DD", help="judge as of this date")

    sub = add("rules", cmd_rules, "list every readiness rule with its explanation")
    sub.add_argument("--markdown", action="store_true", help="print the rules page as Markdown")
    sub.add_argument(
        "--framework",
        metavar="NAME",
        help="print one standard's items and the rules serving them "
        "(nist-ai-rmf, iso-42001, eu-ai-act, google-sre-prr, itil)",
    )

    sub = add(
        "audit-head",
        cmd_audit_head,
        "print the audit chain head (event number and hash) to keep as an anchor",
    )
    sub.add_argument("path", metavar="PATH")


def _add_bring_back_command(add: _Add) -> None:
    """bring-back: merge an offline copy's changes into the workspace it came from."""
    sub = add(
        "bring-back",
        cmd_bring_back,
        "merge the changes made in an offline copy back into the workspace it came from",
    )
    sub.description = (
        "Apply what changed in COPY (a file made with 'copy') since it was taken to DEST, "
        "field by field. Where both sides changed the same thing, DEST's version is kept and "
        "the conflict is listed; signed-off systems in DEST are not changed."
    )
    sub.add_argument("copy", metavar="COPY", help="the offline copy (a .handover file)")
    sub.add_argument(
        "destination", metavar="DEST", help="the workspace file or postgresql:// URL it came from"
    )
    sub.add_argument(
        "--dry-run", action="store_true", help="list what would change, change nothing"
    )


def _add_maintenance_commands(add: _Add) -> None:
    """copy, server, reassign, desktop integration, audit."""
    sub = add("copy", cmd_copy, "copy a workspace between files and servers, audit trail included")
    sub.add_argument("source", metavar="SRC", help="a workspace file or postgresql:// URL")
    sub.add_argument(
        "destination", metavar="DEST", help="a new file, or a server workspace just initialised"
    )

    server = add("server", lambda _args: _missing_server_command(), "team workspaces on a server")
    server_commands = server.add_subparsers(
        title="commands", metavar="COMMAND", parser_class=_Parser
    )
    sub = server_commands.add_parser(
        "init", help="create the workspace schema in an empty PostgreSQL database"
    )
    sub.set_defaults(handler=cmd_server_init)
    sub.add_argument("url", metavar="URL", help="postgresql://admin@host/database")
    sub.add_argument("--owner", required=True, metavar="ROLE", help="the role owning the tables")
    sub.add_argument(
        "--app-role", required=True, metavar="ROLE", help="the role the app connects as"
    )

    sub = add("reassign", cmd_reassign, "hand a person's responsibilities over to someone else")
    sub.add_argument("path", metavar="PATH")
    sub.add_argument("--from", dest="source", required=True, metavar="NAME", help="a person")
    sub.add_argument(
        "--to", dest="target", required=True, metavar="NAME", help="a person or a team"
    )
    sub.add_argument("--system", metavar="NAME", help="only this system")
    sub.add_argument("--dry-run", action="store_true", help="list the moves, change nothing")
    sub.add_argument(
        "--skip-locked", action="store_true", help="leave signed-off systems as they are"
    )

    sub = add("install-desktop", cmd_install_desktop, "add the app to your desktop's menu")
    sub.set_defaults(remove=False)
    sub.description = (
        "Add the menu entry, the icon and the .handover file type under your XDG data folder "
        "(~/.local/share), so double-clicking a workspace opens it here."
    )
    sub = add("uninstall-desktop", cmd_install_desktop, "remove what install-desktop added")
    sub.set_defaults(remove=True)

    sub = add("audit", cmd_audit, "print the audit trail, oldest first")
    sub.add_argument("path", metavar="PATH")
    sub.add_argument("--limit", type=positive_int, metavar="N", help="only the newest N events")


def _add_export_formats(formats: argparse._SubParsersAction[_Parser]) -> None:
    """The formats of `export`: json, pdf, raci, people, pagerduty, backstage."""
    sub = formats.add_parser("json", help="the JSON interchange format")
    sub.set_defaults(handler=cmd_export_json)
    sub.add_argument("path", metavar="PATH")
    sub.add_argument("-o", "--output", required=True, metavar="OUT.json")
    sub.add_argument("--audit", action="store_true", help="include the audit trail")
    sub = formats.add_parser("pdf", help="handover packs, the portfolio pack, on-call cards")
    sub.set_defaults(handler=cmd_export_pdf)
    sub.add_argument("path", metavar="PATH")
    sub.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    sub.add_list_option(
        "--system",
        metavar="NAME",
        help="systems to include, by name (default: all; a pack needs exactly one)",
    )
    sub.add_argument("--kind", choices=("pack", "portfolio", "oncall"), default="pack")
    sub.add_argument(
        "--date", type=parse_date, metavar="YYYY-MM-DD", help="export date (default: today)"
    )
    sub.add_argument(
        "--by",
        metavar="NAME",
        help="who exports it, for the cover and the PDF's author "
        "(default: your name in Preferences, else your OS user name)",
    )

    sub = formats.add_parser("raci", help="RACI spreadsheet: xlsx (a sheet per system) or CSV")
    sub.set_defaults(handler=cmd_export_raci)
    sub.add_argument("path", metavar="PATH")
    sub.add_argument("-o", "--output", required=True, metavar="FILE.xlsx|FILE.csv")
    sub.add_list_option("--system", metavar="NAME", help="systems (default: all)")

    sub = formats.add_parser("pagerduty", help="escalation policies, schedules, users, services")
    sub.set_defaults(handler=cmd_export_pagerduty)
    sub.add_argument("path", metavar="PATH")
    sub.add_argument("-o", "--output", required=True, metavar="OUT.json")
    sub.add_list_option("--system", metavar="NAME", help="systems (default: all)")
    sub.add_argument(
        "--terraform", action="store_true", help="Terraform JSON (.tf.json) for the provider"
    )

    sub = formats.add_parser("backstage", help="a Backstage catalog (catalog-info.yaml)")
    sub.set_defaults(handler=cmd_export_backstage)
    sub.add_argument("path", metavar="PATH")
    sub.add_argument("-o", "--output", required=True, metavar="catalog-info.yaml")
    sub.add_list_option("--system", metavar="NAME", help="systems (default: all)")

    sub = formats.add_parser("people", help="the people directory as CSV")
    sub.set_defaults(handler=cmd_export_people)
    sub.add_argument("path", metavar="PATH")
    sub.add_argument("-o", "--output", required=True, metavar="people.csv")


def _missing_server_command() -> int:
    raise UserError("server: name a command, e.g. 'server init URL --owner ROLE --app-role ROLE'")


def _missing_format() -> int:
    raise UserError("export: name a format, e.g. 'export json PATH -o OUT.json'")


def _open_by_default(argv: Sequence[str] | None, commands: Collection[str]) -> list[str]:
    """``handover-planner URL`` (or an existing ``FILE``) means ``handover-planner open ...``;
    a command's name stays the command, even when a file has that name."""
    words = list(sys.argv[1:] if argv is None else argv)
    if len(words) != 1 or words[0].startswith("-"):
        return words
    word = words[0]
    from planner.store.server_url import is_server_url

    if word not in commands and (is_server_url(word) or Path(word).is_file()):
        return ["open", word]
    return words


def main(argv: Sequence[str] | None = None) -> int:
    setup_logging()
    try:
        parser = build_parser()
        args = parser.parse_args(_open_by_default(argv, parser.command_names))
        return int(args.handler(args))
    except PlannerError as exc:
        print(f"handover-planner: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        # A file the user named could not be read or written: their problem to fix, not ours.
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"handover-planner: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("handover-planner: interrupted", file=sys.stderr)
        return 130
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    except Exception as exc:
        log.exception("Unexpected error; argv %r", sys.argv)
        print(
            f"handover-planner: unexpected error ({type(exc).__name__}); details in {log_path()}",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
