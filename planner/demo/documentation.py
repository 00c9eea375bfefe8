"""Documentation in a demo system's plan: its documents, their owners and reviews."""

from __future__ import annotations

from planner.demo.builder import NEARLY, PILOT, REGULATED, SystemDraft
from planner.domain.enums import DocumentStatus


def add_documents(draft: SystemDraft) -> None:
    """The template's documents, approved and reviewed a month ago unless the state says.

    Drafts in a pilot; nearly ready: draft training material and an overdue user guide;
    regulated: the DPIA is missing.
    """
    b, state, index = draft.builder, draft.state, draft.index
    for document in draft.template.documents:
        doc_type = document.doc_type.value
        status = DocumentStatus.APPROVED
        reviewed: str | None = b.days_ago(30)
        if state in (PILOT, REGULATED):
            status = DocumentStatus.DRAFT
        if state == NEARLY and doc_type == "training_material":
            status = DocumentStatus.DRAFT
        if state == NEARLY and doc_type == "user_guide":
            reviewed = b.days_ago((document.review_interval_days or 365) + 20)
        missing = draft.blank or (state == REGULATED and doc_type == "dpia")
        owner = draft.cast.ml_lead if "model" in doc_type else draft.cast.owner
        b.add(
            "documents",
            system_id=draft.system,
            doc_type=doc_type,
            title=document.title,
            owner_id=None if missing else owner,
            location="" if missing else f"https://wiki.meridian.example/ai/{index + 1}/{doc_type}",
            status=DocumentStatus.MISSING.value if missing else status.value,
            last_reviewed=None if missing else reviewed,
            review_interval_days=document.review_interval_days,
        )
