"""Workspaces for the PDF tests: the hostile one, and rendering with the CLI's inputs."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATE = dt.date(2026, 11, 30)

LATIN = "Grüße aus Köln, Œuvre façade"
GREEK = "Καλημέρα κόσμε"
CYRILLIC = "Здравствуй, мир"
CJK = "数据负责人 日本語のテキスト 한국어"
ARABIC = "مرحبا بالعالم"
HEBREW = "שלום עולם"
DEVANAGARI = "नमस्ते दुनिया क्षत्रिय"
THAI = "สวัสดีชาวโลก"
EMOJI = "Go-live 🚀 ✅ ☎"
SCRIPTS = (LATIN, GREEK, CYRILLIC, CJK, ARABIC, HEBREW, DEVANAGARI, THAI, EMOJI)

HOSTILE = (
    'J&C <b>not bold</b> <a href="http://evil.example">click</a> <img src="/etc/passwd"/> '
    '<font color="red" size="40">big</font> &amp; &lt; "double" \'single\' <para> <br/> '
    '<onDraw name="x"/> <seq id="a"/> </span> & ; <greek>a</greek>'
)
LONG_WORD = "W" * 5000
HUGE = ("The quick brown fox jumps over the lazy dog. " * 30_000)[:1_000_000]


@dataclass
class Built:
    """A workspace on disk and what the tests need to know about it."""

    path: Path
    system: str
    people: dict[str, str]  # name -> id
    teams: dict[str, str]


def _png(colour: tuple[int, int, int]) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def build_hostile(path: Path) -> Built:
    """One system whose every kind of text is multi-script or looks like markup."""
    from planner.operations import (
        add_escalation_level,
        add_system,
        assign_raci,
        create_entity,
        update_entity,
    )
    from planner.store.plan_loader import load_plan
    from planner.store.workspace import create_workspace

    ws = create_workspace(path, actor="tester")
    try:
        plan = load_plan(ws)
        update_entity(
            ws,
            kind_name="workspace_info",
            entity_id=plan.info.id,
            values={
                "organisation": "Ωmega & Söhne <GmbH>",
                "accent_colour": "#7A1F5C",
                "logo": _png((122, 31, 92)),
                "logo_format": "png",
            },
        )
        name = "Triage <b>&</b> 审核 système"
        system_id = add_system(ws, name=name, template="document_extraction").first_id("system")
        assert system_id is not None
        update_entity(
            ws,
            kind_name="system",
            entity_id=system_id,
            values={
                "purpose": "\n".join(SCRIPTS),
                "workflow": HOSTILE,
                "decision": LONG_WORD,
                "user_roles": HUGE,
            },
        )
        teams: dict[str, str] = {}
        for team in ("Ops & Run <L2>", "Служба поддержки", "支援チーム"):
            team_id = create_entity(
                ws, kind_name="team", values={"name": team, "email": "team@example.org"}
            ).first_id("team")
            assert team_id is not None
            teams[team] = team_id
        people: dict[str, str] = {}
        for person, tz in (
            ("Zhang Wei 张伟", "Asia/Shanghai"),
            ("أحمد الفارسي", "Asia/Dubai"),
            ("דוד כהן", "Asia/Jerusalem"),
            ("Ελένη Παπαδοπούλου", "Europe/Athens"),
            ("Дмитрий Иванов", "Europe/Moscow"),
            ('Eve "<script>" O\'Brien & Co', "Europe/Dublin"),
        ):
            person_id = create_entity(
                ws,
                kind_name="person",
                values={
                    "name": person,
                    "email": "p@example.org",
                    "phone": "+49 30 1234",
                    "timezone": tz,
                },
            ).first_id("person")
            assert person_id is not None
            people[person] = person_id
        ids = list(people.values())
        plan = load_plan(ws)
        for index, activity in enumerate(plan.activities):
            assign_raci(
                ws,
                system_id=system_id,
                activity_id=activity.id,
                role="A",
                person_id=ids[index % len(ids)],
            )
        assign_raci(
            ws,
            system_id=system_id,
            activity_id=plan.activities[0].id,
            role="R",
            team_id=teams["Ops & Run <L2>"],
        )
        system = plan.systems[system_id]
        for tier, team_id in zip(system.support_tiers, teams.values(), strict=False):
            update_entity(
                ws,
                kind_name="support_tier",
                entity_id=tier.id,
                values={"team_id": team_id, "address": "queue <#1> & more"},
            )
        sev1 = next(c for c in system.chains if c.chain.severity.value == "sev1")
        for level in sev1.levels:
            from planner.operations import delete_escalation_level

            delete_escalation_level(ws, level_id=level.level.id)
        for position, person_id in enumerate(ids):
            add_escalation_level(
                ws,
                chain_id=sev1.chain.id,
                delay_minutes=position * 15,
                note=f"step {position + 1} of the chain",
                person_ids=[person_id],
            )
        for doc, location in zip(
            system.documents,
            (
                'https://wiki.example.org/run?a=1&b=<2>"x"',
                "javascript:alert(1)",
                "file:///srv/docs/model card.pdf",
            ),
            strict=False,
        ):
            update_entity(
                ws,
                kind_name="document",
                entity_id=doc.id,
                values={
                    "location": location,
                    "owner_id": ids[0],
                    "last_reviewed": dt.date(2025, 1, 1),
                },
            )
        create_entity(
            ws,
            kind_name="document",
            values={"system_id": system_id, "title": HOSTILE, "doc_type": "other"},
        )
    finally:
        ws.close()
    return Built(path, name, people, teams)


def render(path: Path, **kwargs: Any) -> tuple[bytes, int]:
    """Render a workspace file with the same inputs the CLI gives."""
    from planner.analysis import analyse
    from planner.export.pdf.audit import load_audit
    from planner.export.pdf.export import render_pdf
    from planner.store.plan_loader import load_plan
    from planner.store.workspace import open_workspace

    with open_workspace(path, read_only=True, actor="tester") as ws:
        plan = load_plan(ws)
        audit = load_audit(ws, list(plan.systems))
    kwargs.setdefault("analysis", analyse(plan, today=DATE))
    return render_pdf(plan, date=DATE, actor="tester", audit_events=audit, **kwargs)


def text_sizes(data: bytes) -> list[tuple[float, str, int]]:
    """(rendered font size in points, text, page number) of every text run of a PDF.

    The size is the font size scaled by the text and graphics matrices, so text drawn at
    10 pt inside a frame shrunk to a fifth counts as 2 pt.
    """
    from pypdf import PdfReader

    runs: list[tuple[float, str, int]] = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages, start=1):

        def visit(text: str, cm: Any, tm: Any, _font: Any, size: float, n: int = number) -> None:
            if not text.strip():
                return
            a, b, c, d = (
                tm[0] * cm[0] + tm[1] * cm[2],
                tm[0] * cm[1] + tm[1] * cm[3],
                tm[2] * cm[0] + tm[3] * cm[2],
                tm[2] * cm[1] + tm[3] * cm[3],
            )
            del a, b
            runs.append((round(size * (c * c + d * d) ** 0.5, 2), text, n))

        page.extract_text(visitor_text=visit)
    return runs
