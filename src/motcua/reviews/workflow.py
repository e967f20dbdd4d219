"""The allowed status changes of campaigns, review records and draft comments, each with its reason."""

from __future__ import annotations

from motcua.reviews.enums import CampaignStatus, CommentStatus, RecordStatus

#: campaign: from → {to: why}
CAMPAIGN_MOVES: dict[str, dict[str, str]] = {
    # the review plan is issued: the units asked start reviewing (plan task 8)
    CampaignStatus.DRAFT: {CampaignStatus.OPEN: "issued"},
    # the control office closes it to write the summary report (plan task 9)
    CampaignStatus.OPEN: {CampaignStatus.CLOSED: "summarised"},
    # a unit's late or returned record must still be counted
    CampaignStatus.CLOSED: {CampaignStatus.OPEN: "reopened"},
}

#: review record: from → {to: why}
RECORD_MOVES: dict[str, dict[str, str]] = {
    # the reviewing unit sends its result to the control office (task 8: report of the unit)
    RecordStatus.DRAFT: {RecordStatus.SUBMITTED: "submitted"},
    RecordStatus.SUBMITTED: {
        # the control office checks the quality of the review (task 9) and counts it
        RecordStatus.ACCEPTED: "accepted",
        # … or returns it with what to correct
        RecordStatus.DRAFT: "returned",
    },
    RecordStatus.ACCEPTED: {},
}

#: draft comment: from → {to: why}
COMMENT_MOVES: dict[str, dict[str, str]] = {
    CommentStatus.PENDING: {
        CommentStatus.ANSWERED: "answered",  # the unit sent its written comments
        CommentStatus.CANCELLED: "cancelled",  # the request was withdrawn, or needs no comment
    },
    CommentStatus.ANSWERED: {},
    CommentStatus.CANCELLED: {},
}


def allowed(moves: dict[str, dict[str, str]], current: str, target: str) -> bool:
    return target in moves.get(current, {})
