"""Rules about documentation: the required documents, their owners, approval and reviews."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from planner.analysis.policy import Level
from planner.analysis.rule import Context, Hit, lower, rule
from planner.domain.enums import DocumentStatus, DocumentType, LifecycleStage
from planner.domain.plan import Document, SystemPlan
from planner.domain.templates import load_templates


def document_reasons(ctx: Context, system: SystemPlan) -> dict[DocumentType, str]:
    """Each document type the system needs, with why: from its facts, then its template.

    What a system needs follows from what it is (personal data, risk, real users), so a
    plan made without a template, or from a lighter one, is held to the same facts.
    """
    row = system.system
    reasons = {doc: "every system needs one" for doc in ctx.policy.default_documents}
    if row.processes_personal_data:
        reasons[DocumentType.DPIA] = "the system processes personal data"
    elif row.regulated:
        reasons[DocumentType.DPIA] = "the system is regulated"
    if row.risk_tier in ctx.policy.high_risk_tiers:
        reasons[DocumentType.VALIDATION_REPORT] = (
            f"the system is {row.risk_tier} risk, so it needs independent "
            "validation and bias testing"
        )
    if ctx.live(system):
        reasons.setdefault(DocumentType.SUPPORT_PROCESS, "real users depend on the system")
        reasons.setdefault(DocumentType.TRAINING_MATERIAL, "real users depend on the system")
    template = load_templates().get(row.template or "")
    if template is not None:
        for doc in template.required_documents:
            reasons.setdefault(doc, f"the {template.name} template lists it")
    return reasons


def required_documents(ctx: Context, system: SystemPlan) -> frozenset[DocumentType]:
    """The document types the system needs (see ``document_reasons``)."""
    return frozenset(document_reasons(ctx, system))


def _present(document: Document) -> bool:
    return document.status != DocumentStatus.MISSING


@rule(
    "DOC-001",
    Level.BLOCKER,
    title="Required document missing",
    explanation="""The people who run the system after the pilot team has moved on learn it
        from its documents: the runbook for incidents, the model card for what the model may
        and may not be used for, the user guide for everyone else. What else is required
        follows from the system's facts: a DPIA where it processes personal data or is
        regulated, an independent validation and bias-testing report at high or critical
        risk, a support process and training material once real users depend on it, and
        whatever its template lists. A required document that does not exist is knowledge
        that leaves with the pilot team.""",
    remedy="Write the document (or record where it already lives) and set its status to draft.",
    page="documentation",
)
def missing_document(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for doc_type, why in sorted(document_reasons(ctx, system).items()):
        rows = [d for d in system.documents if d.doc_type == doc_type]
        if not any(_present(d) for d in rows):
            label = lower(DocumentType(doc_type).label)
            placeholder = "; only a placeholder marked missing" if rows else ""
            yield Hit(
                f"no {label} ({why}{placeholder})",
                tuple(("document", d.id) for d in rows) or (("system", system.id),),
                remedy=f"Write the {label} (or record where it already lives) and set its "
                "status to draft.",
            )


@rule(
    "DOC-002",
    Level.WARNING,
    title="Document without an owner",
    explanation="""A document nobody owns is not kept current; within a year it describes a
        system that no longer exists.""",
    remedy="Name the person who keeps this document current.",
    page="documentation",
)
def document_without_owner(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for document in system.documents:
        if _present(document) and document.owner_id is None:
            yield Hit(f"'{document.title}' has no owner", (("document", document.id),))


@rule(
    "DOC-003",
    Level.WARNING,
    title="Document without a location",
    explanation="""A document that exists but cannot be found at 3 a.m. does not exist for the
        person handling the incident.""",
    remedy="Record the link or path where the document lives.",
    page="documentation",
)
def document_without_location(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for document in system.documents:
        if _present(document) and not document.location.strip():
            yield Hit(f"'{document.title}' has no location", (("document", document.id),))


def _required_drafts(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    """Required documents still in draft (a blocker or a warning, by stage)."""
    required = required_documents(ctx, system)
    for document in system.documents:
        if document.doc_type in required and document.status == DocumentStatus.DRAFT:
            yield Hit(f"'{document.title}' is still a draft", (("document", document.id),))


@rule(
    "DOC-004",
    Level.BLOCKER,
    title="Production system with an unapproved required document",
    explanation="""In production, draft documents are a liability: an unreviewed runbook or
        model card is what people will follow, including its mistakes.""",
    remedy="Review and approve the document, then set its status to approved.",
    page="documentation",
)
def unapproved_in_production(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    if system.system.stage == LifecycleStage.PRODUCTION:
        yield from _required_drafts(ctx, system)


@rule(
    "DOC-006",
    Level.WARNING,
    title="Required document still a draft in limited rollout",
    explanation="""During a limited rollout real users already rely on the documents; a draft
        that is still a draft when the system reaches production becomes a blocker then.""",
    remedy="Review and approve the document before the move to production.",
    page="documentation",
)
def draft_in_rollout(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    if system.system.stage == LifecycleStage.LIMITED_ROLLOUT:
        yield from _required_drafts(ctx, system)


@rule(
    "DOC-005",
    Level.WARNING,
    title="Document overdue for review",
    explanation="""A review interval is a promise that the document is checked against the
        running system; once it lapses nobody knows whether the document is still true.""",
    remedy="Review the document and record the date of the review.",
    page="documentation",
)
def overdue_review(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for document in system.documents:
        last, interval = document.last_reviewed, document.review_interval_days
        if last is None or interval is None:
            continue
        due = last + dt.timedelta(days=interval)
        if due < ctx.today:
            yield Hit(
                f"'{document.title}' was due for review on {due.isoformat()}",
                (("document", document.id),),
            )
