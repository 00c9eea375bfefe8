"""The command line: the GUI by default, subcommands for headless work.

Exit status: 0 success, 1 a check found blockers, 2 a user error (one line on stderr),
70 an unexpected error (its traceback goes to a log file whose path is printed).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from planner import APP_NAME, __version__
from planner.domain.errors import PlannerError

if TYPE_CHECKING:
    from planner.export.pack_input import PackFindings
    from planner.store.snapshot import Plan
    from planner.store.workspace import Workspace

EXIT_OK = 0
EXIT_BLOCKERS = 1
EXIT_USER_ERROR = 2
EXIT_INTERNAL = 70

Handler = Callable[[argparse.Namespace], int]


class UserError(PlannerError):
    """A mistake in the command line itself."""


# --- helpers -------------------------------------------------------------------------


def _actor() -> str | None:
    from planner.preferences import Preferences

    return Preferences.load().actor()


def open_for_reading(path: Path) -> Workspace:
    """Open a workspace read-only (commands that only read never take the lock)."""
    from planner.store.workspace import open_workspace

    return open_workspace(path, read_only=True, actor=_actor())


def open_for_writing(path: Path, *, create: bool = False) -> Workspace:
    from planner.store.workspace import create_workspace, open_workspace

    if create and not path.exists():
        return create_workspace(path, actor=_actor())
    return open_workspace(path, actor=_actor())


@contextlib.contextmanager
def open_new_or_existing(path: Path) -> Iterator[Workspace]:
    """Open ``path`` for writing, creating it if missing; a workspace created here for a
    command that then fails is removed again, so a failed import leaves nothing behind."""
    existed = path.exists()
    try:
        with open_for_writing(path, create=True) as ws:
            yield ws
    except PlannerError:
        if not existed:
            path.unlink(missing_ok=True)
        raise


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


def display_available() -> bool:
    """Whether a GUI can be shown: Qt aborts without a message when it cannot."""
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal", "vnc"):
        return True
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


# --- commands ------------------------------------------------------------------------


def cmd_gui(args: argparse.Namespace) -> int:
    from planner.preferences import default_workspace_path

    if not display_available():
        raise UserError(
            "no display available: run this on a desktop session, or use the subcommands "
            "(see handover-planner --help)"
        )
    path = Path(args.path) if getattr(args, "path", None) else default_workspace_path()
    if getattr(args, "path", None) is None:
        path.parent.mkdir(parents=True, exist_ok=True)
    from planner.app import run

    return run(path, create=getattr(args, "path", None) is None)


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
    with create_workspace(path, actor=_actor()) as ws:
        if args.template:
            add_system(ws, name=args.name or template.name, template=args.template)
    print(f"created {path}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from planner.operations.demo import create_demo

    path = Path(args.path)
    with open_new_or_existing(path) as ws:
        change = create_demo(ws, systems=args.systems, seed=args.seed)
    print(f"{path}: {change.description.lower()}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from planner.domain.interchange import MAX_FILE_BYTES, parse_document
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
    document = parse_document(raw)
    path = Path(args.path)
    with open_new_or_existing(path) as ws:
        change = import_workspace(ws, document=document)
    print(f"{path}: {change.description.lower()}")
    return EXIT_OK


def cmd_export_json(args: argparse.Namespace) -> int:
    from planner.export.json_export import export_json

    with open_for_reading(Path(args.path)) as ws:
        size = export_json(ws, Path(args.output), include_audit=args.audit)
    print(f"wrote {args.output} ({size:,} bytes)")
    return EXIT_OK


def pack_findings(plan: Plan, today: dt.date) -> PackFindings | None:
    """The readiness analysis as the PDF renderer's input (export may not import analysis)."""
    try:
        from planner.analysis import analyse
    except ImportError:  # an install without the analysis prints packs without findings
        return None
    from planner.export.pack_input import PackFinding, PackFindings, SystemFindings

    result = analyse(plan, today=today)
    return PackFindings(
        {
            system_id: SystemFindings(
                score=system.score,
                findings=tuple(
                    PackFinding(
                        rule_id=f.rule_id,
                        severity=str(f.severity.value),
                        message=f.message,
                        remedy=f.remedy,
                        blocking=f.severity.value == "blocker",
                    )
                    for f in system.findings
                ),
            )
            for system_id, system in result.systems.items()
        }
    )


def cmd_export_pdf(args: argparse.Namespace) -> int:
    from planner.export.pdf_export import export_pdf, load_audit, select_systems
    from planner.store.snapshot import load_plan

    output = Path(args.output)
    if output.is_dir():
        raise UserError(f"{output}: is a folder; name the PDF file to write")
    if not output.parent.is_dir():
        raise UserError(f"{output.parent}: no such folder")
    today = args.date or dt.date.today()
    with open_for_reading(Path(args.path)) as ws:
        plan = load_plan(ws)
        chosen = select_systems(plan, args.system)
        audit = load_audit(ws, [s.id for s in chosen])
        actor = ws.actor
    try:
        findings = pack_findings(plan, today)
    except Exception as exc:  # a pack without findings beats no pack; say so
        print(
            f"handover-planner: readiness analysis failed ({type(exc).__name__}); "
            "the pack is printed without findings",
            file=sys.stderr,
        )
        findings = None
    result = export_pdf(
        plan,
        output,
        kind=args.kind,
        system_ids=[s.id for s in chosen] if args.system else None,
        date=today,
        actor=actor,
        findings=findings,
        audit_events=audit,
    )
    print(f"wrote {output} ({result.pages} pages, {result.size:,} bytes)")
    return EXIT_OK


def cmd_templates(_args: argparse.Namespace) -> int:
    from planner.domain.templates import load_templates

    for template in load_templates().values():
        print(f"{template.key:28} {template.name}: {template.description}")
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    from planner.store.audit import recent_events

    with open_for_reading(Path(args.path)) as ws, ws.read() as session:
        events = recent_events(session, limit=args.limit)
    for event in reversed(events):
        when = event.at.strftime("%Y-%m-%d %H:%M:%S")
        target = f"{event.entity_type} {event.entity_id}" if event.entity_id else event.entity_type
        print(f"{event.seq:>6}  {when}Z  {event.actor:<16} {event.operation:<24} {target}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    import json

    from planner.analysis import analyse
    from planner.analysis.report import report_json, report_text
    from planner.store.snapshot import load_plan

    today = args.today or dt.date.today()
    with open_for_reading(Path(args.path)) as ws:
        plan = load_plan(ws)
    if args.system is not None:
        chosen = plan.system_named(args.system)
        if chosen is None:
            raise UserError(f"check: no system named {args.system!r} in {Path(args.path).name}")
        # The whole plan is analysed: key-person rules count across the portfolio.
        analysis = analyse(plan, today=today).only({chosen.id})
    else:
        analysis = analyse(plan, today=today)
    if args.format == "json":
        print(json.dumps(report_json(analysis), indent=2, ensure_ascii=False))
    else:
        print(report_text(analysis))
    return EXIT_BLOCKERS if analysis.blockers else EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from planner.analysis.report import rules_markdown, rules_text

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


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad command line as a UserError (exit 2, one line)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UserError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="handover-planner",
        description=f"{APP_NAME}: plan who keeps an AI system running after the pilot.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.set_defaults(handler=cmd_gui, path=None)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
        sub.set_defaults(handler=handler)
        return sub

    sub = add("open", cmd_gui, "open the GUI on a workspace file (default: your own)")
    sub.add_argument("path", metavar="PATH", nargs="?")

    sub = add("new", cmd_new, "create a workspace, optionally with one system from a template")
    sub.add_argument("path", metavar="PATH")
    sub.add_argument("--template", metavar="T", help="a template key (see 'templates')")
    sub.add_argument("--name", help="name of the system made from the template")

    sub = add("demo", cmd_demo, "create (or add to) a workspace with fictional demo data")
    sub.add_argument("path", metavar="PATH")
    sub.add_argument("--systems", type=positive_int, default=6, metavar="N")
    sub.add_argument("--seed", type=int, default=1, metavar="S")

    sub = add("import", cmd_import, "import a JSON file into a workspace (created if missing)")
    sub.add_argument("path", metavar="PATH")
    sub.add_argument("file", metavar="FILE.json")

    export = add("export", lambda _args: _missing_format(), "export a workspace")
    formats = export.add_subparsers(title="formats", metavar="FORMAT", parser_class=_Parser)
    sub = formats.add_parser("json", help="the JSON interchange format")
    sub.set_defaults(handler=cmd_export_json)
    sub.add_argument("path", metavar="PATH")
    sub.add_argument("-o", "--output", required=True, metavar="OUT.json")
    sub.add_argument("--audit", action="store_true", help="include the audit trail")
    sub = formats.add_parser("pdf", help="handover packs, the portfolio pack, on-call cards")
    sub.set_defaults(handler=cmd_export_pdf)
    sub.add_argument("path", metavar="PATH")
    sub.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    sub.add_argument(
        "--system",
        action="extend",
        nargs="+",
        metavar="NAME",
        help="systems to include, by name (default: all; a pack needs exactly one)",
    )
    sub.add_argument("--kind", choices=("pack", "portfolio", "oncall"), default="pack")
    sub.add_argument(
        "--date", type=parse_date, metavar="YYYY-MM-DD", help="export date (default: today)"
    )

    add("templates", cmd_templates, "list the starter templates")

    sub = add("check", cmd_check, "check plans for readiness gaps (exit 1 if any blocker)")
    sub.add_argument("path", metavar="PATH")
    sub.add_argument("--system", metavar="NAME", help="check one system only")
    sub.add_argument("--format", choices=("text", "json"), default="text")
    sub.add_argument("--today", type=parse_date, metavar="YYYY-MM-DD", help="judge as of this date")

    sub = add("rules", cmd_rules, "list every readiness rule with its explanation")
    sub.add_argument("--markdown", action="store_true", help="print the rules page as Markdown")

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
    return parser


def _missing_format() -> int:
    raise UserError("export: name a format, e.g. 'export json PATH -o OUT.json'")


def _log_crash() -> Path:
    from planner.preferences import log_dir

    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "errors.log"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"--- {dt.datetime.now().isoformat()} {APP_NAME} {__version__}\n")
        handle.write(f"argv: {sys.argv!r}\n")
        traceback.print_exc(file=handle)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
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
        log = _log_crash()
        print(
            f"handover-planner: unexpected error ({type(exc).__name__}); details in {log}",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
