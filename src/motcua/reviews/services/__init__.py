"""Writes to reviews: campaigns, review records with their costs, and comments on drafts."""

from motcua.reviews.services.campaigns import (
    campaign_close,
    campaign_create,
    campaign_open,
    campaign_reopen,
    campaign_update,
)
from motcua.reviews.services.comments import (
    draft_comment_answer,
    draft_comment_cancel,
    draft_comment_create,
    draft_comment_update,
)
from motcua.reviews.services.records import (
    AssessmentInput,
    CostLineInput,
    ProposalInput,
    record_accept,
    record_create,
    record_return,
    record_submit,
    record_update,
)

__all__ = [
    "AssessmentInput",
    "CostLineInput",
    "ProposalInput",
    "campaign_close",
    "campaign_create",
    "campaign_open",
    "campaign_reopen",
    "campaign_update",
    "draft_comment_answer",
    "draft_comment_cancel",
    "draft_comment_create",
    "draft_comment_update",
    "record_accept",
    "record_create",
    "record_return",
    "record_submit",
    "record_update",
]
